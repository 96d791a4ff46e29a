"""Random cases with everything `assess` looks at: shared support, cycles, illegal and dangling
links, duplicate ids, counter arguments with every defeater status, challenges to links,
evidence of every currency, ACPs, away goals and empty statements. Built from a seeded
`random.Random`, so a failure replays from its seed (hypothesis draws it with `st.randoms`)."""

from __future__ import annotations

import datetime as dt
import random

from gsn_studio.model import (
    Case,
    Citation,
    DefeaterStatus,
    Evidence,
    Link,
    LinkKind,
    Node,
    NodeType,
    link_violation,
)
from gsn_studio.model.patterns import AssuranceClaimPoint

DAY = dt.date(2026, 11, 23)
_TYPES = (
    [NodeType.GOAL] * 4
    + [NodeType.STRATEGY] * 2
    + [NodeType.SOLUTION] * 3
    + [NodeType.CONTEXT, NodeType.ASSUMPTION, NodeType.JUSTIFICATION]
    + [NodeType.COUNTER_GOAL, NodeType.COUNTER_SOLUTION]
)
_PREFIX = {
    NodeType.GOAL: "G",
    NodeType.STRATEGY: "S",
    NodeType.SOLUTION: "Sn",
    NodeType.CONTEXT: "C",
    NodeType.ASSUMPTION: "A",
    NodeType.JUSTIFICATION: "J",
    NodeType.COUNTER_GOAL: "CG",
    NodeType.COUNTER_SOLUTION: "CSn",
}


def random_evidence(rng: random.Random) -> Evidence | None:
    """Evidence that is current, expiring, expired, undated or names nothing."""
    pick = rng.randrange(6)
    if pick == 0:
        return None
    if pick == 1:
        return Evidence(reference="")
    valid_until = DAY + dt.timedelta(days=rng.randint(-60, 90))
    return Evidence(reference=f"evidence/e{rng.randrange(5)}.pdf", valid_until=valid_until)


def random_node(rng: random.Random, node_id: str, node_type: NodeType) -> Node:
    fields: dict[str, object] = {}
    if node_type in (NodeType.GOAL, NodeType.STRATEGY) and rng.random() < 0.15:
        fields["undeveloped"] = True
    if node_type is NodeType.GOAL and not fields and rng.random() < 0.05:
        fields["cites"] = Citation(module="Other", element="G9")
    if node_type is NodeType.SOLUTION:
        fields["evidence"] = random_evidence(rng)
        if rng.random() < 0.05:
            fields["uninstantiated"] = True
    if node_type in (NodeType.COUNTER_GOAL, NodeType.COUNTER_SOLUTION):
        status = rng.choice(list(DefeaterStatus))
        fields["defeater_status"] = status
        if status is DefeaterStatus.REFUTED and rng.random() < 0.7:
            fields["refutation"] = random_evidence(rng) or Evidence(reference="r.pdf")
    statement = "" if rng.random() < 0.05 else f"Claim {node_id}"
    return Node(id=node_id, type=node_type, statement=statement, **fields)


def random_case(rng: random.Random, size: int | None = None, tidy: bool = False) -> Case:
    """A case of `size` nodes (random when None), mostly a DAG from the first goal down.
    A `tidy` one has no duplicate ids, illegal or dangling links, nor ACPs: as an editor
    keeps a case."""
    count = size if size is not None else rng.randint(1, 24)
    nodes: list[Node] = []
    for i in range(count):
        node_type = NodeType.GOAL if i == 0 else rng.choice(_TYPES)
        node_id = f"{_PREFIX[node_type]}{i}"
        if nodes and not tidy and rng.random() < 0.03:
            node_id = rng.choice(nodes).id  # a duplicate id, as a broken file may have
        nodes.append(random_node(rng, node_id, node_type))
    links: list[Link] = []
    for _ in range(rng.randint(0, 3 * count)):
        a, b = rng.randrange(count), rng.randrange(count)
        if a > b and rng.random() < 0.9:
            a, b = b, a  # mostly downward: upward links close cycles
        link = random_link(rng, nodes, nodes[a].id, nodes[b].id)
        if not tidy or (
            a < b and link_violation(link.kind, "", nodes[a].type, "", nodes[b].type) is None
        ):
            links.append(link)
    if tidy:
        return Case(nodes=nodes, links=links)
    if rng.random() < 0.1:
        links.append(Link(source=nodes[0].id, target="Gone1", kind=LinkKind.SUPPORTED_BY))
    acps = []
    if rng.random() < 0.2 and count > 1:
        confidence = rng.choice([n.id for n in nodes if n.type is NodeType.GOAL] + [""])
        acps.append(
            AssuranceClaimPoint(name="ACP1", node=rng.choice(nodes).id, confidence=confidence)
        )
    return Case(nodes=nodes, links=links, acps=acps)


def random_link(rng: random.Random, nodes: list[Node], source: str, target: str) -> Link:
    """Mostly the kind the editor would infer; sometimes an illegal one or a challenge."""
    types = {node.id: node.type for node in nodes}
    kind = LinkKind.SUPPORTED_BY
    if types[target] in (NodeType.CONTEXT, NodeType.ASSUMPTION, NodeType.JUSTIFICATION):
        kind = LinkKind.IN_CONTEXT_OF
    if types[source] in (NodeType.COUNTER_GOAL, NodeType.COUNTER_SOLUTION) and rng.random() < 0.7:
        kind = LinkKind.CHALLENGES
    if rng.random() < 0.05:
        kind = rng.choice(list(LinkKind))
    via = None
    if kind is LinkKind.CHALLENGES and rng.random() < 0.2:
        via = rng.choice(nodes).id
    return Link(source=source, target=target, kind=kind, via=via)
