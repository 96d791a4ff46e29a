"""Takes a picture of each dock panel on its own, at dock width, showing the loan sample with
Sn1 (expired evidence) selected: panel-properties.png, panel-outline.png, and so on, for a
look at a panel without the rest of the window around it.

Run: QT_QPA_PLATFORM=offscreen python docs/panels_screenshot.py [FOLDER]   (default: /tmp)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent))  # first_screen sits beside this script

from first_screen import HERE, settle

from gsn_studio.app.document import Document
from gsn_studio.app.panels import (
    AsOfControl,
    LegendPanel,
    OutlinePanel,
    ProblemsPanel,
    PropertiesPanel,
    SearchBox,
)
from gsn_studio.app.selection import Selection
from gsn_studio.io import load_case

WIDTH = 300  # a dock's width as the editor first shows it


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.gettempdir())
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["GSN_STUDIO_SETTINGS_DIR"] = tempfile.mkdtemp()  # never the user's settings
    app = QApplication.instance() or QApplication(sys.argv[:1])

    document, selection = Document(), Selection()
    path = HERE.parent / "samples" / "loan-approval.gsnx"
    document.replace(load_case(path), path)
    panels: dict[str, tuple[QWidget, int]] = {
        "properties": (PropertiesPanel(document, selection), 560),
        "outline": (OutlinePanel(document, selection), 700),
        "problems": (ProblemsPanel(document), 320),
        "as-of": (AsOfControl(document), 40),
        "search": (SearchBox(document, selection), 30),
        "legend": (LegendPanel(), 560),
    }
    for widget, height in panels.values():
        widget.resize(WIDTH, height)
        widget.show()
    selection.set(["Sn1"])
    settle(200)
    app.processEvents()
    for name, (widget, _height) in panels.items():
        out = folder / f"panel-{name}.png"
        widget.grab().save(str(out))
        print(f"wrote {out}")
        widget.close()


if __name__ == "__main__":
    main()
