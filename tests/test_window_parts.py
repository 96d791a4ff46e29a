"""The window's controllers stand on the parts they are given, not on the main window: review
mode and a comparison work in a bare QMainWindow, so their construction order is explicit."""

from __future__ import annotations

from factories import hazard_case
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow
from pytestqt.qtbot import QtBot

from gsn_studio.app.canvas import CanvasScene, CanvasView
from gsn_studio.app.compare import Comparison
from gsn_studio.app.document import Document
from gsn_studio.app.panels import PropertiesPanel
from gsn_studio.app.panels.compare_panel import ComparePanel
from gsn_studio.app.panels.review_panel import ReviewPanel
from gsn_studio.app.review_mode import ReviewMode
from gsn_studio.app.selection import Selection
from gsn_studio.model import NodeType


def parts(qtbot: QtBot) -> tuple[QMainWindow, Document, Selection, CanvasScene, CanvasView]:
    window = QMainWindow()
    qtbot.addWidget(window)
    document, selection = Document(window), Selection(window)
    document.replace(hazard_case(), None)
    scene = CanvasScene(document, selection)
    view = CanvasView(scene, window)
    window.setCentralWidget(view)
    return window, document, selection, scene, view


def test_review_mode_needs_only_its_parts(qtbot: QtBot) -> None:
    """Given the document, canvas, panels and the editing actions, review mode greys those
    actions, switches a checked tool off, shows its dock and makes the document read-only."""
    window, document, selection, scene, view = parts(qtbot)
    panel, dock = ReviewPanel(document), QDockWidget("Review", window)
    dock.setWidget(panel)
    tool, add = QAction("Link", window), QAction("Add", window)
    tool.setCheckable(True)
    tool.setChecked(True)
    review = ReviewMode(
        document=document,
        selection=selection,
        scene=scene,
        view=view,
        panel=panel,
        dock=dock,
        properties=PropertiesPanel(document, selection),
        editing_actions=[tool, add],
        window=window,
    )
    window.show()
    review.set_on(True)
    assert document.read_only and not tool.isChecked()
    assert not add.isEnabled() and not tool.isEnabled() and dock.isVisible()
    review.set_on(False)
    assert not document.read_only and add.isEnabled()


def test_a_comparison_needs_only_its_parts(qtbot: QtBot) -> None:
    """Given the document, canvas, panel and dock, a comparison lists the differences and
    shows its dock; ending it hides the dock again."""
    window, document, selection, scene, view = parts(qtbot)
    panel, dock = ComparePanel(), QDockWidget("Compare", window)
    dock.setWidget(panel)
    comparison = Comparison(
        document=document,
        selection=selection,
        scene=scene,
        view=view,
        panel=panel,
        dock=dock,
        window=window,
    )
    window.show()
    other = hazard_case()
    other.add_node(NodeType.GOAL, "Only in the other version", "G9")
    comparison.compare_with(other)
    assert [entry.text for entry in comparison.entries] == ["G9 removed"]
    assert dock.isVisible()
    comparison.end()
    assert not dock.isVisible()
