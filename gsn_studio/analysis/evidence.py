"""Whether each piece of evidence still holds: currency, drift of its artifact, and whether the
value it measures is on the right side of its threshold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import field
from enum import StrEnum

from gsn_studio.analysis.artifacts import Access, Artifact, ArtifactReader
from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.model import Case, Evidence, Node, NodeType
from gsn_studio.model.records import record

DEFAULT_SOON_DAYS = 30


class HashState(StrEnum):
    MATCHES = "matches"
    CHANGED = "changed"
    MISSING = "missing"
    UNVERIFIED = "unverified"
    """A readable file that nobody has verified, so there is nothing to compare with."""
    NOT_HASHED = "not-hashed"
    """A verification recorded without a hash (a URL, or a file that could not be read then)."""
    URL = "url"
    NOT_READ = "not-read"
    NO_REFERENCE = "no-reference"
    NO_FILE = "no-file"
    """Not found, and never verified: perhaps kept elsewhere, so not reported as missing."""
    UNCHECKED = "unchecked"
    """Files were not looked at (a check without a case folder)."""


class EvidenceState(StrEnum):
    """The evidence register's one word for a record (`Judgement.state`), in register order."""

    CURRENT = "current"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    CHANGED = "changed"
    MISSING = "missing"
    FAILING = "failing"
    UNMEASURED = "unmeasured"
    UNDEVELOPED = "undeveloped"
    """Names no evidence: a hole, as an unsupported goal is."""
    NOT_READ = "not-read"


class Currency(StrEnum):
    CURRENT = "current"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    UNDATED = "undated"


# Python 3.11 looks an enum member up afresh each time code names it (0.2 µs, more than the
# comparison it is named for): the members judging compares with on every record, named once.
_UNDATED, _EXPIRED, _EXPIRING, _CURRENT = (
    Currency.UNDATED,
    Currency.EXPIRED,
    Currency.EXPIRING,
    Currency.CURRENT,
)
_GONE, _CHANGED, _NOT_READ = HashState.MISSING, HashState.CHANGED, HashState.NOT_READ
_NO_REFERENCE, _URL, _UNCHECKED, _NO_FILE = (
    HashState.NO_REFERENCE,
    HashState.URL,
    HashState.UNCHECKED,
    HashState.NO_FILE,
)
_AT_URL, _PENDING, _ABSENT = Access.URL, Access.PENDING, Access.MISSING
_OUTSIDE, _UNREADABLE = Access.OUTSIDE, Access.UNREADABLE
_ERROR, _WARNING = Severity.ERROR, Severity.WARNING
_SOLUTION = NodeType.SOLUTION


@record
class Judgement:
    """What a check makes of one evidence record (a solution's, or a defeater's refutation)."""

    node: str
    evidence: Evidence
    due: dt.date | None
    currency: Currency
    hash_state: HashState
    artifact: Artifact | None
    live_data: bool = False
    """The artifact is a measurements file that changes by design, so drift is not a fault."""
    measured: float | None = None
    passes: bool | None = None
    """Whether the measured value satisfies the measure; None without a measure or a value."""
    measure_problem: str = ""
    """Why a measure has no value (a file that cannot be read, a missing key...)."""
    findings: tuple[Finding, ...] = ()
    weakening: tuple[str, ...] = field(default=())
    """Why it no longer supports what rests on it, one short phrase each ("expired on ...")."""

    @property
    def state(self) -> EvidenceState:
        """One word for registers and badges, the most serious first."""
        if self.hash_state is HashState.MISSING:
            return EvidenceState.MISSING
        if self.passes is False:
            return EvidenceState.FAILING
        if self.hash_state is HashState.CHANGED and not self.live_data:
            return EvidenceState.CHANGED
        if self.currency is Currency.EXPIRED:
            return EvidenceState.EXPIRED
        if not self.evidence.reference and self.measured is None:
            return EvidenceState.UNDEVELOPED  # a hole, as an unsupported goal is
        if self.evidence.measure is not None and self.measured is None:
            return EvidenceState.UNMEASURED
        if self.currency is Currency.EXPIRING:
            return EvidenceState.EXPIRING
        if self.hash_state is HashState.NOT_READ:
            return EvidenceState.NOT_READ
        return EvidenceState.CURRENT


