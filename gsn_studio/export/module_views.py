"""Figures of a case of modules as a whole: the architecture view (modules and their
dependencies) or the complete view (every module unrolled into one argument), each with the
caption a board needs: the case, the day its colours were judged, the program."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from gsn_studio import __version__
from gsn_studio.analysis import ArtifactReader
from gsn_studio.analysis.modules import assess_modular
from gsn_studio.export.architecture import architecture_svg, complete_svg
from gsn_studio.export.figure import ExportOptions, write_figure
from gsn_studio.model.modules import ModularCase

ModuleView = Literal["architecture", "complete"]
MODULE_VIEWS: tuple[ModuleView, ...] = ("architecture", "complete")


def module_view_svg(modular: ModularCase, view: ModuleView, options: ExportOptions) -> str:
    day = options.as_of or dt.date.today()
    artifacts = (
        ArtifactReader.for_case_file(options.case_path, options.allow_outside)
        if options.case_path is not None
        else None
    )
    whole = assess_modular(modular, day, artifacts)
    name = modular.modules[0].name if modular.modules else "GSN argument"
    caption = (
        f"{name} · {view} view of {len(modular.modules)} module"
        f"{'' if len(modular.modules) == 1 else 's'} · as of {day.isoformat()} · "
        f"GSN Studio {__version__}"
        if options.caption
        else ""
    )
    if view == "architecture":
        return architecture_svg(whole, caption=caption)
    return complete_svg(whole, caption=caption)


def export_module_view(
    modular: ModularCase, view: ModuleView, target: Path, options: ExportOptions
) -> None:
    """Write the view atomically as the SVG, PNG or PDF that `target` names."""
    write_figure(module_view_svg(modular, view, options), target, options)
