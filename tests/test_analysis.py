"""Each check finds what it should, names the node, and stays quiet on a sound case."""

from __future__ import annotations

import datetime as dt

from factories import hazard_case

from gsn_studio.analysis import Finding, Severity, check_case, summarize
from gsn_studio.model import Case, Evidence, Link, LinkKind, Node, NodeType

TODAY = dt.date(2026, 11, 23)


def codes(findings: list[Finding]) -> list[tuple[str, str | None]]:
    return [(f.code, f.node) for f in findings]


def test_sound_case_has_no_findings() -> None:
    """A developed argument with current evidence gives nothing to report."""
    assert check_case(hazard_case(), dt.date(2026, 6, 1)) == []


def test_unmarked_leaf_goal_is_an_undeveloped_error() -> None:
    """A goal with nothing below it and no decorator is a hole, reported as an error."""
    case = hazard_case()
    case.remove_node("Sn2")
    (finding,) = check_case(case, dt.date(2026, 6, 1))
    assert (finding.code, finding.node, finding.severity) == (
        "undeveloped-goal",
        "G3",
        Severity.ERROR,
    )
    assert "not marked undeveloped" in finding.message


def test_marked_leaf_goal_is_an_undeveloped_warning() -> None:
    """A goal marked undeveloped is still reported, as a known hole, and the message says so."""
    case = hazard_case()
    case.remove_node("Sn2")
    case.update_node("G3", undeveloped=True)
    (finding,) = check_case(case, dt.date(2026, 6, 1))
    assert (finding.code, finding.severity) == ("undeveloped-goal", Severity.WARNING)
    assert "marked undeveloped" in finding.message


def test_undeveloped_strategy() -> None:
    """A strategy with no sub-goals is an undeveloped strategy."""
    case = hazard_case()
    case.add_node(NodeType.STRATEGY, "Argue over operators")
    case.connect("G1", "S2")
    assert ("undeveloped-strategy", "S2") in codes(check_case(case, dt.date(2026, 6, 1)))


def test_marked_undeveloped_but_supported() -> None:
    """A decorator left on a goal that has since been developed is flagged."""
    case = hazard_case()
    case.update_node("G2", undeveloped=True)
    (finding,) = check_case(case, dt.date(2026, 6, 1))
    assert finding.code == "marked-undeveloped-but-supported"
    assert "Sn1" in finding.message


def test_expiry_depends_on_the_as_of_date() -> None:
    """Evidence valid until 2027-01-10 is only expiring on that day and expired the day after."""
    case = hazard_case()
    (last_day,) = check_case(case, dt.date(2027, 1, 10))
    assert (last_day.code, last_day.message) == (
        "expiring-soon",
        "Sn1 (evidence/h1.pdf) expires on 2027-01-10, today",
    )
    (finding,) = check_case(case, dt.date(2027, 1, 11))
    assert (finding.code, finding.node) == ("expired-evidence", "Sn1")
    assert "expired on 2027-01-10, 1 day before 2027-01-11" in finding.message
    assert "evidence/h1.pdf" in finding.message


def test_duplicate_ids_dangling_and_invalid_links() -> None:
    """A case as a file may hold it: duplicates, links to nowhere, and illegal links are named."""
    case = Case(
        nodes=[
            Node(id="G1", type=NodeType.GOAL, statement="Top"),
            Node(id="Sn1", type=NodeType.SOLUTION, statement="Proof"),
            Node(id="Sn1", type=NodeType.SOLUTION, statement="Proof again"),
            Node(id="C1", type=NodeType.CONTEXT, statement="Context"),
        ],
        links=[
            Link(source="G1", target="Sn1", kind=LinkKind.SUPPORTED_BY),
            Link(source="G1", target="G9", kind=LinkKind.SUPPORTED_BY),
            Link(source="G1", target="C1", kind=LinkKind.SUPPORTED_BY),
        ],
    )
    found = check_case(case, TODAY)
    assert codes(found)[:3] == [
        ("duplicate-id", "Sn1"),
        ("dangling-link", "G1"),
        ("invalid-link", "G1"),
    ]
    assert "G9 does not exist" in found[1].message
    assert "G1 (Goal) cannot be supported by C1 (Context)" in found[2].message


