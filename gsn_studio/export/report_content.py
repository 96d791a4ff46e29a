"""What the safety case report says, built once from a case (of one module or several) and
written by `report_docx` and `report_pdf`: the title page, the verdict and why, every module's
figure and numbered argument, the evidence register, defeaters and challenges, undeveloped
goals, review comments and acceptances, and the trace matrix."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from gsn_studio import __version__
from gsn_studio.analysis import ArtifactReader, Assessment, Finding, Level, assess, summarize
from gsn_studio.analysis.evidence import Judgement
from gsn_studio.analysis.modules import ModularAssessment, assess_modular
from gsn_studio.analysis.traces import TraceSets
from gsn_studio.export import report_sections as sections
from gsn_studio.export.report_figure import module_figures
from gsn_studio.export.report_model import (
    Block,
    Figure,
    Heading,
    PageBreak,
    Para,
    Report,
    Span,
    TitlePage,
)
from gsn_studio.export.report_narrative import NodeFacts, narrate, status_word
from gsn_studio.io.git_history import GitError, file_version
from gsn_studio.io.trace_sets import load_trace_sets
from gsn_studio.model import Case, ModularCase, Module
from gsn_studio.model.review import Comment


@dataclass(frozen=True)
class ReportOptions:
    as_of: dt.date
    version: str = ""
    """What the case's version is called ("issue 3 for the board"); empty: from git."""
    allow_outside: bool = False


@dataclass
class Judged:
    """A case judged as `check` judges it, one module or several, seen module by module."""

    modular: ModularCase
    folder: Path
    """The folder of the first module's file: module paths are relative to it."""
    case: Case
    """The whole argument (a case of modules unrolled into one)."""
    assessment: Assessment
    findings: list[Finding]
    marks: dict[str, dict[str, str]]
    """By module: each element's status word as that module shows it."""
    local_id: dict[str, str]
    """An id of the whole argument -> its id in its module (differs only on a clash)."""
    home: dict[str, str]
    """An id of the whole argument -> the module it belongs to."""
    trace_sets: Mapping[str, TraceSets]
    """By module: its trace sets as read."""
    whole: ModularAssessment | None = None
    """For a case of several modules: what names modules in reasons and verdicts."""

    @property
    def is_modular(self) -> bool:
        return self.modular.is_modular

    def module_id(self, node_id: str | None) -> str:
        return self.home.get(node_id or "", "")

    def shown_id(self, node_id: str | None) -> str:
        return self.local_id.get(node_id or "", node_id or "")


def judge(modular: ModularCase, first: Path, day: dt.date, allow_outside: bool) -> Judged:
    reader = ArtifactReader.for_case_file(first, allow_outside)
    folder = first.parent
    sets = {m.id: load_trace_sets(m.case, folder / m.path) for m in modular.modules}
    if not modular.is_modular:
        module = modular.modules[0]
        case = module.case
        assessment = assess(case, day, reader, trace_sets=sets[module.id])
        home = {node.id: module.id for node in case.nodes}
        return Judged(
            modular,
            folder,
            case,
            assessment,
            assessment.findings,
            {module.id: assessment.marks(case)},
            {},
            home,
            sets,
        )
    whole = assess_modular(modular, day, reader)
    return Judged(
        modular,
        folder,
        whole.complete.case,
        whole.assessment,
        whole.findings,
        {m.id: whole.marks(m) for m in modular.modules},
        dict(whole.complete.local_id),
        dict(whole.complete.home),
        sets,
        whole,
    )


