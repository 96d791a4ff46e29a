"""Argument patterns: notation, checks, .gsnx round trip and instantiation."""

from __future__ import annotations

import datetime as dt

import pytest

from gsn_studio.analysis.check import check_case
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import Case, Evidence, LinkKind, NodeType
from gsn_studio.model.instantiation import InstantiationError, Values, instantiate
from gsn_studio.model.patterns import (
    Choice,
    Multiplicity,
    MultiplicityKind,
    Parameter,
    ParameterType,
    PatternInfo,
)
from gsn_studio.model.review import Comment

EACH = Multiplicity(kind=MultiplicityKind.EACH, over="attributes")


def fairness_pattern() -> Case:
    """G1 fair, S1 over each attribute (each), G2 per attribute with Sn1, optional G3, and a
    1-of-2 choice at G4 between two kinds of evidence."""
    case = Case(name="Fairness of {system}")
    case.pattern = PatternInfo(
        parameters=(
            Parameter(name="system"),
            Parameter(name="attributes", type=ParameterType.LIST),
        )
    )
    case.add_node(NodeType.GOAL, "{system} is fair to every protected group")
    case.add_node(NodeType.STRATEGY, "Argument over each protected attribute")
    case.add_node(NodeType.GOAL, "{system} does not disadvantage anyone by {attributes}")
    case.add_node(NodeType.SOLUTION, "Bias audit of {system} by {attributes}", uninstantiated=True)
    case.add_node(NodeType.GOAL, "No proxy of a protected attribute is an input", undeveloped=True)
    case.add_node(NodeType.GOAL, "Outcomes are monitored")
    case.add_node(NodeType.SOLUTION, "Monitoring dashboard")
    case.add_node(NodeType.SOLUTION, "Quarterly report")
    case.connect("G1", "S1")
    case.connect("S1", "G2")
    case.links[-1] = case.links[-1].model_copy(update={"multiplicity": EACH})
    case.connect("G2", "Sn1")
    case.connect("G1", "G3")
    optional = Multiplicity(kind=MultiplicityKind.OPTIONAL)
    case.links[-1] = case.links[-1].model_copy(update={"multiplicity": optional})
    case.connect("G1", "G4")
    for solution in ("Sn2", "Sn3"):
        case.connect("G4", solution)
        case.links[-1] = case.links[-1].model_copy(update={"choice": Choice()})
    return case


def codes(case: Case) -> list[str]:
    return [f.code for f in check_case(case, as_of=dt.date(2026, 1, 1))]


def test_pattern_round_trips_through_gsnx_as_format_1_5() -> None:
    """Parameters, decorators, multiplicities and choices survive a save and a load."""
    pattern = fairness_pattern()
    data = to_bytes(pattern)
    assert b'formatVersion="1.5"' in data
    assert b'multiplicity="each"' in data and b'over="attributes"' in data
    assert parse_gsnx(data) == pattern


def test_a_clean_pattern_checks_clean_of_pattern_findings() -> None:
    """A pattern whose parameters are declared and whose notation is well placed has no
    pattern finding."""
    found = codes(fairness_pattern())
    assert not {"undeclared-parameter", "multiplicity-misplaced", "choice-misplaced"} & set(found)


def test_check_flags_undeclared_parameters_and_bad_multiplicity_and_choice() -> None:
    """An undeclared {parameter}, `each` over a text parameter and a choice of one link are
    refused by check."""
    pattern = fairness_pattern()
    pattern.update_node("G3", statement="{owner} reviews proxies")
    pattern.pattern = PatternInfo(
        parameters=(Parameter(name="system"), Parameter(name="attributes"))
    )
    pattern.disconnect(next(link for link in pattern.links if link.target == "Sn3"))
    found = check_case(pattern, as_of=dt.date(2026, 1, 1))
    messages = {f.code: f.message for f in found}
    assert "{owner}" in messages["undeclared-parameter"]
    assert "not a list parameter" in messages["multiplicity-misplaced"]
    assert "at least two links" in messages["choice-misplaced"]


def test_multiplicity_unrolls_one_branch_per_item_and_fills_statements() -> None:
    """`each` over a list makes one branch per item, with the item in its statements."""
    values = Values({"system": "LAM", "attributes": ["sex", "age"]}, choose={"G4": ["Sn2"]})
    instance = instantiate(fairness_pattern(), values)
    attribute_goals = instance.children("S1")
    assert [instance.node(g).statement for g in attribute_goals] == [
        "LAM does not disadvantage anyone by sex",
        "LAM does not disadvantage anyone by age",
    ]
    for goal in attribute_goals:
        (solution,) = instance.children(goal)
        assert instance.node(solution).role is not None
        assert not instance.node(solution).uninstantiated
    assert instance.name == "Fairness of LAM"
    assert instance.pattern is None
    assert not any(link.multiplicity or link.choice for link in instance.links)


