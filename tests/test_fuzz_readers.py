"""Fuzzing the readers: mutated real files (.gsnx and gsn2x YAML, from the samples and the
shared corpus) end in a case or a clean CaseFileError, never another exception or a hang; and
whatever case comes out can be checked and written again."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import CORPUS, SAMPLES
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gsn_studio.analysis import ArtifactReader, assess
from gsn_studio.analysis.diff import diff_cases
from gsn_studio.analysis.register import register
from gsn_studio.io import CaseFileError
from gsn_studio.io.gsn2x_read import parse_gsn2x
from gsn_studio.io.gsn2x_write import to_yaml
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import Case

SECONDS_PER_INPUT = 10
"""Far above what any of these small inputs takes; only a hang reaches it."""

TOKENS = [
    b"<", b">", b"&", b'"', b"'", b"</", b"<!DOCTYPE x [<!ENTITY e 'x'>]>", b"&e;", b"\x00",
    b"\xff\xfe", b"\xc3", b"\xe2\x80\xae", b"\r", b"\n", b"  ", b"\t", b":", b"- ", b"[", b"]",
    b"{", b"}", b"*a", b"&a ", b"!!python/object:os.system", b"? ", b"---", b"...", b"#",
    b"1e999", b"-0", b"NaN", b"9" * 40, b"2026-13-45", b"supportedBy: ", b"challenges: ",
    b"G1", b"Sn1", b"->", b'gsnType="Challenges"', b'isCounter="true"', b'via="G1"',
    b"<Claim ", b'gid="', b"formatVersion=", b"[" * 200, b"<a>" * 200,
    # Characters: escapes that YAML and XML turn into control characters, lone surrogates,
    # byte-order marks, right-to-left and zero-width marks.
    b'"\\x01"', b'"\\x1b[2J"', b'"\\ud800"', b'"\\udfff"', b'"\\x9b"', b'"\\ufeff"',
    b"&#x85;", b"&#x9B;", b"&#x202E;", b"&#xFEFF;", b"\xef\xbb\xbf", b"\xe2\x80\x8f",
    b"\xe2\x80\x8b", b"\xc2\x85",
    # Dates at both ends of the calendar, and the longest review interval.
    b"9999-12-31", b"9999-12-01", b"0001-01-01", b'reviewDays="36500"', b"reviewDays: 36500",
    b'date="9999-12-01"', b"evidenceDate: 9999-12-01", b"verifiedOn: 9999-12-31",
    # Sizes: nesting past every limit, a long word.
    b"[" * 150, b"{a: " * 150, b"[" * 3000, b"x" * 10_000,
    # Comments and processing instructions inside text.
    b"<!-- c -->", b"<?pi x?>", b"<!---->",
]  # fmt: skip


def _seeds(suffixes: tuple[str, ...]) -> list[bytes]:
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in suffixes)
    if CORPUS.is_dir():
        files += sorted(p for p in CORPUS.rglob("*") if p.suffix in suffixes)
    # Small files mutate into more distinct shapes per example than big ones.
    return [p.read_bytes() for p in sorted(files, key=lambda p: p.stat().st_size)[:40]]


YAML_SEEDS = _seeds((".yaml", ".yml"))


def _converted(seeds: list[bytes]) -> list[bytes]:
    """.gsnx versions of gsn2x files, for shapes the three samples do not have."""
    converted = []
    for data in seeds:
        try:
            converted.append(to_bytes(parse_gsn2x(data)))
        except CaseFileError:
            continue
    return converted[:12]


GSNX_SEEDS = _seeds((".gsnx",)) + _converted(YAML_SEEDS)


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            data += draw(st.sampled_from(TOKENS))
            continue
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "delete", "insert", "truncate", "repeat"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=8))
        elif action == "truncate":
            del data[at:]
        else:
            end = min(len(data), at + draw(st.integers(1, 200)))
            data[at:at] = data[at:end] * draw(st.integers(1, 5))
    return bytes(data)


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"an input took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")
DAYS = (dt.date(2026, 11, 23), dt.date.min, dt.date.max)


def assert_read_or_cleanly_refused(data: bytes, parse: Callable[[bytes, str], Case]) -> None:
    """The bytes read into a case the commands can use, or are refused in one printable line
    naming the file, within the time allowed."""
    with time_limit(SECONDS_PER_INPUT):
        try:
            case = parse(data, "fuzzed")
        except CaseFileError as error:
            message = str(error)
            assert message.startswith("fuzzed"), "the error names the file"
            assert not _UNPRINTABLE.search(message), "one line, safe to print"
            return
        use(case)


def use(case: Case) -> None:
    """What the commands do with a case that was read: check it on any day, list its
    register, diff it, and write it in both formats, each writing reading back."""
    reader = ArtifactReader(Path("/nonexistent"))
    for day in DAYS:
        register(case, assess(case, day, reader))
    diff_cases(case, case)
    assert parse_gsnx(to_bytes(case)) == case
    try:
        written = to_yaml(case)
    except CaseFileError:
        return  # some cases cannot be written as YAML; the refusal is clean
    parse_gsn2x(written)


FUZZ = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same inputs on every run: a failure in CI reproduces locally
)


@pytest.mark.slow  # 400 fuzzed files
@FUZZ
@given(mutated(GSNX_SEEDS))
def test_mutated_gsnx_files_end_in_a_case_or_a_clean_error(data: bytes) -> None:
    """A mutated .gsnx file parses to a case that can be checked and saved, or is refused."""
    assert_read_or_cleanly_refused(data, parse_gsnx)


@pytest.mark.slow  # 400 fuzzed files
@pytest.mark.skipif(not YAML_SEEDS, reason="no gsn2x files to start from")
@FUZZ
@given(mutated(YAML_SEEDS))
def test_mutated_gsn2x_files_end_in_a_case_or_a_clean_error(data: bytes) -> None:
    """A mutated gsn2x file parses to a case that can be checked and saved, or is refused."""
    assert_read_or_cleanly_refused(data, parse_gsn2x)


# -- generated input of the kinds that broke readers before: characters, dates, sizes,
#    XML comments inside text --------------------------------------------------------------

HOSTILE_CHARACTERS = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9b\ud800\udbff\udc00\udfff\ufeff\ufffe\uffff"
    "\u200b\u200d\u200e\u200f\u202a\u202e\u2066\u2069\u2028\u2029\r\n\t "
)
hostile_text = st.text(
    st.sampled_from(HOSTILE_CHARACTERS) | st.characters(codec="utf-8"), max_size=12
)
"""Text with a good share of control, format and surrogate characters."""

SMALL = settings(FUZZ, max_examples=150)


def _quoted(text: str) -> str:
    # JSON's string escapes are YAML double-quoted escapes: lone surrogates included.
    return json.dumps(text)


def _nested(depth: int) -> str:
    return "[" * depth + '"x"' + "]" * depth


@st.composite
def generated_gsn2x(draw: st.DrawFn) -> bytes:
    """A small gsn2x file whose ids, link targets, extras, comment targets, dates and
    nesting are drawn from the hostile kinds."""
    node_id = draw(st.sampled_from(["G1", "G2"]) | hostile_text.map(lambda t: "G" + t))
    target = draw(st.sampled_from(["G2", "Sn1"]) | hostile_text.map(lambda t: "G" + t))
    key = draw(st.sampled_from(["layer1", "horizontalIndex"]) | hostile_text)
    value = draw(hostile_text.map(_quoted) | st.sampled_from([1, 100, 101, 200]).map(_nested))
    day = draw(st.dates())
    review = draw(st.integers(-1, 40_000))
    comment_node = draw(st.sampled_from(["G2"]) | hostile_text)
    lines = [
        "module:",
        "  name: fuzzed",
        "  reviewComments:",
        "    - id: c1",
        f"      node: {_quoted(comment_node)}",
        "      author: ann",
        "      time: 2026-11-23T10:00:00Z",
        f"      text: {draw(hostile_text.map(_quoted))}",
        f"{_quoted(node_id)}:",
        f"  text: {draw(hostile_text.map(_quoted))}",
        f"  supportedBy: [{_quoted(target)}, Sn1]",
        f"  {_quoted(key)}: {value}",
        "G2:",
        "  text: sub-goal",
        "Sn1:",
        "  text: report",
        "  url: report.pdf",
        f"  evidenceDate: {day.isoformat()}",
        f"  reviewDays: {review}",
        f"  verifiedOn: {draw(st.dates()).isoformat()}",
    ]
    return "\n".join(lines).encode()


# Found by this test: a comment on node "" was read, though no .gsnx can hold it (saving was
# refused by the schema, naming no YAML line). Kept as an example so it is tried whatever seed
# hypothesis derives from this function's source.
EMPTY_COMMENT_TARGET = (
    b'module:\n  name: fuzzed\n  reviewComments:\n    - id: c1\n      node: ""\n'
    b"      author: ann\n      time: 2026-11-23T10:00:00Z\n      text: x\nG1:\n  text: top\n"
)


@pytest.mark.slow  # many generated files
@SMALL
@example(EMPTY_COMMENT_TARGET)
@given(generated_gsn2x())
def test_generated_gsn2x_files_with_hostile_values_end_in_a_case_or_a_clean_error(
    data: bytes,
) -> None:
    """Control characters, surrogates and invisible marks in ids, targets, extras and
    comments; dates at the calendar's ends; nesting past the limit: read whole or refused."""
    assert_read_or_cleanly_refused(data, parse_gsn2x)


