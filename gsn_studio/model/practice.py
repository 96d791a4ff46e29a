"""The assurance practice around a claim: the conditions under which it would stop holding
(each with how it is detected), and the per-case settings of the practice checks."""

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, field_validator

from gsn_studio.model.evidence import MAX_REVIEW_DAYS
from gsn_studio.model.text import clean_text


class ConditionKind(StrEnum):
    """The usual ways a decision system drifts out from under its argument."""

    DISTRIBUTION_SHIFT = "distribution-shift"
    POPULATION_CHANGE = "population-change"
    MODEL_UPDATE = "model-update"
    REGULATION = "regulation"
    UPSTREAM_DATA = "upstream-data"
    OTHER = "other"


class DegradationCondition(BaseModel):
    """A condition under which a claim would stop holding, and how anyone would notice.

    Detection is any of: `monitor`, a solution whose evidence has a measure that a monitoring
    job keeps current; `review_days`, a review at that interval (last done on `reviewed`);
    `defeater`, a counter claim that stays open against the claim until it is refuted."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    statement: str
    kind: ConditionKind = ConditionKind.OTHER
    monitor: str = ""
    review_days: int | None = None
    reviewed: dt.date | None = None
    defeater: str = ""

    @field_validator("statement", "monitor", "defeater")
    @classmethod
    def _clean(cls, value: str) -> str:
        return clean_text(value).strip()

    @field_validator("review_days")
    @classmethod
    def _check_days(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= MAX_REVIEW_DAYS:
            raise ValueError(f"a review interval is 1 to {MAX_REVIEW_DAYS} days, not {value}")
        return value

    def has_detection(self) -> bool:
        return bool(self.monitor or self.review_days or self.defeater)

    def detection_text(self) -> str:
        """How it is detected, in a few words, for panels, tables and findings."""
        parts = []
        if self.monitor:
            parts.append(f"monitored by {self.monitor}")
        if self.review_days:
            parts.append(f"reviewed every {self.review_days} days")
        if self.defeater:
            parts.append(f"watched by defeater {self.defeater}")
        return ", ".join(parts) or "not detected"


PRACTICE_CHECKS = (
    "claim-not-operational",
    "vague-claim",
    "no-degradation-condition",
    "undetected-condition",
    "unowned-claim",
)
"""The practice findings a case can switch on or off."""

DEFAULT_CHECKS = PRACTICE_CHECKS[:4]
"""Ownership is asked for with `check --require-owners` or by a case's own settings."""

DEFAULT_VAGUE_TERMS = (
    "fair", "safe", "robust", "responsible", "adequate", "appropriate", "compliant",
    "in scope of",
)  # fmt: skip
"""Words that sound like a claim but measure nothing until a context or justification says
what they mean for this system."""


class PracticeSettings(BaseModel):
    """Which practice checks apply to a case and which words count as vague; kept in the file."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    checks: tuple[str, ...] = DEFAULT_CHECKS
    vague_terms: tuple[str, ...] = DEFAULT_VAGUE_TERMS

    @field_validator("checks")
    @classmethod
    def _known(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [code for code in value if code not in PRACTICE_CHECKS]
        if unknown:
            raise ValueError(
                f"unknown practice check {unknown[0]!r}; known: {', '.join(PRACTICE_CHECKS)}"
            )
        return tuple(dict.fromkeys(value))

    @field_validator("vague_terms")
    @classmethod
    def _terms(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        terms = (" ".join(clean_text(term).split()).lower() for term in value)
        return tuple(dict.fromkeys(term for term in terms if term))

    def is_default(self) -> bool:
        return self == PracticeSettings()
