"""Time of a whole assessment, and of the editor's incremental one after each kind of edit.

Run: python benchmarks/bench_assess.py [SIZES...]   (default 100 1000 10000)
Baseline, measured in the same run: one pass over the case's nodes building a dict by id (the
least any assessment of every node costs). Each figure is the best of several runs, in
milliseconds of CPU time of this process (the machine may be shared: compare ratios).
An incremental figure is the `Assessor.assess` call after the edit and the marks the canvas
shows (`Assessment.marks`), as the editor asks for both; the edit itself is not counted.
"undo" assesses after undoing the edit before it. "whole" is `assess` alone.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable

from generate import generate_case  # beside this script, which Python puts on sys.path

from gsn_studio.analysis.check import assess
from gsn_studio.analysis.incremental import Assessor
from gsn_studio.model import Case, Evidence, Link, LinkKind, Node, NodeType, Position
from gsn_studio.model.changes import (
    AddNode,
    Batch,
    Change,
    Connect,
    MoveNodes,
    RemoveNode,
    UpdateNode,
)

DAY = dt.date(2026, 11, 23)
RUNS = 7


def best(action: Callable[[], object], runs: int = RUNS) -> float:
    fastest = float("inf")
    for _ in range(runs):
        started = time.process_time()
        action()
        fastest = min(fastest, time.process_time() - started)
    return fastest * 1000


def edits(case: Case) -> dict[str, Callable[[], Change]]:
    """Each kind of edit the editor makes, on nodes in the middle of the argument."""
    goal = next(n.id for n in case.nodes[len(case.nodes) // 2 :] if n.type is NodeType.GOAL)
    parents = {link.target: link.source for link in case.links}
    sources = {link.source for link in case.links}
    leaf = next(
        n.id
        for n in case.nodes[len(case.nodes) // 2 :]
        if n.type is NodeType.SOLUTION and n.id not in sources and n.id in parents
    )
    new = Node(
        id="Sn99999",
        type=NodeType.SOLUTION,
        statement="New evidence",
        evidence=Evidence(reference="evidence/new.pdf"),
    )
    return {
        "text edit": lambda: UpdateNode(goal, {"statement": f"Edited {time.process_time()}"}),
        "add leaf": lambda: Batch(
            (AddNode(new), Connect(Link(source=goal, target=new.id, kind=LinkKind.SUPPORTED_BY)))
        ),
        "delete leaf": lambda: RemoveNode(leaf),
        "move": lambda: MoveNodes({goal: Position(x=time.process_time(), y=5.0)}),
    }


def measure(size: int) -> dict[str, float]:
    case = generate_case(size)
    figures = {"nodes": float(len(case.nodes))}
    figures["baseline"] = best(lambda: {node.id: node for node in case.nodes})
    figures["whole"] = best(lambda: assess(case, DAY))
    assessor = Assessor()
    assessor.assess(case, DAY).marks(case)
    undo_times: list[float] = []
    for name, make in edits(case).items():
        fastest = float("inf")
        for _ in range(RUNS):
            inverse = make().apply(case)
            fastest = min(fastest, best(lambda: assessor.assess(case, DAY).marks(case), 1))
            assert not assessor.last_was_whole, name
            inverse.apply(case)
            undo_times.append(best(lambda: assessor.assess(case, DAY).marks(case), 1))
        figures[name] = fastest
    figures["undo"] = min(undo_times)
    return figures


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [100, 1000, 10000]
    names = ["baseline", "whole", "text edit", "add leaf", "delete leaf", "move", "undo"]
    header = f"{'nodes':>6} " + " ".join(f"{name:>11}" for name in names) + "  (ms)"
    print(header)
    print("-" * len(header))
    for size in sizes:
        figures = measure(size)
        cells = " ".join(f"{figures[name]:>11.2f}" for name in names)
        print(f"{int(figures['nodes']):>6} {cells}")


if __name__ == "__main__":
    main()
