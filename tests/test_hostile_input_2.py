"""Files built to hurt, round two: text hidden behind XML comments, JSON nested thousands deep,
dates at the end of the calendar, ids with control characters or lone surrogates, and case
paths that are not regular files. Each is read whole or refused with FILE:LINE, in bounded
time and memory, by every command and the editor."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from factories import hazard_case
from pytestqt.qtbot import QtBot

from gsn_studio.analysis import check_case
from gsn_studio.cli import main
from gsn_studio.export.figure import ExportOptions, make_svg
from gsn_studio.io import CaseFileError, load_case, save_case
from gsn_studio.io.case_file import MAX_CASE_BYTES
from gsn_studio.io.gsn2x_read import parse_gsn2x
from gsn_studio.io.gsn2x_write import to_yaml
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import (
    MAX_NESTING,
    Case,
    Comment,
    Evidence,
    Link,
    LinkKind,
    Node,
    NodeType,
    Reply,
)

WHEN = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Turn a hang into a failure: a blocking open() of a FIFO is interrupted by the alarm."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def refusal(parse: object, data: bytes, name: str = "bad.file") -> str:
    assert callable(parse)
    with pytest.raises(CaseFileError) as error:
        parse(data, name)
    message = str(error.value)
    assert "\n" not in message
    return message


# -- 2. text after an XML comment or processing instruction ------------------------------------


def _reviewed_case() -> Case:
    case = hazard_case()
    case.update_node(
        "G1",
        statement="The pump is acceptably safe, EXCEPT below 10 % battery",
        description="Shown for the ward, NOT for home use",
        tags=("safety, CRITICAL",),
        extras={"note": "kept, ALL of it"},
    )
    case.description = "A small argument, ABOUT two hazards."
    reply = Reply(author="ann", time=WHEN, text="Agreed, BUT only in the ward")
    case.comments.append(
        Comment(id="c1", node="G1", author="bob", time=WHEN, text="Why, EXACTLY?", replies=(reply,))
    )
    return case


@pytest.mark.parametrize("hidden", [b"<!-- reviewed -->", b"<?review done?>", b"<!--a--><?b?>"])
def test_text_after_an_xml_comment_or_instruction_is_kept_everywhere(hidden: bytes) -> None:
    """Content, descriptions, tags, extras, comment and reply texts keep the text that follows
    a comment or processing instruction inside them: the claim shown is the claim in the file."""
    case = _reviewed_case()
    data = to_bytes(case)
    # Every field above has ", " followed by a capitalised word: hide something before each.
    marked = re.sub(rb", (?=[A-Z]{2})", hidden + b", ", data)
    assert marked.count(hidden) == 7
    assert parse_gsnx(marked) == case


def test_blank_text_between_two_comments_is_kept() -> None:
    """A space that sits between two comments inside a statement is part of the statement."""
    case = hazard_case()
    case.update_node("G1", statement="safe when charged")
    marked = to_bytes(case).replace(b"safe when", b"safe<!--a--> <!--b-->when")
    assert parse_gsnx(marked).node("G1").statement == "safe when charged"


# -- 3. nesting depth of extras ---------------------------------------------------------------


def _gsnx_with_extra(text: bytes) -> bytes:
    case = hazard_case()
    case.update_node("G1", extras={"deep": "PLACEHOLDER"})
    return to_bytes(case).replace(b">PLACEHOLDER<", b' json="true">' + text + b"<")


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 3_000, 100_000])
def test_deep_json_in_a_gsnx_extra_is_refused_with_its_line_and_the_limit(depth: int) -> None:
    """JSON nested past the limit is refused naming the extra's line and the limit, not a
    RecursionError, however deep it goes."""
    data = _gsnx_with_extra(b"[" * depth + b"]" * depth)
    line = data[: data.index(b'key="deep"')].count(b"\n") + 1
    message = refusal(parse_gsnx, data)
    assert message.startswith(f"bad.file:{line}: ")
    assert f"{MAX_NESTING} levels" in message


def test_brackets_inside_json_strings_do_not_count_as_nesting() -> None:
    """A string full of brackets (escaped quotes included) in a JSON extra is only text."""
    value = ['\\"' + "[" * 500 + "{" * 500, {"k": "]" * 500}]
    data = _gsnx_with_extra(json.dumps(value).encode())
    assert parse_gsnx(data).node("G1").extras["deep"] == value


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 500, 3_000])
def test_deep_yaml_in_an_extra_is_refused_with_its_line_and_the_limit(depth: int) -> None:
    """A gsn2x extra nested past the limit is refused with its line, so no writer sees it."""
    data = b"G1:\n  text: a\n  layers: " + b"[" * depth + b"]" * depth + b"\n"
    message = refusal(parse_gsn2x, data)
    assert message.startswith("bad.file:3: ") and f"{MAX_NESTING} levels" in message


def test_an_extra_at_the_nesting_limit_reads_and_converts_both_ways() -> None:
    """An extra nested exactly to the limit is kept, and both writers write it."""
    deep: object = "bottom"
    for _ in range(MAX_NESTING):
        deep = [deep]
    data = b"G1:\n  text: a\n  layers: " + b"[" * MAX_NESTING + b"x" + b"]" * MAX_NESTING + b"\n"
    case = parse_gsn2x(data)
    assert parse_gsnx(to_bytes(case)) == case
    assert parse_gsn2x(to_yaml(case)) == case
    node = Node(id="G1", type=NodeType.GOAL, extras={"layers": deep})
    assert node.extras["layers"] == deep


def test_the_model_refuses_extras_nested_past_the_limit() -> None:
    """An extra nested past the limit is refused by the model, whoever builds it."""
    deep: object = 1
    for _ in range(MAX_NESTING + 1):
        deep = {"k": deep}
    with pytest.raises(ValueError, match=f"{MAX_NESTING} levels"):
        Node(id="G1", type=NodeType.GOAL, extras={"x": deep})
    with pytest.raises(ValueError, match=f"{MAX_NESTING} levels"):
        Case(extras={"module": deep})


@pytest.mark.parametrize(
    "payload",
    [
        "[" * 100_000,
        json.dumps(
            {"nodes": [{"id": "G1", "type": "Goal", "extras": {"x": [[[1]]]}}], "links": []}
        ).replace("[[[1]]]", "[" * 3000 + "]" * 3000),
        '{"nodes": [{"id": "G\\u001b[2J", "type": "Goal"}], "links": []}',
    ],
)
def test_pasting_hostile_clipboard_data_is_refused_as_an_edit(payload: str) -> None:
    """The clipboard is input from any program: deep JSON and bad ids are a refused paste."""
    from gsn_studio.app import editing
    from gsn_studio.model import ModelError

    with pytest.raises(ModelError, match="clipboard"):
        editing.paste(hazard_case(), payload)


def test_the_editor_shows_a_dialog_for_deep_extras(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a file with deep extras in the editor shows the refusal instead of raising."""
    shown = _open_in_editor(qtbot, tmp_path, monkeypatch, _gsnx_with_extra(b"[" * 3000))
    assert shown and "levels" in shown[0]


