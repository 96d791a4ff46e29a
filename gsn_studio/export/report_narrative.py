"""The argument as numbered narrative: each top claim numbered 1, 2..., what frames it and
what supports it below it (1.1, 1.1.2...), following the links of the argument. An element
reached a second time (shared evidence, a context several claims rest on) is referred to by
its first number, not repeated; elements no top claim reaches are narrated after the rest."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from gsn_studio.analysis.evidence import Judgement
from gsn_studio.export.report_model import Item
from gsn_studio.model import CONTEXTUAL, Case, Evidence, LinkKind, Node, NodeType
from gsn_studio.model.review import Comment
from gsn_studio.notation.palette import STATUS_WORDS, Status

TYPE_WORDS = {
    NodeType.GOAL: "Goal",
    NodeType.STRATEGY: "Strategy",
    NodeType.SOLUTION: "Solution",
    NodeType.CONTEXT: "Context",
    NodeType.ASSUMPTION: "Assumption",
    NodeType.JUSTIFICATION: "Justification",
    NodeType.COUNTER_GOAL: "Counter-claim",
    NodeType.COUNTER_SOLUTION: "Counter-evidence",
}


@dataclass(frozen=True)
class NodeFacts:
    """What the checks say about a module's elements, by their ids in that module."""

    marks: Mapping[str, str] = field(default_factory=dict)
    judgements: Mapping[str, Judgement] = field(default_factory=dict)
    refutations: Mapping[str, Judgement] = field(default_factory=dict)
    stale: Mapping[str, str] = field(default_factory=dict)
    """Elements whose acceptance is stale: what changed."""
    comments: Mapping[str, Sequence[Comment]] = field(default_factory=dict)
    titles: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """Trace items' titles by (set, item)."""
    developed_by: Mapping[str, str] = field(default_factory=dict)
    """Goals left undeveloped here that another module develops under a contract."""


def status_word(mark: str) -> str:
    try:
        status = Status(mark)
    except ValueError:
        return mark
    return STATUS_WORDS.get(status, "")


def kind_of(node: Node) -> str:
    word = TYPE_WORDS[node.type]
    if node.is_module_reference and node.cites is not None:
        return f"{word} (module reference)"
    if node.is_away:
        return f"Away {word.lower()}"
    return word


@dataclass(frozen=True, slots=True)
class Narrative:
    items: list[Item]
    """From the top claims down."""
    rest: list[Item]
    """Elements no top claim reaches (an island, a counter claim that challenges nothing)."""


def narrate(case: Case, facts: NodeFacts) -> Narrative:
    nodes = case.index()
    below: dict[str, list[tuple[str, str]]] = {}
    supported: set[str] = set()
    contexts: dict[str, list[str]] = {}
    challenged: dict[str, list[tuple[str, str]]] = {}
    for link in case.links:
        if link.source not in nodes or link.target not in nodes:
            continue
        if link.kind is LinkKind.SUPPORTED_BY:
            below.setdefault(link.source, []).append((link.target, ""))
            supported.add(link.target)
        elif link.kind is LinkKind.IN_CONTEXT_OF:
            contexts.setdefault(link.source, []).append(link.target)
        else:
            relation = (
                "challenges it" if link.via is None else f"challenges the link from {link.via}"
            )
            challenged.setdefault(link.target, []).append((link.source, relation))
    challengers = {source for pairs in challenged.values() for source, _ in pairs}

    def children(node_id: str) -> list[tuple[str, str]]:
        framing = [
            (c, f"{TYPE_WORDS[nodes[c].type].lower()} of it") for c in contexts.get(node_id, [])
        ]
        return framing + below.get(node_id, []) + challenged.get(node_id, [])

    numbers: dict[str, str] = {}
    roots = [
        node.id
        for node in case.nodes
        if node.id not in supported
        and node.id not in challengers
        and node.type not in CONTEXTUAL
        and nodes.get(node.id) is node
    ]
    main = _walk(roots, 1, children, numbers, (nodes, facts))
    left = [node.id for node in case.nodes if node.id not in numbers and nodes.get(node.id) is node]
    rest: list[Item] = []
    start = len(roots) + 1
    for node_id in left:
        if node_id not in numbers:  # narrated under an earlier island meanwhile
            rest += _walk([node_id], start, children, numbers, (nodes, facts))
            start += 1
    return Narrative(main, rest)


