"""The query bar: type `type=solution and state!=current` and everything else on the canvas
is drawn faint, the matches counted and listed; a query can be saved in the case as a named
view, applied again from the Saved Views menu, and deleted (each an undoable step).

The evaluation is `analysis.query`'s, the one the command line runs; this module only feeds
it the document's assessment and shows the answer.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QToolBar,
    QToolButton,
    QWidget,
)

from gsn_studio.analysis.query import (
    QueryError,
    QueryFacts,
    facts_from,
    matching,
    modular_facts,
    parse,
)
from gsn_studio.app.canvas import CanvasScene, CanvasView
from gsn_studio.app.canvas.view import FIT_MARGIN, MAX_FIT_ZOOM
from gsn_studio.app.document import Document, only_diagram
from gsn_studio.app.selection import Selection
from gsn_studio.model.changes import Effects, SetCaseFields
from gsn_studio.model.views import SavedView, view_named, with_view, without_view
from gsn_studio.notation.themes import DIMMED_OPACITY

TYPING_PAUSE_MS = 150
"""Wait this long after a key before evaluating, so a large case does not lag the typing."""
LISTED = 200
"""The matches menu lists at most this many; the count says how many there are."""
ERROR_COLOUR = "#c62828"
LEAST_FRAMING_ZOOM = 0.45
"""Framing the matches never zooms out further: below it a match is a coloured dot."""


class QueryField(QLineEdit):
    """The query's text; Esc clears it (and with it the dimming)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)


