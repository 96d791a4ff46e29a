"""What a check finds: a frozen record that the command line and the editor show alike."""

from __future__ import annotations

from enum import StrEnum

from gsn_studio.model.records import record


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@record
class Finding:
    code: str
    """A stable, kebab-case name such as `undeveloped-goal`, for scripts and filters."""
    severity: Severity
    node: str | None
    """The node the finding is about, or None for the case as a whole."""
    message: str
    module: str | None = None
    """In a case of several modules: the module the finding is about (None: the whole case)."""

    def as_dict(self) -> dict[str, str | None]:
        found: dict[str, str | None] = {
            "code": self.code,
            "severity": self.severity.value,
            "node": self.node,
            "message": self.message,
        }
        if self.module is not None:
            found["module"] = self.module
        return found
