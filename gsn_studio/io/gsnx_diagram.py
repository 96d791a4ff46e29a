"""The folded nodes of a .gsnx file: diagram state, kept in `Diagram` beside the positions.

    <Diagram>
      <NodePosition ref="G1" x="240" y="36.5"/>
      <Fold ref="G3"/>
    </Diagram>

A file without `Fold` elements (every file written before folding) has nothing folded.
"""

from __future__ import annotations

from lxml import etree

from gsn_studio.io.gsnx_format import qualified
from gsn_studio.model import Case, Node


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