class QueryBar(QToolBar):
    activated = Signal(str)
    """A match was chosen from the list: show it on the canvas."""

    def __init__(
        self,
        document: Document,
        selection: Selection,
        view: CanvasView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Query", parent)
        self.setObjectName("queryToolbar")
        self.document = document
        self.selection = selection
        self.view = view
        self.matches: list[str] | None = None
        """The ids the query matches; None with no query, or a query that cannot be read."""
        self.error: QueryError | None = None
        self._dimmed = False
        """Whether some item is drawn faint now."""

        self.field = QueryField(self)
        self.field.setObjectName("queryField")
        self.field.setPlaceholderText("Query, e.g. type=solution and state!=current (Ctrl+Shift+F)")
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(360)
        self.field.setToolTip(
            "Fields: type, id, text, owner, tag, status, state, module, trace; under NODE; "
            "= (wildcards * ?), != and ~ (contains); and, or, not, parentheses. "
            "Enter selects the matches, Esc clears."
        )
        self.count_button = QToolButton(self)
        self.count_button.setObjectName("queryMatches")
        self.count_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.count_button.setMenu(QMenu(self.count_button))
        self.count_button.menu().aboutToShow.connect(self._fill_matches)
        self.message = QLabel(self)
        self.message.setObjectName("queryMessage")
        self.message.setStyleSheet(f"color: {ERROR_COLOUR}")
        self.addWidget(self.field)
        # A toolbar shows and hides its widgets through their actions.
        self.count_action = self.addWidget(self.count_button)
        self._build_actions(parent)
        self.addWidget(self.message)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.evaluate)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.field.returnPressed.connect(self.select_matches)
        # Connected after the scene's own handlers, so the items exist when they are dimmed.
        document.findings_changed.connect(self.evaluate)
        document.reset.connect(self.evaluate)
        document.module_shown.connect(lambda _module: self.evaluate())
        document.changed.connect(self._on_changed)
        self._show()

    def _build_actions(self, parent: QWidget | None) -> None:
        self.focus_action = QAction("&Query Elements…", self)
        self.focus_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.focus_action.setStatusTip("Type a query: what it does not match is drawn faint")
        self.focus_action.triggered.connect(self.focus_field)
        if parent is not None:
            parent.addAction(self.focus_action)  # Ctrl+Shift+F wherever focus is in the window
        self.save_action = QAction("&Save Query as View…", self)
        self.save_action.triggered.connect(self.ask_and_save)
        self.views_menu = QMenu("Saved &Views", self)
        self.views_menu.setObjectName("savedViewsMenu")
        self.views_menu.aboutToShow.connect(self._fill_views)
        views_button = QToolButton(self)
        views_button.setText("Views")
        views_button.setMenu(self.views_menu)
        views_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.addWidget(views_button)

    # -- the query -------------------------------------------------------------------------

    def query(self) -> str:
        """The query as typed, when it can be read ("" otherwise)."""
        return self.field.text().strip() if self.matches is not None else ""

    def set_query(self, text: str) -> None:
        self.field.setText(text)
        self.evaluate()

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def _on_changed(self, effects: Effects) -> None:
        # A move changes no answer; with no query every item, new ones too, is drawn as it is.
        if self.field.text().strip() and not only_diagram(effects):
            self.evaluate()

    def evaluate(self) -> None:
        self._timer.stop()
        text = self.field.text().strip()
        self.error = None
        self.matches = None
        if text:
            try:
                self.matches = matching(self.document.case, parse(text), self._facts())
            except QueryError as error:
                self.error = error
        self._show()

    def _facts(self) -> QueryFacts:
        document = self.document
        state = document.modules
        if state.whole is not None and state.modular is not None and state.active is not None:
            module = state.modular.module(state.active)
            if module is not None:
                return modular_facts(state.whole, module)
        if document.assessment is None:
            return QueryFacts()
        return facts_from(document.case, document.assessment)

    @property
    def scene(self) -> CanvasScene:
        scene = self.view.scene()
        assert isinstance(scene, CanvasScene)
        return scene

    def _show(self) -> None:
        matches = self.matches
        bright = None if matches is None else set(matches)
        if bright is None and not self._dimmed:
            self._show_answer()
            return  # nothing is faint: no need to visit every item of a large case
        self._dimmed = bright is not None
        for item in self.scene.node_items():
            item.setOpacity(1.0 if bright is None or item.node_id in bright else DIMMED_OPACITY)
        for link in self.scene.link_items():
            source, target = link.key[0], link.key[1]
            faint = bright is not None and not (source in bright and target in bright)
            link.setOpacity(DIMMED_OPACITY if faint else 1.0)
        self._show_answer()

    def _show_answer(self) -> None:
        matches = self.matches
        self.count_action.setVisible(matches is not None)
        if matches is not None:
            total = len(self.document.case.nodes)
            noun = "match" if len(matches) == 1 else "matches"
            self.count_button.setText(f"{len(matches)} {noun} of {total}")
        error = self.error
        if error is None:
            self.message.clear()
        else:
            self.message.setText(f"column {error.column}: {error.message}")
        self.save_action.setEnabled(matches is not None)

    def select_matches(self) -> None:
        """Enter: the matches become the selection (to move, export or lay out together),
        brought into view."""
        self.evaluate()
        if self.matches:
            self.selection.set(self.matches)
            self.frame_matches()

    def frame_matches(self) -> None:
        """Show the matches: all of them when that stays legible, else centred at the least
        zoom where shapes and ids still read."""
        boxes = [
            item.sceneBoundingRect()
            for item in map(self.scene.item_for, self.matches or ())
            if item is not None
        ]
        if not boxes:
            return
        rect = QRectF(boxes[0])
        for box in boxes[1:]:
            rect = rect.united(box)
        rect = rect.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        area = self.view.viewport().rect()
        fit = min(area.width() / rect.width(), area.height() / rect.height(), MAX_FIT_ZOOM)
        self.view.set_zoom(max(fit, LEAST_FRAMING_ZOOM))
        # When they do not all fit, the first is shown whole rather than the gap between them.
        self.view.centerOn(rect.center() if fit >= LEAST_FRAMING_ZOOM else boxes[0].center())

    def apply_view(self, view: SavedView) -> None:
        """Saved Views > NAME: its query in the bar, and the matches in view."""
        self.set_query(view.query)
        self.frame_matches()

    def _fill_matches(self) -> None:
        menu = self.count_button.menu()
        menu.clear()
        case = self.document.case
        for node_id in (self.matches or [])[:LISTED]:
            node = case.get(node_id)
            statement = node.statement if node is not None else ""
            short = statement if len(statement) <= 60 else statement[:59] + "…"
            action = menu.addAction(f"{node_id}  {short}".replace("&", "&&"))
            action.triggered.connect(lambda _=False, n=node_id: self.activated.emit(n))
        if self.matches is not None and len(self.matches) > LISTED:
            more = menu.addAction(f"… and {len(self.matches) - LISTED} more")
            more.setEnabled(False)

    # -- saved views -----------------------------------------------------------------------

    def _fill_views(self) -> None:
        menu = self.views_menu
        menu.clear()
        views = self.document.case.views
        for view in views:
            action = menu.addAction(view.name.replace("&", "&&"))
            action.setToolTip(view.query)
            action.setStatusTip(view.query)
            action.triggered.connect(lambda _=False, v=view: self.apply_view(v))
        if not views:
            none = menu.addAction("No saved views")
            none.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.save_action)
        delete = menu.addMenu("&Delete View")
        delete.setEnabled(bool(views))
        for view in views:
            action = delete.addAction(view.name.replace("&", "&&"))
            action.triggered.connect(lambda _=False, n=view.name: self.delete_view(n))

    def ask_and_save(self) -> None:
        text = self.query()
        if not text:
            return
        current = next((v.name for v in self.document.case.views if v.query == text), "")
        name, accepted = QInputDialog.getText(
            self, "Save Query as View", f"Name for the view of “{text}”:", text=current
        )
        if accepted and name.strip():
            self.save_view(name, text)

    def save_view(self, name: str, text: str | None = None) -> bool:
        """Keep the query (by default the one typed) in the case under a name: one undo step.
        A view of the same name is replaced in its place."""
        text = self.query() if text is None else text
        try:
            parse(text)
            view = SavedView(name=name, query=text)
        except ValueError as error:  # QueryError, or an empty name
            self.document.refused.emit(str(error).split("\n")[0])
            return False
        views = self.document.case.views
        verb = "Replace" if view_named(views, view.name) is not None else "Save"
        return self.document.push(
            SetCaseFields({"views": with_view(views, view)}), f"{verb} view “{view.name}”"
        )

    def delete_view(self, name: str) -> bool:
        views = self.document.case.views
        if view_named(views, name) is None:
            return False
        return self.document.push(
            SetCaseFields({"views": without_view(views, name)}), f"Delete view “{name}”"
        )
