"""The reasons of every node as assurance.propagate built them before they were made lazy:
one dynamic programme over the whole argument. Kept as the oracle that the lazy reasons are
checked against (tests/test_assurance_lazy.py)."""

from __future__ import annotations

from collections.abc import Iterable

from gsn_studio.analysis.assurance import Reason
from gsn_studio.analysis.defeaters import Effect
from gsn_studio.analysis.evidence import Judgement, names_no_evidence
from gsn_studio.analysis.levels import Level
from gsn_studio.model import CONTEXTUAL, EVIDENTIAL, Case, LinkKind, NodeType
from gsn_studio.model.links import is_allowed

_Key = tuple[str, str]
"""A cause and what is wrong there: the identity of a reason, however it is reached."""
_Route = tuple[int, str | None]
"""How far a cause is below a node, and the child to step to (None: it is the node's own)."""


class _Routes:
    """For every node, the shortest step towards each cause below it. Kept as one step per
    node rather than whole paths, so propagation stays linear in what it carries."""

    def __init__(self) -> None:
        self.steps: dict[str, dict[_Key, _Route]] = {}
        self.causes: dict[_Key, Reason] = {}

    def path(self, node_id: str, key: _Key) -> tuple[str, ...]:
        hops: list[str] = []
        step = self.steps[node_id][key][1]
        while step is not None:
            hops.append(step)
            step = self.steps[step][key][1]
        if hops and hops[-1] == key[0]:
            hops.pop()  # the cause itself is named by the reason, not repeated in the path
        return tuple(hops)


class NodeAssurance:
    """A node's status and, worked out when asked, every distinct reason for it."""

    __slots__ = ("_node", "_reasons", "_routes", "status")

    def __init__(
        self,
        status: Level,
        reasons: tuple[Reason, ...] = (),
        node: str = "",
        routes: _Routes | None = None,
    ) -> None:
        self.status = status
        self._reasons: tuple[Reason, ...] | None = reasons if routes is None else None
        self._node = node
        self._routes = routes

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every distinct cause, the most serious first, each with its shortest path."""
        if self._reasons is None:
            assert self._routes is not None
            routes = self._routes
            found = [
                Reason(base.level, base.cause, base.text, routes.path(self._node, key))
                for key in routes.steps[self._node]
                for base in (routes.causes[key],)
            ]
            self._reasons = tuple(sorted(found, key=lambda r: -r.level.rank))
        return self._reasons

    def explain(self, node_id: str) -> list[str]:
        return [
            reason.explain(node_id, also=reason.level is not self.status) for reason in self.reasons
        ]

    def __repr__(self) -> str:
        return f"NodeAssurance({self.status.value}, {len(self.reasons)} reasons)"


SUPPORTED = NodeAssurance(Level.SUPPORTED)


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
        if not is_allowed(link.kind, source.type, target.type):
            continue
        below.setdefault(source.id, []).append(target.id)

    local: dict[str, list[Reason]] = {}
    for node in nodes.values():
        if node.is_counter:
            continue
        own = local.setdefault(node.id, [])
        if (
            node.type in (NodeType.GOAL, NodeType.STRATEGY)
            and node.cites is None
            and not any(nodes[child].type not in CONTEXTUAL for child in below.get(node.id, ()))
        ):
            marked = "is marked undeveloped" if node.undeveloped else "has no support yet"
            own.append(Reason(Level.UNDEVELOPED, node.id, f"{node.id} {marked}"))
        if names_no_evidence(node):
            own.append(Reason(Level.UNDEVELOPED, node.id, f"{node.id} names no evidence"))
        judgement = judgements.get(node.id)
        if node.type in EVIDENTIAL and judgement is not None:
            own.extend(
                Reason(Level.WEAKENED, node.id, f"{node.id} {phrase}")
                for phrase in judgement.weakening
            )
    for effect in effects:
        if effect.target in local:
            local[effect.target].append(Reason(effect.level, effect.defeater, effect.text))

    routes = _Routes()
    worst: dict[str, int] = {}
    result: dict[str, NodeAssurance] = {}
    for node_id in _post_order(list(local), below):
        mine: dict[_Key, _Route] = {}
        rank = -1
        for reason in local[node_id]:
            key = (reason.cause, reason.text)
            routes.causes[key] = reason
            mine[key] = (0, None)
            rank = max(rank, reason.level.rank)
        for child in below.get(node_id, ()):
            child_steps = routes.steps.get(child)
            if not child_steps:
                continue
            rank = max(rank, worst[child])
            for key, (depth, _) in child_steps.items():
                known = mine.get(key)
                if known is None or depth + 1 < known[0]:
                    mine[key] = (depth + 1, child)
        routes.steps[node_id] = mine
        worst[node_id] = rank
        result[node_id] = (
            NodeAssurance(_LEVELS[rank], node=node_id, routes=routes) if mine else SUPPORTED
        )
    return result


_LEVELS = list(Level)


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
