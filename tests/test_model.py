"""The model's rules: link legality, ids, type-specific fields, and the edit API."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from factories import hazard_case

from gsn_studio.model import (
    Case,
    Evidence,
    Link,
    LinkKind,
    ModelError,
    Node,
    NodeType,
    Position,
    kind_for,
    link_violation,
    type_from_id,
)

G, S, SN = NodeType.GOAL, NodeType.STRATEGY, NodeType.SOLUTION
C, A, J = NodeType.CONTEXT, NodeType.ASSUMPTION, NodeType.JUSTIFICATION
CORE = [G, S, SN, C, A, J]
LEGAL = {
    (LinkKind.SUPPORTED_BY, G, G),
    (LinkKind.SUPPORTED_BY, G, S),
    (LinkKind.SUPPORTED_BY, G, SN),
    (LinkKind.SUPPORTED_BY, S, G),
    *((LinkKind.IN_CONTEXT_OF, parent, ctx) for parent in (G, S) for ctx in (C, A, J)),
}


@pytest.mark.parametrize(
    ("kind", "source", "target"), list(itertools.product(LinkKind, CORE, CORE))
)
def test_link_rule_table_matches_the_gsn_standard(
    kind: LinkKind, source: NodeType, target: NodeType
) -> None:
    """Exactly the GSN v3 core pairs are legal; every other pair is refused naming both nodes."""
    case = Case()
    case.add_node(source, "from", node_id="X1")
    case.add_node(target, "to", node_id="Y1")
    if (kind, source, target) in LEGAL:
        case.connect("X1", "Y1", kind)
        assert case.links == [Link(source="X1", target="Y1", kind=kind)]
    else:
        with pytest.raises(ModelError) as error:
            case.connect("X1", "Y1", kind)
        message = str(error.value)
        assert "X1" in message and "Y1" in message
        rule_name = {
            LinkKind.SUPPORTED_BY: "SupportedBy",
            LinkKind.IN_CONTEXT_OF: "InContextOf",
            LinkKind.CHALLENGES: "counter",
        }[kind]
        assert rule_name in message
        assert case.links == []


def test_violation_message_names_the_rule() -> None:
    """The refusal message gives both nodes with their types and the rule that applies."""
    message = link_violation(LinkKind.SUPPORTED_BY, "Sn1", SN, "G1", G)
    assert message is not None
    assert message.startswith("Sn1 (Solution) cannot be supported by G1 (Goal)")
    assert "SupportedBy goes from a goal" in message


def test_link_kind_follows_from_the_target_type() -> None:
    """The editor infers SupportedBy for a goal target and InContextOf for a context one."""
    assert kind_for(G, SN) is LinkKind.SUPPORTED_BY
    assert kind_for(S, A) is LinkKind.IN_CONTEXT_OF
    assert kind_for(SN, G) is None


def test_connect_without_kind_refuses_unrelated_types_with_both_names() -> None:
    """Linking a context to a goal is refused and the message names both."""
    case = hazard_case()
    with pytest.raises(ModelError, match=r"C1 \(Context\).*G2 \(Goal\)"):
        case.connect("C1", "G2")


def test_automatic_ids_follow_the_type_prefix() -> None:
    """Ids are given as G1, S1, Sn1, C1, A1, J1, and continue after the highest number."""
    case = Case()
    ids = [case.add_node(t).id for t in CORE]
    assert ids == ["G1", "S1", "Sn1", "C1", "A1", "J1"]
    case.add_node(G, node_id="G7")
    assert case.add_node(G).id == "G8"
    case.add_node(G, node_id="G1.2")
    assert case.next_id(G) == "G9"


def test_type_from_id_prefers_the_longest_prefix() -> None:
    """Sn1 is a solution, S1 a strategy, CSn1 a counter solution, CG1 a counter goal."""
    assert type_from_id("Sn1") is SN
    assert type_from_id("S1") is S
    assert type_from_id("CSn1") is NodeType.COUNTER_SOLUTION
    assert type_from_id("CG1") is NodeType.COUNTER_GOAL
    assert type_from_id("C1") is C
    assert type_from_id("X1") is None


def test_duplicate_id_is_refused_by_the_edit_api() -> None:
    """Adding a node with an id already in use raises and leaves the case unchanged."""
    case = hazard_case()
    before = case.model_copy(deep=True)
    with pytest.raises(ModelError, match="already a node G1"):
        case.add_node(G, "again", node_id="G1")
    assert case == before


@pytest.mark.parametrize(
    ("node_type", "fields", "complaint"),
    [
        (S, {"owner": "Ann"}, "only goals have an owner"),
        (SN, {"undeveloped": True}, "only goals and strategies can be undeveloped"),
        (G, {"evidence": Evidence(reference="x.pdf")}, "only solutions carry evidence"),
    ],
)
def test_fields_belong_to_their_types(node_type: NodeType, fields: dict, complaint: str) -> None:
    """A field that a type does not have is refused with a message saying whose it is."""
    with pytest.raises(ValueError, match=complaint):
        Node(id="X1", type=node_type, **fields)


@pytest.mark.parametrize("bad_id", ["", " ", " G1", "G1 ", "G\t1", "G\n1", "G\x7f1", "G\x001"])
def test_ids_refuse_only_empty_padded_or_control_characters(bad_id: str) -> None:
    """An id that is empty, padded with spaces or holds a control character is refused."""
    with pytest.raises(ValueError, match="id"):
        Node(id=bad_id, type=G)


@pytest.mark.parametrize(
    "good_id", ["Claim SysSafe.0", "G<1>", 'G"1', "G&1", "G2-''x²xÌ𐀀ŀÒ", "C3 (2)"]
)
def test_ids_as_other_tools_write_them_are_accepted(good_id: str) -> None:
    """Ids with inner spaces, quotes and punctuation (as SACM tools and gsn2x allow) are kept."""
    assert Node(id=good_id, type=G).id == good_id


def test_text_newlines_are_normalised_and_control_characters_refused() -> None:
    """CRLF becomes LF (as XML would make it) and a NUL is refused naming its position."""
    assert Node(id="G1", type=G, statement="a\r\nb\rc").statement == "a\nb\nc"
    with pytest.raises(ValueError, match="U\\+0000 at position 2"):
        Node(id="G1", type=G, statement="a\x00")


def test_positions_round_to_hundredths_and_must_be_finite() -> None:
    """Positions keep two decimals so that save and load are exact; NaN is refused."""
    assert Position(x=1.23456, y=-0.004) == Position(x=1.23, y=-0.0)
    with pytest.raises(ValueError, match="a position must be a number"):
        Position(x=float("nan"), y=0)


def test_empty_evidence_is_no_evidence() -> None:
    """A solution with an empty evidence record holds None, so files round trip exactly."""
    assert Node(id="Sn1", type=SN, evidence=Evidence()).evidence is None


def test_remove_node_takes_its_links_and_returns_what_undo_needs() -> None:
    """Removing a node removes every link touching it; putting both back restores the case."""
    case = hazard_case()
    before = case.model_copy(deep=True)
    index, node, links = case.remove_node("S1")
    assert "S1" not in case
    assert all("S1" not in (link.source, link.target) for link in case.links)
    assert {(link.source, link.target) for _, link in links} == {
        ("G1", "S1"),
        ("S1", "J1"),
        ("S1", "G2"),
        ("S1", "G3"),
    }
    case.insert_node(node, index)
    for position, link in links:
        case.links.insert(position, link)
    assert case == before


def test_rename_keeps_links() -> None:
    """Renaming an id rewrites every link that names it."""
    case = hazard_case()
    case.rename_node("S1", "S-hazards")
    assert case.children("S-hazards") == ["J1", "G2", "G3"]
    assert "S-hazards" in case.children("G1")
    with pytest.raises(ModelError, match="already exists"):
        case.rename_node("G2", "G3")


def test_update_node_validates_and_returns_the_old_node() -> None:
    """An update goes through validation; the old node comes back for undo."""
    case = hazard_case()
    old = case.update_node("G2", statement="H1 is eliminated", undeveloped=True)
    assert old.statement == "Hazard H1 is mitigated"
    assert case.node("G2").undeveloped is True
    with pytest.raises(ModelError, match="only goals have an owner"):
        case.update_node("Sn1", owner="x")


def test_changing_a_type_that_breaks_links_is_refused() -> None:
    """A goal supported by a strategy cannot become a solution that the strategy then holds."""
    case = hazard_case()
    with pytest.raises(ModelError, match="cannot make G2 a Context"):
        case.update_node("G2", type=C)


def test_connect_refuses_cycles_and_duplicates() -> None:
    """A SupportedBy link that closes a loop, or repeats a link, is refused."""
    case = hazard_case()
    with pytest.raises(ModelError, match="circular"):
        case.connect("G2", "G1")
    with pytest.raises(ModelError, match="already supported by"):
        case.connect("G1", "S1")


def test_equality_ignores_the_lookup_cache() -> None:
    """Two cases with the same content are equal whether or not one was queried."""
    first, second = hazard_case(), hazard_case()
    first.node("G3")
    assert first == second
    second.update_node("G3", statement="changed")
    assert first != second


def test_evidence_dates_are_dates() -> None:
    """Evidence dates parse from ISO strings, and a bad date is refused."""
    evidence = Evidence(date="2025-01-02", valid_until="2026-01-02")  # type: ignore[arg-type]
    assert evidence.valid_until == dt.date(2026, 1, 2)
    with pytest.raises(ValueError):
        Evidence(valid_until="2026-13-01")  # type: ignore[arg-type]


def test_a_copy_with_other_nodes_finds_its_own_nodes() -> None:
    """model_copy with new nodes does not keep the original's lookup index."""
    case = Case()
    case.add_node(NodeType.GOAL, "old", "G1")
    assert case.node("G1").statement == "old"
    copy = case.model_copy(update={"nodes": [Node(id="G1", type=NodeType.GOAL, statement="new")]})
    assert copy.node("G1").statement == "new"
    assert case.node("G1").statement == "old"


