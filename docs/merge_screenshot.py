"""Takes docs/merge-conflict.png: the infusion pump sample after two branches rewrote G2's
claim differently and one deleted G9 while the other edited it, as the editor shows the
merged file: the Merge Conflicts panel with ours, theirs and the base side by side.

Run: QT_QPA_PLATFORM=offscreen python docs/merge_screenshot.py [OUT.png]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # first_screen sits beside this script

from first_screen import HERE, loan_window, settle
from PySide6.QtCore import Qt

from gsn_studio.analysis.merge import merge_cases
from gsn_studio.io.gsnx_read import read_gsnx
from gsn_studio.io.gsnx_write import save_gsnx


def merged_pump(folder: Path) -> Path:
    samples = HERE.parent / "samples"
    sample = samples / "infusion-pump.gsnx"
    for folder_name in ("evidence", "traces"):  # what the case's evidence and traces name
        shutil.copytree(samples / folder_name, folder / folder_name)
    base, ours, theirs = (read_gsnx(sample) for _ in range(3))
    claim = base.node("G2").statement
    ours.update_node("G2", statement=claim.replace("is controlled", "is prevented by design"))
    theirs.update_node("G2", statement=claim.replace("is controlled", "is detected and alarmed"))
    ours.remove_node("G9")
    theirs.update_node("G9", description="Anti-free-flow clamp verified in DVT-12")
    theirs.update_node("G3", statement=theirs.node("G3").statement + " (rev G)")
    path = folder / "infusion-pump.gsnx"
    save_gsnx(merge_cases(base, ours, theirs), path)
    return path


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "merge-conflict.png"
    window = loan_window()
    window.open_paths([merged_pump(Path(tempfile.mkdtemp()))])
    settle(300)
    dock = window.merge_conflicts.dock
    window.resizeDocks([dock], [330], Qt.Orientation.Vertical)
    window.resizeDocks([window.docks["problems"], dock], [480, 900], Qt.Orientation.Horizontal)
    window.view.center_on_node("G2")
    settle(300)
    window.grab().save(str(out))
    print(f"wrote {out}")
    window.close()


if __name__ == "__main__":
    main()
