"""The report's tables: findings, the evidence register, defeaters and challenges, undeveloped
goals, review comments and acceptances, and the trace matrix. Each section is a list of
blocks, empty when the case has nothing for it (the trace matrix of a case without sets)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from gsn_studio.analysis.register import register
from gsn_studio.analysis.traces import matrix
from gsn_studio.export.report_model import Block, Bullets, Heading, Para, Span, Table
from gsn_studio.export.report_narrative import TYPE_WORDS, status_word
from gsn_studio.model import LinkKind

if TYPE_CHECKING:
    from gsn_studio.export.report_content import Judged

UNDEVELOPED_CODES = ("undeveloped-goal", "undeveloped-strategy", "evidence-unreferenced")


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def bullets(lines: Iterable[str]) -> Bullets:
    return Bullets(tuple((Span(line),) for line in lines))


def _none(text: str) -> Para:
    return Para((Span(text, "italic"),), "note")


def _module_column(judged: Judged) -> bool:
    return judged.is_modular


def findings_section(judged: Judged, number: int) -> list[Block]:
    blocks: list[Block] = [Heading(1, f"{number}. Findings")]
    if not judged.findings:
        return [*blocks, _none("The checks find nothing to report.")]
    blocks.append(
        Para(
            (
                Span(
                    "What gsn-studio check reports on the as-of date, errors first: each names "
                    "the element where the problem is."
                ),
            ),
            "note",
        )
    )
    ordered = sorted(judged.findings, key=lambda f: f.severity.value != "error")
    modular = _module_column(judged)
    rows = tuple(
        (
            finding.severity.value,
            judged.shown_id(finding.node) or "-",
            *((finding.module or "case",) if modular else ()),
            finding.code,
            finding.message,
        )
        for finding in ordered
    )
    header = ("Severity", "Element", *(("Module",) if modular else ()), "Finding", "Message")
    widths = (1.1, 1.1, *((1.3,) if modular else ()), 2.0, 6.0)
    return [*blocks, Table(header, rows, widths, code_columns=(1,))]


def register_section(judged: Judged, number: int) -> list[Block]:
    rows = register(judged.case, judged.assessment)
    blocks: list[Block] = [Heading(1, f"{number}. Evidence register")]
    if not rows:
        return [*blocks, _none("The case names no evidence.")]
    blocks.append(
        Para(
            (
                Span(
                    "Every piece of evidence (and every refutation of a defeater), soonest due "
                    "first, as gsn-studio evidence lists it. The SHA-256 is the artifact's as "
                    "last verified; its state says whether the file still matches."
                ),
            ),
            "note",
        )
    )
    modular = _module_column(judged)
    table_rows = []
    for row in rows:
        cells = row.as_dict()
        verified = " ".join(part for part in (cells["verified_on"], cells["verified_by"]) if part)
        table_rows.append(
            (
                judged.shown_id(row.node),
                *((judged.module_id(row.node),) if modular else ()),
                row.statement,
                cells["reference"]
                + (f" ({cells['measure']}: {cells['measured']})" if cells["measure"] else ""),
                cells["due"] or "none",
                verified or "never",
                (cells["sha256"] or "-") + f" ({cells['hash']})",
                cells["status"],
            )
        )
    header = (
        "Id",
        *(("Module",) if modular else ()),
        "Statement",
        "Reference",
        "Due",
        "Verified",
        "SHA-256 (state)",
        "State",
    )
    widths = (0.8, *((1.1,) if modular else ()), 2.6, 2.2, 1.45, 1.5, 2.3, 1.3)
    code = (0, 6 if modular else 5)
    return [*blocks, Table(header, tuple(table_rows), widths, code_columns=code)]


def defeaters_section(judged: Judged, number: int) -> list[Block]:
    case = judged.case
    whole_marks = judged.assessment.marks(case)
    rows = []
    for link in case.links:
        if link.kind is not LinkKind.CHALLENGES:
            continue
        source = case.get(link.source)
        if source is None:
            continue
        aimed = judged.shown_id(link.target)
        if link.via is not None:
            aimed = f"the link {judged.shown_id(link.via)} → {aimed}"
        standing = whole_marks.get(link.source) or source.defeater_status.value
        rows.append(
            (
                judged.shown_id(link.source),
                TYPE_WORDS[source.type],
                aimed,
                standing,
                source.statement,
            )
        )
    rows.sort(key=lambda row: row[3] != "open")
    challenges = [
        (
            comment.id,
            comment.describe_target(),
            comment.kind.value,
            comment.author,
            comment.time.date().isoformat(),
            comment.text,
        )
        for module in judged.modular.modules
        for comment in module.case.comments
        if comment.is_open_challenge
    ]
    blocks: list[Block] = [Heading(1, f"{number}. Defeaters and challenges")]
    open_count = sum(1 for row in rows if row[3] == "open")
    if not rows and not challenges:
        summary = "No defeater challenges the argument, and no challenge from review is open."
    else:
        summary = (
            f"{open_count} of {count(len(rows), 'defeater')} open (an open defeater weakens "
            "what it challenges until evidence refutes it; an accepted one defeats it); "
            f"{count(len(challenges), 'challenge')} from review open."
        )
    blocks.append(Para((Span(summary),)))
    if rows:
        blocks.append(
            Table(
                ("Defeater", "Kind", "Challenges", "Standing", "Statement"),
                tuple(rows),
                (1.0, 1.5, 1.6, 1.2, 4.8),
                code_columns=(0,),
            )
        )
    if challenges:
        blocks.append(Heading(2, f"{number}.1 Open challenges from review"))
        blocks.append(
            Table(
                ("Comment", "On", "Kind", "Author", "Date", "Text"),
                tuple(challenges),
                (1.4, 1.2, 1.1, 1.3, 1.1, 4.0),
                code_columns=(0,),
            )
        )
    return blocks


def undeveloped_section(judged: Judged, number: int) -> list[Block]:
    found = [f for f in judged.findings if f.code in UNDEVELOPED_CODES]
    blocks: list[Block] = [Heading(1, f"{number}. Undeveloped goals")]
    if not found:
        return [
            *blocks,
            _none("Every goal and strategy is developed; every solution names evidence."),
        ]
    modular = _module_column(judged)
    rows = []
    for finding in found:
        node = judged.case.get(finding.node or "")
        rows.append(
            (
                judged.shown_id(finding.node),
                *((finding.module or "",) if modular else ()),
                node.statement if node is not None else "",
                finding.message,
            )
        )
    header = ("Id", *(("Module",) if modular else ()), "Statement", "Why it is a hole")
    widths = (0.9, *((1.2,) if modular else ()), 4.5, 4.5)
    blocks.append(
        Para((Span(f"{count(len(rows), 'hole')} in the argument: support still to be provided."),))
    )
    return [*blocks, Table(header, tuple(rows), widths, code_columns=(0,))]


def review_section(judged: Judged, number: int) -> list[Block]:
    blocks: list[Block] = [Heading(1, f"{number}. Review comments and acceptances")]
    comments = [
        (module, comment) for module in judged.modular.modules for comment in module.case.comments
    ]
    blocks.append(Heading(2, f"{number}.1 Review comments"))
    if not comments:
        blocks.append(_none("The case holds no review comments."))
    else:
        rows = []
        for module, comment in comments:
            thread = [comment.text] + [
                f"Reply by {reply.author} on {reply.time.date().isoformat()}: {reply.text}"
                for reply in comment.replies
            ]
            where = comment.describe_target()
            if judged.is_modular:
                where += f" (module {module.id})"
            rows.append(
                (
                    comment.id,
                    where,
                    f"{comment.kind.value}, {comment.status.value}",
                    f"{comment.author}, {comment.time.date().isoformat()}",
                    "\n".join(thread),
                )
            )
        blocks.append(
            Table(
                ("Comment", "On", "Kind, status", "Author, date", "Text and replies"),
                tuple(rows),
                (1.4, 1.3, 1.4, 1.6, 5.0),
                code_columns=(0,),
            )
        )
    blocks.append(Heading(2, f"{number}.2 Acceptances"))
    stale = {
        (f.module or "", judged.shown_id(f.node)): f.message
        for f in judged.findings
        if f.code == "acceptance-stale"
    }
    accepted = []
    for module in judged.modular.modules:
        for node in module.case.nodes:
            if node.acceptance is None:
                continue
            key = (module.id if judged.is_modular else "", node.id)
            problem = stale.get(key, "")
            state = "stale: " + problem.split(" is stale: ", 1)[-1] if problem else "current"
            accepted.append(
                (node.id, node.acceptance.by, node.acceptance.on.isoformat(), state, node.statement)
            )
    if not accepted:
        blocks.append(_none("No element has been accepted by an assessor."))
    else:
        blocks.append(
            Table(
                ("Element", "Accepted by", "On", "Now", "Statement"),
                tuple(accepted),
                (1.3, 2.0, 1.45, 2.3, 3.75),
                code_columns=(0,),
            )
        )
    return blocks


def trace_section(judged: Judged, number: int) -> list[Block]:
    rows = []
    for module in judged.modular.modules:
        sets = judged.trace_sets.get(module.id, {})
        if not sets:
            continue
        marks = judged.marks.get(module.id, {})
        for row in matrix(module.case, sets):
            traced = ", ".join(
                f"{node_id} ({status_word(marks[node_id])})" if marks.get(node_id) else node_id
                for node_id in row.elements
            )
            details = "; ".join(f"{key}: {value}" for key, value in row.item.fields)
            rows.append((row.set, row.item.id, row.item.title, traced or "-", row.status, details))
    problems = [
        f"Trace set {name} could not be read: {loaded.problem}"
        for sets in judged.trace_sets.values()
        for name, loaded in sets.items()
        if loaded.problem
    ]
    if not rows and not problems:
        return []
    blocks: list[Block] = [Heading(1, f"{number}. Trace matrix")]
    blocks.append(
        Para(
            (
                Span(
                    "Every item of the case's trace sets (hazards, requirements, clauses), the "
                    "elements that argue it with their status, and whether it is uncovered or "
                    "changed since its trace was last verified or accepted."
                ),
            ),
            "note",
        )
    )
    if problems:
        blocks.append(bullets(problems))
    if rows:
        blocks.append(
            Table(
                ("Set", "Item", "Title", "Traced by", "Coverage", "Details"),
                tuple(rows),
                (1.5, 0.9, 2.7, 1.8, 1.35, 2.75),
                code_columns=(1,),
            )
        )
    return blocks