def test_links_are_found_by_value_not_identity_when_connecting_and_disconnecting() -> None:
    """Connecting refuses a link equal to one the case holds, and disconnecting takes out the
    link equal to the one given (a copy, as an undo holds), leaving the others in place."""
    from gsn_studio.model import Case, Link, LinkKind, NodeType

    case = Case()
    for statement in ("Top", "Left", "Right"):
        case.add_node(NodeType.GOAL, statement)
    case.connect("G1", "G2")
    case.connect("G1", "G3")
    with pytest.raises(ModelError, match="already"):
        case.connect("G1", "G3")
    copy = Link(source="G1", target="G3", kind=LinkKind.SUPPORTED_BY)
    assert copy is not case.links[1] and case.disconnect(copy) == 1
    assert [(link.source, link.target) for link in case.links] == [("G1", "G2")]
    with pytest.raises(ModelError, match="is not"):
        case.disconnect(copy)


def test_linking_to_a_leaf_checks_for_a_cycle_without_mapping_every_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Supporting a node by one that supports nothing (a child just added) cannot close a
    cycle: no map of every link is made for it (milliseconds at 10,000 nodes), while a link
    that would close a cycle is still refused."""
    case = Case()
    for node_id in ("G1", "G2", "G3"):
        case.add_node(NodeType.GOAL, node_id, node_id=node_id)
    mapped: list[int] = []
    original = Case._supports
    monkeypatch.setattr(Case, "_supports", lambda self: mapped.append(1) or original(self))
    case.connect("G1", "G2")
    case.connect("G2", "G3")
    assert mapped == []
    with pytest.raises(ModelError, match="circular"):
        case.connect("G3", "G1")
    assert mapped == [1]


def _count_id_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each id `next_id` reads for its number from now on (the real pattern still matches)."""
    import gsn_studio.model.case as case_module

    matches: list[str] = []
    pattern = case_module._TRAILING_NUMBER

    class CountingPattern:
        def match(self, text: str) -> re.Match[str] | None:
            matches.append(text)
            return pattern.match(text)

    monkeypatch.setattr(case_module, "_TRAILING_NUMBER", CountingPattern())
    return matches


