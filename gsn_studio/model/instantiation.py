"""Instantiating an argument pattern: from a pattern module and parameter values, a case.

Multiplicities unroll (`each` into one branch per item of its list; `exactly`/`at-least` n
likewise over the list they name or their child names, refusing too few items or, for
`exactly`, a count other than n, and into n numbered copies without a list; `optional` into
one or none), choices resolve by the targets the values choose,
statements get their parameters filled, and every element keeps its pattern role. A role
whose parameters have no value stays as written, marked uninstantiated, for `check` to flag.
Instantiating again over a previous instance keeps what people added there: the evidence,
descriptions and positions of instantiated elements, their comments, and elements they added.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gsn_studio.model.case import Case, ModelError
from gsn_studio.model.evidence import Measure
from gsn_studio.model.links import Link, LinkKind
from gsn_studio.model.nodes import CONTEXTUAL, EVIDENTIAL, SUPPORTABLE, Node
from gsn_studio.model.patterns import (
    PARAMETER,
    MultiplicityKind,
    Parameter,
    ParameterType,
    RoleRef,
    parameters_in,
)

_SHAREABLE = EVIDENTIAL | CONTEXTUAL

Value = str | list[str]


@dataclass(frozen=True)
class Values:
    """What a pattern is instantiated with: a value per parameter (a list for a list
    parameter) and, per element with optional or choice links, the targets it keeps."""

    parameters: Mapping[str, Value] = field(default_factory=dict)
    choose: Mapping[str, Sequence[str]] = field(default_factory=dict)
    name: str = ""


class InstantiationError(ModelError):
    """Values that do not fit the pattern; the message names the parameter or element."""


def check_values(pattern: Case, values: Values) -> None:
    """Refuse values for parameters the pattern does not declare, or of the wrong shape."""
    info = pattern.pattern
    if info is None:
        raise InstantiationError("this case is not a pattern: it declares no parameters")
    for name, value in values.parameters.items():
        parameter = info.parameter(name)
        if parameter is None:
            declared = ", ".join(p.name for p in info.parameters) or "none"
            raise InstantiationError(
                f"the pattern has no parameter {name!r} (it declares: {declared})"
            )
        if parameter.type is ParameterType.TEXT and not isinstance(value, str):
            raise InstantiationError(f"parameter {name} takes one value, not a list")
    for source in values.choose:
        if source not in pattern:
            raise InstantiationError(f"choose names {source}, which is not in the pattern")


def _as_lists(pattern: Case, values: Values) -> Values:
    """One value given for a list parameter (one CSV row, one YAML scalar) is a list of one."""
    info = pattern.pattern
    assert info is not None
    parameters = {
        name: [value] if isinstance(value, str) and _is_list(info.parameter(name)) else value
        for name, value in values.parameters.items()
    }
    return Values(parameters, values.choose, values.name)


def _is_list(parameter: Parameter | None) -> bool:
    return parameter is not None and parameter.type is ParameterType.LIST


def instantiate(pattern: Case, values: Values, previous: Case | None = None) -> Case:
    """The instance of `pattern` for `values`; over `previous`, an update of that instance."""
    check_values(pattern, values)
    builder = _Builder(pattern, _as_lists(pattern, values))
    supported = {link.target for link in pattern.links if link.kind is not LinkKind.CHALLENGES}
    for node in pattern.nodes:
        if node.id not in supported:
            builder.visit(node.id, {}, ())
    instance = Case(
        name=values.name or _fill(pattern.name, builder.text_values())[0],
        description=pattern.description,
        nodes=builder.nodes,
        links=builder.links,
    )
    instance.acps = [
        acp.model_copy(update={"node": node, "to": to})
        for acp in pattern.acps
        for node in builder.made.get(acp.node, [])
        for to in ([None] if acp.to is None else _linked(instance, node, builder.made[acp.to]))
    ]
    return instance if previous is None else _keep_edits(instance, previous)


def _linked(instance: Case, source: str, targets: list[str]) -> list[str | None]:
    return [t for t in targets if any(link.target == t for link in _from(instance, source))]


def _from(case: Case, source: str) -> list[Link]:
    return [link for link in case.links if link.source == source]


class _Builder:
    def __init__(self, pattern: Case, values: Values) -> None:
        self.pattern = pattern
        self.values = values
        self.nodes: list[Node] = []
        self.links: list[Link] = []
        self.ids: dict[tuple[str, tuple[str, ...]], str] = {}
        self.taken: set[str] = set()
        self.made: dict[str, list[str]] = {}
        """Pattern role -> the elements made from it."""

    def text_values(self) -> dict[str, str]:
        return {
            name: value if isinstance(value, str) else ", ".join(value)
            for name, value in self.values.parameters.items()
        }

    def visit(self, role: str, binding: dict[str, str], items: tuple[str, ...]) -> str:
        original = self.pattern.node(role)
        if original.type in _SHAREABLE and not set(parameters_of(original)) & set(binding):
            items = ()  # evidence or context that names no item of its branch serves them all
        key = (role, items)
        if key in self.ids:
            return self.ids[key]
        new_id = role if not items else f"{role}_{'_'.join(items_index(items))}"
        new_id = _free(new_id, self.taken)
        self.taken.add(new_id)
        self.ids[key] = new_id
        bound = {**self.text_values(), **binding}
        statement, missing = _fill(original.statement, bound)
        record = original.model_dump()
        if record.get("evidence"):
            record["evidence"], unfilled = _fill_evidence(record["evidence"], bound)
            missing += unfilled
        record.update(
            id=new_id,
            statement=statement,
            uninstantiated=bool(missing),
            role=RoleRef(role=role, items=tuple(item for item, _ in items_pairs(items))),
            position=None,
        )
        try:
            node = Node.model_validate(record)
        except ValueError as error:
            raise InstantiationError(f"{role}: {_first_problem(error)}") from None
        self.nodes.append(node)
        self.made.setdefault(role, []).append(new_id)
        for link, branches in self._branches(role, binding, items):
            for branch_binding, branch_items in branches:
                child = self.visit(link.target, branch_binding, branch_items)
                made = Link(source=new_id, target=child, kind=link.kind)
                if made not in self.links:
                    self.links.append(made)
        return new_id

    def _branches(
        self, role: str, binding: dict[str, str], items: tuple[str, ...]
    ) -> list[tuple[Link, list[tuple[dict[str, str], tuple[str, ...]]]]]:
        links = [link for link in self.pattern.ordered_links() if link.source == role]
        links = [link for link in links if link.kind is not LinkKind.CHALLENGES]
        chosen = self._chosen(role, links)
        result = []
        for link in links:
            if link.target not in chosen:
                continue
            multiplicity = link.multiplicity
            branches: list[tuple[dict[str, str], tuple[str, ...]]] = [(binding, items)]
            if multiplicity is not None and multiplicity.kind is not MultiplicityKind.OPTIONAL:
                over = multiplicity.over or self._list_named_by(link.target, binding)
                listed = self.values.parameters.get(over) if over else None
                if isinstance(listed, list):
                    _check_count(link, over, len(listed))
                    branches = [
                        ({**binding, over: item}, (*items, _pair(n, item)))
                        for n, item in enumerate(listed, 1)
                    ]
                elif not over:  # nothing to unroll over: n numbered copies (the minimum)
                    branches = [
                        (binding, (*items, _pair(n, str(n))))
                        for n in range(1, multiplicity.count + 1)
                    ]
            result.append((link, branches))
        return result

    def _list_named_by(self, role: str, binding: dict[str, str]) -> str:
        """The one list parameter a child's statement names and no branch above binds."""
        names = [
            name
            for name in parameters_in(self.pattern.node(role).statement)
            if name not in binding and _is_list(_declared(self.pattern, name))
        ]
        return names[0] if len(names) == 1 else ""

    def _chosen(self, role: str, links: list[Link]) -> set[str]:
        """The targets kept: all but optional and choice links the values leave out."""
        picked = self.values.choose.get(role)
        choice = [link for link in links if link.choice is not None]
        kept = set()
        for link in links:
            optional = link.multiplicity is not None and link.multiplicity.hollow
            if link.choice is None and (not optional or picked is None or link.target in picked):
                kept.add(link.target)
        if choice:
            rule = choice[0].choice
            assert rule is not None
            options = [link.target for link in choice]
            if picked is None and rule.at_least == rule.at_most == len(options):
                picked = options
            taken = [target for target in options if picked is not None and target in picked]
            if picked is None or not rule.at_least <= len(taken) <= rule.at_most:
                raise InstantiationError(
                    f"the choice at {role} takes {rule.label()} {', '.join(options)}: "
                    f"say which under choose: {{{role}: [...]}}"
                )
            kept.update(taken)
        if picked is not None:
            unknown = [t for t in picked if t not in {link.target for link in links}]
            if unknown:
                raise InstantiationError(f"choose: {role} has no link to {unknown[0]}")
        return kept


