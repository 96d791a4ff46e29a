"""A case file's versions in git, read with `git` itself (no network, nothing written).

Every call runs `git -C <the file's folder>`, so the file may sit anywhere inside a working
tree. Failures are a `GitError` with one line that says what is wrong.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from gsn_studio.io.gsn2x_read import parse_gsn2x
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.model import Case

_TIMEOUT = 60


class GitError(Exception):
    """git is missing, the file is not in a repository, or a revision is unknown."""


@dataclass(frozen=True, slots=True)
class Revision:
    sha: str
    day: dt.date
    author: str
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:8]


def _run(folder: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            check=False,
            timeout=_TIMEOUT,
            # No prompt for credentials, messages in English so they read the same everywhere.
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise GitError("git is not installed (it is needed to read a case's history)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {_TIMEOUT} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def _git(folder: Path, *args: str) -> str:
    return _run(folder, *args).decode("utf-8", "replace")


def working_tree(folder: Path) -> Path:
    """The top of the git working tree holding a folder."""
    if not folder.is_dir():
        raise GitError(f"{folder}: the folder does not exist")
    try:
        return Path(_git(folder, "rev-parse", "--show-toplevel").strip()).resolve()
    except GitError:
        raise GitError(f"{folder} is not in a git repository") from None


def repository_of(path: Path) -> tuple[Path, str]:
    """The working tree holding a file and the file's path inside it (posix)."""
    try:
        top = working_tree(path.resolve().parent)
    except GitError:
        raise GitError(f"{path} is not in a git repository, so it has no history") from None
    return top, path.resolve().relative_to(top).as_posix()


def revisions(path: Path) -> list[Revision]:
    """The commits that changed the file, oldest first, following renames."""
    top, inside = repository_of(path)
    log = _git(top, "log", "--follow", "--format=%H%x1f%cs%x1f%an%x1f%s", "--", inside)
    found = []
    for line in log.splitlines():
        sha, day, author, subject = line.split("\x1f", 3)
        found.append(Revision(sha, dt.date.fromisoformat(day), author, subject))
    if not found:
        raise GitError(f"{path} has never been committed to git, so it has no history")
    return found[::-1]


def file_version(path: Path) -> str:
    """The version of a file as git knows it: "commit 1a2b3c4d of 2026-11-20", with "and
    uncommitted changes" when the file differs from that commit. GitError when the file is not
    in a repository or was never committed."""
    top, inside = repository_of(path)
    last = _git(top, "log", "-1", "--format=%H%x1f%cs", "--", inside).strip()
    if not last:
        raise GitError(f"{path} has never been committed to git")
    sha, day = last.split("\x1f", 1)
    dirty = _git(top, "status", "--porcelain", "--", inside).strip()
    return f"commit {sha[:8]} of {day}" + (" and uncommitted changes" if dirty else "")


def revision_day(top: Path, revision: str) -> dt.date:
    """The commit day of a revision (a sha, a tag, HEAD~3...)."""
    try:
        sha = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").strip()
    except GitError:
        raise GitError(f"{revision!r} is not a revision of the repository at {top}") from None
    return dt.date.fromisoformat(_git(top, "show", "-s", "--format=%cs", sha).strip())


def paths_at(top: Path, revision: str, inside: str) -> list[str]:
    """The paths a revision holds under a folder (to notice cases removed since)."""
    listing = _git(top, "ls-tree", "-r", "--name-only", revision, "--", inside or ".")
    return listing.splitlines()


def file_at(top: Path, revision: str, inside: str) -> bytes | None:
    """A file's bytes as a revision holds it; None when the revision has no such file."""
    try:
        return _run(top, "show", f"{revision}:{inside}")
    except GitError:
        return None


def case_at(top: Path, revision: str, inside: str) -> Case | None:
    """The case as a revision holds it; None when the revision has no such file. A file that
    does not parse raises CaseFileError naming `REV:path`."""
    try:
        data = _run(top, "show", f"{revision}:{inside}")
    except GitError:
        return None
    label = f"{revision}:{inside}"
    if inside.lower().endswith(".gsnx"):
        return parse_gsnx(data, label)
    return parse_gsn2x(data, label)
