"""Degradation conditions: the top claim and every load-bearing claim say under what conditions
they would stop holding, and each condition says how it would be noticed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.model import Case, DegradationCondition, Node, NodeType


def missing_conditions(case: Case, top_claims: Iterable[str]) -> Iterator[Finding]:
    """`no-degradation-condition` for a top claim or a load-bearing claim that names none."""
    tops = set(top_claims)
    for node in case.nodes:
        if node.type is not NodeType.GOAL or node.degradation:
            continue
        if node.id in tops or node.load_bearing:
            role = "the top claim" if node.id in tops else "a load-bearing claim"
            yield Finding(
                "no-degradation-condition",
                Severity.WARNING,
                node.id,
                f"{node.id} is {role} but names no condition under which it would stop "
                "holding: add degradation conditions (a distribution shift, a changed user "
                "population, a model update, new regulation, degraded upstream data...), each "
                "with how it is detected",
            )


def detection_problem(case: Case, condition: DegradationCondition) -> str:
    """Why a condition would go unnoticed, or "" when something detects it."""
    if not condition.has_detection():
        return "nothing detects it"
    problems = []
    if condition.monitor:
        monitor = case.get(condition.monitor)
        if monitor is None:
            problems.append(f"its monitor {condition.monitor} does not exist")
        elif monitor.evidence is None or monitor.evidence.measure is None:
            problems.append(f"its monitor {condition.monitor} has no measured evidence")
    if condition.defeater:
        defeater = case.get(condition.defeater)
        if defeater is None or not defeater.is_counter:
            problems.append(f"its defeater {condition.defeater} is not a counter claim")
    working = (
        (condition.monitor and not any("monitor" in p for p in problems))
        or condition.review_days
        or (condition.defeater and not any("defeater" in p for p in problems))
    )
    return "" if working else "; ".join(problems)


def undetected(case: Case) -> Iterator[Finding]:
    """`undetected-condition` for each condition with no working way of detecting it."""
    for node in case.nodes:
        for number, condition in enumerate(node.degradation, start=1):
            problem = detection_problem(case, condition)
            if problem:
                yield _undetected(node, number, condition, problem)


def _undetected(node: Node, number: int, condition: DegradationCondition, why: str) -> Finding:
    return Finding(
        "undetected-condition",
        Severity.WARNING,
        node.id,
        f"{node.id} condition {number} ('{condition.statement}'): {why}; say how it is "
        "detected: a solution with a monitored measure, a review interval, or a defeater "
        "kept open until it is refuted",
    )
