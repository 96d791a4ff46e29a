"""A case of modules in the editor: File > Open on any module opens the whole case, a Modules
panel and tabs show its modules with their statuses across modules, saving writes only the
modules that changed, and double-clicking an away element goes to its home (Alt+Left back)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLES
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from gsn_studio.app.main_window import MainWindow
from gsn_studio.io import load_case
from gsn_studio.model import Citation
from gsn_studio.model.changes import UpdateNode
from gsn_studio.notation.palette import Status

LEFT, NO_KEYS = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
MODULES = ["top", "fairness", "accuracy", "oversight", "scoring-platform"]


@pytest.fixture
def case_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "loan"
    shutil.copytree(SAMPLES / "modular-loan", folder)
    return folder


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    main = MainWindow()
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.document.undo_stack.setClean()
    main.layout_runner.cancel()
    main.layout_runner.wait()
    main.close()
    main.deleteLater()
    QApplication.clipboard().clear()


def _point(window: MainWindow, node_id: str) -> QPoint:
    item = window.scene.item_for(node_id)
    assert item is not None
    return window.view.mapFromScene(item.pos())


def test_opening_any_module_opens_the_whole_case_with_tabs_and_the_modules_panel(
    window: MainWindow, case_folder: Path
) -> None:
    """Opening fairness.gsnx, which names no other module, finds the top module that uses it
    and shows every module as a tab (top first, fairness current) and in the Modules panel
    with owner, status and problems; the panel's dock is shown."""
    assert window.files.open(case_folder / "fairness.gsnx", ask=False)
    tabs = window.module_tabs
    assert tabs.isVisible()
    assert tabs.module_ids()[0] == "top"
    assert tabs.module_ids()[tabs.currentIndex()] == "fairness"
    assert window.document.modules.active == "fairness"
    assert sorted(tabs.module_ids()) == sorted(MODULES)
    rows = {row[-1]: row for row in window.modules_panel.module_rows()}
    assert rows["top.gsnx"][1] == "weakened" and rows["top.gsnx"][3] == "Head of Model Risk"
    assert rows["scoring-platform.gsnx"][1] == "supported"
    assert rows["scoring-platform.gsnx"][3] == "ScoreCloud GmbH (supplier)"
    assert int(rows["fairness.gsnx"][2]) > 0
    assert window.docks["modules"].isVisible()


def test_a_tab_shows_its_module_and_away_goals_carry_their_home_status(
    qtbot: QtBot, window: MainWindow, case_folder: Path
) -> None:
    """Choosing the top tab shows the top module; its away goal G2 is marked with the status
    of G2 in fairness (weakened), not as an undeveloped hole, and Problems lists only the
    shown module's findings and the case's."""
    assert window.files.open(case_folder / "fairness.gsnx", ask=False)
    window.module_tabs.setCurrentIndex(window.module_tabs.module_ids().index("top"))
    assert window.document.modules.active == "top"
    assert window.document.path == case_folder / "top.gsnx"
    assert window.scene.item_for("G1") is not None and window.scene.item_for("S2") is None
    assert window.document.case.node("G2").cites is not None
    assert window.document.statuses["G2"] is Status.WEAKENED
    assert window.scene.item_for("G2").status is Status.WEAKENED
    assert all(f.module in ("top", None) for f in window.document.findings)
    findings = window.document.findings
    assert not any(f.code == "undeveloped-goal" and f.node == "G2" for f in findings)


def test_saving_writes_only_the_changed_modules_and_undo_returns_to_the_module_edited(
    qtbot: QtBot, window: MainWindow, case_folder: Path
) -> None:
    """An edit in fairness, then Save: fairness.gsnx holds it, the other files are untouched;
    undo from another tab shows fairness again and takes the edit back (one history for
    the case, so a step that spans modules stays one step)."""
    before = {name: (case_folder / f"{name}.gsnx").read_bytes() for name in MODULES}
    assert window.files.open(case_folder / "top.gsnx", ask=False)
    assert window.document.show_module("fairness")
    assert window.document.push(UpdateNode("G3", {"statement": "Fair to all"}), "Edit")
    assert window.document.show_module("accuracy")
    assert window.document.is_modified()
    assert window.files.save()
    assert load_case(case_folder / "fairness.gsnx").node("G3").statement == "Fair to all"
    changed = [n for n in MODULES if (case_folder / f"{n}.gsnx").read_bytes() != before[n]]
    assert changed == ["fairness"]
    window.act_undo.trigger()
    assert window.document.modules.active == "fairness"
    assert window.module_tabs.module_ids()[window.module_tabs.currentIndex()] == "fairness"
    assert window.document.case.node("G3").statement != "Fair to all"


