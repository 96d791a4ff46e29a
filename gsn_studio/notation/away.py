"""How the modular extension of GSN v3 draws its elements, for canvas and figures alike.

An away element keeps its element's shape and gains a lower band holding the module icon and
the name of the module the element lives in; away solutions, assumptions and justifications
keep the top half of their oval over a straight-sided lower part, so the band is a band. A
module reference is the standard's module shape: a rectangle with a tab on its top left.
"""

from __future__ import annotations

import functools
import math

from gsn_studio.model import NodeType
from gsn_studio.notation.geometry import (
    LINE_HEIGHT,
    PADDING,
    TEXT_SIZE,
    Band,
    Geometry,
    Outline,
    _geometry,
)
from gsn_studio.notation.metrics import text_width

BAND_PADDING = 4.0
BAND_HEIGHT = LINE_HEIGHT + 2 * BAND_PADDING
ICON_WIDTH = 14.0
ICON_HEIGHT = 9.0
ICON_TAB = 3.0
ICON_GAP = 5.0
TAB_HEIGHT = 9.0
"""Height of the tab on a module reference's top left."""
ARC_STEPS = 24
"""Segments of the half oval on top of an away solution, assumption or justification."""


def tabbed_box(
    left: float, top: float, width: float, height: float, *, tab: tuple[float, float]
) -> tuple[tuple[float, float], ...]:
    """A rectangle with a tab on its top left, as one closed polygon: the module shape."""
    tab_width, tab_height = tab
    body_top = top + tab_height
    right, bottom = left + width, top + height
    return (
        (left, body_top),
        (left, top),
        (left + tab_width, top),
        (left + tab_width, body_top),
        (right, body_top),
        (right, bottom),
        (left, bottom),
    )


@functools.lru_cache(maxsize=65536)
def away_geometry(node_type: NodeType, node_id: str, statement: str, module: str) -> Geometry:
    body = _geometry(node_type, node_id, statement)
    band_width = ICON_WIDTH + ICON_GAP + text_width(module, TEXT_SIZE) * 1.07 + 2 * PADDING
    width = max(body.width, band_width)
    text_h = -2 * body.text_top
    if body.outline.kind == "ellipse":
        # The top half of the oval, then straight sides down past the text to the band.
        rx, ry = width / 2, body.height / 2
        height = ry + text_h / 2 + PADDING + BAND_HEIGHT
        centre_y = -height / 2 + ry  # the oval's centre, where the text is centred
        divider = centre_y + text_h / 2 + PADDING
        bottom = height / 2
        arc = tuple(
            (
                round(-rx * math.cos(math.pi * i / ARC_STEPS), 2),
                round(centre_y - ry * math.sin(math.pi * i / ARC_STEPS), 2),
            )
            for i in range(ARC_STEPS + 1)
        )
        outline = Outline("polygon", points=(*arc, (rx, bottom), (-rx, bottom)))
        text_top = centre_y - text_h / 2
        letter = (rx + 3, divider) if body.corner_letter else (0.0, 0.0)
    else:
        height = body.height + BAND_HEIGHT
        divider = height / 2 - BAND_HEIGHT
        outline = Outline(
            body.outline.kind,
            x=-width / 2,
            y=-height / 2,
            width=width,
            height=height,
            radius=body.outline.radius,
        )
        text_top = -height / 2 + PADDING
        letter = (0.0, 0.0)
    return Geometry(
        width=round(width, 2),
        height=round(height, 2),
        outline=outline,
        lines=body.lines,
        text_left=body.text_left,
        text_top=round(text_top, 2),
        text_width=body.text_width,
        corner_letter=body.corner_letter,
        letter_x=round(letter[0], 2),
        letter_y=round(letter[1], 2),
        band=_band(width, divider, module),
    )


def _band(width: float, divider: float, module: str) -> Band:
    left = -width / 2 + PADDING
    icon_top = divider + (BAND_HEIGHT - ICON_HEIGHT) / 2
    icon = tabbed_box(left, icon_top, ICON_WIDTH, ICON_HEIGHT, tab=(ICON_WIDTH * 0.45, ICON_TAB))
    return Band(
        divider_y=round(divider, 2),
        text=module,
        text_x=round(left + ICON_WIDTH + ICON_GAP, 2),
        text_top=round(divider + BAND_PADDING, 2),
        icon=tuple((round(x, 2), round(y, 2)) for x, y in icon),
    )


@functools.lru_cache(maxsize=65536)
def module_geometry(node_id: str, statement: str, module: str) -> Geometry:
    """A module reference: the module shape holding its id, statement and the module's name."""
    body = _geometry(NodeType.GOAL, node_id, statement, f"module {module}")
    width, height = body.width, body.height + TAB_HEIGHT
    tab = min(width * 0.4, 70.0)
    points = tabbed_box(-width / 2, -height / 2, width, height, tab=(tab, TAB_HEIGHT))
    return Geometry(
        width=width,
        height=round(height, 2),
        outline=Outline("polygon", points=tuple((round(x, 2), round(y, 2)) for x, y in points)),
        lines=body.lines,
        text_left=body.text_left,
        text_top=round(body.text_top + TAB_HEIGHT / 2, 2),
        text_width=body.text_width,
    )
