"""Review comments in case files: they travel with the .gsnx (1.2) and the gsn2x YAML."""

from __future__ import annotations

import datetime as dt
import difflib

import pytest
from factories import hazard_case
from lxml import etree

from gsn_studio.io import CaseFileError
from gsn_studio.io.gsnx_format import NAMESPACE, schema
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import Case, Comment, CommentKind, CommentStatus, LinkKind, NodeType, Reply

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


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_older_files_load_with_no_comments(version: str) -> None:
    """A 1.0 or 1.1 file, which has no review section, loads with an empty comment list."""
    data = to_bytes(hazard_case()).replace(
        b'formatVersion="1.0"', f'formatVersion="{version}"'.encode()
    )
    case = parse_gsnx(data)
    assert case.comments == []
    assert case == hazard_case()


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
            ["comment c1: reply", "no time zone"],
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