def test_every_instantiated_element_links_back_to_its_role() -> None:
    """Each element of an instance names the pattern role, and the list item, it came from."""
    values = Values({"system": "LAM", "attributes": ["sex", "age"]}, choose={"G4": ["Sn2"]})
    instance = instantiate(fairness_pattern(), values)
    roles = {node.id: node.role for node in instance.nodes}
    assert all(role is not None for role in roles.values())
    assert {(r.role, r.items) for r in roles.values() if r and r.role == "G2"} == {
        ("G2", ("sex",)),
        ("G2", ("age",)),
    }
    assert parse_gsnx(to_bytes(instance)) == instance


def test_optional_link_is_left_out_when_the_values_choose_without_it() -> None:
    """An optional branch stays unless `choose` for its source leaves it out."""
    pattern = fairness_pattern()
    kept = instantiate(
        pattern, Values({"system": "X", "attributes": ["a"]}, choose={"G4": ["Sn2"]})
    )
    assert "G3" in kept.children("G1")
    dropped = instantiate(
        pattern,
        Values({"system": "X", "attributes": ["a"]}, choose={"G1": ["S1", "G4"], "G4": ["Sn3"]}),
    )
    assert "G3" not in dropped and dropped.children("G4") == ["Sn3"]


def test_an_unresolved_or_overfull_choice_is_refused_by_name() -> None:
    """A 1-of-2 choice with nothing chosen, or both chosen, is refused naming the split."""
    pattern = fairness_pattern()
    with pytest.raises(InstantiationError, match="choice at G4 takes 1 of Sn2, Sn3"):
        instantiate(pattern, Values({"system": "X", "attributes": ["a"]}))
    with pytest.raises(InstantiationError, match="choice at G4"):
        instantiate(
            pattern, Values({"system": "X", "attributes": ["a"]}, choose={"G4": ["Sn2", "Sn3"]})
        )


def test_unknown_parameter_or_list_for_text_is_refused() -> None:
    """Values for undeclared parameters, or a list for a text parameter, are refused."""
    with pytest.raises(InstantiationError, match="no parameter 'sytem'"):
        instantiate(fairness_pattern(), Values({"sytem": "X"}))
    with pytest.raises(InstantiationError, match="system takes one value"):
        instantiate(fairness_pattern(), Values({"system": ["X", "Y"]}))


def test_unfilled_roles_stay_and_are_flagged_uninstantiated() -> None:
    """A parameter without a value leaves its roles as written, flagged by check."""
    instance = instantiate(
        fairness_pattern(), Values({"attributes": ["sex"]}, choose={"G4": ["Sn2"]})
    )
    assert instance.node("G1").statement == "{system} is fair to every protected group"
    assert instance.node("G1").uninstantiated
    flagged = [f for f in check_case(instance, as_of=dt.date(2026, 1, 1))]
    uninstantiated = {f.node for f in flagged if f.code == "uninstantiated-element"}
    assert {"G1", "G2_1", "Sn1_1"} <= uninstantiated
    assert "G4" not in uninstantiated


def test_reinstantiating_updates_the_instance_and_keeps_evidence_and_comments() -> None:
    """New values add and remove branches; evidence and comments made on the instance stay."""
    pattern = fairness_pattern()
    first = instantiate(
        pattern, Values({"system": "LAM", "attributes": ["sex", "age"]}, choose={"G4": ["Sn2"]})
    )
    age_solution = next(
        n.id for n in first.nodes if n.role is not None and n.role.key() == ("Sn1", ("age",))
    )
    first.update_node(age_solution, evidence=Evidence(reference="audit-age.pdf"))
    first.add_comment(
        Comment(
            id="c1",
            node=age_solution,
            author="ana",
            time=dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
            text="Is the sample large enough?",
        )
    )
    second = instantiate(
        pattern,
        Values({"system": "LAM 5", "attributes": ["nationality", "age"]}, choose={"G4": ["Sn2"]}),
        previous=first,
    )
    by_key = {n.role.key(): n for n in second.nodes if n.role is not None}
    age = by_key[("Sn1", ("age",))]
    assert age.evidence is not None and age.evidence.reference == "audit-age.pdf"
    assert age.statement == "Bias audit of LAM 5 by age"
    assert ("Sn1", ("sex",)) not in by_key and ("Sn1", ("nationality",)) in by_key
    (comment,) = second.comments
    assert comment.node == age.id
    assert second.children("S1") and len(second.children("S1")) == 2
    assert [link.kind for link in second.links].count(LinkKind.SUPPORTED_BY) >= 6


def test_reinstantiating_keeps_ids_and_elements_added_by_hand() -> None:
    """An element made from the same role and item keeps its id; a new one takes an id the
    old instance never used (so no comment moves); elements added by hand stay linked."""
    pattern = fairness_pattern()
    choose = {"G4": ["Sn2"]}
    first = instantiate(pattern, Values({"system": "LAM", "attributes": ["sex", "age"]}, choose))
    ids = {n.role.key(): n.id for n in first.nodes if n.role is not None}
    first.add_node(NodeType.CONTEXT, "Age bands from the 2024 census", node_id="C9")
    first.connect(ids[("G2", ("age",))], "C9")
    second = instantiate(
        pattern,
        Values({"system": "LAM", "attributes": ["nationality", "age"]}, choose),
        previous=first,
    )
    again = {n.role.key(): n.id for n in second.nodes if n.role is not None}
    assert again[("G2", ("age",))] == ids[("G2", ("age",))]
    assert again[("G2", ("nationality",))] not in {n.id for n in first.nodes}
    assert "C9" in second.children(ids[("G2", ("age",))])
    assert parse_gsnx(to_bytes(second)) == second


