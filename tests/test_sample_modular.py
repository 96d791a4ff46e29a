"""The modular loan sample: five module files that open from the top one, check across
modules, and are rebuilt byte for byte by scripts/make_modular_sample.py."""

from __future__ import annotations

import datetime as dt
import json
import runpy

import pytest
from conftest import REPO, SAMPLES

from gsn_studio.analysis.modules import MODULE_CODES, assess_modular
from gsn_studio.cli import main
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.io.modular import load_modular, with_header

FOLDER = SAMPLES / "modular-loan"
AS_OF = dt.date(2026, 11, 23)


def test_the_sample_is_rebuilt_identically() -> None:
    """The script reproduces every shipped module file byte for byte."""
    script = runpy.run_path(str(REPO / "scripts" / "make_modular_sample.py"))
    modular = script["modular_loan"]()
    shipped = load_modular([FOLDER / "top.gsnx"])
    assert [m.id for m in shipped.modules] == [
        "top", "fairness", "accuracy", "oversight", "scoring-platform",
    ]  # fmt: skip
    for module in modular.modules:
        assert to_bytes(with_header(module, "gsnx")) == (FOLDER / module.path).read_bytes()
    for module in shipped.modules:
        assert to_bytes(module.case) == (FOLDER / module.path).read_bytes()


def test_the_supplier_develops_the_top_modules_goal_and_statuses_cross_modules() -> None:
    """G14, left undeveloped in the top module, is developed by the supplier's G20; the top
    goal is weakened by evidence in the fairness module, and the reason says so."""
    modular = load_modular([FOLDER / "top.gsnx"])
    top = modular.modules[0]
    assert top.case.node("G14").undeveloped
    result = assess_modular(modular, AS_OF)
    assert result.complete.developed_by == {"G14": "scoring-platform"}
    assert not [f for f in result.findings if f.node == "G14"]
    assert result.statuses(top)["G2"] == "weakened"
    assert any(
        line.startswith("G1 weakened: Sn1 expired on 2025-11-30 via S1 → G2 in module fairness")
        for line in result.explain("top", "G1")
    )
    structural = MODULE_CODES | {"dangling-link", "duplicate-id"}
    assert not [f for f in result.findings if f.code in structural]


def test_check_on_the_top_file_reports_each_module(capsys: pytest.CaptureFixture[str]) -> None:
    """`gsn-studio check samples/modular-loan/top.gsnx` checks all five modules."""
    status = main(["check", str(FOLDER / "top.gsnx"), "--as-of", "2026-11-23", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 1
    assert [m["verdict"] for m in report["modules"]] == [
        "weakened", "weakened", "weakened", "undeveloped", "supported",
    ]  # fmt: skip
    assert {f["module"] for f in report["findings"]} == {"fairness", "accuracy", "oversight"}


def test_the_readme_shows_what_check_prints_on_the_modular_sample(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The modular check example in the README is the real output, line for line."""
    readme = (REPO / "README.md").read_text()
    command = "$ gsn-studio check samples/modular-loan/top.gsnx --as-of 2026-11-23\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0].splitlines()
    main(["check", str(FOLDER / "top.gsnx"), "--as-of", "2026-11-23"])
    printed = capsys.readouterr().out.replace(str(SAMPLES), "samples").splitlines()
    assert printed == shown


def test_json_gives_each_module_its_statuses_and_reasons(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An away goal has its home's status in its own module's entry, with the home's reasons
    naming the module they come from."""
    main(["check", str(FOLDER / "top.gsnx"), "--as-of", "2026-11-23", "--format", "json"])
    top = json.loads(capsys.readouterr().out)["modules"][0]
    assert top["status"]["G2"] == "weakened"
    assert (
        "G2 weakened: Sn1 expired on 2025-11-30 via S2 in module fairness → G3"
        in (top["why"]["G2"])
    )
