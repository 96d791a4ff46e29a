"""The positions and folded nodes of a .gsnx file: diagram state, kept in `Diagram`.

    <Diagram>
      <NodePosition ref="G1" x="240" y="36.5"/>
      <Fold ref="G3"/>
    </Diagram>

A file without `Fold` elements (every file written before folding) has nothing folded.
"""

from __future__ import annotations

from lxml import etree

from gsn_studio.io.gsnx_format import qualified
from gsn_studio.model import Case, Node, Position
from gsn_studio.model.fast_validate import positional_constructor


def read_positions(root: etree._Element) -> dict[str | None, Position | dict[str, float]]:
    """Each position by the id of its node: a Position, which the node takes as it is, or, for
    one that does not build, its values, which the node's validation refuses naming the field
    in its message. Built by their shape's constructor, found once (a placed case of 10,000
    nodes has as many)."""
    make = positional_constructor(Position, ("x", "y"))
    positions: dict[str | None, Position | dict[str, float]] = {}
    for element in root.iterfind(f"{qualified('Diagram')}/{qualified('NodePosition')}"):
        # The schema requires both, as numbers.
        x, y = float(element.get("x")), float(element.get("y"))
        try:
            positions[element.get("ref")] = {"x": x, "y": y} if make is None else make(x, y)
        except Exception:  # a refusal, named by the node's validation
            positions[element.get("ref")] = {"x": x, "y": y}
    return positions


def read_folds(root: etree._Element) -> set[str]:
    return {
        ref
        for element in root.iterfind(f"{qualified('Diagram')}/{qualified('Fold')}")
        if (ref := element.get("ref"))
    }


def with_folds(nodes: list[Node], folds: set[str]) -> list[Node]:
    """The nodes with those the file folds marked folded (a `ref` naming no node is
    ignored, as a position's is)."""
    if not folds:
        return nodes
    return [
        node.model_copy(update={"folded": True}) if node.id in folds else node for node in nodes
    ]


def write_folds(diagram: etree._Element, case: Case) -> None:
    for node in case.nodes:
        if node.folded:
            etree.SubElement(diagram, qualified("Fold"), ref=node.id)
