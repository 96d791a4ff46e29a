"""The query language: parsing (precedence, errors with their column) and evaluation of every
field on a small case, judged on a fixed day."""

from __future__ import annotations

import datetime as dt

import pytest

from gsn_studio.analysis import assess
from gsn_studio.analysis.query import QueryError, facts_from, run_query
from gsn_studio.analysis.query_parse import And, Condition, Not, Op, Or, Under, parse
from gsn_studio.model import Case, Evidence, LinkKind, ModuleInfo, NodeType
from gsn_studio.model.traces import Trace

DAY = dt.date(2026, 6, 1)


def sample() -> Case:
    """G1 (alice) → S1 → {G2 (bob) → Sn1 expired, G3 → Sn2 current}, G1 in context of C1,
    G4 undeveloped under S1; Sn1 traces REQ-1, G3 tagged 'fairness'."""
    case = Case()
    case.add_node(NodeType.GOAL, "The model is fair", node_id="G1", owner="Alice")
    case.add_node(NodeType.CONTEXT, "Credit policy 2026", node_id="C1")
    case.add_node(NodeType.STRATEGY, "Argue over each protected ground", node_id="S1")
    case.add_node(NodeType.GOAL, "No bias by age", node_id="G2", owner="bob")
    case.add_node(NodeType.GOAL, "No bias by sex", node_id="G3", tags=("fairness", "legal"))
    case.add_node(NodeType.GOAL, "No bias by region", node_id="G4", undeveloped=True)
    old = Evidence(reference="https://example.org/age", valid_until=dt.date(2026, 1, 1))
    new = Evidence(reference="https://example.org/sex", valid_until=dt.date(2027, 1, 1))
    case.add_node(NodeType.SOLUTION, "Age audit", node_id="Sn1", evidence=old)
    case.add_node(NodeType.SOLUTION, "Sex audit", node_id="Sn2", evidence=new)
    for parent, child in [
        ("G1", "S1"), ("S1", "G2"), ("S1", "G3"), ("S1", "G4"), ("G2", "Sn1"), ("G3", "Sn2"),
    ]:  # fmt: skip
        case.connect(parent, child)
    case.connect("G1", "C1", LinkKind.IN_CONTEXT_OF)
    case.update_node("Sn1", traces=(Trace(set="reqs", item="REQ-1"),))
    return case


def ask(case: Case, text: str) -> list[str]:
    return run_query(case, text, facts_from(case, assess(case, DAY)))


def error_of(text: str) -> QueryError:
    with pytest.raises(QueryError) as raised:
        ask(sample(), text)
    return raised.value


def test_and_binds_tighter_than_or_and_not_tighter_than_and() -> None:
    """`a or b and not c` reads as `a or (b and (not c))`."""
    tree = parse("type=goal or id=S1 and not text~argue")
    assert isinstance(tree, Or)
    first, second = tree.operands
    assert isinstance(first, Condition) and first.field == "type"
    assert isinstance(second, And)
    assert isinstance(second.operands[1], Not)


def test_keywords_and_fields_ignore_case_and_strings_may_be_quoted() -> None:
    """`TYPE=Goal AND Text~"by age"` parses, the quoted value keeping its space."""
    tree = parse("TYPE=Goal AND Text~\"by age\" OR under 'G1'")
    assert isinstance(tree, Or)
    left, right = tree.operands
    assert isinstance(left, And) and left.operands[1] == Condition(
        "text", Op.CONTAINS, "by age", 15
    )
    assert right == Under("G1", 38)


def test_parentheses_override_precedence() -> None:
    """`(type=goal or type=solution) and owner=bob` keeps bob's goal and its solution only."""
    assert ask(sample(), "(type=goal or type=solution) and owner=bob") == ["G2", "Sn1"]
    assert ask(sample(), "type=goal or type=solution and owner=bob") == [
        "G1", "G2", "G3", "G4", "Sn1",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "column", "expected"),
    [
        ("type=goal and state!=", 22, "expected a value after '!='"),
        ("type=goal and and", 15, "expected a condition"),
        ("(type=goal", 11, "expected ')' to close the '(' at column 1"),
        ("type goal", 6, "expected '=', '!=' or '~' after 'type'"),
        ("type=goal )", 11, "expected 'and', 'or' or the end of the query"),
        ('text~"unclosed', 6, "has no closing"),
        ("ownr=alice", 1, "unknown field 'ownr' (did you mean 'owner'?)"),
        ("type=solutoin", 6, "unknown type 'solutoin' (did you mean 'solution'?)"),
        ("state=expird", 7, "(did you mean 'expired'?)"),
        ("under G9", 7, "there is no node 'G9'"),
        ("type!goal", 5, "did you mean '!='?"),
        ("", 1, "the query is empty"),
    ],
)
def test_errors_name_the_column_and_what_was_expected(
    text: str, column: int, expected: str
) -> None:
    """Every bad query gives `query:1:COLUMN: ...` saying what was expected there."""
    error = error_of(text)
    assert error.column == column
    assert str(error).startswith(f"query:1:{column}: ")
    assert expected in str(error)


