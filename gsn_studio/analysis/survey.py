"""The links of a case as the checks need them, found in one pass: at 10,000 nodes each pass
over the links costs milliseconds, and cycles, roots, reachability, holes, top goals and status
propagation each used to make their own."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import field
from typing import TYPE_CHECKING

from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.model import (
    CONTEXTUAL,
    COUNTER,
    Case,
    Link,
    LinkKind,
    Node,
    NodeType,
    link_violation,
)
from gsn_studio.model.links import ALLOWED, kind_phrase
from gsn_studio.model.records import record

if TYPE_CHECKING:
    import networkx as nx


@record(frozen=False)
class SupportGraph:
    """SupportedBy edges as plain dicts: building a networkx graph of a large case, and even
    importing networkx, costs more than the whole check of a sound one. networkx is loaded
    only when a cycle is found and has to be described."""

    children: dict[str, dict[str, None]] = field(default_factory=dict)
    """Each node's children, in link order, once each (every node of the case has an entry)."""
    parent_count: dict[str, int] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)
    """Each node's parents, for walking upwards (kept as edges are added)."""

    def add_edge(self, source: str, target: str) -> None:
        siblings = self.children[source]
        if target not in siblings:  # a repeated link is one edge, as in a DiGraph
            siblings[target] = None
            self.parent_count[target] += 1
            self.parents.setdefault(target, []).append(source)

    def has_cycle(self) -> bool:
        return has_cycle(self.children.keys(), self.children, self.parent_count)

    def ancestors(self, node_id: str) -> set[str]:
        """Every node above node_id along SupportedBy links (networkx's `ancestors`)."""
        seen: set[str] = set()
        stack = list(self.parents.get(node_id, ()))
        while stack:
            above = stack.pop()
            if above not in seen:
                seen.add(above)
                stack.extend(self.parents.get(above, ()))
        seen.discard(node_id)  # on a cycle a node is not its own ancestor
        return seen

    def to_networkx(self) -> nx.DiGraph:
        import networkx as nx  # noqa: PLC0415 (only a case with a cycle pays for it)

        graph = nx.DiGraph()
        graph.add_nodes_from(self.children)
        graph.add_edges_from(
            (source, target) for source, targets in self.children.items() for target in targets
        )
        return graph


@record(frozen=False)
class Survey:
    nodes: dict[str, Node]
    """The case's index (`Case.index`)."""
    below: dict[str, list[str]]
    """The argument's legal SupportedBy and InContextOf links, parent to children, in link
    order (repeats kept), between existing nodes that are not counter arguments: the links
    statuses flow up. Only nodes with children have an entry."""
    above: dict[str, list[str]]
    """`below` the other way round: each node's parents, to carry a status upwards."""
    developed: set[str]
    """Sources of the SupportedBy links in `below`: argument nodes that are not holes."""
    supported: set[str]
    """Targets of legal SupportedBy links (`Case.top_goals` keeps the goals among them)."""
    others: dict[str, list[str]]
    """Every link not in `below`, target by source: counter arguments' links, challenges,
    illegal and dangling links. With `below`, every link there is (for reachability)."""
    counter_support: list[tuple[str, str]]
    """Legal SupportedBy links inside counter arguments, in link order."""
    problems: list[Finding]
    """Dangling and illegal links, in link order (`structure.link_problems`)."""
    challenges: list[Link]
    """Challenge links between existing nodes, legal or not, in link order."""
    _cyclic: bool | None = None
    _below_cyclic: bool | None = None
    _support: SupportGraph | None = None

    def has_cycle(self) -> bool:
        """Whether some SupportedBy links go round in a circle (`SupportGraph.has_cycle`)."""
        if self._cyclic is None:
            # A counter argument never supports the argument it challenges, nor the other way
            # round: a circle lies within one or the other.
            self._cyclic = self.below_has_cycle() or (
                bool(self.counter_support) and self.support.has_cycle()
            )
        return self._cyclic

    def below_has_cycle(self) -> bool:
        """Whether the links in `below` go round in a circle (known once propagation ran)."""
        if self._below_cyclic is None:
            counts = {node_id: len(parents) for node_id, parents in self.above.items()}
            self._below_cyclic = has_cycle(self.nodes, self.below, counts)
        return self._below_cyclic

    def below_known_acyclic(self) -> bool:
        """Whether `below` is known to hold no circle, without looking (propagation finds
        out on its way)."""
        return self._below_cyclic is False

    @property
    def support(self) -> SupportGraph:
        """Legal SupportedBy edges between existing nodes, parent to child (worked out when
        first asked for: most checks manage with `below`)."""
        if self._support is None:
            nodes = self.nodes
            graph = SupportGraph({node_id: {} for node_id in nodes}, dict.fromkeys(nodes, 0))
            for source, targets in self.below.items():
                if source in self.developed:
                    for target in targets:
                        if nodes[target].type not in CONTEXTUAL:
                            graph.add_edge(source, target)
            for source, target in self.counter_support:  # no source is in both loops
                graph.add_edge(source, target)
            self._support = graph
        return self._support

    def children(self, node_id: str) -> list[str]:
        """A node's support (`SupportGraph.children`), once each, in link order."""
        nodes = self.nodes
        if nodes[node_id].type in COUNTER:
            return list(self.support.children[node_id])
        below = self.below.get(node_id, ())
        return list(dict.fromkeys(t for t in below if nodes[t].type not in CONTEXTUAL))


