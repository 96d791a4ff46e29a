"""How long a query takes on generated cases: parsing, and evaluating each query with the
check's facts already made (as the editor has them), best of five runs; the check itself is
shown for comparison (the command line pays for it once when a query tests status or state).

Run: python benchmarks/bench_query.py [SIZES...]   (default 1000 10000)
Target: every query well under 0.5 s at 10,000 nodes.
"""

from __future__ import annotations

import datetime as dt
import sys
import time

from generate import generate_case  # beside this script, which Python puts on sys.path

from gsn_studio.analysis import assess
from gsn_studio.analysis.query import facts_from, matching, parse

QUERIES = (
    "type=solution and state!=current and owner=safety*",
    "text~calibration or tag=x",
    "under G2 and not (type=context or type=assumption)",
    "id=G1* and status!=supported",
    "(type=goal or type=strategy) and (status=undeveloped or status=weakened) and owner~lead",
)


def best(runs: int, work: object) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times)


def main(sizes: list[int]) -> None:
    for size in sizes:
        case = generate_case(size)
        started = time.perf_counter()
        assessment = assess(case, dt.date(2026, 11, 23))
        facts_made = time.perf_counter()
        facts = facts_from(case, assessment)
        done = time.perf_counter()
        print(
            f"{len(case.nodes)} nodes: check {facts_made - started:.3f} s, "
            f"facts {done - facts_made:.3f} s"
        )
        for text in QUERIES:
            expr = parse(text)
            parse_s = best(5, lambda t=text: parse(t))
            eval_s = best(5, lambda e=expr, c=case, f=facts: matching(c, e, f))
            count = len(matching(case, expr, facts))
            print(
                f"  {eval_s * 1000:7.1f} ms eval, {parse_s * 1e6:5.0f} µs parse, "
                f"{count:5d} matches: {text}"
            )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000, 10000])
