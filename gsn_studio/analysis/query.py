"""Queries over a case's elements: which nodes match `type=solution and state!=current`.

The one evaluator the command line (`gsn-studio query`, `export --query`) and the editor's
query bar call. The parser is `query_parse`; the facts a query may ask about that come from a
check (status marks, evidence states) are handed in as `QueryFacts`, so the editor reuses the
assessment it already has and the command line makes one only when the query needs it.

Every comparison ignores case. `=` compares whole values, with `*` and `?` as wildcards;
`~` finds the value anywhere in the text; `a != v` is `not a = v`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from gsn_studio.analysis.check import Assessment
from gsn_studio.analysis.modules import ModularAssessment
from gsn_studio.analysis.query_parse import (
    And,
    Condition,
    Expr,
    Not,
    Op,
    QueryError,
    Under,
    did_you_mean,
    fields_of,
    parse,
)
from gsn_studio.model import CONTEXTUAL, Case, LinkKind, Module, Node
from gsn_studio.model.links import is_allowed
from gsn_studio.notation.palette import STATUS_WORDS, Status

__all__ = [
    "QueryError",
    "QueryFacts",
    "facts_from",
    "matching",
    "modular_facts",
    "needs_facts",
    "parse",
    "run_query",
]

FOLDED = 8
"""And/or chains up to this long are nested two-way tests; longer ones loop."""
JUDGED = frozenset({"status", "state"})
"""Fields answered from a check's assessment rather than from the case itself."""


@dataclass(frozen=True)
class QueryFacts:
    """What a check found that queries may test, by node id."""

    marks: Mapping[str, str] = field(default_factory=dict)
    """The canvas mark of each node (`Assessment.marks`): status, evidence state, standing."""
    levels: Mapping[str, str] = field(default_factory=dict)
    """Each node's assurance level (supported, undeveloped, weakened, defeated)."""
    states: Mapping[str, str] = field(default_factory=dict)
    """The evidence state of each solution (and refuted defeater's refutation)."""
    module: str = ""
    """The module the case is, for `module=` (empty: the case's own module id, if any)."""


def facts_from(case: Case, assessment: Assessment, module: str = "") -> QueryFacts:
    """The facts of a single case's assessment."""
    states = {node_id: j.state for node_id, j in assessment.refutations.items()}
    states.update((node_id, j.state) for node_id, j in assessment.judgements.items())
    return QueryFacts(
        marks=assessment.marks(case),
        levels={node_id: a.status.value for node_id, a in assessment.assurance.items()},
        states=states,
        module=module,
    )


def modular_facts(result: ModularAssessment, module: Module) -> QueryFacts:
    """The facts of one module, as seen in the whole case (an away element has its home's)."""
    judged = {**result.assessment.refutations, **result.assessment.judgements}
    states: dict[str, str] = {}
    levels: dict[str, str] = {}
    for node in module.case.nodes:
        found = [judged[t] for t in result.complete.in_complete(module.id, node.id) if t in judged]
        if found:
            states[node.id] = found[0].state
        status = result.status_of(module.id, node.id)
        if status is not None:
            levels[node.id] = status.status.value
    return QueryFacts(result.marks(module), levels, states, module.id)


def needs_facts(expr: Expr) -> bool:
    """Whether answering the query needs a check's assessment (status or state)."""
    return bool(fields_of(expr) & JUDGED)


def run_query(case: Case, text: str, facts: QueryFacts | None = None) -> list[str]:
    """The ids of the nodes that match, in node order; QueryError for a bad query."""
    return matching(case, parse(text), facts or QueryFacts())


def matching(case: Case, expr: Expr, facts: QueryFacts) -> list[str]:
    """The ids of the nodes that match a parsed query, in node order."""
    test = _Compiler(case, facts).compile(expr)
    seen: set[str] = set()
    found = []
    for node in case.nodes:
        if node.id not in seen and test(node):
            seen.add(node.id)
            found.append(node.id)
    return found


_Test = Callable[[Node], bool]


class _Compiler:
    """Turns the tree into one function per condition, working out what a field needs (the
    graph for `under`, inherited owners) once for the whole query, not once per node."""

    def __init__(self, case: Case, facts: QueryFacts) -> None:
        self.case = case
        self.facts = facts
        self._owners: Owners | None = None

    def compile(self, expr: Expr) -> _Test:
        if isinstance(expr, Condition):
            return self.condition(expr)
        if isinstance(expr, Under):
            below = subtree_ids(self.case, expr.node)
            if below is None:
                known = list(self.case.index())
                raise QueryError(
                    expr.column,
                    f"there is no node {expr.node!r} to look under{did_you_mean(expr.node, known)}",
                )
            return lambda node: node.id in below
        if isinstance(expr, Not):
            inner = self.compile(expr.operand)
            return lambda node: not inner(node)
        tests = [self.compile(operand) for operand in expr.operands]
        is_and = isinstance(expr, And)
        if len(tests) > FOLDED:  # a long chain: a loop, not calls nested as deep as it is long
            if is_and:
                return lambda node: all(test(node) for test in tests)
            return lambda node: any(test(node) for test in tests)
        # Nested two-way tests: a generator per node and operator costs more than the tests.
        combined = tests[-1]
        for test in reversed(tests[:-1]):
            combined = _both(test, combined) if is_and else _either(test, combined)
        return combined

    def condition(self, condition: Condition) -> _Test:
        values = self.values_of(condition.field)
        matches = _matcher(condition.op, condition.value)
        if condition.field == "status":
            matches = _status_matcher(condition.op, condition.value, matches)
        single = _SINGLE.get(condition.field)
        if single is not None:  # one value a node: no loop
            if condition.op is Op.NOT_EQUALS:
                return lambda node: not matches(single(node))
            return lambda node: matches(single(node))
        if condition.op is Op.NOT_EQUALS:
            return lambda node: not any(matches(value) for value in values(node))
        return lambda node: any(matches(value) for value in values(node))

    def values_of(self, name: str) -> Callable[[Node], Iterable[str]]:
        facts = self.facts
        if name == "type":
            return lambda node: (node.type.value,)
        if name == "id":
            return lambda node: (node.id,)
        if name == "text":
            return lambda node: (node.statement, node.description)
        if name == "tag":
            return lambda node: node.tags
        if name == "owner":
            owners = self.owners()
            return lambda node: owners.of(node.id) or ("",)
        if name == "trace":
            return lambda node: (text for trace in node.traces for text in (trace.item, trace.key))
        if name == "module":
            module = facts.module or (self.case.module.id if self.case.module else "")
            return lambda node: (module,)
        if name == "state":
            return lambda node: (facts.states.get(node.id) or "none",)
        assert name == "status"
        return lambda node: (
            facts.marks.get(node.id) or "none",
            facts.levels.get(node.id, ""),
        )

    def owners(self) -> Owners:
        if self._owners is None:
            self._owners = Owners(self.case)
        return self._owners


