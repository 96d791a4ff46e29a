"""Assurance status: how sound each claim is, given everything below it, and why.

Each element first gets its own reasons (a hole, evidence that no longer holds, a challenge
landing on it). They then flow up every SupportedBy and InContextOf link, because a claim needs
all of its support and rests on its context. A cause reached by two paths (shared evidence in a
diamond-shaped argument) counts once, with the shortest path kept for the explanation.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Mapping, Sequence

from gsn_studio.analysis.defeaters import Effect
from gsn_studio.analysis.evidence import Judgement, names_no_evidence
from gsn_studio.analysis.levels import Level
from gsn_studio.analysis.survey import Survey, survey
from gsn_studio.model import Case, Node, NodeType
from gsn_studio.model.records import record


@record
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


Reasons = Sequence[Reason]
"""A node's own reasons (a list, or the shared empty `NO_REASONS`)."""
NO_REASONS: Reasons = ()

_Key = tuple[str, str]
"""A cause and what is wrong there: the identity of a reason, however it is reached."""


class _Argument:
    """The argument as propagation saw it (cycle-closing links left out) and each node's own
    reasons, kept so that the reasons of any node can be worked out when asked: a check
    reports the top goal's reasons, the editor the selected node's, so building every node's
    is wasted work that grows with the size of the argument times the number of causes."""

    __slots__ = ("below", "local", "root_of_all")

    def __init__(self, below: dict[str, list[str]], local: dict[str, Reasons]) -> None:
        self.below = below
        self.local = local
        self.root_of_all: str | None = None
        """A node every node of the argument lies below, when known (`assess` knows the one
        root of a sound argument): its reasons are then every reason there is."""

    def reasons(self, node_id: str) -> list[Reason]:
        """Every distinct reason reaching `node_id`, in the order they are first met going
        depth first, own reasons before each child's; each with its shortest path, the
        first child in link order winning ties (the lexicographically first shortest path,
        which is the one a breadth-first walk that takes children in order finds)."""
        return self._traced(node_id, self._preorder_keys(node_id))

    def first_reasons(self, node_id: str, count: int) -> tuple[list[Reason], int]:
        """The `count` most serious reasons reaching `node_id`, in the order
        `NodeAssurance.reasons` gives them, and how many there are in all: only the paths of
        those are traced (a report that prints a few of a top goal's hundreds)."""
        if node_id == self.root_of_all:
            known = self._first_of_all(node_id, count)
            if known is not None:
                return known
        order = self._preorder_keys(node_id)
        chosen = sorted(order.items(), key=lambda item: -item[1].level.rank)[:count]
        return self._traced(node_id, dict(chosen)), len(order)

    def _first_of_all(self, node_id: str, count: int) -> tuple[list[Reason], int] | None:
        """`first_reasons` of a node every reason lies below: they are counted from the
        reasons themselves, and when at least `count` are of the worst kind, those first met
        are found by walking only until they turn up (None: a whole walk is needed)."""
        ranks: dict[_Key, int] = {}
        rank_of = _RANK
        for reasons in self.local.values():
            for reason in reasons:
                rank = rank_of[reason.level]
                if ranks.setdefault((reason.cause, reason.text), rank) != rank:
                    return None  # one cause and text at two levels: which is met first counts
        worst = max(ranks.values(), default=-1)
        if sum(rank == worst for rank in ranks.values()) < count:
            return None
        order = self._preorder_keys(node_id, (worst, count))
        chosen = {key: reason for key, reason in order.items() if rank_of[reason.level] == worst}
        return self._traced(node_id, dict(list(chosen.items())[:count])), len(ranks)

    def _traced(self, node_id: str, order: dict[_Key, Reason]) -> list[Reason]:
        """The reasons of `order` with their shortest paths from `node_id`, in that order."""
        below, local = self.below, self.local
        parent: dict[str, str] = {node_id: node_id}
        where: dict[_Key, str] = {}
        queue = deque([node_id])
        left = len(order)
        while queue and left:
            current = queue.popleft()
            reasons = local.get(current)
            if reasons:
                for reason in reasons:
                    key = (reason.cause, reason.text)
                    if key in order and key not in where:
                        where[key] = current
                        left -= 1
            children = below.get(current)
            if children:
                for child in children:
                    if child not in parent:
                        parent[child] = current
                        queue.append(child)
        # Each node's path from `node_id` (it excluded, the node included), made from its
        # parent's once: reasons below one another share all but the last hops.
        paths: dict[str, tuple[str, ...]] = {node_id: ()}
        found = []
        for key, base in order.items():
            step, missing = where[key], []
            while step not in paths:
                missing.append(step)
                step = parent[step]
            path = paths[step]
            for hop in reversed(missing):
                path = paths[hop] = (*path, hop)
            if path and path[-1] == key[0]:
                path = path[:-1]  # the cause itself is named by the reason, not in the path
            found.append(Reason(base.level, base.cause, base.text, path))
        return found

    def _preorder_keys(
        self, node_id: str, enough: tuple[int, int] | None = None
    ) -> dict[_Key, Reason]:
        """The distinct reasons below `node_id` in the order first met; with `enough` (a
        rank and a count), only until that many of that rank are met."""
        below, local = self.below, self.local
        order: dict[_Key, Reason] = {}
        seen: set[str] = set()
        rank, wanted = enough if enough is not None else (-1, -1)
        # Depth first with every child stacked, last first, and skipped if done when its
        # turn comes: the order a recursive walk visits them in, without an iterator each.
        stack = [node_id]
        while stack and wanted:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            reasons = local.get(current)
            if reasons:
                for reason in reasons:
                    key = (reason.cause, reason.text)
                    if key not in order:
                        order[key] = reason
                        if _RANK[reason.level] == rank:
                            wanted -= 1
            children = below.get(current)
            if children:
                stack.extend(reversed(children))
        return order


