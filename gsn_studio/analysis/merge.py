"""Three-way merge of a case by element, link, evidence and comment, as git's merge driver
needs it: what only one side changed is taken, what both changed alike is taken once, and
what both changed differently is recorded as a `MergeConflict` in the merged case, which
holds our version meanwhile (git's convention: ours is the branch being merged into).

Positions are diagram data, not argument: a moved node takes either side's position and
never conflicts. Links are matched by their ends and kind, comments by id (two reviews of one
comment combine their replies, as `merge-comments` does), evidence part by part.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.model import Case, Comment, Evidence, Link, Node
from gsn_studio.model.conflicts import WHOLE, ConflictOn, MergeConflict

CASE_FIELDS = (
    "name", "description", "module", "pattern", "acps", "practice", "trace_sets", "views",
    "extras", "foreign_xml", "foreign_attributes", "foreign_namespaces",
)  # fmt: skip
"""The case's own fields, merged one by one (nodes, links, comments and conflicts apart)."""
EVIDENCE_FIELDS = ("evidence", "refutation")
"""Node fields merged part by part: a new date on one side and a verification on the other
are two changes, not a conflict."""
LAYOUT_FIELDS = ("position",)

_MISSING = object()
"""The base version of something both sides added: equal to nothing."""

LinkKey = tuple[str, str, str, str | None]


def merge_cases(base: Case, ours: Case, theirs: Case) -> Case:
    """The merged case; its `conflicts` list what is left to decide (ours meanwhile)."""
    conflicts: list[MergeConflict] = []
    nodes, kept = _merge_nodes(base, ours, theirs, conflicts)
    present = {node.id for node in nodes}
    links = _merge_links(base, ours, theirs, kept, present)
    comments = _merge_comments(base, ours, theirs, conflicts)
    fields: dict[str, Any] = {}
    for name in CASE_FIELDS:
        value, clash = _pick(getattr(base, name), getattr(ours, name), getattr(theirs, name))
        fields[name] = value
        if clash:
            conflicts.append(
                MergeConflict(
                    on=ConflictOn.CASE,
                    field=name,
                    base=_json(base, name),
                    ours=_json(ours, name),
                    theirs=_json(theirs, name),
                )
            )
    earlier = [*ours.conflicts, *(c for c in theirs.conflicts if c not in ours.conflicts)]
    comment_ids = {comment.id for comment in comments}
    still = [c for c in earlier if _still_applies(c, present, comment_ids)]
    return Case.model_validate(
        {**fields, "nodes": nodes, "links": links, "comments": comments,
         "conflicts": [*still, *conflicts]}
    )  # fmt: skip


def conflict_findings(case: Case) -> list[Finding]:
    """One error per recorded merge conflict, until someone resolves it."""
    return [
        Finding(
            "merge-conflict",
            Severity.ERROR,
            conflict.subject if conflict.on is ConflictOn.NODE else None,
            f"{conflict.problem()}; pick a version in the editor's Merge Conflicts panel",
        )
        for conflict in case.conflicts
    ]


# -- values ------------------------------------------------------------------------------------


