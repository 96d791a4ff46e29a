"""Top-down layout with Graphviz dot: sizes from the notation, contexts in a column beside
their node, sibling order kept. dot runs as a child process so that a caller can cancel it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from gsn_studio.layout.blocks import Block, blocks_of, layout_children
from gsn_studio.model import Case, Position

POINTS_PER_INCH = 72.0
NODE_GAP = 0.4  # inches between neighbours on a rank
RANK_GAP = 0.55  # inches between ranks


class LayoutError(Exception):
    """dot is missing or failed; the message says what to do."""


class LayoutCancelled(Exception):
    """The caller asked to stop."""


def dot_program() -> str:
    """The dot binary: graphviz-pure from PyPI beside our Python, else a system `dot`."""
    for folder in (Path(sys.executable).parent, None):
        for name in ("graphviz-pure", "dot"):
            found = shutil.which(name, path=str(folder)) if folder else shutil.which(name)
            if found:
                return found
    raise LayoutError(
        "no Graphviz found: install the graphviz-pure package (pip install graphviz-pure) "
        "or Graphviz's dot"
    )


def to_dot(case: Case, blocks: dict[str, Block] | None = None) -> str:
    """The case as a dot graph of blocks whose sizes are what the canvas draws."""
    blocks = blocks_of(case) if blocks is None else blocks
    lines = [
        "digraph gsn {",
        f"  graph [rankdir=TB, ordering=out, nodesep={NODE_GAP}, ranksep={RANK_GAP}, "
        "splines=false];",
        '  node [shape=box, fixedsize=true, label=""];',
    ]
    for block in blocks.values():
        lines.append(
            f"  {_quote(block.anchor)} [width={block.width / POINTS_PER_INCH:.3f}, "
            f"height={block.height / POINTS_PER_INCH:.3f}];"
        )
    for parent, below in layout_children(case, blocks).items():
        for child in below:
            lines.append(f"  {_quote(parent)} -> {_quote(child)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def dot_layout(
    case: Case,
    cancelled: Callable[[], bool] = lambda: False,
    timeout: float = 600.0,
) -> dict[str, Position]:
    """Centre positions for every node, top-down; raises LayoutCancelled when asked to stop."""
    if not case.nodes:
        return {}
    blocks = blocks_of(case)
    source = to_dot(case, blocks)
    if cancelled():
        raise LayoutCancelled
    process = subprocess.Popen(
        [dot_program(), "-Tplain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    started = time.monotonic()
    pending: str | None = source  # communicate() keeps feeding it across time-outs
    try:
        while True:
            try:
                output, errors = process.communicate(pending, timeout=0.05)
                break
            except subprocess.TimeoutExpired:
                pending = None
                if cancelled():
                    raise LayoutCancelled from None
                if time.monotonic() - started > timeout:
                    raise LayoutError(f"dot took longer than {timeout:.0f} s") from None
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if process.returncode != 0:
        raise LayoutError(f"dot failed: {errors.strip().splitlines()[-1] if errors else '?'}")
    positions: dict[str, Position] = {}
    for anchor, centre in parse_plain(output).items():
        for member, (dx, dy) in blocks[anchor].offsets.items():
            positions[member] = Position(x=centre.x + dx, y=centre.y + dy)
    return positions


def parse_plain(output: str) -> dict[str, Position]:
    """Positions from dot's plain format (inches, y up) in points with y down."""
    positions: dict[str, Position] = {}
    height = 0.0
    for line in output.splitlines():
        parts = _split(line)
        if not parts:
            continue
        if parts[0] == "graph":
            height = float(parts[3])
        elif parts[0] == "node":
            x, y = float(parts[2]), float(parts[3])
            positions[parts[1]] = Position(x=x * POINTS_PER_INCH, y=(height - y) * POINTS_PER_INCH)
    return positions


def _quote(node_id: str) -> str:
    return '"' + node_id.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _split(line: str) -> list[str]:
    """Split a plain-format line; names may be double-quoted."""
    parts: list[str] = []
    current, quoted, escaped = "", False, False
    for char in line:
        if escaped:
            current += char
            escaped = False
        elif char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == " " and not quoted:
            if current:
                parts.append(current)
            current = ""
        else:
            current += char
    if current:
        parts.append(current)
    return parts
