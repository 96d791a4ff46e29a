"""The open case in the editor: the model, its file, its undo history and its findings.

Every edit goes through `push`, as one undoable command; views listen to `changed` and
update only what the change touched. Nothing here knows about items or widgets.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from gsn_studio.analysis import DEFAULT_SOON_DAYS, ArtifactReader, Assessment, Finding
from gsn_studio.analysis.artifacts import MAX_DATA_BYTES
from gsn_studio.app.artifact_hashing import BackgroundHasher
from gsn_studio.app.findings_source import FindingsSource
from gsn_studio.app.modular_state import ModularState, place_unplaced
from gsn_studio.io import CaseFileError, ImportReport, format_of, load_case, open_case, save_case
from gsn_studio.io.modular import load_modular, save_modular
from gsn_studio.io.modular_find import case_files_for
from gsn_studio.io.trace_sets import TraceSetCache
from gsn_studio.model import Case, ModularCase, Position
from gsn_studio.model.acceptance import Accept
from gsn_studio.model.changes import (
    AddComment,
    Batch,
    Change,
    Effects,
    MoveNodes,
    RemoveComment,
    UpdateComment,
)
from gsn_studio.model.diagram_view import FoldNodes
from gsn_studio.model.traces import LoadedSet
from gsn_studio.notation.palette import Status

_STATUS_BY_MARK = {status.value: status for status in Status}
FINDINGS_DELAY_MS = 120
"""Findings are recomputed this long after the last edit when the last after-edit run was
slow, so a burst of typing is not held up by one run per letter."""
QUICK_FINDINGS_SECONDS = 0.04
"""When the last after-edit run took less CPU than this, an edit's findings follow as the next
event, before the window repaints: every panel is current at once, painted once. CPU, not wall
time: a machine busy with other work must not add the delay to every letter."""
HASH_IN_BACKGROUND_ABOVE = MAX_DATA_BYTES
"""Artifacts larger than this (20 MB, about 40 ms to hash) are hashed off the GUI thread.
Measurement files are never larger, so measured values are always read at once."""
READ_ONLY_MESSAGE = (
    "review mode: the argument is read-only, only comments and acceptances can change"
)
READ_ONLY_HISTORY_MESSAGE = (
    "review mode: that step changed the argument, so it cannot be undone or redone here"
)


class ReadOnlyError(ValueError):
    """A change to the argument while the document is in review mode."""


class Document(QObject):
    changed = Signal(object)
    """Effects of an edit, an undo or a redo."""
    reset = Signal()
    """The whole case was replaced (new, open, reload)."""
    findings_changed = Signal()
    _findings_due = Signal()
    """Posted (queued) by a quick edit: its findings run ahead of the repaint it asked for."""
    path_changed = Signal()
    saved = Signal()
    """The case was written to `path`: the file now holds exactly this document."""
    refused = Signal(str)
    """An edit broke a rule and was not made; the message says why."""
    read_only_changed = Signal(bool)
    modules_changed = Signal()
    """A case of modules was opened, or its list of modules changed."""
    module_shown = Signal(str)
    """Another module of the case is now the one shown and edited."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.case = Case()
        self.path: Path | None = None
        self.import_report: ImportReport | None = None
        """How the open file was read, when another tool wrote it (SACM and its dialects)."""
        self.undo_stack: QUndoStack = History(self)
        self.modules = ModularState()
        self.findings: list[Finding] = []
        self.statuses: dict[str, Status] = {}
        self._marks: dict[str, str] = {}
        """The marks `statuses` were taken from."""
        self.status_changes: dict[str, Status] = {}
        """The nodes whose status the last refresh of the findings changed, with the new one
        (NONE for a node gone): views that show statuses repaint these, not every node."""
        self.findings_seconds = 0.0
        # CPU seconds of the GUI thread in the last after-edit (incremental) run: whole passes
        # (opening, Re-check) are slower by nature and do not set the typing delay.
        self.edit_findings_cpu = 0.0
        """How long the last refresh of the findings took."""
        self.assessment: Assessment | None = None
        self._as_of: dt.date | None = None
        self.soon_days = DEFAULT_SOON_DAYS
        self._allow_outside = False
        self._read_only = False
        self._artifacts = ArtifactReader.for_case_file(None)
        self._trace_cache = TraceSetCache()
        self.trace_sets: dict[str, LoadedSet] = {}
        self.hasher = BackgroundHasher(self)
        self.hasher.hashed.connect(self._on_hashed)
        self._findings_timer = QTimer(self)
        self._findings_timer.setSingleShot(True)
        self._findings_timer.setInterval(FINDINGS_DELAY_MS)
        self._findings_timer.timeout.connect(self._refresh_after_edit)
        self._findings_queued = False
        # A queued call is an event posted now, so it runs before the scene's and the
        # widgets' repaints that the edit posts after it; a zero timer runs after them, and
        # the statuses it changes then cost a second repaint of the window.
        self._findings_due.connect(self._run_queued_findings, Qt.ConnectionType.QueuedConnection)
        self.findings_source = FindingsSource()
        self.refresh_findings()

    # -- the case as a whole -------------------------------------------------------------

    def replace(self, case: Case, path: Path | None) -> None:
        """Show another case, forgetting the history (New, Open, Reload)."""
        self.modules = ModularState()
        self.case = case
        case.links_at(())  # its index of links by node, made with the opening, not at an edit
        self.path = path
        self.import_report = None
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.reset.emit()
        self.path_changed.emit()
        self.refresh_findings()

    def open(self, path: Path) -> None:
        """Load a file; raises CaseFileError and leaves the current case untouched on failure.
        Another tool's file leaves its import report in `import_report`; a module opens with
        the whole case it belongs to: every module it uses, as tabs."""
        if format_of(path) == "sacm":  # other tools' packages open unrolled, with the report
            case, report = open_case(path)
            self.replace(case, path)
            self.import_report = report
            return
        try:
            modular = load_modular(case_files_for(path))
        except CaseFileError as error:
            case = load_case(path)  # a module whose neighbours are missing opens on its own
            self.replace(case, path)
            self.refused.emit(f"opened on its own: {error}")
            return
        if not modular.is_modular:
            self.replace(modular.modules[0].case, path)
            return
        self.replace_modular(modular, path.parent)
        opened = next((m for m in modular.modules if (path.parent / m.path) == path), None)
        if opened is not None:
            self.show_module(opened.id)

    def replace_modular(self, modular: ModularCase, folder: Path) -> None:
        """Show a case of modules, its first module in front, forgetting the history."""
        loaded = {m.id: m.case.model_copy(deep=True) for m in modular.modules}
        placed = place_unplaced(modular)
        first = modular.modules[0]
        self.replace(first.case, folder / first.path)
        self.modules = ModularState(modular, folder, first.id)
        self.modules.unedited = {i: (loaded[i], placed[i]) for i in placed}
        self.modules.remember_disk()
        self.modules_changed.emit()
        self.refresh_findings()

    def show_module(self, module_id: str) -> bool:
        """Show and edit another module of the case; its history stays the case's."""
        module = self.modules.modular.module(module_id) if self.modules.modular else None
        if module is None or self.modules.folder is None:
            return False
        if module_id == self.modules.active:
            return True
        self.modules.active = module_id
        self.case = module.case
        self.path = self.modules.folder / module.path
        self.reset.emit()
        self.path_changed.emit()
        self.refresh_findings()
        self.module_shown.emit(module_id)
        return True

    def push_modules(self, modular: ModularCase, text: str) -> bool:
        """Replace the case's modules (a change that spans modules, such as moving a subtree
        to a new module) as one undoable step."""
        if not self.may_change(None):  # a swap of modules is never a comment
            self.refused.emit(READ_ONLY_MESSAGE)
            return False
        if self.modules.modular is None:
            return False
        self.modules.touched.update(m.id for m in self.modules.modular.modules)
        self.modules.touched.update(m.id for m in modular.modules)
        self.undo_stack.push(ModulesCommand(self, self.modules.modular, modular, text))
        return True

    def set_modules(self, modular: ModularCase, show: str | None) -> None:
        """For ModulesCommand: show these modules, `show` (or the first) in front."""
        self.modules.touched.update(m.id for m in modular.modules)
        self.modules.modular = modular
        shown = modular.module(show or "") or modular.modules[0]
        self.modules.active = shown.id
        self.case = shown.case
        if self.modules.folder is not None:
            self.path = self.modules.folder / shown.path
        self.reset.emit()
        self.modules_changed.emit()
        self.path_changed.emit()
        self.refresh_findings()

    def save(self, path: Path | None = None, take_theirs: frozenset[str] = frozenset()) -> None:
        """Save to path (or the current file); raises CaseFileError, keeping the old file.
        In a case of modules every module that changed is saved, each to its own file; the
        modules in `take_theirs` (unedited here, changed by another program) are not written
        but read again, so that their new version is the one shown."""
        target = path or self.path
        if target is None:
            raise ValueError("no file name: use save with a path")
        if self.modules.modular is not None and self.modules.folder is not None:
            folder = self.modules.folder if target == self.path else target.parent
            leave = take_theirs if folder == self.modules.folder else frozenset()
            save_modular(self.modules.as_edited(leave), folder)
            self.modules.folder = folder
            if leave:
                self.modules.take_theirs(set(leave))
                self.set_modules(self.modules.modular, self.modules.active)
            self.modules.remember_disk()
            target = folder / self.path.name if self.path is not None else target
        else:
            save_case(self.case, target)
        self.undo_stack.setClean()
        if target != self.path:
            self.import_report = None  # the case now lives in a file of ours
            self.path = target
            self.path_changed.emit()
        self.saved.emit()

    def place(self, positions: dict[str, Position]) -> None:
        """Give nodes their first positions (layout on open): not an edit, not undoable."""
        known = {
            node_id: position for node_id, position in positions.items() if node_id in self.case
        }
        if known:
            self._apply(MoveNodes(dict(known)), first_layout=True)

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled"

    # -- edits ---------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """Review mode: the argument cannot change, its review comments still can."""
        return self._read_only

    def set_read_only(self, on: bool) -> None:
        if on != self._read_only:
            self._read_only = on
            self.read_only_changed.emit(on)

    def push(self, change: Change, text: str, merge_id: int = -1) -> bool:
        """Make an edit as one undoable step; False (and `refused`) if a rule forbids it
        (review mode's among them: see `_apply`)."""
        command = ChangeCommand(self, change, text, merge_id)
        try:
            command.redo()
        except ValueError as error:  # ModelError, or a field value pydantic refuses
            self.refused.emit(_one_line(error))
            return False
        command.done = True
        self.undo_stack.push(command)
        return True

    def amend_last(self, change: Change, merge_id: int) -> bool:
        """Make `change` part of the last undo step, if that step is the gesture `merge_id`
        names (typing in one field); else a step of its own. The room a statement typed in
        the properties panel needs is made this way, once the typing ends, so that one undo
        takes back the text and the moves together."""
        stack = self.undo_stack
        last = stack.command(stack.index() - 1) if stack.index() == stack.count() > 0 else None
        if not isinstance(last, ChangeCommand) or merge_id < 0 or last.merge_id != merge_id:
            return self.push(change, "Make room")
        try:
            inverse = self._apply(change)
        except ValueError as error:
            self.refused.emit(_one_line(error))
            return False
        assert last.inverse is not None
        last.change = Batch((last.change, change))
        last.inverse = Batch((inverse, last.inverse))
        last.merge_id = -1  # typing on must not replace this step's change with its own
        return True

    def may_change(self, change: Change | None) -> bool:
        """Review mode's rule: while the document is read-only, only review comments,
        acceptances and folds change. `_apply` enforces it on every change that reaches the
        model."""
        return not self._read_only or review_allows(change)

    def may_step(self, command: QUndoCommand | None) -> bool:
        """Whether undo or redo may make this step now (asked before the step starts, so the
        undo stack never begins a step that `_apply` would refuse)."""
        if command is None:
            return False
        return self.may_change(getattr(command, "change", None))

    def can_undo(self) -> bool:
        stack = self.undo_stack
        return stack.canUndo() and self.may_step(stack.command(stack.index() - 1))

    def can_redo(self) -> bool:
        stack = self.undo_stack
        return stack.canRedo() and self.may_step(stack.command(stack.index()))

    def _apply(self, change: Change, *, first_layout: bool = False) -> Change:
        """Apply a change and tell the views; returns its inverse. The one place changes
        reach the model (for `push`, `amend_last` and the undo commands), so review mode's
        read-only rule is checked here: a refused change raises ReadOnlyError and changes
        nothing. A first layout on opening is not an edit and is always placed."""
        if not first_layout and not self.may_change(change):
            raise ReadOnlyError(READ_ONLY_MESSAGE)
        inverse = change.apply(self.case)
        if self.modules.active is not None:
            self.modules.touched.add(self.modules.active)
        effects = change.effects()
        if not only_diagram(effects):  # no check reads positions or folds
            # First, so views can see findings are coming.
            if self.edit_findings_cpu >= QUICK_FINDINGS_SECONDS:
                self._findings_queued = False
                self._findings_timer.start(FINDINGS_DELAY_MS)
            elif not self._findings_queued and not self._findings_timer.isActive():
                self._findings_queued = True
                self._findings_due.emit()
        else:  # the next edit's findings are then worked out from its own nodes alone
            self.findings_source.view_edited(self.case)
        self.changed.emit(effects)
        return inverse

    # -- findings ------------------------------------------------------------------------

    @property
    def as_of(self) -> dt.date:
        return self._as_of or dt.date.today()

    @property
    def artifacts(self) -> ArtifactReader:
        """Reads the files evidence points at, relative to the case file's folder."""
        folder = self.path.parent.resolve() if self.path is not None else None
        reader = self._artifacts
        if reader.folder != folder or reader.allow_outside != self._allow_outside:
            self._artifacts = ArtifactReader(
                folder, self._allow_outside, background_above=HASH_IN_BACKGROUND_ABOVE
            )
        return self._artifacts

    def set_allow_outside(self, allowed: bool) -> None:
        """Whether artifacts outside the case's folder, or behind links, may be read."""
        if allowed != self._allow_outside:
            self._allow_outside = allowed
            self.refresh_findings()

    @property
    def allow_outside(self) -> bool:
        return self._allow_outside

    def set_soon_days(self, days: int) -> None:
        """How many days ahead of its due date evidence is marked as expiring soon."""
        if days != self.soon_days:
            self.soon_days = days
            self.refresh_findings()

    def set_as_of(self, day: dt.date | None) -> None:
        """Judge evidence on another day (None: today) and recompute the findings."""
        self._as_of = day
        self.refresh_findings()

    @property
    def findings_pending(self) -> bool:
        """Whether an edit's findings are still to be recomputed: a view that shows them
        waits for `findings_changed` instead of drawing twice."""
        return self._findings_queued or self._findings_timer.isActive()

    @property
    def findings_delayed(self) -> bool:
        """Whether the coming findings wait out the typing delay (the last ones were slow)."""
        return self._findings_timer.isActive()

    def _run_queued_findings(self) -> None:
        if self._findings_queued:  # not already refreshed (a whole pass, a slow edit's timer)
            self.refresh_findings(after_edit=True)
            # The panels laid out again for the edit and its findings (a form for the new
            # selection, the problems list, the status bar's counts) now, not after the
            # window's repaint: else their relayout repaints much of the window again.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _refresh_after_edit(self) -> None:
        self.refresh_findings(after_edit=True)

    def refresh_findings(self, *, after_edit: bool = False) -> None:
        """Work out the findings and statuses again: from what the edits since the last time
        touched (`after_edit`), or whole, as after anything outside the case may have changed
        (a file evidence points at, the day, a setting, another case)."""
        self._findings_timer.stop()
        self._findings_queued = False
        started = time.perf_counter()
        # The GUI thread's own CPU: the hasher thread's work does not count against an edit.
        started_cpu = time.thread_time()
        self.trace_sets = self._trace_cache.load(self.case, self.path)
        self.assessment = self.findings_source.assess(
            self.case,
            self.as_of,
            self.artifacts,
            self.soon_days,
            self.trace_sets,
            after_edit=after_edit,
        )
        if self.modules.refresh(self.as_of, self.artifacts, self.soon_days):
            # Panels read `assessment` with `case`: it stays the shown module's own. The
            # findings and marks are the whole case's, as seen from this module.
            self.findings = self.modules.findings
            self._show_statuses(self.modules.marks)
            self.findings_seconds = time.perf_counter() - started
            if after_edit:
                self.edit_findings_cpu = time.thread_time() - started_cpu
            self.findings_changed.emit()
            return
        self.findings = self.assessment.findings
        self._show_statuses(self.assessment.marks(self.case))
        self.findings_seconds = time.perf_counter() - started
        if after_edit:
            self.edit_findings_cpu = time.thread_time() - started_cpu
        self.findings_changed.emit()
        reader = self._artifacts
        for path, (size, mtime_ns) in list(reader.pending.items()):
            self.hasher.start(path, size, mtime_ns)

    def _show_statuses(self, marks: dict[str, str]) -> None:
        """Take the new statuses and note which nodes' changed: only the marks that differ
        from the last ones are looked up and stored, in a copy of the last statuses (building
        them all afresh and comparing took three passes over 10,000 nodes). Comparing the
        dicts' items as sets would make 20,000 tuples, and the garbage collector runs."""
        last, self._marks = self._marks, marks  # a fresh dict from each assessment
        if marks == last:  # compared in C
            self.status_changes = {}
            return
        by_mark = _STATUS_BY_MARK  # a dict lookup: `Status(mark)` costs 2 µs a node
        get = last.get
        changes = {i: by_mark[mark] for i, mark in marks.items() if get(i) != mark}
        new = dict(self.statuses)  # a new dict: views keep the last one to compare with
        new.update(changes)
        for node_id in [i for i in last if i not in marks]:
            del new[node_id]
            changes[node_id] = Status.NONE
        self.statuses, self.status_changes = new, changes

    def _on_hashed(self, path: Path, size: int, mtime_ns: int, sha256: str) -> None:
        """Judge the file with its hash, unless it changed while it was read: then the next
        check finds it again and hashes the new version."""
        reader = self._artifacts
        if path not in reader.pending:
            return  # another folder or setting by now: nothing waits for this hash
        reader.remember(path, size, mtime_ns, sha256)
        self.refresh_findings()


