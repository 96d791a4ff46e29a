"""Takes docs/report-page-N.png: pages of the PDF report of the modular loan sample, drawn
with pypdfium2 (a test dependency), so the report can be looked at page by page.

Run: python docs/report_pages.py [PAGE...]   (default: pages 1, 2 and 3)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pypdfium2

from gsn_studio.cli import main

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "samples" / "modular-loan" / "top.gsnx"


def pages(wanted: list[int]) -> list[Path]:
    with tempfile.TemporaryDirectory() as scratch:
        pdf = Path(scratch) / "report.pdf"
        status = main(["report", str(SAMPLE), "-o", str(pdf), "--on", "2026-11-23",
                       "--case-version", "issue 4, for the Model Risk Committee"])  # fmt: skip
        if status:
            raise SystemExit(status)
        document = pypdfium2.PdfDocument(str(pdf))
        written = []
        for number in wanted:
            image = document[number - 1].render(scale=1.25).to_pil()
            target = HERE / f"report-page-{number}.png"
            image.convert("P", palette=1, colors=256).save(target, optimize=True)
            written.append(target)
        document.close()
        return written


if __name__ == "__main__":
    for path in pages([int(arg) for arg in sys.argv[1:]] or [1, 2, 3]):
        print(f"wrote {path}")
