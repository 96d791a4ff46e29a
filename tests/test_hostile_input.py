"""Files built to hurt: huge, deeply nested, a megabyte label, control characters, right-to-left
text, bytes that are not UTF-8. Each is refused cleanly or read correctly, in bounded time."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from factories import hazard_case

from gsn_studio.analysis import check_case
from gsn_studio.export.figure import ExportOptions, make_svg
from gsn_studio.io import CaseFileError, load_case, save_case
from gsn_studio.io.gsn2x_read import parse_gsn2x
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import NodeType
from gsn_studio.notation.geometry import geometry_of

RTL = "\u05d4\u05de\u05e2\u05e8\u05db\u05ea \u05d1\u05d8\u05d5\u05d7\u05d4 \u202eevil\u202c"


@pytest.mark.slow  # a 50 MB file
def test_a_50_mb_gsnx_file_is_read(tmp_path: Path) -> None:
    """A 50 MB case (many long descriptions) loads; size alone is no reason to refuse."""
    case = hazard_case()
    for index in range(1, 60):
        case.add_node(NodeType.GOAL, f"goal {index}", description="x" * 900_000)
    path = tmp_path / "big.gsnx"
    save_case(case, path)
    assert path.stat().st_size > 50_000_000
    started = time.perf_counter()
    loaded = load_case(path)
    assert len(loaded.nodes) == len(case.nodes)
    assert time.perf_counter() - started < 60  # generous: only a pathological reader fails


def test_deeply_nested_xml_is_refused_with_its_line() -> None:
    """100,000 nested elements do not exhaust the stack: a clean error, naming the file."""
    data = b"<AssuranceCasePackage xmlns='urn:gsn-studio:gsnx:1'>" + b"<a>" * 100_000
    with pytest.raises(CaseFileError) as error:
        parse_gsnx(data, "nested.gsnx")
    assert str(error.value).startswith("nested.gsnx")


def test_deeply_nested_yaml_is_refused() -> None:
    """A YAML flow sequence nested 100,000 deep is refused, not a RecursionError."""
    with pytest.raises(CaseFileError) as error:
        parse_gsn2x(b"G1: " + b"[" * 100_000, "nested.yaml")
    assert str(error.value).startswith("nested.yaml")


def test_a_megabyte_label_round_trips_and_draws_in_bounded_space() -> None:
    """A 1 MB statement is kept whole in the file, and the shape stays a readable size."""
    case = hazard_case()
    label = "word " * 200_000
    case.update_node("G2", statement=label)
    assert parse_gsnx(to_bytes(case)).node("G2").statement == label
    started = time.perf_counter()
    geometry = geometry_of(case.node("G2"))
    assert geometry.height < 2000 and geometry.width < 1000
    svg = make_svg(case, ExportOptions(as_of=dt.date(2026, 6, 1)))
    assert len(svg) < 2_000_000
    assert time.perf_counter() - started < 30


def test_right_to_left_text_and_bidi_controls_survive_a_round_trip() -> None:
    """Hebrew and bidirectional override characters are text like any other."""
    case = hazard_case()
    case.update_node("G2", statement=RTL)
    assert parse_gsnx(to_bytes(case)).node("G2").statement == RTL
    assert RTL in make_svg(case, ExportOptions(as_of=dt.date(2026, 6, 1)))


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"G1:\n  text: caf\xe9\n", "UTF-8"),
        (b"G1:\n  text: \x07bell\n", "U+0007"),
        (
            b"<?xml version='1.0' encoding='utf-8'?>\n"
            b"<AssuranceCasePackage xmlns='urn:gsn-studio:gsnx:1' formatVersion='1.0'>\xe9",
            "",
        ),
    ],
)
def test_bytes_that_are_not_utf8_or_control_characters_are_refused(
    data: bytes, problem: str
) -> None:
    """Latin-1 bytes and control characters in a label give a clean error naming the file."""
    parse = parse_gsnx if data.startswith(b"<?xml") else parse_gsn2x
    with pytest.raises(CaseFileError) as error:
        parse(data, "bad.file")
    message = str(error.value)
    assert message.startswith("bad.file") and problem in message


def test_control_characters_are_refused_by_the_model_so_no_file_can_break() -> None:
    """An edit putting a control character in a label is refused before any file exists."""
    case = hazard_case()
    with pytest.raises(ValueError, match=r"U\+0001"):
        case.update_node("G2", statement="a\x01b")
    assert check_case(case, dt.date(2026, 6, 1)) == []
