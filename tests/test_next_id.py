"""`Case.next_id` keeps the highest number of each id prefix as the case changes, so adding a
node to a big case does not read every id again, and the id it hands out is always the one a
fresh count would give."""

from __future__ import annotations

import re

import pytest

from gsn_studio.model import Case, NodeType
from gsn_studio.model import case as case_module

G, SN = NodeType.GOAL, NodeType.SOLUTION


class _CountingPattern:
    """The id pattern of the case module, counting how many ids it is asked about."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.calls = pattern, 0

    def match(self, text: str) -> re.Match[str] | None:
        self.calls += 1
        return self.pattern.match(text)


def _fresh_next_id(case: Case, node_type: NodeType) -> str:
    return Case(nodes=[n.model_copy() for n in case.nodes]).next_id(node_type)


def test_next_id_after_the_first_reads_no_ids_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once counted, adding and removing nodes updates the highest number without a scan."""
    case = Case()
    for _ in range(200):
        case.add_node(G)
    assert case.next_id(G) == "G201"
    counting = _CountingPattern(case_module._TRAILING_NUMBER)
    monkeypatch.setattr(case_module, "_TRAILING_NUMBER", counting)
    for _ in range(20):
        case.add_node(G)  # each asks next_id, then inserts
    case.remove_node("G5")
    assert case.next_id(G) == "G221"
    assert counting.calls <= 2 * 20 + 1  # a few per edit, not 200 per edit


def test_next_id_agrees_with_a_fresh_count_through_edits() -> None:
    """Removing the highest, renaming, inserting in the middle and copying the case all give
    the id a fresh count of the same nodes gives."""
    case = Case()
    for _ in range(5):
        case.add_node(G)
    case.add_node(SN)
    assert case.next_id(G) == "G6"
    case.remove_node("G5")
    assert case.next_id(G) == _fresh_next_id(case, G) == "G5"
    case.rename_node("G4", "G40")
    assert case.next_id(G) == _fresh_next_id(case, G) == "G41"
    case.remove_node("G40")
    assert case.next_id(G) == _fresh_next_id(case, G) == "G4"
    node = case.node("G2")
    case.remove_node("G2")
    case.insert_node(node.model_copy(update={"id": "G9"}), index=0)  # not at the end
    assert case.next_id(G) == _fresh_next_id(case, G) == "G10"
    case.add_node(G, node_id="G1.12")  # a number after a dot does not count
    assert case.next_id(G) == "G10"
    copy = case.model_copy(deep=True)
    copy.remove_node("G9")
    assert copy.next_id(G) == _fresh_next_id(copy, G) == "G4"
    assert case.next_id(G) == "G10"
    assert case.next_id(SN) == _fresh_next_id(case, SN) == "Sn2"
