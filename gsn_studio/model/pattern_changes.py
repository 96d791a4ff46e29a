"""Reversible edits of pattern notation: a SupportedBy link's multiplicity, the choice at an
element's link split, and the parameters a pattern declares. Each refuses, where it is
applied, what the standard does not allow, so no editor can place notation wrongly."""

from __future__ import annotations

from dataclasses import dataclass

from gsn_studio.model.case import Case, ModelError
from gsn_studio.model.changes import Change, Effects
from gsn_studio.model.links import Link, LinkKind
from gsn_studio.model.patterns import Choice, Multiplicity, PatternInfo

Marks = tuple[str, str, Multiplicity | None, Choice | None]
"""A SupportedBy link (source, target) and the multiplicity and choice it is to carry."""


@dataclass(frozen=True)
class SetLinkMarks:
    marks: tuple[Marks, ...]

    def apply(self, case: Case) -> Change:
        if case.pattern is None and any(m is not None or c is not None for *_, m, c in self.marks):
            raise ModelError(
                "multiplicity and choice belong in a pattern: declare its parameters first "
                "(Edit > Pattern Parameters…)"
            )
        old: list[Marks] = []
        replaced: list[tuple[int, Link]] = []
        for source, target, multiplicity, choice in self.marks:
            index, link = _supported_by(case, source, target)
            old.append((source, target, link.multiplicity, link.choice))
            replaced.append((index, link))
            case.links[index] = link.model_copy(
                update={"multiplicity": multiplicity, "choice": choice}
            )
        problem = _split_problem(case, {source for source, *_ in self.marks})
        if problem:
            for index, link in replaced:
                case.links[index] = link
            raise ModelError(problem)
        return SetLinkMarks(tuple(reversed(old)))

    def effects(self) -> Effects:
        return Effects(links=True)


@dataclass(frozen=True)
class SetMultiplicity:
    """The link source → target gets this multiplicity (None: none); its choice stays."""

    source: str
    target: str
    multiplicity: Multiplicity | None

    def apply(self, case: Case) -> Change:
        _, link = _supported_by(case, self.source, self.target)
        return SetLinkMarks(((self.source, self.target, self.multiplicity, link.choice),)).apply(
            case
        )

    def effects(self) -> Effects:
        return Effects(links=True)


@dataclass(frozen=True)
class SetChoice:
    """Every SupportedBy link out of `source` becomes a branch of one choice (None: no choice
    there any more); their multiplicities stay."""

    source: str
    choice: Choice | None

    def apply(self, case: Case) -> Change:
        links = [
            link
            for link in case.links
            if link.source == self.source
            and link.kind is LinkKind.SUPPORTED_BY
            and link.via is None
        ]
        if not links:
            raise ModelError(f"{self.source} supports nothing: there is no split to choose at")
        return SetLinkMarks(
            tuple((lk.source, lk.target, lk.multiplicity, self.choice) for lk in links)
        ).apply(case)

    def effects(self) -> Effects:
        return Effects(links=True)


def _supported_by(case: Case, source: str, target: str) -> tuple[int, Link]:
    for index, link in enumerate(case.links):
        if (link.source, link.target, link.via) == (source, target, None):
            if link.kind is not LinkKind.SUPPORTED_BY:
                raise ModelError(
                    f"{source} → {target} is not a SupportedBy link: only those take a "
                    "multiplicity or a choice"
                )
            return index, link
    raise ModelError(f"{source} is not supported by {target}")


def _split_problem(case: Case, sources: set[str]) -> str:
    """Why a choice at one of these splits is not one the standard can draw, or ''."""
    for source in sorted(sources):
        members = [lk for lk in case.links if lk.source == source and lk.choice is not None]
        if not members:
            continue
        rules = {lk.choice for lk in members}
        rule = members[0].choice
        assert rule is not None
        if len(rules) > 1:
            return f"the choice at {source}: its links would give different numbers to choose"
        if len(members) < 2:
            return f"a choice at {source} needs at least two links to choose between"
        if rule.at_most > len(members):
            return f"the choice at {source} picks up to {rule.at_most} of only {len(members)} links"
    return ""


@dataclass(frozen=True)
class SetPatternInfo:
    """Declare the pattern's parameters (None: the case is no longer a pattern)."""

    pattern: PatternInfo | None

    def apply(self, case: Case) -> Change:
        old = case.pattern
        if self.pattern is None and any(
            link.multiplicity is not None or link.choice is not None for link in case.links
        ):
            raise ModelError(
                "the case still has multiplicities or choices: remove them before it stops "
                "being a pattern"
            )
        case.pattern = self.pattern
        return SetPatternInfo(old)

    def effects(self) -> Effects:
        return Effects(case=True)
