"""Defeaters (GSN dialectic extension): what each challenge does to what it challenges.

An open challenge weakens its target; an accepted one defeats it; a refuted one does nothing,
as long as the evidence that refutes it still holds. A defeater that is itself defeated by an
accepted challenge no longer counts. A challenge to a link takes the support of the link's
child away from its parent, so it acts on the parent.
"""

from __future__ import annotations

from collections.abc import Iterator

from gsn_studio.analysis.evidence import Judgement
from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.analysis.levels import Level
from gsn_studio.model import Case, DefeaterStatus, Link, LinkKind, Node
from gsn_studio.model.records import record


@record
class Effect:
    """What one challenge does to the node it lands on."""

    target: str
    level: Level
    defeater: str
    text: str


@record
class Challenges:
    effects: tuple[Effect, ...]
    findings: tuple[Finding, ...]


def assess_challenges(
    case: Case, refutations: dict[str, Judgement], links: list[Link] | None = None
) -> Challenges:
    """What every challenge does; `links` as `Survey.challenges` gives them, when known."""
    nodes = case.index()
    challenges = links if links is not None else _challenges(case)
    against: dict[str, list[Link]] = {}
    for link in challenges:
        if link.via is None:
            against.setdefault(link.target, []).append(link)

    standing: dict[str, bool] = {}

    def stands(defeater_id: str, visiting: frozenset[str] = frozenset()) -> bool:
        """False when an accepted challenge that itself stands defeats this defeater."""
        if defeater_id in standing:
            return standing[defeater_id]
        if defeater_id in visiting:
            return True  # mutual defeat: neither side wins by default
        result = not any(
            nodes[link.source].defeater_status is DefeaterStatus.ACCEPTED
            and stands(link.source, visiting | {defeater_id})
            for link in against.get(defeater_id, ())
        )
        standing[defeater_id] = result
        return result

    effects: list[Effect] = []
    findings: list[Finding] = []
    for link in challenges:
        defeater = nodes[link.source]
        landing = _landing(case, link)
        if landing is None:
            continue  # a challenge to a link that does not exist: reported as dangling
        if not stands(defeater.id):
            continue
        effect, finding = _effect(defeater, link, landing, refutations.get(defeater.id))
        if effect is not None:
            effects.append(effect)
        if finding is not None:
            findings.append(finding)
    return Challenges(tuple(effects), tuple(findings))


def _landing(case: Case, link: Link) -> str | None:
    if link.via is None:
        return link.target
    challenged = case.link_between(link.via, link.target)
    return None if challenged is None else challenged.source


def _effect(
    defeater: Node, link: Link, landing: str, refutation: Judgement | None
) -> tuple[Effect | None, Finding | None]:
    what = link.describe_target()
    status = defeater.defeater_status
    if status is DefeaterStatus.ACCEPTED:
        text = f"{defeater.id} is accepted against {what}"
        return (
            Effect(landing, Level.DEFEATED, defeater.id, text),
            Finding("defeated", Severity.ERROR, landing, f"{landing} defeated: {text}"),
        )
    if status is DefeaterStatus.REFUTED:
        if refutation is None:
            text = f"{defeater.id} is marked refuted but names no refuting evidence"
            return (
                Effect(landing, Level.WEAKENED, defeater.id, text),
                Finding("refutation-missing", Severity.WARNING, defeater.id, text),
            )
        if refutation.weakening:
            text = (
                f"{defeater.id}'s refutation no longer holds "
                f"({'; '.join(refutation.weakening)}), so it challenges {what} again"
            )
            return (
                Effect(landing, Level.WEAKENED, defeater.id, text),
                Finding("refutation-lapsed", Severity.ERROR, defeater.id, text),
            )
        return None, None
    text = f"{defeater.id} challenges {what} and is still open"
    return (
        Effect(landing, Level.WEAKENED, defeater.id, text),
        Finding("open-defeater", Severity.WARNING, defeater.id, text),
    )


def _challenges(case: Case) -> list[Link]:
    nodes = case.index()
    return [
        link
        for link in case.links
        if link.kind is LinkKind.CHALLENGES and link.source in nodes and link.target in nodes
    ]


def dangling_challenges(case: Case, links: list[Link] | None = None) -> Iterator[Finding]:
    """Challenges naming a link that is not there (its nodes exist but are not joined);
    `links` as `Survey.challenges` gives the challenges, when known."""
    nodes = case.index()
    for link in links if links is not None else _challenges(case):
        if link.via is not None and (
            link.via not in nodes or case.link_between(link.via, link.target) is None
        ):
            yield Finding(
                "dangling-link",
                Severity.ERROR,
                link.source,
                f"{link.source} challenges {link.describe_target()}, but there is no such link",
            )