def build_report(modular: ModularCase, first: Path, options: ReportOptions) -> Report:
    judged = judge(modular, first, options.as_of, options.allow_outside)
    top = modular.modules[0]
    title = top.name.strip() or first.stem
    verdict, reasons = _verdict(judged)
    blocks: list[Block] = []
    number = 1
    blocks += _summary(judged, verdict, reasons, number)
    number += 1
    blocks += sections.findings_section(judged, number)
    for module in modular.modules:
        number += 1
        blocks.append(PageBreak())  # each module starts a page: its figure comes first
        blocks += _module_section(judged, module, number, options.as_of)
    for part in (
        sections.register_section,
        sections.defeaters_section,
        sections.undeveloped_section,
        sections.review_section,
        sections.trace_section,
    ):
        found = part(judged, number + 1)
        if found:
            number += 1
            blocks += found
    blocks = _numbered_figures(blocks)
    ids = frozenset(node.id for module in modular.modules for node in module.case.nodes)
    return Report(
        title=title,
        as_of=options.as_of,
        title_page=TitlePage(
            title=title,
            subtitle="Safety case report",
            fields=_title_fields(judged, options, first),
            verdict=f"Verdict as of {options.as_of.isoformat()}: {verdict}",
        ),
        blocks=tuple(blocks),
        running_head=f"{title} · safety case report · as of {options.as_of.isoformat()}",
        generator=f"GSN Studio {__version__}",
        ids=ids,
    )


def _numbered_figures(blocks: list[Block]) -> list[Block]:
    """ "Figure 1. ...", counted through the whole report."""
    numbered: list[Block] = []
    count = 0
    for block in blocks:
        if isinstance(block, Figure):
            count += 1
            numbered.append(dataclasses.replace(block, caption=f"Figure {count}. {block.caption}"))
        else:
            numbered.append(block)
    return numbered


def _verdict(judged: Judged) -> tuple[str, list[tuple[str, str, str, list[str]]]]:
    """The verdict's word and, for each top claim (its id in the whole argument, its id and
    module as shown), every reason for its status."""
    case, assessment = judged.case, judged.assessment
    tops: list[tuple[str, str, str, list[str]]] = []
    for root in assessment.top_goals(case):
        shown, module = judged.shown_id(root), judged.module_id(root)
        if judged.whole is not None:
            lines = judged.whole.explain(module, shown)
        else:
            lines = assessment.assurance[root].explain(root)
        tops.append((root, shown, module if judged.is_modular else "", lines))
    return status_word(assessment.worst(case).value), tops


def _summary(
    judged: Judged, verdict: str, reasons: list[tuple[str, str, str, list[str]]], number: int
) -> list[Block]:
    case, assessment = judged.case, judged.assessment
    summary = summarize(case, judged.findings)
    blocks: list[Block] = [Heading(1, f"{number}. Summary")]
    worst = assessment.worst(case)
    sound = assessment.sound_until()
    if worst is Level.SUPPORTED and sound is not None:
        holds = f" It stays sound until {sound.isoformat()}, when evidence first falls due."
    elif worst is Level.SUPPORTED:
        holds = " No evidence carries a date by which it falls due."
    else:
        holds = f" The next evidence to fall due does so on {sound.isoformat()}." if sound else ""
    blocks.append(
        Para(
            (
                Span("Verdict: ", "bold"),
                Span(verdict.upper(), "bold"),
                Span(
                    f" as of {assessment.as_of.isoformat()}: the weakest top-level claim is "
                    f"{verdict}.{holds}"
                ),
            ),
            "lead",
        )
    )
    modules = f" in {len(judged.modular.modules)} modules" if judged.is_modular else ""
    blocks.append(
        Para(
            (
                Span(
                    f"The argument has {summary.nodes} elements{modules}, {summary.goals} goals, "
                    f"{summary.undeveloped_goals} undeveloped and {summary.expired_evidence} with "
                    f"expired evidence. The checks find {summary.errors} errors and "
                    f"{summary.warnings} warnings (section {number + 1})."
                ),
            )
        )
    )
    for whole_id, node_id, module, lines in reasons:
        node = case.node(whole_id)
        where = f" in module {module}" if module else ""
        status = status_word(assessment.assurance[whole_id].status.value)
        statement = node.statement
        blocks.append(
            Para(
                (
                    Span("Top claim ", "bold"),
                    Span(node_id, "code"),
                    Span(f"{where} ({status}): ", "bold"),
                    Span(statement),
                )
            )
        )
        if lines:
            blocks.append(
                Para((Span("Why, each reason traced down the argument:", "italic"),), "note")
            )
            blocks.append(sections.bullets(lines))
        else:
            blocks.append(Para((Span("Nothing below it weakens it.", "italic"),), "note"))
    return blocks


