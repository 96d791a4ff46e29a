"""Review comments in gsn2x YAML, both ways: a `reviewComments:` list inside `module:`.

gsn2x has no comments. It reads every top-level key but `module` as an element and refuses
one that is not, so the comments cannot have a top-level key of their own; `module:` takes
any extra key (gsn2x shows it only in a full legend), so they live there.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsn2x_values import Keys
from gsn_studio.io.times import time_text
from gsn_studio.model import Comment, CommentKind, CommentStatus, Reply

COMMENTS = "reviewComments"
COMMENT_KEYS = (
    "id", "node", "via", "author", "time", "kind", "status", "updated", "text", "replies",
)  # fmt: skip
"""In the order they are written."""
REPLY_KEYS = ("author", "time", "text")
_REQUIRED = ("id", "node", "author", "time", "text")

ModelT = TypeVar("ModelT", bound=BaseModel)


def comment_entries(comments: list[Comment]) -> list[dict[str, Any]]:
    """The `reviewComments:` list; nothing is written for a default kind, status or updated."""
    return [_entry(comment) for comment in comments]


def _entry(comment: Comment) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": comment.id, "node": comment.node}
    if comment.via is not None:
        entry["via"] = comment.via
    entry["author"] = comment.author
    entry["time"] = time_text(comment.time)
    if comment.kind is not CommentKind.QUESTION:
        entry["kind"] = comment.kind.value
    if comment.status is not CommentStatus.OPEN:
        entry["status"] = comment.status.value
    if comment.updated is not None:
        entry["updated"] = time_text(comment.updated)
    entry["text"] = comment.text
    if comment.replies:
        entry["replies"] = [
            {"author": reply.author, "time": time_text(reply.time), "text": reply.text}
            for reply in comment.replies
        ]
    return entry


def read_comments(module: Keys) -> list[Comment]:
    """The comments under `module: reviewComments:`, in file order, ids unique. A comment may
    name a node the file does not have: comments outlive the nodes they were made on."""
    comments: list[Comment] = []
    first_line: dict[str, int] = {}
    for keys in module.mappings(COMMENTS, "comment"):
        comment = _comment(keys)
        if comment.id in first_line:
            raise CaseFileError(
                keys.path,
                f"comment {comment.id}: the comment at line {first_line[comment.id]} has this "
                "id already; each comment needs its own",
                keys.at("id"),
            )
        first_line[comment.id] = keys.at("id")
        comments.append(comment)
    return comments


def _comment(keys: Keys) -> Comment:
    if "id" in keys:
        keys = dataclasses.replace(keys, label=f"comment {keys.text('id')}")
    _check_keys(keys, COMMENT_KEYS, "a comment")
    _check_required(keys, _REQUIRED)
    record: dict[str, Any] = {
        "id": keys.text("id"),
        "node": keys.text("node"),
        "via": keys.text("via") if keys.values.get("via") is not None else None,
        "author": keys.text("author"),
        "time": keys.time("time"),
        "text": keys.text("text"),
    }
    if "kind" in keys:
        record["kind"] = keys.choice("kind", CommentKind)
    if "status" in keys:
        record["status"] = keys.choice("status", CommentStatus)
    if keys.values.get("updated") is not None:
        record["updated"] = keys.time("updated")
    replies = keys.mappings("replies", "reply")
    record["replies"] = tuple(
        _reply(dataclasses.replace(reply, label=f"{keys.label}: {reply.label}"))
        for reply in replies
    )
    return _validated(Comment, record, keys)


def _reply(keys: Keys) -> Reply:
    _check_keys(keys, REPLY_KEYS, "a reply")
    _check_required(keys, REPLY_KEYS)
    record = {"author": keys.text("author"), "time": keys.time("time"), "text": keys.text("text")}
    return _validated(Reply, record, keys)


def _check_keys(keys: Keys, allowed: tuple[str, ...], what: str) -> None:
    for key in keys.values:
        if key not in allowed:
            raise keys.refuse(
                str(key), f"{key!r} is not a key of {what}; it holds {', '.join(allowed)}"
            )


def _check_required(keys: Keys, required: tuple[str, ...]) -> None:
    for key in required:
        if key not in keys:
            raise CaseFileError(keys.path, f"{keys.label}: {key} is missing", keys.line)


def _validated(model: type[ModelT], record: dict[str, Any], keys: Keys) -> ModelT:
    try:
        return model.model_validate(record)
    except ValidationError as error:
        first = error.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else ""
        message = str(first["msg"]).removeprefix("Value error, ")
        named = key and key not in message.split()[:3]  # "comment id 'c 1' must be..." is
        raise keys.refuse(key, f"{key}: {message}" if named else message) from None
