"""Random text through every output rule: line breaking, the terminal, CSV and Markdown cells.
Each property is what a hostile statement, comment or reference must never break."""

from __future__ import annotations

import csv
import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gsn_studio.cli.common import terminal_text
from gsn_studio.export.register_table import csv_cell, markdown_cell, register_csv
from gsn_studio.notation.geometry import TEXT_SIZE
from gsn_studio.notation.metrics import text_width
from gsn_studio.notation.wrap import MAX_LINES, wrap_text

# Every kind of character: controls, surrogates, bidi, wide, combining, and long runs.
ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=400) | st.builds(
    lambda char, count: char * count,
    st.characters(codec=None),
    st.integers(min_value=1, max_value=20_000),
)
CELL_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"])
    | st.sampled_from("=+-@\t\r\n<>![]()|`*_\\&"),
    max_size=60,
)


@settings(max_examples=100, deadline=None)
@given(ANY_TEXT, st.sampled_from([30.0, 120.0, 190.0]))
def test_wrapping_any_text_fits_and_is_capped(text: str, width: float) -> None:
    """Any text wraps into at most MAX_LINES lines; only a single character may be wider."""
    lines = wrap_text(text, width, TEXT_SIZE)
    assert 1 <= len(lines) <= MAX_LINES
    for line in lines[:-1] if len(lines) == MAX_LINES else lines:
        assert text_width(line, TEXT_SIZE) <= width or len(line.strip()) <= 1


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_terminal_text_never_holds_what_a_terminal_obeys(text: str) -> None:
    """No control, bidi control or surrogate survives, and the result can be printed."""
    shown = terminal_text(text)
    assert not re.search(
        "[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]", shown
    )
    shown.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(CELL_TEXT)
def test_no_csv_cell_reads_as_a_formula(text: str) -> None:
    """Written and read back as CSV, no cell starts a formula unless it is a plain number."""
    out = register_csv([{"a": text}], ["a"])
    (cell,) = list(csv.reader(io.StringIO(out)))[1]
    assert cell == csv_cell(text)
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\n"):
        float(cell)  # only a number may start so


@settings(max_examples=300, deadline=None)
@given(CELL_TEXT)
def test_no_markdown_cell_holds_a_tag_an_image_or_a_cell_break(text: str) -> None:
    """A cell has no "<", no unescaped "![", "](" or "|", and no line break."""
    cell = markdown_cell(text)
    assert "<" not in cell and "\n" not in cell and "\r" not in cell
    assert not re.search(r"(?<!\\)(\\\\)*!\[|(?<!\\)(\\\\)*\]\(|(?<!\\)(\\\\)*\|", cell)