class NodeAssurance:
    """A node's status and, worked out when asked, every distinct reason for it."""

    __slots__ = ("_argument", "_node", "_reasons", "status")

    def __init__(
        self,
        status: Level,
        node: str = "",
        argument: _Argument | None = None,
        reasons: tuple[Reason, ...] = (),
    ) -> None:
        # Positional and short: one is made for most nodes of the argument on every check.
        self.status = status
        self._node = node
        self._argument = argument
        self._reasons: tuple[Reason, ...] | None = reasons if argument is None else None

    @property
    def own(self) -> tuple[Reason, ...]:
        """The reasons found at the node itself (a hole there, its evidence, a challenge)."""
        if self._argument is None:
            return self._reasons or ()
        return tuple(self._argument.local.get(self._node, ()))

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every distinct cause, the most serious first, each with its shortest path."""
        if self._reasons is None:
            assert self._argument is not None
            found = self._argument.reasons(self._node)
            self._reasons = tuple(sorted(found, key=lambda r: -r.level.rank))
        return self._reasons

    def explain(self, node_id: str) -> list[str]:
        return [
            reason.explain(node_id, also=reason.level is not self.status) for reason in self.reasons
        ]

    def explain_first(self, node_id: str, count: int) -> tuple[list[str], int]:
        """The first `count` lines of `explain` and how many it has, tracing the paths of
        those reasons only (unless all are known already)."""
        if self._reasons is not None or self._argument is None:
            lines = self.explain(node_id)
            return lines[:count], len(lines)
        found, total = self._argument.first_reasons(self._node, count)
        status = self.status
        return [reason.explain(node_id, also=reason.level is not status) for reason in found], total

    def __repr__(self) -> str:
        return f"NodeAssurance({self.status.value}, {len(self.reasons)} reasons)"


SUPPORTED = NodeAssurance(Level.SUPPORTED)


@record
class Propagation:
    """What propagation worked out, kept so that an edit can be carried up from where it
    happened (`repropagate`) instead of through the whole argument again."""

    local: dict[str, Reasons]
    """Each argument node's own reasons, challenges included."""
    worst: dict[str, int]
    """The rank of the worst reason at or below each node; nodes without any are left out."""
    argument: _Argument
    assurance: dict[str, NodeAssurance]
    redone: frozenset[str] = frozenset()
    """The nodes `repropagate` worked out again (their status or reasons may differ)."""


