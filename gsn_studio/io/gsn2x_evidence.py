"""The evidence keys of a gsn2x node, both ways: where its artifact is, how long it holds,
who verified it and what it measures. A defeater's `refutation:` holds the same keys."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from gsn_studio.io.gsn2x_values import Keys
from gsn_studio.io.numbers import number_text
from gsn_studio.model import Evidence, Measure

EVIDENCE_KEYS = (
    "url", "evidenceDate", "validUntil", "reviewDays", "verifiedOn", "verifiedBy", "sha256",
    "measure", "measuredValue", "measureKey",
)  # fmt: skip
"""In the order they are written."""

_KEY_OF_FIELD = {
    "reference": "url",
    "date": "evidenceDate",
    "valid_until": "validUntil",
    "review_days": "reviewDays",
    "verified.on": "verifiedOn",
    "verified.by": "verifiedBy",
    "verified.sha256": "sha256",
    "measure.value": "measuredValue",
    "measure.key": "measureKey",
}


def read_evidence(keys: Keys, *, with_url: bool = True) -> Evidence | None:
    """The evidence that the evidence keys among `keys` describe; None when there are none.
    Without `with_url`, a `url` is not evidence (gsn2x makes it a hyperlink on most nodes)."""
    present = [key for key in EVIDENCE_KEYS if key in keys and (with_url or key != "url")]
    if not present:
        return None
    record: dict[str, Any] = {}
    if "url" in present:
        record["reference"] = keys.text("url")
    if "evidenceDate" in keys:
        record["date"] = keys.date("evidenceDate")
    if "validUntil" in keys:
        record["valid_until"] = keys.date("validUntil")
    if "reviewDays" in keys:
        record["review_days"] = keys.whole_number("reviewDays")
    verified = [key for key in ("verifiedBy", "sha256") if key in keys]
    if "verifiedOn" in keys:
        record["verified"] = {
            "on": keys.date("verifiedOn"),
            "by": keys.text("verifiedBy"),
            "sha256": keys.text("sha256"),
        }
    elif verified:
        raise keys.refuse(verified[0], f"{verified[0]} needs verifiedOn, the day of the check")
    measured = [key for key in ("measuredValue", "measureKey") if key in keys]
    if "measure" in keys:
        record["measure"] = _measure(keys)
    elif measured:
        raise keys.refuse(
            measured[0], f"{measured[0]} needs a measure, such as 'disparate impact >= 0.9'"
        )
    try:
        return Evidence.model_validate(record)
    except ValidationError as error:
        first = error.errors()[0]
        key = _KEY_OF_FIELD.get(".".join(str(part) for part in first["loc"]), present[0])
        raise keys.refuse(key, f"{key}: {_message(first['msg'])}") from None


def _measure(keys: Keys) -> dict[str, Any]:
    try:
        parsed = Measure.parse(keys.text("measure"))
    except ValidationError as error:  # the text parsed, but its metric or threshold is bad
        raise keys.refuse("measure", f"measure: {_message(error.errors()[0]['msg'])}") from None
    except ValueError as error:
        raise keys.refuse("measure", f"measure: {error}") from None
    return {
        "metric": parsed.metric,
        "comparison": parsed.comparison,
        "threshold": parsed.threshold,
        "value": keys.number("measuredValue") if "measuredValue" in keys else None,
        "key": keys.text("measureKey"),
    }


def _message(text: str) -> str:
    return text.removeprefix("Value error, ")


def evidence_keys(evidence: Evidence) -> dict[str, Any]:
    """The keys of `EVIDENCE_KEYS` that hold something, in that order."""
    body: dict[str, Any] = {}
    if evidence.reference:
        body["url"] = evidence.reference
    if evidence.date:
        body["evidenceDate"] = evidence.date.isoformat()
    if evidence.valid_until:
        body["validUntil"] = evidence.valid_until.isoformat()
    if evidence.review_days is not None:
        body["reviewDays"] = evidence.review_days
    if evidence.verified is not None:
        body["verifiedOn"] = evidence.verified.on.isoformat()
        if evidence.verified.by:
            body["verifiedBy"] = evidence.verified.by
        if evidence.verified.sha256:
            body["sha256"] = evidence.verified.sha256
    measure = evidence.measure
    if measure is not None:
        # Not `measure.rule`, which rounds the threshold to six digits.
        body["measure"] = f"{measure.metric} {measure.comparison.value} "
        body["measure"] += number_text(measure.threshold)
        if measure.value is not None:
            body["measuredValue"] = measure.value
        if measure.key:
            body["measureKey"] = measure.key
    return body
