"""What the editor keeps about a case of modules: the modules, the folder they were opened
from, the module shown, and the assessment of the whole case as seen from that module."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from gsn_studio.analysis import ArtifactReader, Finding
from gsn_studio.analysis.modules import ModularAssessment, assess_modular
from gsn_studio.io import load_case
from gsn_studio.io.disk_state import DiskState
from gsn_studio.io.modular import module_from
from gsn_studio.layout import layout_case
from gsn_studio.model import Case, ModularCase, Module
from gsn_studio.model.changes import MoveNodes


@dataclass
class ModularState:
    modular: ModularCase | None = None
    folder: Path | None = None
    active: str | None = None
    whole: ModularAssessment | None = None
    """The last assessment of the whole case (every module's status and findings)."""
    findings: list[Finding] = field(default_factory=list)
    marks: dict[str, str] = field(default_factory=dict)
    unedited: dict[str, tuple[Case, Case]] = field(default_factory=dict)
    """Modules laid out on opening: the case as read and as placed. One still as placed
    is saved as read, so that opening and saving touches no other team's file."""
    on_disk: dict[str, DiskState | None] = field(default_factory=dict)
    """Each module's file as opened or last saved: another team may save theirs meanwhile."""
    touched: set[str] = field(default_factory=set)
    """Modules changed here since they were opened or saved (undone edits included)."""

    def remember_disk(self) -> None:
        """The files now hold what was opened or saved: later changes are someone else's."""
        self.touched.clear()
        if self.modular is None or self.folder is None:
            self.on_disk = {}
            return
        self.on_disk = {m.id: DiskState.of(self.folder / m.path) for m in self.modular.modules}

    def changed_elsewhere(self) -> list[Module]:
        """Modules whose file another program changed since it was opened or saved here."""
        if self.modular is None or self.folder is None:
            return []
        changed = []
        for module in self.modular.modules:
            known = self.on_disk.get(module.id)
            now = DiskState.of(self.folder / module.path)
            if known is not None and not known.same_as(now):
                changed.append(module)
        return changed

    def take_theirs(self, module_ids: set[str]) -> None:
        """Read these modules again from their files, replacing what is held here: modules
        nobody changed here, so no step of the history refers to them."""
        if self.modular is None or self.folder is None or not module_ids:
            return
        modules = []
        for module in self.modular.modules:
            if module.id in module_ids:
                path = self.folder / module.path
                self.unedited.pop(module.id, None)
                modules.append(module_from(load_case(path), path, module.path))
            else:
                modules.append(module)
        self.modular = ModularCase(modules=modules)

    def as_edited(self, leave: set[str] | frozenset[str] = frozenset()) -> ModularCase:
        """The case to save: modules only laid out, not edited, as they were read; modules
        in `leave` not at all (their files keep another program's version)."""
        assert self.modular is not None
        modules = []
        for module in self.modular.modules:
            if module.id in leave:
                continue
            read, placed = self.unedited.get(module.id, (None, None))
            untouched = read is not None and module.case == placed
            modules.append(module.model_copy(update={"case": read}) if untouched else module)
        return ModularCase(modules=modules)

    def refresh(self, as_of: dt.date, artifacts: ArtifactReader, soon_days: int) -> bool:
        """Assess the whole case; False when no case of modules is open."""
        if self.modular is None or self.active is None:
            return False
        module = self.modular.module(self.active)
        if module is None:
            return False
        self.whole = assess_modular(self.modular, as_of, artifacts, soon_days)
        # The active module's findings and those of the case as a whole (cycles, contracts).
        self.findings = [f for f in self.whole.findings if f.module in (module.id, None)]
        self.marks = self.whole.marks(module)
        return True


def place_unplaced(modular: ModularCase) -> dict[str, Case]:
    """Lay out each module with elements that have no place yet (gsn2x files have none), so
    that every tab, and every element navigated to, is shown at once. Not an edit. Returns
    a copy of each module laid out, as placed."""
    placed: dict[str, Case] = {}
    for module in modular.modules:
        case = module.case
        if case.nodes and any(node.position is None for node in case.nodes):
            MoveNodes(dict(layout_case(case))).apply(case)
            placed[module.id] = case.model_copy(deep=True)
    return placed
