"""SVG export time and size on generated, laid-out cases (issue 4 targets: 1,000 nodes under
2 s, 10,000 under 10 s, under 1 KB per node). Baseline: serialising the same case as .gsnx.

Also: the time to export a case whose one statement is a 100,000-character word with no
spaces, beside the same case with a normal statement (issue 12: it took 50 s).

Run: python benchmarks/bench_export.py [SIZES...]   (default 100 1000 10000)
"""

from __future__ import annotations

import sys
import time

from generate import generate_case  # beside this script, which Python puts on sys.path

from gsn_studio.export.figure import ExportOptions, make_svg
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.layout import layout_case


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [100, 1000, 10000]
    print(f"{'nodes':>6} {'layout s':>9} {'svg s':>7} {'gsnx s':>7} {'ratio':>6} {'B/node':>7}")
    for size in sizes:
        case = generate_case(size)
        started = time.perf_counter()
        positions = layout_case(case)
        layout = time.perf_counter() - started
        for node_id, position in positions.items():
            case.update_node(node_id, position=position)
        started = time.perf_counter()
        svg = make_svg(case, ExportOptions(legend=True))
        export = time.perf_counter() - started
        started = time.perf_counter()
        to_bytes(case)
        baseline = time.perf_counter() - started
        print(
            f"{len(case.nodes):>6} {layout:>9.3f} {export:>7.3f} {baseline:>7.3f} "
            f"{export / baseline:>5.1f}x {len(svg.encode()) / len(case.nodes):>7.0f}"
        )
    _long_word()


def _long_word() -> None:
    print(f"{'statement':>22} {'svg s':>7}")
    for label, statement in (
        ("normal", "The pump is acceptably safe to operate"),
        ("100,000-char word", "x" * 100_000),
    ):
        case = generate_case(100)
        first = case.nodes[0].id
        case.update_node(first, statement=statement)
        positions = layout_case(case)
        for node_id, position in positions.items():
            case.update_node(node_id, position=position)
        started = time.perf_counter()
        make_svg(case, ExportOptions(legend=True))
        print(f"{label:>22} {time.perf_counter() - started:>7.3f}")


if __name__ == "__main__":
    main()
