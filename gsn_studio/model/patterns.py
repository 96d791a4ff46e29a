"""GSN v3 argument patterns and assurance claim points, as plain data.

A pattern is a module (a case) marked as a pattern: it declares its parameters, its statements
name them in braces (`{system}`), its SupportedBy links may carry a multiplicity or belong to a
choice, and its elements may be marked uninstantiated. An instance keeps, on every element,
the pattern role it was made from. Assurance claim points (the confidence extension) sit on an
element or a link and name the confidence argument about it.
"""

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from gsn_studio.model.text import ID_PATTERN, ID_RULE

PARAMETER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_-]*)\}")
"""A role's parameter inside a statement: `{system}`, `{attribute}`."""


def parameters_in(text: str) -> list[str]:
    """The parameters a statement names, in order, each once."""
    return list(dict.fromkeys(PARAMETER.findall(text)))


class ParameterType(StrEnum):
    TEXT = "text"
    """One value: the system, the standard, a threshold."""
    LIST = "list"
    """Several values: what a multiplicity `each` unrolls over (one branch per item)."""


class Parameter(BaseModel):
    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    name: str
    type: ParameterType = ParameterType.TEXT
    description: str = ""

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        if not PARAMETER.fullmatch(f"{{{value}}}"):
            raise ValueError(f"parameter {value!r} must be a name of letters, digits, '_' or '-'")
        return value


class PatternInfo(BaseModel):
    """What marks a module as a pattern: the parameters it declares."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    parameters: tuple[Parameter, ...] = ()

    @model_validator(mode="after")
    def _unique(self) -> "PatternInfo":
        names = [parameter.name for parameter in self.parameters]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"parameter {repeated[0]} is declared twice")
        return self

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


class MultiplicityKind(StrEnum):
    EXACTLY = "exactly"
    """n instances of the child (a solid ball labelled n): one per item of its list, which
    must hold n items; without a list, n numbered copies."""
    AT_LEAST = "at-least"
    """n or more (a solid ball labelled "n+"): one per item of its list, which must hold at
    least n (fewer is refused, naming the link and n); without a list, the minimum n."""
    OPTIONAL = "optional"
    """Zero or one (a hollow ball)."""
    EACH = "each"
    """One per item of a list parameter (a solid ball labelled with the list)."""


class Multiplicity(BaseModel):
    """The standard's multiplicity on a SupportedBy link of a pattern."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    kind: MultiplicityKind
    count: int = 1
    over: str = ""
    """The list parameter it unrolls over: required for `each`; for `exactly` and `at-least`,
    when empty, the list parameter the child's statement names (if one)."""

    @model_validator(mode="after")
    def _check(self) -> "Multiplicity":
        if self.count < 0 or self.count > 1000:
            raise ValueError("a multiplicity counts from 0 to 1000")
        if self.kind is MultiplicityKind.EACH and not self.over:
            raise ValueError("a multiplicity 'each' names the list it is over")
        if self.kind is MultiplicityKind.OPTIONAL and self.over:
            raise ValueError("an optional link is zero or one: it is over no list")
        return self

    def label(self) -> str:
        """The text drawn beside the ball."""
        if self.kind is MultiplicityKind.EACH:
            return f"each {{{self.over}}}"
        over = f" {{{self.over}}}" if self.over else ""
        if self.kind is MultiplicityKind.AT_LEAST:
            return f"{self.count}+{over}"
        if self.kind is MultiplicityKind.EXACTLY:
            return f"{self.count}{over}"
        return ""

    @property
    def hollow(self) -> bool:
        return self.kind is MultiplicityKind.OPTIONAL


class Choice(BaseModel):
    """A link split with a choice: at least `at_least` and at most `at_most` of the links from
    one source marked with the same choice are instantiated ("m of n")."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    at_least: int = 1
    at_most: int = 1

    @model_validator(mode="after")
    def _check(self) -> "Choice":
        if not 0 <= self.at_least <= self.at_most:
            raise ValueError("a choice picks at least m and at most n links, with 0 <= m <= n")
        return self

    def label(self) -> str:
        if self.at_least == self.at_most:
            return f"{self.at_most} of"
        return f"{self.at_least}..{self.at_most} of"


class RoleRef(BaseModel):
    """On an instantiated element: the pattern role it was made from, and the list items that
    chose its branch (one per `each` multiplicity above it), which tell copies apart."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    role: str
    items: tuple[str, ...] = ()

    def key(self) -> tuple[str, tuple[str, ...]]:
        return (self.role, self.items)


class AssuranceClaimPoint(BaseModel):
    """An ACP: on the element `node`, or with `to` on the link from `node` to `to`. Its
    confidence argument is a goal of the same case or, with `module`, of that module
    (empty element: the module's top goals). gsn2x writes `acp: {ACP1: S1}` under G1."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    name: str
    node: str
    to: str | None = None
    confidence: str = ""
    module: str = ""

    @field_validator("name", "node", "to", "confidence", "module")
    @classmethod
    def _check_token(cls, value: str | None) -> str | None:
        if value and not ID_PATTERN.match(value):
            raise ValueError(f"{value!r} {ID_RULE}")
        return value

    def describe_place(self) -> str:
        return self.node if self.to is None else f"{self.node} → {self.to}"
