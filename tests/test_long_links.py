"""A link to shared evidence far across the argument reads as a link into that evidence:
it goes round what is in its way crossing nothing, and ends in the evidence's side, never
rising into its bottom (which reads as if the evidence supported what lies below)."""

from __future__ import annotations

from conftest import SAMPLES

from gsn_studio.io import load_case
from gsn_studio.layout import layout_case
from gsn_studio.layout.quality import count_crossings
from gsn_studio.notation.case_routes import case_routes, obstacle_index


def test_the_pump_link_to_shared_evidence_enters_its_side_and_crosses_nothing() -> None:
    """After Ctrl+L on the pump, G24 -> Sn3 (Sn3 also supports G9, far left) goes round
    the argument and into Sn3's facing side, level with its middle, crossing no link."""
    case = load_case(SAMPLES / "infusion-pump.gsnx")
    for node_id, position in layout_case(case).items():
        case.node(node_id).position = position
    positions = {node.id: node.position for node in case.nodes if node.position is not None}
    shown = case.index()
    paths = case_routes(case, shown, positions, obstacle_index(shown, positions))
    key = next(k for k in paths if k[:2] == ("G24", "Sn3"))
    path = paths[key]
    (ax, ay), (bx, by) = path[-2], path[-1]
    sn3 = positions["Sn3"]
    assert abs(ay - by) < 0.01 and bx > sn3.x  # arrives level, from the right (G24's side)
    assert abs(by - sn3.y) < 1.0
    assert ax > bx
    assert count_crossings({key: path, **{k: p for k, p in paths.items() if k != key}}) == (
        count_crossings({k: p for k, p in paths.items() if k != key})
    )
