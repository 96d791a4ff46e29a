"""Rich statement text in the figure: bold, italic and links as real SVG text. Everything is
escaped; a link is an <a> only for http(s) and mailto addresses, so a figure runs no script."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from gsn_studio.export.svg_parts import num
from gsn_studio.notation.rich_text import Run, styled_lines

LINK_COLOUR = "#1a5fb4"
_XLINK = "http://www.w3.org/1999/xlink"


def rich_tspans(statement: str, lines: tuple[str, ...], left: float, line_height: float) -> str:
    """One tspan per wrapped line, its runs styled inside it."""
    out = []
    for runs in styled_lines(statement, lines):
        inner = "".join(_run(run) for run in runs) or " "
        out.append(f'<tspan x="{num(left)}" dy="{num(line_height)}">{inner}</tspan>')
    return "".join(out)


def _run(run: Run) -> str:
    text = escape(run.text)
    style = ""
    if run.bold:
        style += ' font-weight="bold"'
    if run.italic:
        style += ' font-style="italic"'
    if run.href:
        style += f' fill="{LINK_COLOUR}" text-decoration="underline"'
    piece = f"<tspan{style}>{text}</tspan>" if style else text
    if run.href:
        href = quoteattr(run.href)
        return f'<a xmlns:xlink="{_XLINK}" xlink:href={href} href={href}>{piece}</a>'
    return piece