def test_putting_a_node_back_in_the_middle_keeps_the_index_and_the_id_counts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Undoing a delete puts the node back in its place: the index lists nodes in node order
    again and `next_id` continues from its counts without reading every id anew."""
    case = Case()
    for _ in range(50):
        case.add_node(G)
    assert case.next_id(G) == "G51"
    _, node, _ = case.remove_node("G20")
    matches = _count_id_reads(monkeypatch)
    case.insert_node(node, 19)
    assert case.next_id(G) == "G51"
    assert len(matches) <= 2
    assert list(case.index()) == [n.id for n in case.nodes]
    assert case.node("G20") is node
    case.insert_node(Node(id="G77", type=G), 3)
    assert case.next_id(G) == "G78"
    assert list(case.index()) == [n.id for n in case.nodes]


def test_removing_the_highest_id_keeps_next_ids_count_when_the_one_below_is_there(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Undoing an add (the highest id goes) leaves `next_id` able to give that id again
    without reading every id anew, as long as the number below it is still used."""
    case = Case()
    for _ in range(50):
        case.add_node(G)
    case.add_node(G, node_id="G70")
    assert case.next_id(G) == "G71"
    case.remove_node("G70")
    assert case.next_id(G) == "G51"  # counted again: G69 is not there
    matches = _count_id_reads(monkeypatch)
    added = case.add_node(G)
    assert added.id == "G51"
    case.remove_node("G51")
    assert case.next_id(G) == "G51"
    assert len(matches) <= 2
