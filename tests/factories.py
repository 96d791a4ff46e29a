"""Small cases built through the model's own API, for tests."""

from __future__ import annotations

import datetime as dt

from gsn_studio.model import Case, Evidence, NodeType


def hazard_case() -> Case:
    """A small, fully developed argument: one goal, one strategy, two sub-goals, evidence."""
    case = Case(name="Hazards", description="A small argument over two hazards.")
    case.add_node(NodeType.GOAL, "The system is acceptably safe", owner="Safety lead")
    case.add_node(NodeType.CONTEXT, "Operating context: ward use only")
    case.add_node(NodeType.STRATEGY, "Argue over each identified hazard")
    case.add_node(NodeType.JUSTIFICATION, "Hazard list reviewed by the board")
    case.add_node(NodeType.GOAL, "Hazard H1 is mitigated")
    case.add_node(NodeType.GOAL, "Hazard H2 is mitigated")
    case.add_node(NodeType.ASSUMPTION, "Staff are trained")
    case.add_node(
        NodeType.SOLUTION,
        "H1 test report",
        evidence=Evidence(
            reference="evidence/h1.pdf",
            date=dt.date(2026, 1, 10),
            valid_until=dt.date(2027, 1, 10),
        ),
    )
    case.add_node(
        NodeType.SOLUTION,
        "H2 analysis",
        evidence=Evidence(reference="https://example.org/h2", date=dt.date(2025, 3, 1)),
    )
    for parent, child in [
        ("G1", "C1"),
        ("G1", "S1"),
        ("S1", "J1"),
        ("S1", "G2"),
        ("S1", "G3"),
        ("G2", "A1"),
        ("G2", "Sn1"),
        ("G3", "Sn2"),
    ]:
        case.connect(parent, child)
    return case