def _declared(pattern: Case, name: str) -> Parameter | None:
    return None if pattern.pattern is None else pattern.pattern.parameter(name)


def _check_count(link: Link, over: str, given: int) -> None:
    """Refuse a list too short for "at least n", or not n long for "exactly n"."""
    multiplicity = link.multiplicity
    assert multiplicity is not None
    n = multiplicity.count
    if multiplicity.kind is MultiplicityKind.AT_LEAST and given < n:
        wanted = f"at least {n}"
    elif multiplicity.kind is MultiplicityKind.EXACTLY and given != n:
        wanted = f"exactly {n}"
    else:
        return
    raise InstantiationError(
        f"{link.source} → {link.target} takes {wanted} {{{over}}}: {given} given"
    )


_SEP = "\x1f"


def _pair(index: int, item: str) -> str:
    return f"{index}{_SEP}{item}"


def items_pairs(items: tuple[str, ...]) -> list[tuple[str, str]]:
    pairs = []
    for entry in items:
        index, _, item = entry.partition(_SEP)
        pairs.append((item, index))
    return pairs


def items_index(items: tuple[str, ...]) -> list[str]:
    return [index for _, index in items_pairs(items)]


def parameters_of(node: Node) -> list[str]:
    """The parameters an element names: in its statement and in its evidence (reference,
    measured metric and key)."""
    texts = [node.statement]
    if node.evidence is not None:
        texts.append(node.evidence.reference)
        if node.evidence.measure is not None:
            texts += [node.evidence.measure.metric, node.evidence.measure.key]
    return [name for text in texts for name in parameters_in(text)]


