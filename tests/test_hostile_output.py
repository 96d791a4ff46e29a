"""What a shared case can do to the outputs: a word with no spaces, escapes for the terminal,
formulas for a spreadsheet, a picture too large to rasterise, many writers at once."""

from __future__ import annotations

import pytest

from gsn_studio.notation import wrap
from gsn_studio.notation.geometry import TEXT_SIZE
from gsn_studio.notation.metrics import text_width
from gsn_studio.notation.wrap import MAX_LINES, wrap_text


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the characters line breaking measures, the measure of its work."""
    tally = [0]
    real = wrap.char_em

    def counting(char: str, bold: bool = False) -> float:
        tally[0] += 1
        return real(char, bold)

    monkeypatch.setattr(wrap, "char_em", counting)
    return tally


@pytest.mark.parametrize("length", [10_000, 100_000, 9_000_000])
def test_a_long_word_is_wrapped_in_work_bounded_by_the_line_limit(
    measured: list[int], length: int
) -> None:
    """A word with no spaces is measured once per character, up to the line limit only."""
    lines = wrap_text("x" * length, 190, TEXT_SIZE)
    assert len(lines) == MAX_LINES
    assert lines[-1].endswith("…")
    assert all(text_width(line, TEXT_SIZE) <= 190 for line in lines[:-1])
    shown = sum(len(line) for line in lines)
    assert measured[0] <= 3 * shown + 100


def test_many_short_words_are_measured_once_each(measured: list[int]) -> None:
    """Spaces do not make wrapping quadratic either: each character is measured about once."""
    text = "a " * 200
    lines = wrap_text(text, 190, TEXT_SIZE)
    assert " ".join(lines).split() == text.split()
    assert measured[0] <= 2 * len(text)


def test_wrapping_keeps_spacing_and_breaks_a_long_word_after_the_line_before() -> None:
    """Spaces between words are kept; a word wider than a line starts a line of its own."""
    assert wrap_text("The pump  stops", 500, TEXT_SIZE) == ["The pump  stops"]
    lines = wrap_text("short " + "y" * 80 + " tail", 100, TEXT_SIZE)
    assert lines[0] == "short"
    assert "".join(lines[1:]).replace(" ", "") == "y" * 80 + "tail"
    assert all(text_width(line, TEXT_SIZE) <= 100 for line in lines)
