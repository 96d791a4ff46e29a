"""GSN elements: the node types of the GSN Community Standard v3 and their data."""

import math
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from gsn_studio.model import text
from gsn_studio.model.evidence import Evidence
from gsn_studio.model.patterns import RoleRef
from gsn_studio.model.practice import DegradationCondition
from gsn_studio.model.text import check_reference, clean_extras, clean_text
from gsn_studio.model.traces import Acceptance, Trace

ID_PATTERN = text.ID_PATTERN
ID_RULE = text.ID_RULE
"""The one rule for ids, with the text rules (patterns and modules share it)."""


class NodeType(StrEnum):
    GOAL = "Goal"
    STRATEGY = "Strategy"
    SOLUTION = "Solution"
    CONTEXT = "Context"
    ASSUMPTION = "Assumption"
    JUSTIFICATION = "Justification"
    # Dialectic extension (GSN v3 section 1:7), as gsn2x writes them.
    COUNTER_GOAL = "CounterGoal"
    COUNTER_SOLUTION = "CounterSolution"


ID_PREFIXES: dict[NodeType, str] = {
    NodeType.GOAL: "G",
    NodeType.STRATEGY: "S",
    NodeType.SOLUTION: "Sn",
    NodeType.CONTEXT: "C",
    NodeType.ASSUMPTION: "A",
    NodeType.JUSTIFICATION: "J",
    NodeType.COUNTER_GOAL: "CG",
    NodeType.COUNTER_SOLUTION: "CSn",
}

# Longest prefix first, so that "Sn1" is a solution and "CSn1" a counter solution.
_PREFIX_ORDER = sorted(ID_PREFIXES.items(), key=lambda item: -len(item[1]))

SUPPORTABLE = frozenset({NodeType.GOAL, NodeType.STRATEGY, NodeType.COUNTER_GOAL})
"""Types that can be supported by other nodes and so can carry the undeveloped decorator."""

CONTEXTUAL = frozenset({NodeType.CONTEXT, NodeType.ASSUMPTION, NodeType.JUSTIFICATION})
EVIDENTIAL = frozenset({NodeType.SOLUTION, NodeType.COUNTER_SOLUTION})
COUNTER = frozenset({NodeType.COUNTER_GOAL, NodeType.COUNTER_SOLUTION})


def type_from_id(node_id: str) -> NodeType | None:
    """The type that an id's conventional prefix implies (gsn2x's rule), if any."""
    for node_type, prefix in _PREFIX_ORDER:
        if node_id.startswith(prefix):
            return node_type
    return None


MAX_COORDINATE = 1e9
"""The file schema's bound: far beyond any diagram, and safe for every renderer."""


class Position(BaseModel):
    """Where a node's centre sits on the diagram, in points."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    x: float
    y: float

    @field_validator("x", "y")
    @classmethod
    def _round(cls, value: float) -> float:
        # Two decimals keep files small and make save/load an exact round trip.
        if not math.isfinite(value) or abs(value) > MAX_COORDINATE:
            raise ValueError(f"a position must be a number between ±{MAX_COORDINATE:g}")
        return round(value, 2)


class DefeaterStatus(StrEnum):
    """Where a challenge stands: a counter claim or counter evidence that challenges an element."""

    OPEN = "open"
    REFUTED = "refuted"
    """Shown not to hold, by the evidence in the defeater's `refutation`."""
    ACCEPTED = "accepted"
    """Agreed to hold: what it challenges is defeated."""


JsonValue = Any
"""A value that came from YAML or JSON: str, int, float, bool, None, list or dict of them."""


class Citation(BaseModel):
    """What an away element cites: an element of another module, by the module's id and the
    element's id there. Without an element it cites the whole module (a module reference)."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    module: str
    element: str = ""

    @field_validator("module", "element")
    @classmethod
    def _check_token(cls, value: str) -> str:
        if value and not ID_PATTERN.match(value):
            raise ValueError(f"{value!r} {ID_RULE}")
        return value

    def describe(self) -> str:
        return f"module {self.module}" if not self.element else f"{self.element} in {self.module}"


CITING = frozenset(
    {
        NodeType.GOAL,
        NodeType.SOLUTION,
        NodeType.CONTEXT,
        NodeType.ASSUMPTION,
        NodeType.JUSTIFICATION,
    }
)
"""The standard's away elements: there is no away strategy (GSN v3, modular extension)."""


_GOAL, _OPEN = NodeType.GOAL, DefeaterStatus.OPEN
"""Read by the node validator: a member read from its enum class goes through the class's
__getattr__ (Python 3.11's EnumType), eight times the time of a global."""


