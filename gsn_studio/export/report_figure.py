"""A module's figure for the report: our SVG drawn to PNG with CairoSVG (as `export` draws
PNG, no Qt), sized to fit the page and drawn sharp enough to print and to zoom into."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from pathlib import Path

from gsn_studio import __version__
from gsn_studio.export.figure import positions_for
from gsn_studio.export.raster import MAX_SIDE, png_size, to_png
from gsn_studio.export.report_model import Block, Figure, Para, Span
from gsn_studio.export.select import subtree, subtree_caption
from gsn_studio.export.svg import render_svg
from gsn_studio.model import Case, LinkKind, Module
from gsn_studio.notation.palette import Status
from gsn_studio.notation.themes import THEMES

CONTENT_WIDTH = 481.9
"""An A4 page less 2 cm margins each side, in points: the widest a figure is placed."""
FIGURE_HEIGHT = 600.0
"""The tallest a figure is placed, leaving room on its page for the caption."""
PRINT_DPI = 220
MAX_FIGURE_PIXELS = 6_000_000
"""More pixels than print needs, so a reduced figure can be zoomed into; bounded to keep the
document a few megabytes."""
POINTS_PER_UNIT = 0.75
"""Our SVG's user unit is a CSS pixel: 96 to the inch, 72 points."""
READABLE = 0.55
"""Below this reduction the figure's text is smaller than about 5 points."""


def module_figures(
    module: Module, marks: Mapping[str, str], folder: Path, day: dt.date
) -> list[Block]:
    """The module's figure; when it must be reduced so far that its text cannot be read, also
    one figure per main branch (the subtrees under the top claim's strategy), each readable."""
    case = module.case
    if not case.nodes:
        return [Para((Span("The module has no elements to draw.", "italic"),), "note")]
    name = module.name.strip() or module.id
    whole = _figure(case, marks, f"{name}: the argument as of {day.isoformat()}")
    if not isinstance(whole, Figure) or not whole.note:
        return [whole]
    branches = main_branches(case)
    if len(branches) < 2:
        return [_with_note(whole, folder / module.path)]
    overview = dataclasses.replace(
        whole,
        note=f"Reduced to fit the page; each main branch follows at a readable size "
        f"({', '.join(branches)}).",
    )
    parts: list[Block] = [overview]
    for root in branches:
        part = subtree(case, root)
        caption = f"{name}: {subtree_caption(case, root)}, as of {day.isoformat()}"
        figure = _figure(part, marks, caption)
        if isinstance(figure, Figure) and figure.note:
            figure = _with_note(figure, folder / module.path)
        parts.append(figure)
    return parts


def main_branches(case: Case) -> list[str]:
    """Where the argument fans out: below each top claim, past any single step (G1 → S1),
    the elements that support that step."""
    supports: dict[str, list[str]] = {}
    supported: set[str] = set()
    for link in case.links:
        if link.kind is LinkKind.SUPPORTED_BY and link.source in case and link.target in case:
            supports.setdefault(link.source, []).append(link.target)
            supported.add(link.target)
    branches: list[str] = []
    for node in case.nodes:
        if node.id in supported or node.id not in supports:
            continue
        current, seen = node.id, {node.id}
        while len(supports.get(current, [])) == 1 and supports[current][0] not in seen:
            current = supports[current][0]
            seen.add(current)
        branches += [child for child in supports.get(current, []) if child in supports]
    return list(dict.fromkeys(branches))


def _with_note(figure: Figure, path: Path) -> Figure:
    return dataclasses.replace(
        figure,
        note=f"{figure.note}; zoom in, or export the figure at full size: "
        f"gsn-studio export {path.name} -o figure.svg",
    )


def _figure(case: Case, marks: Mapping[str, str], title: str) -> Block:
    positions = positions_for(case)
    statuses = {node_id: _status(mark) for node_id, mark in marks.items()}
    svg = render_svg(case, positions, statuses, THEMES["light"])
    width, height = png_size(svg, 1.0)
    natural_w, natural_h = width * POINTS_PER_UNIT, height * POINTS_PER_UNIT
    fit = min(1.0, CONTENT_WIDTH / natural_w, FIGURE_HEIGHT / natural_h)
    placed_w, placed_h = natural_w * fit, natural_h * fit
    png = to_png(svg, png_scale(width, height, placed_w), THEMES["light"].background)
    caption = f"{title}, coloured by status (GSN Studio {__version__})"
    note = f"Reduced to {fit:.0%} of its size to fit the page" if fit < READABLE else ""
    return Figure(png, placed_w, placed_h, caption, note)


def png_scale(width: float, height: float, placed_width: float) -> float:
    """Pixels per SVG unit: sharp in print at its placed width (PRINT_DPI), and more, up to
    MAX_FIGURE_PIXELS, so a reduced figure can be zoomed into; never beyond what CairoSVG
    can draw in one image (a very long or tall argument)."""
    for_print = placed_width / 72 * PRINT_DPI / width
    for_zoom = min(2.0, math.sqrt(MAX_FIGURE_PIXELS / (width * height)))
    return min(max(for_print, for_zoom), MAX_SIDE / width, MAX_SIDE / height)


def _status(mark: str) -> Status:
    try:
        return Status(mark)
    except ValueError:
        return Status.NONE
