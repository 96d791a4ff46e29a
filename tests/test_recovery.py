"""Never lose work: unsaved changes are copied to a recovery file every interval, the copy
goes once the work is saved or discarded, and work a dead editor left behind is offered back
at the next start."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from gsn_studio.app import recovery
from gsn_studio.app.main_window import MainWindow
from gsn_studio.app.recovery_dialog import RecoveryDialog, offer_recovery, when
from gsn_studio.app.settings import recovery_folder
from gsn_studio.io import load_case, save_case
from gsn_studio.io.disk_state import DiskState
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import Case, Node, NodeType, Position
from gsn_studio.model.changes import AddNode

INTERVAL_MS = 100


def small_case(statement: str = "The pump is safe") -> Case:
    case = Case(name="Pump")
    case.add_node(NodeType.GOAL, statement, position=Position(x=0, y=0))
    case.add_node(NodeType.SOLUTION, "Flow test report", position=Position(x=0, y=150))
    case.connect("G1", "Sn1")
    return case


@pytest.fixture
def settings_dir(isolated_settings: Path) -> Path:
    return isolated_settings


@pytest.fixture
def new_window(qtbot: QtBot, settings_dir: Path) -> Iterator[Callable[[], MainWindow]]:
    """Opens editor windows with a short autosave interval; closes them after the test."""
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow()
        window.files.autosave.interval_ms = INTERVAL_MS
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:  # closed here, not by qtbot, which would meet "save changes?"
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()


@pytest.fixture
def window(new_window: Callable[[], MainWindow]) -> MainWindow:
    return new_window()


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "pump.gsnx"
    save_case(small_case(), path)
    return path


def edit(qtbot: QtBot, window: MainWindow) -> None:
    """Add a goal, as one undoable step. (Not by key press: under load the offscreen window
    may not hold the keyboard focus, and what is tested here is the copy, not the key.)"""
    document = window.document
    goal = Node(id=document.case.next_id(NodeType.GOAL), type=NodeType.GOAL, statement="")
    assert document.push(AddNode(goal), "Add goal")
    assert document.is_modified()


def copies(settings_dir: Path) -> list[Path]:
    folder = settings_dir / "recovery"
    return sorted(folder.glob("*.gsnx")) if folder.is_dir() else []


def dead_pid() -> int:
    """The id of a process that has finished (and been waited for)."""
    # A process: only a finished process gives an id that is surely not running.
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def leave_work(
    case: Case,
    original: Path | None,
    pid: int,
    *,
    base: DiskState | None = None,
    process: str | None = None,
    number: int = 1,
    saved_at: dt.datetime | None = None,
) -> Path:
    """Write a recovery file and its sidecar as an editor with process `pid` does."""
    folder = recovery_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{pid}-{number}.gsnx").write_bytes(to_bytes(case))
    info = {
        "format": "gsn-studio-recovery/1",
        "original": str(original) if original else None,
        "saved_at": (saved_at or dt.datetime.now().astimezone()).isoformat(timespec="seconds"),
        "pid": pid,
        "process": process,
        "nodes": len(case.nodes),
        "name": case.name,
        "base": base.to_json() if base else None,
    }
    sidecar = folder / f"{pid}-{number}.json"
    sidecar.write_text(json.dumps(info), encoding="utf-8")
    return sidecar


def rows(dialog: RecoveryDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.topLevelItem(row).text(column) for column in range(table.columnCount())]
        for row in range(table.topLevelItemCount())
    ]


def answer_next_question(text: str, seen: list[str]) -> None:
    """Click `text` in the next blocking message box, once it shows (for up to 5 s)."""

    def look(tries: int = 250) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            [button] = [b for b in box.buttons() if b.text().replace("&", "") == text]
            button.click()
        elif tries:
            QTimer.singleShot(20, lambda: look(tries - 1))

    QTimer.singleShot(0, look)


# -- autosave ----------------------------------------------------------------------------------


def test_an_edit_is_autosaved_after_the_interval_and_not_before(
    qtbot: QtBot, window: MainWindow, case_file: Path, settings_dir: Path
) -> None:
    """Opening writes no copy; an edit is copied once the interval has passed, beside the
    settings, while the user's file, the modified mark and the undo history stay as they were."""
    window.files.open(case_file, ask=False)
    on_disk = case_file.read_bytes()
    qtbot.wait(INTERVAL_MS * 3)
    assert copies(settings_dir) == []

    edit(qtbot, window)
    assert copies(settings_dir) == []  # not at once: at most every interval
    qtbot.waitUntil(lambda: len(copies(settings_dir)) == 1, timeout=3000)
    [copy] = copies(settings_dir)
    assert load_case(copy) == window.document.case
    sidecar = json.loads(copy.with_suffix(".json").read_text())
    assert sidecar["original"] == str(case_file.resolve())
    assert sidecar["pid"] == os.getpid()
    assert sidecar["format"] == "gsn-studio-recovery/1"
    assert dt.datetime.fromisoformat(sidecar["saved_at"]).tzinfo is not None
    assert case_file.read_bytes() == on_disk
    assert window.document.is_modified() and window.isWindowModified()
    assert window.document.undo_stack.count() == 1


