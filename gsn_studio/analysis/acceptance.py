"""An assessor's acceptance of an element: what it covers, when it goes stale, and why.

An acceptance covers the element and everything under it (supported by, in context of): each
element's statement, its links, its evidence (the artifact's hash as the file is now, else as
recorded) and the rows of the items it traces. Each of these is one part with its own short
hash; the acceptance keeps them and one hash over all, so `check` can say which changed, and a
change anywhere else leaves the acceptance alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from gsn_studio.analysis.evidence import Judgement
from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.analysis.traces import TraceSets, seen_now
from gsn_studio.model import Case, LinkKind, Node
from gsn_studio.model.traces import Acceptance

_COVERED = (LinkKind.SUPPORTED_BY, LinkKind.IN_CONTEXT_OF)
_ASPECTS = {
    "statement": "statement",
    "links": "links",
    "artifact": "artifact",
    "traces": "traced items",
    "challenges": "challenges",
}


def subtree(case: Case, node_id: str) -> list[str]:
    """The element and every element under it, each once, in a stable order."""
    seen = [node_id]
    index = 0
    while index < len(seen):
        current = seen[index]
        index += 1
        for link in case.links:
            if link.source == current and link.kind in _COVERED and link.target not in seen:
                seen.append(link.target)
    return seen


def _hash(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def parts(
    case: Case,
    node_id: str,
    judgements: Mapping[str, Judgement] | None = None,
    sets: TraceSets | None = None,
) -> dict[str, str]:
    """Each covered part's hash, by `ID aspect`."""
    found: dict[str, str] = {}
    for member in subtree(case, node_id):
        node = case.get(member)
        if node is None:
            continue
        found[f"{member} statement"] = _hash(
            [node.type.value, node.statement, node.description, node.undeveloped]
        )
        links = sorted(
            (link.kind.value, link.target) for link in case.links if link.source == member
        )
        if links:
            found[f"{member} links"] = _hash(links)
        challengers = sorted(
            link.source
            for link in case.links
            if link.target == member and link.kind is LinkKind.CHALLENGES
        )
        if challengers:  # a new defeater against the accepted argument is a change to it
            found[f"{member} challenges"] = _hash(challengers)
        if node.evidence is not None:
            found[f"{member} artifact"] = _hash(_evidence(node, judgements))
        if node.traces:
            found[f"{member} traces"] = _hash(sorted(_trace_rows(node, sets)))
    return found


def _evidence(node: Node, judgements: Mapping[str, Judgement] | None) -> list[str]:
    assert node.evidence is not None
    judgement = (judgements or {}).get(node.id)
    artifact = judgement.artifact if judgement is not None else None
    recorded = node.evidence.verified.sha256 if node.evidence.verified else ""
    current = artifact.sha256 if artifact is not None and artifact.sha256 else recorded
    return [node.evidence.reference, current]


def _trace_rows(node: Node, sets: TraceSets | None) -> list[str]:
    rows = []
    for trace in node.traces:
        loaded = (sets or {}).get(trace.set)
        item = loaded.by_id().get(trace.item) if loaded is not None else None
        # Without the set read, the row last seen stands in for it.
        rows.append(f"{trace.key}={item.row_hash if item is not None else trace.seen}")
    return rows


def digest(found: Mapping[str, str]) -> str:
    return _hash(sorted(found.items()))


def accept(
    case: Case,
    node_id: str,
    *,
    by: str,
    on: dt.date,
    judgements: Mapping[str, Judgement] | None = None,
    sets: TraceSets | None = None,
) -> Acceptance:
    found = parts(case, node_id, judgements, sets)
    return Acceptance(by=by, on=on, digest=digest(found), parts=tuple(sorted(found.items())))


def what_changed(acceptance: Acceptance, now: Mapping[str, str]) -> list[str]:
    """What differs from the accepted subtree, in words ("Sn7's artifact changed")."""
    then = dict(acceptance.parts)
    then_nodes = {key.split(" ")[0] for key in then}
    now_nodes = {key.split(" ")[0] for key in now}
    changes = [f"{n} was added" for n in sorted(now_nodes - then_nodes)]
    changes += [f"{n} was removed" for n in sorted(then_nodes - now_nodes)]
    for key in sorted(set(then) | set(now)):
        member, aspect = key.split(" ", 1)
        if member not in then_nodes or member not in now_nodes:
            continue
        if then.get(key) != now.get(key):
            changes.append(f"{member}'s {_ASPECTS.get(aspect, aspect)} changed")
    return changes


def stale(
    case: Case,
    judgements: Mapping[str, Judgement] | None = None,
    sets: TraceSets | None = None,
    accepted: Sequence[Node] | None = None,
) -> dict[str, list[str]]:
    """Every stale acceptance: the accepted element's id and what changed. `accepted`: the
    nodes that carry an acceptance, in node order, when the caller has them already."""
    found: dict[str, list[str]] = {}
    for node in case.nodes if accepted is None else accepted:
        if node.acceptance is None:
            continue
        now = parts(case, node.id, judgements, sets)
        if digest(now) != node.acceptance.digest:
            found[node.id] = what_changed(node.acceptance, now) or ["its subtree changed"]
    return found


def findings(
    case: Case,
    judgements: Mapping[str, Judgement] | None = None,
    sets: TraceSets | None = None,
    accepted: Sequence[Node] | None = None,
) -> list[Finding]:
    found = []
    for node_id, changes in stale(case, judgements, sets, accepted).items():
        acceptance = case.node(node_id).acceptance
        assert acceptance is not None
        found.append(
            Finding(
                "acceptance-stale",
                Severity.WARNING,
                node_id,
                f"{node_id} accepted by {acceptance.by} on {acceptance.on.isoformat()} is "
                f"stale: {', '.join(changes)}",
            )
        )
    return found


def accepting(
    case: Case,
    node_id: str,
    *,
    by: str,
    on: dt.date,
    judgements: Mapping[str, Judgement] | None = None,
    sets: TraceSets | None = None,
) -> dict[str, dict[str, Any]]:
    """The node fields accepting changes, by node id: the acceptance on the element, and the
    traces under it now seeing their items' current rows. The CLI and the editor apply these."""
    changes: dict[str, dict[str, Any]] = {
        node_id: {
            "acceptance": accept(case, node_id, by=by, on=on, judgements=judgements, sets=sets)
        }
    }
    if sets is not None:
        for member, traces in seen_now(case, subtree(case, node_id), sets).items():
            changes.setdefault(member, {})["traces"] = traces
    return changes