def _interleaved(draw: st.DrawFn, text: str) -> str:
    """The text as XML with comments and processing instructions between its pieces."""
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=4)))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    marks = ["<!-- note -->", "<?pi data?>", "<!---->", "<!--a--><!--b-->"]
    xml = ""
    for piece in pieces:
        xml += html.escape(piece, quote=False) + draw(st.sampled_from(marks))
    return xml


XML_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\r"), max_size=30).filter(
    lambda text: _PLAIN_XML.match(text) is not None
)
_PLAIN_XML = re.compile("^[^\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]*$")


@st.composite
def generated_gsnx(draw: st.DrawFn) -> tuple[bytes, str]:
    """A .gsnx file whose statement is split by comments and processing instructions, with
    evidence dated anywhere in the calendar; and the statement it holds."""
    statement = draw(XML_TEXT)
    xml = _interleaved(draw, statement)
    day = draw(st.dates())
    review = draw(st.integers(1, 36_500))
    template = (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        '<AssuranceCasePackage xmlns="urn:gsn-studio:gsnx:1" formatVersion="1.1">\n'
        "<ArgumentPackage>\n"
        '<Claim gid="G1" gsnType="Goal" assertionDeclaration="asserted">'
        f"<content>{xml}</content></Claim>\n"
        '<ArtifactReference gid="Sn1" gsnType="Solution" referencedArtifactElement="A">'
        "<content>report</content></ArtifactReference>\n"
        '<AssertedEvidence gsnType="SupportedBy" source="Sn1" target="G1"/>\n'
        "</ArgumentPackage>\n<ArtifactPackage>\n"
        f'<Artifact gid="A" location="r.pdf" date="{day.isoformat()}" reviewDays="{review}">'
        f'<Verification on="{draw(st.dates()).isoformat()}"/></Artifact>\n'
        "</ArtifactPackage>\n</AssuranceCasePackage>\n"
    )
    return template.encode(), statement


