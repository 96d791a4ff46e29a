"""The argument as a tree of rows, built from the case without Qt.

Top-level goals are the roots; each node's supporting children follow in sibling order,
then its context. A node shared by two parents appears under both; one reached again on
its own path is shown but not expanded, so a circular argument still ends.
"""

from __future__ import annotations

from dataclasses import dataclass

from gsn_studio.model import Case, LinkKind, Node, NodeType, link_violation

ROOT_TYPES = (NodeType.GOAL, NodeType.COUNTER_GOAL)
UNCONNECTED = "Not connected"

Key = tuple["Key", str] | tuple[()]
"""Where a row sits: its parent's key and its node id, so it survives a rebuild."""


@dataclass(eq=False, slots=True)
class Row:
    node_id: str | None
    """None for the "Not connected" group."""
    parent: int
    """The parent row's serial, or -1 at the top. Not the row itself: with no reference
    cycles, an old tree is freed at once instead of by the cyclic garbage collector."""
    number: int
    """The row's position among its parent's children."""
    serial: int
    """The row's position in the tree's list of rows: its id in the Qt model."""
    key: Key
    context: bool
    """Reached by an InContextOf link."""
    note: str
    children: list[Row]


Shape = tuple[str | None, bool, list["Shape"]]
"""A row as plain data: its node id, whether it is reached by InContextOf, its children."""


class OutlineTree:
    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.top: list[Row] = []
        self.by_id: dict[str, list[Row]] = {}
        self.noted = 0
        """How many rows were cut short (a cycle, the row limit) when the tree was built:
        patches make none, so a patch asks this instead of reading every row."""

    def parent_of(self, row: Row) -> Row | None:
        return self.rows[row.parent] if row.parent >= 0 else None

    def _add(self, parent: Row | None, node_id: str | None, context: bool, note: str = "") -> Row:
        siblings = parent.children if parent else self.top
        key: Key = (parent.key if parent else (), node_id or UNCONNECTED)
        serial = parent.serial if parent else -1
        row = Row(node_id, serial, len(siblings), len(self.rows), key, context, note, [])
        siblings.append(row)
        self.rows.append(row)
        if node_id is not None:
            self.by_id.setdefault(node_id, []).append(row)
        if note:
            self.noted += 1
        return row


def shape_of(row: Row) -> Shape:
    """A row and the rows under it, as plain data that `insert_tree` copies."""
    top: Shape = (row.node_id, row.context, [])
    pending = [(child, top[2]) for child in reversed(row.children)]
    while pending:  # without recursion: a long chain must not hit Python's stack limit
        child, into = pending.pop()
        shape: Shape = (child.node_id, child.context, [])
        into.append(shape)
        pending.extend((grandchild, shape[2]) for grandchild in reversed(child.children))
    return top


def default_row_limit(node_count: int) -> int:
    return max(50_000, 5 * node_count)


def build_tree(case: Case, row_limit: int | None = None) -> OutlineTree:
    """Rows for a case. Past row_limit, a node already shown elsewhere is not expanded again
    (a heavily shared argument would otherwise grow without bound)."""
    nodes: dict[str, Node] = {}
    for node in case.nodes:
        nodes.setdefault(node.id, node)  # the first of duplicate ids, as the model does
    support, context = _children(case, nodes)
    has_support_parent = {child for children in support.values() for child in children}
    has_parent = has_support_parent | {child for children in context.values() for child in children}

    limit = row_limit if row_limit is not None else default_row_limit(len(nodes))
    tree = OutlineTree()
    shown: set[str] = set()

    def grow(start: str, parent: Row | None) -> None:
        # Depth first without recursion: a long chain must not hit Python's stack limit.
        on_path: set[str] = set()
        stack: list[tuple[str | None, Row | None, bool]] = [(start, parent, False)]
        while stack:
            node_id, parent_row, is_context = stack.pop()
            if parent_row is not None and node_id is None:  # leaving parent_row's node
                assert parent_row.node_id is not None
                on_path.discard(parent_row.node_id)
                continue
            assert node_id is not None
            children = support.get(node_id, []) + context.get(node_id, [])
            if node_id in on_path:
                tree._add(parent_row, node_id, is_context, "circular: already above")
                continue
            if node_id in shown and children and len(tree.rows) >= limit:
                tree._add(parent_row, node_id, is_context, "shown above")
                continue
            row = tree._add(parent_row, node_id, is_context)
            shown.add(node_id)
            if not children:
                continue
            on_path.add(node_id)
            stack.append((None, row, False))
            contexts = context.get(node_id, [])
            for child in reversed(contexts):
                stack.append((child, row, True))
            for child in reversed(support.get(node_id, [])):
                stack.append((child, row, False))

    for node_id, node in nodes.items():
        if node.type in ROOT_TYPES and node_id not in has_support_parent:
            grow(node_id, None)
    rest = [node_id for node_id in nodes if node_id not in shown]
    if rest:
        group = tree._add(None, None, False)
        # First the nodes nothing points at, then whatever a cycle has kept unreached.
        for node_id in [n for n in rest if n not in has_parent] + rest:
            if node_id not in shown:
                grow(node_id, group)
    return tree


Children = dict[str, list[str]]


def _children(case: Case, nodes: dict[str, Node]) -> tuple[Children, Children]:
    """Supporting and contextual children in sibling order, over legal links only: an
    illegal link is a finding of its own and must not hide a root."""
    support: Children = {}
    context: Children = {}
    # The rule depends on the kind and the two types only: asked once per combination (a
    # handful), not for each of 12,000 links.
    legal: dict[tuple[LinkKind, NodeType, NodeType], bool] = {}
    for link in case.links:
        source, target = nodes.get(link.source), nodes.get(link.target)
        if source is None or target is None:
            continue
        combination = (link.kind, source.type, target.type)
        allowed = legal.get(combination)
        if allowed is None:
            allowed = legal[combination] = not link_violation(
                link.kind, source.id, source.type, target.id, target.type
            )
        if not allowed:
            continue
        kind = support if link.kind is LinkKind.SUPPORTED_BY else context
        children = kind.get(source.id)
        if children is None:
            kind[source.id] = [target.id]
        else:
            children.append(target.id)
    return support, context