def test_the_copy_is_rewritten_only_after_further_edits(
    qtbot: QtBot, window: MainWindow, settings_dir: Path
) -> None:
    """With no edit since the last copy nothing is written; the next edit is copied."""
    edit(qtbot, window)
    qtbot.waitUntil(lambda: len(copies(settings_dir)) == 1, timeout=3000)
    [copy] = copies(settings_dir)
    first = copy.stat().st_mtime_ns
    os.utime(copy, ns=(1, 1))  # any rewrite would give it a new time
    qtbot.wait(INTERVAL_MS * 4)
    assert copy.stat().st_mtime_ns == 1 != first

    edit(qtbot, window)
    qtbot.waitUntil(lambda: copy.stat().st_mtime_ns != 1, timeout=3000)
    assert len(load_case(copy).nodes) == 2


def test_saving_removes_the_copy(
    qtbot: QtBot, window: MainWindow, case_file: Path, settings_dir: Path
) -> None:
    """File > Save writes the user's file and removes the recovery copy and its sidecar."""
    window.files.open(case_file, ask=False)
    edit(qtbot, window)
    qtbot.waitUntil(lambda: len(copies(settings_dir)) == 1, timeout=3000)
    window.act_save.trigger()
    assert list((settings_dir / "recovery").iterdir()) == []
    assert len(load_case(case_file).nodes) == 3


def test_undoing_back_to_the_saved_case_removes_the_copy(
    qtbot: QtBot, window: MainWindow, case_file: Path, settings_dir: Path
) -> None:
    """Undo back to what the file holds leaves nothing to recover."""
    window.files.open(case_file, ask=False)
    edit(qtbot, window)
    qtbot.waitUntil(lambda: len(copies(settings_dir)) == 1, timeout=3000)
    window.act_undo.trigger()
    assert copies(settings_dir) == []


def test_closing_and_discarding_removes_the_copy(
    qtbot: QtBot, window: MainWindow, settings_dir: Path
) -> None:
    """Close, answering Don't Save: the work was deliberately dropped, so is its copy."""
    edit(qtbot, window)
    qtbot.waitUntil(lambda: len(copies(settings_dir)) == 1, timeout=3000)
    seen: list[str] = []
    answer_next_question("Discard", seen)
    assert window.close()
    assert seen and "not saved" in seen[0]
    assert copies(settings_dir) == []


def test_a_failing_autosave_is_reported_once_and_editing_goes_on(
    qtbot: QtBot, window: MainWindow, settings_dir: Path
) -> None:
    """When the copy cannot be written the status bar says so, once, and edits still work."""
    settings_dir.mkdir(parents=True)
    (settings_dir / "recovery").write_text("a file where the folder should be")
    edit(qtbot, window)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage().startswith("Autosave failed"), timeout=3000)
    assert "save your work" in bar.currentMessage()
    assert window.files.autosave.failing
    bar.clearMessage()
    edit(qtbot, window)
    qtbot.wait(INTERVAL_MS * 4)
    assert bar.currentMessage() == ""
    assert len(window.document.case.nodes) == 2 and window.document.is_modified()