def has_cycle(
    nodes: Collection[str], children: Mapping[str, Iterable[str]], counts: Mapping[str, int]
) -> bool:
    """Whether the edges go round in a circle somewhere; `counts` gives each node's number of
    incoming edges (repeats counted as `children` repeats them; nodes without any may be
    left out)."""
    # Peel off nodes nothing points at until none are left: a circle keeps some forever.
    remaining = dict(counts)
    ready = [node_id for node_id in nodes if not remaining.get(node_id)]
    peeled = 0
    while ready:
        peeled += 1
        for child in children.get(ready.pop(), ()):
            count = remaining[child] - 1
            remaining[child] = count
            if count == 0:
                ready.append(child)
    return peeled < len(nodes)


def survey(case: Case, links: Iterable[Link] | None = None) -> Survey:
    """Every link of the case (or only `links`, in the case's order), sorted into what the
    checks ask about it."""
    nodes = case.index()
    below, above = dict[str, list[str]](), dict[str, list[str]]()
    developed, supported = set[str](), set[str]()
    found = Survey(nodes, below, above, developed, supported, {}, [], [], [])
    supported_by, in_context_of = LinkKind.SUPPORTED_BY, LinkKind.IN_CONTEXT_OF
    # A legal SupportedBy or InContextOf link from outside a counter argument also ends
    # outside one, so the source's type alone says whether the link is in `below`.
    plain_support, plain_context = (
        {kind: allowed for kind, allowed in ALLOWED[rule].items() if kind not in COUNTER}
        for rule in (supported_by, in_context_of)
    )
    # Each node's type from one dict made in node order: fetching it from the node objects
    # in link order reaches all over memory (a third of this pass at 10,000 nodes).
    types = {node_id: node.type for node_id, node in nodes.items()}
    # Plain loops, lists appended in place: this runs on every check and after every edit.
    for link in case.links if links is None else links:
        source_id, target_id, kind = link.source, link.target, link.kind
        target_type = types.get(target_id)
        if kind is supported_by:
            allowed = plain_support.get(types.get(source_id))  # type: ignore[arg-type]
        elif kind is in_context_of:
            allowed = plain_context.get(types.get(source_id))  # type: ignore[arg-type]
        else:
            allowed = None
        if allowed is None or target_type not in allowed:
            _set_aside(found, link, types)  # rare: not a link of the argument
            continue
        if kind is supported_by:
            supported.add(target_id)
            developed.add(source_id)
        kids = below.get(source_id)
        if kids is None:
            below[source_id] = [target_id]
        else:
            kids.append(target_id)
        parents = above.get(target_id)
        if parents is None:
            above[target_id] = [source_id]
        else:
            parents.append(source_id)
    return found


def _set_aside(found: Survey, link: Link, types: Mapping[str, NodeType]) -> None:
    """A link that is not in `below`: dangling, illegal, a challenge or one within a
    counter argument, each kept as the checks need it; every one is in `others`."""
    nodes, source_id, target_id, kind = found.nodes, link.source, link.target, link.kind
    source_type, target_type = types.get(source_id), types.get(target_id)
    found.others.setdefault(source_id, []).append(target_id)
    if source_type is None or target_type is None:
        found.problems.append(
            _dangling(source_id, target_id, kind, nodes.get(source_id), nodes.get(target_id))
        )
        return
    if kind is LinkKind.CHALLENGES:  # legal or not: what it does is judged on its own
        found.challenges.append(link)
    if target_type not in ALLOWED[kind].get(source_type, ()):
        found.problems.append(_illegal(kind, nodes[source_id], nodes[target_id]))
    elif kind is LinkKind.SUPPORTED_BY:  # within a counter argument
        found.supported.add(target_id)
        found.counter_support.append((source_id, target_id))


def in_argument(link: Link, nodes: Mapping[str, Node]) -> bool:
    """Whether `survey` puts a link in `Survey.below`: a legal SupportedBy or InContextOf
    link between existing nodes, from outside a counter argument."""
    source, target = nodes.get(link.source), nodes.get(link.target)
    return (
        link.kind is not LinkKind.CHALLENGES
        and source is not None
        and target is not None
        and source.type not in COUNTER
        and target.type in ALLOWED[link.kind].get(source.type, ())
    )


def _illegal(kind: LinkKind, source: Node, target: Node) -> Finding:
    problem = link_violation(kind, source.id, source.type, target.id, target.type)
    assert problem is not None
    return Finding("invalid-link", Severity.ERROR, source.id, problem)


def _dangling(
    source_id: str, target_id: str, kind: LinkKind, source: Node | None, target: Node | None
) -> Finding:
    missing = [n for n, node in ((source_id, source), (target_id, target)) if node is None]
    return Finding(
        "dangling-link",
        Severity.ERROR,
        source_id,
        f"{source_id} is {kind_phrase(kind)} {target_id}, but "
        f"{' and '.join(missing)} {'does' if len(missing) == 1 else 'do'} not exist",
    )
