"""What an edit changed in a case, told by identity (the model replaces the nodes and links
it changes, never alters one), and the link survey brought up to date from it."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, count
from operator import is_, is_not, not_
from typing import Any, TypeVar

from gsn_studio.analysis import structure
from gsn_studio.analysis.survey import Survey, in_argument, survey
from gsn_studio.model import CONTEXTUAL, Case, Link, LinkKind, Node

VIEW_FIELDS = frozenset({"position", "folded"})
"""Node fields no check reads: a move or a fold changes no finding."""
MOST_LINKS = 64
"""More links changed than this (a rename rewrites them all): a whole assessment is quicker."""

T = TypeVar("T")


def middle(old: Sequence[T], new: Sequence[T]) -> tuple[int, list[T], list[T]] | None:
    """Where two lists differ, by identity: the start and both middles between the common
    head and tail (None when they are the same)."""
    shortest = min(len(old), len(new))
    start = next(compress(count(), map(is_not, old, new)), shortest)
    if start == len(old) == len(new):
        return None
    tail = next(compress(count(), map(is_not, reversed(old), reversed(new))), shortest)
    tail = min(tail, shortest - start)
    return start, list(old[start : len(old) - tail]), list(new[start : len(new) - tail])


@dataclass(slots=True)
class Changes:
    removed: list[Node]
    added: list[Node]
    changed: list[Node]
    """Nodes edited in place (same id and type), as they are now..."""
    changed_from: list[Node]
    """... and as they were."""
    removed_links: list[Link]
    added_links: list[Link]
    start: int = 0
    """Where in the node list the nodes added are (the first that differs)."""
    span: int = 0
    """How many nodes from `start` differ."""
    links_appended: bool = True
    """The links added are the last ones (each goes last among its source's and target's)."""


def changes_between(nodes: Sequence[Node], links: Sequence[Link], case: Case) -> Changes | None:
    """What changed since the case had these nodes and links, or None when it cannot be
    told cheaply."""
    changes = Changes([], [], [], [], [], [])
    span = middle(nodes, case.nodes)
    if span is not None:
        changes.start, old, new = span
        changes.span = len(new)
        if len(old) == len(new) and all(a.id == b.id for a, b in zip(old, new, strict=True)):
            pairs = [(a, b) for a, b in zip(old, new, strict=True) if a is not b]
        else:  # nodes came or went, perhaps others changed too: match them by id
            old_ids, new_ids = {n.id: n for n in old}, {n.id: n for n in new}
            if len(old_ids) != len(old) or len(new_ids) != len(new):
                return None
            stayed = [node_id for node_id in old_ids if node_id in new_ids]
            if stayed != [node_id for node_id in new_ids if node_id in old_ids]:
                return None  # some moved in the node order
            changes.removed = [n for i, n in old_ids.items() if i not in new_ids]
            changes.added = [n for i, n in new_ids.items() if i not in old_ids]
            pairs = [(old_ids[i], new_ids[i]) for i in stayed if old_ids[i] is not new_ids[i]]
        for before, after in pairs:
            if before.type is not after.type:
                return None  # which links are legal changes: not worth bounding
            if not same_analysed(before, after):
                changes.changed.append(after)
                changes.changed_from.append(before)
    span_links = middle(links, case.links)
    if span_links is not None:
        start, old_links, new_links = span_links
        paired_links = _pair(old_links, new_links)
        if paired_links is None:
            return None
        changes.removed_links, changes.added_links = paired_links
        if len(changes.removed_links) + len(changes.added_links) > MOST_LINKS:
            return None
        added = len(changes.added_links)
        changes.links_appended = not added or (
            start + len(new_links) == len(case.links)
            and all(map(is_, new_links[len(new_links) - added :], changes.added_links))
        )
    removed_ids = {node.id for node in changes.removed}
    if removed_ids & {node.id for node in changes.added}:
        return None
    return changes


def _pair(old: list[T], new: list[T]) -> tuple[list[T], list[T]] | None:
    """What left and what came (by identity), if what stayed kept its order."""
    in_old, in_new = set(map(id, old)), set(map(id, new))
    old_stays = list(map(in_new.__contains__, map(id, old)))
    new_stays = list(map(in_old.__contains__, map(id, new)))
    if not all(map(is_, compress(old, old_stays), compress(new, new_stays))):
        return None
    return (
        list(compress(old, map(not_, old_stays))),
        list(compress(new, map(not_, new_stays))),
    )


def _analysed(node: Node) -> dict[str, Any]:
    return {key: value for key, value in node.__dict__.items() if key not in VIEW_FIELDS}


def same_analysed(before: Node, after: Node) -> bool:
    """Whether two versions of a node differ at most in what no check reads."""
    return before.type is after.type and _analysed(before) == _analysed(after)


def relink(before: Survey, case: Case, changes: Changes) -> Survey | None:
    """The survey after the edit, from the one before and the links touched."""
    nodes = case.index()
    structural = changes.removed or changes.added or changes.removed_links
    if not structural and not changes.added_links:
        return _with_nodes(before, nodes)
    removed = {node.id: node for node in changes.removed}
    nodes_then = ChainMap(removed, nodes)  # an added node's id is no removed one's
    if not all(in_argument(link, nodes_then) for link in changes.removed_links):
        return None
    if not all(in_argument(link, nodes) for link in changes.added_links):
        return None
    # Every link a removed node had must have gone with it; none may wait for an added one.
    others = before.others
    for node_id in removed:
        had = len(before.below.get(node_id, ())) + len(before.above.get(node_id, ()))
        went = sum(node_id in (link.source, link.target) for link in changes.removed_links)
        if had != went or node_id in others or any(node_id in t for t in others.values()):
            return None
    for node in changes.added:
        if node.id in others or any(node.id in t for t in others.values()):
            return None
    ends = {link.source for link in (*changes.removed_links, *changes.added_links)}
    starts = {link.target for link in (*changes.removed_links, *changes.added_links)}
    ends -= removed.keys()
    starts -= removed.keys()
    below, above = dict(before.below), dict(before.above)
    for node_id in removed:
        below.pop(node_id, None)
        above.pop(node_id, None)
    if not (changes.links_appended and _patch(below, above, changes, removed)):
        # The links of the touched nodes, sorted again by the same rules, in link order.
        at = case.links_at(ends | starts, lambda link: link.source in ends or link.target in starts)
        part = survey(case, (link for _, link in at))
        for node_id in ends:
            _put(below, node_id, part.below.get(node_id))
        for node_id in starts:
            _put(above, node_id, part.above.get(node_id))
    developed, supported = set(before.developed), set(before.supported)
    developed -= removed.keys()
    supported -= removed.keys()
    for node_id in ends:  # a SupportedBy link in `below` is one to something not contextual
        kids = below.get(node_id, ())
        _flag(developed, node_id, any(nodes[kid].type not in CONTEXTUAL for kid in kids))
    counter_targets = {target for _, target in before.counter_support}
    for node_id in starts:
        by_argument = node_id in above and nodes[node_id].type not in CONTEXTUAL
        _flag(supported, node_id, by_argument or node_id in counter_targets)
    links = Survey(
        nodes,
        below,
        above,
        developed,
        supported,
        others,
        before.counter_support,
        before.problems,
        before.challenges,
    )
    for link in changes.added_links:
        if link.kind is LinkKind.SUPPORTED_BY and link.source in structure.reach(
            _below_only(links), [link.target]
        ):
            return None  # the new link closes a circle
    links._cyclic = links._below_cyclic = False
    return links


def _patch(
    below: dict[str, list[str]],
    above: dict[str, list[str]],
    changes: Changes,
    removed: dict[str, Node],
) -> bool:
    """Take the removed links out of `below` and `above` and put the added ones last, without
    looking at the other links; False when that would be ambiguous (a link repeated). The
    lists are shared with the survey before: they are replaced, never changed."""
    for link in changes.removed_links:
        source, target = link.source, link.target
        if source not in removed:
            kids = below.get(source, [])
            if kids.count(target) != 1:
                return False
            _put(below, source, [kid for kid in kids if kid != target])
        if target not in removed:
            parents = above.get(target, [])
            if parents.count(source) != 1:
                return False
            _put(above, target, [parent for parent in parents if parent != source])
    for link in changes.added_links:
        below[link.source] = [*below.get(link.source, ()), link.target]
        above[link.target] = [*above.get(link.target, ()), link.source]
    return True


def _below_only(links: Survey) -> Survey:
    return Survey(links.nodes, links.below, links.above, set(), set(), {}, [], [], [])


def _with_nodes(before: Survey, nodes: dict[str, Node]) -> Survey:
    """The same links with the nodes as they are now (same ids and types)."""
    links = Survey(
        nodes,
        before.below,
        before.above,
        before.developed,
        before.supported,
        before.others,
        before.counter_support,
        before.problems,
        before.challenges,
    )
    links._cyclic, links._below_cyclic = before.has_cycle(), before.below_has_cycle()
    return links


def _put(table: dict[str, list[str]], key: str, value: list[str] | None) -> None:
    if value:
        table[key] = value
    else:
        table.pop(key, None)


def _flag(members: set[str], key: str, member: bool) -> None:
    if member:
        members.add(key)
    else:
        members.discard(key)