@SMALL
@given(generated_gsnx())
def test_generated_gsnx_statements_read_whole_whatever_comments_split_them(
    generated: tuple[bytes, str],
) -> None:
    """A statement split by XML comments and processing instructions reads whole, and the
    case is checked on any day and written again."""
    data, statement = generated
    with time_limit(SECONDS_PER_INPUT):
        case = parse_gsnx(data, "fuzzed")
        assert case.node("G1").statement == statement.replace("\r", "\n")
        use(case)


def _reference(text: str) -> str:
    """Text as XML character references: any code point, legal in XML or not."""
    return "".join(f"&#x{ord(character):X};" for character in text)


@st.composite
def hostile_gsnx(draw: st.DrawFn) -> bytes:
    """A .gsnx file whose ids, link ends and extras hold hostile characters (as character
    references) and whose JSON extra nests to any depth."""
    node_id = "G" + _reference(draw(hostile_text))
    target = draw(st.sampled_from(["G1", node_id]))
    depth = draw(st.sampled_from([0, 1, 100, 101, 3000]))
    value = "[" * depth + json.dumps(draw(hostile_text)) + "]" * depth
    key = _reference(draw(hostile_text))
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        '<AssuranceCasePackage xmlns="urn:gsn-studio:gsnx:1" formatVersion="1.0">\n'
        "<ArgumentPackage>\n"
        f'<Claim gid="{node_id}" gsnType="Goal" assertionDeclaration="asserted">'
        f'<content>goal</content><extra key="{key}" json="true">{value}</extra></Claim>\n'
        '<ArtifactReference gid="Sn1" gsnType="Solution"><content>r</content>'
        "</ArtifactReference>\n"
        f'<AssertedEvidence gsnType="SupportedBy" source="Sn1" target="{target}"/>\n'
        "</ArgumentPackage>\n</AssuranceCasePackage>\n"
    ).encode()


@SMALL
@given(hostile_gsnx())
def test_generated_gsnx_files_with_hostile_ids_and_extras_end_in_a_case_or_a_clean_error(
    data: bytes,
) -> None:
    """Control, format and surrogate characters in ids, link ends and extras, and JSON nested
    past the limit: read whole or refused with one printable line."""
    assert_read_or_cleanly_refused(data, parse_gsnx)