def test_double_clicking_an_away_goal_goes_home_and_alt_left_comes_back(
    qtbot: QtBot, window: MainWindow, case_folder: Path
) -> None:
    """Double-clicking away goal G2 in top shows fairness with its G2 selected and centred;
    Alt+Left returns to top with the selection as it was, Alt+Right goes forward again."""
    assert window.files.open(case_folder / "top.gsnx", ask=False)
    window.scene.select_only(["G1"])
    qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=_point(window, "G2"))
    qtbot.waitUntil(lambda: window.document.modules.active == "fairness", timeout=2000)
    assert window.scene.selected_ids() == ["G2"]
    assert window.document.case.node("S2") is not None
    # Centred as the review and compare panels centre: on the item's box, badges included.
    home = window.scene.item_for("G2")
    assert home is not None
    box_centre = window.view.mapFromScene(home.sceneBoundingRect().center())
    assert (box_centre - window.view.viewport().rect().center()).manhattanLength() < 4
    assert not window.scene.editing  # navigation, not the inline editor
    qtbot.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.document.modules.active == "top"
    assert window.scene.selected_ids() == ["G1"]
    qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.document.modules.active == "fairness"
    assert window.scene.selected_ids() == ["G2"]
    # QTest's double click leaves its own record of the left button held: release it, or the
    # next test's mouse events arrive with the left button still down.
    qtbot.mouseRelease(window.view.viewport(), Qt.MouseButton.LeftButton)


def test_a_module_reference_to_a_module_outside_the_case_says_so(
    window: MainWindow, case_folder: Path
) -> None:
    """Going to an away element whose module is not in the case is refused with a message."""
    assert window.files.open(case_folder / "top.gsnx", ask=False)
    messages: list[str] = []
    window.document.refused.connect(messages.append)
    node = window.document.case.node("G2")
    cites = node.cites.model_copy(update={"module": "nowhere"})
    window.document.case.update_node("G2", cites=cites)
    assert not window.navigator.go_home("G2")
    assert messages == ["G2 cites module nowhere, which is not part of this case"]


def test_the_architecture_view_shows_each_module_coloured_and_exports(
    window: MainWindow, case_folder: Path, tmp_path: Path
) -> None:
    """View > Architecture draws every module with its verdict and its `uses` as arrows, and
    exports as SVG and PNG; without a case of modules the action is off."""
    assert not window.architecture.action.isEnabled()
    assert window.files.open(case_folder / "top.gsnx", ask=False)
    assert window.architecture.action.isEnabled()
    window.architecture.action.trigger()
    dialog = window.architecture.dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.picture.pixmap().isNull()
    svg = dialog.svg
    assert 'id="module-fairness" class="gsn-module weakened"' in svg
    assert 'class="gsn-module supported"' in svg
    assert svg.count('class="gsn-uses"') == 4  # top uses the four others
    assert svg.count('class="gsn-depends"') == 1  # the supplier develops a goal of top
    dialog.tabs.setCurrentIndex(1)  # the complete view: away elements merged into their homes
    assert dialog.complete_picture.pixmap().width() > dialog.picture.pixmap().width()
    assert '<g id="S2" class="gsn-node' in dialog.svg  # fairness's strategy, unrolled
    assert 'class="gsn-away-band"' not in dialog.svg
    dialog.tabs.setCurrentIndex(0)
    dialog.export_to(tmp_path / "arch.svg")
    dialog.export_to(tmp_path / "arch.png")
    assert (tmp_path / "arch.svg").read_text().startswith("<svg")
    assert (tmp_path / "arch.png").read_bytes()[:4] == b"\x89PNG"
    dialog.close()


