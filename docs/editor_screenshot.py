"""Takes docs/editor.png, the README's picture: the loan sample with G2 selected (its "why" in
the properties panel) and the Dashboard in front, at 1400x900.

Run: QT_QPA_PLATFORM=offscreen python docs/editor_screenshot.py [OUT.png]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # first_screen sits beside this script

from first_screen import HERE, loan_window, settle


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "editor.png"
    window = loan_window()
    window.selection.set(["G2"])
    window.docks["dashboard"].raise_()
    settle(300)
    window.grab().save(str(out))
    print(f"wrote {out}")
    window.close()


if __name__ == "__main__":
    main()
