"""Mark evidence verified: who, when, and the SHA-256 of the artifact as it is now.

The command line's `verify` and the editor's "Mark Verified" both call `verified_fields` and
apply the result as one node update, so they record exactly the same thing.
"""

from __future__ import annotations

import datetime as dt

from gsn_studio.analysis.artifacts import Access, ArtifactReader
from gsn_studio.model import COUNTER, EVIDENTIAL, Evidence, Node, Verification


class VerificationError(ValueError):
    """The evidence cannot be verified; the message names the node and says why."""


def verified_fields(
    node: Node, reader: ArtifactReader, by: str, on: dt.date | None = None
) -> dict[str, Evidence]:
    """The node fields to update: a solution's evidence, or a defeater's refutation."""
    if node.type in EVIDENTIAL:
        field = "evidence"
        evidence = node.evidence
    elif node.type in COUNTER and node.refutation is not None:
        field = "refutation"
        evidence = node.refutation
    else:
        raise VerificationError(
            f"{node.id} is a {node.type}: only solutions (and refuted defeaters) are verified"
        )
    if evidence is None or not evidence.reference.strip():
        raise VerificationError(f"{node.id} has no artifact reference to verify")
    return {field: verify(node.id, evidence, reader, by, on or dt.date.today())}


def verify(
    node_id: str, evidence: Evidence, reader: ArtifactReader, by: str, on: dt.date
) -> Evidence:
    artifact = reader.look(evidence.reference, inline=True)  # the user asked: hash it now
    if artifact.access is Access.URL:
        sha256 = ""  # a web page is not fetched: the date and name are the record
    elif artifact.access is Access.READABLE:
        sha256 = artifact.sha256
    elif artifact.access is Access.OUTSIDE:
        raise VerificationError(
            f"{node_id}: {evidence.reference} was not read because {artifact.problem}; "
            "allow artifacts outside the case folder to verify it"
        )
    elif artifact.access is Access.NO_FOLDER:
        raise VerificationError(
            f"{node_id}: save the case first, so that {evidence.reference} has a folder to be "
            "found in"
        )
    else:
        raise VerificationError(
            f"{node_id}: cannot verify {evidence.reference}: {artifact.problem}"
        )
    return evidence.model_copy(update={"verified": Verification(on=on, by=by, sha256=sha256)})
