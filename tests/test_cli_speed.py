"""What `check` computes and loads is what its output needs: reason chains of the top goals
unless `--why` asks for all, compact JSON for programs, and no module a command does not use."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import RunCli

from gsn_studio.cli import help_width, main
from gsn_studio.cli.help_width import terminal_columns
from gsn_studio.io import save_case
from gsn_studio.model import Case, Evidence, NodeType

SAMPLES = Path(__file__).parent.parent / "samples"


def holed_case(folder: Path) -> Path:
    """G1 → S1 → {G2 (a hole), G3 ← Sn1}: G1, S1 and G2 are all undeveloped."""
    case = Case()
    case.add_node(NodeType.GOAL, "Safe", node_id="G1")
    case.add_node(NodeType.STRATEGY, "Over hazards", node_id="S1")
    case.add_node(NodeType.GOAL, "H1 handled", node_id="G2")
    case.add_node(NodeType.GOAL, "H2 handled", node_id="G3")
    case.add_node(NodeType.SOLUTION, "Test report", node_id="Sn1")
    case.update_node("Sn1", evidence=Evidence(reference="reports/test.pdf"))
    for parent, child in [("G1", "S1"), ("S1", "G2"), ("S1", "G3"), ("G3", "Sn1")]:
        case.connect(parent, child)
    path = folder / "case.gsnx"
    save_case(case, path)
    return path


def report(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, object]:
    main(["check", str(path), "--format", "json", *extra])
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_json_why_explains_the_top_goals_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --why, `why` holds the chains of the verdict's goals only, statuses of all."""
    found = report(holed_case(tmp_path), capsys)
    assert found["why"] == {"G1": ["G1 undeveloped: G2 has no support yet via S1"]}
    assert found["status"] == {"G1": "undeveloped", "S1": "undeveloped", "G2": "undeveloped",
                               "G3": "supported"}  # fmt: skip