def test_moving_a_subtree_to_a_new_module_is_one_undo_step(
    window: MainWindow, case_folder: Path
) -> None:
    """Move to New Module on G3 in fairness makes a tab and a module holding G3's subtree,
    leaves an away G3 citing it in fairness; one undo restores the five modules and G3 as it
    was, redo moves it again, and Save writes the new module's file."""
    assert window.files.open(case_folder / "fairness.gsnx", ask=False)
    window.selection.set(["G3"])
    assert window.move_to_module.move("G3", "Group fairness")
    ids = window.module_tabs.module_ids()
    assert ids[-1] == "group-fairness" and len(ids) == 6
    assert window.document.modules.active == "fairness"
    cites = window.document.case.node("G3").cites
    assert cites is not None and cites.module == "group-fairness"
    assert [row[0] for row in window.modules_panel.module_rows()][-1] == "Group fairness"
    assert window.document.undo_stack.count() == 1
    window.act_undo.trigger()
    assert window.module_tabs.module_ids() == MODULES
    assert window.document.case.node("G3").cites is None
    window.act_redo.trigger()
    assert window.files.save()
    assert load_case(case_folder / "group-fairness.gsnx").node("G3").cites is None
    assert load_case(case_folder / "fairness.gsnx").node("G3").cites is not None


def test_dropping_an_element_from_the_modules_panel_makes_an_away_element(
    qtbot: QtBot, window: MainWindow, case_folder: Path
) -> None:
    """Dragging public G16 of oversight from the Modules panel onto top's canvas adds an away
    goal citing it where it was dropped, with its statement and its home's status, as one
    undo step; a private element is refused with the reason."""
    assert window.files.open(case_folder / "top.gsnx", ask=False)
    panel = window.modules_panel
    item = panel.element_item("oversight", "G16")
    assert item is not None
    item.parent().setExpanded(True)
    data = panel.mimeData([item])
    viewport = window.view.viewport()
    at = viewport.rect().center()
    before = len(window.document.case.nodes)
    for event in (
        QDragEnterEvent(at, Qt.DropAction.CopyAction, data, LEFT, NO_KEYS),
        QDropEvent(at, Qt.DropAction.CopyAction, data, LEFT, NO_KEYS),
    ):
        QApplication.sendEvent(viewport, event)
    added = window.document.case.nodes[-1]
    assert len(window.document.case.nodes) == before + 1
    assert added.cites is not None and (added.cites.module, added.cites.element) == (
        "oversight",
        "G16",
    )
    assert added.statement == "Credit analysts oversee the model's decisions and can correct them"
    dropped = window.view.mapToScene(at)
    assert added.position is not None and abs(added.position.x - dropped.x()) < 1
    qtbot.waitUntil(lambda: added.id in window.document.statuses)  # findings follow edits
    assert window.document.statuses[added.id] is window.document.statuses["G16"]
    window.act_undo.trigger()
    assert len(window.document.case.nodes) == before
    item = panel.element_item("oversight", "G16")
    assert item is not None and item.parent().isExpanded()  # kept open across refreshes
    assert panel.element_item("oversight", "G17") is None  # private: not offered
    messages: list[str] = []
    window.document.refused.connect(messages.append)
    assert not window.away_drop.drop(Citation(module="oversight", element="G17"), added.position)
    assert messages == [
        "G17 in module oversight is not public: its owner must mark it public before other "
        "modules cite it"
    ]