def names_no_evidence(node: Node) -> bool:
    """A solution that points at nothing: no path, no URL and no measured value. It is a hole
    in the argument, not support, however well its statement reads. An uninstantiated
    solution is a pattern's template: its evidence is named when the pattern is instantiated."""
    if node.type is not _SOLUTION or node.uninstantiated:
        return False
    evidence = node.evidence
    return evidence is None or (
        not evidence.reference and (evidence.measure is None or evidence.measure.value is None)
    )


def unreferenced(case: Case, nodes: Iterable[Node] | None = None) -> Iterator[Finding]:
    """Solutions that name no evidence (of `nodes` only, when given)."""
    if case.pattern is not None:  # a pattern names roles, not evidence
        return
    solution = NodeType.SOLUTION
    for node in case.nodes if nodes is None else nodes:
        if node.type is solution and names_no_evidence(node):
            yield Finding(
                "evidence-unreferenced",
                Severity.ERROR,
                node.id,
                f"{node.id} names no evidence: give it a reference (a file or a web address) "
                "or a measured value, or it supports nothing",
            )


def judge_all(
    case: Case,
    as_of: dt.date,
    reader: ArtifactReader | None,
    soon_days: int,
    nodes: Iterable[Node] | None = None,
) -> dict[str, Judgement]:
    """A judgement for every solution with evidence (of `nodes` only, when given), keyed by
    node id. An uninstantiated solution's evidence is a template ("{measurements}"): it is
    not judged."""
    judged: dict[str, Judgement] = {}
    templates: set[str] = set()
    solution, counter_solution = NodeType.SOLUTION, NodeType.COUNTER_SOLUTION
    # One pass, types compared by identity: only these types have evidence (the model's rule).
    for node in case.nodes if nodes is None else nodes:
        node_type = node.type
        if node_type is solution or node_type is counter_solution:
            evidence = node.evidence
            if evidence is not None:
                judged[node.id] = judge(node, evidence, as_of, reader, soon_days)
                if node.uninstantiated:
                    templates.add(node.id)
    if templates:
        judged = {key: judgement for key, judgement in judged.items() if key not in templates}
    return judged


def judge_refutations(
    case: Case,
    as_of: dt.date,
    reader: ArtifactReader | None,
    soon_days: int,
    nodes: Iterable[Node] | None = None,
) -> dict[str, Judgement]:
    counter_goal, counter_solution = NodeType.COUNTER_GOAL, NodeType.COUNTER_SOLUTION
    return {
        node.id: judge(node, node.refutation, as_of, reader, soon_days, role="refutation")
        for node in (case.nodes if nodes is None else nodes)
        if (node.type is counter_goal or node.type is counter_solution)
        and node.refutation is not None
    }


