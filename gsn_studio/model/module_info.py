"""What a module file says about itself: its id, owner, the modules it uses and its contracts.

It lives on the `Case` a module file holds, so that a module opened and saved on its own keeps
its header; `modules.ModularCase` puts modules together into one case.
"""

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from gsn_studio.model.nodes import ID_PATTERN, ID_RULE, Citation
from gsn_studio.model.text import clean_text


class Contract(BaseModel):
    """The standard's inter-module contract: a goal of one module is supported by goals of
    others. gsn2x's `extends: [{module, develops: {G1: [G2]}}]` is one such record."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    claim: Citation
    support: tuple[Citation, ...]

    @model_validator(mode="after")
    def _check(self) -> "Contract":
        if not self.claim.element or not all(cited.element for cited in self.support):
            raise ValueError("a contract joins elements: each end names a module and an element")
        if not self.support:
            raise ValueError(f"the contract for {self.claim.describe()} names no support")
        return self


class ModuleInfo(BaseModel):
    """A module's header. `uses` are the files of the modules it uses, relative to its own."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    id: str
    owner: str = ""
    uses: tuple[str, ...] = ()
    contracts: tuple[Contract, ...] = ()

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError(f"module id {value!r} {ID_RULE}")
        return value

    @field_validator("owner")
    @classmethod
    def _clean(cls, value: str) -> str:
        return clean_text(value)

    @field_validator("uses")
    @classmethod
    def _check_uses(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for used in value:
            if not used.strip() or "\\" in used or used.startswith("/") or ":" in used[:3]:
                raise ValueError(
                    f"uses {used!r}: a module names another by a relative path with '/' "
                    "(for example fairness.gsnx or parts/supplier.gsnx)"
                )
        return value
