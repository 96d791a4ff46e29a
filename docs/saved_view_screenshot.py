"""Takes docs/saved-view.png: the loan sample with the saved view "Evidence to renew"
(`type=solution and state!=current`) applied, everything else on the canvas drawn faint, at
1400x900; and docs/saved-view-figure.png, the same view exported as a figure.

Run: QT_QPA_PLATFORM=offscreen python docs/saved_view_screenshot.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # first_screen sits beside this script

from first_screen import HERE, loan_window, settle

from gsn_studio.export.figure import ExportOptions, export_figure

VIEW = "Evidence to renew"
QUERY = "type=solution and state!=current"


def main() -> None:
    window = loan_window()
    window.docks["outline"].hide()  # room for the canvas: the picture is about it
    for name in ("problems", "dashboard", "review"):
        window.docks[name].hide()
    settle(100)
    bar = window.query_bar
    bar.set_query(QUERY)
    bar.save_view(VIEW)
    bar.set_query("")
    bar.apply_view(window.document.case.views[0])  # as Saved Views > Evidence to renew does
    settle(300)
    window.grab().save(str(HERE / "saved-view.png"))
    print(f"wrote {HERE / 'saved-view.png'}: {len(bar.matches or [])} matches")
    options = ExportOptions(
        query=QUERY,
        view_name=VIEW,
        matches_only=True,
        case_path=window.document.path,
        as_of=window.document.as_of,
    )
    export_figure(window.document.case, HERE / "saved-view-figure.png", options)
    print(f"wrote {HERE / 'saved-view-figure.png'}")
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
