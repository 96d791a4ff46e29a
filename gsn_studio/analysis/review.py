"""Review comments as findings: an open rebuttal, undermining or undercutting is a challenge
to the argument that someone still has to answer."""

from __future__ import annotations

from collections.abc import Iterator

from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.model import Case


def open_challenges(case: Case) -> Iterator[Finding]:
    for comment in case.comments:
        if comment.is_open_challenge:
            first_line = comment.text.splitlines()[0] if comment.text else ""
            yield Finding(
                "open-challenge",
                Severity.WARNING,
                comment.node,
                f"{comment.author or 'a reviewer'} challenges {comment.describe_target()} "
                f"({comment.kind.value}, {comment.id}): {first_line}",
            )