_SINGLE: dict[str, Callable[[Node], str]] = {
    "type": lambda node: node.type.value,
    "id": lambda node: node.id,
}


def _both(first: _Test, second: _Test) -> _Test:
    return lambda node: first(node) and second(node)


def _either(first: _Test, second: _Test) -> _Test:
    return lambda node: first(node) or second(node)


def _matcher(op: Op, value: str) -> Callable[[str], bool]:
    wanted = value.casefold()
    if op is Op.CONTAINS:
        return lambda text: wanted in text.casefold()
    if "*" in value or "?" in value:
        pattern = re.compile(_glob(wanted), re.DOTALL)
        return lambda text: pattern.fullmatch(text.casefold()) is not None
    return lambda text: text.casefold() == wanted


def _status_matcher(op: Op, value: str, plain: Callable[[str], bool]) -> Callable[[str], bool]:
    """A status word also matches the marks it is the word for: `undeveloped` is what a goal
    with a hole below (marked incomplete) is called, as `check` and the badges say."""
    if op is Op.CONTAINS:
        return plain
    words = {
        mark.value for mark, word in STATUS_WORDS.items() if plain(word) and mark is not Status.NONE
    }
    return lambda text: plain(text) or text in words


def _glob(pattern: str) -> str:
    return "".join(
        ".*" if char == "*" else "." if char == "?" else re.escape(char) for char in pattern
    )


def subtree_ids(case: Case, root: str) -> set[str] | None:
    """The node, everything that supports it (SupportedBy, all the way down), and the
    contexts, assumptions and justifications of each; None when there is no such node."""
    if root not in case:
        return None
    nodes = case.index()
    supports: dict[str, list[str]] = {}
    contexts: dict[str, list[str]] = {}
    for link in case.links:
        source, target = nodes.get(link.source), nodes.get(link.target)
        if source is None or target is None or not is_allowed(link.kind, source.type, target.type):
            continue
        if link.kind is LinkKind.SUPPORTED_BY:
            supports.setdefault(link.source, []).append(link.target)
        elif link.kind is LinkKind.IN_CONTEXT_OF:
            contexts.setdefault(link.source, []).append(link.target)
    found = {root}
    stack = [root]
    while stack:
        for child in supports.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    for node_id in list(found):
        found.update(contexts.get(node_id, ()))
    return found


_NO_OWNERS: frozenset[str] = frozenset()


class Owners:
    """Who answers for each element: a goal's own owner, else the owners of the nearest goals
    above it that have one (along SupportedBy, and InContextOf for contextual elements).
    Worked out for the elements a query asks about, and remembered for the rest of it."""

    def __init__(self, case: Case) -> None:
        self.nodes = case.index()
        self.parents: dict[str, list[str]] = {}
        for link in case.links:
            if link.kind is LinkKind.CHALLENGES:
                continue
            target = self.nodes.get(link.target)
            if target is None or link.source not in self.nodes:
                continue
            if link.kind is LinkKind.IN_CONTEXT_OF and target.type not in CONTEXTUAL:
                continue
            self.parents.setdefault(link.target, []).append(link.source)
        self.known: dict[str, frozenset[str]] = {}

    def of(self, node_id: str) -> frozenset[str]:
        known = self.known.get(node_id)
        if known is not None:
            return known
        nodes, parents, known_all = self.nodes, self.parents, self.known
        # Depth first up the parents, filling in each node once all its parents are known;
        # a node on a cycle takes what its other parents give (the cycle is reported elsewhere).
        stack: list[tuple[str, int]] = [(node_id, 0)]
        visiting = {node_id}
        while stack:
            current, next_parent = stack[-1]
            own = nodes[current].owner
            above = parents.get(current, ())
            if own or next_parent >= len(above):
                stack.pop()
                visiting.discard(current)
                if own:
                    known_all[current] = frozenset((own,))
                elif len(above) == 1:  # most elements: share the parent's set
                    known_all[current] = known_all.get(above[0], _NO_OWNERS)
                else:
                    known_all[current] = _NO_OWNERS.union(
                        *(known_all.get(parent, _NO_OWNERS) for parent in above)
                    )
                continue
            stack[-1] = (current, next_parent + 1)
            parent = above[next_parent]
            if parent not in known_all and parent not in visiting:
                visiting.add(parent)
                stack.append((parent, 0))
        return known_all[node_id]
