"""Realistic generated cases: near-trees of goals and strategies with contexts, evidence
shared between goals, some cross-links, a few undeveloped goals and some expired evidence."""

from __future__ import annotations

import datetime as dt
import random

from gsn_studio.model import Case, Evidence, Link, LinkKind, Node, NodeType

WORDS = (
    "hazard braking sensor fusion latency operator alarm override dosage occlusion pump model "
    "fairness drift monitoring threshold recall audit retraining population calibration"
).split()


def sentence(rng: random.Random, words: int = 10) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generate_case(size: int, seed: int = 7) -> Case:
    """A case of about `size` nodes, built directly (no per-edit checks) for speed."""
    rng = random.Random(seed)
    nodes: list[Node] = []
    links: list[Link] = []
    counters = dict.fromkeys(("G", "S", "Sn", "C", "A", "J"), 0)
    position: dict[str, int] = {}

    def add(node_type: NodeType, prefix: str, **fields: object) -> str:
        counters[prefix] += 1
        node_id = f"{prefix}{counters[prefix]}"
        position[node_id] = len(nodes)
        nodes.append(Node(id=node_id, type=node_type, statement=sentence(rng), **fields))
        return node_id

    def link(source: str, target: str, kind: LinkKind = LinkKind.SUPPORTED_BY) -> None:
        links.append(Link(source=source, target=target, kind=kind))

    root = add(NodeType.GOAL, "G", owner="Safety lead")
    link(root, add(NodeType.CONTEXT, "C"), LinkKind.IN_CONTEXT_OF)
    frontier = [root]
    solutions: list[str] = []
    while len(nodes) < size and frontier:
        goal = frontier.pop(0)
        if rng.random() < 0.15 and len(nodes) > 10:
            link(goal, add(NodeType.CONTEXT, "C"), LinkKind.IN_CONTEXT_OF)
        if rng.random() < 0.4 and solutions and len(frontier) > 3:
            # Evidence shared by two claims makes the argument a DAG, as real ones are.
            link(goal, rng.choice(solutions))
            continue
        if rng.random() < 0.03:
            i = position[goal]
            nodes[i] = nodes[i].model_copy(update={"undeveloped": True})
            continue
        if len(frontier) > 2 and rng.random() < 0.35:
            valid_until = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
            evidence = Evidence(
                reference=f"evidence/report-{len(nodes)}.pdf",
                date=valid_until - dt.timedelta(days=365),
                valid_until=valid_until,
            )
            solution = add(NodeType.SOLUTION, "Sn", evidence=evidence)
            solutions.append(solution)
            link(goal, solution)
            continue
        strategy = add(NodeType.STRATEGY, "S")
        link(goal, strategy)
        if rng.random() < 0.3:
            link(strategy, add(NodeType.JUSTIFICATION, "J"), LinkKind.IN_CONTEXT_OF)
        if rng.random() < 0.2:
            link(strategy, add(NodeType.ASSUMPTION, "A"), LinkKind.IN_CONTEXT_OF)
        for _ in range(rng.randint(2, 4)):
            child = add(NodeType.GOAL, "G")
            link(strategy, child)
            frontier.append(child)
    for goal in frontier:  # close the remaining leaves with evidence
        solution = add(NodeType.SOLUTION, "Sn", evidence=Evidence(reference="evidence/log.csv"))
        link(goal, solution)
    return Case(name=f"Generated case of {len(nodes)} nodes", nodes=nodes, links=links)
