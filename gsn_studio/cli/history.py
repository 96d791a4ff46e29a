"""`gsn-studio history`: when the verdict of a case and of each goal changed in git, and why,
as a list, JSON, or an SVG timeline."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from gsn_studio.analysis import ArtifactReader, Assessment, assess
from gsn_studio.analysis.history import (
    VERDICT,
    Snapshot,
    StatusChange,
    snapshot,
    status_changes,
    unreadable,
)
from gsn_studio.cli.common import EXIT_BAD_INPUT, EXIT_OK
from gsn_studio.export.timeline import timeline_svg
from gsn_studio.io import CaseFileError, load_case
from gsn_studio.io.atomic import write_atomically
from gsn_studio.io.git_history import GitError, case_at, repository_of, revisions
from gsn_studio.model import Case


def snapshots(path: Path, as_of: dt.date) -> list[Snapshot]:
    """The case at each commit that touched it, judged as of that commit's day; between
    commits, the days its evidence fell due (the verdict changes then, not at the next
    commit); then the file as it is now, judged as of `as_of`."""
    top, inside = repository_of(path)
    history = revisions(path)
    found: list[Snapshot] = []
    for index, revision in enumerate(history):
        try:
            case = case_at(top, revision.sha, inside)
        except CaseFileError as error:
            found.append(unreadable(revision.short, revision.day, revision.subject, str(error)))
            continue
        if case is None:
            continue
        assessment = assess(case, revision.day)
        found.append(snapshot(revision.short, revision.day, revision.subject, case, assessment))
        until = history[index + 1].day if index + 1 < len(history) else as_of
        found += _falling_due(case, assessment, revision.short, until, found[-1])
    try:
        case = load_case(path)
    except CaseFileError as error:
        found.append(unreadable("now", as_of, "the file as it is now", str(error)))
        return found
    assessment = assess(case, as_of, ArtifactReader.for_case_file(path))
    found.append(snapshot("now", as_of, "the file as it is now", case, assessment))
    return found


def _falling_due(
    case: Case, assessment: Assessment, label: str, until: dt.date, last: Snapshot
) -> list[Snapshot]:
    """Snapshots on each day after `assessment` that some evidence expired before `until`,
    kept only where a status changed. Files are not read: a revision's artifacts are gone."""
    dues: dict[dt.date, list[str]] = {}
    for judgement in (*assessment.judgements.values(), *assessment.refutations.values()):
        due = judgement.due
        if due is not None and assessment.as_of <= due and due + dt.timedelta(days=1) < until:
            dues.setdefault(due + dt.timedelta(days=1), []).append(judgement.node)
    found: list[Snapshot] = []
    for day in sorted(dues):
        subject = f"{', '.join(dues[day])} fell due (no commit)"
        later = snapshot(
            f"{label}+{(day - assessment.as_of).days}d", day, subject, case, assess(case, day)
        )
        if later.statuses != last.statuses:
            found.append(later)
            last = later
    return found


def run(args: argparse.Namespace) -> int:
    as_of = args.as_of or dt.date.today()
    try:
        found = snapshots(args.case, as_of)
    except GitError as error:
        print(f"gsn-studio: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    changes = status_changes(found)
    if args.format == "svg":
        text = timeline_svg(found, title=args.case.name)
    elif args.format == "json":
        text = json.dumps(
            {
                "case": str(args.case),
                "revisions": [
                    {
                        "revision": s.label,
                        "day": s.day.isoformat(),
                        "subject": s.subject,
                        "statuses": s.statuses,
                        "problem": s.problem,
                    }
                    for s in found
                ],
                "changes": [change.as_dict() for change in changes],
            },
            indent=2,
            ensure_ascii=False,
        )
    else:
        text = _text(found, changes)
    if args.output is not None:
        write_atomically(args.output, (text + "\n").encode("utf-8"))
        print(f"wrote {args.output}")
    else:
        print(text)
    return EXIT_OK


def _text(found: list[Snapshot], changes: list[StatusChange]) -> str:
    by_label: dict[str, list[StatusChange]] = {}
    for change in changes:
        by_label.setdefault(change.label, []).append(change)
    lines: list[str] = []
    started = False
    for snap in found:
        if snap.problem:
            lines.append(f"{snap.day} {snap.label}  unreadable: {snap.problem}")
            continue
        if not started:
            started = True
            verdict = snap.statuses.get(VERDICT, "?")
            lines.append(f"{snap.day} {snap.label}  verdict {verdict}  ({snap.subject})")
            continue
        single_top = snap.top[0] if len(snap.top) == 1 else None
        for change in by_label.get(snap.label, ()):
            if change.node == single_top:
                continue  # the verdict line says it
            who = change.node
            if change.node == VERDICT:
                who = f"verdict ({single_top})" if single_top else "verdict"
            move = f"{change.before} -> {change.after}"
            if change.before == change.after:
                move = f"still {change.after}"
            lines.append(f"{change.day} {change.label}  {who}: {move}  ({change.subject})")
            lines += [f"    {reason}" for reason in change.why]
    if not changes:
        lines.append("no status has changed since")
    return "\n".join(lines)
