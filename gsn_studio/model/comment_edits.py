"""What a reviewer does with comments, as reversible changes: post one, reply, settle it,
delete it, merge another reviewer's copy; and which comments a filter shows.

The editor pushes these changes as undo steps (with the words each returns for the step);
the command line applies them and saves. Both therefore make the same comment the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from gsn_studio.model.case import Case, ModelError
from gsn_studio.model.changes import AddComment, RemoveComment, UpdateComment
from gsn_studio.model.links import Link
from gsn_studio.model.records import record
from gsn_studio.model.review import (
    Comment,
    CommentKind,
    CommentStatus,
    Reply,
    describe_target,
    new_comment_id,
    now,
)

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


@record(slots=False)
class Target:
    """What a comment is about: a node, or (with `via`) the link between `via` and `node`."""

    node: str
    via: str | None = None

    @classmethod
    def of_link(cls, link: Link) -> Target:
        # Read "the link G1 → S1" with the arrow as the diagram draws it.
        return cls(node=link.target, via=link.source)

    def describe(self) -> str:
        return describe_target(self.node, self.via)


def fresh_id(case: Case) -> str:
    """A random comment id that no comment of the case has yet."""
    taken = {comment.id for comment in case.comments}
    while (candidate := new_comment_id()) in taken:
        pass
    return candidate


def add_comment(
    case: Case, target: Target, author: str, kind: CommentKind, text: str
) -> tuple[AddComment, str]:
    """The change that posts a new open comment, and its undo text. Raises ModelError for a
    comment without an author or words."""
    if not author.strip():
        raise ModelError("a comment needs its author's name")
    if not text.strip():
        raise ModelError("a comment needs some words")
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


def reply(
    comment: Comment, author: str, text: str, status: CommentStatus | None = None
) -> tuple[UpdateComment, str]:
    """The change that adds a reply (and, with `status`, settles the comment in the same
    step), and its undo text."""
    if not author.strip() or not text.strip():
        raise ModelError("a reply needs its author's name and some words")
    stamp = now()
    update: dict[str, object] = {
        "replies": (*comment.replies, Reply(author=author, time=stamp, text=text))
    }
    if status is not None:
        update |= {"status": status, "updated": stamp}
    updated = comment.model_copy(update=update)
    return UpdateComment(updated), f"Reply to the comment on {comment.describe_target()}"


def set_status(comment: Comment, status: CommentStatus) -> tuple[UpdateComment, str]:
    # `updated` tells a later merge which copy's status is the newer one.
    updated = comment.model_copy(update={"status": status, "updated": now()})
    verb = STATUS_VERBS[status]
    return UpdateComment(updated), f"{verb} the comment on {comment.describe_target()}"


def remove(comment: Comment) -> tuple[RemoveComment, str]:
    return RemoveComment(comment.id), f"Delete the comment on {comment.describe_target()}"


def merge_comments(base: Case, other: Case) -> tuple[int, int, list[str]]:
    """Bring the other copy's comments into base, touching nothing else. Returns how many were
    added and updated, and warnings for comments on nodes base does not have."""
    added = updated = 0
    warnings = []
    mine = {comment.id: comment for comment in base.comments}
    seen = {_content(comment) for comment in base.comments}
    for comment in other.comments:
        if comment.id in mine:
            merged = mine[comment.id].merged_with(comment)
            if merged != mine[comment.id]:
                UpdateComment(merged).apply(base)
                mine[comment.id] = merged
                updated += 1
            continue
        if _content(comment) in seen:
            continue  # the same words by the same person at the same moment: a copy
        if comment.node not in base or (comment.via is not None and comment.via not in base):
            warnings.append(f"{comment.id} is on {comment.describe_target()}, not in the base")
        # Kept even when its node is not in base, as comments outlive their nodes.
        AddComment(comment, restoring=True).apply(base)
        mine[comment.id] = comment
        seen.add(_content(comment))
        added += 1
    return added, updated, warnings


def _content(comment: Comment) -> tuple[object, ...]:
    return (comment.node, comment.via, comment.author, comment.time, comment.text)


@record(slots=False)
class CommentFilter:
    """Which comments to show: the Review panel's boxes and `gsn-studio comments` options."""

    statuses: frozenset[CommentStatus] | None = None
    kind: CommentKind | None = None
    author: str | None = None
    """Any case: reviewers type names as they like."""
    node: str | None = None
    """Comments on this node or on one of its links."""
    text: str = ""
    """In the node, author, text or replies; a node id among `ids` means that node only."""

    def accepts(self, comment: Comment, ids: frozenset[str] = frozenset()) -> bool:
        """`ids`: the node ids comments are on; a filter text that is one of them means
        that node exactly (G2, not G20 too)."""
        if self.statuses is not None and comment.status not in self.statuses:
            return False
        if self.kind is not None and comment.kind is not self.kind:
            return False
        if self.author is not None and comment.author.casefold() != self.author.casefold():
            return False
        if self.node is not None and self.node not in (comment.node, comment.via):
            return False
        if not self.text:
            return True
        if self.text in ids:
            return self.text in (comment.node, comment.via)
        words = [comment.node, comment.via or "", comment.author, comment.text]
        words += [f"{reply.author}\n{reply.text}" for reply in comment.replies]
        return self.text.casefold() in "\n".join(words).casefold()

    def select(self, comments: Iterable[Comment]) -> list[Comment]:
        """The comments this filter shows, in their order."""
        every = list(comments)
        ids = frozenset(c.node for c in every) | {c.via for c in every if c.via}
        return [c for c in every if self.accepts(c, ids)]


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
    """Whether what the comment is on is still in the case (comments outlive their nodes)."""
    if comment.node not in case:
        return False
    return comment.via is None or (
        comment.via in case and case.link_between(comment.via, comment.node) is not None
    )