def judge(
    node: Node,
    evidence: Evidence,
    as_of: dt.date,
    reader: ArtifactReader | None,
    soon_days: int,
    *,
    role: str = "evidence",
) -> Judgement:
    node_id, reference, measure = node.id, evidence.reference, evidence.measure
    label = node_id if role == "evidence" else f"{node_id}'s refutation"
    findings: list[Finding] = []
    weakening: list[str] = []

    due = evidence.due()
    currency = _currency(due, as_of, soon_days)
    if currency is _EXPIRED:
        assert due is not None
        days = (as_of - due).days
        cause = "review was due" if due != evidence.valid_until else "expired"
        what = f" ({reference})" if reference else ""
        findings.append(
            Finding(
                "expired-evidence",
                _ERROR,
                node_id,
                f"{label}{what} {cause} on {due.isoformat()}, "
                f"{_days(days)} before {as_of.isoformat()}",
            )
        )
        weakening.append(f"{cause} on {due.isoformat()}")
    elif currency is _EXPIRING:
        assert due is not None
        cause = "review is due" if due != evidence.valid_until else "expires"
        what = f" ({reference})" if reference else ""
        findings.append(
            Finding(
                "expiring-soon",
                _WARNING,
                node_id,
                f"{label}{what} {cause} on {due.isoformat()}, "
                + (f"in {_days((due - as_of).days)}" if due != as_of else "today"),
            )
        )
    elif evidence.review_days is not None and due is None:
        what = f" ({reference})" if reference else ""
        findings.append(
            Finding(
                "evidence-unverified",
                _WARNING,
                node_id,
                f"{label}{what} has a review interval of {_days(evidence.review_days)} but "
                "no verification or date to count it from",
            )
        )

    artifact = reader.look(reference) if reader and reference else None
    hash_state = _hash_state(evidence, artifact)
    measured_from_file = measure is not None and artifact is not None and artifact.is_data
    if hash_state is _GONE:
        assert artifact is not None
        findings.append(
            Finding(
                "evidence-missing",
                Severity.ERROR,
                node.id,
                f"{label}: the artifact {evidence.reference} is gone ({artifact.problem})",
            )
        )
        weakening.append(f"its artifact {evidence.reference} is missing")
    elif hash_state is _CHANGED and not measured_from_file:
        # A measurements file changes by design; its threshold is the check that matters.
        assert evidence.verified is not None
        findings.append(
            Finding(
                "evidence-changed",
                Severity.ERROR,
                node.id,
                f"{label}: {evidence.reference} differs from the version "
                f"{evidence.verified.by or 'someone'} verified on "
                f"{evidence.verified.on.isoformat()}",
            )
        )
        weakening.append(f"{evidence.reference} changed since it was verified")
    elif hash_state is _NOT_READ:
        assert artifact is not None
        findings.append(
            Finding(
                "evidence-not-read",
                Severity.WARNING,
                node.id,
                f"{label}: {evidence.reference} was not read because {artifact.problem}; "
                "allow artifacts outside the case folder in Settings (or check with "
                "--allow-outside) to check it"
                if artifact.access is Access.OUTSIDE
                else f"{label}: {evidence.reference} could not be read: {artifact.problem}",
            )
        )

    measured, passes, problem = None, None, ""
    if measure is not None:
        measured, problem = _measured(evidence, artifact, reader)
        if measured is not None:
            passes = measure.comparison.holds(measured, measure.threshold)
            if not passes:
                findings.append(
                    Finding(
                        "evidence-fails-threshold",
                        Severity.ERROR,
                        node.id,
                        f"{label}: {measure.metric} is {measured:g}"
                        + (f" in {evidence.reference}" if measured_from_file else "")
                        + f", which fails {measure.rule}",
                    )
                )
                weakening.append(f"{measure.metric} {measured:g} fails {measure.rule}")
        elif role != "evidence" or not names_no_evidence(node):
            # Without a reference the solution names no evidence at all: that hole is reported
            # once, as evidence-unreferenced, not also as a missing value.
            findings.append(
                Finding(
                    "evidence-unmeasured",
                    Severity.ERROR,
                    node.id,
                    f"{label}: no measured value for {measure.rule} ({problem})",
                )
            )
            weakening.append(f"no measured value for {measure.rule}")

    return Judgement(
        node_id,
        evidence,
        due,
        currency,
        hash_state,
        artifact,
        measured_from_file,
        measured,
        passes,
        problem,
        tuple(findings) if findings else (),
        tuple(weakening) if weakening else (),
    )


def findings(judgements: dict[str, Judgement]) -> Iterator[Finding]:
    for judgement in judgements.values():
        yield from judgement.findings


def _currency(due: dt.date | None, as_of: dt.date, soon_days: int) -> Currency:
    if due is None:
        return _UNDATED
    if due < as_of:
        return _EXPIRED
    if (due - as_of).days <= soon_days:
        return _EXPIRING
    return _CURRENT


def _hash_state(evidence: Evidence, artifact: Artifact | None) -> HashState:
    if not evidence.reference:
        return _NO_REFERENCE
    if artifact is None:
        return _URL if evidence.is_url else _UNCHECKED
    access = artifact.access
    if access is _AT_URL:
        return _URL
    if access is _PENDING:
        return _UNCHECKED  # for a moment: judged again once the hash is known
    if access is _ABSENT:
        # Gone means it was there: a reference nobody verified may name a file kept elsewhere.
        return _GONE if evidence.verified is not None else _NO_FILE
    if access is _OUTSIDE or access is _UNREADABLE:
        return _NOT_READ
    if access is Access.NO_FOLDER:
        return HashState.UNVERIFIED if evidence.verified is None else HashState.NOT_HASHED
    verified = evidence.verified
    if verified is None:
        return HashState.UNVERIFIED
    if not verified.sha256:
        return HashState.NOT_HASHED
    return HashState.MATCHES if verified.sha256 == artifact.sha256 else HashState.CHANGED


def _measured(
    evidence: Evidence, artifact: Artifact | None, reader: ArtifactReader | None
) -> tuple[float | None, str]:
    measure = evidence.measure
    assert measure is not None
    if artifact is not None and artifact.is_data and reader is not None:
        try:
            return reader.measured_value(artifact, measure.source_key), ""
        except (ValueError, OSError) as error:
            return None, str(error)
    if measure.value is not None:
        return measure.value, ""
    return None, "none recorded in the case"


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"
