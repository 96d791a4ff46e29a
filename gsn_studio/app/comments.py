"""Review comments as the editor makes them: each user action on a comment is one change for
`Document.push`, with the words its undo step shows. No widgets here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from gsn_studio.model import (
    Case,
    Comment,
    CommentKind,
    CommentStatus,
    Link,
    Reply,
    new_comment_id,
)
from gsn_studio.model.changes import AddComment, RemoveComment, UpdateComment
from gsn_studio.model.review import now

KIND_MEANINGS: dict[CommentKind, str] = {
    CommentKind.QUESTION: "a question to the analyst",
    CommentKind.REBUT: "the claim is false",
    CommentKind.UNDERMINE: "the evidence is weak",
    CommentKind.UNDERCUT: "the reasoning does not follow",
}
STATUS_VERBS: dict[CommentStatus, str] = {
    CommentStatus.OPEN: "Reopen",
    CommentStatus.ANSWERED: "Mark answered",
    CommentStatus.RESOLVED: "Resolve",
    CommentStatus.REJECTED: "Reject",
}


@dataclass(frozen=True)
class Target:
    """What a comment is about: a node, or (with `via`) the link between `via` and `node`."""

    node: str
    via: str | None = None

    @classmethod
    def of_link(cls, link: Link) -> Target:
        # Read "the link G1 → S1" with the arrow as the diagram draws it.
        return cls(node=link.target, via=link.source)

    def describe(self) -> str:
        return self.node if self.via is None else f"the link {self.via} → {self.node}"


def fresh_id(case: Case) -> str:
    taken = {comment.id for comment in case.comments}
    while (candidate := new_comment_id()) in taken:
        pass
    return candidate


def add_comment(
    case: Case, target: Target, author: str, kind: CommentKind, text: str
) -> tuple[AddComment, str]:
    """The change that posts a new open comment, and its undo text."""
    comment = Comment(
        id=fresh_id(case),
        node=target.node,
        via=target.via,
        author=author,
        time=now(),
        kind=kind,
        text=text,
    )
    return AddComment(comment), f"Comment on {target.describe()}"


def reply(comment: Comment, author: str, text: str) -> tuple[UpdateComment, str]:
    new = Reply(author=author, time=now(), text=text)
    updated = comment.model_copy(update={"replies": (*comment.replies, new)})
    return UpdateComment(updated), f"Reply to the comment on {comment.describe_target()}"


def set_status(comment: Comment, status: CommentStatus) -> tuple[UpdateComment, str]:
    # `updated` tells a later merge which copy's status is the newer one.
    updated = comment.model_copy(update={"status": status, "updated": now()})
    verb = STATUS_VERBS[status]
    return UpdateComment(updated), f"{verb} the comment on {comment.describe_target()}"


def remove(comment: Comment) -> tuple[RemoveComment, str]:
    return RemoveComment(comment.id), f"Delete the comment on {comment.describe_target()}"


def open_counts(case: Case) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Open comments per node, and per link (by its two ends, in either order, sorted)."""
    nodes: Counter[str] = Counter()
    links: Counter[tuple[str, str]] = Counter()
    for comment in case.comments:
        if comment.status is not CommentStatus.OPEN:
            continue
        if comment.via is None:
            nodes[comment.node] += 1
        else:
            first, second = sorted((comment.via, comment.node))
            links[(first, second)] += 1
    return nodes, links


def target_exists(case: Case, comment: Comment) -> bool:
    if comment.node not in case:
        return False
    return comment.via is None or (
        comment.via in case and case.link_between(comment.via, comment.node) is not None
    )