def test_cycle_is_reported_once_with_its_path() -> None:
    """A loop of support is one finding that spells the loop out."""
    case = Case(
        nodes=[Node(id=i, type=NodeType.GOAL, statement=i) for i in ("G1", "G2", "G3", "G4")],
        links=[
            Link(source="G1", target="G2", kind=LinkKind.SUPPORTED_BY),
            Link(source="G2", target="G3", kind=LinkKind.SUPPORTED_BY),
            Link(source="G3", target="G4", kind=LinkKind.SUPPORTED_BY),
            Link(source="G4", target="G2", kind=LinkKind.SUPPORTED_BY),
        ],
    )
    cycles = [f for f in check_case(case, TODAY) if f.code == "cycle"]
    assert len(cycles) == 1
    assert "G2 -> G3 -> G4 -> G2" in cycles[0].message


def test_no_root_and_multiple_roots() -> None:
    """An empty case has no root; two top goals are reported as multiple roots."""
    assert codes(check_case(Case(), TODAY)) == [("no-root", None)]
    case = hazard_case()
    case.add_node(NodeType.GOAL, "A second top claim", undeveloped=True)
    found = codes(check_case(case, dt.date(2026, 6, 1)))
    assert ("multiple-roots", None) in found
    assert ("unreachable", "G4") not in found


def test_unreachable_nodes() -> None:
    """A context or solution hanging on nothing is not connected to the top goal."""
    case = hazard_case()
    case.add_node(NodeType.CONTEXT, "Orphan context")
    case.add_node(NodeType.SOLUTION, "Orphan evidence")
    found = codes(check_case(case, dt.date(2026, 6, 1)))
    assert ("unreachable", "C2") in found and ("unreachable", "Sn3") in found


def test_illegal_link_does_not_hide_the_root() -> None:
    """A context wrongly 'supporting' the top goal is one finding, not a lost root."""
    case = hazard_case()
    case.links.append(Link(source="C1", target="G1", kind=LinkKind.SUPPORTED_BY))
    assert codes(check_case(case, dt.date(2026, 6, 1))) == [("invalid-link", "C1")]


def test_counter_arguments_are_not_orphans() -> None:
    """Counter goals and their evidence start their own argument and are not unreachable."""
    case = hazard_case()
    case.add_node(NodeType.COUNTER_GOAL, "H2 analysis ignores night shifts")
    case.add_node(NodeType.COUNTER_SOLUTION, "Night shift incident log")
    case.connect("CG1", "CSn1")
    assert check_case(case, dt.date(2026, 6, 1)) == []


def test_empty_statement_is_a_warning() -> None:
    """A node without text is flagged."""
    case = hazard_case()
    case.update_node("A1", statement="  ")
    assert codes(check_case(case, dt.date(2026, 6, 1))) == [("empty-statement", "A1")]


def test_summary_counts() -> None:
    """The summary counts nodes, goals, holes, expiries, errors and warnings."""
    case = hazard_case()
    case.remove_node("Sn2")
    case.update_node("G3", undeveloped=True)
    old = case.add_node(
        NodeType.SOLUTION,
        "Old",
        evidence=Evidence(reference="old.pdf", valid_until=dt.date(2020, 1, 1)),
    )
    case.connect("G3", old.id)
    findings = check_case(case, TODAY)
    summary = summarize(case, findings)
    assert summary.as_dict() == {
        "nodes": 9,
        "goals": 3,
        "undeveloped_goals": 0,
        "expired_evidence": 1,
        "errors": 1,
        "warnings": 1,
        "unreferenced_evidence": 0,
    }


def test_top_goal_is_one_definition() -> None:
    """The model, the assessment and the structure check name the same top goals: an away
    goal is another module's claim, a counter claim is not the argument's, and a link that
    illegally "supports" a goal does not hide it."""
    from gsn_studio.analysis import assess
    from gsn_studio.model import Citation, Link, LinkKind, NodeType

    case = hazard_case()
    case.add_node(NodeType.GOAL, "Spare claim", "G9")
    case.links.append(Link(source="Sn1", target="G9", kind=LinkKind.SUPPORTED_BY))  # illegal
    case.add_node(NodeType.GOAL, "Fair", "G8", cites=Citation(module="fairness", element="G5"))
    case.add_node(NodeType.COUNTER_GOAL, "H1 is not mitigated", "CG1")
    assert case.top_goals() == ["G1", "G9"]
    assessment = assess(case)
    assert assessment.top_goals(case) == ["G1", "G9"]
    roots = next(f for f in assessment.findings if f.code == "multiple-roots")
    assert "G1" in roots.message and "G9" in roots.message and "G8" not in roots.message
