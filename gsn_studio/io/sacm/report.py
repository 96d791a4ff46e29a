"""What an import did: what it read, what it left out and why, and where it approximated.

`gsn-studio convert` prints it and the editor shows it, from this one record."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the file that cannot be honoured as written, such as a reference that
    resolves to nothing. A finding of the import, not an error: the rest still opens."""

    code: str
    line: int | None
    message: str

    def describe(self, source: str) -> str:
        where = f"{source}:{self.line}" if self.line else source
        return f"{where}: {self.code}: {self.message}"


@dataclass(slots=True)
class ImportReport:
    source: str
    dialect: str = ""
    read: Counter[str] = field(default_factory=Counter)
    """Elements read, by their type in the file ("Claim", "gsn:Goal", ...)."""
    skipped: Counter[str] = field(default_factory=Counter)
    """"what, why" -> how many."""
    approximations: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    foreign: bool = True
    """Written by another tool: saving over it would lose what GSN Studio does not read."""

    def skip(self, what: str, why: str, count: int = 1) -> None:
        self.skipped[f"{what} {why}"] += count

    def approximate(self, how: str) -> None:
        self.approximations[how] += 1

    def problem(self, code: str, line: int | None, message: str) -> None:
        self.problems.append(Problem(code, line, message))

    @property
    def is_faithful(self) -> bool:
        """Nothing skipped, approximated or unresolved: the case is what the file says."""
        return not (self.skipped or self.approximations or self.problems)

    def lines(self) -> list[str]:
        """The report as lines of text, most important first."""
        lines = [f"{self.source}: read as {self.dialect}" if self.dialect else self.source]
        if self.read:
            parts = ", ".join(f"{count} {kind}" for kind, count in sorted(self.read.items()))
            lines.append(f"  read: {parts}")
        for problem in self.problems:
            lines.append(f"  {problem.describe(self.source)}")
        for what, count in sorted(self.skipped.items()):
            lines.append(f"  skipped: {count} {what}")
        for how, count in sorted(self.approximations.items()):
            times = f" ({count}×)" if count > 1 else ""
            lines.append(f"  approximated: {how}{times}")
        return lines

    def as_data(self) -> dict[str, object]:
        return {
            "source": self.source,
            "dialect": self.dialect,
            "read": dict(sorted(self.read.items())),
            "skipped": dict(sorted(self.skipped.items())),
            "approximations": dict(sorted(self.approximations.items())),
            "problems": [
                {"code": p.code, "line": p.line, "message": p.message} for p in self.problems
            ],
        }
