"""Review comments in case files: they travel with the .gsnx (1.2) and the gsn2x YAML."""

from __future__ import annotations

import datetime as dt
import difflib

import pytest
from factories import hazard_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from gsn_studio.io import CaseFileError
from gsn_studio.io.gsn2x_read import parse_gsn2x
from gsn_studio.io.gsn2x_write import to_yaml
from gsn_studio.io.gsnx_format import NAMESPACE, schema
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import (
    Case,
    Comment,
    CommentKind,
    CommentStatus,
    LinkKind,
    NodeType,
    Reply,
)

T0 = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def reviewed_case() -> Case:
    """The hazard case with a thread on a node, a challenge to a link with a multi-line,
    non-ASCII text, and a comment left behind by a node that was deleted."""
    case = hazard_case()
    case.add_comment(
        Comment(
            id="c1",
            node="G2",
            author="Rita Reviewer",
            time=T0,
            kind=CommentKind.REBUT,
            status=CommentStatus.ANSWERED,
            text="H1 is not mitigated at night.",
            replies=(
                Reply(author="Ana", time=T0 + HOUR, text="Night shifts are in the test plan."),
                Reply(author="Rita Reviewer", time=T0 + 2 * HOUR, text="Not in this report."),
            ),
            updated=T0 + HOUR,
        )
    )
    case.add_comment(
        Comment(
            id="c2",
            node="G2",
            via="S1",
            author="Zoë Müller",
            time=T0 + 3 * HOUR,
            kind=CommentKind.UNDERCUT,
            text='Does the strategy really cover H1?\n\n  Indented: 過剰投与 — <&> "quoted"',
        )
    )
    case.add_comment(Comment(id="c3", node="A1", author="Rita Reviewer", time=T0, text="Why?"))
    case.remove_node("A1")
    return case


def _line_of(data: bytes, needle: str) -> int:
    return data[: data.index(needle.encode())].count(b"\n") + 1


def _gsnx_error(data: bytes) -> CaseFileError:
    with pytest.raises(CaseFileError) as error:
        parse_gsnx(data, "case.gsnx")
    return error.value


def _yaml_error(data: bytes) -> CaseFileError:
    with pytest.raises(CaseFileError) as error:
        parse_gsn2x(data, "case.yaml")
    return error.value


# -- .gsnx -----------------------------------------------------------------------------------


def test_comments_round_trip_through_gsnx_in_a_stable_valid_1_2_file() -> None:
    """Replies, a link comment, multi-line non-ASCII text and a comment on a deleted node all
    come back equal and in order, from a schema-valid 1.2 file that writes the same bytes."""
    case = reviewed_case()
    assert "A1" not in case and case.comments[2].node == "A1"
    data = to_bytes(case)
    assert b'formatVersion="1.2"' in data
    assert schema().validate(etree.fromstring(data))
    loaded = parse_gsnx(data)
    assert loaded.comments == case.comments
    assert loaded == case
    assert to_bytes(loaded) == data


def test_review_package_sits_apart_and_writes_nothing_for_defaults() -> None:
    """Comments live in a ReviewPackage after the artifacts; an open question has no kind,
    status or updated attribute, and times are UTC with a Z."""
    data = to_bytes(reviewed_case())
    root = etree.fromstring(data)
    sections = [etree.QName(child).localname for child in root]
    assert sections == ["description", "ArgumentPackage", "ArtifactPackage", "ReviewPackage"]
    plain = root.find(f"{{{NAMESPACE}}}ReviewPackage/{{{NAMESPACE}}}Comment[@gid='c3']")
    assert dict(plain.attrib) == {
        "gid": "c3",
        "node": "A1",
        "author": "Rita Reviewer",
        "time": "2026-11-20T09:00:00Z",
    }


def test_a_reply_or_a_status_change_touches_only_review_lines() -> None:
    """A reply adds lines inside its comment and a status change edits one line, so a review
    gives a small diff that leaves the argument alone."""
    case = reviewed_case()
    before = to_bytes(case).decode().splitlines()
    old = case.comment("c2")
    case.replace_comment(
        old.model_copy(
            update={"replies": (Reply(author="Ana", time=T0 + 5 * HOUR, text="Yes: see J1."),)}
        )
    )
    replied = to_bytes(case).decode().splitlines()
    changed = [line for line in difflib.ndiff(before, replied) if line[:1] in "+-"]
    assert changed == [
        '+       <Reply author="Ana" time="2026-11-20T14:00:00Z">',
        "+         <content>Yes: see J1.</content>",
        "+       </Reply>",
    ]
    case.replace_comment(
        case.comment("c3").model_copy(
            update={"status": CommentStatus.RESOLVED, "updated": T0 + 6 * HOUR}
        )
    )
    resolved = to_bytes(case).decode().splitlines()
    assert len([line for line in difflib.ndiff(replied, resolved) if line[:1] == "+"]) == 1


