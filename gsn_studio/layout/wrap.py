"""Wrapping a wide row of subtrees into several rows, file order kept, so that a fan-out of
hundreds reads as a block rather than an endless line."""

from __future__ import annotations

import math
from collections.abc import Sequence

WRAP_WIDTH = 6000.0
"""A row of subtrees narrower than this never wraps (every sample and corpus case)."""
WRAP_ASPECT = 2.0
"""A wrapped row aims at subtrees this many times wider than deep."""
RANK_ESTIMATE = 160.0
"""About how tall a rank is with the gap below it, for choosing how to wrap."""
KEEP_ROWS = math.log(2.0)
"""Laid out again, rows stay as they were while their shape is within this (a factor of
2 in width : height) of the best: a subtree growing a little then moves no neighbour into
another row, and the choice does not flip between two about as good."""

Rows = list[list[int]]


def wrap(
    widths: Sequence[float],
    depths: Sequence[int],
    gap: float,
    before: Rows | None = None,
) -> Rows:
    """Rows of the subtrees (their indices), given each one's width and depth in ranks:
    one row when narrower than WRAP_WIDTH, else rows about WRAP_ASPECT times wider than
    deep; `before`, the rows they stood in, while those still read about as well."""
    everything = [list(range(len(widths)))]
    total = sum(widths) + gap * (len(widths) - 1)
    if total < WRAP_WIDTH:
        wrapped_before = before is not None and len(before) > 1
        return before if wrapped_before and total >= WRAP_WIDTH / 2 and before else everything

    def split(limit: float) -> Rows:
        rows: Rows = [[]]
        width = 0.0
        for i, w in enumerate(widths):
            if rows[-1] and width + w > limit:
                rows.append([])
                width = 0.0
            rows[-1].append(i)
            width += w + gap
        return rows

    def miss(rows: Rows) -> tuple[float, float]:
        """How far the rows' width : height is from WRAP_ASPECT, and that ratio."""
        width = max(sum(widths[i] + gap for i in row) for row in rows)
        height = sum(max(depths[i] for i in row) for row in rows) * RANK_ESTIMATE
        return abs(math.log(width / height / WRAP_ASPECT)), width / height

    best: tuple[float, Rows] | None = None
    for count in range(1, len(widths) + 1):
        rows = split(total / count)
        off, ratio = miss(rows)
        if best is None or off < best[0]:
            best = (off, rows)
        if ratio < WRAP_ASPECT:
            break
    assert best is not None
    if before is not None and miss(before)[0] <= best[0] + KEEP_ROWS:
        return before
    return best[1]
