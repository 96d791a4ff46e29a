"""The views extension of .gsnx: the case's saved views (named queries), as elements of their
own namespace after the trace sets.

Like the practice and traces extensions this needs no new format version: the schema admits
elements of other namespaces and an older GSN Studio keeps them verbatim; a case without saved
views is written exactly as before.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsnx_format import validated
from gsn_studio.model import Case
from gsn_studio.model.views import SavedView

VIEWS_NAMESPACE = "urn:gsn-studio:views:1"
PREFIX = "view"
_VIEW = f"{{{VIEWS_NAMESPACE}}}view"


def is_views(name: str) -> bool:
    """Whether a Clark-notation tag or attribute name is ours, not another tool's."""
    return name.startswith(f"{{{VIEWS_NAMESPACE}}}")


def uses_views(case: Case) -> bool:
    return bool(case.views)


def read_views(root: etree._Element, path: str | Path) -> tuple[SavedView, ...]:
    views = []
    seen: set[str] = set()
    for element in root.iterfind(_VIEW):
        record = {"name": element.get("name", ""), "query": element.text or ""}
        view = validated(SavedView, record, element, path, "saved view")
        if view.name in seen:
            raise CaseFileError(
                path, f"saved view {view.name!r} is named twice", element.sourceline
            )
        seen.add(view.name)
        views.append(view)
    return tuple(views)


def write_views(root: etree._Element, views: tuple[SavedView, ...]) -> None:
    for view in views:
        element = etree.SubElement(root, _VIEW, name=view.name)
        element.text = view.query
