"""Authoring pattern notation in the editor: right-click a SupportedBy link of a pattern to set
its multiplicity, an element to make its link split a choice ("m of n") or mark it
uninstantiated, and Edit > Pattern Parameters… to declare the pattern's parameters. Each is
one undoable step through `Document.push`, whose changes (`model.pattern_changes`) refuse
what the standard does not allow."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from gsn_studio.app.canvas.link_item import LinkItem
from gsn_studio.app.document import Document
from gsn_studio.app.pattern_parameters import ParametersDialog
from gsn_studio.model import LinkKind
from gsn_studio.model.changes import UpdateNode
from gsn_studio.model.pattern_changes import SetChoice, SetMultiplicity, SetPatternInfo
from gsn_studio.model.patterns import Choice, Multiplicity, MultiplicityKind, ParameterType

M = MultiplicityKind


class PatternActions(QObject):
    def __init__(self, document: Document, parent: QWidget) -> None:
        super().__init__(parent)
        self.document = document
        self.parent_widget = parent
        self.parameters_action = QAction("Pattern &Parameters…", parent)
        self.parameters_action.setStatusTip(
            "Declare the parameters of this pattern (or make this module a pattern)"
        )
        self.parameters_action.triggered.connect(self.edit_parameters)
        self.dialog: ParametersDialog | None = None

    # -- parameters ------------------------------------------------------------------------

    def edit_parameters(self) -> None:
        self.dialog = ParametersDialog(self.document.case.pattern, self.parent_widget)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.accepted.connect(self._apply_parameters)
        self.dialog.open()

    def _apply_parameters(self) -> None:
        assert self.dialog is not None
        info = self.dialog.result_info
        if info != self.document.case.pattern:
            text = "Declare pattern parameters" if info is not None else "Stop being a pattern"
            self.document.push(SetPatternInfo(info), text)

    # -- the canvas menu -------------------------------------------------------------------

    def fill_context_menu(self, menu: QMenu, node_id: str | None, link: LinkItem | None) -> None:
        """In a pattern: the multiplicity of the SupportedBy link under the pointer, or the
        choice at the element's split and its Uninstantiated mark."""
        case = self.document.case
        if case.pattern is None:
            return
        if link is not None and link.kind is LinkKind.SUPPORTED_BY and link.challenged is None:
            self._multiplicity_menu(menu, link.source.node_id, link.target.node_id)
        elif node_id is not None and node_id in case:
            splits = [
                lk
                for lk in case.links
                if lk.source == node_id and lk.kind is LinkKind.SUPPORTED_BY and lk.via is None
            ]
            if len(splits) >= 2:
                self._choice_menu(menu, node_id, len(splits))
            node = case.node(node_id)
            action = menu.addAction("Uninstantiated")
            action.setObjectName("pattern-uninstantiated")
            action.setCheckable(True)
            action.setChecked(node.uninstantiated)
            action.toggled.connect(lambda on, n=node_id: self._mark(n, on))
        menu.addSeparator()

    def _multiplicity_menu(self, menu: QMenu, source: str, target: str) -> None:
        link = next(
            lk for lk in self.document.case.links if (lk.source, lk.target) == (source, target)
        )
        current = link.multiplicity
        sub = menu.addMenu(f"Multiplicity of {source} → {target}")
        sub.setObjectName("pattern-multiplicity")
        info = self.document.case.pattern
        assert info is not None
        lists = [p.name for p in info.parameters if p.type is ParameterType.LIST]
        entries: list[tuple[str, str, Multiplicity | M | None]] = [
            ("none", "None", None),
            ("exactly", "Exactly n…", M.EXACTLY),
            ("at-least", "At Least n…", M.AT_LEAST),
            ("optional", "Optional (zero or one)", Multiplicity(kind=M.OPTIONAL)),
        ]
        entries += [
            (f"each-{name}", f"One per Item of {{{name}}}", Multiplicity(kind=M.EACH, over=name))
            for name in lists
        ]
        for name, text, what in entries:
            action = sub.addAction(text)
            action.setObjectName(f"multiplicity-{name}")
            action.setCheckable(True)
            action.setChecked(_shows(current, what))
            action.triggered.connect(
                lambda _=False, w=what: self._set_multiplicity(source, target, w)
            )
        if not lists:
            hint = sub.addAction("(declare a list parameter for “one per item”)")
            hint.setEnabled(False)

    def _set_multiplicity(self, source: str, target: str, what: Multiplicity | M | None) -> None:
        multiplicity = what if not isinstance(what, M) else self._ask_count(what, source, target)
        if isinstance(what, M) and multiplicity is None:
            return  # cancelled
        text = (
            f"Set multiplicity of {source} → {target}"
            if multiplicity is not None
            else f"Clear multiplicity of {source} → {target}"
        )
        self.document.push(SetMultiplicity(source, target, multiplicity), text)

    def _ask_count(self, kind: M, source: str, target: str) -> Multiplicity | None:
        words = "exactly" if kind is M.EXACTLY else "at least"
        count, ok = QInputDialog.getInt(
            self.parent_widget,
            "Multiplicity",
            f"{source} is supported by {words} n instances of {target}; n:",
            2,
            1,
            1000,
        )
        return Multiplicity(kind=kind, count=count) if ok else None

    def _choice_menu(self, menu: QMenu, source: str, links: int) -> None:
        sub = menu.addMenu(f"Choice at {source}")
        sub.setObjectName("pattern-choice")
        current = next(
            (lk.choice for lk in self.document.case.links if lk.source == source and lk.choice),
            None,
        )
        none = sub.addAction("No Choice (all links)")
        none.setObjectName("choice-none")
        none.setCheckable(True)
        none.setChecked(current is None)
        none.triggered.connect(lambda: self._set_choice(source, None))
        pick = sub.addAction(f"Choose m of {links}…")
        pick.setObjectName("choice-pick")
        pick.setCheckable(True)
        pick.setChecked(current is not None)
        pick.triggered.connect(lambda: self._ask_choice(source, links, current))

    def _ask_choice(self, source: str, links: int, current: Choice | None) -> None:
        least, ok = QInputDialog.getInt(
            self.parent_widget,
            f"Choice at {source}",
            f"At least how many of the {links} links are kept?",
            current.at_least if current else 1,
            0,
            links,
        )
        if not ok:
            return
        most, ok = QInputDialog.getInt(
            self.parent_widget,
            f"Choice at {source}",
            f"At most how many of the {links} links are kept?",
            max(least, current.at_most if current else 1),
            max(least, 1),
            links,
        )
        if ok:
            self._set_choice(source, Choice(at_least=least, at_most=most))

    def _set_choice(self, source: str, choice: Choice | None) -> None:
        text = f"Set choice at {source}" if choice else f"Clear choice at {source}"
        self.document.push(SetChoice(source, choice), text)

    def _mark(self, node_id: str, on: bool) -> None:
        text = f"Mark {node_id} {'uninstantiated' if on else 'instantiated'}"
        self.document.push(UpdateNode(node_id, {"uninstantiated": on}), text)


def _shows(current: Multiplicity | None, entry: Multiplicity | M | None) -> bool:
    """Whether a menu entry is the link's multiplicity now (n-valued ones by kind)."""
    if isinstance(entry, M):
        return current is not None and current.kind is entry
    return current == entry
