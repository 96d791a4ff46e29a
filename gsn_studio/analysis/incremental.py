"""Assessing a case again after an edit, from what the edit touched.

An editor assesses after every edit; at 10,000 nodes a whole assessment takes tens of
milliseconds, while an edit touches a node or two. `Assessor` keeps the last assessment with
what it was worked out from (`check.Evaluation`) and the nodes and links it saw, finds what
changed by identity (the model replaces a node or link it changes, never alters one), and
works out again only the findings of the nodes touched and the statuses above them. Whatever
it cannot bound (a cycle, a changed node type, counter arguments or challenges touched, ACPs,
duplicate ids, a changed case field, other settings) gets a whole assessment, so the result
is always what `assess` gives for the same case.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from itertools import compress, count
from operator import is_not
from typing import Any, TypeVar

from gsn_studio.analysis import (
    acceptance,
    defeaters,
    evidence,
    patterns,
    review,
    structure,
    traces,
)
from gsn_studio.analysis import practice as practice_checks
from gsn_studio.analysis.artifacts import ArtifactReader
from gsn_studio.analysis.assurance import Propagation, add_effects, own_reasons, repropagate
from gsn_studio.analysis.check import FAMILIES, Assessment, Evaluation, Settings, evaluate
from gsn_studio.analysis.edits import (
    MOST_LINKS,
    Changes,
    changes_between,
    middle,
    relink,
    same_analysed,
)
from gsn_studio.analysis.evidence import DEFAULT_SOON_DAYS
from gsn_studio.analysis.findings import Finding
from gsn_studio.analysis.survey import Survey
from gsn_studio.model import COUNTER, Case, Link, Node, NodeType

_CASE_FIELDS = tuple(
    name for name in Case.model_fields if name not in ("nodes", "links", "comments")
)
"""Case fields that, changed, call for a whole assessment (comments are always re-read)."""

MOST_NODES = MOST_LINKS
"""More nodes moved than this (a layout): the next edit's difference spans them, as before."""

T = TypeVar("T")


@dataclass(slots=True)
class _Last:
    case: Case
    settings: Settings
    fields: tuple[Any, ...]
    nodes: list[Node]
    links: list[Link]
    accepted: int
    """How many nodes carry an acceptance (none: acceptance findings cannot arise)."""
    order: dict[str, float]
    """A key per node that sorts them in node order (removals leave gaps, an insertion
    takes a key between its neighbours'), so that findings go in order without a pass
    over every node."""
    evaluation: Evaluation


class Assessor:
    """Assesses one case after each edit, reusing what the previous assessment found. Call
    `assess` as `check.assess`; call `forget` when something outside the case changed that
    the assessment reads (a file evidence points at, a hash worked out in the background)."""

    def __init__(self) -> None:
        self._last: _Last | None = None
        self.last_was_whole = True
        """Whether the last call assessed the whole case (for tests and benchmarks)."""

    def forget(self) -> None:
        """Make the next assessment a whole one."""
        self._last = None

    def view_edited(self, case: Case) -> None:
        """The case was moved or folded since the last assessment (what no check reads): take
        its nodes as seen, so that the next edit's difference is that edit's nodes alone, not
        every node between a moved one and it. Nothing is taken if anything else changed
        too (an edit whose findings wait), or too many nodes changed to compare quickly."""
        last = self._last
        if last is None or last.case is not case:
            return
        span = middle(last.nodes, case.nodes)
        if span is None:
            return
        start, old, new = span
        if len(old) != len(new):
            return
        differ = list(compress(count(), map(is_not, old, new)))
        if len(differ) > MOST_NODES:
            return
        for i in differ:
            before, after = old[i], new[i]
            if before.id != after.id or not same_analysed(before, after):
                return
        seen = last.nodes  # the assessor's own copy of the list, not the case's
        seen[start : start + len(new)] = new

    def assess(
        self,
        case: Case,
        as_of: dt.date | None = None,
        artifacts: ArtifactReader | None = None,
        soon_days: int = DEFAULT_SOON_DAYS,
        require_owners: bool = False,
        *,
        trace_sets: traces.TraceSets | None = None,
        recheck_files: bool = True,
    ) -> Assessment:
        """As `check.assess`. With `recheck_files` False, evidence the edit did not touch is
        judged as last read, without looking at its file: for an editor that reads the files
        again itself when they may have changed (Re-check, coming back to the window)."""
        day = as_of or dt.date.today()
        settings = Settings(day, artifacts, soon_days, require_owners, trace_sets)
        last = self._last
        update = None
        if last is not None and last.case is case and last.settings.same_as(settings):
            update = _update(last, case, recheck_files)
        self.last_was_whole = update is None
        if update is None:
            evaluation = evaluate(case, settings)
            accepted = sum(1 for node in case.nodes if node.acceptance is not None)
            order = {node.id: float(i) for i, node in enumerate(case.nodes)}
        else:
            assert last is not None
            evaluation, changes = update
            accepted, order = last.accepted, last.order
            for node in (*changes.added, *changes.changed):
                accepted += node.acceptance is not None
            for node in (*changes.removed, *changes.changed_from):
                accepted -= node.acceptance is not None
        self._last = _Last(
            case,
            settings,
            _fields(case),
            list(case.nodes),
            list(case.links),
            accepted,
            order,
            evaluation,
        )
        return evaluation.assessment


