"""How the automatic layout reads and how fast it is, beside Graphviz dot on the same graph.

For each sample, each gsn2x file of the shared corpus that opens, and generated cases of
100, 1,000 and 10,000 nodes, prints: links through a node they do not join, link crossings
(both measured on the paths the canvas and the figures draw), the width : height of the
bounding box, how many other nodes move when one leaf is added and the case laid out again,
and the time the layout took; then the same figures for dot's layout (same node sizes, same
link drawing), where dot finishes within 60 s.

    .venv/bin/python benchmarks/bench_layout.py [--quick] [--no-dot]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate_case

from gsn_studio.io import load_case
from gsn_studio.layout import LayoutError, layout_case
from gsn_studio.layout.dot import dot_layout
from gsn_studio.layout.quality import measure
from gsn_studio.model import Case, LinkKind, NodeType, Position

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "gsn2x"
DOT_TIMEOUT = 60.0


def cases(quick: bool) -> Iterator[tuple[str, Case]]:
    for path in sorted((ROOT / "samples").glob("*.gsnx")):
        yield path.name, load_case(path)
    corpus = CORPUS if CORPUS.exists() else Path("/work/shared/corpus/gsn2x")
    for path in sorted(corpus.rglob("*.yaml")):
        try:
            case = load_case(path)
        except Exception:  # files that do not open are another issue's business
            continue
        if case.nodes:
            yield str(path.relative_to(corpus)), case
    for size in (100, 1000) if quick else (100, 1000, 10000):
        yield f"generated {size:,}", generate_case(size)


def with_one_more_leaf(case: Case, positions: dict[str, Position]) -> Case:
    """The case as laid out, with one more solution under the goal in the middle of the node
    list (placed nowhere yet, as a new node is before the next layout)."""
    grown = case.model_copy(deep=True)
    for node in grown.nodes:
        node.position = positions.get(node.id)
    goals = [node.id for node in grown.nodes if node.type is NodeType.GOAL]
    if not goals:
        return grown
    parent = goals[len(goals) // 2]
    leaf = grown.add_node(NodeType.SOLUTION, "One more piece of evidence", node_id="Sn-added")
    grown.connect(parent, leaf.id, LinkKind.SUPPORTED_BY)
    return grown


def moved(before: dict[str, Position], after: dict[str, Position]) -> int:
    return sum(
        1
        for node_id, p in before.items()
        if node_id in after and (abs(p.x - after[node_id].x) + abs(p.y - after[node_id].y)) > 1
    )


def row(name: str, case: Case, use_dot: bool) -> str:
    started = time.perf_counter()
    positions = layout_case(case, engine="tree")
    took = time.perf_counter() - started
    quality = measure(case, positions)
    again = layout_case(with_one_more_leaf(case, positions), engine="tree")
    ours = (
        f"{len(quality.through):>4} {quality.crossings:>6} {quality.aspect:>6.2f} "
        f"{moved(positions, again):>6} {took:>7.3f}"
    )
    theirs = "   (dot not run)"
    if use_dot:
        try:
            started = time.perf_counter()
            dot_positions = dot_layout(case, timeout=DOT_TIMEOUT)
            dot_took = time.perf_counter() - started
            dot_quality = measure(case, dot_positions)
            dot_again = layout_case(with_one_more_leaf(case, dot_positions), engine="dot")
            theirs = (
                f"{len(dot_quality.through):>4} {dot_quality.crossings:>6} "
                f"{dot_quality.aspect:>6.2f} {moved(dot_positions, dot_again):>6} {dot_took:>7.3f}"
            )
        except LayoutError as error:
            theirs = f"   (dot: {error})"
    return f"{name[:34]:<34} {len(case.nodes):>6} | {ours} | {theirs}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="leave out the 10,000-node case")
    parser.add_argument("--no-dot", action="store_true", help="do not run dot")
    args = parser.parse_args()
    columns = "thru  cross  w:h    moved  secs"
    print(f"{'case':<34} {'nodes':>6} | ours: {columns} | dot: {columns}")
    for name, case in cases(args.quick):
        print(row(name, case, not args.no_dot), flush=True)


if __name__ == "__main__":
    main()
