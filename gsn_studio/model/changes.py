"""Reversible edits. Applying a change to a case returns its inverse, so one object serves
both undo and redo, and an editor never needs to know how to reverse an edit by hand."""

from __future__ import annotations

from dataclasses import field
from typing import Any, Protocol

from gsn_studio.model.case import Case
from gsn_studio.model.links import Link
from gsn_studio.model.nodes import Node, Position
from gsn_studio.model.records import record
from gsn_studio.model.review import Comment


@record(frozen=False, slots=False)
class Effects:
    """What a change touched, so that views update only that."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)
    """Nodes folded or unfolded (diagram state: no finding changes)."""
    renamed: list[tuple[str, str]] = field(default_factory=list)
    links: bool = False
    link_ends: list[str] | None = None
    """With `links`: nodes at an end (source, target or `via`) of every link added or removed,
    so views match only the links there; None: links may have changed anywhere."""
    case: bool = False
    """The case's own fields (name, description) changed."""
    comments: bool = False

    def merge(self, other: Effects) -> None:
        self.added += other.added
        self.removed += other.removed
        self.changed += other.changed
        self.moved += other.moved
        self.folded += other.folded
        self.renamed += other.renamed
        if other.links:
            if not self.links:
                self.link_ends = None if other.link_ends is None else list(other.link_ends)
            elif self.link_ends is not None and other.link_ends is not None:
                self.link_ends += other.link_ends
            else:
                self.link_ends = None
        self.links = self.links or other.links
        self.case = self.case or other.case
        self.comments = self.comments or other.comments


class Change(Protocol):
    def apply(self, case: Case) -> Change:
        """Make the change and return the change that undoes it."""
        ...

    def effects(self) -> Effects:
        """What applying this change touches."""
        ...


@record(slots=False)
class AddNode:
    node: Node
    index: int | None = None
    links: tuple[tuple[int, Link], ...] = ()
    """Links to put back with the node (an undone deletion), at their old positions."""

    def apply(self, case: Case) -> Change:
        case.insert_node(self.node, self.index)
        for position, link in self.links:
            case.links.insert(position, link)
        return RemoveNode(self.node.id)

    def effects(self) -> Effects:
        # Every link put back with the node touches it.
        return Effects(added=[self.node.id], links=bool(self.links), link_ends=[self.node.id])


@record(slots=False)
class RemoveNode:
    node_id: str

    def apply(self, case: Case) -> Change:
        index, node, links = case.remove_node(self.node_id)
        return AddNode(node, index, tuple(links))

    def effects(self) -> Effects:
        return Effects(removed=[self.node_id], links=True, link_ends=[self.node_id])


@record(slots=False)
class UpdateNode:
    node_id: str
    values: dict[str, Any]

    def apply(self, case: Case) -> Change:
        old = case.update_node(self.node_id, **self.values)
        return UpdateNode(self.node_id, {key: getattr(old, key) for key in self.values})

    def effects(self) -> Effects:
        if set(self.values) == {"position"}:
            return Effects(moved=[self.node_id])
        retyped = "type" in self.values
        return Effects(changed=[self.node_id], links=retyped, link_ends=[self.node_id])


@record(slots=False)
class MoveNodes:
    positions: dict[str, Position | None]

    def apply(self, case: Case) -> Change:
        return MoveNodes(case.move_nodes(self.positions))

    def effects(self) -> Effects:
        return Effects(moved=list(self.positions))


@record(slots=False)
class RenameNode:
    old_id: str
    new_id: str

    def apply(self, case: Case) -> Change:
        case.rename_node(self.old_id, self.new_id)
        return RenameNode(self.new_id, self.old_id)

    def effects(self) -> Effects:
        return Effects(renamed=[(self.old_id, self.new_id)], links=True)


@record(slots=False)
class Connect:
    link: Link
    index: int | None = None

    def apply(self, case: Case) -> Change:
        link = self.link
        made = case.connect(link.source, link.target, link.kind, self.index, via=link.via)
        if made != link:  # a pattern link deleted and restored keeps its multiplicity and choice
            case.links[case.links.index(made)] = link
        return Disconnect(self.link)

    def effects(self) -> Effects:
        return Effects(links=True, link_ends=_ends(self.link))


@record(slots=False)
class Disconnect:
    link: Link

    def apply(self, case: Case) -> Change:
        return Connect(self.link, case.disconnect(self.link))

    def effects(self) -> Effects:
        return Effects(links=True, link_ends=_ends(self.link))


def _ends(link: Link) -> list[str]:
    """A link's nodes, and the node of the link it challenges: a challenge to a link is
    aimed again when a link joining the same two nodes comes or goes."""
    return [link.source, link.target] + ([link.via] if link.via is not None else [])


@record(slots=False)
class SetCaseFields:
    values: dict[str, Any]

    def apply(self, case: Case) -> Change:
        old = {key: getattr(case, key) for key in self.values}
        for key, value in self.values.items():
            setattr(case, key, value)
        return SetCaseFields(old)

    def effects(self) -> Effects:
        return Effects(case=True)


@record(slots=False)
class AddComment:
    comment: Comment
    index: int | None = None
    restoring: bool = False
    """Undoing a removal: the comment goes back even if its node has been deleted since."""

    def apply(self, case: Case) -> Change:
        case.add_comment(self.comment, self.index, self.restoring)
        return RemoveComment(self.comment.id)

    def effects(self) -> Effects:
        return Effects(comments=True)


@record(slots=False)
class RemoveComment:
    comment_id: str

    def apply(self, case: Case) -> Change:
        index, comment = case.remove_comment(self.comment_id)
        return AddComment(comment, index, restoring=True)

    def effects(self) -> Effects:
        return Effects(comments=True)


@record(slots=False)
class UpdateComment:
    """A reply added or a status changed: the comment's new version replaces the old."""

    comment: Comment

    def apply(self, case: Case) -> Change:
        return UpdateComment(case.replace_comment(self.comment))

    def effects(self) -> Effects:
        return Effects(comments=True)


@record(slots=False)
class Batch:
    """Several changes as one step; if one fails, those already made are undone."""

    changes: tuple[Change, ...]

    def apply(self, case: Case) -> Change:
        inverses: list[Change] = []
        try:
            for change in self.changes:
                inverses.append(change.apply(case))
        except Exception:
            for inverse in reversed(inverses):
                inverse.apply(case)
            raise
        return Batch(tuple(reversed(inverses)))

    def effects(self) -> Effects:
        total = Effects()
        for change in self.changes:
            total.merge(change.effects())
        return total
