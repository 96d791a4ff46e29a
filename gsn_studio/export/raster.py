"""PNG and PDF from our SVG with CairoSVG: no display, no Qt, vector PDF."""

from __future__ import annotations

import math
import re
from types import ModuleType

from gsn_studio.io.errors import CaseFileError

MAX_PIXELS = 100_000_000
"""The largest PNG we draw: 400 MB of pixels in memory while cairo paints them."""
MAX_SIDE = 32_767
"""Cairo's own limit for one side of an image."""
_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([^"]+)"\s+height="([^"]+)"')


class RasterTooLarge(ValueError):
    """A PNG of this figure at this scale would be too large to draw; the message says why and
    what to do instead."""


def png_size(svg: str, scale: float) -> tuple[int, int]:
    """The pixel size of the PNG of one of our SVG figures at a scale."""
    found = _SIZE.search(svg, 0, 4096)
    if found is None:
        raise ValueError("the figure has no size")
    width, height = (float(found.group(i)) for i in (1, 2))
    return math.ceil(width * scale), math.ceil(height * scale)


def check_png_size(svg: str, scale: float) -> None:
    """Refuse, before any memory is taken, a PNG beyond MAX_PIXELS or MAX_SIDE."""
    width, height = png_size(svg, scale)
    if width <= MAX_SIDE and height <= MAX_SIDE and width * height <= MAX_PIXELS:
        return
    fits = scale * min(
        MAX_SIDE / width, MAX_SIDE / height, math.sqrt(MAX_PIXELS / (width * height))
    )
    smaller = (
        f", or a smaller scale (at most {_round_down(fits):g} for this figure)"
        if fits >= 0.1
        else ""
    )
    raise RasterTooLarge(
        f"the PNG would be {width:,} × {height:,} pixels, over the limit of {MAX_SIDE:,} a side or "
        f"{MAX_PIXELS // 1_000_000} megapixels in all: export SVG or PDF instead{smaller}"
    )


def _round_down(value: float) -> float:
    """Two significant digits, never above value."""
    step = 10.0 ** (math.floor(math.log10(value)) - 1)
    return float(math.floor(value / step) * step)


def _cairosvg() -> ModuleType:
    try:
        import cairosvg  # noqa: PLC0415 (needs the system cairo library, loaded on demand)
    except (ImportError, OSError) as error:
        raise CaseFileError(
            "cairosvg",
            f"PNG and PDF export need CairoSVG and the cairo library ({error}); "
            "install them (pip install cairosvg; apt-get install libcairo2) or export SVG",
        ) from None
    module: ModuleType = cairosvg
    return module


def to_png(svg: str, scale: float, background: str | None) -> bytes:
    """Raises RasterTooLarge for a picture too large to draw (see check_png_size)."""
    check_png_size(svg, scale)
    data: bytes = _cairosvg().svg2png(
        bytestring=svg.encode("utf-8"), scale=scale, background_color=background, unsafe=False
    )
    return data


def to_pdf(svg: str) -> bytes:
    data: bytes = _cairosvg().svg2pdf(bytestring=svg.encode("utf-8"), unsafe=False)
    return data
