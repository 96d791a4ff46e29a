"""GSN relationships and the rules for which node types they may join."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, field_validator

from gsn_studio.model.nodes import NodeType
from gsn_studio.model.patterns import Choice, Multiplicity
from gsn_studio.model.text import check_reference


class LinkKind(StrEnum):
    SUPPORTED_BY = "supportedBy"
    IN_CONTEXT_OF = "inContextOf"
    CHALLENGES = "challenges"
    """GSN v3 dialectic extension: a counter claim or counter evidence challenges an element,
    or the link between two elements."""


class Link(BaseModel):
    """A directed relationship from a node to the node that supports it or gives it context."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    source: str
    target: str
    kind: LinkKind
    via: str | None = None
    """Only for a challenge to a link: the link joins `via` and `target` (either way round),
    and it is that link, not the target node, that is challenged."""
    multiplicity: Multiplicity | None = None
    """Pattern notation, on a SupportedBy link: how many instances of the target."""
    choice: Choice | None = None
    """Pattern notation: this link is one branch of a choice at its source's link split."""

    @field_validator("source", "target", "via")
    @classmethod
    def _check_ends(cls, value: str | None) -> str | None:
        # An end may name no node (checks report it), but it must be able to be an id.
        return None if value is None else check_reference(value)

    @property
    def challenged_link(self) -> tuple[str, str] | None:
        return None if self.via is None else (self.via, self.target)

    def describe_target(self) -> str:
        return self.target if self.via is None else f"the link {self.via} → {self.target}"


_G, _S, _SN = NodeType.GOAL, NodeType.STRATEGY, NodeType.SOLUTION
_C, _A, _J = NodeType.CONTEXT, NodeType.ASSUMPTION, NodeType.JUSTIFICATION
_CG, _CSN = NodeType.COUNTER_GOAL, NodeType.COUNTER_SOLUTION
_CHALLENGEABLE = frozenset({_G, _S, _SN, _C, _A, _J, _CG, _CSN})

ALLOWED: dict[LinkKind, dict[NodeType, frozenset[NodeType]]] = {
    LinkKind.SUPPORTED_BY: {
        _G: frozenset({_G, _S, _SN}),
        _S: frozenset({_G}),
        # A counter argument is built like an argument, from counter claims and evidence.
        _CG: frozenset({_CG, _CSN, _S}),
    },
    LinkKind.IN_CONTEXT_OF: {
        _G: frozenset({_C, _A, _J}),
        _S: frozenset({_C, _A, _J}),
        _CG: frozenset({_C, _A, _J}),
    },
    LinkKind.CHALLENGES: {_CG: _CHALLENGEABLE, _CSN: _CHALLENGEABLE},
}

RULES: dict[LinkKind, str] = {
    LinkKind.SUPPORTED_BY: (
        "SupportedBy goes from a goal to a goal, strategy or solution, or from a strategy to a goal"
    ),
    LinkKind.IN_CONTEXT_OF: (
        "InContextOf goes from a goal or strategy to a context, assumption or justification"
    ),
    LinkKind.CHALLENGES: "only a counter claim or counter evidence challenges another element",
}


def is_allowed(kind: LinkKind, source_type: NodeType, target_type: NodeType) -> bool:
    """The quick test, without building a message: checks call it for every link."""
    return target_type in ALLOWED[kind].get(source_type, ())


def link_violation(
    kind: LinkKind, source_id: str, source_type: NodeType, target_id: str, target_type: NodeType
) -> str | None:
    """Why a link of this kind may not join these two nodes, or None when it may."""
    if target_type in ALLOWED[kind].get(source_type, frozenset()):
        return None
    return (
        f"{source_id} ({source_type}) cannot be {kind_phrase(kind)} {target_id} "
        f"({target_type}): {RULES[kind]}"
    )


_PHRASES = {
    LinkKind.SUPPORTED_BY: "supported by",
    LinkKind.IN_CONTEXT_OF: "in context of",
    LinkKind.CHALLENGES: "challenging",
}


def kind_phrase(kind: LinkKind) -> str:
    return _PHRASES[kind]


def kind_for(source_type: NodeType, target_type: NodeType, other: bool = False) -> LinkKind | None:
    """The link kind that joins these types, as an editor infers it from the two ends: the
    structural reading first (SupportedBy, else InContextOf), a challenge when nothing else
    may join them. Two kinds may join a pair only from a counter claim (onto a strategy, a
    contextual element or another counter claim: it builds the counter argument, or
    challenges); `other` picks the second of the two. None when no kind joins them."""
    allowed = [kind for kind in LinkKind if target_type in ALLOWED[kind].get(source_type, ())]
    if not allowed:
        return None
    return allowed[1] if other and len(allowed) > 1 else allowed[0]
