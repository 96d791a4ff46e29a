"""Review comments: challenges and questions tied to a node or a link, with a thread of replies.

They travel inside the case file, so the analyst gets them back with the case. Ids are random
rather than counted, so two reviewers commenting on copies of one case never collide, and
merging their copies can recognise the same comment by its id.
"""

import datetime as dt
import re
import secrets
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, field_validator

from gsn_studio.model.text import check_reference, clean_text

COMMENT_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class CommentKind(StrEnum):
    QUESTION = "question"
    REBUT = "rebut"
    """The claim is false."""
    UNDERMINE = "undermine"
    """The evidence is weak."""
    UNDERCUT = "undercut"
    """The reasoning does not follow."""

    @property
    def is_challenge(self) -> bool:
        return self is not CommentKind.QUESTION


class CommentStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    RESOLVED = "resolved"
    REJECTED = "rejected"


def new_comment_id() -> str:
    return f"c{secrets.token_hex(6)}"


def describe_target(node: str, via: str | None = None) -> str:
    """What a comment is on, in words: the node, or the link from `via` to it."""
    return node if via is None else f"the link {via} → {node}"


def now() -> dt.datetime:
    """The current time in UTC, to the second: what a comment or reply records."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        raise ValueError("a comment time needs a time zone, e.g. 2026-11-23T10:00:00Z")
    return value.astimezone(dt.UTC).replace(microsecond=0)


class Reply(BaseModel):
    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    author: str
    time: dt.datetime
    text: str

    @field_validator("author", "text")
    @classmethod
    def _clean(cls, value: str) -> str:
        return clean_text(value).strip()

    @field_validator("time")
    @classmethod
    def _time(cls, value: dt.datetime) -> dt.datetime:
        return _utc(value)


class Comment(BaseModel):
    """A comment on the node `node`, or, with `via`, on the link between `via` and `node`."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    id: str
    node: str
    via: str | None = None
    author: str
    time: dt.datetime
    kind: CommentKind = CommentKind.QUESTION
    status: CommentStatus = CommentStatus.OPEN
    text: str
    replies: tuple[Reply, ...] = ()
    updated: dt.datetime | None = None
    """When the status last changed, so that merging knows which copy is newer."""

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not COMMENT_ID.match(value):
            raise ValueError(f"comment id {value!r} must be 1 to 64 letters, digits, '_', '.', '-'")
        return value

    @field_validator("author", "text")
    @classmethod
    def _clean(cls, value: str) -> str:
        return clean_text(value).strip()

    @field_validator("node", "via")
    @classmethod
    def _target(cls, value: str | None) -> str | None:
        return None if value is None else check_reference(value)

    @field_validator("time")
    @classmethod
    def _time(cls, value: dt.datetime) -> dt.datetime:
        return _utc(value)

    @field_validator("updated")
    @classmethod
    def _updated(cls, value: dt.datetime | None) -> dt.datetime | None:
        return None if value is None else _utc(value)

    @property
    def is_open_challenge(self) -> bool:
        return self.status is CommentStatus.OPEN and self.kind.is_challenge

    @property
    def on_link(self) -> bool:
        return self.via is not None

    def describe_target(self) -> str:
        return describe_target(self.node, self.via)

    def merged_with(self, other: "Comment") -> "Comment":
        """The same comment as seen in two copies: every reply of both, once, in time order;
        and the status of whichever copy has the latest activity."""
        replies = {(r.time, r.author, r.text): r for r in (*self.replies, *other.replies)}
        ordered = tuple(replies[key] for key in sorted(replies))
        latest = max((self, other), key=lambda c: c.updated or c.time)
        return self.model_copy(
            update={"replies": ordered, "status": latest.status, "updated": latest.updated}
        )
