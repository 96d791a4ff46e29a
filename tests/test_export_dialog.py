"""The Export Figure dialog: options from widgets, files written, errors shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import hazard_case
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gsn_studio.app.document import Document
from gsn_studio.app.export_dialog import ExportDialog
from gsn_studio.app.selection import Selection
from gsn_studio.layout import layout_case
from gsn_studio.model import Position


@pytest.fixture
def document(qtbot) -> Document:
    doc = Document()
    case = hazard_case()
    for node_id, position in layout_case(case).items():
        case.update_node(node_id, position=position)
    doc.replace(case, None)
    return doc


def make_dialog(qtbot, document: Document, ids: list[str], target: Path) -> ExportDialog:
    selection = Selection()
    selection.set(ids)
    dialog = ExportDialog(document, selection)
    qtbot.addWidget(dialog)
    dialog.file_edit.setText(str(target))
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click_export(qtbot, dialog: ExportDialog) -> None:
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)


def test_whole_case_svg_contains_every_node(qtbot, document, tmp_path) -> None:
    """Exporting the whole case to .svg writes a file naming every node and accepts."""
    target = tmp_path / "case.svg"
    dialog = make_dialog(qtbot, document, [], target)
    click_export(qtbot, dialog)
    assert dialog.result() == ExportDialog.Accepted
    assert dialog.written == target
    text = target.read_text(encoding="utf-8")
    for node in document.case.nodes:
        assert node.id in text


def test_subtree_of_selected_node(qtbot, document, tmp_path) -> None:
    """Choosing the subtree of a selected S1 roots the figure at S1, leaving out G1."""
    target = tmp_path / "sub.svg"
    dialog = make_dialog(qtbot, document, ["S1"], target)
    assert dialog.subtree_radio.isEnabled()
    assert not dialog.depth_spin.isEnabled()
    qtbot.mouseClick(dialog.subtree_radio, Qt.LeftButton)
    assert dialog.depth_spin.isEnabled()
    options = dialog.options()
    assert options.root == "S1"
    assert options.depth is None
    click_export(qtbot, dialog)
    text = target.read_text(encoding="utf-8")
    assert 'id="S1"' in text and 'id="G2"' in text
    assert 'id="G1"' not in text
    assert "it sits under G1" in text  # the caption says where the subtree hangs


def test_selection_options_disabled_without_selection(qtbot, document, tmp_path) -> None:
    """With nothing selected, "selection only" and "subtree" cannot be chosen."""
    dialog = make_dialog(qtbot, document, [], tmp_path / "x.svg")
    assert not dialog.selection_radio.isEnabled()
    assert not dialog.subtree_radio.isEnabled()
    assert dialog.whole_radio.isChecked()
    assert dialog.options().node_ids == ()


def test_png_export(qtbot, document, tmp_path) -> None:
    """A .png target writes a PNG image."""
    target = tmp_path / "case.png"
    dialog = make_dialog(qtbot, document, ["G2", "A1"], target)
    qtbot.mouseClick(dialog.selection_radio, Qt.LeftButton)
    assert dialog.options().node_ids == ("G2", "A1")
    dialog.scale_spin.setValue(1.0)
    click_export(qtbot, dialog)
    assert target.read_bytes().startswith(b"\x89PNG")
    assert dialog.written == target


def test_bad_extension_shows_error(qtbot, document, tmp_path, monkeypatch) -> None:
    """A .jpg target shows an error, writes nothing and keeps the dialog open."""
    calls: list[tuple] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: calls.append(args))
    target = tmp_path / "case.jpg"
    dialog = make_dialog(qtbot, document, [], target)
    click_export(qtbot, dialog)
    assert len(calls) == 1
    assert ".jpg" in calls[0][-1]
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
    assert dialog.written is None
    assert dialog.isVisible()


def test_a_png_too_large_shows_why_and_what_to_do(qtbot, tmp_path, monkeypatch) -> None:
    """The dialog refuses a huge PNG with the core's message (SVG, PDF or a smaller scale)."""
    calls: list[tuple] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: calls.append(args))
    case = hazard_case()
    for node_id, position in layout_case(case).items():
        case.update_node(node_id, position=position)
    case.update_node("Sn2", position=Position(x=30_000, y=30_000))
    document = Document()
    document.replace(case, None)
    target = tmp_path / "case.png"
    dialog = make_dialog(qtbot, document, [], target)
    click_export(qtbot, dialog)
    assert len(calls) == 1
    assert "pixels" in calls[0][-1] and "SVG or PDF" in calls[0][-1]
    assert "smaller scale (at most 0.33 " in calls[0][-1]
    assert dialog.scale_spin.minimum() <= 0.33  # the scale suggested can be chosen
    assert not target.exists() and dialog.isVisible()
