"""The open file changed or deleted by another program: the editor notices, asks once, and
never takes its own saves for someone else's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from gsn_studio.app.file_watch import CHECK_DELAY_MS
from gsn_studio.app.main_window import MainWindow
from gsn_studio.io import load_case, save_case
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import Case, NodeType, Position

SETTLE_MS = CHECK_DELAY_MS * 3
"""Long enough for a watcher event, the pause after it and a check to have happened."""


def small_case(statement: str = "The pump is safe") -> Case:
    case = Case(name="Pump")
    case.add_node(NodeType.GOAL, statement, position=Position(x=0, y=0))
    case.add_node(NodeType.SOLUTION, "Flow test report", position=Position(x=0, y=150))
    case.connect("G1", "Sn1")
    return case


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    main = MainWindow()  # closed below, not by qtbot, which would meet "save changes?"
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)  # its activation is not mistaken for a return later
    yield main
    if main.files.outside.prompt is not None:
        main.files.outside.prompt.done(0)
    main.document.undo_stack.setClean()
    main.close()
    main.deleteLater()


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "pump.gsnx"
    save_case(small_case(), path)
    return path


def opened(window: MainWindow, path: Path) -> MainWindow:
    assert window.files.open(path, ask=False)
    return window


def edit(qtbot: QtBot, window: MainWindow) -> None:
    """Add a goal from the keyboard, as a user does, leaving unsaved changes."""
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_G)
    window.scene.cancel_edit()
    assert window.document.is_modified()


def someone_else_writes(path: Path, statement: str) -> None:
    """Another program saves the file the way many editors do: a new file renamed over it."""
    fresh = path.with_name("pump.gsnx~")
    fresh.write_bytes(to_bytes(small_case(statement)))
    os.replace(fresh, path)


def wait_for_prompt(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.files.outside.prompt is not None, timeout=5000)
    assert window.files.outside.prompt is not None
    return window.files.outside.prompt


def click(box: QMessageBox, text: str) -> None:
    [button] = [b for b in box.buttons() if b.text().replace("&", "") == text]
    button.click()


def no_prompt_after_a_while(qtbot: QtBot, window: MainWindow) -> bool:
    qtbot.wait(SETTLE_MS)
    return window.files.outside.prompt is None


def regain_focus(window: MainWindow) -> None:
    """What the window receives when the user comes back from another program."""
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))


def answer_next_question(text: str, seen: list[str]) -> None:
    """Click `text` in the next blocking message box, once it shows (for up to 5 s)."""

    def look(tries: int = 250) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box is not None:
            seen.append(f"{box.text()} {box.informativeText()}")
            click(box, text)
        elif tries:
            QTimer.singleShot(20, lambda: look(tries - 1))

    QTimer.singleShot(0, look)


def test_a_file_changed_elsewhere_offers_to_reload_and_reload_shows_it(
    qtbot: QtBot, window: MainWindow, case_file: Path
) -> None:
    """Another program rewrites the open, unedited file: the editor asks, Reload being the
    default, and Reload shows the new statement with no unsaved changes."""
    opened(window, case_file)
    someone_else_writes(case_file, "The pump is safe, revised elsewhere")
    prompt = wait_for_prompt(qtbot, window)
    assert "pump.gsnx" in prompt.text() and "another program" in prompt.text()
    assert prompt.defaultButton().text() == "Reload"
    click(prompt, "Reload")
    assert window.document.case.node("G1").statement == "The pump is safe, revised elsewhere"
    assert not window.document.is_modified()
    assert window.files.outside.prompt is None


def test_keep_mine_is_not_asked_again_for_the_same_change(
    qtbot: QtBot, window: MainWindow, case_file: Path
) -> None:
    """After Keep Mine, coming back to the window does not ask again about that version; a
    further change asks anew."""
    opened(window, case_file)
    someone_else_writes(case_file, "Second version")
    click(wait_for_prompt(qtbot, window), "Keep Mine")
    assert window.document.case.node("G1").statement == "The pump is safe"
    regain_focus(window)
    assert no_prompt_after_a_while(qtbot, window)

    someone_else_writes(case_file, "Third version")
    click(wait_for_prompt(qtbot, window), "Keep Mine")


def test_unsaved_changes_warn_that_saving_would_overwrite(
    qtbot: QtBot, window: MainWindow, case_file: Path
) -> None:
    """With unsaved changes the question warns about overwriting the other version, offers
    Save As, and its default keeps the user's work."""
    opened(window, case_file)
    edit(qtbot, window)
    someone_else_writes(case_file, "Changed elsewhere")
    prompt = wait_for_prompt(qtbot, window)
    assert "unsaved changes" in prompt.text()
    assert "overwrite" in prompt.informativeText()
    texts = [b.text() for b in prompt.buttons()]
    assert sorted(texts) == ["Keep Mine", "Reload and Discard Mine", "Save Mine As…"]
    assert prompt.defaultButton().text() == "Keep Mine"
    click(prompt, "Reload and Discard Mine")
    assert window.document.case.node("G1").statement == "Changed elsewhere"
    assert not window.document.is_modified()