def barrier_pattern(kind: MultiplicityKind, count: int, over: str = "") -> Case:
    """G1 over its barriers: G1 → G2 ("{barriers} prevents the hazard") with a multiplicity."""
    case = Case(name="Barriers")
    case.pattern = PatternInfo(parameters=(Parameter(name="barriers", type=ParameterType.LIST),))
    case.add_node(NodeType.GOAL, "The hazard is prevented by independent barriers")
    case.add_node(NodeType.GOAL, "{barriers} prevents the hazard")
    case.connect("G1", "G2")
    case.links[-1] = case.links[-1].model_copy(
        update={"multiplicity": Multiplicity(kind=kind, count=count, over=over)}
    )
    return case


def test_at_least_n_makes_one_branch_per_item_given() -> None:
    """ "At least 2" over three barriers makes three branches, one per barrier, not two."""
    pattern = barrier_pattern(MultiplicityKind.AT_LEAST, 2)
    instance = instantiate(pattern, Values({"barriers": ["Interlock", "Alarm", "Procedure"]}))
    assert [instance.node(g).statement for g in instance.children("G1")] == [
        "Interlock prevents the hazard",
        "Alarm prevents the hazard",
        "Procedure prevents the hazard",
    ]
    assert "multiplicity-misplaced" not in codes(pattern)
    assert "uninstantiated-element" not in codes(instance)


def test_at_least_n_with_fewer_items_is_refused_naming_the_link_and_minimum() -> None:
    """Fewer items than the minimum is an error that names the link, the list and n."""
    pattern = barrier_pattern(MultiplicityKind.AT_LEAST, 2, over="barriers")
    with pytest.raises(InstantiationError, match=r"G1 → G2 takes at least 2 \{barriers\}: 1 given"):
        instantiate(pattern, Values({"barriers": ["Interlock"]}))


def test_exactly_n_over_a_list_wants_that_many_items() -> None:
    """ "Exactly 2" over a list of two gives two branches; of three, an error naming n."""
    pattern = barrier_pattern(MultiplicityKind.EXACTLY, 2)
    instance = instantiate(pattern, Values({"barriers": ["Interlock", "Alarm"]}))
    assert len(instance.children("G1")) == 2
    with pytest.raises(InstantiationError, match=r"takes exactly 2 \{barriers\}: 3 given"):
        instantiate(pattern, Values({"barriers": ["Interlock", "Alarm", "Relief valve"]}))


def test_at_least_n_without_a_list_makes_n_numbered_copies() -> None:
    """With no list to unroll over, "at least n" makes its minimum, n branches."""
    pattern = barrier_pattern(MultiplicityKind.AT_LEAST, 3)
    pattern.update_node("G2", statement="An independent barrier prevents the hazard")
    instance = instantiate(pattern, Values({}))
    assert len(instance.children("G1")) == 3


def test_a_count_over_a_text_parameter_is_flagged() -> None:
    """A multiplicity over a parameter that is not a list is a pattern error."""
    pattern = barrier_pattern(MultiplicityKind.AT_LEAST, 2, over="barriers")
    pattern.pattern = PatternInfo(parameters=(Parameter(name="barriers"),))
    assert "multiplicity-misplaced" in codes(pattern)


def test_reinstantiating_fills_evidence_left_unnamed_and_keeps_evidence_named_since() -> None:
    """A solution whose reference parameter had no value gets it when instantiated again; a
    reference someone set on the instance stays, whatever the values say."""
    pattern = barrier_pattern(MultiplicityKind.AT_LEAST, 1)
    info = pattern.pattern
    assert info is not None
    pattern.pattern = PatternInfo(parameters=(*info.parameters, Parameter(name="report")))
    pattern.add_node(
        NodeType.SOLUTION,
        "Barrier test of {barriers}",
        uninstantiated=True,
        evidence=Evidence(reference="{report}"),
    )
    pattern.connect("G2", "Sn1")
    first = instantiate(pattern, Values({"barriers": ["Interlock"]}))
    assert first.node("Sn1_1").uninstantiated
    second = instantiate(pattern, Values({"barriers": ["Interlock"], "report": "t.pdf"}), first)
    assert second.node("Sn1_1").evidence == Evidence(reference="t.pdf")
    assert not second.node("Sn1_1").uninstantiated
    second.update_node("Sn1_1", evidence=Evidence(reference="interlock-2026.pdf"))
    third = instantiate(pattern, Values({"barriers": ["Interlock"], "report": "u.pdf"}), second)
    assert third.node("Sn1_1").evidence == Evidence(reference="interlock-2026.pdf")
    assert parse_gsnx(to_bytes(third)) == third
