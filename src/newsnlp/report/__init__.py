"""The HTML report of a scored corpus: one self-contained file that works offline.

>>> from newsnlp.report import build_report
>>> build_report("out/", "report.html")          # doctest: +SKIP
PosixPath('report.html')

Also on the command line: ``newsnlp report RESULT_DIR --out report.html``.
"""

from __future__ import annotations

from newsnlp.report.load import load_result, open_result
from newsnlp.report.render import build_report, render_report

__all__ = ["build_report", "load_result", "open_result", "render_report"]