def propagate(
    case: Case,
    judgements: Mapping[str, Judgement],
    effects: Iterable[Effect],
    links: Survey | None = None,
) -> dict[str, NodeAssurance]:
    """The status of every node of the argument (counter arguments excluded); the reasons
    behind a status are worked out when first asked for. `links` as `structure.survey`
    gives them, when the caller has them already."""
    return propagation(case, judgements, effects, links).assurance


def propagation(
    case: Case,
    judgements: Mapping[str, Judgement],
    effects: Iterable[Effect],
    links: Survey | None = None,
) -> Propagation:
    nodes = case.index()
    if links is None:
        links = survey(case)
    local = own_reasons(nodes, links.developed, judgements)
    add_effects(local, effects)
    found = None if links._below_cyclic else _worst_upwards(local, links.below, links.above)
    links._below_cyclic = found is None
    if found is None:
        order, acyclic = _post_order(list(local), links.below)
        worst = _worst_below(order, local, acyclic)
    else:  # no link to leave out: a status is the worst own reason of anything below
        acyclic, worst = links.below, found
    argument = _Argument(acyclic, local)
    levels = _LEVELS
    # Every node supported, then those with a reason at or below them (every node in `worst`
    # is one of `local`'s, which keeps the order): no Python step for the supported ones.
    assurance = dict.fromkeys(local, SUPPORTED)
    for node_id, rank in worst.items():
        if rank >= 0:
            assurance[node_id] = NodeAssurance(levels[rank], node_id, argument)
    return Propagation(local, worst, argument, assurance)


def add_effects(local: dict[str, Reasons], effects: Iterable[Effect]) -> None:
    """Each challenge's reason, after the own reasons of the node it lands on."""
    for effect in effects:
        reasons = local.get(effect.target)
        if reasons is not None:  # a new sequence: the empty one is shared by many nodes
            local[effect.target] = [*reasons, Reason(effect.level, effect.defeater, effect.text)]


def repropagate(
    before: Propagation,
    links: Survey,
    local: dict[str, Reasons],
    starts: Iterable[str],
    removed: Collection[str] = (),
) -> Propagation:
    """The propagation after an edit, in an argument without cycles: `local` holds every
    node's own reasons now, `starts` every node whose own reasons or links below changed
    since `before`, `removed` the nodes gone since. Only what lies above them is worked
    out again."""
    above, below = links.above, links.below
    touched = set()
    stack = [node_id for node_id in starts if node_id in local]
    while stack:
        node_id = stack.pop()
        if node_id not in touched:
            touched.add(node_id)
            stack.extend(above.get(node_id, ()))
    if not touched and not removed:
        return before
    worst = dict(before.worst)
    for node_id in (*touched, *removed):
        worst.pop(node_id, None)
    rank_of = _RANK
    # Children before parents within what changed; what did not change keeps its rank.
    for node_id in _post_order(list(touched), below, within=touched)[0]:
        rank = -1
        for reason in local[node_id]:
            rank = max(rank, rank_of[reason.level])
        for child in below.get(node_id, ()):
            rank = max(rank, worst.get(child, -1))
        if rank >= 0:
            worst[node_id] = rank
    argument = _Argument(below, local)
    assurance = dict(before.assurance)
    for node_id in removed:
        assurance.pop(node_id, None)
    levels = _LEVELS
    for node_id in touched:
        rank = worst.get(node_id, -1)
        assurance[node_id] = (
            NodeAssurance(levels[rank], node_id, argument) if rank >= 0 else SUPPORTED
        )
    return Propagation(local, worst, argument, assurance, frozenset(touched))


def _worst_upwards(
    local: dict[str, Reasons], below: dict[str, list[str]], above: dict[str, list[str]]
) -> dict[str, int] | None:
    """The rank of the worst reason at or below each node (those with none are left out),
    peeling the argument from its leaves up, a node once all its children are done; None
    when a circle leaves some never done (then it takes a post order that drops links)."""
    pending = {node_id: len(children) for node_id, children in below.items()}
    ready = [node_id for node_id in local if node_id not in pending]
    # A node's entry holds the worst rank of its children done so far, then, once it is
    # done, its own worst: one dict for both, as a node is done after all its children.
    worst: dict[str, int] = {}
    rank_of = _RANK
    peeled = 0
    while ready:
        node_id = ready.pop()
        peeled += 1
        rank = worst.get(node_id, -1)
        reasons = local[node_id]
        if reasons:
            for reason in reasons:
                rank = max(rank, rank_of[reason.level])
            if rank >= 0:
                worst[node_id] = rank
        parents = above.get(node_id)
        if parents:
            for parent in parents:
                if rank >= 0 and rank > worst.get(parent, -1):  # most nodes have no reason
                    worst[parent] = rank
                left = pending[parent] - 1
                pending[parent] = left
                if not left:
                    ready.append(parent)
    return worst if peeled == len(local) else None


