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
from gsn_studio.model import (
    Case,
    Comment,
    CommentKind,
    CommentStatus,
    ModelError,
    Reply,
    new_comment_id,
)
from gsn_studio.model.review import now


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
    return [
        c
        for c in comments
        if (status is None or c.status.value == status)
        and (kind is None or c.kind.value == kind)
        and (author is None or c.author.casefold() == author.casefold())
        and (node is None or node in (c.node, c.via))
    ]


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
    if not author.strip():
        raise UsageError("--author must name someone")
    if not text.strip():
        raise UsageError("--text must say something")
    comment = Comment(
        id=_fresh_id(case),
        node=node_id,
        via=via,
        author=author,
        time=now(),
        kind=CommentKind(kind),
        text=text,
    )
    try:
        case.add_comment(comment)
    except ModelError as error:
        raise UsageError(f"{path}: {error}") from None
    save_case(case, path)
    echo(comment.id)
    return EXIT_OK


def reply(
    path: Path, case: Case, comment_id: str, *, author: str, text: str, status: str | None
) -> int:
    try:
        comment = case.comment(comment_id)
    except ModelError as error:
        raise UsageError(f"{path}: {error}") from None
    if not author.strip() or not text.strip():
        raise UsageError("a reply needs --author and --text")
    stamp = now()
    update: dict[str, object] = {
        "replies": (*comment.replies, Reply(author=author, time=stamp, text=text))
    }
    if status is not None:
        update |= {"status": CommentStatus(status), "updated": stamp}
    case.replace_comment(comment.model_copy(update=update))
    save_case(case, path)
    echo(f"{comment_id}: {count(len(comment.replies) + 1, 'reply')}")
    return EXIT_OK


def merge_comments(base: Case, other: Case) -> tuple[int, int, list[str]]:
    """Bring the other copy's comments into base, touching nothing else. Returns how many were
    added and updated, and warnings for comments on nodes base does not have."""
    added = updated = 0
    warnings = []
    positions = {comment.id: i for i, comment in enumerate(base.comments)}
    seen = {_content(comment) for comment in base.comments}
    for comment in other.comments:
        if comment.id in positions:
            index = positions[comment.id]
            merged = base.comments[index].merged_with(comment)
            if merged != base.comments[index]:
                base.comments[index] = merged
                updated += 1
            continue
        if _content(comment) in seen:
            continue  # the same words by the same person at the same moment: a copy
        if comment.node not in base or (comment.via is not None and comment.via not in base):
            warnings.append(f"{comment.id} is on {comment.describe_target()}, not in the base")
        base.comments.append(comment)
        positions[comment.id] = len(base.comments) - 1
        seen.add(_content(comment))
        added += 1
    return added, updated, warnings


def _content(comment: Comment) -> tuple[object, ...]:
    return (comment.node, comment.via, comment.author, comment.time, comment.text)


def _fresh_id(case: Case) -> str:
    taken = {comment.id for comment in case.comments}
    while (candidate := new_comment_id()) in taken:
        pass
    return candidate


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
