"""Where the editor's findings come from: the analysis package's incremental assessor
(`analysis.incremental.Assessor`, which works out again only what an edit touched and gives
what `assess` gives); with it set to None, a whole `assess` every time.

The document asks for the findings after an edit (`after_edit=True`: what the edit touched
is enough) or because something outside the case may have changed (a file evidence points
at, the day, a setting): then the assessment is a whole one.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from gsn_studio.analysis import ArtifactReader, Assessment, assess
from gsn_studio.analysis.incremental import Assessor
from gsn_studio.analysis.traces import TraceSets
from gsn_studio.model import Case


class Incremental(Protocol):
    def assess(
        self,
        case: Case,
        as_of: dt.date | None = None,
        artifacts: ArtifactReader | None = None,
        soon_days: int = ...,
        require_owners: bool = False,
        *,
        trace_sets: TraceSets | None = None,
        recheck_files: bool = True,
    ) -> Assessment: ...

    def forget(self) -> None: ...

    def view_edited(self, case: Case) -> None: ...


class FindingsSource:
    """Assesses the open case, from what an edit touched where the analysis allows."""

    def __init__(self) -> None:
        self.incremental: Incremental | None = Assessor()
        self.whole = 0
        """How many whole assessments were asked for (tests check edits ask for none)."""

    def view_edited(self, case: Case) -> None:
        """The case was only moved or folded: no finding changed (see `Assessor.view_edited`)."""
        if self.incremental is not None:
            self.incremental.view_edited(case)

    def assess(
        self,
        case: Case,
        as_of: dt.date,
        artifacts: ArtifactReader,
        soon_days: int,
        trace_sets: TraceSets,
        *,
        after_edit: bool,
    ) -> Assessment:
        if self.incremental is None:
            self.whole += 1
            return assess(case, as_of, artifacts, soon_days, trace_sets=trace_sets)
        if not after_edit:
            self.whole += 1
            self.incremental.forget()
        # After an edit, evidence files are not looked at again: Re-check, coming back to the
        # window and a finished hash each ask for a whole assessment, which reads them all.
        return self.incremental.assess(
            case,
            as_of,
            artifacts,
            soon_days,
            trace_sets=trace_sets,
            recheck_files=not after_edit,
        )
