"""Checks of pattern notation: a pattern's parameters, multiplicities and choices, and the
roles an instance leaves uninstantiated."""

from __future__ import annotations

from collections.abc import Iterable

from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.model import Case, Link, LinkKind, Node
from gsn_studio.model.patterns import Choice, MultiplicityKind, ParameterType, parameters_in


def findings(case: Case) -> list[Finding]:
    if case.pattern is not None:
        return [*_parameters(case), *_links(case)]
    return [*uninstantiated(case.nodes), *notation_outside_pattern(case.links)]


def _parameters(case: Case) -> list[Finding]:
    # Instantiation is imported for a case that is a pattern only: not on every check's start.
    from gsn_studio.model.instantiation import parameters_of  # noqa: PLC0415

    info = case.pattern
    assert info is not None
    found: list[Finding] = []
    used: set[str] = set()
    for node in case.nodes:
        for name in dict.fromkeys(parameters_of(node)):
            used.add(name)
            if info.parameter(name) is None:
                found.append(
                    Finding(
                        "undeclared-parameter",
                        Severity.ERROR,
                        node.id,
                        f"{node.id} names the parameter {{{name}}}, which the pattern does not "
                        "declare",
                    )
                )
    for link in case.links:
        if link.multiplicity is not None and link.multiplicity.over:
            used.add(link.multiplicity.over)
    found.extend(
        Finding(
            "unused-parameter",
            Severity.WARNING,
            None,
            f"the pattern declares the parameter {parameter.name}, but nothing uses it",
        )
        for parameter in info.parameters
        if parameter.name not in used
    )
    return found


def _links(case: Case) -> list[Finding]:
    info = case.pattern
    assert info is not None
    found: list[Finding] = []
    choices: dict[str, list[tuple[str, Choice]]] = {}
    for link in case.links:
        where = f"{link.source} → {link.target}"
        multiplicity = link.multiplicity
        if multiplicity is not None:
            problem = ""
            if link.kind is LinkKind.CHALLENGES:
                problem = "a challenge cannot have a multiplicity"
            elif multiplicity.over:
                parameter = info.parameter(multiplicity.over)
                if parameter is None:
                    problem = f"it is over {multiplicity.over}, which the pattern does not declare"
                elif parameter.type is not ParameterType.LIST:
                    problem = f"it is over {multiplicity.over}, which is not a list parameter"
            elif multiplicity.kind is not MultiplicityKind.OPTIONAL and multiplicity.count < 1:
                problem = "a multiplicity of n needs n of at least 1 (optional is zero or one)"
            if problem:
                found.append(
                    Finding(
                        "multiplicity-misplaced",
                        Severity.ERROR,
                        link.source,
                        f"multiplicity on {where}: {problem}",
                    )
                )
        if link.choice is not None:
            if link.kind is not LinkKind.SUPPORTED_BY:
                found.append(
                    Finding(
                        "choice-misplaced",
                        Severity.ERROR,
                        link.source,
                        f"choice on {where}: only SupportedBy links split into a choice",
                    )
                )
            else:
                choices.setdefault(link.source, []).append((link.target, link.choice))
    for source, options in choices.items():
        rules = {rule for _, rule in options}
        problem = ""
        if len(rules) > 1:
            problem = "its links give different numbers to choose"
        elif len(options) < 2:
            problem = "a choice needs at least two links to choose between"
        else:
            rule = next(iter(rules))
            if rule.at_most > len(options):
                problem = f"it picks up to {rule.at_most} of only {len(options)} links"
        if problem:
            found.append(
                Finding(
                    "choice-misplaced",
                    Severity.ERROR,
                    source,
                    f"choice at {source}: {problem}",
                )
            )
    return found


def uninstantiated(nodes: Iterable[Node]) -> list[Finding]:
    """Elements of an instance still to be instantiated (in a case that is no pattern)."""
    found = []
    for node in nodes:
        if node.role is None and not node.uninstantiated:
            continue  # the usual element: nothing of a pattern left in it
        left = parameters_in(node.statement) if node.role is not None else []
        if node.uninstantiated or left:
            what = f" ({', '.join('{' + name + '}' for name in left)})" if left else ""
            found.append(
                Finding(
                    "uninstantiated-element",
                    Severity.WARNING,
                    node.id,
                    f"{node.id} is still to be instantiated{what}",
                )
            )
    return found


def notation_outside_pattern(links: Iterable[Link]) -> list[Finding]:
    return [
        Finding(
            "pattern-notation-in-case",
            Severity.ERROR,
            link.source,
            f"{link.source} → {link.target} has a multiplicity or choice, but the case is not a "
            "pattern (mark it as one, or instantiate the pattern)",
        )
        for link in links
        if link.multiplicity is not None or link.choice is not None
    ]