class History(QUndoStack):
    """The undo stack with the document's read-only rule on both ways back in: in review
    mode, undo and redo refuse a step that changes the argument (and say why), exactly as
    `push` refuses a new one. Every undo in the editor comes through here (see history.py)."""

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self._document = document

    def undo(self) -> None:
        if self.canUndo():
            self._step(self.command(self.index() - 1), super().undo)

    def redo(self) -> None:
        if self.canRedo():
            self._step(self.command(self.index()), super().redo)

    def _step(self, command: QUndoCommand | None, step: Callable[[], None]) -> None:
        if self._document.may_step(command):
            step()
        else:
            self._document.refused.emit(READ_ONLY_HISTORY_MESSAGE)


class ModulesCommand(QUndoCommand):
    """One undo step that swaps the whole set of modules (each a snapshot) and back."""

    def __init__(self, document: Document, before: ModularCase, after: ModularCase, text: str):
        super().__init__(text)
        self.document, self.before, self.after = document, before, after
        self.module = document.modules.active

    def redo(self) -> None:
        self.document.set_modules(self.after, self.module)

    def undo(self) -> None:
        self.document.set_modules(self.before, self.module)


class ChangeCommand(QUndoCommand):
    """One undo step: a model change and, once made, its inverse.

    Commands with the same merge id (typing in one field, nudging with the arrow keys) fold
    into one step, as long as they touch the same node.
    """

    def __init__(self, document: Document, change: Change, text: str, merge_id: int = -1):
        super().__init__(text)
        self.document = document
        self.module = document.modules.active
        """The module the change was made in: undo and redo show it first."""
        self.change: Change = change
        self.inverse: Change | None = None
        self.merge_id = merge_id
        self.done = False
        """The first redo happens in Document.push, before QUndoStack.push calls redo again."""

    def redo(self) -> None:
        if self.done:
            self.done = False
            return
        if self.module is not None:
            self.document.show_module(self.module)
        self.inverse = self.document._apply(self.change)

    def undo(self) -> None:
        assert self.inverse is not None
        if self.module is not None:
            self.document.show_module(self.module)
        self.change = self.document._apply(self.inverse)

    def id(self) -> int:
        return self.merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangeCommand) or other.merge_id != self.merge_id:
            return False
        if other.module != self.module:
            return False
        if _target(self.change) != _target(other.change) or _target(self.change) is None:
            return False
        # Keep our inverse (the state before the first keystroke), take their change.
        self.change = other.change
        return True


def only_diagram(effects: Effects) -> bool:
    """Whether a change only moved, folded or unfolded nodes on the diagram."""
    return bool(effects.moved or effects.folded) and not (
        effects.added
        or effects.removed
        or effects.changed
        or effects.renamed
        or effects.links
        or effects.case
        or effects.comments
    )


def is_comment_change(change: Change | None) -> bool:
    """Whether a change touches review comments or an assessor's acceptance only (all review
    mode allows)."""
    return isinstance(change, AddComment | RemoveComment | UpdateComment | Accept)


def review_allows(change: Change | None) -> bool:
    """What review mode lets through: comments, acceptances, and folding (the view of the
    argument, not the argument)."""
    return is_comment_change(change) or isinstance(change, FoldNodes)


def _one_line(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):  # pydantic: the first problem, without its documentation link
        first = errors()[0]
        return str(first.get("msg", error)).removeprefix("Value error, ")
    return str(error)


def _target(change: Change) -> tuple[str, ...] | None:
    effects: Effects = change.effects()
    touched = tuple(sorted({*effects.changed, *effects.moved}))
    return touched or None
