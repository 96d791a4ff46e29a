"""How long `gsn-studio merge-driver` takes on generated cases: two branches each editing 5%
of the statements, deleting 1% of the solutions and adding as many goals, merged from their
base (read three files, merge, validate, write), as git would run it.

Run: python benchmarks/bench_merge.py [SIZES...]   (default 1000 10000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from generate import generate_case  # beside this script, which Python puts on sys.path

from gsn_studio.cli.merge_driver import merge_files
from gsn_studio.io.gsnx_write import save_gsnx
from gsn_studio.model import Case, NodeType


def branch(case: Case, side: int) -> Case:
    """Edits of one side: every 20th node from an offset, so the two sides differ."""
    copy = case.model_copy(deep=True)
    for node in case.nodes[side::20]:
        copy.update_node(node.id, statement=f"{node.statement} (side {side})")
    # Solutions neither side edits (positions 1 and 2 modulo 20 are edited), a few per side.
    spare = [n.id for i, n in enumerate(case.nodes) if n.type is NodeType.SOLUTION and i % 20 > 2]
    for node_id in spare[side * 7 :: 100]:
        copy.remove_node(node_id)
    top = case.nodes[0].id  # the top goal
    for number in range(len(case.nodes) // 100):
        goal = copy.add_node(NodeType.GOAL, f"New claim {number}", f"G{side}x{number}")
        copy.connect(top, goal.id)
    return copy


def measure(size: int) -> tuple[float, int]:
    base = generate_case(size)
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / name for name in ("base", "ours", "theirs")]
        for path, case in zip(paths, (base, branch(base, 1), branch(base, 2)), strict=True):
            save_gsnx(case, path)
        started = time.perf_counter()
        status = merge_files(*paths, Path("case.gsnx"))
        return time.perf_counter() - started, status


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 10000]
    for size in sizes:
        seconds, status = measure(size)
        print(f"{size:>6} nodes: merged in {seconds:.2f} s (exit {status})")


if __name__ == "__main__":
    main()