def test_a_case_without_comments_keeps_the_oldest_version_that_holds_it() -> None:
    """Without comments a case stays a 1.0 file, or 1.1 when it has a challenge, and has no
    ReviewPackage; any comment makes it 1.2."""
    case = hazard_case()
    assert b'formatVersion="1.0"' in to_bytes(case)
    case.add_node(NodeType.COUNTER_GOAL, "H2 has a second cause")
    case.connect("CG1", "G3", LinkKind.CHALLENGES)
    data = to_bytes(case)
    assert b'formatVersion="1.1"' in data and b"ReviewPackage" not in data
    case.add_comment(Comment(id="c1", node="CG1", author="R", time=T0, text="Source?"))
    assert b'formatVersion="1.2"' in to_bytes(case)


@pytest.mark.parametrize("challenged", [False, True])
def test_older_files_load_with_no_comments(challenged: bool) -> None:
    """A 1.0 file, or a 1.1 file with a challenge, has no review section and loads with an
    empty comment list."""
    case = hazard_case()
    if challenged:
        case.add_node(NodeType.COUNTER_GOAL, "H2 has a second cause")
        case.connect("CG1", "G3", LinkKind.CHALLENGES)
    data = to_bytes(case)
    assert f'formatVersion="1.{int(challenged)}"'.encode() in data
    loaded = parse_gsnx(data)
    assert loaded.comments == []
    assert loaded == case


def test_times_with_an_offset_are_read_as_utc() -> None:
    """A time written with +02:00 (by hand or another tool) is the same moment in UTC."""
    data = to_bytes(reviewed_case()).replace(
        b'time="2026-11-20T12:00:00Z"', b'time="2026-11-20T14:00:00.5+02:00"'
    )
    assert parse_gsnx(data).comment("c2").time == T0 + 3 * HOUR


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (
            'time="2026-11-20T12:00:00Z"',
            'time="2026-11-20T12:00:00"',
            ["comment c2", "time", "no time zone"],
        ),
        (
            'author="Ana" time="2026-11-20T10:00:00Z"',
            'author="Ana" time="2026-11-20T10:00:00"',
            ["comment c1: reply 1", "no time zone"],
        ),
        ('time="2026-11-20T12:00:00Z"', 'time="yesterday"', ["time", "yesterday"]),
        ('updated="2026-11-20T10:00:00Z"', 'updated="2026-11-20"', ["updated", "2026-11-20"]),
        ('kind="undercut"', 'kind="nitpick"', ["kind", "nitpick", "undercut"]),
        ('status="answered"', 'status="closed"', ["status", "closed", "resolved"]),
        ('gid="c2"', 'gid="c 2"', ["gid", "c 2"]),
        ('gid="c3"', 'gid="c1"', ["c1", "unique"]),
    ],
)
def test_bad_comment_values_are_refused_with_file_and_line(
    old: str, new: str, words: list[str]
) -> None:
    """A time without a zone, an unknown kind or status, a bad or repeated id: each refused
    as FILE:LINE naming the comment's element."""
    data = to_bytes(reviewed_case())
    line = _line_of(data, old)
    error = _gsnx_error(data.replace(old.encode(), new.encode(), 1))
    assert error.path == "case.gsnx"
    assert error.line == line
    for word in words:
        assert word in error.problem


# -- gsn2x YAML ------------------------------------------------------------------------------


def test_comments_round_trip_through_gsn2x_yaml_and_back_to_the_same_gsnx() -> None:
    """YAML keeps every comment, reply and field: the YAML reads back equal and writes the same
    bytes, and converting .gsnx to YAML and back gives the same .gsnx."""
    case = reviewed_case()
    data = to_yaml(case)
    loaded = parse_gsn2x(data)
    assert loaded.comments == case.comments
    assert loaded == case
    assert to_yaml(loaded) == data
    gsnx = to_bytes(case)
    assert to_bytes(parse_gsn2x(to_yaml(parse_gsnx(gsnx)))) == gsnx


def test_comments_sit_in_the_module_block_which_always_has_a_name() -> None:
    """gsn2x reads each top-level key but module as an element and needs a module name, so the
    comments go in module (as reviewComments) and a case without a name gets an empty one."""
    case = Case()
    case.add_node(NodeType.GOAL, "Safe")
    case.add_comment(Comment(id="c1", node="G1", author="R", time=T0, text="Why?"))
    assert to_yaml(case) == (
        b"module:\n"
        b"  name: ''\n"
        b"  reviewComments:\n"
        b"  - id: c1\n"
        b"    node: G1\n"
        b"    author: R\n"
        b"    time: 2026-11-20T09:00:00Z\n"
        b"    text: Why?\n"
        b"\n"
        b"G1:\n"
        b"  text: Safe\n"
    )
    assert parse_gsn2x(to_yaml(case)) == case


def test_hand_written_comments_load_with_defaults_and_any_target() -> None:
    """A comment written by hand may leave out kind and status, give a time with an offset, and
    name a node the file does not have; the other module keys stay extras."""
    case = parse_gsn2x(
        b"module:\n"
        b"  name: M\n"
        b"  uses: [other.yaml]\n"
        b"  reviewComments:\n"
        b"    - id: x-1\n"
        b"      node: G9\n"
        b"      author: Ana\n"
        b"      time: '2026-11-20T11:00:00+02:00'\n"
        b"      text: Gone?\n"
        b"G1:\n"
        b"  text: Safe\n"
    )
    assert case.comments == [Comment(id="x-1", node="G9", author="Ana", time=T0, text="Gone?")]
    assert case.extras == {"module": {"uses": ["other.yaml"]}}


