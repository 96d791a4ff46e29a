"""Rich statement text stays linear: parse and style statements 1x, 10x and 100x as long.

Run: python benchmarks/bench_rich_text.py
Prints the seconds per size and the ratio to the smallest; linear work gives ~10x per step.
"""

from __future__ import annotations

import time

from gsn_studio.notation.rich_text import parse, styled_lines
from gsn_studio.notation.wrap import wrap_text

PIECE = "*bold* _it_ [link](https://x.org/a) plain words and *an open star "


def seconds(repeat: int) -> float:
    text = PIECE * repeat
    best = float("inf")
    for _ in range(3):
        parse.cache_clear()
        started = time.perf_counter()
        lines = wrap_text(parse(text).plain, 190, 11)
        styled_lines(text, lines)
        best = min(best, time.perf_counter() - started)
    return best


if __name__ == "__main__":
    base = seconds(10)
    for repeat in (10, 100, 1000):
        took = seconds(repeat)
        print(f"{repeat:>5} pieces: {took * 1000:8.2f} ms  ({took / base:6.1f}x)")
