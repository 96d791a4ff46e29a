"""PNG and PDF from our SVG with CairoSVG: no display, no Qt, vector PDF."""

from __future__ import annotations

from types import ModuleType

from gsn_studio.io.errors import CaseFileError


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
    data: bytes = _cairosvg().svg2png(
        bytestring=svg.encode("utf-8"), scale=scale, background_color=background, unsafe=False
    )
    return data


def to_pdf(svg: str) -> bytes:
    data: bytes = _cairosvg().svg2pdf(bytestring=svg.encode("utf-8"), unsafe=False)
    return data
