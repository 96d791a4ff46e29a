"""What a solution points at: the artifact, how long it stays valid, who verified it and what it
measures. Judging it against the calendar or the file on disk is `analysis`'s job."""

import datetime as dt
import math
import operator
import re
from collections.abc import Callable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, field_validator

from gsn_studio.model.text import clean_text

MAX_REVIEW_DAYS = 36_500
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
URL_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
"""A reference with a scheme is a URL: never read from disk, never hashed."""


def is_url(reference: str) -> bool:
    return bool(URL_PATTERN.match(reference))


class Comparison(StrEnum):
    AT_LEAST = ">="
    ABOVE = ">"
    AT_MOST = "<="
    BELOW = "<"
    EQUAL = "=="

    def holds(self, value: float, threshold: float) -> bool:
        return _OPERATORS[self](value, threshold)


_OPERATORS: dict[Comparison, Callable[[float, float], bool]] = {
    Comparison.AT_LEAST: operator.ge,
    Comparison.ABOVE: operator.gt,
    Comparison.AT_MOST: operator.le,
    Comparison.BELOW: operator.lt,
    Comparison.EQUAL: operator.eq,
}

# Longest operators first, so that ">=" is not read as ">" followed by "=0.9". Compiled (and
# kept by re) when a measure is first parsed, not at every start.
_MEASURE_TEXT = r"^\s*(?P<metric>.+?)\s*(?P<op>>=|<=|==|>|<)\s*(?P<threshold>\S+)\s*$"


def _finite(value: float, what: str) -> float:
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number")
    return value


class Measure(BaseModel):
    """A measured claim such as "disparate impact >= 0.9", and the value last measured.

    When the solution's reference is a .json or .csv file, the value is read from that file
    (a monitoring job keeps it current) and `value` is ignored; `key` then names the JSON key
    (dotted for nesting) or CSV column, when it differs from the metric's name."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    metric: str
    comparison: Comparison
    threshold: float
    value: float | None = None
    key: str = ""

    @field_validator("metric")
    @classmethod
    def _metric(cls, value: str) -> str:
        value = clean_text(value).strip()
        if not value or "\n" in value:
            raise ValueError("a measure needs a metric name on one line")
        return value

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        return clean_text(value).strip()

    @field_validator("threshold")
    @classmethod
    def _threshold(cls, value: float) -> float:
        return _finite(value, "a threshold")

    @field_validator("value")
    @classmethod
    def _value(cls, value: float | None) -> float | None:
        return None if value is None else _finite(value, "a measured value")

    @classmethod
    def parse(cls, text: str, value: float | None = None, key: str = "") -> "Measure":
        """A measure from its written form, "disparate impact >= 0.9"."""
        match = re.match(_MEASURE_TEXT, text)
        if not match:
            raise ValueError(
                f"{text!r} is not a measure: write a metric, a comparison "
                "(>=, >, <=, < or ==) and a number, as in 'disparate impact >= 0.9'"
            )
        try:
            threshold = float(match["threshold"])
        except ValueError:
            raise ValueError(
                f"{text!r}: the threshold {match['threshold']!r} is not a number"
            ) from None
        return cls(
            metric=match["metric"],
            comparison=Comparison(match["op"]),
            threshold=threshold,
            value=value,
            key=key,
        )

    @property
    def rule(self) -> str:
        return f"{self.metric} {self.comparison.value} {self.threshold:g}"

    @property
    def source_key(self) -> str:
        return self.key or self.metric


class Verification(BaseModel):
    """Who last checked the artifact, on which day, and the SHA-256 of the file they checked."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    on: dt.date
    by: str = ""
    sha256: str = ""
    """Empty for a URL, or when the file could not be read when it was verified."""

    @field_validator("by")
    @classmethod
    def _by(cls, value: str) -> str:
        return clean_text(value).strip()

    @field_validator("sha256")
    @classmethod
    def _sha(cls, value: str) -> str:
        value = value.strip().lower()
        if value and not SHA256_PATTERN.match(value):
            raise ValueError("a SHA-256 is 64 hexadecimal digits")
        return value


class Evidence(BaseModel):
    """What a solution (or a defeater's refutation) points at, and how long it stays valid."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    reference: str = ""
    """A path relative to the case file's folder, or a URL."""
    date: dt.date | None = None
    """When the evidence was produced."""
    valid_until: dt.date | None = None
    review_days: int | None = None
    """How long a verification holds: the evidence is due this many days after it."""
    verified: Verification | None = None
    measure: Measure | None = None

    @field_validator("reference")
    @classmethod
    def _clean(cls, value: str) -> str:
        return clean_text(value)

    @field_validator("review_days")
    @classmethod
    def _review(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= MAX_REVIEW_DAYS:
            raise ValueError(f"a review interval is 1 to {MAX_REVIEW_DAYS} days")
        return value

    def is_empty(self) -> bool:
        # What pydantic's == compares for two instances of this class (no private or extra
        # values here), without its generic checks first: asked of each solution read.
        return type(self) is Evidence and self.__dict__ == _EMPTY.__dict__

    @property
    def is_url(self) -> bool:
        return is_url(self.reference)

    def review_due(self) -> dt.date | None:
        """When the review interval runs out: counted from the last verification, or from the
        evidence's own date when it was never verified. An interval that runs past the
        calendar's last day (9999-12-31) ends on that day: the evidence is never due before."""
        if self.review_days is None:
            return None
        start = self.verified.on if self.verified else self.date
        if start is None:
            return None
        if (dt.date.max - start).days < self.review_days:
            return dt.date.max
        return start + dt.timedelta(days=self.review_days)

    def due(self) -> dt.date | None:
        """The last day the evidence holds: the earlier of its valid-until and review dates.
        Past it the evidence is expired."""
        valid, review = self.valid_until, self.review_due()
        if valid is None or review is None:
            return review if valid is None else valid
        return min(valid, review)


_EMPTY = Evidence.model_construct()  # not Evidence(): that would build its validator at import
