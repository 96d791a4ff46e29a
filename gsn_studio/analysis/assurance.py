"""Assurance status: how sound each claim is, given everything below it, and why.

Each element first gets its own reasons (a hole, evidence that no longer holds, a challenge
landing on it). They then flow up every SupportedBy and InContextOf link, because a claim needs
all of its support and rests on its context. A cause reached by two paths (shared evidence in a
diamond-shaped argument) counts once, with the shortest path kept for the explanation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gsn_studio.analysis.defeaters import Effect
from gsn_studio.analysis.evidence import Judgement
from gsn_studio.analysis.levels import Level
from gsn_studio.model import CONTEXTUAL, EVIDENTIAL, Case, LinkKind, NodeType, link_violation


@dataclass(frozen=True, slots=True)
class Reason:
    level: Level
    cause: str
    """The element where the trouble is (an expired solution, an undeveloped goal...)."""
    text: str
    """What is wrong there, as a sentence that starts with the cause's id."""
    path: tuple[str, ...] = ()
    """The elements between the one explained and the cause, top down."""

    def explain(self, node_id: str, also: bool = False) -> str:
        """ "G1 weakened: Sn4 expired on 2025-11-30 via S1 → G5"; with `also`, for a reason
        less serious than the status it sits under: "G1 also undeveloped: ..."."""
        via = f" via {' → '.join(self.path)}" if self.path else ""
        return f"{node_id} {'also ' if also else ''}{self.level.value}: {self.text}{via}"


@dataclass(frozen=True, slots=True)
class NodeAssurance:
    status: Level
    reasons: tuple[Reason, ...]
    """Every distinct cause, the most serious first."""

    def explain(self, node_id: str) -> list[str]:
        return [
            reason.explain(node_id, also=reason.level is not self.status) for reason in self.reasons
        ]


SUPPORTED = NodeAssurance(Level.SUPPORTED, ())

_Key = tuple[str, str]


def propagate(
    case: Case, judgements: dict[str, Judgement], effects: Iterable[Effect]
) -> dict[str, NodeAssurance]:
    """The status of every node of the argument (counter arguments excluded)."""
    nodes = case.index()
    below: dict[str, list[str]] = {}
    for link in case.links:
        if link.kind is LinkKind.CHALLENGES:
            continue
        source, target = nodes.get(link.source), nodes.get(link.target)
        if source is None or target is None or source.is_counter or target.is_counter:
            continue
        if link_violation(link.kind, source.id, source.type, target.id, target.type):
            continue
        below.setdefault(source.id, []).append(target.id)

    local: dict[str, list[Reason]] = {}
    for node in nodes.values():
        if node.is_counter:
            continue
        own = local.setdefault(node.id, [])
        if node.type in (NodeType.GOAL, NodeType.STRATEGY) and not any(
            nodes[child].type not in CONTEXTUAL for child in below.get(node.id, ())
        ):
            marked = "is marked undeveloped" if node.undeveloped else "has no support yet"
            own.append(Reason(Level.UNDEVELOPED, node.id, f"{node.id} {marked}"))
        judgement = judgements.get(node.id)
        if node.type in EVIDENTIAL and judgement is not None:
            own.extend(
                Reason(Level.WEAKENED, node.id, f"{node.id} {phrase}")
                for phrase in judgement.weakening
            )
    for effect in effects:
        if effect.target in local:
            local[effect.target].append(Reason(effect.level, effect.defeater, effect.text))

    result: dict[str, NodeAssurance] = {}
    gathered: dict[str, dict[_Key, Reason]] = {}
    for node_id in _post_order(list(local), below):
        reasons: dict[_Key, Reason] = {(r.cause, r.text): r for r in local[node_id]}
        for child in below.get(node_id, ()):
            for key, reason in gathered.get(child, {}).items():
                path = (child, *reason.path) if reason.cause != child else reason.path
                known = reasons.get(key)
                if known is None or len(path) < len(known.path):
                    reasons[key] = Reason(reason.level, reason.cause, reason.text, path)
        gathered[node_id] = reasons
        if reasons:
            ordered = sorted(reasons.values(), key=lambda r: -r.level.rank)
            result[node_id] = NodeAssurance(ordered[0].level, tuple(ordered))
        else:
            result[node_id] = SUPPORTED
    return result


def _post_order(starts: list[str], below: dict[str, list[str]]) -> list[str]:
    """Children before parents; a link that closes a cycle is ignored (reported elsewhere)."""
    order: list[str] = []
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    for start in starts:
        if start in state:
            continue
        stack = [(start, iter(below.get(start, ())))]
        state[start] = 1
        while stack:
            node_id, children = stack[-1]
            for child in children:
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(below.get(child, ()))))
                    break
            else:
                stack.pop()
                state[node_id] = 2
                order.append(node_id)
    return order
