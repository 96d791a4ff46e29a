"""The history of a case as an SVG timeline: one band per goal (the verdict first), each
coloured by its status over time with the notation's own status colours, and a tick per
revision. Status is never colour alone: each stretch carries its badge word where it fits."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from gsn_studio.analysis.history import VERDICT, Snapshot
from gsn_studio.notation.metrics import FONT_FAMILY, text_width
from gsn_studio.notation.palette import STATUS_MARKS, Status

LABEL_WIDTH = 300.0
BAND_HEIGHT = 22.0
BAND_GAP = 6.0
CHART_WIDTH = 640.0
TOP = 56.0
FONT_SIZE = 11.0
_UNKNOWN = ("#f0f0f0", "#9e9e9e", "")


def _look(status: str) -> tuple[str, str, str]:
    try:
        mark = STATUS_MARKS[Status(status)]
    except (ValueError, KeyError):
        return _UNKNOWN
    return mark.fill, mark.stroke, mark.badge


def _shorten(text: str, width: float) -> str:
    if text_width(text, FONT_SIZE) <= width:
        return text
    while text and text_width(text + "…", FONT_SIZE) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def timeline_svg(snapshots: Sequence[Snapshot], title: str = "") -> str:
    readable = [s for s in snapshots if not s.problem]
    bands: list[str] = [VERDICT]
    statements: dict[str, str] = {}
    for snap in readable:
        for node in snap.statuses:
            if node not in bands:
                bands.append(node)
        statements.update(snap.statements)
    xs = _positions(readable)
    height = TOP + len(bands) * (BAND_HEIGHT + BAND_GAP) + 70
    width = LABEL_WIDTH + CHART_WIDTH + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{FONT_FAMILY}" '
        f'font-size="{FONT_SIZE:g}">',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
        f'<text x="16" y="24" font-size="15" font-weight="bold">'
        f"{escape(title or 'History')}: status over time</text>",
    ]
    end = LABEL_WIDTH + CHART_WIDTH
    for row, node in enumerate(bands):
        y = TOP + row * (BAND_HEIGHT + BAND_GAP)
        label = "Verdict (top claim)" if node == VERDICT else f"{node}  {statements.get(node, '')}"
        weight = ' font-weight="bold"' if node == VERDICT else ""
        out.append(
            f'<text x="16" y="{y + BAND_HEIGHT / 2 + 4:.1f}"{weight}>'
            f"{escape(_shorten(label, LABEL_WIDTH - 28))}</text>"
        )
        for x0, x1, status, snap in _runs(readable, xs, node, end):
            fill, stroke, badge = _look(status)
            out.append(
                f'<rect x="{x0:.1f}" y="{y:.1f}" width="{max(x1 - x0, 1.5):.1f}" '
                f'height="{BAND_HEIGHT:g}" fill="{fill}" stroke="{stroke}" stroke-width="1">'
                f"<title>{escape(node)} {escape(status)} from {snap.day} ({escape(snap.label)})"
                "</title></rect>"
            )
            if badge and text_width(badge, 9) + 8 < x1 - x0:
                out.append(
                    f'<text x="{x0 + 4:.1f}" y="{y + BAND_HEIGHT / 2 + 3:.1f}" font-size="9" '
                    f'fill="{stroke}" font-weight="bold">{escape(badge)}</text>'
                )
    axis = TOP + len(bands) * (BAND_HEIGHT + BAND_GAP) + 4
    out.append(
        f'<line x1="{LABEL_WIDTH}" y1="{axis:.1f}" x2="{end}" y2="{axis:.1f}" stroke="#37414b"/>'
    )
    last_x = -1e9
    for index, snap in enumerate(readable):
        x = xs[index]
        out.append(
            f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{axis + 4:.1f}" '
            'stroke="#37414b" stroke-width="0.6" stroke-dasharray="2 2"/>'
        )
        if x - last_x > 70:  # labels that would overlap are left to the tooltip
            out.append(
                f'<text x="{x:.1f}" y="{axis + 18:.1f}" font-size="9">{snap.day}</text>'
                f'<text x="{x:.1f}" y="{axis + 30:.1f}" font-size="9" fill="#57606a">'
                f"{escape('fell due' if '+' in snap.label else snap.label)}</text>"
            )
            last_x = x
    out.append(_legend(axis + 48))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _runs(
    snapshots: Sequence[Snapshot], xs: Sequence[float], node: str, end: float
) -> list[tuple[float, float, str, Snapshot]]:
    """Stretches of one status for one band: (start, end, status, the snapshot it began at)."""
    runs: list[tuple[float, float, str, Snapshot]] = []
    for index, snap in enumerate(snapshots):
        status = snap.statuses.get(node)
        x1 = xs[index + 1] if index + 1 < len(snapshots) else end
        if status is None:
            continue
        if runs and runs[-1][2] == status and abs(runs[-1][1] - xs[index]) < 1e-6:
            runs[-1] = (runs[-1][0], x1, status, runs[-1][3])
        else:
            runs.append((xs[index], x1, status, snap))
    return runs


def _positions(snapshots: Sequence[Snapshot]) -> list[float]:
    """Where each revision starts: by date, or evenly when they all fall on one day."""
    if not snapshots:
        return []
    first, last = snapshots[0].day, snapshots[-1].day
    span = (last - first).days
    if span <= 0:
        step = CHART_WIDTH / len(snapshots)
        return [LABEL_WIDTH + i * step for i in range(len(snapshots))]
    # The last revision gets a tenth of the width to show where things stand now.
    usable = CHART_WIDTH * 0.9
    return [LABEL_WIDTH + (s.day - first).days / span * usable for s in snapshots]


def _legend(y: float) -> str:
    parts = []
    x = 16.0
    for status in ("supported", "undeveloped", "weakened", "defeated"):
        fill, stroke, badge = _look(status)
        parts.append(
            f'<rect x="{x:.0f}" y="{y - 10:.0f}" width="14" height="12" fill="{fill}" '
            f'stroke="{stroke}"/><text x="{x + 20:.0f}" y="{y:.0f}">{status} ({badge})</text>'
        )
        x += 30 + text_width(f"{status} ({badge})", FONT_SIZE) + 16
    return "".join(parts)
