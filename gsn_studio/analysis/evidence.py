"""Currency of evidence: which solutions have passed their validity date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.model import EVIDENTIAL, Case


def expired(case: Case, as_of: dt.date) -> Iterator[Finding]:
    for node in case.nodes:
        if node.type not in EVIDENTIAL or node.evidence is None:
            continue
        valid_until = node.evidence.valid_until
        if valid_until is not None and valid_until < as_of:
            days = (as_of - valid_until).days
            what = f" ({node.evidence.reference})" if node.evidence.reference else ""
            yield Finding(
                "expired-evidence",
                Severity.ERROR,
                node.id,
                f"{node.id}{what} expired on {valid_until.isoformat()}, "
                f"{days} day{'s' if days != 1 else ''} before {as_of.isoformat()}",
            )
