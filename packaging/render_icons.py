"""Render the hicolor PNG icons from the SVG drawings in resources/icons (run after editing them).

    python packaging/render_icons.py

The PNGs are committed, so installing needs no renderer; so are the Windows .ico and the
macOS .icns made from them for the PyInstaller bundle (packaging/pyinstaller). 16 pixels uses
its own drawing (small.svg, whole-pixel shapes); every other size is the scalable drawing,
rendered by cairosvg.
"""

from __future__ import annotations

from pathlib import Path

import cairosvg
from PIL import Image

from gsn_studio.cli.install_desktop import APP_ID, ICON_SIZES, SMALL_ICON_MAX

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
BUNDLE = Path(__file__).resolve().parent / "pyinstaller"


def render() -> list[Path]:
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    written = []
    for size in ICON_SIZES:
        source = ICONS / "small.svg" if size <= SMALL_ICON_MAX else scalable
        target = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        cairosvg.svg2png(
            url=str(source), write_to=str(target), output_width=size, output_height=size
        )
        written.append(target)
    largest = Image.open(written[-1])
    ico = BUNDLE / "gsn-studio.ico"  # Windows: every size up to 256, each drawn for its size
    images = [Image.open(path) for path in written if Image.open(path).width <= 256]
    images[-1].save(ico, sizes=[(i.width, i.height) for i in images], append_images=images[:-1])
    icns = BUNDLE / "gsn-studio.icns"
    largest.save(icns)
    return [*written, ico, icns]


if __name__ == "__main__":
    for path in render():
        print(path)
