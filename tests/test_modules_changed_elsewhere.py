"""A case of modules is shared among teams: when another program saves a module's file while
the case is open here, Save keeps that version for a module nobody edited here, and asks
before replacing it for a module edited on both sides."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gsn_studio.app.main_window import MainWindow
from gsn_studio.io import load_case, save_case
from gsn_studio.model.changes import UpdateNode


@pytest.fixture
def case_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "loan"
    shutil.copytree(SAMPLES / "modular-loan", folder)
    return folder


def edit_statement(window: MainWindow, module_id: str, text: str) -> str:
    """Show the module and change its first node's statement, as one undoable edit."""
    assert window.document.show_module(module_id)
    node = window.document.case.nodes[0]
    assert window.document.push(UpdateNode(node.id, {"statement": text}), "Edit")
    return node.id


def save_elsewhere(path: Path, text: str) -> str:
    """Another program (a teammate's editor) changes the file's first statement."""
    case = load_case(path)
    node_id = case.nodes[0].id
    case.node(node_id).statement = text
    save_case(case, path)
    return node_id


def answer_next_question(button_text: str, seen: list[str]) -> None:
    def look(tries: int = 250) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            [button] = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
            button.click()
        elif tries:
            QTimer.singleShot(20, lambda: look(tries - 1))

    QTimer.singleShot(0, look)


def test_a_module_not_edited_here_keeps_the_version_saved_elsewhere(
    window: MainWindow, case_folder: Path
) -> None:
    """Save writes our edit to top and leaves accuracy.gsnx as the teammate saved it; the
    editor then shows their version."""
    assert window.files.open(case_folder / "top.gsnx")
    edit_statement(window, "top", "Ours, in top")
    theirs = save_elsewhere(case_folder / "accuracy.gsnx", "Theirs, in accuracy")

    window.act_save.trigger()  # a question here would block the test
    assert load_case(case_folder / "accuracy.gsnx").node(theirs).statement == (
        "Theirs, in accuracy"
    )
    assert load_case(case_folder / "top.gsnx").nodes[0].statement == "Ours, in top"
    accuracy = window.document.modules.modular.module("accuracy")
    assert accuracy is not None and accuracy.case.node(theirs).statement == "Theirs, in accuracy"
    assert not window.document.is_modified()


def test_a_module_edited_on_both_sides_is_replaced_only_when_the_user_says_so(
    window: MainWindow, case_folder: Path
) -> None:
    """Cancel writes nothing; Save then replaces their version with ours."""
    assert window.files.open(case_folder / "top.gsnx")
    ours = edit_statement(window, "accuracy", "Ours, in accuracy")
    assert window.document.show_module("top")
    save_elsewhere(case_folder / "accuracy.gsnx", "Theirs, in accuracy")
    top_before = (case_folder / "top.gsnx").read_bytes()

    seen: list[str] = []
    answer_next_question("Cancel", seen)
    window.act_save.trigger()
    assert seen and "accuracy.gsnx" in seen[0]
    assert load_case(case_folder / "accuracy.gsnx").node(ours).statement == "Theirs, in accuracy"
    assert (case_folder / "top.gsnx").read_bytes() == top_before
    assert window.document.is_modified()

    answer_next_question("Save", seen)
    window.act_save.trigger()
    assert load_case(case_folder / "accuracy.gsnx").node(ours).statement == "Ours, in accuracy"
    assert not window.document.is_modified()