def _worst_below(
    order: list[str], local: dict[str, Reasons], acyclic: dict[str, list[str]]
) -> dict[str, int]:
    """The same, children before parents along a post order (`_post_order`)."""
    worst: dict[str, int] = {}
    rank_of = _RANK
    for node_id in order:
        rank = -1
        for reason in local[node_id]:
            rank = max(rank, rank_of[reason.level])
        for child in acyclic.get(node_id, ()):
            rank = max(rank, worst[child])
        worst[node_id] = rank
    return worst


def own_reasons(
    nodes: Mapping[str, Node],
    developed: Collection[str],
    judgements: Mapping[str, Judgement],
    only: Iterable[Node] | None = None,
) -> dict[str, Reasons]:
    """Each argument node's own reasons, before challenges: a hole there, or its evidence.
    `nodes` is the case's index, `developed` as `Survey.developed`; `only` limits the work
    to some of the nodes. Nodes without any share one empty sequence."""
    local: dict[str, Reasons] = {}
    none = NO_REASONS  # most nodes: one shared empty tuple, not a new list for each
    undeveloped, weakened = Level.UNDEVELOPED, Level.WEAKENED
    goal, strategy, solution = NodeType.GOAL, NodeType.STRATEGY, NodeType.SOLUTION
    counter_goal, counter_solution = NodeType.COUNTER_GOAL, NodeType.COUNTER_SOLUTION
    # Types compared by identity, the usual node passed with one test: this runs over every
    # node of the case on each check.
    for node in nodes.values() if only is None else only:
        node_type = node.type
        if node_type is goal or node_type is strategy:
            node_id = node.id
            # An away goal is developed in its home module: only the whole case knows how well.
            if node_id in developed or node.cites is not None:
                local[node_id] = none
            else:
                marked = "is marked undeveloped" if node.undeveloped else "has no support yet"
                local[node_id] = [Reason(undeveloped, node_id, f"{node_id} {marked}")]
        elif node_type is solution:
            node_id = node.id
            own: list[Reason] = []
            if names_no_evidence(node):
                own.append(Reason(undeveloped, node_id, f"{node_id} names no evidence"))
            judgement = judgements.get(node_id)
            if judgement is not None and judgement.weakening:
                own.extend(
                    Reason(weakened, node_id, f"{node_id} {phrase}")
                    for phrase in judgement.weakening
                )
            local[node_id] = own or none
        elif node_type is not counter_goal and node_type is not counter_solution:
            local[node.id] = none
    return local


_LEVELS = list(Level)
_RANK = {level: level.rank for level in Level}


def _post_order(
    starts: list[str], below: dict[str, list[str]], within: set[str] | None = None
) -> tuple[list[str], dict[str, list[str]]]:
    """Children before parents, and the links without those that close a cycle (cycles are
    reported elsewhere; here they are ignored). With `within`, only those nodes are walked."""
    order: list[str] = []
    closing: set[tuple[str, str]] = set()
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    for start in starts:
        if start in state:
            continue
        stack = [(start, iter(below.get(start, ())))]
        state[start] = 1
        while stack:
            node_id, children = stack[-1]
            for child in children:
                if within is not None and child not in within:
                    continue
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(below.get(child, ()))))
                    break
                if state[child] == 1:
                    closing.add((node_id, child))
            else:
                stack.pop()
                state[node_id] = 2
                order.append(node_id)
    if not closing:
        return order, below
    kept = {
        source: [child for child in children if (source, child) not in closing]
        for source, children in below.items()
    }
    return order, kept
