"""The review section of a .gsnx file (1.2): comments with their threads of replies.

It sits in a package of its own, apart from the argument, so that a review (new comments,
replies, status changes) adds or changes only lines of its own in a diff.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lxml import etree

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsnx_format import child_text, qualified, validated
from gsn_studio.io.times import parse_time, time_text
from gsn_studio.model import Comment, CommentKind, CommentStatus, Reply

PACKAGE = "ReviewPackage"


def write_review(root: etree._Element, comments: list[Comment]) -> None:
    if not comments:
        return  # no empty package: a case without comments stays a 1.0 or 1.1 file
    package = etree.SubElement(root, qualified(PACKAGE))
    for comment in comments:
        element = etree.SubElement(package, qualified("Comment"), gid=comment.id)
        element.set("node", comment.node)
        if comment.via is not None:
            element.set("via", comment.via)
        element.set("author", comment.author)
        element.set("time", time_text(comment.time))
        if comment.kind is not CommentKind.QUESTION:
            element.set("kind", comment.kind.value)
        if comment.status is not CommentStatus.OPEN:
            element.set("status", comment.status.value)
        if comment.updated is not None:
            element.set("updated", time_text(comment.updated))
        etree.SubElement(element, qualified("content")).text = comment.text
        for reply in comment.replies:
            item = etree.SubElement(
                element, qualified("Reply"), author=reply.author, time=time_text(reply.time)
            )
            etree.SubElement(item, qualified("content")).text = reply.text


def read_review(root: etree._Element, path: str | Path) -> list[Comment]:
    """The comments in file order. The schema has checked the shape and that ids are unique;
    a comment may name a node the case no longer has (comments outlive their node)."""
    comments = []
    for element in root.iterfind(f"{qualified(PACKAGE)}/{qualified('Comment')}"):
        label = f"comment {element.get('gid')}"
        replies = [
            _reply(reply, f"{label}: reply {number}", path)
            for number, reply in enumerate(element.iterfind(qualified("Reply")), 1)
        ]
        record: dict[str, Any] = {
            "id": element.get("gid"),
            "node": element.get("node"),
            "via": element.get("via"),
            "author": element.get("author"),
            "time": _time(element, "time", label, path),
            "kind": element.get("kind", CommentKind.QUESTION.value),
            "status": element.get("status", CommentStatus.OPEN.value),
            "updated": _time(element, "updated", label, path),
            "text": child_text(element, "content"),
            "replies": tuple(replies),
        }
        comments.append(validated(Comment, record, element, path, label))
    return comments


def _reply(element: etree._Element, label: str, path: str | Path) -> Reply:
    record = {
        "author": element.get("author"),
        "time": _time(element, "time", label, path),
        "text": child_text(element, "content"),
    }
    return validated(Reply, record, element, path, label)


def _time(
    element: etree._Element, attribute: str, label: str, path: str | Path
) -> dt.datetime | None:
    text = element.get(attribute)
    if text is None:
        return None
    try:
        return parse_time(text)
    except ValueError as error:
        raise CaseFileError(path, f"{label}: {attribute} {error}", element.sourceline) from None
