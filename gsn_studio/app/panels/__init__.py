"""Dockable panels around the canvas: properties, outline, problems, dashboard, legend,
as-of date, search. Each observes the document (and the shared selection) and edits only
through `Document.push`."""

from gsn_studio.app.panels.as_of import AsOfControl
from gsn_studio.app.panels.dashboard import DashboardPanel
from gsn_studio.app.panels.legend import LegendPanel
from gsn_studio.app.panels.outline import OutlinePanel
from gsn_studio.app.panels.problems import ProblemsPanel
from gsn_studio.app.panels.properties import PropertiesPanel
from gsn_studio.app.panels.search import SearchBox

__all__ = [
    "AsOfControl",
    "DashboardPanel",
    "LegendPanel",
    "OutlinePanel",
    "ProblemsPanel",
    "PropertiesPanel",
    "SearchBox",
]