def _module_section(judged: Judged, module: Module, number: int, day: dt.date) -> list[Block]:
    marks = judged.marks.get(module.id, {})
    single = not judged.is_modular
    title = "The argument" if single else f"Module {module.id}: {module.name}"
    blocks: list[Block] = [Heading(1, f"{number}. {title}")]
    facts = _facts(judged, module)
    if not single:
        verdict = status_word(_module_verdict(judged, module).value)
        blocks.append(
            Para(
                (
                    Span("File "),
                    Span(module.path, "code"),
                    Span(f"; owner {module.owner or 'not named'}; status {verdict}."),
                )
            )
        )
    if module.description.strip() and not single:
        blocks.append(Para((Span(module.description.strip()),)))
    elif single and module.case.description.strip():
        blocks.append(Para((Span(module.case.description.strip()),)))
    blocks += module_figures(module, marks, judged.folder, day)
    narrative = narrate(module.case, facts)
    blocks.append(Heading(2, f"{number}.1 The argument, claim by claim"))
    blocks.append(
        Para(
            (
                Span(
                    "Each element is numbered by where it stands in the support tree: what frames "
                    "a claim (context, assumptions, justifications) first, then what supports it, "
                    "then what challenges it. An element reached again is referred to by its first "
                    "number."
                ),
            ),
            "note",
        )
    )
    blocks += narrative.items
    if narrative.rest:
        blocks.append(Heading(2, f"{number}.2 Elements no top claim reaches"))
        blocks += narrative.rest
    return blocks


def _module_verdict(judged: Judged, module: Module) -> Level:
    if judged.whole is None:
        return judged.assessment.worst(judged.case)
    return judged.whole.module_verdict(module)


def _facts(judged: Judged, module: Module) -> NodeFacts:
    own = {node.id for node in module.case.nodes if node.cites is None}
    whole_of = {
        local: whole
        for whole, local in ((w, judged.shown_id(w)) for w in judged.home)
        if judged.home.get(whole) == module.id and local in own
    }
    for node_id in own:
        whole_of.setdefault(node_id, node_id)

    def by_local(values: Mapping[str, Judgement]) -> dict[str, Judgement]:
        return {local: values[whole] for local, whole in whole_of.items() if whole in values}

    stale = {
        judged.shown_id(f.node): f.message.split(" is stale: ", 1)[-1]
        for f in judged.findings
        if f.code == "acceptance-stale" and (f.module or module.id) == module.id
    }
    comments: dict[str, list[Comment]] = {}
    for comment in module.case.comments:
        comments.setdefault(comment.node, []).append(comment)
    titles = {
        (name, item.id): item.title
        for name, loaded in judged.trace_sets.get(module.id, {}).items()
        for item in loaded.items
    }
    return NodeFacts(
        marks=judged.marks.get(module.id, {}),
        judgements=by_local(judged.assessment.judgements),
        refutations=by_local(judged.assessment.refutations),
        stale=stale,
        comments=comments,
        titles=titles,
        developed_by={
            judged.shown_id(goal): helper
            for goal, helper in (judged.whole.complete.developed_by if judged.whole else {}).items()
            if judged.module_id(goal) == module.id
        },
    )


def _title_fields(
    judged: Judged, options: ReportOptions, first: Path
) -> tuple[tuple[str, str], ...]:
    version = options.version
    if not version:
        try:
            version = file_version(first)
        except GitError:
            version = "not under version control (name it with --case-version)"
    owners: dict[str, list[str]] = {}
    for module in judged.modular.modules:
        if module.owner:
            owners.setdefault(module.owner, []).append(f"module {module.id}")
        for node in module.case.nodes:
            if node.owner and node.cites is None:
                owners.setdefault(node.owner, []).append(node.id)
    owner_text = "\n".join(f"{name} ({', '.join(held)})" for name, held in owners.items())
    files = []
    for module in judged.modular.modules:
        path = judged.folder / module.path
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            digest = "unreadable"
        files.append(f"{module.path}, SHA-256 {digest}")
    return (
        ("Case", judged.modular.modules[0].name),
        ("Version", version),
        ("As of", options.as_of.isoformat()),
        ("Owners", owner_text or "none named in the case"),
        ("Files" if len(files) > 1 else "File", "\n".join(files)),
        ("Produced by", f"GSN Studio {__version__}, from the case file(s) above"),
    )