def test_unknown_field_lists_the_fields() -> None:
    """An unknown field's message lists every field the language has."""
    assert "fields: type, id, text, owner, tag, status, state, module, trace" in str(
        error_of("colour=red")
    )


def test_type_id_glob_text_and_tag() -> None:
    """type, id with wildcards, text contains (statement, any case) and tags select as named."""
    case = sample()
    assert ask(case, "type=solution") == ["Sn1", "Sn2"]
    assert ask(case, "id=G*") == ["G1", "G2", "G3", "G4"]
    assert ask(case, "id=sn?") == ["Sn1", "Sn2"]
    assert ask(case, "text~BIAS") == ["G2", "G3", "G4"]
    assert ask(case, "text='no bias by age'") == ["G2"]
    assert ask(case, "tag=fairness") == ["G3"]
    assert ask(case, "tag~leg") == ["G3"]


def test_owner_is_inherited_from_the_nearest_owning_goal_above() -> None:
    """A solution belongs to the owner of the goal above it; an unowned goal to its parent's."""
    case = sample()
    assert ask(case, "owner=bob") == ["G2", "Sn1"]
    assert ask(case, "owner=alice") == ["G1", "C1", "S1", "G3", "G4", "Sn2"]
    assert ask(case, "type=solution and owner=alice") == ["Sn2"]


def test_state_and_not_equals() -> None:
    """state is the evidence state; `!=` is the negation of `=` (so goals have state none)."""
    case = sample()
    assert ask(case, "state=expired") == ["Sn1"]
    assert ask(case, "type=solution and state!=current") == ["Sn1"]
    assert ask(case, "state=none and type=solution") == []
    assert "G1" in ask(case, "state!=current")


def test_status_uses_the_canvas_words_and_levels() -> None:
    """status matches marks and levels; `undeveloped` also finds goals marked incomplete."""
    case = sample()
    assert ask(case, "status=undeveloped") == ["G4"]
    assert ask(case, "status=expired") == ["Sn1"]
    assert ask(case, "status=weakened and type=goal") == ["G1", "G2"]
    assert ask(case, "status=supported and type=goal") == ["G3"]
    case.update_node("Sn1", evidence=Evidence(reference="https://example.org/age"))
    assert ask(case, "status=undeveloped") == ["G1", "S1", "G4"]
    assert ask(case, "status=incomplete") == ["G1", "S1"]
    assert ask(case, "status!=undeveloped and type=goal") == ["G2", "G3"]


def test_under_takes_the_subtree_with_its_contexts() -> None:
    """`under NODE` is the node, everything below it, and their contexts."""
    case = sample()
    assert ask(case, "under G2") == ["G2", "Sn1"]
    assert ask(case, "under G1 and type=context") == ["C1"]
    assert ask(case, "not under S1") == ["G1", "C1"]


def test_trace_and_module() -> None:
    """trace matches the item or `set:item`; module the case's module id."""
    case = sample()
    assert ask(case, "trace=REQ-1") == ["Sn1"]
    assert ask(case, "trace=reqs:req-*") == ["Sn1"]
    assert ask(case, "module=M1") == []
    case.module = ModuleInfo(id="M1")
    assert ask(case, "module=m1 and type=strategy") == ["S1"]


def test_hostile_queries_are_errors_not_crashes() -> None:
    """Nesting past 100 levels is refused by column; a chain of 20,000 conditions still runs."""
    error = error_of("not " * 5000 + "type=goal")
    assert error.column == 401 and "more than 100 deep" in str(error)
    assert error_of("(" * 5000 + "type=goal" + ")" * 5000).column == 101
    assert ask(sample(), " and ".join(["type=goal"] * 20000)) == ["G1", "G2", "G3", "G4"]
    assert ask(sample(), " or ".join(["id=X"] * 20000 + ["id=S1"])) == ["S1"]