class Node(BaseModel):
    """One GSN element. Fields that a type does not have must stay at their defaults."""

    model_config = ConfigDict(defer_build=True, extra="forbid", validate_assignment=True)

    id: str
    type: NodeType
    statement: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    owner: str = ""
    undeveloped: bool = False
    evidence: Evidence | None = None
    defeater_status: DefeaterStatus = DefeaterStatus.OPEN
    refutation: Evidence | None = None
    """For a refuted defeater: the evidence that shows it does not hold."""
    position: Position | None = None
    folded: bool = False
    """Diagram state, kept with the position: what hangs below this node is folded away.
    No check reads it; folding changes the view of the argument, not the argument."""
    public: bool = False
    """The standard's public indicator: other modules may cite this element."""
    cites: Citation | None = None
    """Set on an away element: the element of another module it stands for."""
    load_bearing: bool = False
    """A claim the argument rests on: it needs degradation conditions as the top claim does."""
    degradation: tuple[DegradationCondition, ...] = ()
    """The conditions under which this claim would stop holding (goals only)."""
    uninstantiated: bool = False
    """Pattern notation: the element's parameters are still to be given values."""
    role: RoleRef | None = None
    """On an instantiated element: the pattern role it was made from."""
    traces: tuple[Trace, ...] = ()
    """Items of the case's trace sets (hazards, requirements, clauses) this element argues."""
    acceptance: Acceptance | None = None
    """An assessor's acceptance of this element and its subtree, as it was then."""
    extras: dict[str, JsonValue] = Field(default_factory=dict)
    """Keys from other formats that GSN Studio does not model, kept so they survive a save."""
    foreign_xml: tuple[str, ...] = ()
    """Elements of other XML namespaces found inside this node in a .gsnx file, verbatim."""
    foreign_attributes: dict[str, str] = Field(default_factory=dict)
    """Attributes of other XML namespaces (Clark notation keys), verbatim."""

    @field_validator("statement", "description", "owner")
    @classmethod
    def _clean(cls, value: str) -> str:
        return clean_text(value)

    @field_validator("tags")
    @classmethod
    def _clean_tags(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(clean_text(tag) for tag in value)

    @field_validator("extras")
    @classmethod
    def _clean_extras(cls, value: dict[str, JsonValue]) -> dict[str, JsonValue]:
        return clean_extras(value)

    @field_validator("evidence", "refutation")
    @classmethod
    def _drop_empty_evidence(cls, value: Evidence | None) -> Evidence | None:
        return None if value is not None and value.is_empty() else value

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        return check_reference(value)

    @model_validator(mode="after")
    def _check_type_fields(self) -> "Node":
        # The fields, read from the instance's dict: an attribute read of each goes through
        # pydantic's __getattr__ hook, and this runs for each of a large case's 10,000 nodes.
        fields = self.__dict__
        node_id, node_type = fields["id"], fields["type"]
        if fields["owner"] and node_type is not _GOAL:
            raise ValueError(f"{node_id}: only goals have an owner, not {_a(node_type)}")
        if (fields["degradation"] or fields["load_bearing"]) and node_type is not _GOAL:
            raise ValueError(
                f"{node_id}: only goals have degradation conditions, not {_a(node_type)}"
            )
        if fields["undeveloped"] and node_type not in SUPPORTABLE:
            raise ValueError(
                f"{node_id}: only goals and strategies can be undeveloped, not {_a(node_type)}"
            )
        if fields["evidence"] is not None and node_type not in EVIDENTIAL:
            raise ValueError(f"{node_id}: only solutions carry evidence, not {_a(node_type)}")
        if node_type not in COUNTER:
            if fields["defeater_status"] is not _OPEN:
                raise ValueError(
                    f"{node_id}: only counter claims and counter evidence are defeaters with "
                    f"a status, not {_a(node_type)}"
                )
            if fields["refutation"] is not None:
                raise ValueError(f"{node_id}: only a defeater has a refutation")
        if fields["cites"] is not None:
            self._check_citation(fields["cites"])
        return self

    def _check_citation(self, cites: Citation) -> None:
        if self.type not in CITING:
            raise ValueError(
                f"{self.id}: only goals, solutions, contexts, assumptions and justifications "
                f"can be away elements, not {_a(self.type)}"
            )
        if not cites.element and self.type not in (NodeType.GOAL, NodeType.CONTEXT):
            raise ValueError(
                f"{self.id}: a whole module is cited by a goal (supported by the module) or a "
                f"context (in the context of the module), not by {_a(self.type)}"
            )
        if self.undeveloped:
            raise ValueError(f"{self.id}: an away element is developed in its home module")

    @property
    def is_away(self) -> bool:
        return self.cites is not None and bool(self.cites.element)

    @property
    def is_module_reference(self) -> bool:
        """A module reference node: an argument supported by, or in the context of, a module."""
        return self.cites is not None and not self.cites.element

    @property
    def is_counter(self) -> bool:
        return self.type in COUNTER


def _a(node_type: NodeType) -> str:
    return f"{'an' if node_type.value[0] in 'AEIOU' else 'a'} {node_type.value}"
