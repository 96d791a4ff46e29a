"""The Help menu: Quick Start, Notation, Keyboard Shortcuts and About.

Nothing here is written twice: the notation page is the Legend panel's list (the shapes and
marks the canvas draws, from `notation/`), and the shortcuts page reads the window's real
actions, so neither can drift from what the editor does. The quick start is also in the
README, and a test keeps the two in step.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gsn_studio.app.about import show_about
from gsn_studio.app.panels.legend import legend_entries

QUICK_START: tuple[tuple[str, str], ...] = (
    (
        "Make a goal",
        "Press <b>G</b> (or click <i>Goal</i> in the palette), type the claim and press "
        "<b>Enter</b>. Shift+Enter starts a new line; double-click a node to edit it again.",
    ),
    (
        "Add support",
        "With a node selected, <b>S</b> adds a strategy below it, <b>G</b> a sub-goal, "
        "<b>N</b> a solution (a piece of evidence); <b>C</b>, <b>A</b> and <b>J</b> add a "
        "context, an assumption or a justification beside it. Each new node is linked to the "
        "selected one and ready to type in.",
    ),
    (
        "Link",
        "Drag from the small circle under a node onto another node, or switch on Link Mode "
        "(<b>L</b>) and drag between any two. The kind of link follows from the two elements; "
        "a link GSN does not allow is refused, with the rule in the status bar.",
    ),
    (
        "Mark undeveloped",
        "Select a goal and tick <i>Undeveloped</i> in Properties: it gets a diamond and counts "
        "as a known hole rather than a mistake.",
    ),
    (
        "Set evidence dates",
        "Select a solution. Under Evidence in Properties give its reference (a file or a URL), "
        "its Date, and Valid until (tick <i>Set</i>, then pick the day). The <i>As of</i> date "
        "in the toolbar judges the whole case on another day.",
    ),
    (
        "Check",
        "The Problems panel lists every finding as you edit (click one to go to the node), and "
        "colours and badges show each claim's status. The same check runs on the command line: "
        "<code>gsn-studio check case.gsnx</code>.",
    ),
    (
        "Export",
        "File &gt; Export Figure (<b>Ctrl+E</b>) writes SVG, PNG or PDF of the case, the "
        "selection or a subtree; or <code>gsn-studio export case.gsnx -o case.svg</code>.",
    ),
)

CANVAS_GESTURES: tuple[tuple[str, str], ...] = (
    ("Double-click a node", "Edit its text: Enter commits, Shift+Enter adds a line, Esc cancels"),
    ("Arrow keys", "Move the selected nodes (with Shift: in small steps)"),
    ("Wheel", "Zoom around the pointer"),
    ("Middle or right drag, Space + drag", "Pan"),
    ("Right click", "The menu of the node or link under the pointer"),
    ("Esc", "Cancel a link being drawn"),
)
"""Canvas keys and gestures that are not menu actions."""


def quick_start_html() -> str:
    steps = "".join(f"<li><b>{title}.</b> {text}</li>" for title, text in QUICK_START)
    return (
        "<h2>Quick start</h2><p>A safety case in a few minutes, from an empty window.</p>"
        f"<ol>{steps}</ol><p>Help &gt; Notation says what every shape, link, colour and badge "
        "means; Help &gt; Keyboard Shortcuts lists every key.</p>"
    )


def notation_html(document: QTextDocument) -> str:
    """The legend as a page; its pictures are put into `document` as resources."""
    rows: list[str] = []
    for number, (picture, text) in enumerate(legend_entries()):
        if picture is None:
            if rows:
                rows.append("</table>")
            rows.append(f"<h3>{html.escape(text)}</h3><table cellspacing='4'>")
            continue
        url = f"notation:{number}"
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), picture)
        size = picture.deviceIndependentSize()
        rows.append(
            f"<tr><td><img src='{url}' width='{size.width():.0f}' "
            f"height='{size.height():.0f}'></td><td valign='middle'>{text}</td></tr>"
        )
    rows.append("</table>")
    return (
        "<h2>Notation</h2><p>GSN Community Standard v3 elements, and the marks GSN Studio adds "
        "for each one's status. A status is never colour alone: it has a dash pattern and a "
        "badge word too.</p>" + "".join(rows)
    )


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action with a key, in menu order; then the others."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            if isinstance(submenu := action.menu(), QMenu):  # typed as any QObject
                walk(submenu, title)
            elif id(action) not in seen and _keys(action):
                seen.add(id(action))
                rows.append((title, _plain(action.text()), _keys(action)))

    for top in window.menuBar().actions():
        if isinstance(menu := top.menu(), QMenu):
            walk(menu, _plain(top.text()))
    for action in window.findChildren(QAction):
        if id(action) not in seen and _keys(action) and action.text():
            seen.add(id(action))
            rows.append(("Other", _plain(action.text()), _keys(action)))
    return rows


def shortcuts_html(window: QMainWindow) -> str:
    parts = ["<h2>Keyboard shortcuts</h2><table cellspacing='2' cellpadding='3'>"]
    group = None
    for menu, action, keys in shortcut_rows(window):
        if menu != group:
            group = menu
            parts.append(f"<tr><td colspan='2'><h3>{html.escape(menu)}</h3></td></tr>")
        parts.append(f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(action)}</td></tr>")
    parts.append("<tr><td colspan='2'><h3>On the canvas</h3></td></tr>")
    for gesture, meaning in CANVAS_GESTURES:
        parts.append(f"<tr><td><b>{gesture}</b></td><td>{meaning}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


class HelpPage(QDialog):
    """A page of help beside the editor (not modal: one reads it while trying it)."""

    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 720)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


class HelpMenu(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.pages: dict[str, HelpPage] = {}
        self.quick_start = self._action("&Quick Start", self.show_quick_start, "F1")
        self.notation = self._action("&Notation", self.show_notation)
        self.shortcuts = self._action("&Keyboard Shortcuts", self.show_shortcuts, "Ctrl+Shift+/")
        self.about = self._action("&About GSN Studio", self.show_about)

    def _action(self, text: str, slot: object, key: str = "") -> QAction:
        action = QAction(text, self.window)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def fill(self, menu: QMenu) -> None:
        menu.addActions([self.quick_start, self.notation, self.shortcuts])
        menu.addSeparator()
        menu.addAction(self.about)

    def show_quick_start(self) -> HelpPage:
        return self._show("Quick Start", lambda page: quick_start_html())

    def show_notation(self) -> HelpPage:
        return self._show("Notation", lambda page: notation_html(page.browser.document()))

    def show_shortcuts(self) -> HelpPage:
        return self._show("Keyboard Shortcuts", lambda page: shortcuts_html(self.window))

    def show_about(self) -> None:
        show_about(self.window)

    def _show(self, title: str, content: object) -> HelpPage:
        page = self.pages.get(title)
        if page is None:
            page = self.pages[title] = HelpPage(title, self.window)
        assert callable(content)
        page.browser.setHtml(content(page))  # afresh: the shortcuts may have changed
        page.show()
        page.raise_()
        return page


def _plain(text: str) -> str:
    """A menu text without its mnemonic ampersand and trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _keys(action: QAction) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    keys = dict.fromkeys(key.toString(native) for key in action.shortcuts() if not key.isEmpty())
    return ", ".join(keys)
