"""Assurance claim points (GSN confidence extension): what each ACP's confidence argument
does to the element or link it sits on.

An ACP asks "can this step be trusted?"; its confidence argument answers. When that argument
is undeveloped, weakened or defeated (or missing), the element under the ACP is weakened: the
claim may still hold, but the case gives no good reason to trust that step.
"""

from __future__ import annotations

from gsn_studio.analysis.assurance import NodeAssurance
from gsn_studio.analysis.defeaters import Effect
from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.analysis.levels import Level
from gsn_studio.model import Case
from gsn_studio.model.patterns import AssuranceClaimPoint

_LOWERING = frozenset({Level.UNDEVELOPED, Level.WEAKENED, Level.DEFEATED})


def effects(case: Case, assurance: dict[str, NodeAssurance]) -> list[Effect]:
    """One weakening per ACP whose confidence argument is not sound, on what it sits on (for
    an ACP on a link: the link's source, the claim that relies on that step)."""
    found: list[Effect] = []
    for acp in case.acps:
        if acp.node not in case or (acp.to is not None and acp.to not in case):
            continue  # reported by `findings`
        state = _confidence_state(case, acp, assurance)
        if state:
            text = f"confidence {acp.name} on {acp.describe_place()} {state}"
            found.append(Effect(acp.node, Level.WEAKENED, acp.name, text))
    return found


def _confidence_state(
    case: Case, acp: AssuranceClaimPoint, assurance: dict[str, NodeAssurance]
) -> str:
    if acp.module:
        return ""  # a module's confidence argument is judged in the whole modular case
    if not acp.confidence:
        return "has no confidence argument"
    status = assurance.get(acp.confidence)
    if status is None or status.status not in _LOWERING:
        return ""
    return f"is {status.status.value}"


def findings(case: Case) -> list[Finding]:
    found: list[Finding] = []
    for acp in case.acps:
        place = acp.describe_place()
        if acp.node not in case or (acp.to is not None and acp.to not in case):
            problem = "it sits on something that is not in the case"
        elif acp.to is not None and not any(
            link.source == acp.node and link.target == acp.to for link in case.links
        ):
            problem = f"there is no link {place}"
        elif acp.confidence and acp.confidence not in case:
            problem = f"its confidence argument {acp.confidence} is not in the case"
        else:
            continue
        found.append(
            Finding("acp-dangling", Severity.ERROR, acp.node, f"{acp.name} on {place}: {problem}")
        )
    return found
