"""What a check made of one piece of evidence, in the words the properties panel and the
dashboard show. No Qt: each line is a label, a text, a tooltip and how good the news is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from gsn_studio.analysis import Currency, EvidenceState, HashState, Judgement
from gsn_studio.model import Evidence, Verification


class Tone(StrEnum):
    GOOD = "good"
    NEUTRAL = "neutral"
    WARNING = "warning"
    BAD = "bad"


@dataclass(frozen=True, slots=True)
class Line:
    label: str
    text: str
    tone: Tone = Tone.NEUTRAL
    tooltip: str = ""


JUDGED_LABELS = ("State", "Due", "Artifact", "Measured")
SHORT_HASH = 12
"""Hex digits of a SHA-256 shown; the full value is in the tooltip and copied by Copy."""

_STATE_TONES = {
    EvidenceState.CURRENT: Tone.GOOD,
    EvidenceState.EXPIRING: Tone.WARNING,
    EvidenceState.NOT_READ: Tone.WARNING,
}


def short_hash(sha256: str) -> str:
    return f"{sha256[:SHORT_HASH]}…" if len(sha256) > SHORT_HASH else sha256


def verification_text(verified: Verification | None) -> str:
    if verified is None:
        return "Never"
    by = f" by {verified.by}" if verified.by else ""
    return f"{verified.on.isoformat()}{by}"


def judged_lines(judgement: Judgement | None, as_of: dt.date) -> list[Line]:
    """State, due date, artifact and measured value of evidence as last checked."""
    if judgement is None:
        return [Line("State", "Nothing recorded yet", Tone.NEUTRAL)]
    state = judgement.state
    lines = [Line("State", state.replace("-", " ").upper(), _STATE_TONES.get(state, Tone.BAD))]
    lines.append(_due_line(judgement, as_of))
    lines.append(_artifact_line(judgement))
    measured = _measured_line(judgement)
    if measured is not None:
        lines.append(measured)
    return lines


def _due_line(judgement: Judgement, as_of: dt.date) -> Line:
    due = judgement.due
    evidence = judgement.evidence
    if due is None:
        if evidence.review_days is not None:
            return Line(
                "Due",
                "Unknown: a review interval needs a verification or date to count from",
                Tone.WARNING,
            )
        return Line("Due", "No date: never expires", Tone.NEUTRAL)
    why = _due_cause(evidence, due)
    days = (due - as_of).days
    if days < 0:
        return Line("Due", f"{due.isoformat()}, {_days(-days)} ago ({why})", Tone.BAD)
    when = "today" if days == 0 else f"in {_days(days)}"
    tone = Tone.WARNING if judgement.currency is Currency.EXPIRING else Tone.GOOD
    return Line("Due", f"{due.isoformat()}, {when} ({why})", tone)


def _due_cause(evidence: Evidence, due: dt.date) -> str:
    if due == evidence.valid_until and due != evidence.review_due():
        return "valid until"
    assert evidence.review_days is not None
    start = "verification" if evidence.verified else "evidence date"
    return f"review every {_days(evidence.review_days)} from the {start}"


def _artifact_line(judgement: Judgement) -> Line:
    evidence, artifact = judgement.evidence, judgement.artifact
    problem = artifact.problem if artifact is not None else ""
    path = str(artifact.path) if artifact is not None and artifact.path else ""
    verified = evidence.verified
    match judgement.hash_state:
        case HashState.MATCHES:
            return Line("Artifact", "Matches the verified version", Tone.GOOD, path)
        case HashState.CHANGED if judgement.live_data:
            return Line(
                "Artifact",
                "Changed since verified: a measurements file, so its values are checked instead",
                Tone.NEUTRAL,
                path,
            )
        case HashState.CHANGED:
            assert verified is not None
            who = verified.by or "someone"
            return Line(
                "Artifact",
                f"Changed since {who} verified it on {verified.on.isoformat()}",
                Tone.BAD,
                path,
            )
        case HashState.MISSING:
            return Line("Artifact", f"Missing: {problem}", Tone.BAD, path)
        case HashState.UNVERIFIED:
            return Line(
                "Artifact", "Unverified: mark it verified to record its hash", Tone.WARNING, path
            )
        case HashState.NOT_HASHED:
            return Line(
                "Artifact", "Verified without a hash, so changes cannot be seen", Tone.WARNING
            )
        case HashState.URL:
            return Line("Artifact", "A web address: not read or hashed", Tone.NEUTRAL)
        case HashState.NOT_READ:
            return Line(
                "Artifact",
                f"Not read: {problem} (allow it in Edit > Preferences)",
                Tone.WARNING,
                path,
            )
        case HashState.NO_FILE:
            return Line("Artifact", f"No file found: {problem}", Tone.WARNING, path)
        case HashState.NO_REFERENCE:
            return Line("Artifact", "No reference", Tone.WARNING)
        case _:
            return Line("Artifact", "Not checked: save the case to read its files", Tone.NEUTRAL)


def _measured_line(judgement: Judgement) -> Line | None:
    measure = judgement.evidence.measure
    if measure is None:
        return None
    source = f" (read from {judgement.evidence.reference})" if judgement.live_data else ""
    if judgement.measured is None:
        why = judgement.measure_problem or "none recorded"
        return Line("Measured", f"No value for {measure.rule}: {why}", Tone.BAD, why)
    verdict = "passes" if judgement.passes else "FAILS"
    return Line(
        "Measured",
        f"{judgement.measured:g}: {verdict} {measure.rule}{source}",
        Tone.GOOD if judgement.passes else Tone.BAD,
    )


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"