def test_json_why_option_explains_every_goal_and_strategy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--why gives the chain of every goal and strategy that is not supported."""
    found = report(holed_case(tmp_path), capsys, "--why")
    assert found["why"] == {
        "G1": ["G1 undeveloped: G2 has no support yet via S1"],
        "S1": ["S1 undeveloped: G2 has no support yet"],
        "G2": ["G2 undeveloped: G2 has no support yet"],
    }


def test_json_to_a_pipe_is_one_line(tmp_path: Path, run_cli: RunCli) -> None:
    """Piped, the JSON report is compact (programs read it); the same data as indented."""
    path = holed_case(tmp_path)
    done = run_cli("check", str(path), "--format", "json")  # captured output is no terminal
    assert done.returncode == 1
    assert done.stdout.count("\n") == 1
    assert json.loads(done.stdout)["verdict"] == "undeveloped"


NOT_FOR_CHECK = (
    "gsn_studio.export",
    "gsn_studio.io.sacm",  # another tool's format, read only when such a file is given
    "gsn_studio.analysis.query",  # the query language: `query` and `export --query` only
    "gsn_studio.analysis.diff",  # `diff` and `impact` only
    "gsn_studio.io.gsnx_write",  # check writes nothing
    "difflib",  # only to suggest a command for a mistyped one
    # pydantic's plugin loader: no model builds its validator for a plain case
    "importlib.metadata",
    "email",
    "subprocess",  # git and the desktop tools: other commands
    "tempfile",  # for writers (and importlib.resources, which brings it)
    "importlib.resources",
    # Other commands' modules: the parser of a command is built from its own module only.
    "gsn_studio.cli.impact",
    "gsn_studio.analysis.impact",
    "gsn_studio.cli.metrics",
    "gsn_studio.cli.install_desktop",
    "gsn_studio.cli.trace",
    "gsn_studio.cli.accept",
    "gsn_studio.cli.query",
    "gsn_studio.cli.report",
    "gsn_studio.cli.merge_driver",
    "gsn_studio.analysis.modules",  # a case of several modules only
    "gsn_studio.model.instantiation",  # a pattern's parameters: a case that is a pattern
    # The practice checks, for a case that adopted them (or --practice, --require-owners).
    "gsn_studio.analysis.claims",
    "gsn_studio.analysis.owners",
    "gsn_studio.analysis.degradation",
    # What only other cases need: trace sets' readers, values measured in CSV files.
    "gsn_studio.io.trace_sets.csv_set",
    "gsn_studio.io.trace_sets.json_set",
    "csv",
    "gsn_studio.io.atomic",  # writers (and their temporary files' clean-up)
    "glob",
    # The colours and shapes of figures and the canvas: check prints status words only.
    "gsn_studio.notation.palette",
    # argparse imports shutil, and with it bz2 and lzma, only to ask the terminal's width.
    "shutil",
    "bz2",
    "lzma",
)


@pytest.mark.parametrize(
    ("command", "absent"),
    [
        (["check", "{case}"], ("PySide6", "networkx", "yaml", "cairosvg", *NOT_FOR_CHECK)),
        (["check", "{case}", "--format", "json"], ("PySide6", "networkx", "yaml")),
        (["comments", "{case}"], ("PySide6", "networkx", "yaml", "gsn_studio.export")),
        # The register's table writer lives in export (shared with figures), its figures do not.
        (["evidence", "{case}"], ("PySide6", "networkx", "yaml", "gsn_studio.export.figure")),
        (["metrics", "{case}"], ("PySide6", "networkx", "yaml", "gsn_studio.export")),
    ],
)
def test_a_command_imports_only_what_it_uses(command: list[str], absent: tuple[str, ...]) -> None:
    """A command on a .gsnx case loads no Qt, no networkx (the case has no cycle), no YAML."""
    args = [part.format(case=SAMPLES / "tutorial.gsnx") for part in command]
    probe = (
        "import sys, contextlib, io\n"
        "from gsn_studio.launcher import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({args!r})\n"
        "print(' '.join(sorted(m for m in sys.modules)))\n"
    )
    # A process: only a fresh interpreter shows what a command imports.
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert "gsn_studio.model" in loaded
    assert not {m for m in loaded for a in absent if m == a or m.startswith(f"{a}.")}


def test_the_program_freezes_what_it_imported_but_a_call_in_process_does_not() -> None:
    """Run as a program, the collector no longer walks start-up objects; main([...]) leaves
    the caller's collector alone."""
    probe = (
        "import gc, sys, contextlib, io\n"
        "from gsn_studio.launcher import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['check', {str(SAMPLES / 'tutorial.gsnx')!r}])\n"
        "print(gc.get_freeze_count())\n"
        f"sys.argv = ['gsn-studio', 'check', {str(SAMPLES / 'tutorial.gsnx')!r}]\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main()\n"
        "print(gc.get_freeze_count())\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    in_process, as_program = (int(word) for word in done.stdout.split())
    assert in_process == 0
    assert as_program > 10_000


def test_reading_the_schema_leaves_the_resources_package_importable() -> None:
    """After a case is read, `import gsn_studio.resources` still binds the package."""
    probe = (
        "from gsn_studio.io import load_case\n"
        f"load_case({str(SAMPLES / 'tutorial.gsnx')!r})\n"
        "import gsn_studio.resources\n"
        "print(gsn_studio.resources.__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "gsn_studio.resources"


def test_the_program_parses_the_named_case_while_it_starts(tmp_path: Path, run_cli: RunCli) -> None:
    """Run as a program, `check FILE` reads FILE from the tree parsed ahead (io/prefetch.py),
    runs no garbage collection (nor leaves the case for the one at exit), and prints what the
    command run in process prints."""
    from generate import generate_case

    path = tmp_path / "big.gsnx"
    save_case(generate_case(1500), path)
    probe = (
        "import gc, sys, contextlib, io\n"
        f"sys.argv = ['gsn-studio', 'check', {str(path)!r}]\n"
        "from gsn_studio.launcher import main\n"
        "from gsn_studio.io import gsnx_read\n"
        "parsed = []\n"
        "plain = gsnx_read.parse_xml\n"
        "gsnx_read.parse_xml = lambda *a: parsed.append(a) or plain(*a)\n"
        "collections = []\n"
        "gc.callbacks.append(lambda phase, info: collections.append(phase))\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    code = main()\n"
        "print(code, len(parsed), len(collections), len(gc.get_objects()) < 1000)\n"
        "print(out.getvalue(), end='')\n"
    )
    # A process: only the program's own start parses ahead and leaves the collector off.
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    first, _, printed = done.stdout.partition("\n")
    assert first == "1 0 0 True", done.stderr
    assert printed == run_cli("check", path).stdout


def test_the_program_ends_once_its_report_is_out_without_tearing_itself_down(
    tmp_path: Path, run_cli: RunCli
) -> None:
    """Run as a program, a reading command ends its process as soon as its output is flushed,
    with the status and output it would give anyway, and no interpreter teardown after it."""
    from generate import generate_case

    path = tmp_path / "big.gsnx"
    save_case(generate_case(1500), path)
    probe = (
        "import atexit, sys\n"
        "atexit.register(print, 'torn down', file=sys.stderr)\n"
        f"sys.argv = ['gsn-studio', 'check', {str(path)!r}]\n"
        "from gsn_studio.launcher import run\n"
        "run()\n"
    )
    # A process: only a process shows how it ends.
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout == run_cli("check", path).stdout
    # Other commands (the editor, writers) end as Python ends a program.
    probe = probe.replace("'check', ", f"'diff', {str(path)!r}, ")
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (0, "torn down\n")


def test_a_command_builds_the_parser_of_that_command_alone(
    monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    """`check FILE` builds the check parser alone (building every command's parser was a
    tenth of `check`'s start beyond its imports); the help without a command still lists
    every command, in its order."""
    built: list[str] = []
    plain = argparse._SubParsersAction.add_parser

    def spy(
        self: argparse._SubParsersAction[argparse.ArgumentParser], name: str, **kwargs: object
    ) -> argparse.ArgumentParser:
        built.append(name)
        return plain(self, name, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(argparse._SubParsersAction, "add_parser", spy)
    assert run_cli("check", SAMPLES / "tutorial.gsnx").returncode == 1
    assert built == ["check"]
    built.clear()
    assert run_cli("export", "--help").returncode == 0
    assert built == ["export", "query"]  # export --query comes from the query command's module
    built.clear()
    assert run_cli("query", "--help").returncode == 0
    assert built == ["export", "query"]  # which adds its options to export's parser
    built.clear()
    shown = run_cli("--help")
    assert shown.returncode == 0
    assert built == [
        "check", "evidence", "verify", "comments", "comment", "reply", "merge-comments",
        "diff", "instantiate", "convert", "export", "portfolio", "history", "edit", "review",
        "install-desktop", "trace", "accept", "impact", "merge-driver", "metrics", "report",
        "query",
    ]  # fmt: skip
    listed = re.findall(r"^    (\S+)", shown.stdout, re.MULTILINE)  # the commands' column
    assert listed[: len(built)] == built


def test_the_program_imports_itself_with_the_collector_off() -> None:
    """The launcher's module imports nothing of the program (not lxml, nor gsn_studio.io): run
    as the program, a reading command imports them after switching the collector off, and no
    collection runs from then on (12 ran while lxml and the prefetch were imported)."""
    probe = (
        "import gc, sys, contextlib, io\n"
        f"sys.argv = ['gsn-studio', 'check', {str(SAMPLES / 'tutorial.gsnx')!r}]\n"
        "from gsn_studio.launcher import main\n"
        "print(sorted(m for m in ('lxml', 'gsn_studio.io') if m in sys.modules))\n"
        "collections = []\n"
        "gc.callbacks.append(lambda phase, info: collections.append(phase))\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main()\n"
        "print(code, len(collections))\n"
    )
    # A process: only a fresh interpreter shows what starting the program imports and collects.
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["[]", "1 0"]


@pytest.mark.parametrize("columns", [None, "60", "0", "-3", "wide", "123"])
def test_the_help_takes_the_width_argparse_would(
    columns: str | None, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    """The command line's help is as wide as argparse makes it by itself (from COLUMNS, the
    terminal, or 80), though shutil is not imported to find that width."""
    import shutil

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns
    ours = run_cli("check", "--help").stdout
    monkeypatch.setattr(help_width, "HelpFormatter", argparse.HelpFormatter)
    assert ours == run_cli("check", "--help").stdout


def test_the_parse_ahead_thread_imports_nothing() -> None:
    """Run as the program, `check FILE` parses FILE in a thread that imports no module: what it
    runs (the schema's package too) is imported by the program's own thread, as two threads
    importing at once can each wait for a module the other is importing."""
    probe = (
        "import sys, threading, contextlib, io\n"
        "program = threading.get_ident()\n"
        "elsewhere = []\n"
        "class Spy:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if threading.get_ident() != program:\n"
        "            elsewhere.append(name)\n"
        "sys.meta_path.insert(0, Spy())\n"
        f"sys.argv = ['gsn-studio', 'check', {str(SAMPLES / 'tutorial.gsnx')!r}]\n"
        "from gsn_studio.launcher import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main()\n"
        "print(code, elsewhere)\n"
    )
    # A process: only a fresh interpreter has modules left to import.
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split(maxsplit=1) == ["1", "[]\n"]


@pytest.mark.parametrize("command", ["check", "comments", "evidence", "metrics"])
def test_the_records_a_command_imports_compile_no_method_but_their_constructor(
    command: str,
) -> None:
    """The dataclasses a reading command makes at import (findings, judgements, reasons, the
    assessment, trace items, the editor's changes `comments` imports...) compile only their
    `__init__`: repr, equality, hash and the
    frozen guards are shared functions, not source dataclasses writes and compiles per class
    (about a millisecond a class). pydantic's own dataclasses are not ours to make."""
    probe = (
        "import dataclasses, contextlib, io\n"
        "written = []\n"
        "create = dataclasses._create_fn\n"
        "def spy(name, *args, globals=None, **kwargs):\n"
        "    if (globals or {}).get('__name__', '').startswith('gsn_studio'):\n"
        "        written.append(f\"{globals['__name__']}.{name}\")\n"
        "    return create(name, *args, globals=globals, **kwargs)\n"
        "dataclasses._create_fn = spy\n"
        "from gsn_studio.launcher import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main([{command!r}, {str(SAMPLES / 'tutorial.gsnx')!r}])\n"
        "print(len(written), sorted(set(written)))\n"
    )
    # A process: only a fresh interpreter has its classes still to make.
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split(maxsplit=1) == ["0", "[]\n"]


def test_json_output_is_searched_for_terminal_controls_only_when_some_line_could_hold_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`terminal_json` gives the same text without its escaping pass (a regular expression
    over the whole report: 5 ms at 10,000 nodes) when every line is printable text, which
    holds none of the characters that pass escapes; a line that is not still gets it."""
    from gsn_studio.cli import common

    # Every character the pass escapes is one str.isprintable refuses (the line breaks
    # between lines aside), so a printable line holds none of them.
    escaped = [chr(code) for code in range(0x110000) if common._UNPRINTABLE.match(chr(code))]
    assert len(escaped) > 2000 and not any(char.isprintable() for char in escaped)
    report = {"why": ["G1 → G2 ünïcode", "tab\there"], "n": [1, None, True]}
    hostile = {"why": ["\x1b[2J \u202e \x85 \ud800 \x7f", "\u00a0 no-break"]}
    expected = {
        indent: [common.terminal_json(value, indent) for value in (report, hostile)]
        for indent in (None, 2)
    }
    searched: list[str] = []

    class Spy:
        def sub(self, replace: Any, line: str) -> str:
            searched.append(line)
            return _unprintable.sub(replace, line)

    _unprintable = common._UNPRINTABLE
    monkeypatch.setattr(common, "_UNPRINTABLE", Spy())
    for indent, (plain, escaped_text) in expected.items():
        assert common.terminal_json(report, indent) == plain
        assert searched == []
        assert common.terminal_json(hostile, indent) == escaped_text
        assert searched and "\\u001b" in escaped_text and "\\u202e" in escaped_text
        searched.clear()


def test_check_compiles_no_regular_expression_it_does_not_use() -> None:
    """The patterns only an error message, writing or a measure's text need are compiled
    when first used, not at every start (the one that makes lxml's
    messages readable alone took 0.6 ms): `check` of a sound file compiles none of them."""
    probe = (
        "import re, contextlib, io\n"
        "compiled = []\n"
        "compile = re._compile\n"
        "def spy(pattern, flags):\n"
        "    compiled.append(pattern)\n"
        "    return compile(pattern, flags)\n"
        "re._compile = spy\n"
        "from gsn_studio.launcher import main\n"
        "from gsn_studio.io import errors, gsnx_format\n"
        "from gsn_studio.model import evidence\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['check', {str(SAMPLES / 'tutorial.gsnx')!r}])\n"
        "lazy = (errors._INVISIBLE, gsnx_format._CLARK, gsnx_format._PLAIN,\n"
        "    evidence._MEASURE_TEXT)\n"
        "print([p for p in lazy if p in compiled or not isinstance(p, str)])\n"
    )
    # A process: only a fresh interpreter has compiled nothing yet.
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
