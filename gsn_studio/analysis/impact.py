"""What a change does to the case: between the case (with its evidence and trace sets) at an
earlier revision and now, the elements added, removed and changed, statuses that changed and
why, acceptances made stale, traced items that became uncovered or changed, and evidence that
changed. Pure: both sides come in already assessed; `cli.impact` reads them from git."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gsn_studio.analysis import acceptance
from gsn_studio.analysis.check import Assessment
from gsn_studio.analysis.traces import TraceSets
from gsn_studio.model import Case

if TYPE_CHECKING:  # the diff is computed only when impact runs (`check` builds its parser)
    from gsn_studio.analysis.diff import CaseDiff


@dataclass(frozen=True, slots=True)
class Side:
    """One version of the case, assessed with its own evidence files and trace sets."""

    case: Case
    assessment: Assessment
    sets: TraceSets


@dataclass(frozen=True, slots=True)
class StatusChange:
    node: str
    before: str
    after: str
    why: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Impact:
    verdict: tuple[str, str]
    diff: CaseDiff
    statuses: list[StatusChange] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    """The acceptance-stale messages that are new since the revision."""
    uncovered: list[str] = field(default_factory=list)
    """Items no element traces now that some element traced (or that are new and untraced)."""
    items_changed: list[str] = field(default_factory=list)
    evidence_changed: list[str] = field(default_factory=list)

    def kinds(self) -> set[str]:
        """The names `impact --fail-on` takes that this impact has."""
        found = {status.after for status in self.statuses}
        if self.stale:
            found.add("stale")
        if self.uncovered:
            found.add("uncovered")
        if self.items_changed:
            found.add("items")
        if self.evidence_changed:
            found.add("evidence")
        if not self.diff.is_empty():
            found.add("elements")
        return found

    def as_dict(self) -> dict[str, object]:
        return {
            "verdict": {"before": self.verdict[0], "after": self.verdict[1]},
            "elements": self.diff.as_dict(),
            "statuses": [
                {"id": s.node, "before": s.before, "after": s.after, "why": list(s.why)}
                for s in self.statuses
            ],
            "stale_acceptances": self.stale,
            "uncovered_items": self.uncovered,
            "changed_items": self.items_changed,
            "changed_evidence": self.evidence_changed,
        }


FAIL_KINDS = (
    "stale", "uncovered", "items", "evidence", "elements", "defeated", "weakened", "undeveloped",
)  # fmt: skip


def impact(old: Side, new: Side) -> Impact:
    from gsn_studio.analysis.diff import diff_cases  # noqa: PLC0415

    before = old.assessment.statuses(old.case)
    after = new.assessment.statuses(new.case)
    statuses = [
        StatusChange(
            node, before[node], status, tuple(new.assessment.assurance[node].explain(node))
        )
        for node, status in after.items()
        if node in before and before[node] != status
    ]
    old_stale = set(acceptance.stale(old.case, old.assessment.judgements, old.sets))
    stale = [
        f.message
        for f in new.assessment.findings
        if f.code == "acceptance-stale" and f.node not in old_stale
    ]
    old_uncovered = {f.message for f in old.assessment.findings if f.code == "trace-uncovered"}
    uncovered = [
        f.message
        for f in new.assessment.findings
        if f.code == "trace-uncovered" and f.message not in old_uncovered
    ]
    return Impact(
        verdict=(old.assessment.worst(old.case).value, new.assessment.worst(new.case).value),
        diff=diff_cases(old.case, new.case),
        statuses=statuses,
        stale=stale,
        uncovered=uncovered,
        items_changed=_items_changed(old, new),
        evidence_changed=_evidence_changed(old, new),
    )


def _items_changed(old: Side, new: Side) -> list[str]:
    changed = []
    for name, loaded in new.sets.items():
        before = old.sets.get(name)
        if before is None:
            continue
        then = before.by_id()
        for item in loaded.items:
            was = then.get(item.id)
            if was is None or was.row_hash == item.row_hash:
                continue
            tracing = [
                n.id
                for n in new.case.nodes
                if any(t.set == name and t.item == item.id for t in n.traces)
            ]
            by = f", traced by {', '.join(tracing)}" if tracing else ", traced by no element"
            what = [key for key, value in item.fields if dict(was.fields).get(key) != value]
            if was.title != item.title:
                what.insert(0, "title")
            detail = f" ({', '.join(what)})" if what else ""
            changed.append(f"{item.id} of {name} changed{detail}{by}")
    return changed


def _evidence_changed(old: Side, new: Side) -> list[str]:
    changed = []
    for node_id, judgement in new.assessment.judgements.items():
        was = old.assessment.judgements.get(node_id)
        if was is None:
            continue
        now_ref, then_ref = judgement.evidence.reference, was.evidence.reference
        now_hash = judgement.artifact.sha256 if judgement.artifact else ""
        then_hash = was.artifact.sha256 if was.artifact else ""
        if now_ref != then_ref:
            changed.append(f"{node_id} now points at {now_ref} (was {then_ref})")
        elif now_hash != then_hash:
            changed.append(
                f"{node_id}'s artifact {now_ref} changed "
                f"({then_hash[:12] or 'unreadable'} → {now_hash[:12] or 'unreadable'})"
            )
    return changed
