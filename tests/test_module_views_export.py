"""`gsn-studio export CASE --modules architecture|complete`: a case of modules as a whole, as
a figure a board can read (with the day its colours were judged)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SAMPLES

from gsn_studio.cli import main
from gsn_studio.io.modular import load_modular

TOP = SAMPLES / "modular-loan" / "top.gsnx"


def test_architecture_view_draws_every_module_with_its_verdict_and_a_dated_caption(
    tmp_path: Path,
) -> None:
    """Each module is one box named by its module id, and the caption says the as-of day."""
    out = tmp_path / "architecture.svg"
    assert (
        main(
            [
                "export",
                str(TOP),
                "--modules",
                "architecture",
                "--as-of",
                "2026-06-01",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    svg = out.read_text()
    modules = {module.id for module in load_modular([TOP]).modules}
    assert set(re.findall(r'id="module-([^"]+)"', svg)) == modules
    assert "as of 2026-06-01" in svg
    assert "architecture view of 5 modules" in svg


def test_complete_view_holds_every_element_of_every_module(tmp_path: Path) -> None:
    """The complete view unrolls all modules: every home element of every module is drawn."""
    out = tmp_path / "complete.svg"
    assert main(["export", str(TOP), "--modules", "complete", "-o", str(out)]) == 0
    svg = out.read_text()
    complete = load_modular([TOP]).complete().case
    missing = [node.id for node in complete.nodes if f'id="{node.id}"' not in svg]
    assert missing == []
    assert "complete view" in svg


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".pdf", b"%PDF")])
def test_module_views_export_as_png_and_pdf(tmp_path: Path, suffix: str, magic: bytes) -> None:
    """The file type follows the output's extension, as for any figure."""
    out = tmp_path / f"architecture{suffix}"
    assert main(["export", str(TOP), "--modules", "architecture", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(magic)


def test_module_view_refuses_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A view of the whole case has no subtree: --root is refused in one line, nothing written."""
    out = tmp_path / "a.svg"
    assert main(["export", str(TOP), "--modules", "complete", "--root", "G1", "-o", str(out)]) == 2
    assert "takes no --root" in capsys.readouterr().err
    assert not out.exists()