def _fill_evidence(
    evidence: dict[str, Any], values: Mapping[str, str]
) -> tuple[dict[str, Any], list[str]]:
    """A pattern solution's evidence with its parameters filled: the reference, and a
    measure whose metric names a parameter. A value written as a measured claim ("latency
    <= 800") gives the measure its comparison and threshold too."""
    missing: list[str] = []
    filled = dict(evidence)
    if filled.get("reference"):
        filled["reference"], unfilled = _fill(filled["reference"], values, capitalize=False)
        missing += unfilled
    measure = filled.get("measure")
    if measure and PARAMETER.search(measure["metric"]):
        metric, unfilled = _fill(measure["metric"], values, capitalize=False)
        key, _ = _fill(measure.get("key", ""), values, capitalize=False)
        missing += unfilled
        try:
            parsed = Measure.parse(metric, key="" if key == metric else key)
        except ValueError:
            filled["measure"] = {**measure, "metric": metric, "key": key}
        else:
            filled["measure"] = parsed.model_dump()
    return filled, missing


def _fill(text: str, values: Mapping[str, str], capitalize: bool = True) -> tuple[str, list[str]]:
    """The text with every parameter that has a value replaced, and those left without."""
    missing: list[str] = []

    def replace(match: object) -> str:
        name: str = match.group(1)  # type: ignore[attr-defined]
        if name in values:
            return values[name]
        missing.append(name)
        return match.group(0)  # type: ignore[attr-defined, no-any-return]

    filled = PARAMETER.sub(replace, text)
    if capitalize and text.startswith("{") and not missing:
        filled = filled[:1].upper() + filled[1:]  # "{system} is safe": "The pump is safe"
    return filled, missing


