"""`gsn-studio merge-driver`: git's merge driver for case files, merging by element, link,
evidence and comment instead of by line; `--install` sets it up in a repository.

git calls it as `merge-driver %O %A %B %P` (base, ours, theirs, the file's path in the
repository) and expects the result in OURS: exit 0 when the merge is clean, 1 when conflicts
remain (recorded in a .gsnx file, for the editor and `check`), 2 for unreadable input, with
OURS untouched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gsn_studio.cli.common import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, UsageError, echo
from gsn_studio.io import CaseFileError, format_of
from gsn_studio.io.case_file import read_case_file
from gsn_studio.model import Case

DRIVER = "gsn-studio"
ATTRIBUTES = ("*.gsnx merge=gsn-studio",)
"""What --install adds to .gitattributes. gsn2x YAML is merged too when named (its globs,
such as `*.gsn.yaml`, are the project's to choose), but conflicts cannot be kept in YAML."""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "merge-driver",
        help="git merge driver: merge two versions of a case by element, not by line",
        description="Merge OURS and THEIRS from their common BASE and write the result into "
        "OURS. Exit status: 0 merged, 1 conflicts recorded in the file (the editor's Merge "
        "Conflicts panel resolves them; check reports them), 2 unreadable input (OURS is left "
        "as it was). With --install, set the driver up for a repository instead.",
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="BASE OURS THEIRS [PATH]")
    parser.add_argument(
        "--install",
        nargs="?",
        const=Path(),
        type=Path,
        metavar="REPO",
        help="add '*.gsnx merge=gsn-studio' to REPO's .gitattributes and the driver to its "
        "git config (default: the repository here); running it again changes nothing",
    )


def run(args: argparse.Namespace) -> int:
    if args.install is not None:
        if args.files:
            raise UsageError("merge-driver --install takes a repository, not files to merge")
        return install(args.install)
    if len(args.files) not in (3, 4):
        raise UsageError("merge-driver needs BASE OURS THEIRS [PATH], as git passes %O %A %B %P")
    base, ours, theirs, *named = args.files
    return merge_files(base, ours, theirs, named[0] if named else None)


def merge_files(base: Path, ours: Path, theirs: Path, path: Path | None) -> int:
    from gsn_studio.analysis.merge import merge_cases  # noqa: PLC0415 (only when merging)

    shown = str(path or ours)
    try:
        kind = format_of(path) if path is not None else _sniff(read_case_file(ours))
        cases = [
            _read(file, kind, f"{shown} ({side})")
            for file, side in ((base, "base"), (ours, "ours"), (theirs, "theirs"))
        ]
        merged = merge_cases(*cases)
        if merged.conflicts and kind != "gsnx":
            _report(shown, merged, "gsn2x YAML cannot hold them: OURS is left as it was")
            return EXIT_FINDINGS
        _save(merged, ours, kind)
    except CaseFileError as error:
        echo(f"gsn-studio merge-driver: {error}", stream=sys.stderr)
        return EXIT_BAD_INPUT
    if merged.conflicts:
        them = "them" if len(merged.conflicts) > 1 else "it"
        _report(shown, merged, f"recorded in the file: resolve {them} in the editor")
        return EXIT_FINDINGS
    return EXIT_OK


def _sniff(data: bytes) -> str:
    """Without the path, the content tells: .gsnx is XML, anything else gsn2x YAML."""
    return "gsnx" if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else "yaml"


def _read(file: Path, kind: str, label: str) -> Case:
    data = read_case_file(file)
    if not data.strip():
        return Case()  # git passes an empty base when both sides added the file
    if kind == "gsnx":
        from gsn_studio.io.gsnx_read import parse_gsnx  # noqa: PLC0415

        return parse_gsnx(data, label)
    if kind == "yaml":
        from gsn_studio.io.gsn2x_read import parse_gsn2x  # noqa: PLC0415

        return parse_gsn2x(data, label)
    raise CaseFileError(label, "the merge driver merges .gsnx and gsn2x YAML files only")


def _save(case: Case, ours: Path, kind: str) -> None:
    # Validated in full before OURS is replaced, so a failure leaves it as it was.
    if kind == "gsnx":
        from gsn_studio.io.gsnx_write import save_gsnx  # noqa: PLC0415

        save_gsnx(case, ours)
    else:
        from gsn_studio.io.gsn2x_write import save_gsn2x  # noqa: PLC0415

        save_gsn2x(case, ours)


def _report(shown: str, case: Case, outcome: str) -> None:
    count = len(case.conflicts)
    echo(
        f"gsn-studio merge-driver: {shown}: {count} conflict{'s' if count > 1 else ''} {outcome}",
        stream=sys.stderr,
    )
    for conflict in case.conflicts:
        echo(f"  {conflict.problem()}", stream=sys.stderr)


# -- installing --------------------------------------------------------------------------------


def install(repo: Path) -> int:
    top = Path(_git(repo, "rev-parse", "--show-toplevel"))
    attributes = top / ".gitattributes"
    lines = attributes.read_text(encoding="utf-8").splitlines() if attributes.exists() else []
    missing = [line for line in ATTRIBUTES if line not in (entry.strip() for entry in lines)]
    if missing:
        attributes.write_text("\n".join([*lines, *missing]) + "\n", encoding="utf-8")
    import shlex  # noqa: PLC0415 (every command imports this module for its parser)

    command = shlex.join([sys.executable, "-m", "gsn_studio", "merge-driver"])
    _git(top, "config", "--local", f"merge.{DRIVER}.name", "GSN Studio: merge cases by element")
    _git(top, "config", "--local", f"merge.{DRIVER}.driver", f"{command} %O %A %B %P")
    echo(f"{top}: .gitattributes merges *.gsnx with {DRIVER}; driver set in .git/config")
    if missing:
        echo("commit .gitattributes so that everyone's merges use it")
    return EXIT_OK


def _git(where: Path, *arguments: str) -> str:
    import subprocess  # noqa: PLC0415 (see install)

    try:
        done = subprocess.run(
            ["git", "-C", str(where), *arguments],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise UsageError(f"cannot run git: {error.strerror}") from None
    if done.returncode != 0:
        problem = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise UsageError(f"{where}: {problem}")
    return done.stdout.strip()
