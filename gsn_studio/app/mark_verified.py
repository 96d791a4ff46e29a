"""Mark Verified: record today, the user's name and the artifact's SHA-256 on a solution's
evidence (or a defeater's refutation), as one undoable edit.

The fields come from `analysis.verified_fields`, the routine `gsn-studio verify` uses, so the
editor and the command line record exactly the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtWidgets import QWidget

from gsn_studio.analysis import VerificationError, verified_fields
from gsn_studio.analysis.traces import seen_now
from gsn_studio.analysis.verification import verify
from gsn_studio.app.document import READ_ONLY_MESSAGE, Document
from gsn_studio.app.user_name import ask_user_name
from gsn_studio.model import COUNTER, EVIDENTIAL, Node
from gsn_studio.model.changes import UpdateNode


def can_verify(node: Node | None, field: str | None = None) -> bool:
    """A solution with a reference, or a defeater with a refutation that has one. With a
    field ("evidence" or "refutation"), only that one counts."""
    if node is None:
        return False
    has_evidence = (
        node.type in EVIDENTIAL and node.evidence is not None and bool(node.evidence.reference)
    )
    has_refutation = (
        node.type in COUNTER and node.refutation is not None and bool(node.refutation.reference)
    )
    if field == "evidence":
        return has_evidence
    if field == "refutation":
        return has_refutation
    return has_evidence or has_refutation


def ask_verifier_name(parent: QWidget | None) -> str:
    return ask_user_name(parent, "record when you mark evidence verified")


def mark_verified(
    document: Document,
    node_id: str,
    parent: QWidget | None = None,
    field: str | None = None,
    on: dt.date | None = None,
) -> str:
    """Verify a node's evidence now; returns "" when done, else why not, in words. A field
    picks a counter solution's refutation rather than its own evidence.

    Refusals also go to `document.refused`, so the status bar says them wherever the user
    asked from."""
    problem = _mark(document, node_id, parent, field, on)
    if problem:
        document.refused.emit(problem)
    return problem


def _mark(
    document: Document,
    node_id: str,
    parent: QWidget | None,
    field: str | None,
    on: dt.date | None,
) -> str:
    if document.read_only:  # before asking for a name that would not be used
        return READ_ONLY_MESSAGE
    node = document.case.get(node_id)
    if node is None:
        return f"there is no node {node_id}"
    if not can_verify(node, field):
        return (
            f"{node_id} has nothing to verify: only a solution with a reference, or a defeater "
            "with refuting evidence, can be marked verified"
        )
    name = ask_verifier_name(parent)
    if not name:
        return "marking verified needs your name (set it in Edit > Preferences)"
    day = on or dt.date.today()
    fields: Mapping[str, object]
    try:
        if field == "refutation" and node.refutation is not None:
            # verified_fields picks a counter solution's own evidence: name the refutation.
            refutation = verify(node_id, node.refutation, document.artifacts, name, day)
            fields = {"refutation": refutation}
        else:
            fields = verified_fields(node, document.artifacts, by=name, on=day)
    except VerificationError as error:
        return str(error)
    seen = seen_now(document.case, [node_id], document.trace_sets).get(node_id)
    if seen:  # verifying records the rows of the items it traces, as `gsn-studio verify` does
        fields = {**fields, "traces": seen}
    what = node_id if "evidence" in fields else f"{node_id}'s refutation"
    if not document.push(UpdateNode(node_id, dict(fields)), f"Mark {what} verified"):
        return ""  # the document has already said why
    document.refresh_findings()  # the hash state shows at once, not after the edit delay
    return ""
