"""The files a case of modules opens from, given any one of its modules: the modules in the
same folder that use it (directly or through others), then it. A module names only the
modules it uses, so opening a used module (fairness.gsnx) finds its users by reading its
neighbours' headers."""

from __future__ import annotations

from pathlib import Path

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.modular import modules_in

CASE_SUFFIXES = (".gsnx", ".yaml", ".yml")
MAX_NEIGHBOURS = 500
"""A folder of more files than this is not searched: it is not one case's folder."""


def case_files_for(path: Path) -> list[Path]:
    """The files to open the whole case from: the top modules that use `path`, then `path`."""
    path = path.resolve()
    neighbours = sorted(
        p for p in path.parent.iterdir() if p.suffix.lower() in CASE_SUFFIXES and p.is_file()
    )
    if len(neighbours) > MAX_NEIGHBOURS:
        return [path]
    users: dict[Path, set[Path]] = {}
    """File -> the files that use it."""
    for neighbour in neighbours:
        if neighbour == path:
            continue
        try:
            found = modules_in(neighbour, neighbour.name)
        except (CaseFileError, OSError, ValueError):
            continue  # not a case file: nothing to find there
        for module in found:
            for used in module.uses:
                target = (neighbour.parent / used).resolve()
                users.setdefault(target, set()).add(neighbour)
    above: set[Path] = set()
    todo = [path]
    while todo:
        for user in users.get(todo.pop(), set()):
            if user not in above and user != path:
                above.add(user)
                todo.append(user)
    tops = sorted(p for p in above if not (users.get(p, set()) & above))
    return [*tops, path]