def test_alt_dragging_a_node_over_another_tab_cites_it_there(
    qtbot: QtBot, window: MainWindow, case_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Alt+dragging public G16 off oversight's canvas, hovering over the accuracy tab (which
    comes to the front) and dropping on its canvas adds to accuracy an away goal citing
    oversight's G16, as one undo step; Alt+dragging private G17 is refused with the reason."""
    assert window.files.open(case_folder / "top.gsnx", ask=False)
    tabs = window.module_tabs
    tabs.setCurrentIndex(MODULES.index("oversight"))
    assert window.document.modules.active == "oversight"
    viewport = window.view.viewport()
    dropped: list[str] = []

    def carry(drag: QDrag, *_: object) -> Qt.DropAction:
        """What the user's hand does while Qt's drag runs: over the tab, then the canvas."""
        data = drag.mimeData()
        over_tab = QPointF(tabs.tabRect(MODULES.index("accuracy")).center())
        for event in (
            QDragEnterEvent(over_tab.toPoint(), Qt.DropAction.CopyAction, data, LEFT, NO_KEYS),
            QDragMoveEvent(over_tab.toPoint(), Qt.DropAction.CopyAction, data, LEFT, NO_KEYS),
        ):
            QApplication.sendEvent(tabs, event)
        qtbot.waitUntil(lambda: window.document.modules.active == "accuracy")
        QApplication.sendEvent(tabs, QDragLeaveEvent())
        at = viewport.rect().center()
        for event in (
            QDragEnterEvent(at, Qt.DropAction.CopyAction, data, LEFT, NO_KEYS),
            QDropEvent(at, Qt.DropAction.CopyAction, data, LEFT, NO_KEYS),
        ):
            QApplication.sendEvent(viewport, event)
        dropped.append(data.text())
        return Qt.DropAction.CopyAction

    monkeypatch.setattr(QDrag, "exec", carry)
    start = _point(window, "G16")
    qtbot.mousePress(viewport, LEFT, Qt.KeyboardModifier.AltModifier, start)
    qtbot.mouseMove(viewport, start + QPoint(30, 30))
    assert dropped == ["G16 in oversight"]
    assert window.document.modules.active == "accuracy"
    added = window.document.case.nodes[-1]
    assert added.cites is not None and (added.cites.module, added.cites.element) == (
        "oversight",
        "G16",
    )
    oversight = window.document.modules.modular.module("oversight")
    assert oversight is not None and oversight.case.node("G16").position is not None  # not moved
    window.act_undo.trigger()
    assert all(node.cites is None for node in window.document.case.nodes)
    tabs.setCurrentIndex(MODULES.index("oversight"))
    messages: list[str] = []
    window.document.refused.connect(messages.append)
    start = _point(window, "G17")
    qtbot.mousePress(viewport, LEFT, Qt.KeyboardModifier.AltModifier, start)
    qtbot.mouseMove(viewport, start + QPoint(30, 30))
    qtbot.mouseRelease(viewport, LEFT, Qt.KeyboardModifier.AltModifier, start + QPoint(30, 30))
    assert dropped == ["G16 in oversight"]  # no second drag
    assert messages == [
        "G17 in module oversight is not public: its owner must mark it public before other "
        "modules cite it"
    ]


def test_cite_in_module_from_the_context_menu(window: MainWindow, case_folder: Path) -> None:
    """The node menu's "Cite G16 in module" > accuracy shows accuracy with an away goal citing
    oversight's G16 at the centre of the view; for private G17 the entry is disabled."""
    assert window.files.open(case_folder / "top.gsnx", ask=False)
    window.module_tabs.setCurrentIndex(MODULES.index("oversight"))
    menu = QMenu()
    window.cite_drag.fill_context_menu(menu, "G17")
    assert not menu.actions()[0].menu().isEnabled()
    menu = QMenu()
    window.cite_drag.fill_context_menu(menu, "G16")
    sub = menu.actions()[0].menu()
    assert menu.actions()[0].text() == "Cite G16 in module"
    accuracy = next(a for a in sub.actions() if a.data() == "accuracy")
    accuracy.trigger()
    assert window.document.modules.active == "accuracy"
    added = window.document.case.nodes[-1]
    assert added.cites is not None and added.cites.element == "G16"
    assert window.selection.ids == [added.id]


def test_dropping_an_element_on_a_tab_cites_it_in_that_module(
    window: MainWindow, case_folder: Path
) -> None:
    """An element of oversight dropped on the accuracy tab brings accuracy to the front with
    an away goal citing it, selected at the centre of the view."""
    assert window.files.open(case_folder / "top.gsnx", ask=False)
    tabs = window.module_tabs
    tabs.setCurrentIndex(MODULES.index("oversight"))
    data = window.modules_panel.mimeData([window.modules_panel.element_item("oversight", "G16")])
    on_tab = tabs.tabRect(MODULES.index("accuracy")).center()
    for event in (
        QDragEnterEvent(on_tab, Qt.DropAction.CopyAction, data, LEFT, NO_KEYS),
        QDropEvent(QPointF(on_tab), Qt.DropAction.CopyAction, data, LEFT, NO_KEYS),
    ):
        QApplication.sendEvent(tabs, event)
    assert window.document.modules.active == "accuracy"
    added = window.document.case.nodes[-1]
    assert added.cites is not None and (added.cites.module, added.cites.element) == (
        "oversight",
        "G16",
    )
    assert window.selection.ids == [added.id]