COMMENT = (
    "module:\n"
    "  name: M\n"
    "  reviewComments:\n"
    "  - id: c1\n"
    "    node: G1\n"
    "    author: Ana\n"
    "    time: 2026-11-20T09:00:00Z\n"
    "    kind: rebut\n"
    "    text: Why?\n"
    "    replies:\n"
    "    - author: Bo\n"
    "      time: 2026-11-20T10:00:00Z\n"
    "      text: Because.\n"
    "  - id: c2\n"
    "    node: G1\n"
    "    author: Ana\n"
    "    time: 2026-11-20T11:00:00Z\n"
    "    text: And?\n"
    "G1:\n"
    "  text: Safe\n"
)


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("time: 2026-11-20T09:00:00Z", "time: 2026-11-20T09:00:00", 7, ["c1", "no time zone"]),
        ("time: 2026-11-20T10:00:00Z", "time: 2026-11-20 10:00", 12, ["c1: reply 1", "zone"]),
        ("time: 2026-11-20T09:00:00Z", "time: 1700000000", 7, ["c1", "time", "number"]),
        ("kind: rebut", "kind: nitpick", 8, ["c1", "kind", "undercut", "nitpick"]),
        ("kind: rebut", "status: closed", 8, ["c1", "status", "resolved", "closed"]),
        ("id: c1", "id: c 1", 4, ["id", "'c 1'", "letters"]),
        ("id: c2", "id: c1", 14, ["c1", "line 4"]),
        ("kind: rebut", "colour: red", 8, ["c1", "colour", "is not a key"]),
        ("    text: And?\n", "", 14, ["c2", "text is missing"]),
        ("  - id: c2\n", "  - just text\n  - id: c2\n", 14, ["comment 2", "mapping"]),
    ],
)
def test_bad_yaml_comments_are_refused_with_file_and_line(
    old: str, new: str, line: int, words: list[str]
) -> None:
    """A time without a zone or not a time, an unknown kind, status or key, a bad or repeated
    id, a missing text, an entry that is not a mapping: refused as FILE:LINE."""
    assert old in COMMENT
    error = _yaml_error(COMMENT.replace(old, new, 1).encode())
    assert error.path == "case.yaml"
    assert error.line == line
    for word in words:
        assert word in error.problem


def test_comments_that_are_not_a_list_are_refused() -> None:
    """reviewComments holding text rather than a list of comments is refused at its line."""
    error = _yaml_error(b"module:\n  name: M\n  reviewComments: see the wiki\nG1: {text: A}\n")
    assert error.line == 3
    assert "reviewComments must be a list" in error.problem


def test_module_extra_named_like_the_comments_key_cannot_be_written() -> None:
    """A module extra called reviewComments would read back as comments, so writing is refused."""
    case = Case(extras={"module": {"reviewComments": "notes"}})
    with pytest.raises(CaseFileError, match="reviewComments"):
        to_yaml(case)


# -- damaged files ---------------------------------------------------------------------------

TOKENS = [
    "", " ", "Z", "+99:00", "null", "~", "[]", "{}", "- ", ": ", "&", "<", "'", '"', "\n", "\t",
    "2026-11-20", "2026-11-20T25:00:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00",
    "nitpick", "question", "c 1", "c1", "G2", "1e999", "true", "<Reply/>", "replies:", "via: ",
]  # fmt: skip


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,  # the same inputs on every run: a failure in CI reproduces locally
)
@given(
    st.sampled_from(["gsnx", "yaml"]),
    st.floats(0, 1),
    st.integers(0, 12),
    st.sampled_from(TOKENS),
)
@pytest.mark.slow  # many fuzzed files
def test_damaged_comments_end_in_a_case_or_a_clean_error(
    file_format: str, where: float, cut: int, token: str
) -> None:
    """Bytes cut from or put into the comments give a case that can be saved again, or a
    CaseFileError naming the file; never another exception."""
    case = reviewed_case()
    data = to_bytes(case) if file_format == "gsnx" else to_yaml(case)
    start = data.index(b"<ReviewPackage>" if file_format == "gsnx" else b"  reviewComments:")
    end = data.index(b"</ReviewPackage>" if file_format == "gsnx" else b"\nG1:")
    at = start + int(where * (end - start))
    damaged = data[:at] + token.encode() + data[at + cut :]
    parse, write = (parse_gsnx, to_bytes) if file_format == "gsnx" else (parse_gsn2x, to_yaml)
    try:
        loaded = parse(damaged, "damaged")
    except CaseFileError as error:
        assert str(error).startswith("damaged")
        return
    try:
        write(loaded)
    except CaseFileError:
        assert file_format == "yaml"  # some cases have no YAML spelling; the refusal is clean
