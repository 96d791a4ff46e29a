"""Reading a node's evidence from the .gsnx ArtifactPackage: the artifact a solution or a
refutation refers to, with its verification and measure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lxml import etree

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsnx_format import qualified, validated
from gsn_studio.model import Evidence, Measure, Verification
from gsn_studio.model.fast_validate import prechecked

_VERIFICATION, _MEASURE = qualified("Verification"), qualified("Measure")


def referenced(
    element: etree._Element,
    attribute: str,
    artifacts: dict[str | None, etree._Element],
    path: str | Path,
) -> Evidence:
    """The evidence of the artifact a node element's `attribute` names."""
    reference = element.get(attribute)
    artifact = artifacts.get(reference)
    if artifact is None:
        raise CaseFileError(
            path,
            f"{element.get('gid')} refers to artifact {reference}, which the ArtifactPackage lacks",
            element.sourceline,
        )
    return _evidence(artifact, path)


def _evidence(artifact: etree._Element, path: str | Path) -> Evidence:
    attributes = dict(artifact.items())  # one copy, then plain lookups
    gid = str(attributes.get("gid"))
    review_days = attributes.get("reviewDays")
    reference = attributes.get("location", "")
    record: dict[str, Any] = {
        "reference": reference,
        "date": _date(artifact, "date", attributes, path),
        "valid_until": _date(artifact, "validUntil", attributes, path),
        "review_days": None if review_days is None else int(review_days),
    }
    if len(artifact):  # most artifacts have no part (and lxml's find parses its path)
        # Each part is checked on its own element, so an error names that element's line.
        verification = artifact.find(_VERIFICATION)
        if verification is not None:
            part = {
                "on": _date(verification, "on", dict(verification.items()), path),
                "by": verification.get("by", ""),
                "sha256": verification.get("sha256", ""),
            }
            record["verified"] = validated(
                Verification, part, verification, path, f"{gid} Verification"
            )
        measure = artifact.find(_MEASURE)
        if measure is not None:
            value = measure.get("value")
            part = {
                "metric": measure.get("metric"),
                "comparison": measure.get("comparison"),
                "threshold": float(str(measure.get("threshold"))),
                "value": None if value is None else float(value),
                "key": measure.get("key", ""),
            }
            record["measure"] = validated(Measure, part, measure, path, f"{gid} Measure")
    # What the schema checked is not checked again (as for nodes, gsnx_read._node_record): a
    # reviewDays is a g:ReviewDays, the validator's range; a parsed text holds no character
    # the text rule refuses but a carriage return.
    fast = prechecked(Evidence, record) if "\r" not in reference else None
    return fast or validated(Evidence, record, artifact, path, gid)


def _date(
    element: etree._Element, attribute: str, attributes: dict[str, str], path: str | Path
) -> dt.date | None:
    text = attributes.get(attribute)
    if not text:
        return None
    try:
        # xs:date allows a time zone suffix; a day is all GSN Studio keeps.
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise CaseFileError(
            path,
            f"{attribute} {text!r} is not a date between 0001-01-01 and 9999-12-31",
            element.sourceline,
        ) from None
