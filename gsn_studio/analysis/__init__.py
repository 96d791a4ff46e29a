"""Pure checks over the model: they return findings and change nothing."""

from gsn_studio.analysis.check import Summary, check_case, summarize
from gsn_studio.analysis.findings import Finding, Severity

__all__ = ["Finding", "Severity", "Summary", "check_case", "summarize"]
