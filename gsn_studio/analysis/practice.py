"""The practice checks a case asks for (its settings, plus owners when the caller requires
them): operational claims, degradation conditions and owners, in one list for `assess`."""

from __future__ import annotations

from collections.abc import Iterable

from gsn_studio.analysis.findings import Finding
from gsn_studio.analysis.survey import Survey
from gsn_studio.model import Case


def enabled_checks(case: Case, require_owners: bool = False) -> frozenset[str]:
    """The case's own choice (none until it adopts the practice), plus owners on request."""
    chosen = set(case.practice.checks if case.practice is not None else ())
    if require_owners:
        chosen.add("unowned-claim")
    return frozenset(chosen)


def findings(
    case: Case, links: Survey, top_claims: Iterable[str], require_owners: bool = False
) -> list[Finding]:
    chosen = enabled_checks(case, require_owners)
    if not chosen:
        return []  # most cases: the checks' modules are not even imported
    from gsn_studio.analysis import claims, degradation, owners  # noqa: PLC0415

    tops = list(top_claims)
    found: list[Finding] = []
    if "claim-not-operational" in chosen:
        found += claims.not_operational(case)
    if "vague-claim" in chosen:
        terms = case.practice.vague_terms if case.practice is not None else ()
        found += claims.vague_claims(case, links.support, terms)
    if "no-degradation-condition" in chosen:
        found += degradation.missing_conditions(case, tops)
    if "undetected-condition" in chosen:
        found += degradation.undetected(case)
    if "unowned-claim" in chosen:
        found += owners.unowned(case, tops)
    return found
