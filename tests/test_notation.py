"""Text measurement, wrapping and node geometry shared by the canvas and the exports."""

from __future__ import annotations

from gsn_studio.model import Node, NodeType
from gsn_studio.notation.geometry import TEXT_SIZE, WRAP_WIDTH, geometry_of
from gsn_studio.notation.metrics import text_width
from gsn_studio.notation.palette import STATUS_MARKS, Status
from gsn_studio.notation.wrap import MAX_LINES, wrap_text


def test_wrapped_lines_fit_the_width() -> None:
    """No wrapped line is wider than the wrap width, and no word is lost."""
    text = "The infusion pump stops delivery within two seconds of detecting an occlusion " * 3
    lines = wrap_text(text, 150, TEXT_SIZE)
    assert len(lines) > 3
    assert all(text_width(line, TEXT_SIZE) <= 150 for line in lines)
    assert " ".join(lines).split() == text.split()


def test_explicit_newlines_are_kept() -> None:
    """A statement written on two lines stays on two lines, blank lines included."""
    assert wrap_text("First\n\nThird", 500, TEXT_SIZE) == ["First", "", "Third"]


def test_long_words_are_split() -> None:
    """A URL longer than the line is broken by character instead of overflowing."""
    url = "https://example.org/" + "x" * 120
    lines = wrap_text(url, 100, TEXT_SIZE)
    assert "".join(lines) == url
    assert all(text_width(line, TEXT_SIZE) <= 100 for line in lines)


def test_wide_and_accented_characters_are_measured() -> None:
    """CJK characters count one em, accented letters as their base letter."""
    assert text_width("過剰", 10) == 20
    assert text_width("é", 10) == text_width("e", 10)


def test_huge_statements_are_capped() -> None:
    """A megabyte of text is shown as at most MAX_LINES lines, ending with an ellipsis."""
    lines = wrap_text("word " * 200_000, 190, TEXT_SIZE)
    assert len(lines) == MAX_LINES
    assert lines[-1].endswith("…")


def test_shapes_grow_with_their_text() -> None:
    """A longer statement gives a taller node; every type has a positive size."""
    short = geometry_of(Node(id="G1", type=NodeType.GOAL, statement="Safe"))
    long = geometry_of(Node(id="G1", type=NodeType.GOAL, statement="Safe to operate " * 20))
    assert long.height > short.height
    assert long.width <= WRAP_WIDTH[NodeType.GOAL] + 20
    for node_type in NodeType:
        geometry = geometry_of(Node(id="X1", type=node_type, statement="Some text"))
        assert geometry.width > 0 and geometry.height > 0


def test_ovals_carry_their_letter() -> None:
    """Assumptions and justifications are marked A and J, as the standard draws them."""
    assert geometry_of(Node(id="A1", type=NodeType.ASSUMPTION)).corner_letter == "A"
    assert geometry_of(Node(id="J1", type=NodeType.JUSTIFICATION)).corner_letter == "J"
    assert geometry_of(Node(id="G1", type=NodeType.GOAL)).corner_letter == ""


def test_every_status_has_a_mark_with_a_badge() -> None:
    """Each status the canvas can show has a colour, a dash pattern or width, and a badge word."""
    for status in Status:
        if status is Status.NONE:
            continue
        mark = STATUS_MARKS[status]
        assert mark.badge and mark.label and mark.stroke.startswith("#")


def test_a_word_too_wide_breaks_after_an_underscore_not_inside_a_name() -> None:
    """A long parameter or path breaks after `_` or `/` when one fits, so "{procedure_" and
    "evidence}" read as parts of one name; without one it still breaks by character."""
    from gsn_studio.notation.wrap import wrap_text

    assert wrap_text("{procedure_evidence} for {hazards}", 110, 12)[:2] == [
        "{procedure_",
        "evidence} for",
    ]
    assert all(len(line) == 16 for line in wrap_text("a" * 48, 100, 10))