# -- 4. the end of the calendar ---------------------------------------------------------------


def test_a_review_due_past_the_calendar_is_due_on_its_last_day() -> None:
    """A review interval that runs past 9999-12-31 saturates at that day instead of overflowing."""
    evidence = Evidence(reference="r.pdf", date=dt.date(9999, 12, 1), review_days=36_500)
    assert evidence.review_due() == dt.date.max
    assert evidence.due() == dt.date.max
    bounded = evidence.model_copy(update={"valid_until": dt.date(9999, 12, 5)})
    assert bounded.due() == dt.date(9999, 12, 5)


@pytest.fixture
def far_future(tmp_path: Path) -> Path:
    case = hazard_case()
    case.update_node(
        "Sn1",
        evidence=Evidence(reference="h1.pdf", date=dt.date(9999, 12, 1), review_days=36_500),
    )
    path = tmp_path / "future.gsnx"
    save_case(case, path)
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["check", "--format", "json", "--as-of", "9999-12-31"],
        ["evidence", "--format", "csv"],
        ["evidence", "--format", "md", "--as-of", "0001-01-01"],
        ["export", "-o", "{out}"],
        ["convert", "{case}", "{yaml}"],
    ],
)
def test_far_future_dates_pass_through_every_command(
    far_future: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """check, evidence, export and convert all run on evidence due past the calendar's end."""
    values = {
        "out": str(far_future.with_suffix(".svg")),
        "case": str(far_future),
        "yaml": str(far_future.with_suffix(".yaml")),
    }
    args = [part.format(**values) for part in command]
    if "{case}" not in command:
        args.insert(1, str(far_future))
    assert main(args) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


def test_verify_on_the_last_day_of_the_calendar_gives_a_file_every_command_reads(
    far_future: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`verify --on 9999-12-31` of evidence with a review interval writes a case that check
    reads and reports, its review due on 9999-12-31."""
    (far_future.parent / "h1.pdf").write_bytes(b"report")
    assert main(["verify", str(far_future), "Sn1", "--on", "9999-12-31", "--by", "ann"]) == 0
    case = load_case(far_future)
    evidence = case.node("Sn1").evidence
    assert evidence is not None and evidence.due() == dt.date.max
    assert main(["check", str(far_future), "--as-of", "9999-12-31"]) in (0, 1)
    assert main(["evidence", str(far_future)]) == 0
    assert "9999-12-31" in capsys.readouterr().out


def test_the_editor_opens_a_case_due_past_the_calendar(
    qtbot: QtBot, far_future: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editor opens, checks and draws a case whose evidence is due past 9999-12-31."""
    shown = _open_in_editor(qtbot, tmp_path, monkeypatch, far_future.read_bytes(), expect=True)
    assert shown == []


def test_far_future_evidence_draws_in_a_figure() -> None:
    """A figure shows evidence due past the calendar without overflowing."""
    case = hazard_case()
    case.update_node(
        "Sn1",
        evidence=Evidence(reference="h1.pdf", date=dt.date(9999, 12, 1), review_days=36_500),
    )
    assert "<svg" in make_svg(case, ExportOptions(as_of=dt.date(9999, 12, 31)))
    assert check_case(case, dt.date(9999, 12, 31)) is not None


# -- 5. control characters and lone surrogates outside statements ------------------------------

BAD_CHARACTERS = ["\\x01", "\\x1b[2J", "\\ud800", "\\x7f", "\\x9b", "\\u202e", "\\ufeff"]
"""As YAML double-quoted escapes: C0, an escape sequence, a lone surrogate, DEL, C1 CSI, a
right-to-left override and a byte-order mark (invisible in an id)."""


@pytest.mark.parametrize("bad", BAD_CHARACTERS)
def test_an_id_with_a_control_character_or_surrogate_is_refused_with_its_line(bad: str) -> None:
    """Ids are identifiers: one holding an invisible or control character is refused."""
    data = f'G1:\n  text: a\n"G{bad}2":\n  text: b\n'.encode()
    message = refusal(parse_gsn2x, data)
    assert message.startswith("bad.file:3: ") and "U+" in message


@pytest.mark.parametrize("bad", BAD_CHARACTERS)
@pytest.mark.parametrize(
    ("template", "line"),
    [
        ('G1:\n  text: a\n  supportedBy: ["G{bad}"]\n', 3),
        ('G1:\n  text: a\n  inContextOf:\n    - "C{bad}"\n', 3),
        ('G1:\n  text: a\nCG1:\n  text: b\n  challenges: ["G1 -> S{bad}"]\n', 5),
        (
            'module:\n  reviewComments:\n    - id: c1\n      node: "G{bad}"\n'
            "      author: ann\n      time: 2026-11-23T10:00:00Z\n      text: why\nG1: {{}}\n",
            4,
        ),
        (
            'module:\n  reviewComments:\n    - id: c1\n      node: G1\n      via: "S{bad}"\n'
            "      author: ann\n      time: 2026-11-23T10:00:00Z\n      text: why\nG1: {{}}\n",
            5,
        ),
    ],
)
def test_link_and_comment_targets_with_control_characters_are_refused(
    bad: str, template: str, line: int
) -> None:
    """A link target or comment target that could not be an id is refused with its line."""
    message = refusal(parse_gsn2x, template.format(bad=bad).encode())
    assert message.startswith(f"bad.file:{line}: ") and "U+" in message


@pytest.mark.parametrize("bad", ["\\x01", "\\x1b[31m", "\\ud800", "\\ufffe"])
@pytest.mark.parametrize(
    "template",
    [
        'G1:\n  text: a\n  "k{bad}": 1\n',
        'G1:\n  text: a\n  k: "v{bad}"\n',
        'G1:\n  text: a\n  k: {{deep: ["v{bad}"]}}\n',
        'module:\n  "k{bad}": 1\nG1: {{}}\n',
    ],
)
def test_extra_keys_and_values_get_the_statement_cleaning(bad: str, template: str) -> None:
    """Keys and values kept from other tools obey the rule statements obey."""
    message = refusal(parse_gsn2x, template.format(bad=bad).encode())
    assert re.match(r"bad\.file:\d+: ", message) and "U+" in message


def test_extra_keys_that_yaml_reads_as_numbers_stay_keys() -> None:
    """`1: x` under a node or module is kept as the extra "1", as gsn2x would have it."""
    case = parse_gsn2x(b"module: {name: m, 2: y}\nG1: {text: a, 1: x, false: [1]}\n")
    assert case.extras == {"module": {"2": "y"}}
    assert case.node("G1").extras == {"1": "x", "false": [1]}


@pytest.mark.parametrize("reference", ["&#x85;", "&#x9B;", "&#x202E;", "&#xFEFF;"])
def test_gsnx_ids_and_links_with_invisible_characters_are_refused(reference: str) -> None:
    """XML admits C1 controls and format characters; an id or link end holding one is refused."""
    data = to_bytes(hazard_case())
    for needle in (b'gid="G2"', b'target="G2"'):
        changed = data.replace(needle, needle[:-1] + reference.encode() + b'"', 1)
        message = refusal(parse_gsnx, changed)
        line = changed[: changed.index(needle[:-1] + reference.encode())].count(b"\n") + 1
        assert message.startswith(f"bad.file:{line}: ") and "U+" in message


@pytest.mark.parametrize(
    "build",
    [
        lambda: Node(id="G\x1b[2J", type=NodeType.GOAL),
        lambda: Link(source="G1", target="G\ud800", kind=LinkKind.SUPPORTED_BY),
        lambda: Link(source="G1", target="G2", via="S\x00", kind=LinkKind.CHALLENGES),
        lambda: Comment(id="c1", node="G\x07", author="a", time=WHEN, text="t"),
        lambda: Node(id="G1", type=NodeType.GOAL, extras={"k\x01": 1}),
        lambda: Node(id="G1", type=NodeType.GOAL, extras={"k": ["\ud800"]}),
        lambda: Node(id="G1", type=NodeType.GOAL, extras={"k": float("nan")}),
        lambda: Case(extras={"module": {"k": object()}}),
    ],
)
def test_the_model_refuses_what_no_file_can_hold(build: object) -> None:
    """The rule lives in the model, so the CLI and the editor meet the same refusal."""
    assert callable(build)
    with pytest.raises(ValueError):
        build()


@pytest.mark.parametrize(
    "command", [["check"], ["comments"], ["convert", "{case}", "{out}"], ["export", "-o", "{svg}"]]
)
def test_commands_refuse_a_yaml_id_with_an_escape_sequence_in_one_line(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """check, comments, convert and export exit 2 with one line for an id holding ESC."""
    case_path = tmp_path / "case.yaml"
    case_path.write_text('G1:\n  text: a\n  supportedBy: ["G\\x1b[2J"]\n"G\\x1b[2J":\n  text: b\n')
    values = {
        "case": str(case_path),
        "out": str(tmp_path / "o.gsnx"),
        "svg": str(tmp_path / "o.svg"),
    }
    args = [part.format(**values) for part in command]
    if "{case}" not in command:
        args.insert(1, str(case_path))
    assert main(args) == 2
    captured = capsys.readouterr()
    assert "\x1b" not in captured.err and len(captured.err.strip().splitlines()) == 1
    assert not (tmp_path / "o.gsnx").exists() and not (tmp_path / "o.svg").exists()


# -- 10. case paths that are not regular files -------------------------------------------------


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    """A FIFO named case.gsnx is refused without waiting for a writer that never comes."""
    fifo = tmp_path / "case.gsnx"
    os.mkfifo(fifo)
    with time_limit(10), pytest.raises(CaseFileError, match="not a regular file"):
        load_case(fifo)


@pytest.mark.parametrize("name", ["case.gsnx", "case.yaml"])
def test_a_link_to_a_device_is_refused_without_reading_it(tmp_path: Path, name: str) -> None:
    """A symbolic link to /dev/zero is refused, not read until memory runs out."""
    link = tmp_path / name
    link.symlink_to("/dev/zero")
    with time_limit(10), pytest.raises(CaseFileError, match="not a regular file"):
        load_case(link)


def test_a_folder_named_like_a_case_is_refused(tmp_path: Path) -> None:
    """A folder called case.gsnx gets a clean one-line refusal."""
    (tmp_path / "case.gsnx").mkdir()
    with pytest.raises(CaseFileError, match="folder"):
        load_case(tmp_path / "case.gsnx")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A sparse file just over the documented limit is refused from its size, reading nothing."""
    big = tmp_path / "big.gsnx"
    with big.open("wb") as stream:
        stream.truncate(MAX_CASE_BYTES + 1)
    tracemalloc.start()
    try:
        with pytest.raises(CaseFileError, match=f"{MAX_CASE_BYTES // 1_000_000} MB"):
            load_case(big)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000


def test_the_size_limit_is_documented() -> None:
    """docs/format.md and the README's promise about untrusted files name the same limit."""
    limit = f"{MAX_CASE_BYTES // 1_000_000} MB"
    root = Path(__file__).resolve().parents[1]
    assert limit in (root / "docs" / "format.md").read_text()
    assert limit in (root / "README.md").read_text()


def test_check_refuses_a_fifo_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` on a FIFO exits 2 with one line instead of hanging."""
    fifo = tmp_path / "case.gsnx"
    os.mkfifo(fifo)
    with time_limit(10):
        assert main(["check", str(fifo)]) == 2
    assert "not a regular file" in capsys.readouterr().err


def test_the_editor_refuses_a_fifo_with_a_dialog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a FIFO in the editor shows a dialog rather than freezing the window."""
    shown = _open_in_editor(qtbot, tmp_path, monkeypatch, None)
    assert shown and "not a regular file" in shown[0]


def test_the_editor_watching_a_case_replaced_by_a_fifo_does_not_freeze(tmp_path: Path) -> None:
    """When the open case's path becomes a FIFO, the file watch sees no readable version
    instead of waiting for a writer."""
    from gsn_studio.io.disk_state import DiskState

    fifo = tmp_path / "case.gsnx"
    os.mkfifo(fifo)
    with time_limit(10):
        assert DiskState.of(fifo) is None


# -- minor --------------------------------------------------------------------------------------


def test_a_libxml2_message_spanning_two_lines_is_one_line() -> None:
    """An unfinished CDATA section's message (which quotes a line break) stays on one line."""
    message = refusal(parse_gsnx, b"<a><![CDATA[</a>\n<b/>")
    assert re.match(r"bad\.file:\d+: not well-formed XML: CData section not finished", message)


def test_the_refusal_to_write_foreign_xml_as_yaml_agrees_in_number() -> None:
    """One node holding foreign XML "holds" it; several "hold" it."""
    case = hazard_case()
    case.update_node("G1", foreign_xml=('<x:a xmlns:x="urn:x"/>',))
    with pytest.raises(CaseFileError, match="G1 holds XML"):
        to_yaml(case)
    case.update_node("G2", foreign_xml=('<x:a xmlns:x="urn:x"/>',))
    with pytest.raises(CaseFileError, match="G1, G2 hold XML"):
        to_yaml(case)


# -- the editor -----------------------------------------------------------------------------------


def _open_in_editor(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    data: bytes | None,
    expect: bool = False,
) -> list[str]:
    """Open a file (a FIFO when data is None) through File > Open's code path; the texts of
    the dialogs it showed."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from gsn_studio.app.main_window import MainWindow

    shown: list[str] = []

    def critical(parent: object, title: str, text: str, *args: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    path = tmp_path / "opened.gsnx"
    if data is None:
        os.mkfifo(path)
    else:
        path.write_bytes(data)
    window = MainWindow()
    try:
        window.show()
        with time_limit(30):
            assert window.files.open(path, ask=False) is expect
            if expect:
                qtbot.waitUntil(lambda: not window.layout_runner.is_running(), timeout=20000)
                window.document.refresh_findings()
                assert window.document.findings is not None
        return shown
    finally:
        window.document.undo_stack.setClean()
        window.layout_runner.cancel()
        window.layout_runner.wait()
        window.close()
        window.deleteLater()
        QApplication.processEvents()
