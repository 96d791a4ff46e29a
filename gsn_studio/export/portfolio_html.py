"""The portfolio as one HTML page a review board opens in a browser: a row per system, each
linking to that case's figure, written beside the page with the ordinary figure export."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from gsn_studio.analysis.portfolio import PortfolioRow
from gsn_studio.export.figure import ExportOptions, export_figure
from gsn_studio.io.atomic import write_atomically
from gsn_studio.model import Case
from gsn_studio.notation.palette import STATUS_MARKS, Status

FIGURES = "figures"


@dataclass(frozen=True, slots=True)
class HtmlCase:
    row: PortfolioRow
    case: Case | None
    file: Path


def figure_name(row: PortfolioRow) -> str:
    """A file name for a case's figure, unique per path, safe on every system."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", row.path.rsplit(".", 1)[0]).strip("-")
    return f"{stem or 'case'}.svg"


def write_portfolio_html(
    cases: Sequence[HtmlCase],
    target: Path,
    as_of: dt.date,
    headers: Sequence[str],
    cell_texts: Sequence[Sequence[str]],
) -> list[Path]:
    """Write the page and each readable case's SVG figure (in a `figures` folder beside it);
    returns the files written."""
    folder = target.parent / FIGURES
    written = []
    links: list[str | None] = []
    for item in cases:
        if item.case is None:
            links.append(None)
            continue
        folder.mkdir(parents=True, exist_ok=True)
        figure = folder / figure_name(item.row)
        export_figure(item.case, figure, ExportOptions(as_of=as_of, case_path=item.file))
        written.append(figure)
        links.append(f"{FIGURES}/{figure.name}")
    page = _page(cases, as_of, headers, cell_texts, links)
    write_atomically(target, page.encode("utf-8"))
    return [target, *written]


def _verdict_style(verdict: str) -> str:
    try:
        mark = STATUS_MARKS[Status(verdict)]
    except (ValueError, KeyError):
        return "background:#eeeeee;color:#1b1f24"
    return f"background:{mark.fill};color:#1b1f24;border-left:4px solid {mark.stroke}"


def _page(
    cases: Sequence[HtmlCase],
    as_of: dt.date,
    headers: Sequence[str],
    cell_texts: Sequence[Sequence[str]],
    links: Sequence[str | None],
) -> str:
    esc = html.escape
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for item, texts, link in zip(cases, cell_texts, links, strict=True):
        row = item.row
        first = esc(texts[0])
        name = f'<a href="{esc(link)}">{first}</a>' if link else first
        tds = [f'<td>{name}<div class="path">{esc(row.path)}</div></td>']
        for index, text in enumerate(texts[1:], start=1):
            style = f' style="{_verdict_style(row.verdict)}"' if headers[index] == "Verdict" else ""
            tds.append(f"<td{style}>{esc(text)}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
        details = [f"problem: {row.problem}"] if row.problem else []
        details += [f"{c.claim}: {c.statement} ({c.detection})" for c in row.conditions]
        details += [f"since: {change}" for change in row.changes]
        if details:
            items = "".join(f"<li>{esc(d)}</li>" for d in details)
            body.append(
                f'<tr class="details"><td colspan="{len(headers)}"><ul>{items}</ul></td></tr>'
            )
    return _TEMPLATE.format(
        as_of=esc(as_of.isoformat()), head=head, body="\n".join(body), count=len(cases)
    )


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Assurance portfolio as of {as_of}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #1b1f24; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: .4em .7em; vertical-align: top;
  border-bottom: 1px solid #d0d7de; }}
th {{ background: #f6f8fa; }}
.path {{ color: #57606a; font-size: .8em; }}
tr.details td {{ border-bottom: 2px solid #d0d7de; font-size: .9em; color: #3d444d; }}
tr.details ul {{ margin: 0; padding-left: 1.2em; }}
</style>
</head>
<body>
<h1>Assurance portfolio</h1>
<p>{count} systems, judged as of {as_of}. Each name links to the case's figure.</p>
<table>
<thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody>
</table>
</body>
</html>
"""
