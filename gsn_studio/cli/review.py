"""Review from the command line: list comments, post one (a script or a bot can challenge an
argument), reply, merge two reviewers' copies, and show what changed between two versions."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from gsn_studio.analysis.diff import CaseDiff
from gsn_studio.cli.common import EXIT_OK, UsageError, count, echo, terminal_json
from gsn_studio.io import save_case
from gsn_studio.io.times import time_text
from gsn_studio.model import Case, Comment, CommentKind, CommentStatus, ModelError, comment_edits
from gsn_studio.model.comment_edits import CommentFilter, Target, merge_comments


def comment_dict(comment: Comment) -> dict[str, object]:
    """A comment as `comments --format json` prints it."""
    return {
        "id": comment.id,
        "node": comment.node,
        "link": [comment.via, comment.node] if comment.via is not None else None,
        "author": comment.author,
        "time": time_text(comment.time),
        "kind": comment.kind.value,
        "status": comment.status.value,
        "text": comment.text,
        "replies": [
            {"author": r.author, "time": time_text(r.time), "text": r.text} for r in comment.replies
        ],
    }


def select(
    comments: Iterable[Comment],
    status: str | None = None,
    kind: str | None = None,
    author: str | None = None,
    node: str | None = None,
) -> list[Comment]:
    """The comments the `comments` options choose (the Review panel's filter)."""
    chosen = CommentFilter(
        statuses=None if status is None else frozenset({CommentStatus(status)}),
        kind=None if kind is None else CommentKind(kind),
        author=author,
        node=node,
    )
    return chosen.select(comments)


def print_comments(path: Path, case: Case, chosen: list[Comment], output_format: str) -> None:
    if output_format == "json":
        print(terminal_json([comment_dict(c) for c in chosen]))
        return
    nodes = case.index()
    for c in chosen:
        gone = "" if c.node in nodes else " (node deleted)"
        echo(
            f"{path}: {c.id} on {c.describe_target()}{gone} [{c.kind.value}, {c.status.value}] "
            f"{c.author}, {time_text(c.time)}"
        )
        for line in c.text.split("\n"):
            echo(f"    {line}")
        for reply in c.replies:
            echo(f"    ↳ {reply.author}, {time_text(reply.time)}:")
            for line in reply.text.split("\n"):
                echo(f"        {line}")
    echo(f"{path}: {count(len(chosen), 'comment')}")


def add_comment(
    path: Path,
    case: Case,
    node_id: str,
    *,
    author: str,
    kind: str,
    text: str,
    via: str | None,
) -> int:
    try:
        change, _words = comment_edits.add_comment(
            case, Target(node_id, via), author, CommentKind(kind), text
        )
        change.apply(case)
    except ModelError as error:
        raise UsageError(f"{path}: {error}") from None
    save_case(case, path)
    echo(change.comment.id)
    return EXIT_OK


def reply(
    path: Path, case: Case, comment_id: str, *, author: str, text: str, status: str | None
) -> int:
    try:
        comment = case.comment(comment_id)
        change, _words = comment_edits.reply(
            comment, author, text, None if status is None else CommentStatus(status)
        )
    except ModelError as error:
        raise UsageError(f"{path}: {error}") from None
    change.apply(case)
    save_case(case, path)
    echo(f"{comment_id}: {count(len(change.comment.replies), 'reply')}")
    return EXIT_OK


def print_diff(old: Path, new: Path, result: CaseDiff, output_format: str) -> None:
    if output_format == "json":
        print(terminal_json(result.as_dict()))
        return
    for node_id in result.added:
        echo(f"+ {node_id}")
    for node_id in result.removed:
        echo(f"- {node_id}")
    for node_id, fields in result.changed:
        echo(f"~ {node_id}: {', '.join(fields)}")
    for source, target, kind in result.links_added:
        echo(f"+ link {source} → {target} ({kind})")
    for source, target, kind in result.links_removed:
        echo(f"- link {source} → {target} ({kind})")
    for before, after in result.renamed:
        echo(f"  {before} looks renamed to {after} (same type and statement)")
    if result.is_empty():
        echo(f"{old} and {new}: the same argument")


def write_merged(base: Case, other: Case, target: Path) -> int:
    added, updated, warnings = merge_comments(base, other)
    for warning in warnings:
        echo(f"gsn-studio: warning: {warning}", stream=sys.stderr)
    save_case(base, target)
    echo(
        f"wrote {target}: {count(added, 'comment')} added, {updated} updated, "
        f"{count(len(base.comments), 'comment')} in all"
    )
    return EXIT_OK
