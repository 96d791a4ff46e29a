"""What changed between two versions of a case: nodes added, removed and changed (with the
fields that changed), and links added and removed.

Nodes are matched by id. A node whose id changed but whose type and statement did not is also
reported as a likely rename, so a reviewer is not left to match the pair by eye.
"""

from __future__ import annotations

from dataclasses import field

from gsn_studio.model import Case, Link, LinkKind, Node
from gsn_studio.model.records import record

COMPARED_FIELDS = (
    "type", "statement", "description", "tags", "owner", "undeveloped", "evidence",
    "defeater_status", "refutation", "public", "cites", "extras", "load_bearing",
    "degradation", "traces", "acceptance",
)  # fmt: skip
"""Fields whose change is a change of the argument. Position is compared only on request."""


@record(slots=False)
class CaseDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)
    links_added: list[tuple[str, str, str]] = field(default_factory=list)
    links_removed: list[tuple[str, str, str]] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (
            self.added or self.removed or self.changed or self.links_added or self.links_removed
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": [{"id": node_id, "fields": fields} for node_id, fields in self.changed],
            "links_added": [list(link) for link in self.links_added],
            "links_removed": [list(link) for link in self.links_removed],
            "renamed": [list(pair) for pair in self.renamed],
        }


def diff_cases(old: Case, new: Case, layout: bool = False) -> CaseDiff:
    old_nodes, new_nodes = old.index(), new.index()
    added = [node.id for node in new.nodes if node.id not in old_nodes]
    removed = [node.id for node in old.nodes if node.id not in new_nodes]
    compared = (*COMPARED_FIELDS, "position") if layout else COMPARED_FIELDS
    changed = []
    for node in new.nodes:
        before = old_nodes.get(node.id)
        if before is None or before is node:
            continue
        fields = [name for name in compared if getattr(before, name) != getattr(node, name)]
        if fields:
            changed.append((node.id, fields))
    old_links = {_key(link) for link in old.links}
    new_links = {_key(link) for link in new.links}
    return CaseDiff(
        added=list(dict.fromkeys(added)),
        removed=list(dict.fromkeys(removed)),
        changed=changed,
        links_added=[key for key in _ordered(new) if key not in old_links],
        links_removed=[key for key in _ordered(old) if key not in new_links],
        renamed=_renames([old_nodes[i] for i in removed], [new_nodes[i] for i in added]),
    )


def _key(link: Link) -> tuple[str, str, str]:
    # SupportedBy and InContextOf as the issue names them; a challenge to a link keeps its
    # other end in the kind so that it differs from a challenge to the node.
    kind = link.kind.value
    if link.kind is LinkKind.CHALLENGES and link.via is not None:
        kind = f"challenges:{link.via}"
    return (link.source, link.target, kind)


def _ordered(case: Case) -> list[tuple[str, str, str]]:
    return list(dict.fromkeys(_key(link) for link in case.ordered_links()))


def _renames(removed: list[Node], added: list[Node]) -> list[tuple[str, str]]:
    """Pairs with the same type and statement, where that pairing is the only one possible."""
    signature: dict[tuple[str, str], list[Node]] = {}
    for node in added:
        signature.setdefault((node.type.value, node.statement), []).append(node)
    gone: dict[tuple[str, str], list[Node]] = {}
    for node in removed:
        gone.setdefault((node.type.value, node.statement), []).append(node)
    pairs = []
    for key, olds in gone.items():
        news = signature.get(key, [])
        if len(olds) == 1 and len(news) == 1 and key[1].strip():
            pairs.append((olds[0].id, news[0].id))
    return pairs
