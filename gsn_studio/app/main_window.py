"""The editor window: canvas in the middle, panels in docks, menus and toolbars around."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QToolBar,
    QWidget,
)

from gsn_studio.analysis import Severity
from gsn_studio.app import settings
from gsn_studio.app.acceptance_actions import AcceptanceActions
from gsn_studio.app.architecture_view import ArchitectureAction
from gsn_studio.app.away_drop import AwayDrop
from gsn_studio.app.canvas import CanvasScene, CanvasView
from gsn_studio.app.canvas.link_item import LinkItem
from gsn_studio.app.cite_drag import CiteDrag
from gsn_studio.app.clipboard_actions import ClipboardActions
from gsn_studio.app.compare import Comparison
from gsn_studio.app.document import Document
from gsn_studio.app.edit_actions import EditActions
from gsn_studio.app.evidence_actions import EvidenceActions
from gsn_studio.app.export_dialog import ExportDialog
from gsn_studio.app.files import FileController
from gsn_studio.app.focus import Focus
from gsn_studio.app.fold_actions import FoldActions
from gsn_studio.app.help import HelpMenu
from gsn_studio.app.history import HistoryActions
from gsn_studio.app.instantiate_dialog import PatternInstantiation
from gsn_studio.app.merge_conflicts import MergeConflictsDock
from gsn_studio.app.module_split_action import MoveToModuleAction
from gsn_studio.app.module_tabs import ModuleTabs, with_tabs
from gsn_studio.app.modules_panel import ModulesPanel
from gsn_studio.app.navigation import Navigator
from gsn_studio.app.overview_dock import add_overview_dock
from gsn_studio.app.panels import (
    AsOfControl,
    DashboardPanel,
    LegendPanel,
    OutlinePanel,
    ProblemsPanel,
    PropertiesPanel,
    SearchBox,
)
from gsn_studio.app.panels.compare_panel import ComparePanel
from gsn_studio.app.panels.review_panel import ReviewPanel
from gsn_studio.app.pattern_actions import PatternActions
from gsn_studio.app.portfolio_window import PortfolioWindow
from gsn_studio.app.practice_dialog import practice_action
from gsn_studio.app.preferences import apply_stored
from gsn_studio.app.query_bar import QueryBar
from gsn_studio.app.review_mode import ReviewMode
from gsn_studio.app.selection import Selection


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.document = Document(self)
        apply_stored(self.document)
        self.selection = Selection(self)
        self.files = FileController(self.document, self)
        self.patterns = PatternInstantiation(self.document, self.files, self)
        self.pattern_actions = PatternActions(self.document, self)
        self.scene = CanvasScene(self.document, self.selection)
        self.view = CanvasView(self.scene, self)
        self.edit_actions = EditActions(self.document, self.selection, self.scene, self.view, self)
        self.layout_runner = self.edit_actions.runner
        self.module_tabs = ModuleTabs(self.document, self.view, self.edit_actions.show_opened_case)
        self.focus = Focus(self.document, self.scene, self.view, self)
        self.setCentralWidget(self.focus.wrap(with_tabs(self.module_tabs, self.view)))
        self.navigator = Navigator(self.document, self.selection, self.scene, self.view, self)
        self.architecture = ArchitectureAction(self.document, self)
        self.move_to_module = MoveToModuleAction(self.document, self.selection, self)
        self.away_drop = AwayDrop(self.document, self.view)
        self.cite_drag = CiteDrag(self.document, self.scene, self.view, self.away_drop)
        self.module_tabs.element_dropped.connect(self.cite_drag.drop_on_tab)
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)

        self._build_panels()
        self._build_actions()
        self.review = ReviewMode(
            document=self.document,
            selection=self.selection,
            scene=self.scene,
            view=self.view,
            panel=self.review_panel,
            dock=self.docks["review"],
            properties=self.properties,
            editing_actions=[
                *self.edit_actions.editing(),
                self.act_cut,
                self.act_paste,
                self.act_delete,
            ],
            window=self,
        )
        self.acceptance = AcceptanceActions(self.document, self.selection, self.scene, self)
        self.comparison = Comparison(
            document=self.document,
            selection=self.selection,
            scene=self.scene,
            view=self.view,
            panel=self.compare_panel,
            dock=self.docks["compare"],
            window=self,
        )
        self.merge_conflicts = MergeConflictsDock(
            self, docks=self.docks, document=self.document, selection=self.selection,
            scene=self.scene, view=self.view,
        )  # fmt: skip
        self._build_menus()
        self._build_toolbars()
        self._build_status_bar()
        self._connect()
        self._restore_settings()
        self._update_title()
        self._update_counts()

    # -- construction --------------------------------------------------------------------

    def _build_panels(self) -> None:
        self.properties = PropertiesPanel(self.document, self.selection)
        self.outline = OutlinePanel(self.document, self.selection)
        self.problems = ProblemsPanel(self.document)
        self.dashboard = DashboardPanel(self.document)
        self.legend = LegendPanel()
        self.review_panel = ReviewPanel(self.document)
        self.compare_panel = ComparePanel()
        self.modules_panel = ModulesPanel(self.document)
        self.query_bar = QueryBar(self.document, self.selection, self.view, self)
        self.docks: dict[str, QDockWidget] = {}
        for name, title, widget, area in (
            ("outline", "Outline", self.outline, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("properties", "Properties", self.properties, Qt.DockWidgetArea.RightDockWidgetArea),
            ("legend", "Legend", _scrolling(self.legend), Qt.DockWidgetArea.RightDockWidgetArea),
            ("problems", "Problems", self.problems, Qt.DockWidgetArea.BottomDockWidgetArea),
            ("dashboard", "Dashboard", self.dashboard, Qt.DockWidgetArea.BottomDockWidgetArea),
            ("review", "Review", self.review_panel, Qt.DockWidgetArea.BottomDockWidgetArea),
            ("compare", "Compare", self.compare_panel, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("modules", "Modules", self.modules_panel, Qt.DockWidgetArea.LeftDockWidgetArea),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"{name}Dock")  # saveState needs names
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
            self.docks[name] = dock
        self.docks["overview"] = add_overview_dock(self, self.scene, self.view)
        self.docks["dashboard"].visibilityChanged.connect(self.dashboard.set_in_view)
        self._docks_arranged = False
        self.resizeDocks([self.docks["problems"]], [200], Qt.Orientation.Vertical)
        self.resizeDocks(
            [self.docks["outline"], self.docks["properties"]], [300, 320], Qt.Orientation.Horizontal
        )

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work wherever focus is in the window
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.act_new = self._action("&New", self.files.new, keys.New)
        self.act_open = self._action("&Open…", self.files.open_dialog, keys.Open)
        self.act_save = self._action("&Save", self._committed(self.files.save), keys.Save)
        self.act_save_as = self._action(
            "Save &As…", self._committed(self.files.save_as), keys.SaveAs
        )
        self.act_export = self._action("&Export Figure…", self.export_figure, "Ctrl+E")
        self.act_open_portfolio = self._action("Open &Portfolio…", self.open_portfolio_dialog)
        self.act_practice = practice_action(self.document, self)
        self.act_instantiate = self._action(
            "&Instantiate Pattern…",
            self.patterns.start,
            tip="Make a new case from the open pattern, or update the open instance of one",
        )
        self.act_quit = self._action("&Quit", self.close, keys.Quit)

        self.history = HistoryActions(self.document, self)
        self.act_undo, self.act_redo = self.history.undo, self.history.redo
        self.clipboard = ClipboardActions(self.document, self.selection, self.show_refusal)
        self.act_cut = self._action("Cu&t", self.clipboard.cut, keys.Cut)
        self.act_copy = self._action("&Copy", self.clipboard.copy, keys.Copy)
        self.act_paste = self._action("&Paste", self.clipboard.paste, keys.Paste)
        self.act_delete = self._action("&Delete", self.clipboard.delete, keys.Delete)
        self.act_delete.setShortcuts([QKeySequence(keys.Delete), QKeySequence("Backspace")])
        self.act_select_all = self._action("Select &All", self.select_all, keys.SelectAll)
        self.act_find = self._action("&Find…", self.focus_search, keys.Find)
        self.evidence_actions = EvidenceActions(self.document, self.selection, self)
        self.act_mark_verified = self.evidence_actions.mark_verified
        self.act_preferences = self.evidence_actions.preferences
        self.act_recheck = self.evidence_actions.recheck

        self.act_add = self.edit_actions.add
        self.act_layout = self.edit_actions.layout_all
        self.act_layout_selection = self.edit_actions.layout_selection
        self.act_zoom_in = self._action("Zoom &In", self.view.zoom_in, keys.ZoomIn)
        self.act_zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence(keys.ZoomIn)])
        self.act_zoom_out = self._action("Zoom &Out", self.view.zoom_out, keys.ZoomOut)
        self.act_fit = self._action(
            "&Fit to Window",
            self.view.fit_all,
            "Ctrl+0",
            "Show the whole case: an overview, so it may zoom below readable text",
        )
        self.act_actual = self._action("Actual &Size", self.view.reset_zoom, "Ctrl+1")
        self.act_link_mode = self.edit_actions.link_mode
        self.act_pan_mode = self.edit_actions.pan_mode
        self.help = HelpMenu(self)
        self.folds = FoldActions(self.document, self.selection, self.focus, self)
        self.scene.folding.room_wanted.connect(self.edit_actions.make_room)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = QMenu("Open &Recent", self)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.act_open_portfolio)
        file_menu.addSeparator()
        file_menu.addActions([self.act_save, self.act_save_as])
        file_menu.addSeparator()
        file_menu.addAction(self.act_export)
        file_menu.addAction(self.act_instantiate)
        file_menu.addActions([self.comparison.action, self.comparison.end_action])
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        self._fill_recent_menu()

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_delete])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_select_all, self.act_find, self.query_bar.focus_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_mark_verified, self.review.add_action])
        edit_menu.addActions([self.move_to_module.action, self.pattern_actions.parameters_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_practice, self.act_preferences])

        insert_menu = bar.addMenu("&Insert")
        insert_menu.addActions(list(self.act_add.values()))
        insert_menu.addSeparator()
        insert_menu.addAction(self.act_link_mode)

        self.acceptance.fill(bar, self.review.add_action)

        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.act_zoom_in, self.act_zoom_out, self.act_actual, self.act_fit])
        view_menu.addAction(self.act_pan_mode)
        view_menu.addSeparator()
        view_menu.addActions([self.act_layout, self.act_layout_selection])
        self.folds.fill(view_menu)
        view_menu.addAction(self.act_recheck)
        view_menu.addSeparator()
        view_menu.addActions([self.navigator.back, self.navigator.forward])
        view_menu.addAction(self.architecture.action)
        view_menu.addMenu(self.query_bar.views_menu)
        view_menu.addSeparator()
        view_menu.addAction(self.review.action)
        view_menu.addActions([self.comparison.next_action, self.comparison.previous_action])
        view_menu.addSeparator()
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())

        self.help.fill(bar.addMenu("&Help"))

    def _build_toolbars(self) -> None:
        main = QToolBar("Main", self)
        main.setObjectName("mainToolbar")
        main.addActions([self.act_new, self.act_open, self.act_save])
        main.addSeparator()
        main.addActions([self.act_undo, self.act_redo])
        main.addSeparator()
        main.addActions([self.act_layout, self.act_fit])
        main.addSeparator()
        self.as_of = AsOfControl(self.document)
        main.addWidget(self.as_of)
        main.addSeparator()
        self.search = SearchBox(self.document, self.selection)
        self.search.setMaximumWidth(280)
        main.addWidget(self.search)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, main)
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.query_bar)

        palette = QToolBar("Elements", self)
        palette.setObjectName("elementsToolbar")
        palette.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        palette.addActions(list(self.act_add.values()))
        palette.addSeparator()
        palette.addAction(self.act_link_mode)
        self.addToolBar(Qt.ToolBarArea.LeftToolBarArea, palette)

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel()
        self.zoom_label = QLabel("100 %")
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.zoom_label)

    def _connect(self) -> None:
        stack = self.document.undo_stack
        stack.cleanChanged.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.document.findings_changed.connect(self._update_counts)
        self.document.refused.connect(self.show_refusal)
        self.patterns.refused.connect(self.show_refusal)
        self.files.recent_changed.connect(self._fill_recent_menu)
        self.files.opened.connect(self.edit_actions.after_open)
        self.document.modules_changed.connect(self._show_modules)
        self.layout_runner.failed.connect(self.show_refusal)
        for panel in (self.outline, self.problems, self.dashboard, self.search, self.query_bar):
            panel.activated.connect(self.view.center_on_node)
        self.search.not_found.connect(
            lambda text: self.statusBar().showMessage(f"No node matches “{text}”", 5000)
        )
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f} %"))
        self.view.menu_requested.connect(self._canvas_menu)

    # -- commands ------------------------------------------------------------------------

    def _canvas_menu(self, position: QPoint) -> None:
        """Right-click on the canvas: the node under the pointer becomes the selection."""
        item = self.view.itemAt(position)
        link = item if isinstance(item, LinkItem) else None
        while item is not None and not hasattr(item, "node_id"):
            item = item.parentItem()
        node_id = getattr(item, "node_id", None)
        if node_id is not None and node_id not in self.selection.ids:
            self.selection.set([node_id])
        menu = QMenu(self)
        self.folds.fill_context_menu(menu, node_id)
        self.review.fill_context_menu(menu, node_id, link)
        self.pattern_actions.fill_context_menu(menu, node_id, link)
        self.cite_drag.fill_context_menu(menu, node_id)
        menu.addAction(self.act_mark_verified)
        menu.addSeparator()
        menu.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_delete])
        menu.popup(self.view.viewport().mapToGlobal(position))

    def export_figure(self) -> None:
        """File > Export: SVG, PNG or PDF of the case, the selection or a subtree."""
        dialog = ExportDialog(
            self.document, self.selection, self, self.focus.root, self.query_bar.query()
        )
        if dialog.exec() and dialog.written is not None:
            self.statusBar().showMessage(f"Wrote {dialog.written}", 6000)

    def select_all(self) -> None:
        self.selection.set(node.id for node in self.document.case.nodes)

    def focus_search(self) -> None:
        self.search.focus_and_select()

    def _show_modules(self) -> None:
        self.docks["modules"].show()
        self.docks["modules"].raise_()

    # -- feedback ------------------------------------------------------------------------

    def show_refusal(self, message: str) -> None:
        self.statusBar().showMessage(f"Not done: {message}", 10000)

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.display_name}[*] — GSN Studio")
        self.setWindowModified(self.document.is_modified())

    def _update_counts(self) -> None:
        findings = self.document.findings
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        warnings = len(findings) - errors
        nodes = len(self.document.case.nodes)
        self.counts_label.setText(
            f"{nodes} node{'s' * (nodes != 1)} · {errors} error{'s' * (errors != 1)} · "
            f"{warnings} warning{'s' * (warnings != 1)}"
        )
        self.docks["problems"].setWindowTitle(f"Problems ({len(findings)})")

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in settings.recent_files():
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _=False, p=path: self.files.open(p))
        self.recent_menu.setEnabled(not self.recent_menu.isEmpty())

    # -- window state --------------------------------------------------------------------

    def _restore_settings(self) -> None:
        store = settings.settings()
        geometry = store.value("window/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        state = store.value("window/state")
        if state:
            self._docks_arranged = self.restoreState(state)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._docks_arranged:
            # Tabbed only once shown, unless a saved layout was restored: Qt 6 gives tab groups
            # made earlier stray duplicate tab bars drawn over other panels.
            self._docks_arranged = True
            self.tabifyDockWidget(self.docks["properties"], self.docks["legend"])
            self.docks["properties"].raise_()
            # Problems and Dashboard both list what needs attention: one strip, two tabs.
            self.tabifyDockWidget(self.docks["problems"], self.docks["dashboard"])
            self.tabifyDockWidget(self.docks["dashboard"], self.docks["review"])
            self.docks["problems"].raise_()
            self.tabifyDockWidget(self.docks["outline"], self.docks["compare"])
            self.tabifyDockWidget(self.docks["outline"], self.docks["modules"])
            self.docks["modules"].setVisible(self.document.modules.modular is not None)
            self.docks["compare"].hide()  # until a comparison starts
            self.docks["review" if self.review.on else "problems"].raise_()
            # Now, not at the next layout request: a group grown to three tabs replaces its
            # tab bar, and the old one would be drawn over the new until then.
            layout = self.layout()
            assert layout is not None  # a QMainWindow makes its own layout
            layout.activate()

    def _committed(self, command: Callable[[], object]) -> Callable[[], None]:
        """A file command that first applies a field still being typed in the panel."""

        def run() -> None:
            self.properties.commit_pending()
            command()

        return run

    def closeEvent(self, event: QCloseEvent) -> None:
        self.properties.commit_pending()
        if not self.files.maybe_save():
            event.ignore()
            return
        self.files.close()  # saved or discarded: its recovery copy goes
        self.layout_runner.cancel()
        self.layout_runner.wait(5000)
        store = settings.settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.files.open(Path(url.toLocalFile()))
                break

    def open_portfolio_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open Portfolio: a folder of cases")
        if folder:
            self.open_portfolio([Path(folder)])

    def open_portfolio(self, targets: list[Path]) -> PortfolioWindow:
        """The review table of every case under the folders; double-click opens one here."""
        window = PortfolioWindow(targets, parent=self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.open_requested.connect(self.files.open)
        window.show()
        return window

    def open_paths(self, paths: list[Path]) -> None:
        if paths:
            self.files.open(paths[0], ask=False)


def _scrolling(panel: QWidget) -> QScrollArea:
    """A tall panel that scrolls rather than making the window grow to fit it."""
    area = QScrollArea()
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area
