"""Small pieces shared by the figure's parts: number formatting, boxes, shapes, badges."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape

from gsn_studio.notation.geometry import BADGE_HEIGHT, BADGE_PADDING, BADGE_SIZE, Outline
from gsn_studio.notation.metrics import text_width
from gsn_studio.notation.palette import Hatch, Status, StatusMark


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def union(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )


def num(value: float) -> str:
    """A coordinate to one decimal, without a trailing .0: figures stay small."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def dasharray(dash: tuple[float, ...]) -> str:
    return f' stroke-dasharray="{" ".join(num(d) for d in dash)}"' if dash else ""


def badge_width(word: str) -> float:
    return text_width(word, BADGE_SIZE, bold=True) + 2 * BADGE_PADDING


def pill(x: float, y: float, word: str, colour: str, text_colour: str) -> str:
    """A status badge: the word in a rounded pill whose top-left corner is (x, y)."""
    width, height = badge_width(word), BADGE_HEIGHT
    return (
        f'<g class="gsn-badge"><rect x="{num(x)}" y="{num(y)}" width="{num(width)}" '
        f'height="{num(height)}" rx="{num(height / 2)}" fill="{colour}"/>'
        f'<text x="{num(x + width / 2)}" y="{num(y + height / 2 + BADGE_SIZE * 0.36)}" '
        f'font-size="{num(BADGE_SIZE)}" font-weight="bold" text-anchor="middle" '
        f'fill="{text_colour}">{escape(word)}</text></g>'
    )


def shape(outline: Outline, style: str) -> str:
    if outline.kind == "rect":
        return (
            f'<rect x="{num(outline.x)}" y="{num(outline.y)}" width="{num(outline.width)}" '
            f'height="{num(outline.height)}" {style}/>'
        )
    if outline.kind == "roundrect":
        return (
            f'<rect x="{num(outline.x)}" y="{num(outline.y)}" width="{num(outline.width)}" '
            f'height="{num(outline.height)}" rx="{num(outline.radius)}" {style}/>'
        )
    if outline.kind == "ellipse":
        return (
            f'<ellipse cx="0" cy="0" rx="{num(outline.width / 2)}" '
            f'ry="{num(outline.height / 2)}" {style}/>'
        )
    points = " ".join(f"{num(x)},{num(y)}" for x, y in outline.points)
    return f'<polygon points="{points}" {style}/>'


_HATCH_LINES = {
    Hatch.DIAGONAL: "M-1,1 L1,-1 M0,6 L6,0 M5,7 L7,5",
    Hatch.CROSS: "M-1,1 L1,-1 M0,6 L6,0 M5,7 L7,5 M0,0 L6,6 M-1,5 L1,7 M5,-1 L7,1",
}


HATCH_OPACITY = 0.55
"""Light enough for a statement written over it to stay easy to read."""


def hatch_id(status: Status) -> str:
    return f"gsn-hatch-{status.value}"


def hatch_patterns(marks: Mapping[Status, StatusMark], shown: Iterable[Status]) -> str:
    """One fill pattern per hatched status in the figure, in that status's stroke colour."""
    parts = []
    for status in sorted(set(shown)):
        mark = marks.get(status)
        if mark is None or not mark.hatch:
            continue
        parts.append(
            f'<pattern id="{hatch_id(status)}" width="6" height="6" '
            'patternUnits="userSpaceOnUse">'
            f'<path d="{_HATCH_LINES[mark.hatch]}" stroke="{mark.stroke}" stroke-width="1" '
            f'stroke-opacity="{HATCH_OPACITY}"/>'
            "</pattern>"
        )
    return f"<defs>{''.join(parts)}</defs>\n" if parts else ""


def hatch_over(outline: Outline, status: Status, mark: StatusMark | None) -> str:
    """The status's pattern laid over a shape's fill: changed and missing evidence stay
    distinct from expired when the figure is shrunk onto a slide and badges are unreadable."""
    if mark is None or not mark.hatch:
        return ""
    return shape(outline, f'class="gsn-hatch" fill="url(#{hatch_id(status)})" stroke="none"')