def test_after_keep_mine_save_replaces_the_other_version_without_asking(
    qtbot: QtBot, window: MainWindow, case_file: Path
) -> None:
    """Keep Mine means the user's version wins: Save then writes it without another
    question, and that save does not prompt either."""
    opened(window, case_file)
    edit(qtbot, window)
    someone_else_writes(case_file, "Changed elsewhere")
    click(wait_for_prompt(qtbot, window), "Keep Mine")
    window.act_save.trigger()
    assert load_case(case_file) == window.document.case
    assert not window.document.is_modified()
    assert no_prompt_after_a_while(qtbot, window)


def test_our_own_save_does_not_prompt(qtbot: QtBot, window: MainWindow, case_file: Path) -> None:
    """Saving writes the watched file, yet neither the watcher nor coming back asks."""
    opened(window, case_file)
    edit(qtbot, window)
    window.act_save.trigger()
    assert len(load_case(case_file).nodes) == 3
    regain_focus(window)
    assert no_prompt_after_a_while(qtbot, window)


def test_a_change_the_watcher_missed_is_found_on_coming_back(
    qtbot: QtBot, window: MainWindow, case_file: Path
) -> None:
    """With the watcher deaf (a network drive, an editor it lost track of), the file is
    compared when the window is activated again."""
    opened(window, case_file)
    qtbot.wait(SETTLE_MS)  # the check the window's own activation asked for is done
    window.files.watch.watcher.blockSignals(True)
    someone_else_writes(case_file, "Changed while away")
    assert no_prompt_after_a_while(qtbot, window)
    window.files.watch.watcher.blockSignals(False)
    regain_focus(window)
    click(wait_for_prompt(qtbot, window), "Reload")
    assert window.document.case.node("G1").statement == "Changed while away"


def test_touching_the_file_without_changing_it_does_not_prompt(
    qtbot: QtBot, window: MainWindow, case_file: Path
) -> None:
    """A new modification time with the same content is not a new version."""
    opened(window, case_file)
    os.utime(case_file, ns=(1_000_000_000, 1_000_000_000))
    regain_focus(window)
    assert no_prompt_after_a_while(qtbot, window)


def test_a_deleted_file_is_reported_and_the_case_stays_unsaved(
    qtbot: QtBot, window: MainWindow, case_file: Path
) -> None:
    """Deleting the open file says so once and marks the case unsaved; Save writes it back."""
    opened(window, case_file)
    case_file.unlink()
    prompt = wait_for_prompt(qtbot, window)
    assert prompt.windowTitle() == "File deleted"
    assert "pump.gsnx" in prompt.text() and "deleted" in prompt.text()
    assert window.document.is_modified() and window.isWindowModified()
    click(prompt, "Keep Open")
    regain_focus(window)
    assert no_prompt_after_a_while(qtbot, window)
    window.act_save.trigger()
    assert load_case(case_file) == window.document.case
    assert not window.document.is_modified()


def test_saving_over_a_newer_file_asks_first(
    qtbot: QtBot, window: MainWindow, case_file: Path
) -> None:
    """Save when another program saved the file since it was opened: Cancel leaves their
    version; Overwrite writes ours."""
    opened(window, case_file)
    edit(qtbot, window)
    someone_else_writes(case_file, "Saved meanwhile by a colleague")
    seen: list[str] = []
    answer_next_question("Cancel", seen)
    window.act_save.trigger()  # before the watcher's question: the user was quicker
    assert seen and "changed by another program since you opened it" in seen[0]
    assert load_case(case_file).node("G1").statement == "Saved meanwhile by a colleague"
    assert window.document.is_modified()

    answer_next_question("Overwrite", seen)
    window.act_save.trigger()
    assert len(seen) == 2
    assert load_case(case_file) == window.document.case
    assert no_prompt_after_a_while(qtbot, window)


def test_a_cancelled_save_as_does_not_bring_the_same_question_back(
    qtbot: QtBot, window: MainWindow, case_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Save As from the question, then Cancel in the file dialog: that version is not asked
    about again, yet Save still asks before replacing it."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: ("", ""))
    opened(window, case_file)
    edit(qtbot, window)
    someone_else_writes(case_file, "Changed elsewhere")
    click(wait_for_prompt(qtbot, window), "Save Mine As…")
    regain_focus(window)
    assert no_prompt_after_a_while(qtbot, window)
    seen: list[str] = []
    answer_next_question("Cancel", seen)
    window.act_save.trigger()
    assert len(seen) == 1
    assert load_case(case_file).node("G1").statement == "Changed elsewhere"