# -- offering work back ------------------------------------------------------------------------


def test_work_left_by_a_dead_editor_is_offered_and_restored(
    qtbot: QtBot, window: MainWindow, case_file: Path, settings_dir: Path
) -> None:
    """A copy whose editor is gone is listed (file name, time, nodes); Restore shows that
    case, unsaved, with its file name, and the old copy is replaced by this window's own."""
    edited = small_case("The pump is safe, as edited before the crash")
    edited.add_node(NodeType.CONTEXT, "Ward use only")
    saved_at = dt.datetime.now().astimezone().replace(hour=9, minute=5)
    sidecar = leave_work(edited, case_file.resolve(), dead_pid(), saved_at=saved_at)

    dialog = offer_recovery(window, lambda: pytest.fail("no second window needed"))
    assert dialog is not None and dialog.isVisible()
    assert rows(dialog) == [["pump.gsnx", "today 09:05", "3"]]
    dialog.restore_button.click()

    assert window.document.case == edited
    assert window.document.path == case_file.resolve()
    assert window.document.is_modified() and window.isWindowModified()
    assert window.windowTitle().startswith("pump.gsnx")
    assert not sidecar.exists() and not sidecar.with_suffix(".gsnx").exists()
    assert recovery.left_behind() == []  # this window's copy belongs to a live editor
    assert len(copies(settings_dir)) == 1


def test_restored_work_saves_to_its_file_without_asking_when_the_file_is_unchanged(
    qtbot: QtBot, window: MainWindow, case_file: Path
) -> None:
    """The file still holds the version the work began from: Save simply writes it."""
    edited = small_case("Edited before the crash")
    leave_work(edited, case_file.resolve(), dead_pid(), base=DiskState.of(case_file))
    dialog = offer_recovery(window, lambda: pytest.fail("no second window needed"))
    assert dialog is not None
    dialog.restore_button.click()
    window.act_save.trigger()  # a question here would block: the test would hang, not pass
    assert load_case(case_file) == edited
    assert not window.document.is_modified()


def test_restored_work_asks_before_saving_over_a_file_changed_since(
    qtbot: QtBot, window: MainWindow, case_file: Path
) -> None:
    """Someone saved the file after the work began: Save asks, and Cancel keeps their file;
    the window also says the file changed, without being asked."""
    base = DiskState.of(case_file)
    save_case(small_case("Saved by a colleague after the crash"), case_file)
    leave_work(small_case("Edited before the crash"), case_file.resolve(), dead_pid(), base=base)
    dialog = offer_recovery(window, lambda: pytest.fail("no second window needed"))
    assert dialog is not None
    dialog.restore_button.click()
    seen: list[str] = []
    answer_next_question("Cancel", seen)
    window.act_save.trigger()
    assert seen and "changed by another program" in seen[0]
    assert load_case(case_file).node("G1").statement == "Saved by a colleague after the crash"
    assert window.document.is_modified()

    qtbot.waitUntil(lambda: window.files.outside.prompt is not None, timeout=5000)
    prompt = window.files.outside.prompt
    assert prompt is not None and "unsaved changes" in prompt.text()
    [keep] = [b for b in prompt.buttons() if b.text() == "Keep Mine"]
    keep.click()


def test_later_keeps_the_work_and_discard_removes_only_the_ticked(
    qtbot: QtBot, window: MainWindow, case_file: Path
) -> None:
    """Later keeps every copy for the next start; Discard removes the ticked ones and keeps
    the rest."""
    first = leave_work(small_case("First"), case_file, dead_pid())
    second = leave_work(small_case("Second"), None, dead_pid())
    dialog = offer_recovery(window, lambda: pytest.fail("nothing to restore"))
    assert dialog is not None
    dialog.later_button.click()
    assert first.exists() and second.exists()
    assert not window.document.is_modified()

    dialog = offer_recovery(window, lambda: pytest.fail("nothing to restore"))
    assert dialog is not None
    assert sorted(row[0] for row in rows(dialog)) == ["Untitled (Pump)", "pump.gsnx"]
    untitled = [row[0] for row in rows(dialog)].index("Untitled (Pump)")
    dialog.table.topLevelItem(untitled).setCheckState(0, Qt.CheckState.Unchecked)
    dialog.discard_button.click()
    assert not first.exists() and second.exists()


