"""The README's Python examples run, in order, as a user would paste them.

Each ```python block is executed in one namespace from a scratch directory where
``examples/`` points at the repo's sample articles, so files the examples write
(keywords.json, features.db, report.html …) never land in the repo.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.S)


@pytest.mark.slow
def test_readme_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    (tmp_path / "examples").symlink_to(REPO / "examples", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    blocks = _python_blocks((REPO / "README.md").read_text(encoding="utf-8"))
    assert len(blocks) >= 8
    namespace: dict[str, object] = {}
    for i, block in enumerate(blocks):
        try:
            exec(compile(block, f"README.md python block {i + 1}", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message is the point
            pytest.fail(f"README python block {i + 1} failed: {type(exc).__name__}: {exc}\n{block}")
    assert os.path.exists("report.html")


def test_readme_keeps_the_two_fresh_machine_commands() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert "newsnlp analyze examples/articles --out out/" in text
    assert 'pip install -e ".[dev]" && python3 -m pytest -q' in text
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install --quiet -e ".[dev]"' in ci and "python -m pytest -q" in ci
