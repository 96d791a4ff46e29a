"""The architecture view of a case of modules as an SVG figure: each module drawn as the
standard's module shape (a tabbed rectangle) with its name, owner and verdict, coloured by
its worst status; an arrow from each module to every module it depends on (uses, cites,
links into or has contracts with). Modules are layered: those that nothing uses on top."""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from gsn_studio.analysis.modules import ModularAssessment
from gsn_studio.export.svg import CAPTION_SIZE, render_svg
from gsn_studio.export.svg_parts import num
from gsn_studio.layout import layout_case
from gsn_studio.notation.away import TAB_HEIGHT, tabbed_box
from gsn_studio.notation.metrics import FALLBACK_FAMILIES, text_width
from gsn_studio.notation.palette import STATUS_MARKS, Status

BOX_MIN_WIDTH = 170.0
BOX_HEIGHT = 64.0
GAP_X = 40.0
GAP_Y = 70.0
MARGIN = 24.0
SIZE = 11.0


@dataclass(frozen=True)
class Placed:
    module: str
    x: float
    """Centre."""
    y: float
    width: float


def architecture_svg(
    whole: ModularAssessment, links: dict[str, str] | None = None, caption: str = ""
) -> str:
    """The figure; `links` maps a module id to a URL its box links to (the HTML pages), and
    `caption` is a line below it (which day the colours were judged)."""
    modular, depends, uses = whole.modular, whole.complete.depends, whole.complete.uses
    modules = {m.id: m for m in modular.modules}
    layers = _layers(list(modules), uses)
    widths = {
        m.id: max(
            BOX_MIN_WIDTH, text_width(m.name, SIZE, bold=True) + 24, text_width(m.owner, SIZE) + 24
        )
        for m in modular.modules
    }
    row_widths = [sum(widths[i] for i in row) + GAP_X * (len(row) - 1) for row in layers]
    total_width = max(row_widths, default=0) + 2 * MARGIN
    placed: dict[str, Placed] = {}
    for depth, row in enumerate(layers):
        x = (total_width - row_widths[depth]) / 2
        y = MARGIN + TAB_HEIGHT + depth * (BOX_HEIGHT + GAP_Y) + BOX_HEIGHT / 2
        for module_id in row:
            placed[module_id] = Placed(module_id, x + widths[module_id] / 2, y, widths[module_id])
            x += widths[module_id] + GAP_X
    height = MARGIN * 2 + TAB_HEIGHT + len(layers) * (BOX_HEIGHT + GAP_Y) - GAP_Y
    caption_baseline = height
    if caption:
        total_width = max(total_width, text_width(caption, CAPTION_SIZE) + 2 * MARGIN)
        height += CAPTION_SIZE * 1.6
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(total_width)}" '
        f'height="{num(height)}" viewBox="0 0 {num(total_width)} {num(height)}" '
        f'font-family="{FALLBACK_FAMILIES}" font-size="{num(SIZE)}">',
        '<defs><marker id="arch-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#37474f"/></marker></defs>',
        f'<rect width="{num(total_width)}" height="{num(height)}" fill="#ffffff"/>',
    ]
    for source, targets in sorted(depends.items()):
        for target in sorted(targets):
            if source in placed and target in placed and source != target:
                declared = target in uses.get(source, set())
                out.append(_arrow(placed[source], placed[target], declared))
    for module_id, spot in placed.items():
        module = modules[module_id]
        verdict = whole.module_verdict(module).value
        mark = STATUS_MARKS.get(Status(verdict)) if verdict in _WORDS else None
        fill, stroke = (mark.fill, mark.stroke) if mark is not None else ("#ffffff", "#37474f")
        left, top = spot.x - spot.width / 2, spot.y - BOX_HEIGHT / 2 - TAB_HEIGHT
        points = tabbed_box(
            left,
            top,
            spot.width,
            BOX_HEIGHT + TAB_HEIGHT,
            tab=(min(60.0, spot.width * 0.4), TAB_HEIGHT),
        )
        shape = " ".join(f"{num(px)},{num(py)}" for px, py in points)
        box = (
            f'<g id={quoteattr("module-" + module_id)} class="gsn-module {verdict}">'
            f'<polygon points="{shape}" fill="{fill}" stroke="{stroke}" stroke-width="1.8"/>'
            f'<text x="{num(spot.x)}" y="{num(spot.y - 10)}" text-anchor="middle" '
            f'font-weight="bold">{escape(module.name)}</text>'
            f'<text x="{num(spot.x)}" y="{num(spot.y + 6)}" text-anchor="middle" '
            f'fill="#455a64">{escape(module.owner)}</text>'
            f'<text x="{num(spot.x)}" y="{num(spot.y + 22)}" text-anchor="middle" '
            f'fill="{stroke}" font-weight="bold">{escape(verdict)}</text></g>'
        )
        href = (links or {}).get(module_id)
        out.append(f"<a href={quoteattr(href)}>{box}</a>" if href else box)
    if caption:
        out.append(
            f'<text class="gsn-caption" x="{num(MARGIN)}" y="{num(caption_baseline)}" '
            f'font-size="{num(CAPTION_SIZE)}" fill="#455a64">{escape(caption)}</text>'
        )
    out.append("</svg>\n")
    return "".join(out)