def test_nothing_ticked_leaves_only_later(qtbot: QtBot, window: MainWindow) -> None:
    """With every box unticked, Restore and Discard are disabled."""
    leave_work(small_case(), None, dead_pid())
    dialog = offer_recovery(window, lambda: pytest.fail("nothing to restore"))
    assert dialog is not None
    dialog.table.topLevelItem(0).setCheckState(0, Qt.CheckState.Unchecked)
    assert not dialog.restore_button.isEnabled() and not dialog.discard_button.isEnabled()
    assert dialog.later_button.isEnabled()
    dialog.later_button.click()


def test_several_pieces_of_work_open_in_windows_of_their_own(
    qtbot: QtBot, new_window: Callable[[], MainWindow], case_file: Path
) -> None:
    """The first goes into the empty start window, the next into a new window."""
    leave_work(small_case("One"), case_file.resolve(), dead_pid())
    leave_work(small_case("Two"), None, dead_pid())
    start = new_window()
    made: list[MainWindow] = []
    dialog = offer_recovery(start, lambda: made.append(new_window()) or made[-1])
    assert dialog is not None
    dialog.restore_button.click()
    assert len(made) == 1
    statements = {w.document.case.node("G1").statement for w in (start, made[0])}
    assert statements == {"One", "Two"}
    assert start.document.is_modified() and made[0].document.is_modified()
    assert recovery.left_behind() == []


def test_work_of_a_running_editor_is_not_offered(
    qtbot: QtBot, window: MainWindow, settings_dir: Path
) -> None:
    """Copies of an editor still running, or of this editor's own windows, stay its own."""
    parent = os.getppid()
    leave_work(small_case(), None, parent, process=recovery.process_token(parent))
    edit(qtbot, window)
    assert window.files.autosave.save_now()
    assert len(copies(settings_dir)) == 2
    assert offer_recovery(window, lambda: pytest.fail("nothing to restore")) is None


def test_a_reused_process_id_does_not_hide_work(qtbot: QtBot, window: MainWindow) -> None:
    """A running process that started after the copy was written (a reused id) is not its
    editor: the copy is offered."""
    parent = os.getppid()
    if recovery.process_token(parent) is None:
        pytest.skip("this system does not tell when a process started")
    leave_work(small_case(), None, parent, process="another-boot:12345")
    [work] = recovery.left_behind()
    assert work.title == "Untitled" and work.nodes == 2


def test_times_are_said_the_way_people_say_them() -> None:
    """Today and yesterday by name, older days by date."""
    now = dt.datetime(2026, 3, 4, 18, 0).astimezone()
    assert when(now.replace(hour=14, minute=32), now) == "today 14:32"
    assert when(now - dt.timedelta(days=1, hours=9), now) == "yesterday 09:00"
    assert when(now - dt.timedelta(days=30), now) == "2 Feb 2026, 18:00"


def test_work_restored_as_a_process_s_first_case_is_read_after_one_collection(
    qtbot: QtBot, window: MainWindow, case_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restoring work as the first case of a process frees the garbage already there before
    the work is read, as opening a file does, so it is not frozen with the case (freed later
    inside a finished layout's signal, such garbage crashed the process)."""
    import gc

    from gsn_studio.app import memory

    monkeypatch.setattr(memory._Frozen, "case", False)
    leave_work(small_case("Edited before the crash"), case_file.resolve(), dead_pid())
    dialog = offer_recovery(window, lambda: pytest.fail("no second window needed"))
    assert dialog is not None
    empty = window.document.case
    collections: list[bool] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            collections.append(window.document.case is empty)

    gc.callbacks.append(record)
    try:
        dialog.restore_button.click()
    finally:
        gc.callbacks.remove(record)
    assert window.document.case is not empty
    assert collections and collections[0]  # the first full collection: before the work
