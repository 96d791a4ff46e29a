"""`gsn-studio export CASE --html OUT_DIR`: a navigable publication of a case of modules: an
index page with the architecture view and the evidence register, and one page per module
with its figure, in which each away element is a link to its home element on its module's
page (every element's id is an anchor there; an element the module's diagram folds away is
reached at the folded node whose marker counts it). Figures show what the diagram shows:
folded support is left out and its node carries the marker, as in every other export.

Static pages with the figures inline: no script, no external resource, every piece of case
text escaped (the SVG writer escapes its own; the pages escape theirs here)."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from lxml import etree

from gsn_studio.analysis import ArtifactReader
from gsn_studio.analysis.modules import ModularAssessment, assess_modular
from gsn_studio.analysis.register import register
from gsn_studio.export.architecture import architecture_svg
from gsn_studio.export.figure import ExportOptions, fold_marks, positions_for
from gsn_studio.export.select import shown_part
from gsn_studio.export.svg import render_svg
from gsn_studio.io.atomic import write_atomically
from gsn_studio.io.safe_xml import parse_xml
from gsn_studio.model import Case, ModularCase, Module
from gsn_studio.notation.palette import Status

SVG = "http://www.w3.org/2000/svg"
STYLE = """
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; margin: 1.5em; color: #212121; }
nav a { margin-right: 1em; }
figure { margin: 1em 0; overflow: auto; border: 1px solid #cfd8dc; }
figcaption { color: #455a64; font-size: 0.9em; padding: 0.4em; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border: 1px solid #cfd8dc; padding: 0.25em 0.5em; text-align: left; }
svg a .gsn-node { cursor: pointer; }
:target { outline: 3px solid #1565c0; }
"""


def page_name(module_id: str) -> str:
    return f"module-{module_id}.html"


def publish_html(
    modular: ModularCase,
    folder: Path,
    as_of: dt.date | None = None,
    artifacts: ArtifactReader | None = None,
) -> list[Path]:
    """Write the publication into `folder`; returns the pages written. `artifacts` reads the
    evidence files, so that the register says which changed since they were verified."""
    day = as_of or dt.date.today()
    whole = assess_modular(modular, day, artifacts)
    folder.mkdir(parents=True, exist_ok=True)
    written = [_write(folder / "index.html", _index(whole, day))]
    shown = {module.id: shown_part(module.case, ExportOptions()) for module in modular.modules}
    anchors = {module_id: _anchors(*part) for module_id, part in shown.items()}
    for module in modular.modules:
        page = _module_page(whole, module, shown[module.id], anchors, day)
        written.append(_write(folder / page_name(module.id), page))
    return written


def _anchors(part: Case, folded: dict[str, list[str]]) -> dict[str, str]:
    """Where each element of a module is found on its page: itself when shown, else the
    folded node whose marker counts it (the first, when several fold it away)."""
    found = {node.id: node.id for node in part.nodes}
    for node_id, under in folded.items():
        for hidden in under:
            found.setdefault(hidden, node_id)
    return found


def _write(path: Path, text: str) -> Path:
    write_atomically(path, text.encode("utf-8"))
    return path


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>{body}</body></html>\n"
    )


def _caption(whole: ModularAssessment, day: dt.date) -> str:
    name = whole.modular.modules[0].name if whole.modular.modules else ""
    return f"{escape(name)}: statuses as of {day.isoformat()}"


def _nav(whole: ModularAssessment) -> str:
    links = ['<a href="index.html">Architecture and evidence</a>'] + [
        f'<a href="{page_name(m.id)}">{escape(m.name)}</a>' for m in whole.modular.modules
    ]
    return f"<nav>{''.join(links)}</nav>"


def _index(whole: ModularAssessment, day: dt.date) -> str:
    links = {m.id: page_name(m.id) for m in whole.modular.modules}
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(value)}</td>"
            for value in (
                f"{whole.complete.local_id.get(row.node, row.node)}",
                whole.complete.module_of(row.node) or "",
                row.statement,
                row.judgement.evidence.reference,
                row.as_dict()["due"],
                row.judgement.state,
            )
        )
        + "</tr>"
        for row in register(whole.complete.case, whole.assessment)
    )
    modules = "".join(
        f'<tr><td><a href="{page_name(m.id)}">{escape(m.name)}</a></td><td>{escape(m.owner)}</td>'
        f"<td>{escape(whole.module_verdict(m).value)}</td>"
        f"<td>{len(whole.module_findings(m.id))}</td></tr>"
        for m in whole.modular.modules
    )
    body = (
        f"{_nav(whole)}<h1>{escape(whole.modular.modules[0].name)}</h1>"
        f'<figure id="architecture">{architecture_svg(whole, links)}'
        f"<figcaption>Architecture of the case. {_caption(whole, day)}</figcaption></figure>"
        "<h2>Modules</h2><table><tr><th>Module</th><th>Owner</th><th>Status</th>"
        f"<th>Problems</th></tr>{modules}</table>"
        '<h2 id="evidence">Evidence register</h2><table><tr><th>Id</th><th>Module</th>'
        "<th>Statement</th><th>Reference</th><th>Due</th><th>State</th></tr>"
        f"{rows}</table>"
    )
    return _page(whole.modular.modules[0].name, body)


def _module_page(
    whole: ModularAssessment,
    module: Module,
    shown: tuple[Case, dict[str, list[str]]],
    anchors: dict[str, dict[str, str]],
    day: dt.date,
) -> str:
    part, folded = shown
    statuses = {node_id: _status(mark) for node_id, mark in whole.marks(module).items()}
    svg = render_svg(part, positions_for(part), statuses, folds=fold_marks(folded, statuses))
    homes = {
        node.id: _home(node.cites.module, node.cites.element, anchors)
        for node in part.nodes
        if node.cites is not None and whole.modular.module(node.cites.module) is not None
    }
    findings = "".join(
        f"<li>{escape(f.node or '')} {escape(f.code)}: {escape(f.message)}</li>"
        for f in whole.module_findings(module.id)
    )
    body = (
        f"{_nav(whole)}<h1>{escape(module.name)}</h1>"
        f"<p>Owner: {escape(module.owner)}. File: {escape(module.path)}. "
        f"Status: {escape(whole.module_verdict(module).value)}.</p>"
        f"<figure>{_linked(svg, homes)}<figcaption>{escape(module.name)}. "
        f"{_caption(whole, day)}</figcaption></figure>"
        f"<h2>Findings</h2><ul>{findings or '<li>None</li>'}</ul>"
    )
    return _page(module.name, body)


def _home(module_id: str, element: str | None, anchors: dict[str, dict[str, str]]) -> str:
    """The address of a cited element (or of its module's page, for a module reference)."""
    if not element:
        return page_name(module_id)
    return f"{page_name(module_id)}#{anchors.get(module_id, {}).get(element, element)}"


def _linked(svg: str, homes: dict[str, str]) -> str:
    """The figure with each away element wrapped in a link to its home (and without the
    XML declaration, which HTML would show as text)."""
    root = parse_xml(svg.encode("utf-8"), "figure.svg").getroot()
    for group in root.iter(f"{{{SVG}}}g"):
        href = homes.get(group.get("id", ""))
        if href is None or "gsn-node" not in group.get("class", ""):
            continue
        link = etree.Element(f"{{{SVG}}}a")
        link.set("href", href)
        group.addprevious(link)
        link.append(group)
    text: str = etree.tostring(root, encoding="unicode")
    return text


def _status(mark: str) -> Status:
    try:
        return Status(mark)
    except ValueError:
        return Status.NONE
