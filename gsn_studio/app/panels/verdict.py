"""The case's verdict in words, for the dashboard: how its claims stand, whether the top goal
holds and until when. No Qt."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from gsn_studio.analysis import Assessment, Level
from gsn_studio.model import Case

COUNTED = (Level.SUPPORTED, Level.UNDEVELOPED, Level.WEAKENED, Level.DEFEATED)


@dataclass(frozen=True, slots=True)
class Verdict:
    counts: dict[Level, int]
    """Goals and strategies by assurance status."""
    top: str
    """The weakest top goal, or "" when the case has none."""
    level: Level
    headline: str
    """"G1 is weakened", or why there is nothing to judge."""
    soundness: str
    """"Sound until 2027-01-31 (Sn6 falls due)", or "Not sound now: ..." naming the cause."""
    sound: bool
    notes: tuple[str, ...] = ()
    """Further lines: other top goals, or a hole that leaves the argument incomplete."""


def verdict(case: Case, assessment: Assessment) -> Verdict:
    counts = Counter(Level(status) for status in assessment.statuses(case).values())
    tally = {level: counts.get(level, 0) for level in COUNTED}
    tops = assessment.top_goals(case)
    if not tops:
        return Verdict(tally, "", Level.SUPPORTED, "No top goal yet", "Nothing to judge", False)
    top = max(tops, key=lambda goal: assessment.assurance[goal].status.rank)
    assurance = assessment.assurance[top]
    level = assurance.status
    reasons = assurance.explain(top)
    others = [goal for goal in tops if goal != top]
    notes = [f"Other top goals: {', '.join(others)}"] if others else []
    headline = f"{top} is {level.value}"
    if level in (Level.WEAKENED, Level.DEFEATED):
        first = reasons[0] if reasons else f"{top} {level.value}"
        more = len(reasons) - 1
        if more > 0:
            notes.insert(0, f"and {more} more reason{'s' if more != 1 else ''}: select {top}")
        return Verdict(tally, top, level, headline, f"Not sound now: {first}", False, tuple(notes))
    if level is Level.UNDEVELOPED and reasons:
        notes.insert(0, reasons[0])  # "G1 undeveloped: G19 is marked undeveloped via ..."
    return Verdict(tally, top, level, headline, _sound_until(assessment), True, tuple(notes))


def _sound_until(assessment: Assessment) -> str:
    day = assessment.sound_until()
    if day is None:
        return "Sound, with no due date on any evidence"
    due = sorted(
        node
        for node, judgement in (*assessment.judgements.items(), *assessment.refutations.items())
        if judgement.due == day
    )
    named = ", ".join(due[:3]) + (f" and {len(due) - 3} more" if len(due) > 3 else "")
    verb = "falls" if len(due) == 1 else "fall"
    return f"Sound until {day.isoformat()} ({named} {verb} due)"
