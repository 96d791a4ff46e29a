"""A case as a git revision holds it, together with the evidence files and trace sets it
names, written into a scratch folder laid out as the case's own folder, so the same checks
that judge the working tree judge the revision (`gsn-studio impact`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath

from gsn_studio.io.git_history import GitError, case_at, file_at, repository_of, revision_day
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import Case, is_url


def referenced_files(case: Case) -> list[str]:
    """The relative paths, inside the case's folder, of its evidence files and trace sets."""
    found = [trace_set.path for trace_set in case.trace_sets]
    for node in case.nodes:
        for evidence in (node.evidence, node.refutation):
            if evidence is not None and evidence.reference and not is_url(evidence.reference):
                found.append(evidence.reference.split("?")[0].split("#")[0])
    inside = []
    for reference in dict.fromkeys(found):
        path = PurePosixPath(reference.replace("\\", "/"))
        if reference and not path.is_absolute() and ".." not in path.parts:
            inside.append(path.as_posix())
    return inside


def snapshot(case_path: Path, revision: str, scratch: Path) -> tuple[Path, Case] | None:
    """The case at a revision written to `scratch` with its files; None when the revision has
    no such case. GitError for an unknown revision or a file outside a repository."""
    top, inside = repository_of(case_path)
    revision_day(top, revision)  # an unknown revision is an error, not "no case then"
    old = case_at(top, revision, inside)
    if old is None:
        return None
    folder = PurePosixPath(inside).parent
    for reference in referenced_files(old):
        data = file_at(top, revision, (folder / reference).as_posix())
        if data is None:
            continue  # missing then: the checks say so
        target = scratch / reference
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    copy = scratch / "case.gsnx"
    copy.write_bytes(to_bytes(old))
    return copy, old


def snapshot_files(
    case_files: list[Path], revision: str, scratch: Path
) -> tuple[list[Path], dt.date] | None:
    """The files of a case of modules as a revision holds them, with the evidence files each
    names, written under `scratch` as the repository lays them out (so `uses` between modules
    and paths that leave a module's folder resolve as they did). Returns where the first file
    and the others landed, and the revision's commit day; None when the revision has no first
    file. A module missing then is left out (loading the copy says so)."""
    top, _ = repository_of(case_files[0])
    day = revision_day(top, revision)
    landed: list[Path] = []
    for path in case_files:
        try:
            inside = path.resolve().relative_to(top).as_posix()
        except ValueError:
            continue  # a module outside the repository has no version there
        data = file_at(top, revision, inside)
        if data is None:
            if not landed:
                return None
            continue
        target = scratch / inside
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        landed.append(target)
        old = case_at(top, revision, inside)
        folder = PurePosixPath(inside).parent
        for reference in referenced_files(old) if old is not None else ():
            artifact = file_at(top, revision, (folder / reference).as_posix())
            if artifact is not None:
                copy = scratch / folder / reference
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_bytes(artifact)
    return landed, day


__all__ = ["GitError", "referenced_files", "snapshot", "snapshot_files"]
