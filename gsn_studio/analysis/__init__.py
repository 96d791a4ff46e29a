"""Pure checks over the model: they return findings and statuses and change nothing. The one
place that reads anything is `artifacts`, which looks at the files evidence points at."""

from gsn_studio.analysis.artifacts import Access, Artifact, ArtifactReader
from gsn_studio.analysis.assurance import NodeAssurance, Reason
from gsn_studio.analysis.check import Assessment, Summary, assess, check_case, summarize
from gsn_studio.analysis.evidence import (
    DEFAULT_SOON_DAYS,
    Currency,
    EvidenceState,
    HashState,
    Judgement,
)
from gsn_studio.analysis.findings import Finding, Severity
from gsn_studio.analysis.levels import Level
from gsn_studio.analysis.verification import VerificationError, verified_fields

__all__ = [
    "DEFAULT_SOON_DAYS",
    "Access",
    "Artifact",
    "ArtifactReader",
    "Assessment",
    "Currency",
    "EvidenceState",
    "Finding",
    "HashState",
    "Judgement",
    "Level",
    "NodeAssurance",
    "Reason",
    "Severity",
    "Summary",
    "VerificationError",
    "assess",
    "check_case",
    "summarize",
    "verified_fields",
]