_WORDS = frozenset(status.value for status in Status)


def complete_svg(whole: ModularAssessment, caption: str = "") -> str:
    """The complete view: every module unrolled into one argument (the standard's complete
    view), laid out afresh, each element marked with its status."""
    case = whole.complete.case
    marks = whole.assessment.marks(case)
    statuses = {node_id: Status(m) for node_id, m in marks.items() if m in _WORDS}
    return render_svg(
        case,
        layout_case(case, folded=()),  # complete: what the diagrams fold is drawn too
        statuses,
        title=f"{case.name}: complete view",
        caption=caption,
    )


def _layers(modules: list[str], depends: dict[str, set[str]]) -> list[list[str]]:
    """Rows of modules: each below every module that depends on it (cycles broken)."""
    depth: dict[str, int] = {}
    users: dict[str, set[str]] = {m: set() for m in modules}
    for source, targets in depends.items():
        for target in targets:
            if target in users and source != target:
                users[target].add(source)

    def depth_of(module: str, seen: frozenset[str]) -> int:
        if module not in depth:
            above = [u for u in users[module] if u not in seen]
            depth[module] = max((depth_of(u, seen | {module}) + 1 for u in above), default=0)
        return depth[module]

    for module in modules:
        depth_of(module, frozenset())
    rows: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for module in modules:
        rows[depth[module]].append(module)
    return rows


def _arrow(source: Placed, target: Placed, declared: bool) -> str:
    """From the bottom of the user to the top of the used (sideways within a row, upwards
    to a module it develops a goal of); dashed when not declared in `uses` (a contract, a
    citation or a link into the module)."""
    if math.isclose(source.y, target.y):
        sign = 1 if target.x > source.x else -1
        x1, y1 = source.x + sign * source.width / 2, source.y
        x2, y2 = target.x - sign * target.width / 2, target.y
    elif target.y > source.y:
        x1, y1 = source.x, source.y + BOX_HEIGHT / 2
        x2, y2 = target.x, target.y - BOX_HEIGHT / 2 - TAB_HEIGHT
    else:
        x1, y1 = source.x + source.width / 4, source.y - BOX_HEIGHT / 2
        x2, y2 = target.x + target.width / 4, target.y + BOX_HEIGHT / 2
    dash = "" if declared else ' stroke-dasharray="5 3"'
    kind = "uses" if declared else "depends"
    return (
        f'<line class="gsn-{kind}" x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
        f'stroke="#37474f" stroke-width="1.4"{dash} marker-end="url(#arch-arrow)"/>'
    )
