"""Laying out again without redrawing: the previous positions are the places each row of
subtrees and each rank would rather keep.

The tree layout packs a parent's children left to right. Laid out again, a child keeps its
place beside its parent when the contours leave room, and the row is anchored on the
children that together hold the most nodes: a grown subtree pushes aside only the
neighbours that must make room, on the lighter side, by the least shift. Gaps may stay a
little wider than packing would leave them (up to `SLACK`), so a deleted leaf does not move
everything beside it, but no wider, so a drawing pulled apart by hand is tidied. Ranks keep
their height where what lies below does not need more room.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

SLACK = 72.0
"""How much wider than packed a gap between neighbouring subtrees may stay (points): about
half a node, so a removed leaf's room stays, not a hole pulled open by hand."""
RANK_SLACK = 40.0
"""How much lower than needed a rank may stay where it stood."""
CENTRE_SHARE = 1 / 3
"""A parent stays where it stood while that is within this share of its children's spread
(or `CENTRE_NEAR`) of their middle; further off, it is centred again."""
CENTRE_NEAR = 40.0
KEPT = 0.5
"""A subtree within this many points of where it would rather be counts as kept."""
MOST_ANCHORS = 48
"""A row tries at most this many children as the one that stays (the heaviest ones)."""
GRID = 0.5


@dataclass
class Standing:
    """What moving a subtree costs: how many of its nodes stood somewhere (`weight`), and
    how many of them end where they stood, by how far (in GRID steps) the subtree goes from
    where it would rather be (`kept`): a node moved inside it goes back when the subtree
    moves the other way."""

    weight: int = 0
    kept: dict[int, int] = field(default_factory=dict)

    def cost(self, shift: float) -> int:
        """Nodes that end away from where they stood when the subtree goes `shift` from
        where it would rather be."""
        return self.weight - self.kept.get(_step(shift), 0)

    def add(self, part: Standing, shift: float) -> None:
        """Take in a part of the subtree that goes `shift` from where it would rather be
        when the subtree goes where it would rather be."""
        self.weight += part.weight
        step = _step(shift)
        for key, count in part.kept.items():
            self.kept[key - step] = self.kept.get(key - step, 0) + count


def _step(shift: float) -> int:
    return round(shift / GRID)


def place_row(
    least: Sequence[float],
    wished: Sequence[float | None],
    standing: Sequence[Standing],
    slack: float = SLACK,
    lean: float = 1.0,
) -> list[float] | None:
    """x of each subtree of a row, given the least distance from each to the next (`least`,
    one fewer than the subtrees), the place each would rather have (None: new, no wish) and
    what moving each costs. One subtree with a wish stays exactly there; the others go as
    near their wishes as the distances allow, packed where they have none. The one that
    stays is chosen so that the nodes moved are fewest (a node moved left counting `lean`
    times: which side has room further up is not known here). None when no subtree has a
    wish."""
    candidates = [i for i, w in enumerate(wished) if w is not None]
    if not candidates:
        return None
    if len(candidates) > MOST_ANCHORS:
        candidates = sorted(candidates, key=lambda i: -standing[i].weight)[:MOST_ANCHORS]
    best: tuple[float, float, list[float]] | None = None
    for anchor in candidates:
        xs = _from_anchor(anchor, least, wished, slack)
        moved = 0.0
        distance = 0.0
        for x, wish, cost in zip(xs, wished, standing, strict=True):
            if wish is not None and abs(x - wish) > KEPT:
                moved += cost.cost(x - wish) * (lean if x < wish else 1.0)
                distance += cost.weight * abs(x - wish)
        if best is None or (moved, distance) < best[:2]:
            best = (moved, distance, xs)
    assert best is not None
    return best[2]


def _from_anchor(
    anchor: int, least: Sequence[float], wished: Sequence[float | None], slack: float
) -> list[float]:
    """The row with one subtree where it would rather be and the others as near theirs
    as the least distances (and at most `slack` more) allow, outwards from it."""
    count = len(wished)
    xs = [0.0] * count
    start = wished[anchor]
    assert start is not None
    xs[anchor] = start
    for i in range(anchor + 1, count):
        low = xs[i - 1] + least[i - 1]
        wish = wished[i]
        xs[i] = low if wish is None else min(max(wish, low), low + slack)
    for i in range(anchor - 1, -1, -1):
        high = xs[i + 1] - least[i]
        wish = wished[i]
        xs[i] = high if wish is None else min(max(wish, high - slack), high)
    return xs


def stays_centred(own: float, first: float, last: float, centre: float) -> bool:
    """Whether a parent at `own` still reads as over its children from `first` to `last`
    whose tidy place for it is `centre`."""
    return abs(own - centre) <= max(CENTRE_NEAR, (last - first) * CENTRE_SHARE)


def voted_top(tops: Sequence[float]) -> float | None:
    """The top edge most of a rank's nodes had before (the others were moved by hand)."""
    if not tops:
        return None
    votes = Counter(round(top / GRID) for top in tops)
    bucket = votes.most_common(1)[0][0]
    return min(top for top in tops if round(top / GRID) == bucket)


@dataclass(frozen=True)
class RankBox:
    """A block as the ranks see it: its span across, its depth below its rank's top,
    whether anything hangs below it, and its top edge before (None: new)."""

    left: float
    right: float
    depth: float
    leaf: bool
    top_before: float | None


def rank_tops(ranks: Mapping[int, list[RankBox]], gap: float) -> dict[int, float]:
    """The top edge of each rank. Laid out afresh: each rank `gap` below the deepest block
    of the rank above. Laid out again, a rank stays where most of its blocks stood while
    that is clear of every block above it that it would meet: a tall new leaf beside the
    rank below, not over it, leaves that rank where it was."""
    tops: dict[int, float] = {}
    if not ranks:
        return tops
    start = voted_top([b.top_before for b in ranks.get(0, []) if b.top_before is not None])
    fresh = need = start or 0.0
    dangling: list[tuple[float, float, float]] = []  # leaves reaching below: bottom, span
    for level in range(max(ranks) + 1):
        boxes = ranks.get(level, [])
        if boxes and dangling:
            spans = sorted((b.left, b.right) for b in boxes)
            rights = [right for _, right in spans]
            for bottom, left, right in dangling:
                first = bisect_left(rights, left - gap / 2)
                if first < len(spans) and spans[first][0] <= right + gap / 2:
                    need = max(need, bottom + gap)
        before = voted_top([b.top_before for b in boxes if b.top_before is not None])
        keep = before is not None and need - GRID <= before <= fresh + RANK_SLACK
        top = tops[level] = before if keep and before is not None else fresh
        fresh = top + max((b.depth for b in boxes), default=0.0) + gap
        need = top + max((b.depth for b in boxes if not b.leaf), default=0.0) + gap
        dangling = [d for d in dangling if d[0] + gap > need]
        dangling += [(top + b.depth, b.left, b.right) for b in boxes if b.leaf]
        dangling = [d for d in dangling if d[0] + gap > need]
    return tops
