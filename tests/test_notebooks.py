"""The notebooks run top to bottom on a fresh machine, and are stored without outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


def test_the_three_notebooks_exist():
    assert NAMES == [
        "01_quickstart.ipynb",
        "02_corpus_analysis.ipynb",
        "03_custom_lexicon_and_model.ipynb",
    ]


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_stored_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name}: strip the outputs before committing"
            assert cell.execution_count is None, f"{name}: strip the execution counts"
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_top_to_bottom(name, monkeypatch):
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    monkeypatch.setenv("MPLBACKEND", "Agg")  # inherited by the kernel
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        timeout=900,  # per cell: 02 analyses the 253-post shared corpus when present
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError naming the cell that failed
    errors = [
        out
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.get("output_type") == "error"
    ]
    assert errors == []


@pytest.mark.slow
def test_every_chart_shows_inline_in_jupyter(monkeypatch):
    """Regression: the first chart once set up Jupyter's inline backend inside the font
    context, which then reverted ``interactive`` so later charts were never shown."""
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel picks the inline backend
    setup = (
        "import pandas as pd\n"
        "import newsnlp.plot as nplot\n"
        "from newsnlp.schemas import frame_from_records\n"
        "ents = frame_from_records([\n"
        "    {'article_id': a, 'entity': e, 'type': 'company', 'mentions': 1, 'sentiment': s}\n"
        "    for a, e, s in [('a1', '小米', 0.5), ('a1', '徕卡', 0.2), ('a2', '小米', -0.1)]\n"
        "], 'entities')\n"
        "arts = frame_from_records([\n"
        "    {'article_id': 'a1', 'text': 't', 'published_at': '2022-01-01T00:00:00Z'},\n"
        "    {'article_id': 'a2', 'text': 't', 'published_at': '2022-02-01T00:00:00Z'},\n"
        "], 'articles')"
    )
    charts = [
        "ax = nplot.mentions_over_time(ents, arts)",
        "ax = nplot.sentiment_by_entity(ents)",
        "ax = nplot.cooccurrence_network(ents)",
    ]
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(src) for src in [setup, *charts]]
    )
    nbclient.NotebookClient(nb, kernel_name="python3", timeout=300).execute()
    shown = [
        any("image/png" in out.get("data", {}) for out in cell.outputs) for cell in nb.cells[1:]
    ]
    assert shown == [True, True, True]
