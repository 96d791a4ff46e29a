"""Saved views: a named query kept in the case, to show the same part of it again (the
solutions one owner must renew, the open challenges) or to export it as a figure."""

from pydantic import BaseModel, ConfigDict, field_validator

from gsn_studio.model.text import clean_text


class SavedView(BaseModel):
    """A name and the query text it stands for (checked by `analysis.query` when applied:
    the model knows no query language)."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    name: str
    query: str

    @field_validator("name", "query")
    @classmethod
    def _clean(cls, value: str) -> str:
        value = " ".join(clean_text(value).split())
        if not value:
            raise ValueError("a saved view needs a name and a query")
        return value


def with_view(views: tuple[SavedView, ...], view: SavedView) -> tuple[SavedView, ...]:
    """The views with this one added, or replacing the one of the same name in its place."""
    if any(existing.name == view.name for existing in views):
        return tuple(view if existing.name == view.name else existing for existing in views)
    return (*views, view)


def without_view(views: tuple[SavedView, ...], name: str) -> tuple[SavedView, ...]:
    return tuple(view for view in views if view.name != name)


def view_named(views: tuple[SavedView, ...], name: str) -> SavedView | None:
    return next((view for view in views if view.name == name), None)
