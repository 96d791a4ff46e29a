"""`Case.next_id` keeps the highest number of each id prefix as the case changes, so adding a
node to a big case does not read every id again, and the id it hands out is always the one a
fresh count would give."""

from __future__ import annotations

import re

import pytest
from generate import generate_case
from pytestqt.qtbot import QtBot

from gsn_studio.app.main_window import MainWindow
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


def test_the_first_add_in_the_editor_reads_the_ids_without_the_pattern(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first goal added in a session counts the goal ids by their digits, not by running
    the id pattern once per goal (5 ms of the add at 10,000 nodes), and gets the next id."""
    window.document.replace(generate_case(300), None)
    qtbot.waitUntil(lambda: not window.document.findings_pending, timeout=5000)
    case = window.document.case
    assert sum(node.type is G for node in case.nodes) > 100
    expected = _fresh_next_id(case, G)
    counting = _CountingPattern(case_module._TRAILING_NUMBER)
    monkeypatch.setattr(case_module, "_TRAILING_NUMBER", counting)
    window.selection.set([])
    window.edit_actions.add[G].trigger()
    assert window.selection.current == expected
    assert counting.calls <= 2  # the new id's own, not one per goal (159 goals)


@pytest.mark.parametrize(
    "ids",
    [
        ["G1", "G7", "G03", "Sn9"],
        ["G1.12", "G2"],  # a number after a dot does not count
        ["Goal4", "G2"],  # nor one after more letters
        ["G\u0663", "G2"],  # an Arabic-Indic three is a digit to the pattern and to int
        ["G\u00b2", "G1"],  # a superscript two is not
        ["GG", "G", "G1"],
    ],
)
def test_next_id_counts_as_the_id_pattern_does(ids: list[str]) -> None:
    """The count by digits gives the id the trailing-number pattern gave for odd ids too."""
    case = Case()
    for node_id in ids:
        case.add_node(G, node_id=node_id)
    highest = 0
    for node_id in ids:
        match = re.match(r"^(.*?)(\d+)$", node_id)
        if match and match.group(1) == "G":
            highest = max(highest, int(match.group(2)))
    assert case.next_id(G) == f"G{highest + 1}"