def _walk(
    roots: list[str],
    first: int,
    children: Callable[[str], list[tuple[str, str]]],
    numbers: dict[str, str],
    known: tuple[Mapping[str, Node], NodeFacts],
) -> list[Item]:
    """Depth first, without recursion: arguments can nest thousands of levels deep."""
    nodes, facts = known
    items: list[Item] = []
    stack = [(root, str(first + i), 0, "") for i, root in reversed(list(enumerate(roots)))]
    while stack:
        node_id, number, depth, relation = stack.pop()
        node = nodes[node_id]
        if node_id in numbers:
            items.append(
                Item(
                    number,
                    depth,
                    node_id,
                    kind_of(node),
                    node.statement,
                    see=numbers[node_id],
                    relation=relation,
                )
            )
            continue
        numbers[node_id] = number
        items.append(
            Item(
                number,
                depth,
                node_id,
                kind_of(node),
                node.statement,
                status_word(facts.marks.get(node_id, "")),
                details(node, facts),
                relation=relation,
            )
        )
        below = children(node_id)
        for index, (child, how) in reversed(list(enumerate(below))):
            stack.append((child, f"{number}.{index + 1}", depth + 1, how))
    return items


def details(node: Node, facts: NodeFacts) -> tuple[tuple[str, str], ...]:
    """Every fact the case holds about an element, labelled, in a fixed order."""
    found: list[tuple[str, str]] = []
    if node.description.strip():
        found.append(("Description", node.description.strip()))
    if node.cites is not None:
        found.append(("Cites", node.cites.describe()))
    if node.owner:
        found.append(("Owner", node.owner))
    elsewhere = facts.developed_by.get(node.id)
    if node.undeveloped and elsewhere:
        found.append(("Developed by", f"module {elsewhere}, under a contract (undeveloped here)"))
    elif node.undeveloped:
        found.append(("Undeveloped", "marked undeveloped: its support is still to be provided"))
    if node.public:
        found.append(("Public", "other modules may cite it"))
    if node.evidence is not None:
        found += evidence_lines(node.evidence, facts.judgements.get(node.id))
    if node.is_counter:
        found.append(("Standing", node.defeater_status.value))
    if node.refutation is not None:
        found += [
            (f"Refutation {label.lower()}", value)
            for label, value in evidence_lines(node.refutation, facts.refutations.get(node.id))
        ]
    for condition in node.degradation:
        how = [
            f"monitored by {condition.monitor}" if condition.monitor else "",
            f"reviewed every {condition.review_days} days" if condition.review_days else "",
            f"last reviewed {condition.reviewed.isoformat()}" if condition.reviewed else "",
            f"watched by defeater {condition.defeater}" if condition.defeater else "",
        ]
        detection = "; ".join(part for part in how if part) or "nothing detects it"
        found.append(
            (f"Degrades if ({condition.kind.value})", f"{condition.statement} ({detection})")
        )
    for trace in node.traces:
        title = facts.titles.get((trace.set, trace.item), "")
        found.append(("Traces", f"{trace.set} {trace.item}" + (f": {title}" if title else "")))
    if node.acceptance is not None:
        accepted = node.acceptance
        stale = facts.stale.get(node.id)
        found.append(
            (
                "Accepted",
                f"by {accepted.by} on {accepted.on.isoformat()}"
                + (f"; stale: {stale}" if stale else "; still current"),
            )
        )
    if node.tags:
        found.append(("Tags", ", ".join(node.tags)))
    comments = facts.comments.get(node.id, ())
    if comments:
        listed = "; ".join(f"{c.id} ({c.kind.value}, {c.status.value})" for c in comments)
        found.append(("Review comments", listed))
    return tuple(found)


def evidence_lines(evidence: Evidence, judged: Judgement | None) -> list[tuple[str, str]]:
    """The evidence record: its reference, dates, verification with the full SHA-256, measure
    and state, as the evidence register has them."""
    lines = [("Evidence", evidence.reference or "none named")]
    dates = [
        f"produced {evidence.date.isoformat()}" if evidence.date else "",
        f"valid until {evidence.valid_until.isoformat()}" if evidence.valid_until else "",
        f"review every {evidence.review_days} days" if evidence.review_days else "",
        f"due {judged.due.isoformat()}" if judged is not None and judged.due else "",
    ]
    if any(dates):
        lines.append(("Dates", "; ".join(part for part in dates if part)))
    verified = evidence.verified
    if verified is not None:
        lines.append(
            (
                "Verified",
                f"on {verified.on.isoformat()}" + (f" by {verified.by}" if verified.by else ""),
            )
        )
        if verified.sha256:
            state = f" ({judged.hash_state.value})" if judged is not None else ""
            lines.append(("SHA-256", verified.sha256 + state))
    if evidence.measure is not None:
        measured = judged.measured if judged is not None else evidence.measure.value
        value = "not measured" if measured is None else f"measured {measured:g}"
        lines.append(("Measure", f"{evidence.measure.rule}, {value}"))
    if judged is not None:
        lines.append(("Evidence state", judged.state))
    return lines