def _first_problem(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):
        return str(errors()[0].get("msg", error)).removeprefix("Value error, ")
    return str(error)


def _free(candidate: str, taken: set[str]) -> str:
    name, number = candidate, 1
    while name in taken:
        number += 1
        name = f"{candidate}~{number}"
    return name


def _keep_edits(instance: Case, previous: Case) -> Case:
    """Carry over from the previous instance what people did there after instantiating: an
    element made from the same role and item keeps its id, evidence, description, owner and
    position; elements added by hand stay with their links; comments stay where they were.
    A new element never takes an id the previous instance used, so no comment moves."""
    by_role = {node.role.key(): node for node in previous.nodes if node.role is not None}
    taken = {node.id for node in previous.nodes}
    final: dict[str, str] = {}
    nodes: list[Node] = []
    for node in instance.nodes:
        assert node.role is not None
        old = by_role.get(node.role.key())
        if old is None:
            new_id = node.id if node.id not in taken else _numbered(node.role.role, taken)
            taken.add(new_id)
            final[node.id] = new_id
            nodes.append(node.model_copy(update={"id": new_id}))
            continue
        final[node.id] = old.id
        kept: dict[str, Any] = {
            "id": old.id,
            # Evidence named there since wins; a solution still naming none takes the values'.
            "evidence": old.evidence if _names_evidence(old) else node.evidence,
            "refutation": old.refutation,
            "description": old.description or node.description,
            "position": old.position,
        }
        if node.type in SUPPORTABLE:
            kept["owner"] = old.owner or node.owner
        nodes.append(node.model_copy(update=kept))
    hand_made = {old.id for old in previous.nodes if old.role is None}
    nodes += [old for old in previous.nodes if old.id in hand_made]
    present = {node.id for node in nodes}
    links = [
        link.model_copy(update={"source": final[link.source], "target": final[link.target]})
        for link in instance.links
    ]
    links += [
        link
        for link in previous.links
        if (link.source in hand_made or link.target in hand_made)
        and {link.source, link.target} <= present
        and (link.via is None or link.via in present)
    ]
    acps = [
        acp.model_copy(
            update={"node": final[acp.node], "to": None if acp.to is None else final[acp.to]}
        )
        for acp in instance.acps
    ]
    acps += [acp for acp in previous.acps if acp.node in hand_made or acp.to in hand_made]
    return instance.model_copy(
        update={
            "nodes": nodes,
            "links": links,
            "acps": acps,
            "comments": list(previous.comments),
            "name": previous.name,
        }
    )


def _names_evidence(node: Node) -> bool:
    """Whether a previous instance's element names its evidence: not at all, or only the
    pattern's template still waiting for a value (`{audit_reference}`), do not count."""
    evidence = node.evidence
    if evidence is None:
        return False
    texts = [evidence.reference]
    if evidence.measure is not None:
        texts += [evidence.measure.metric, evidence.measure.key]
    if any(parameters_in(text) for text in texts):
        return False
    return bool(evidence.reference or evidence.measure)


def _numbered(role: str, taken: set[str]) -> str:
    number = 1
    while f"{role}_{number}" in taken:
        number += 1
    return f"{role}_{number}"
