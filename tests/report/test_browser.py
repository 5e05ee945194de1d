"""The report in a real headless browser (Debian's chromium): Chinese shows as glyphs.

Skipped when no chromium is installed (``apt-get install chromium``). The page must
not depend on the machine's fonts: the report embeds its own CJK font subset, so
these tests pass on a machine without any CJK font installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from newsnlp.report import build_report
from newsnlp.report.webfont import EMBEDDED_FAMILY, font_face_css

PIL = pytest.importorskip("PIL.Image")

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

GLYPHS = "小米徕卡雷军"
CELL = 100


def _screenshot(page: Path, png: Path, tmp: Path, *, size: str) -> Path:
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--virtual-time-budget=10000",  # let the embedded font load before the shot
        f"--user-data-dir={tmp / 'chromium-profile'}",
        f"--screenshot={png}",
        f"--window-size={size}",
        page.resolve().as_uri(),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    assert png.is_file() and png.stat().st_size > 0
    return png


def test_embedded_font_draws_distinct_chinese_glyphs_in_chromium(tmp_path):
    css = font_face_css(GLYPHS)
    if not css:
        pytest.skip("no CJK font file to embed (install mplfonts)")
    cells = "".join(
        f'<div style="position:absolute;left:{i * CELL}px;top:0;width:{CELL}px;height:{CELL}px;'
        f'font-size:80px;line-height:{CELL}px;text-align:center">{c}</div>'
        for i, c in enumerate(GLYPHS)
    )
    page = tmp_path / "glyphs.html"
    page.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{css}\n'
        f'body {{ margin:0; background:#fff; color:#000; font-family:"{EMBEDDED_FAMILY}"; }}'
        f"</style></head><body>{cells}</body></html>",
        encoding="utf-8",
    )
    png = _screenshot(
        page, tmp_path / "glyphs.png", tmp_path, size=f"{CELL * len(GLYPHS) + 200},{CELL + 200}"
    )  # tiny windows render blank
    image = PIL.open(png).convert("L")
    crops = [image.crop((i * CELL, 0, (i + 1) * CELL, CELL)) for i in range(len(GLYPHS))]
    inked = [sum(1 for v in crop.tobytes() if v < 128) for crop in crops]
    assert all(n > 150 for n in inked), inked  # every cell has a drawn glyph
    # Missing glyphs are drawn as identical boxes ("tofu"); real ones all differ.
    pixels = [crop.point(lambda v: 0 if v < 128 else 255).tobytes() for crop in crops]
    assert len(set(pixels)) == len(GLYPHS)


def test_report_renders_in_chromium(parquet_dir, tmp_path):
    report = build_report(parquet_dir, tmp_path / "report.html")
    png = _screenshot(report, tmp_path / "report.png", tmp_path, size="1280,2000")
    image = PIL.open(png).convert("L")
    assert image.size == (1280, 2000)
    dark = sum(1 for v in image.tobytes() if v < 100)
    assert dark > 20_000, "the page looks blank"
