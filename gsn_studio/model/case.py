"""The assurance case: nodes, links, and the one API through which they change.

A case read from a file may break the GSN rules (duplicate ids, illegal or dangling links):
it holds what the file says so that `analysis` can report it. Edits made through the methods
below never introduce such problems; they raise `ModelError` instead.
"""

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from gsn_studio.model.conflicts import MergeConflict
from gsn_studio.model.links import (
    Link,
    LinkKind,
    is_allowed,
    kind_for,
    kind_phrase,
    link_violation,
)
from gsn_studio.model.module_info import ModuleInfo
from gsn_studio.model.nodes import ID_PREFIXES, JsonValue, Node, NodeType, Position
from gsn_studio.model.patterns import AssuranceClaimPoint, PatternInfo
from gsn_studio.model.practice import PracticeSettings
from gsn_studio.model.review import Comment
from gsn_studio.model.text import clean_extras, clean_text
from gsn_studio.model.traces import TraceSet
from gsn_studio.model.views import SavedView


class ModelError(ValueError):
    """An edit that would break a GSN rule; the message says which and names the nodes."""


_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


class Case(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", validate_assignment=True)

    name: str = ""
    description: str = ""
    nodes: list[Node] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    module: ModuleInfo | None = None
    """Set when the case is one module of a modular case (see `model.modules`)."""
    pattern: PatternInfo | None = None
    """Set when the case (a module) is an argument pattern, with its parameters."""
    acps: list[AssuranceClaimPoint] = Field(default_factory=list)
    """Assurance claim points, each on an element or a link, with its confidence argument."""
    conflicts: list[MergeConflict] = Field(default_factory=list)
    """What a three-way merge (git's merge driver) left for a person to decide."""
    comments: list[Comment] = Field(default_factory=list)
    """Review comments, in the order they were made; they stay when their node is deleted."""
    practice: PracticeSettings | None = None
    """The case has adopted the assurance practice checks: which apply and the vague words.
    None (the default) keeps `check` as it was for cases that never asked for them."""
    trace_sets: tuple[TraceSet, ...] = ()
    """The sets elements trace to, by name, with where their files are."""
    views: tuple[SavedView, ...] = ()
    """Saved views: named queries, in the order they were saved (names are unique)."""
    extras: dict[str, JsonValue] = Field(default_factory=dict)
    """Document-level keys from other formats (a gsn2x `module:` block, say), kept verbatim."""
    foreign_xml: tuple[str, ...] = ()
    foreign_attributes: dict[str, str] = Field(default_factory=dict)
    foreign_namespaces: dict[str, str] = Field(default_factory=dict)
    """Prefixes of other XML namespaces used in a .gsnx file, so a save keeps their names."""

    _index: dict[str, Node] | None = PrivateAttr(default=None)
    _highest: dict[str, int] = PrivateAttr(default_factory=dict)
    """The highest number after each id prefix, as `next_id` counted it; valid only with the
    index it was counted from (`_highest_of`), and kept up as nodes come and go."""
    _highest_of: dict[str, Node] | None = PrivateAttr(default=None)
    _links_at: Any = PrivateAttr(default=None)
    """A `link_index.LinkIndex`, made at the first look-up (imported then: editing only)."""

    @field_validator("name", "description")
    @classmethod
    def _clean(cls, value: str) -> str:
        return clean_text(value)

    @field_validator("extras")
    @classmethod
    def _clean_extras(cls, value: dict[str, JsonValue]) -> dict[str, JsonValue]:
        return clean_extras(value)

    @field_validator("views")
    @classmethod
    def _unique_views(cls, value: tuple[SavedView, ...]) -> tuple[SavedView, ...]:
        names = [view.name for view in value]
        twice = next((name for name in names if names.count(name) > 1), None)
        if twice is not None:
            raise ValueError(f"there are two saved views named {twice!r}")
        return value

    def __eq__(self, other: object) -> bool:
        # The lookup index is a cache, not part of the case; and only the order of links that
        # share a source and kind means anything (it is the order of siblings on the diagram).
        if not isinstance(other, Case):
            return NotImplemented
        mine = {k: v for k, v in self.__dict__.items() if k != "links"}
        theirs = {k: v for k, v in other.__dict__.items() if k != "links"}
        return mine == theirs and self.ordered_links() == other.ordered_links()

    __hash__ = None  # type: ignore[assignment]

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        # A copy with other nodes must not share the lookup index of the original.
        copy = super().model_copy(update=update, deep=deep)
        copy._changed()
        private = copy.__pydantic_private__
        assert private is not None
        private["_links_at"] = None  # its own, or two cases take turns patching one
        return copy

    # -- queries ---------------------------------------------------------------------------

    def _lookup(self) -> dict[str, Node]:
        # Read the private slot directly: pydantic's attribute hook costs microseconds a call,
        # and checks look nodes up tens of thousands of times.
        private = self.__pydantic_private__
        assert private is not None
        index: dict[str, Node] | None = private.get("_index")
        if index is None:
            index = {}
            for node in self.nodes:
                index.setdefault(node.id, node)  # the first of duplicates wins, as in files
            private["_index"] = index
        return index

    def index(self) -> dict[str, Node]:
        """Nodes by id (the first of duplicates); a shared view: do not modify it."""
        return self._lookup()

    def links_at(
        self, ids: Collection[str], keep: Callable[[Link], bool] | None = None
    ) -> list[tuple[int, Link]]:
        """The links naming any of these nodes (source, target or `via`) for which `keep`
        holds, with their places in `links`, in that order: from an index that follows the
        list (`link_index`)."""
        private = self.__pydantic_private__
        assert private is not None
        if (index := private.get("_links_at")) is None:
            from gsn_studio.model.link_index import LinkIndex  # noqa: PLC0415 (editing only)

            index = private["_links_at"] = LinkIndex()
        found: list[tuple[int, Link]] = index.at(self.links, ids, keep)
        return found

    def node(self, node_id: str) -> Node:
        try:
            return self._lookup()[node_id]
        except KeyError:
            raise ModelError(f"there is no node {node_id!r}") from None

    def get(self, node_id: str) -> Node | None:
        return self._lookup().get(node_id)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._lookup()

    def of_type(self, node_type: NodeType) -> Iterator[Node]:
        return (node for node in self.nodes if node.type is node_type)

    def children(self, node_id: str, kind: LinkKind | None = None) -> list[str]:
        mine = self.links_at((node_id,), lambda o: o.source == node_id and kind in (None, o.kind))
        return [link.target for _, link in mine]

    def parents(self, node_id: str, kind: LinkKind | None = None) -> list[str]:
        mine = self.links_at((node_id,), lambda o: o.target == node_id and kind in (None, o.kind))
        return [link.source for _, link in mine]

    def top_goals(self, supported: Collection[str] | None = None) -> list[str]:
        """The claims the argument is about, in node order: its goals that no legal
        SupportedBy link supports. Counter claims (their own type) and away goals (claims of
        another module) are not among them; a goal that an illegal link "supports" still is,
        as that link is a finding of its own. The one definition every view and check uses.
        `supported`: the targets of legal SupportedBy links, when the caller has them."""
        if supported is None:
            supported = self._supported_goals()
        goal = NodeType.GOAL
        tops = (
            node.id
            for node in self.nodes
            if node.type is goal and node.cites is None and node.id not in supported
        )
        return list(dict.fromkeys(tops))

    def _supported_goals(self) -> set[str]:
        nodes = self._lookup()
        goals = {node.id for node in self.nodes if node.type is NodeType.GOAL}
        supported = set()
        for link in self.links:
            # Only whether a goal is supported matters: other targets are passed by cheaply.
            if link.kind is LinkKind.SUPPORTED_BY and link.target in goals:
                source = nodes.get(link.source)
                if source and is_allowed(link.kind, source.type, nodes[link.target].type):
                    supported.add(link.target)
        return supported

    def ordered_links(self) -> list[Link]:
        """Links grouped by source in node order, SupportedBy before InContextOf, siblings in
        their own order; links from nodes that do not exist come last. Files are written so."""
        groups: dict[tuple[str, LinkKind], list[Link]] = {}
        for link in self.links:
            groups.setdefault((link.source, link.kind), []).append(link)
        ordered: list[Link] = []
        for node_id in dict.fromkeys(node.id for node in self.nodes):
            for kind in LinkKind:
                ordered.extend(groups.pop((node_id, kind), ()))
        for rest in groups.values():
            ordered.extend(rest)
        return ordered

    def next_id(self, node_type: NodeType) -> str:
        """The next free id for a type: G1, G2... after the highest number already used."""
        prefix = ID_PREFIXES[node_type]
        counted = self._counted()
        highest = counted.get(prefix)
        if highest is None:  # read every id once; adds and removals keep the count after
            # The prefix then only digits, as _TRAILING_NUMBER reads an id (its `\d` is
            # `isdecimal`, its `$` allows one newline at the end), without the pattern's
            # microsecond an id: 5 ms of the first add at 10,000 nodes.
            start, numbers = len(prefix), [0]
            for node_id in self._lookup():
                if node_id.startswith(prefix):
                    digits = node_id[start:].removesuffix("\n")
                    if digits.isdecimal():
                        numbers.append(int(digits))
            highest = counted[prefix] = max(numbers)
        candidate = f"{prefix}{highest + 1}"
        while candidate in self:
            highest += 1
            candidate = f"{prefix}{highest + 1}"
        return candidate

    def _counted(self) -> dict[str, int]:
        """The highest numbers counted so far, emptied when the index was built anew (a
        rename, a copy, nodes reordered), as anything could have changed then."""
        private = self.__pydantic_private__
        assert private is not None
        lookup = self._lookup()
        if private.get("_highest_of") is not lookup:
            private["_highest"], private["_highest_of"] = {}, lookup
        counted: dict[str, int] = private["_highest"]
        return counted

    def _count_added(self, node_id: str) -> None:
        match = _TRAILING_NUMBER.match(node_id)
        if match is None:
            return
        counted = self._counted()
        prefix, number = match.group(1), int(match.group(2))
        if prefix in counted and number > counted[prefix]:
            counted[prefix] = number

    def _count_removed(self, node_id: str) -> None:
        match = _TRAILING_NUMBER.match(node_id)
        if match is None:
            return
        counted = self._counted()
        prefix, number = match.group(1), int(match.group(2))
        if counted.get(prefix) == number:
            # The highest went (an add undone): the one below is the highest now if it is
            # used (a zero-padded twin such as G010 aside), else count again when asked.
            if f"{prefix}{number - 1}" in self._lookup():
                counted[prefix] = number - 1
            else:
                del counted[prefix]

    # -- edits -----------------------------------------------------------------------------

    def _changed(self) -> None:
        self._index = None

    def add_node(
        self, node_type: NodeType, statement: str = "", node_id: str | None = None, **fields: Any
    ) -> Node:
        """Add a node; without an id it gets the next free one for its type."""
        node_id = node_id or self.next_id(node_type)
        if node_id in self:
            raise ModelError(f"there is already a node {node_id}")
        node = Node(id=node_id, type=node_type, statement=statement, **fields)
        self.insert_node(node)
        return node

    def insert_node(self, node: Node, index: int | None = None) -> None:
        """Put a whole node back (undo of a removal, paste) at a position in the node order."""
        if node.id in self:
            raise ModelError(f"there is already a node {node.id}")
        lookup = self._lookup()
        at = len(self.nodes) if index is None else index
        self.nodes.insert(at, node)
        if at >= len(self.nodes) - 1:
            lookup[node.id] = node  # the last node is the last in the index too
        elif len(lookup) == len(self.nodes) - 1:
            # Unique ids: the index lists the nodes in their places, so the node goes in at the
            # same place (a copy made in C, where building it anew costs milliseconds).
            at = max(0, at + len(self.nodes) - 1) if at < 0 else at
            counted = self._counted()
            ids, nodes = list(lookup), list(lookup.values())
            ids.insert(at, node.id)
            nodes.insert(at, node)
            lookup = dict(zip(ids, nodes, strict=True))
            private = self.__pydantic_private__
            assert private is not None
            private["_index"], private["_highest"], private["_highest_of"] = lookup, counted, lookup
        else:
            self._changed()  # the first of duplicates wins: count again
            return
        self._count_added(node.id)

    def remove_node(self, node_id: str) -> tuple[int, Node, list[tuple[int, Link]]]:
        """Remove a node and every link touching it; returns what undo needs to put it back."""
        node = self.node(node_id)
        index = next(i for i, n in enumerate(self.nodes) if n is node)
        removed_links = self.links_at((node_id,))
        for i, _ in reversed(removed_links):  # the few that go, not a new list of 10,000
            del self.links[i]
        lookup = self._lookup()
        unique = len(lookup) == len(self.nodes)
        del self.nodes[index]
        if unique:
            del lookup[node_id]  # rebuilding the index costs milliseconds at 10,000 nodes
            self._count_removed(node_id)
        else:
            self._changed()  # another node of the same id takes its place in the index
        return index, node, removed_links

    def update_node(self, node_id: str, **changes: Any) -> Node:
        """Change fields of a node (not its id); returns the node as it was before."""
        if "id" in changes:
            raise ModelError("use rename_node to change an id, so that links follow")
        old = self.node(node_id)
        data = old.model_dump()
        data.update(changes)
        try:
            new = Node.model_validate(data)
        except ValueError as error:
            raise ModelError(_first_error(error)) from None
        if new.type is not old.type:
            self._check_links_for(new)
        self._replace(old, new)
        return old

    def rename_node(self, old_id: str, new_id: str) -> None:
        """Give a node a new id; its links follow it."""
        if old_id == new_id:
            return
        if new_id in self:
            raise ModelError(f"cannot rename {old_id} to {new_id}: {new_id} already exists")
        old = self.node(old_id)
        try:
            new = old.model_copy(update={"id": new_id})
            Node.model_validate(new.model_dump())
        except ValueError as error:
            raise ModelError(_first_error(error)) from None
        self._replace(old, new)
        self._follow_rename_in_conditions(old_id, new_id)
        self.links = [
            link.model_copy(
                update={
                    "source": new_id if link.source == old_id else link.source,
                    "target": new_id if link.target == old_id else link.target,
                    "via": new_id if link.via == old_id else link.via,
                }
            )
            for link in self.links
        ]
        self.acps = [
            acp.model_copy(
                update={
                    "node": new_id if acp.node == old_id else acp.node,
                    "to": new_id if acp.to == old_id else acp.to,
                    "confidence": new_id if acp.confidence == old_id else acp.confidence,
                }
            )
            for acp in self.acps
        ]
        self.comments = [
            comment.model_copy(
                update={
                    "node": new_id if comment.node == old_id else comment.node,
                    "via": new_id if comment.via == old_id else comment.via,
                }
            )
            if old_id in (comment.node, comment.via)
            else comment
            for comment in self.comments
        ]

    def comment(self, comment_id: str) -> Comment:
        for comment in self.comments:
            if comment.id == comment_id:
                return comment
        raise ModelError(f"there is no comment {comment_id!r}")

    def add_comment(
        self, comment: Comment, index: int | None = None, restoring: bool = False
    ) -> None:
        """Add a comment to an existing node or link; `restoring` (undo of a removal) puts
        back a comment whose node has since been deleted, as comments outlive their nodes."""
        if any(existing.id == comment.id for existing in self.comments):
            raise ModelError(f"there is already a comment {comment.id}")
        if not restoring:
            target = comment.describe_target()
            if comment.node not in self or (comment.via is not None and comment.via not in self):
                raise ModelError(f"cannot comment on {target}: it does not exist")
            if comment.via is not None and self.link_between(comment.via, comment.node) is None:
                raise ModelError(f"cannot comment on {target}: there is no such link")
        self.comments.insert(len(self.comments) if index is None else index, comment)

    def remove_comment(self, comment_id: str) -> tuple[int, Comment]:
        for index, comment in enumerate(self.comments):
            if comment.id == comment_id:
                del self.comments[index]
                return index, comment
        raise ModelError(f"there is no comment {comment_id!r}")

    def replace_comment(self, comment: Comment) -> Comment:
        """Put a new version of a comment (a reply, a status) in place; returns the old one."""
        for index, existing in enumerate(self.comments):
            if existing.id == comment.id:
                if (existing.node, existing.via) != (comment.node, comment.via):
                    raise ModelError(
                        f"comment {comment.id} is on {existing.describe_target()}; "
                        "a comment cannot move to another element"
                    )
                self.comments[index] = comment
                return existing
        raise ModelError(f"there is no comment {comment.id!r}")

    def connect(
        self,
        source_id: str,
        target_id: str,
        kind: LinkKind | None = None,
        index: int | None = None,
        via: str | None = None,
    ) -> Link:
        """Link two nodes. Without a kind it follows from the target's type, as in the editor.
        With `via`, a defeater challenges the link between `via` and the target instead."""
        source, target = self.node(source_id), self.node(target_id)
        if via is not None:
            kind = LinkKind.CHALLENGES
            if self.link_between(via, target_id) is None:
                raise ModelError(
                    f"{source_id} cannot challenge a link between {via} and {target_id}: "
                    "there is none"
                )
        if kind is None:
            kind = kind_for(source.type, target.type)
            if kind is None:
                raise ModelError(
                    f"{source_id} ({source.type}) cannot be linked to {target_id} "
                    f"({target.type}): no GSN relationship joins them"
                )
        problem = link_violation(kind, source_id, source.type, target_id, target.type)
        if problem:
            raise ModelError(problem)
        if source_id == target_id:
            raise ModelError(f"{source_id} cannot be {kind_phrase(kind)} itself")
        link = Link(source=source_id, target=target_id, kind=kind, via=via)
        if self._position_of(link) is not None:
            raise ModelError(f"{source_id} is already {kind_phrase(kind)} {link.describe_target()}")
        if kind is LinkKind.SUPPORTED_BY and self._reaches(target_id, source_id):
            raise ModelError(
                f"{source_id} cannot be supported by {target_id}: "
                f"{target_id} already leads to {source_id}, and an argument cannot be circular"
            )
        self.links.insert(len(self.links) if index is None else index, link)
        return link

    def link_between(self, first: str, second: str) -> Link | None:
        """A link joining two nodes, either way round (what a challenge to a link names)."""
        ends = {first, second}
        for link in self.links:
            if link.via is None and {link.source, link.target} == ends:
                return link
        return None

    def disconnect(self, link: Link) -> int:
        """Remove a link; returns its position for undo."""
        index = self._position_of(link)
        if index is None:
            raise ModelError(
                f"{link.source} is not {kind_phrase(link.kind)} {link.describe_target()}"
            )
        del self.links[index]
        return index

    def _position_of(self, link: Link) -> int | None:
        """Where the first equal link stands in `links`, from those at its source (pydantic's
        equality costs microseconds a call, and a case has thousands of links)."""
        ends = link.source, link.target
        same = self.links_at((ends[0],), lambda o: (o.source, o.target) == ends and o == link)
        return same[0][0] if same else None

    # -- helpers ---------------------------------------------------------------------------

    def _follow_rename_in_conditions(self, old_id: str, new_id: str) -> None:
        """Degradation conditions name their monitor and defeater by id: keep them pointing."""
        for node in list(self.nodes):
            if any(old_id in (c.monitor, c.defeater) for c in node.degradation):
                conditions = tuple(
                    c.model_copy(
                        update={
                            "monitor": new_id if c.monitor == old_id else c.monitor,
                            "defeater": new_id if c.defeater == old_id else c.defeater,
                        }
                    )
                    for c in node.degradation
                )
                self._replace(node, node.model_copy(update={"degradation": conditions}))

    def move_nodes(self, positions: Mapping[str, Position | None]) -> dict[str, Position | None]:
        """Give many nodes new positions at once (an auto-layout); returns the old ones. One
        pass over the nodes: moving each with `update_node` looks each up in the list, which
        at 10,000 nodes took 14 s."""
        lookup = self._lookup()
        missing = [node_id for node_id in positions if node_id not in lookup]
        if missing:
            self.node(missing[0])  # raises the usual "no such node"
        old: dict[str, Position | None] = {}
        for index, node in enumerate(self.nodes):
            if node.id in positions and lookup.get(node.id) is node:
                old[node.id] = node.position
                moved = node.model_copy(update={"position": positions[node.id]})
                self.nodes[index] = moved
                lookup[node.id] = moved
        return old

    def _replace(self, old: Node, new: Node) -> None:
        index = next(i for i, n in enumerate(self.nodes) if n is old)
        self.nodes[index] = new
        lookup = self._lookup()
        if old.id == new.id and lookup.get(old.id) is old:
            lookup[new.id] = new  # keep the index: rebuilding it costs milliseconds at 10,000
        else:
            self._changed()

    def _check_links_for(self, node: Node) -> None:
        for link in self.links:
            if node.id not in (link.source, link.target):
                continue
            source = node if link.source == node.id else self.get(link.source)
            target = node if link.target == node.id else self.get(link.target)
            if source is None or target is None:
                continue
            problem = link_violation(link.kind, source.id, source.type, target.id, target.type)
            if problem:
                raise ModelError(f"cannot make {node.id} a {node.type}: {problem}")

    def _reaches(self, start: str, goal: str) -> bool:
        supported = LinkKind.SUPPORTED_BY
        if start != goal and not self.links_at(
            (start,), lambda link: link.source == start and link.kind is supported
        ):
            return False  # a leaf, as a node just added is: no need to map every link
        supports = self._supports()
        seen, stack = {start}, [start]
        while stack:
            current = stack.pop()
            if current == goal:
                return True
            for child in supports.get(current, ()):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return False

    def _supports(self) -> dict[str, list[str]]:
        """Each node's supporting children, from every link."""
        supports: dict[str, list[str]] = {}
        for link in self.links:
            if link.kind is LinkKind.SUPPORTED_BY:
                supports.setdefault(link.source, []).append(link.target)
        return supports


def _first_error(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):
        first = errors()[0]
        location = ".".join(str(part) for part in first.get("loc", ()))
        message = str(first.get("msg", error)).removeprefix("Value error, ")
        return f"{location}: {message}" if location else message
    return str(error)
