"""From a case and export options to a finished figure file (SVG, PNG or PDF)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from gsn_studio import __version__
from gsn_studio.analysis import ArtifactReader, assess
from gsn_studio.analysis.levels import worst_mark
from gsn_studio.analysis.query import QueryFacts, facts_from, matching, needs_facts, parse
from gsn_studio.analysis.query_parse import Expr
from gsn_studio.analysis.structure import support_graph
from gsn_studio.export.select import only, shown_part, subtree, subtree_caption
from gsn_studio.export.svg import render_svg
from gsn_studio.io.atomic import write_atomically
from gsn_studio.io.errors import CaseFileError
from gsn_studio.layout import layout_case
from gsn_studio.model import Case, Position
from gsn_studio.notation.folding import FoldMarker
from gsn_studio.notation.palette import Status
from gsn_studio.notation.themes import THEMES

FORMATS = ("svg", "png", "pdf")


@dataclass(frozen=True)
class ExportOptions:
    root: str | None = None
    depth: int | None = None
    node_ids: tuple[str, ...] = ()
    """Export just these nodes (the editor's "selection only"); empty: all."""
    as_of: dt.date | None = None
    highlights: bool = True
    legend: bool = False
    theme: str = "light"
    scale: float = 2.0
    """PNG pixels per diagram unit."""
    transparent: bool = False
    """PNG without the background colour."""
    case_path: Path | None = None
    """The case's file, whose folder evidence paths are relative to; None: files not read."""
    allow_outside: bool = False
    """Read artifacts outside the case's folder or behind links."""
    caption: bool = True
    """A line below the figure: the case, the day its statuses were judged, the program."""
    unfold: bool = False
    """Show what the diagram has folded away; folded nodes otherwise keep their marker."""
    query: str = ""
    """Draw the elements this query does not match faint (`analysis.query`); "" draws all."""
    view_name: str = ""
    """The saved view the query comes from, for the caption."""
    matches_only: bool = False
    """With a query: only the matches and the goals and strategies above them (faint), laid
    out afresh, instead of the whole figure with the rest faint."""


def caption_text(case: Case, options: ExportOptions, day: dt.date) -> str:
    """ "Loan approval · G3 and what supports it; it sits under S1 · as of 2026-11-23 · GSN
    Studio 0.1.0": a figure on a slide must say when its colours were true, and a subtree's
    where it hangs. Without status colours there is no date."""
    name = case.name.strip() or (options.case_path.stem if options.case_path else "GSN argument")
    if options.root:
        name += f" · {subtree_caption(case, options.root, options.depth)}"
    elif options.depth is not None:
        name += f" · {options.depth} level{'s' * (options.depth != 1)} down, the rest folded"
    elif options.node_ids:
        name += " (a selection)"
    if options.query:
        name += f" · {query_caption(options)}"
    judged = f" · as of {day.isoformat()}" if options.highlights else ""
    return f"{name}{judged} · GSN Studio {__version__}"


def query_caption(options: ExportOptions) -> str:
    """ "view Expired evidence (type=solution and state=expired)": what the bright part is."""
    shown = "only" if options.matches_only else "highlighted"
    if options.view_name:
        return f"view {options.view_name} ({options.query}) {shown}"
    return f"query {options.query} {shown}"


def figure_case(case: Case, options: ExportOptions) -> Case:
    """The part of the case the figure shows, folded nodes' hidden support included (see
    `shown_part`)."""
    if options.root:
        return subtree(case, options.root)
    if options.node_ids:
        return only(case, options.node_ids)
    return case


def fold_marks(
    folded: Mapping[str, list[str]], statuses: Mapping[str, Status]
) -> dict[str, FoldMarker]:
    """The marker of each folded node (`shown_part`'s second half): how many nodes it folds
    away and the worst status among them."""
    return {
        node_id: FoldMarker(len(under), Status(worst_mark(statuses.get(i, "") for i in under)))
        for node_id, under in folded.items()
    }


def positions_for(part: Case) -> dict[str, Position]:
    """Positions as saved, or a fresh layout of the part when any node has none."""
    if all(node.position is not None for node in part.nodes):
        return {node.id: node.position for node in part.nodes if node.position is not None}
    return layout_case(part)


def make_svg(case: Case, options: ExportOptions) -> str:
    """The figure; QueryError (a bad `options.query`) before any drawing."""
    theme = THEMES[options.theme]
    part, folded = shown_part(figure_case(case, options), options)
    statuses: dict[str, Status] = {}
    day = options.as_of or dt.date.today()
    expr = parse(options.query) if options.query else None
    assessment = None
    if options.highlights or (expr is not None and needs_facts(expr)):
        # Judged on the whole case: a subtree's leaf may be developed elsewhere.
        assessment = assess(
            case,
            day,
            ArtifactReader.for_case_file(options.case_path, options.allow_outside)
            if options.case_path is not None
            else None,
        )
    if options.highlights and assessment is not None:
        statuses = {node_id: Status(mark) for node_id, mark in assessment.marks(case).items()}
    markers = fold_marks(folded, statuses)
    dimmed: frozenset[str] = frozenset()
    positions = None
    if expr is not None:
        facts = facts_from(case, assessment) if assessment is not None else QueryFacts()
        part, dimmed = filtered(case, part, expr, facts, options.matches_only)
        if options.matches_only:
            positions = layout_case(part) if part.nodes else {}
    return render_svg(
        part,
        positions if positions is not None else positions_for(part),
        statuses,
        theme,
        legend=options.legend,
        background=not options.transparent,
        caption=caption_text(case, options, day) if options.caption else "",
        folds=markers,
        dimmed=dimmed,
    )


def filtered(
    case: Case, part: Case, expr: Expr, facts: QueryFacts, matches_only: bool
) -> tuple[Case, frozenset[str]]:
    """The part of the figure a query leaves, and which of its nodes to draw faint: every
    node it does not match; or, with `matches_only`, just the matches and the path above
    each to the top of the argument (that path faint), so each match reads in its place."""
    shown = {node.id for node in part.nodes}
    matches = set(matching(case, expr, facts)) & shown
    if not matches_only:
        return part, frozenset(shown - matches)
    graph = support_graph(part)
    above = set().union(*(graph.ancestors(node_id) for node_id in matches)) - matches
    return only(part, matches | above), frozenset(above)


def format_for(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise CaseFileError(path, f"unknown figure type .{suffix or '?'}: use .svg, .png or .pdf")
    return suffix


def export_figure(case: Case, target: Path, options: ExportOptions) -> None:
    """Write the figure atomically in the format the file name asks for."""
    write_figure(make_svg(case, options), target, options)


def write_figure(svg: str, target: Path, options: ExportOptions) -> None:
    """The SVG as the file `target` names (SVG, PNG at the options' scale, or PDF)."""
    kind = format_for(target)
    if kind == "svg":
        write_atomically(target, svg.encode("utf-8"))
        return
    from gsn_studio.export.raster import RasterTooLarge, to_pdf, to_png  # noqa: PLC0415

    if kind == "png":
        background = None if options.transparent else THEMES[options.theme].background
        try:
            data = to_png(svg, options.scale, background)
        except RasterTooLarge as error:
            raise CaseFileError(target, str(error)) from None
        write_atomically(target, data)
    else:
        write_atomically(target, to_pdf(svg))