def _fields(case: Case) -> tuple[Any, ...]:
    values = (getattr(case, name) for name in _CASE_FIELDS)
    return tuple(tuple(value) if isinstance(value, list) else value for value in values)


def _update(last: _Last, case: Case, recheck_files: bool) -> tuple[Evaluation, Changes] | None:
    """The evaluation of `case` from `last`, and what changed; None for a whole one."""
    before = last.evaluation
    if case.acps or before.links.has_cycle() or before.families["duplicates"]:
        return None  # an ACP's status feeds back into propagation; cycles depend on order
    if _fields(case) != last.fields:
        return None
    changes = changes_between(last.nodes, last.links, case)
    if changes is None:
        return None
    nodes = case.index()
    if len(nodes) != len(case.nodes):
        return None  # duplicate ids
    if any(node.type in COUNTER for node in (*changes.removed, *changes.added)):
        return None
    links = relink(before.links, case, changes)
    if links is None:
        return None
    update = _Update(last, case, changes, links)
    if recheck_files:
        update.recheck_files()
    if not update.place_added():
        return None
    return update.evaluation(), changes


class _Update:
    """One edit's way from the last evaluation to the next."""

    def __init__(self, last: _Last, case: Case, changes: Changes, links: Survey) -> None:
        self.last, self.case, self.changes, self.links = last, case, changes, links
        self.before = last.evaluation
        self.nodes = links.nodes
        self.order = last.order
        self.removed = {node.id for node in changes.removed}
        ends = {link.source for link in (*changes.removed_links, *changes.added_links)}
        ends |= {link.target for link in (*changes.removed_links, *changes.added_links)}
        ends -= self.removed
        touched = {node.id for node in (*changes.changed, *changes.added)} | ends
        self.touched = [self.nodes[node_id] for node_id in touched]
        """The nodes whose findings are worked out again, in node order (once placed)."""
        self.gone = touched | self.removed
        self.links_changed = bool(changes.removed_links or changes.added_links)

    def recheck_files(self) -> None:
        """Judge again the evidence whose file is not as it was (changed, gone, come back,
        its hash worked out since): what a whole assessment would find by looking."""
        reader = self.last.settings.artifacts
        if reader is None:
            return
        before = self.before.assessment
        for judged in (before.judgements, before.refutations):
            for node_id, judgement in judged.items():
                if node_id in self.gone:
                    continue
                reference = judgement.evidence.reference
                now = reader.look(reference) if reference else None
                if now != judgement.artifact:
                    self.gone.add(node_id)
                    self.touched.append(self.nodes[node_id])

    def place_added(self) -> bool:
        """Give the added nodes their order keys and put the touched nodes in node order;
        False when the keys between two neighbours have run out."""
        order, nodes, changes = self.order, self.case.nodes, self.changes
        for node_id in self.removed:
            del order[node_id]
        added = {node.id for node in changes.added}
        end = changes.start + changes.span
        following = order[nodes[end].id] if end < len(nodes) else None
        previous = order[nodes[changes.start - 1].id] if changes.start > 0 else None
        waiting: list[str] = []
        for node in [*nodes[changes.start : end], None]:
            if node is not None and node.id in added:
                waiting.append(node.id)
                continue
            upper = following if node is None else order[node.id]
            low = previous if previous is not None else (upper or 0.0) - len(waiting) - 1
            high = upper if upper is not None else low + len(waiting) + 1
            step = (high - low) / (len(waiting) + 1)
            for i, node_id in enumerate(waiting, 1):
                order[node_id] = low + step * i
            if waiting and not low < order[waiting[0]] <= order[waiting[-1]] < high:
                return False  # floating point ran out between these two
            waiting, previous = [], upper
        if len(self.touched) > 1:
            self.touched.sort(key=lambda node: order[node.id])
        return True

    def splice(self, old: list[Finding], fresh: list[Finding]) -> list[Finding]:
        """A family's findings with those of the touched nodes replaced by `fresh`."""
        gone, order = self.gone, self.order
        if not fresh and not any(finding.node in gone for finding in old):
            return old
        kept = [finding for finding in old if finding.node not in gone]
        if not fresh:
            return kept
        if kept and order[kept[-1].node or ""] > order[fresh[0].node or ""]:
            merged = kept + fresh
            merged.sort(key=lambda finding: order[finding.node or ""])
            return merged
        return kept + fresh

    def evaluation(self) -> Evaluation:
        case, before, links, touched = self.case, self.before, self.links, self.touched
        settings = self.last.settings
        day, reader, soon = settings.day, settings.artifacts, settings.soon_days
        judgements = self.rejudge(
            before.assessment.judgements,
            evidence.judge_all(case, day, reader, soon, touched),
        )
        refutations = self.rejudge(
            before.assessment.refutations,
            evidence.judge_refutations(case, day, reader, soon, touched),
        )
        challenges = before.challenges
        counters_touched = any(node.type in COUNTER for node in touched)
        if links.challenges and (counters_touched or self.links_changed or self.removed):
            challenges = defeaters.assess_challenges(case, refutations, links.challenges)
        tops = self.tops()
        root_findings, roots = structure.root_problems(case, tops)
        reachable, unreachable = self.reach(roots)
        families = dict(before.families)
        families.update(
            roots=root_findings,
            unreachable=unreachable,
            holes=self.splice(
                before.families["holes"], list(structure.holes(case, links, touched))
            ),
            unreferenced=self.splice(
                before.families["unreferenced"], list(evidence.unreferenced(case, touched))
            ),
            evidence=self.splice(
                before.families["evidence"],
                list(
                    evidence.findings(
                        {n.id: judgements[n.id] for n in touched if n.id in judgements}
                    )
                ),
            ),
            refutations=self.splice(
                before.families["refutations"],
                list(
                    evidence.findings(
                        {n.id: refutations[n.id] for n in touched if n.id in refutations}
                    )
                ),
            ),
            challenges=list(challenges.findings),
            review=list(review.open_challenges(case)),
            empty=self.splice(
                before.families["empty"], list(structure.empty_statements(case, touched))
            ),
            traces=self.trace_findings(),
        )
        if challenges is not before.challenges or self.links_changed:
            families["dangling"] = list(defeaters.dangling_challenges(case, links.challenges))
        if case.pattern is not None:
            families["patterns"] = patterns.findings(case)
        else:
            families["patterns"] = self.splice(
                before.families["patterns"], patterns.uninstantiated(touched)
            )
            if any(
                link.multiplicity is not None or link.choice is not None
                for link in (*self.changes.removed_links, *self.changes.added_links)
            ):
                families["notation"] = patterns.notation_outside_pattern(case.links)
        if self.last.accepted or any(node.acceptance is not None for node in touched):
            families["acceptance"] = acceptance.findings(case, judgements, settings.trace_sets)
        propagated = self.propagate(judgements, challenges)
        assurance = propagated.assurance
        judged_tops = [goal for goal in tops if goal in assurance]
        families["practice"] = practice_checks.findings(
            case, links, judged_tops, settings.require_owners
        )
        findings = [finding for family in FAMILIES for finding in families[family]]
        assessment = Assessment(day, findings, judgements, refutations, assurance)
        if challenges is before.challenges:
            self.remark(assessment, propagated)
        return Evaluation(
            assessment, links, tops, roots, reachable, challenges, propagated, families
        )

    def trace_findings(self) -> list[Finding]:
        """The trace findings: the last ones, unless a node the edit touched has or had
        traces (they read nothing else an edit changes; the sets are settings, the case's
        list of them a case field). Looking at every node's traces costs 2 ms at 10,000."""
        changes = self.changes
        if any(node.traces for node in (*self.touched, *changes.removed, *changes.changed_from)):
            return traces.findings(self.case, self.last.settings.trace_sets)
        return self.before.families["traces"]

    def remark(self, assessment: Assessment, propagated: Propagation) -> None:
        """The marks, from the last ones, for the nodes whose mark may have changed: those
        touched, and those whose status changed (the rest of what makes a mark did not)."""
        known = self.before.assessment.known_marks(self.case)
        if known is None:
            return
        before, after = self.before.assessment.assurance, assessment.assurance
        redo = set(self.gone)
        for node_id in propagated.redone:
            if node_id not in before or before[node_id].status is not after[node_id].status:
                redo.add(node_id)
        redo_nodes = [self.nodes[node_id] for node_id in redo if node_id in self.nodes]
        redo_nodes.sort(key=lambda node: self.order[node.id])
        fresh = assessment.marks_of(redo_nodes, known.challengers)
        marks = dict(known.marks)
        for node_id in redo:
            if node_id not in fresh:
                marks.pop(node_id, None)
        late = [key for key in fresh if key not in marks]
        marks.update(fresh)  # a key already there keeps its place
        marks = _in_order(marks, len(late), self.order)
        assessment.keep_marks(self.case, marks, known.challengers)

    def rejudge(self, old: dict[str, T], fresh: dict[str, T]) -> dict[str, T]:
        """The judgements with the touched nodes' judged again, in node order."""
        gone = [key for key in old if key in self.gone]
        if not gone and not fresh:
            return old
        judged = dict(old)
        for key in gone:
            if key not in fresh:
                del judged[key]
        late = [key for key in fresh if key not in judged]
        judged.update(fresh)  # a key already there keeps its place
        return _in_order(judged, len(late), self.order)

    def tops(self) -> list[str]:
        """The top goals, worked out again only if a touched node's standing changed."""
        before, supported = self.before.tops, self.links.supported
        was = set(before)
        for node in self.touched:
            top = node.type is NodeType.GOAL and node.cites is None and node.id not in supported
            if top != (node.id in was):
                return self.case.top_goals(supported)
        if any(node_id in was for node_id in self.removed):
            return self.case.top_goals(supported)
        return before

    def reach(self, roots: list[str] | None) -> tuple[set[str], list[Finding]]:
        """What the roots reach and the unreachable findings, from before where possible."""
        case, links, before = self.case, self.links, self.before
        if roots is None:
            return set(), []
        removed_targets = {link.target for link in self.changes.removed_links}
        cut = removed_targets - self.removed
        if roots != before.roots or (cut and (self.changes.added_links or links.others)):
            reachable = structure.reach(links, structure.reach_starts(case, roots))
            return reachable, list(structure.unreachable(case.nodes, reachable, roots))
        reachable = before.reachable
        if self.removed:
            reachable = reachable - self.removed
        if cut:
            lost = self.cut_off(cut & reachable, roots)
            reachable = reachable - lost
            touched = {node.id for node in self.touched}
            fresh_nodes = [*self.touched, *(self.nodes[i] for i in lost if i not in touched)]
            fresh_nodes.sort(key=lambda node: self.order[node.id])
            fresh = list(structure.unreachable(fresh_nodes, reachable, roots))
            return reachable, self.splice(before.families["unreachable"], fresh)
        newly: set[str] = set()
        for link in self.changes.added_links:
            if link.source in reachable and link.target not in reachable:
                newly |= structure.reach(links, [link.target]) - reachable
        if newly:
            reachable = reachable | newly
        fresh = list(structure.unreachable(self.touched, reachable, roots))
        old = before.families["unreachable"]
        if newly:
            old = [finding for finding in old if finding.node not in newly]
        return reachable, self.splice(old, fresh)

    def cut_off(self, targets: set[str], roots: list[str]) -> set[str]:
        """What links removed (none added) to the reachable `targets` leave unreachable.

        Only what the targets still lead to can have lost its way from a root: each path
        that used a removed link goes on from the last one's target by links still there.
        Of those, a node stays reachable if it is a start or has a reachable parent beyond
        them, or is reached from such a one. `below` holds every link (no `others`)."""
        below, above, nodes = self.links.below, self.links.above, self.nodes
        below_cut = structure.reach(self.links, targets)
        reachable, starts = self.before.reachable, set(roots)
        kept = [
            node_id
            for node_id in below_cut
            if node_id in starts
            or nodes[node_id].type in COUNTER
            or any(
                parent in reachable and parent not in below_cut and parent not in self.removed
                for parent in above.get(node_id, ())
            )
        ]
        still = set(kept)
        stack = kept
        while stack:
            for child in below.get(stack.pop(), ()):
                if child not in still:
                    still.add(child)
                    stack.append(child)
        return below_cut - still

    def propagate(
        self, judgements: dict[str, Any], challenges: defeaters.Challenges
    ) -> Propagation:
        before = self.before.propagation
        effects = challenges.effects
        recheck = [node for node in self.touched if node.type not in COUNTER]
        if effects != self.before.challenges.effects:
            hit = {effect.target for effect in (*effects, *self.before.challenges.effects)}
            recheck += [self.nodes[i] for i in hit if i in self.nodes and i not in self.gone]
        fresh = own_reasons(self.nodes, self.links.developed, judgements, recheck)
        add_effects(fresh, (effect for effect in effects if effect.target in fresh))
        local = before.local
        starts = [node_id for node_id, reasons in fresh.items() if local.get(node_id) != reasons]
        ends = {link.source for link in (*self.changes.removed_links, *self.changes.added_links)}
        starts += [node_id for node_id in ends if node_id in self.nodes]
        if starts or self.removed:
            local = dict(local)
            for node_id in self.removed:
                local.pop(node_id, None)
            local.update(fresh)
        propagated = repropagate(before, self.links, local, starts, self.removed)
        assurance = propagated.assurance
        if self.changes.added and self.changes.start + self.changes.span < len(self.case.nodes):
            # The added nodes' keys came last; they go in node order (the rest already are).
            was = before.assurance
            late = sum(1 for node_id in propagated.redone if node_id not in was)
            ordered = _in_order(assurance, late, self.order)
            propagated = Propagation(
                propagated.local, propagated.worst, propagated.argument, ordered, propagated.redone
            )
        return propagated


def _in_order(items: dict[str, T], late: int, order: dict[str, float]) -> dict[str, T]:
    """`items`, whose keys are in node order but for the last `late` ones (just added), with
    those put in their places: each found by bisecting the others, so that putting a node
    back looks up the order of a few keys, not of every one."""
    if not late:
        return items
    keys = list(items)
    early, added = keys[:-late], sorted(keys[-late:], key=order.__getitem__)
    if not early or order[early[-1]] < order[added[0]]:
        return items if added == keys[-late:] else _rebuilt(items, early + added)
    ordered: list[str] = []
    start = 0
    for key in added:
        at = bisect.bisect_right(early, order[key], lo=start, key=order.__getitem__)
        ordered += early[start:at]
        ordered.append(key)
        start = at
    ordered += early[start:]
    return _rebuilt(items, ordered)


def _rebuilt(items: dict[str, T], keys: list[str]) -> dict[str, T]:
    return dict(zip(keys, map(items.__getitem__, keys), strict=True))
