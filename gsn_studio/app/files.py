"""New, Open, Save, Save As, recent files, and the questions they ask before losing work:
unsaved changes, a file someone else changed or deleted, work restored after a crash."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from gsn_studio.app import settings
from gsn_studio.app.autosave import Autosaver
from gsn_studio.app.document import Document
from gsn_studio.app.file_watch import FileWatch
from gsn_studio.app.memory import collect_before_first_case, collections_paused
from gsn_studio.app.outside_changes import OutsideChanges
from gsn_studio.app.plain_text import as_rich_text, show_error
from gsn_studio.app.recovery import LeftBehind
from gsn_studio.io import CaseFileError, ImportReport
from gsn_studio.io.sacm import SACM_SUFFIXES
from gsn_studio.model import Case

_SACM = " ".join(f"*{suffix}" for suffix in SACM_SUFFIXES)
OPEN_FILTER = (
    f"GSN cases (*.gsnx *.yaml *.yml {_SACM});;GSN Studio cases (*.gsnx);;"
    f"gsn2x YAML (*.yaml *.yml);;Other tools' SACM XMI ({_SACM})"
)
SAVE_FILTER = "GSN Studio case (*.gsnx);;gsn2x YAML (*.yaml *.yml);;SACM 2.2 XMI (*.sacm)"


class FileController(QObject):
    """File commands for one window; dialogs are parented to it."""

    recent_changed = Signal()
    opened = Signal()
    """A file was opened (or a new case started): the window may lay it out and fit it."""

    def __init__(self, document: Document, window: QMainWindow) -> None:
        super().__init__(window)
        self.document = document
        self.window = window
        self.watch = FileWatch(document, window)
        self.outside = OutsideChanges(self)
        self.autosave = Autosaver(document, lambda: self.watch.known, window)

    # -- commands ------------------------------------------------------------------------

    def new(self) -> bool:
        if not self.maybe_save():
            return False
        collect_before_first_case()
        self.document.replace(Case(), None)
        self.opened.emit()
        return True

    def open_dialog(self) -> bool:
        if not self.maybe_save():
            return False
        start = str(settings.proposed_path(self.document.path).parent)
        name, _ = QFileDialog.getOpenFileName(self.window, "Open case", start, OPEN_FILTER)
        return self.open(Path(name), ask=False) if name else False

    def open(self, path: Path, ask: bool = True) -> bool:
        """Open a file; a bad file shows the same message `check` gives and changes nothing."""
        if ask and not self.maybe_save():
            return False
        failed: CaseFileError | None = None
        collect_before_first_case()
        with collections_paused():  # until `opened` has been handled (one collection then)
            try:
                self.document.open(path)
            except CaseFileError as error:
                failed = error
            else:
                settings.remember_file(path)
                settings.remember_folder(path.parent)
                self.recent_changed.emit()
                self.opened.emit()
        if failed is not None:
            show_error(self.window, "Cannot open the case", str(failed))
            if not path.exists():
                settings.forget_file(path)
                self.recent_changed.emit()
            return False
        if self.document.import_report is not None:
            self._show_import_report(self.document.import_report)
        return True

    def _show_import_report(self, report: ImportReport) -> None:
        """What was read from another tool's file, skipped and approximated: a dialog that
        does not block, so the case can be looked at beside it."""
        box = QMessageBox(self.window)
        box.setObjectName("import-report")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Imported from another tool")
        summary = (
            "Read as faithfully as written."
            if report.is_faithful
            else ("Some of it was skipped or approximated: see the details.")
        )
        box.setText(f"{Path(report.source).name}: {report.dialect}. {summary}")
        box.setDetailedText("\n".join(report.lines()))
        box.setStyleSheet("QTextEdit { min-width: 44em; min-height: 12em; }")  # long lines
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()

    def save(self) -> bool:
        report = self.document.import_report
        if self.document.path is None or (report is not None and report.foreign):
            # Writing over another tool's file would drop what GSN Studio does not read.
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        path = self.document.path
        if path is not None and self.document.import_report is not None:
            path = path.with_suffix(".gsnx")  # never over another tool's file
        suggested = str(settings.proposed_path(path))
        name, chosen = QFileDialog.getSaveFileName(
            self.window, "Save case as", suggested, SAVE_FILTER
        )
        if not name:
            return False
        path = Path(name)
        if not path.suffix:
            suffix = ".yaml" if "YAML" in chosen else ".sacm" if "SACM" in chosen else ".gsnx"
            path = path.with_suffix(suffix)
        return self._save_to(path)

    def maybe_save(self) -> bool:
        """Ask what to do with unsaved changes; False when the user cancels."""
        if not self.document.is_modified():
            return True
        answer = QMessageBox.warning(
            self.window,
            "Unsaved changes",
            as_rich_text(
                f"{self.document.display_name} has changes that are not saved.\n"
                "Save them before going on?"
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def reload(self) -> bool:
        """Read the file again, dropping unsaved changes (the user was asked)."""
        if self.document.path is None:
            return False
        return self.open(self.document.path, ask=False)

    def restore(self, work: LeftBehind) -> bool:
        """Reopen work a crash left behind: unsaved, with its file name, so Save puts it back
        (asking first if that file changed since the work began)."""
        collect_before_first_case()  # work left behind is often the process's first case
        try:
            case = work.load()
            modular = work.load_modules()
        except CaseFileError as error:
            show_error(self.window, "Cannot restore the work", str(error))
            return False
        if modular is not None and work.folder is not None:
            self.document.replace_modular(modular, work.folder)
            self.document.show_module(work.active or modular.modules[0].id)
        else:
            self.document.replace(case, work.original)
        self.watch.adopt(work.base)
        self.document.undo_stack.resetClean()
        if self.autosave.save_now():  # our own copy first, so a second crash loses nothing
            work.remove()
        self.opened.emit()
        self.watch.schedule_check()
        return True

    def close(self) -> None:
        """The window closes with its work saved or deliberately discarded."""
        self.autosave.close()

    # -- helpers -------------------------------------------------------------------------

    def _save_to(self, path: Path) -> bool:
        if path == self.document.path and self.watch.other_version() is not None:
            choice = self._ask_overwrite()
            if choice != "overwrite":
                return choice == "save as" and self.save_as()
        theirs = self._modules_changed_elsewhere(path)
        if theirs is None:
            return False
        try:
            self.document.save(path, take_theirs=theirs)
        except CaseFileError as error:
            show_error(self.window, "Cannot save the case", str(error))
            return False
        settings.remember_file(path)
        settings.remember_folder(path.parent)
        self.recent_changed.emit()
        return True

    def _modules_changed_elsewhere(self, path: Path) -> frozenset[str] | None:
        """Other modules of the case that another program saved since they were opened here:
        those not edited here keep that version (returned, to be read again); for those
        edited on both sides the user chooses. None: the user cancelled the save."""
        state = self.document.modules
        if path != self.document.path:
            return frozenset()  # Save As writes a new set of files: nobody else's
        others = [m for m in state.changed_elsewhere() if m.id != state.active]
        both = [m for m in others if m.id in state.touched]
        if both:
            names = ", ".join(m.path for m in both)
            answer = QMessageBox.warning(
                self.window,
                "Modules changed on disk",
                as_rich_text(
                    f"{names} changed on disk since you opened the case, and you edited "
                    "them too.\nSaving now replaces those versions with yours."
                ),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Save:
                return None
        kept = frozenset(m.id for m in others if m.id not in state.touched)
        if kept:
            self.window.statusBar().showMessage(
                "Kept the version on disk of "
                + ", ".join(m.path for m in others if m.id in kept)
                + " (changed by another program, not edited here)",
                10_000,
            )
        return kept

    def _ask_overwrite(self) -> str:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "File changed on disk",
            f"“{self.document.display_name}” was changed by another program since you opened it.",
            parent=self.window,
        )
        box.setInformativeText("Saving now replaces that version with yours.")
        overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        save_as = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is overwrite:
            return "overwrite"
        return "save as" if clicked is save_as else "cancel"
