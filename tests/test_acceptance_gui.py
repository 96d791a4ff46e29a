"""Review > Accept in the editor: one undo step, allowed in review mode, the same record as
`gsn-studio accept`; the canvas tags accepted elements and turns the tag amber when stale."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLES
from pytestqt.qtbot import QtBot

from gsn_studio.app import settings
from gsn_studio.app.main_window import MainWindow
from gsn_studio.cli import main as cli
from gsn_studio.io import load_case
from gsn_studio.notation.acceptance import ACCEPTED, STALE


@pytest.fixture
def pump(tmp_path: Path) -> Path:
    """The infusion-pump sample with its trace sets, in a folder of its own."""
    shutil.copy(SAMPLES / "infusion-pump.gsnx", tmp_path)
    shutil.copytree(SAMPLES / "traces", tmp_path / "traces")
    return tmp_path / "infusion-pump.gsnx"


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    settings.set_verifier_name("A. Assessor")
    main = MainWindow()
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.document.undo_stack.setClean()
    main.close()
    main.deleteLater()


def test_accept_in_review_mode_is_one_undo_step_and_matches_the_cli(
    qtbot: QtBot, window: MainWindow, pump: Path, tmp_path: Path
) -> None:
    """In review mode, Review > Accept on G3 records the acceptance the CLI would; undo takes
    it back in one step."""
    window.document.open(pump)
    window.review.set_on(True)
    window.selection.set(["G3"])
    window.acceptance.accept.trigger()
    accepted = window.document.case.node("G3").acceptance
    assert accepted is not None and accepted.by == "A. Assessor"
    other = tmp_path / "cli"
    other.mkdir()
    shutil.copy(pump, other)
    shutil.copytree(pump.parent / "traces", other / "traces")
    copy = other / pump.name
    cli(["accept", str(copy), "G3", "--by", "A. Assessor", "--on", accepted.on.isoformat()])
    assert load_case(copy).node("G3").acceptance == accepted
    assert window.document.can_undo()
    window.document.undo_stack.undo()
    assert window.document.case.node("G3").acceptance is None
    assert window.acceptance.tags.tag_for("G3") is None


def test_the_canvas_tag_turns_stale_when_a_traced_hazard_changes(
    qtbot: QtBot, window: MainWindow, pump: Path
) -> None:
    """G2 (accepted in the sample) is tagged accepted; editing H1's row in the hazard log
    turns its tag stale, its tooltip saying what changed."""
    window.document.open(pump)
    tag = window.acceptance.tags.tag_for("G2")
    assert tag is not None and tag.mark is ACCEPTED
    log = pump.parent / "traces" / "HL-300-hazard-log.csv"
    log.write_text(log.read_text().replace("opioid,catastrophic", "opioid,critical"))
    window.document.refresh_findings()
    tag = window.acceptance.tags.tag_for("G2")
    assert tag is not None and tag.mark is STALE
    assert "G2's traced items changed" in tag.toolTip()


def test_properties_show_each_traced_item_with_its_title_and_the_acceptance(
    qtbot: QtBot, window: MainWindow, pump: Path
) -> None:
    """Selecting G2 shows H1 with its title from the hazard log and who accepted it; the
    dashboard counts the acceptances and lists the stale one once H1's row changes."""
    window.document.open(pump)
    window.selection.set(["G2"])
    box = window.properties.node_form.traces
    text = box.label.text()
    assert "<b>H1</b> <i>(hazards)</i>: Over-infusion of opioid" in text
    assert "Accepted by A. Assessor (notified body 0123) on 2026-11-02" in text
    window.docks["dashboard"].raise_()  # behind Problems, the dashboard waits to be shown
    assert "none stale" in window.dashboard.acceptances.text()
    log = pump.parent / "traces" / "HL-300-hazard-log.csv"
    log.write_text(log.read_text().replace("opioid,catastrophic", "opioid,critical"))
    window.document.refresh_findings()
    assert window.dashboard.acceptances.stale == [
        "G2 accepted by A. Assessor (notified body 0123) on 2026-11-02 is stale: G2's traced "
        "items changed"
    ]
    assert "changed since accepted" in box.label.text()
