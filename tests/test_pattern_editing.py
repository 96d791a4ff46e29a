"""Authoring pattern notation: reversible changes for multiplicity, choice and parameters."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

from gsn_studio.io import load_case
from gsn_studio.model import Case, LinkKind, ModelError
from gsn_studio.model.changes import Connect, Disconnect
from gsn_studio.model.pattern_changes import SetChoice, SetMultiplicity, SetPatternInfo
from gsn_studio.model.patterns import (
    Choice,
    Multiplicity,
    MultiplicityKind,
    Parameter,
    ParameterType,
    PatternInfo,
)

HAZARD = SAMPLES / "patterns" / "hazard-directed.gsnx"
AT_LEAST_2 = Multiplicity(kind=MultiplicityKind.AT_LEAST, count=2)


def link(case: Case, source: str, target: str):  # type: ignore[no-untyped-def]
    return next(lk for lk in case.links if (lk.source, lk.target) == (source, target))


def test_setting_a_multiplicity_returns_its_undo() -> None:
    """A link's multiplicity is set and its inverse restores the one it had."""
    case = load_case(HAZARD)
    before = case.model_copy(deep=True)
    undo = SetMultiplicity("S1", "G5", AT_LEAST_2).apply(case)
    assert link(case, "S1", "G5").multiplicity == AT_LEAST_2
    undo.apply(case)
    assert case == before


def test_a_choice_marks_every_link_of_the_split_and_refuses_too_many() -> None:
    """A choice covers all SupportedBy links from the element; "3 of 2" is refused."""
    case = load_case(HAZARD)
    SetChoice("S1", Choice(at_least=1, at_most=2)).apply(case)
    assert link(case, "S1", "G2").choice == link(case, "S1", "G5").choice == Choice(at_most=2)
    assert link(case, "S1", "G2").multiplicity is not None  # the `each` stays
    with pytest.raises(ModelError, match="picks up to 3 of only 2 links"):
        SetChoice("S1", Choice(at_least=1, at_most=3)).apply(case)
    assert link(case, "S1", "G2").choice == Choice(at_most=2)  # the refused edit left nothing


def test_notation_outside_a_pattern_or_on_context_is_refused() -> None:
    """An ordinary case, or an InContextOf link, takes no multiplicity."""
    case = load_case(HAZARD)
    with pytest.raises(ModelError, match="not a SupportedBy link"):
        SetMultiplicity("G1", "C1", AT_LEAST_2).apply(case)
    plain = load_case(SAMPLES / "tutorial.gsnx")
    source, target = next(
        (lk.source, lk.target) for lk in plain.links if lk.kind is LinkKind.SUPPORTED_BY
    )
    with pytest.raises(ModelError, match="belong in a pattern"):
        SetMultiplicity(source, target, AT_LEAST_2).apply(plain)


def test_parameters_are_declared_and_undone_and_a_marked_case_stays_a_pattern() -> None:
    """New parameters replace the declared ones, reversibly; unmarking a pattern that still
    has multiplicities is refused."""
    case = load_case(HAZARD)
    old = case.pattern
    info = PatternInfo(parameters=(Parameter(name="hazards", type=ParameterType.LIST),))
    undo = SetPatternInfo(info).apply(case)
    assert case.pattern == info
    undo.apply(case)
    assert case.pattern == old
    with pytest.raises(ModelError, match="remove them"):
        SetPatternInfo(None).apply(case)


def test_a_deleted_pattern_link_comes_back_with_its_marks() -> None:
    """Undoing the deletion of a link with a multiplicity gives the multiplicity back."""
    case = load_case(HAZARD)
    marked = link(case, "S1", "G2")
    undo = Disconnect(marked).apply(case)
    assert isinstance(undo, Connect)
    undo.apply(case)
    assert link(case, "S1", "G2") == marked
