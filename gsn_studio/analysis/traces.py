"""Coverage of the case's trace sets: items no element argues, traces to items a set does not
have, items that changed since their trace was last verified or accepted, and the matrix
`gsn-studio trace` prints (one row per item, the elements tracing it and their status)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.model import Case, Node
from gsn_studio.model.records import record
from gsn_studio.model.traces import LoadedSet, Trace, TraceItem

TraceSets = Mapping[str, LoadedSet]
"""The case's sets as read from their files, by name (`io.trace_sets.load_trace_sets`)."""


def findings(
    case: Case, sets: TraceSets | None, traced: Sequence[Node] | None = None
) -> list[Finding]:
    """Without the sets (None: history, portfolio, a case of modules for now), traces are not
    looked at, as evidence files are not without an artifact reader. `traced`: the nodes
    that have traces (the others have none to look at), in node order, when the caller has
    them already."""
    if sets is None:
        return []
    found: list[Finding] = []
    declared = {trace_set.name for trace_set in case.trace_sets}
    nodes = case.nodes if traced is None else traced
    for node in nodes:
        for trace in node.traces:
            if trace.set not in declared:
                found.append(
                    Finding(
                        "trace-dangling",
                        Severity.ERROR,
                        node.id,
                        f"{node.id} traces {trace.item} of set {trace.set}, which the case does "
                        "not name",
                    )
                )
    for name, loaded in sets.items():
        if loaded.problem:
            found.append(
                Finding(
                    "trace-set-unreadable",
                    Severity.ERROR,
                    None,
                    f"trace set {name}: {loaded.problem}",
                )
            )
            continue
        found += _set_findings(case, loaded, nodes)
    return found


def _set_findings(case: Case, loaded: LoadedSet, nodes: Sequence[Node]) -> list[Finding]:
    name = loaded.declared.name
    items = loaded.by_id()
    found: list[Finding] = []
    traced: set[str] = set()
    for node in nodes:
        for trace in node.traces:
            if trace.set != name:
                continue
            item = items.get(trace.item)
            if item is None:
                found.append(
                    Finding(
                        "trace-dangling",
                        Severity.ERROR,
                        node.id,
                        f"{node.id} traces {trace.item}, which {name} "
                        f"({loaded.declared.path}) does not have",
                    )
                )
                continue
            traced.add(item.id)
            if trace.seen and trace.seen != item.row_hash:
                found.append(
                    Finding(
                        "trace-target-changed",
                        Severity.WARNING,
                        node.id,
                        f"{node.id} traces {item.id} of {name}, which changed since it was "
                        "last verified or accepted",
                    )
                )
    severity = Severity.ERROR if loaded.declared.complete else Severity.WARNING
    for item in loaded.items:
        if item.id not in traced:
            found.append(
                Finding(
                    "trace-uncovered",
                    severity,
                    None,
                    f"{item.id} of {name} ({_short(item.title)}) is traced by no element",
                )
            )
    return found


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= 60 else title[:59] + "…"


@record
class MatrixRow:
    set: str
    item: TraceItem
    elements: tuple[str, ...]
    """The elements tracing the item, in node order."""
    changed: tuple[str, ...] = ()
    """Those of them whose trace saw an older row of the item."""

    @property
    def status(self) -> str:
        """ "uncovered" (nothing traces it), "changed" (since a trace saw it) or "covered"."""
        if not self.elements:
            return "uncovered"
        return "changed" if self.changed else "covered"


def matrix(case: Case, sets: TraceSets) -> list[MatrixRow]:
    """One row per item of every readable set, in the sets' and the files' order."""
    rows = []
    for name, loaded in sets.items():
        for item in loaded.items:
            tracing = [
                (node.id, trace.seen)
                for node in case.nodes
                for trace in node.traces
                if trace.set == name and trace.item == item.id
            ]
            rows.append(
                MatrixRow(
                    name,
                    item,
                    tuple(dict.fromkeys(node_id for node_id, _ in tracing)),
                    tuple(n for n, seen in tracing if seen and seen != item.row_hash),
                )
            )
    return rows


def seen_now(case: Case, node_ids: list[str], sets: TraceSets) -> dict[str, tuple[Trace, ...]]:
    """The traces of these nodes with `seen` set to their items' rows as they are now: what
    verifying or accepting records. Only nodes whose traces would change are listed."""
    updated: dict[str, tuple[Trace, ...]] = {}
    for node_id in node_ids:
        node = case.get(node_id)
        if node is None or not node.traces:
            continue
        new = []
        for trace in node.traces:
            loaded = sets.get(trace.set)
            item = loaded.by_id().get(trace.item) if loaded is not None else None
            new.append(trace if item is None else trace.model_copy(update={"seen": item.row_hash}))
        if tuple(new) != node.traces:
            updated[node_id] = tuple(new)
    return updated