def _pick(base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """The merged value and whether the two sides clash (ours is kept then)."""
    if theirs in (ours, base):
        return ours, False
    if ours == base:
        return theirs, False
    return ours, True


def _json(owner: Any, name: str) -> Any:
    return owner.model_dump(mode="json", include={name})[name]


def _still_applies(conflict: MergeConflict, nodes: set[str], comments: set[str]) -> bool:
    if conflict.on is ConflictOn.NODE:
        return conflict.subject in nodes
    if conflict.on is ConflictOn.COMMENT:
        return conflict.subject in comments or conflict.is_whole
    return True


# -- nodes -------------------------------------------------------------------------------------


def _merge_nodes(
    base: Case, ours: Case, theirs: Case, conflicts: list[MergeConflict]
) -> tuple[list[Node], dict[str, Case]]:
    """The merged nodes in our order (theirs' additions after), and the nodes one side
    deleted but the other changed, kept for now, with the case whose links they keep."""
    b, o, t = base.index(), ours.index(), theirs.index()
    links_at: dict[int, dict[str, set[LinkKey]]] = {}  # per case, built when first needed
    merged: dict[str, Node] = {}
    kept: dict[str, Case] = {}
    dropped: dict[str, Node] = {}
    for node_id in dict.fromkeys([*o, *t]):
        old, mine, other = b.get(node_id), o.get(node_id), t.get(node_id)
        if mine is not None and other is not None:
            node, found = _merge_node(old, mine, other)
            merged[node_id] = node
            conflicts += found
            continue
        present, side = (mine, ours) if mine is not None else (other, theirs)
        assert present is not None
        if old is None:
            merged[node_id] = present  # added on one side
        elif _changed(old, present, _links_at(base, links_at), _links_at(side, links_at)):
            merged[node_id] = present
            kept[node_id] = side
        else:
            dropped[node_id] = present  # deleted on one side, untouched on the other
    for node_id in list(kept):
        side = kept[node_id]
        along = _restore_below(node_id, side, dropped, merged, kept)
        conflicts.append(
            MergeConflict(
                on=ConflictOn.NODE,
                subject=node_id,
                base=_dump(b.get(node_id)),
                ours=_dump(o.get(node_id)),
                theirs=_dump(t.get(node_id)),
                along=along,
            )
        )
    return list(merged.values()), kept


def _restore_below(
    node_id: str, side: Case, dropped: dict[str, Node], merged: dict[str, Node],
    kept: dict[str, Case],
) -> tuple[str, ...]:  # fmt: skip
    """Bring back what the deleting side removed below a node the other side kept: the
    kept version would otherwise lose its own support. Returns the ids brought back."""
    below: dict[str, list[str]] = {}
    for link in side.links:
        below.setdefault(link.source, []).append(link.target)
    restored: list[str] = []
    stack = [node_id]
    while stack:
        for child in below.get(stack.pop(), ()):
            node = dropped.pop(child, None)
            if node is not None:
                merged[child] = node
                kept[child] = side
                restored.append(child)
                stack.append(child)
    return tuple(restored)


def _dump(node: Node | None) -> Any:
    return None if node is None else node.model_dump(mode="json")


def _changed(
    old: Node, new: Node, base_links: dict[str, set[LinkKey]], side_links: dict[str, set[LinkKey]]
) -> bool:
    """Whether a side changed a node: its fields other than layout, or the links at it."""
    for name in type(old).model_fields:
        if name not in LAYOUT_FIELDS and getattr(old, name) != getattr(new, name):
            return True
    return base_links.get(old.id, set()) != side_links.get(old.id, set())


def _links_at(case: Case, cache: dict[int, dict[str, set[LinkKey]]]) -> dict[str, set[LinkKey]]:
    """The links at each node of a case (at either end, or challenged through it)."""
    found = cache.get(id(case))
    if found is None:
        found = cache[id(case)] = {}
        for link in case.links:
            key = _key(link)
            for end in _ends(link):
                found.setdefault(end, set()).add(key)
    return found


def _merge_node(old: Node | None, mine: Node, other: Node) -> tuple[Node, list[MergeConflict]]:
    if other in (mine, old):
        return mine, []
    if mine == old:
        return other, []
    b = _MISSING if old is None else old.model_dump(mode="json")
    o, t = mine.model_dump(mode="json"), other.model_dump(mode="json")
    merged: dict[str, Any] = {}
    found: list[MergeConflict] = []

    def clash(field: str, base_value: Any, ours_value: Any, theirs_value: Any) -> None:
        found.append(
            MergeConflict(
                on=ConflictOn.NODE,
                subject=mine.id,
                field=field,
                base=None if base_value is _MISSING else base_value,
                ours=ours_value,
                theirs=theirs_value,
                added=old is None,
            )
        )

    for name, mine_value in o.items():
        base_value = _MISSING if not isinstance(b, dict) else b[name]
        if name in LAYOUT_FIELDS:
            merged[name] = mine_value if mine_value != base_value else t[name]
        elif name in EVIDENCE_FIELDS:
            merged[name] = _merge_evidence(name, base_value, mine_value, t[name], clash)
        else:
            merged[name], clashed = _pick(base_value, mine_value, t[name])
            if clashed:
                clash(name, base_value, mine_value, t[name])
    # Two types, or fields that together break a type's rules (a new type and an owner, say):
    # the element as a whole is in conflict, not field by field.
    try:
        if not any(conflict.field == "type" for conflict in found):
            return Node.model_validate(merged), found
    except ValidationError:
        pass
    whole = MergeConflict(
        on=ConflictOn.NODE,
        subject=mine.id,
        field=WHOLE,
        base=None if old is None else b,
        ours=o,
        theirs=t,
        added=old is None,
    )
    return mine, [whole]


def _merge_evidence(name: str, base: Any, mine: Any, other: Any, clash: Any) -> Any:
    if mine == other:
        return mine
    empty = Evidence().model_dump(mode="json")
    b = empty if base is None else base
    o = empty if mine is None else mine
    t = empty if other is None else other
    merged = {}
    for part in empty:
        base_part = _MISSING if base is _MISSING else b[part]
        merged[part], clashed = _pick(base_part, o[part], t[part])
        if clashed:
            clash(f"{name}.{part}", base_part, o[part], t[part])
    return merged


# -- links -------------------------------------------------------------------------------------


def _key(link: Link) -> LinkKey:
    return (link.source, link.target, link.kind.value, link.via)


def _merge_links(
    base: Case, ours: Case, theirs: Case, kept: dict[str, Case], present: set[str]
) -> list[Link]:
    b = {_key(link): link for link in base.links}
    o = {_key(link): link for link in ours.links}
    t = {_key(link): link for link in theirs.links}
    merged: list[Link] = []
    for key, found in [*o.items(), *((k, v) for k, v in t.items() if k not in o)]:
        link = found if key not in b else _kept_link(b[key], o.get(key), t.get(key), kept, ours)
        if link is not None and all(end in present for end in _ends(link)):
            merged.append(link)
    return merged


def _kept_link(
    old: Link, mine: Link | None, other: Link | None, kept: dict[str, Case], ours: Case
) -> Link | None:
    """A link of the base as merged: gone if either side removed it, except that a node kept
    against a deletion keeps the links of the side that kept it."""
    keeper = next((kept[end] for end in _ends(old) if end in kept), None)
    if keeper is not None:
        return mine if keeper is ours else other
    if mine is None or other is None:
        return None
    link: Link = _pick(old, mine, other)[0]  # pattern marks: ours if both changed
    return link


def _ends(link: Link) -> Iterable[str]:
    return (link.source, link.target) if link.via is None else (link.source, link.target, link.via)


# -- comments ----------------------------------------------------------------------------------


def _merge_comments(
    base: Case, ours: Case, theirs: Case, conflicts: list[MergeConflict]
) -> list[Comment]:
    b = {comment.id: comment for comment in base.comments}
    o = {comment.id: comment for comment in ours.comments}
    t = {comment.id: comment for comment in theirs.comments}
    merged: list[Comment] = []
    for comment_id in dict.fromkeys([*o, *t]):
        old, mine, other = b.get(comment_id), o.get(comment_id), t.get(comment_id)
        if mine is not None and other is not None:
            if other in (mine, old):
                merged.append(mine)
            elif mine == old:
                merged.append(other)
            elif (mine.node, mine.via) == (other.node, other.via):
                merged.append(mine.merged_with(other))  # replies of both, latest status
            else:
                merged.append(mine)
            continue
        present = mine if mine is not None else other
        assert present is not None
        if old is None:
            merged.append(present)
        elif present != old:
            merged.append(present)
            conflicts.append(
                MergeConflict(
                    on=ConflictOn.COMMENT,
                    subject=comment_id,
                    base=old.model_dump(mode="json"),
                    ours=None if mine is None else mine.model_dump(mode="json"),
                    theirs=None if other is None else other.model_dump(mode="json"),
                )
            )
    return merged
