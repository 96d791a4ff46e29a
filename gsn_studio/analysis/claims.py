"""Whether claims are operational: a claim that evidence supports directly names something
measurable (or its evidence is measured), and its key terms are defined where it stands.

A statement is measurable when it names a quantity with a comparison or threshold ("above
0.9", "at most 5 %", "<= 200 ms"), a percentage, a count ("3 complaints", "zero"), or a date.
docs/practice.md documents the rule with a claim that passes and one that does not.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.analysis.survey import SupportGraph
from gsn_studio.model import Case, LinkKind, Node, NodeType

_NUMBER = r"\d+(?:[.,]\d+)?"
_COMPARATORS = (
    r"at least|at most|no more than|no less than|not more than|not less than|fewer than|"
    r"less than|more than|greater than|lower than|higher than|at or above|at or below|"
    r"above|below|under|over|exceeds?|not exceed|within|between|up to|maximum of|"
    r"minimum of|no longer than|<=|>=|≤|≥|<|>|="
)
_MEASURABLE = re.compile(
    rf"(?:(?<![\w-])(?:{_COMPARATORS})\s*(?:[^\s\d]+\s+){{0,3}}?-?{_NUMBER})"  # bound
    rf"|(?:{_NUMBER}\s*(?:%|percent\b|per cent\b|pp\b))"  # percentage
    r"|(?:\b\d{4}-\d{2}-\d{2}\b)"  # date
    rf"|(?:\b{_NUMBER}\s+(?!(?:is|was|has|does)\b)[A-Za-z]{{2,}}s\b)"  # count: "3 complaints"
    r"|(?:\bzero\b)",
    re.IGNORECASE,
)
DEFINING_TYPES = frozenset({NodeType.CONTEXT, NodeType.JUSTIFICATION})


def is_measurable(statement: str) -> bool:
    """Whether a statement names a measurable criterion (see the module's rule)."""
    return bool(_MEASURABLE.search(statement))


@functools.cache
def term_pattern(term: str) -> re.Pattern[str]:
    """A vague term and its usual forms: fair/fairness/fairly, safe/safety/safely,
    compliant/compliance; words of a phrase may be split by any spaces."""
    words = [re.escape(word) for word in term.split()]
    forms = [r"\s+".join(words) + r"(?:s|ly|ness|ty|ity)?"]
    last = term.rsplit(maxsplit=1)[-1] if term.split() else ""
    if len(words) == 1 and last.endswith("e"):
        forms.append(re.escape(last[:-1]) + r"(?:y|ely|ity|ies)")
    if len(words) == 1 and last.endswith("ant"):
        forms.append(re.escape(last[:-1]) + r"(?:ce|cy)")
    return re.compile(r"(?<!\w)(?:" + "|".join(forms) + r")(?!\w)", re.IGNORECASE)


def vague_terms_in(statement: str, terms: tuple[str, ...]) -> list[str]:
    return [term for term in terms if term_pattern(term).search(statement)]


def not_operational(case: Case) -> Iterator[Finding]:
    """`claim-not-operational` for each goal that solutions support directly when neither its
    statement nor any of that evidence is measured."""
    nodes = case.index()
    for node in case.nodes:
        if node.type is not NodeType.GOAL:
            continue
        solutions = [
            nodes[child]
            for child in case.children(node.id, LinkKind.SUPPORTED_BY)
            if child in nodes and nodes[child].type is NodeType.SOLUTION
        ]
        if not solutions or is_measurable(node.statement):
            continue
        if any(s.evidence is not None and s.evidence.measure is not None for s in solutions):
            continue
        yield Finding(
            "claim-not-operational",
            Severity.WARNING,
            node.id,
            f"{node.id} rests on evidence but names nothing measurable: state the criterion "
            "it is held to (a quantity with a threshold such as 'disparate impact above "
            f"0.9', a count, a bound or a date), or give the evidence of "
            f"{', '.join(s.id for s in solutions)} a measure (metric, comparison, threshold)",
        )


def vague_claims(case: Case, graph: SupportGraph, terms: tuple[str, ...]) -> Iterator[Finding]:
    """`vague-claim` for each goal using a vague term that no context or justification on it,
    or on anything above it, defines."""
    if not terms:
        return
    nodes = case.index()
    definitions: dict[str, list[str]] = {}
    for link in case.links:
        target = nodes.get(link.target)
        if link.kind is LinkKind.IN_CONTEXT_OF and target and target.type in DEFINING_TYPES:
            definitions.setdefault(link.source, []).append(target.statement)
    for node in case.nodes:
        if node.type is not NodeType.GOAL:
            continue
        used = vague_terms_in(node.statement, terms)
        if not used:
            continue
        above = graph.ancestors(node.id)
        texts = [text for holder in (node.id, *above) for text in definitions.get(holder, ())]
        undefined = [t for t in used if not any(term_pattern(t).search(x) for x in texts)]
        if undefined:
            yield _vague(node, undefined)


def _vague(node: Node, undefined: list[str]) -> Finding:
    quoted = ", ".join(f"'{term}'" for term in undefined)
    return Finding(
        "vague-claim",
        Severity.WARNING,
        node.id,
        f"{node.id} says {quoted} without saying what it means for this system: attach a "
        f"context or justification (to {node.id} or above it) that defines "
        f"{'it' if len(undefined) == 1 else 'them'} as a measurable criterion, for example "
        "'fair: approval rates do not differ across tracked protected groups (disparate "
        "impact above 0.9)'",
    )
