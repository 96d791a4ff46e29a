"""Owners: who stands behind each claim, and which of it no longer holds."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from gsn_studio.analysis.assurance import NodeAssurance
from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.analysis.levels import Level
from gsn_studio.model import Case, LinkKind, NodeType

NO_OWNER = ""


def claims_needing_owners(case: Case, top_claims: Iterable[str]) -> list[str]:
    """The top claims and every goal directly under a strategy, in node order."""
    nodes = case.index()
    wanted = set(top_claims)
    for link in case.links:
        source, target = nodes.get(link.source), nodes.get(link.target)
        if (
            link.kind is LinkKind.SUPPORTED_BY
            and source is not None
            and target is not None
            and source.type is NodeType.STRATEGY
            and target.type is NodeType.GOAL
        ):
            wanted.add(target.id)
    return [node.id for node in case.nodes if node.id in wanted]


def unowned(case: Case, top_claims: Iterable[str]) -> Iterator[Finding]:
    """`unowned-claim` for each of those claims that has no owner."""
    for node_id in claims_needing_owners(case, top_claims):
        if not case.node(node_id).owner:
            yield Finding(
                "unowned-claim",
                Severity.WARNING,
                node_id,
                f"{node_id} has no owner: name the person who stands behind it and answers "
                "for it at management review",
            )


@dataclass(frozen=True, slots=True)
class OwnedClaim:
    node: str
    statement: str
    status: Level


@dataclass(frozen=True, slots=True)
class OwnerGroup:
    owner: str
    """The owner's name, or "" for claims nobody owns."""
    claims: tuple[OwnedClaim, ...]

    @property
    def not_holding(self) -> tuple[OwnedClaim, ...]:
        """The claims whose status is worse than supported."""
        return tuple(c for c in self.claims if c.status is not Level.SUPPORTED)


def by_owner(case: Case, assurance: Mapping[str, NodeAssurance]) -> list[OwnerGroup]:
    """Each owner's goals with their status, owners in the order they first appear; the goals
    nobody owns come last."""
    groups: dict[str, list[OwnedClaim]] = {}
    for node in case.nodes:
        if node.type is not NodeType.GOAL or node.id not in assurance:
            continue
        claim = OwnedClaim(node.id, node.statement, assurance[node.id].status)
        groups.setdefault(node.owner or NO_OWNER, []).append(claim)
    ordered = sorted(groups.items(), key=lambda item: item[0] == NO_OWNER)
    return [OwnerGroup(owner, tuple(claims)) for owner, claims in ordered]
