"""Merge conflicts kept in the case: what a three-way merge could not decide, with the base's,
our and their version, until someone picks one.

The merged case holds our version of whatever is in conflict (git's convention: ours is the
branch being merged into), so it is a whole, valid case while conflicts remain; each record
says what the other versions were.
"""

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from gsn_studio.model.text import check_identifier


class ConflictOn(StrEnum):
    NODE = "node"
    COMMENT = "comment"
    CASE = "case"
    """A field of the case itself (its name, description, module header...)."""


WHOLE = ""
"""The `field` of a conflict about a whole element: deleted on one side and changed on the
other, or added on both sides in ways that cannot be merged field by field."""


class MergeConflict(BaseModel):
    """Both sides changed one thing differently since their common base.

    Values are JSON data (what `model_dump(mode="json")` gives). For a conflict on a whole
    element, a value of None means the element is absent on that side (deleted, or not yet
    in the base); for a field, None is the field's own empty value."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    on: ConflictOn
    subject: str = ""
    """The node's or comment's id; empty for the case itself."""
    field: str = WHOLE
    """The field in conflict, dotted inside evidence ("evidence.reference"); WHOLE for the
    element as a whole."""
    base: Any = None
    ours: Any = None
    theirs: Any = None
    added: bool = False
    """Both sides added the element: there is no base version."""
    along: tuple[str, ...] = ()
    """For a node one side deleted and the other changed: the nodes below it that the deleting
    side deleted too, kept with it, and deleted with it if the deletion is chosen."""

    @field_validator("subject")
    @classmethod
    def _subject(cls, value: str) -> str:
        return check_identifier(value) if value else value

    @property
    def is_whole(self) -> bool:
        return self.field == WHOLE

    def describe(self) -> str:
        """What is in conflict, for a finding or a list: "G2 statement", "comment c1a"."""
        if self.on is ConflictOn.CASE:
            return f"the case's {self.field}"
        what = self.subject if self.on is ConflictOn.NODE else f"comment {self.subject}"
        return what if self.is_whole else f"{what} {self.field}"

    def problem(self) -> str:
        """Why it is a conflict, in a sentence."""
        if self.is_whole:
            if self.ours is None or self.theirs is None:
                deleter = "ours" if self.ours is None else "theirs"
                other = "theirs" if deleter == "ours" else "ours"
                with_them = f" (with {', '.join(self.along)} below it)" if self.along else ""
                return (
                    f"{self.describe()}{with_them} was deleted in {deleter} and changed in {other}"
                )
            if self.base is None:
                return f"{self.describe()} was added in ours and in theirs, differently"
            return f"{self.describe()} was changed in ours and in theirs in ways that do not fit"
        if self.added:
            return f"{self.describe()} differs between the two added versions"
        return f"{self.describe()} was changed in ours and in theirs, differently"
