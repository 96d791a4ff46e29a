"""The legend's keys for pattern and confidence notation, as plain shapes: the figure's legend
and the editor's Legend panel and Help > Notation all draw these, with the very marks of
`pattern_marks` that the canvas and the SVG export put on links and elements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from gsn_studio.model import Case, Link, LinkKind, Node, NodeType
from gsn_studio.model.patterns import (
    AssuranceClaimPoint,
    Choice,
    Multiplicity,
    MultiplicityKind,
)
from gsn_studio.notation.geometry import DIAMOND, geometry_of
from gsn_studio.notation.pattern_marks import (
    Mark,
    Point,
    acp_on_link,
    choice_labels,
    link_marks,
    moved,
    node_marks,
)


class PatternKey(StrEnum):
    MULTIPLICITY = "multiplicity"
    OPTIONAL = "optional"
    CHOICE = "choice"
    UNINSTANTIATED = "uninstantiated"
    UNDEVELOPED_UNINSTANTIATED = "undeveloped-uninstantiated"
    ACP = "acp"


MEANINGS: dict[PatternKey, str] = {
    PatternKey.MULTIPLICITY: "Solid ball: multiplicity, n (\u201c2\u201d), at least n "
    "(\u201c2+\u201d) or one per item of a list (\u201ceach {groups}\u201d)",
    PatternKey.OPTIONAL: "Hollow ball: optional, zero or one",
    PatternKey.CHOICE: "Diamond: choice, m of the n links from one split",
    PatternKey.UNINSTANTIATED: "Triangle: uninstantiated, a role still to fill",
    PatternKey.UNDEVELOPED_UNINSTANTIATED: "Triangle in the diamond: undeveloped and "
    "uninstantiated",
    PatternKey.ACP: "Black square: assurance claim point, with its confidence argument",
}


NAMES: dict[PatternKey, str] = {
    PatternKey.MULTIPLICITY: "Multiplicity (n, n+, each)",
    PatternKey.OPTIONAL: "Optional",
    PatternKey.CHOICE: "Choice (m of n)",
    PatternKey.UNINSTANTIATED: "Uninstantiated",
    PatternKey.UNDEVELOPED_UNINSTANTIATED: "Undeveloped and uninstantiated",
    PatternKey.ACP: "Assurance claim point",
}
"""The figure legend's short names; `MEANINGS` are the editor's longer ones."""


@dataclass(frozen=True, slots=True)
class KeyDrawing:
    """One key in a width x height box: a SupportedBy link drawn from `line[0]` to `line[1]`
    (arrowhead at the end), or a goal's outline `box` (left, top, width, height), and the
    marks on it."""

    line: tuple[Point, Point] | None
    box: tuple[float, float, float, float] | None
    marks: tuple[Mark, ...]


def key_drawing(key: PatternKey, width: float, height: float) -> KeyDrawing:
    if key in (PatternKey.UNINSTANTIATED, PatternKey.UNDEVELOPED_UNINSTANTIATED):
        return _node_key(key is PatternKey.UNDEVELOPED_UNINSTANTIATED, width, height)
    # Links run along the upper part of the box, so labels written under them stay inside.
    middle = height * 0.38
    path = ((2.0, middle), (width - 2.0, middle))
    link = Link(source="A", target="B", kind=LinkKind.SUPPORTED_BY)
    if key is PatternKey.ACP:
        marks = acp_on_link(AssuranceClaimPoint(name="ACP1", node="A", to="B"), path)
        return KeyDrawing(path, None, (marks[0],))  # the name would not fit; the text says it
    if key is PatternKey.CHOICE:
        link = link.model_copy(update={"choice": Choice()})
        label = choice_labels([link, link.model_copy(update={"target": "C"})])[("A", "B")]
        return KeyDrawing(path, None, tuple(link_marks(link, path, label)))
    multiplicity = (
        Multiplicity(kind=MultiplicityKind.OPTIONAL)
        if key is PatternKey.OPTIONAL
        else Multiplicity(kind=MultiplicityKind.AT_LEAST, count=2)
    )
    link = link.model_copy(update={"multiplicity": multiplicity})
    return KeyDrawing(path, None, tuple(link_marks(link, path)))


def _node_key(undeveloped: bool, width: float, height: float) -> KeyDrawing:
    node = Node(id="G", type=NodeType.GOAL, statement="x", undeveloped=undeveloped)
    node = node.model_copy(update={"uninstantiated": True})
    geometry = geometry_of(node)
    goal_height = max(height - 2 * DIAMOND - 3, 6.0)
    box = (width * 0.2, 1.0, width * 0.6, goal_height)
    centre_x, bottom = width / 2, 1.0 + goal_height
    marks = node_marks(node, geometry)
    if undeveloped:  # the diamond itself, as the element's outline draws it
        marks = [Mark("diamond", 0, geometry.half_height + DIAMOND, DIAMOND, filled=False), *marks]
    shift_y = bottom - geometry.half_height
    return KeyDrawing(None, box, tuple(moved(mark, centre_x, shift_y) for mark in marks))


def keys_used(case: Case, shown: Iterable[str] | None = None) -> list[PatternKey]:
    """The pattern keys a figure of `case` needs (only elements in `shown`, if given), in the
    legend's order."""
    ids = set(shown) if shown is not None else {node.id for node in case.nodes}
    used: set[PatternKey] = set()
    for link in case.links:
        if link.source not in ids or link.target not in ids:
            continue
        if link.multiplicity is not None:
            hollow = link.multiplicity.hollow
            used.add(PatternKey.OPTIONAL if hollow else PatternKey.MULTIPLICITY)
        if link.choice is not None:
            used.add(PatternKey.CHOICE)
    for node in case.nodes:
        if node.id in ids and node.uninstantiated:
            used.add(
                PatternKey.UNDEVELOPED_UNINSTANTIATED
                if node.undeveloped
                else PatternKey.UNINSTANTIATED
            )
    if any(acp.node in ids for acp in case.acps):
        used.add(PatternKey.ACP)
    return [key for key in PatternKey if key in used]
