"""`assess` of a large case does only the work its result needs (issue 17, item 1): each test
pins one shortcut, and that its result is what the plain way gives."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import assurance_oracle
import pytest
from generate import generate_case
from test_check_fast import python_calls

from gsn_studio.analysis import ArtifactReader, assess, check, structure
from gsn_studio.analysis.check import Settings, evaluate
from gsn_studio.model import Case, Evidence, Link, LinkKind, Node, NodeType
from gsn_studio.model.evidence import Verification

DAY = dt.date(2026, 12, 2)


def _walked(case: Case, evaluation: check.Evaluation) -> set[str]:
    """What a walk over every link from the roots and counter arguments reaches."""
    assert evaluation.roots is not None
    starts = structure.reach_starts(case, evaluation.roots)
    return structure.reach(evaluation.links, starts)


def _orphaned(case: Case) -> Case:
    """The case with a strategy that hangs from nothing and a goal below it."""
    nodes = [*case.nodes, Node(id="S9000", type=NodeType.STRATEGY, statement="Loose")]
    nodes.append(Node(id="G9000", type=NodeType.GOAL, statement="Below nothing", undeveloped=True))
    links = [*case.links, Link(source="S9000", target="G9000", kind=LinkKind.SUPPORTED_BY)]
    return case.model_copy(update={"nodes": nodes, "links": links})


def _circular(case: Case) -> Case:
    """The case with a goal deep in the argument supporting one three levels above it."""
    deep = [node.id for node in case.nodes if node.type is NodeType.GOAL][-5]
    above = deep
    for _ in range(3):
        above = case.parents(above, LinkKind.SUPPORTED_BY)[0]
    link = Link(source=deep, target=above, kind=LinkKind.SUPPORTED_BY)
    return case.model_copy(update={"links": [*case.links, link]})


def _challenged(case: Case) -> Case:
    """The case with a counter goal challenging one of its goals."""
    goal = next(node.id for node in case.nodes[10:] if node.type is NodeType.GOAL)
    counter = Node(id="CG1", type=NodeType.COUNTER_GOAL, statement="It does not hold")
    link = Link(source="CG1", target=goal, kind=LinkKind.CHALLENGES)
    return case.model_copy(update={"nodes": [*case.nodes, counter], "links": [*case.links, link]})


@pytest.mark.parametrize("shape", [None, _orphaned, _circular, _challenged])
def test_a_sound_argument_is_all_reachable_without_a_walk(
    shape: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where every link is a legal one of the argument, none goes round in a circle and every
    node without a parent is a root, every node is reachable: `assess` says so without walking
    the links; elsewhere it walks them, and either way it finds what a walk finds."""
    case = generate_case(600, seed=3)
    if callable(shape):
        case = shape(case)
    walks: list[object] = []
    real_reach = structure.reach

    def counted(*args: object) -> set[str]:
        walks.append(args)
        return real_reach(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(structure, "reach", counted)
    evaluation = evaluate(case, Settings(DAY))
    monkeypatch.setattr(structure, "reach", real_reach)
    assert evaluation.reachable == _walked(case, evaluation)
    unreachable = [f.node for f in evaluation.assessment.findings if f.code == "unreachable"]
    expected = [
        node.id
        for node in case.nodes
        if node.id not in evaluation.reachable and node.type is not NodeType.COUNTER_GOAL
    ]
    assert unreachable == expected
    assert (walks == []) is (shape is None)
    if shape is _orphaned:
        assert unreachable == ["S9000", "G9000"]
    if shape is _circular:
        assert any(f.code == "cycle" for f in evaluation.assessment.findings)


def test_one_assessment_asks_the_file_system_once_per_reference_and_missing_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One assessment looks at each evidence reference once however many solutions share it,
    and asks about a folder that is not there once, not about each file in it; every
    solution gets the artifact a reader looking at its reference alone finds."""
    (tmp_path / "here").mkdir()
    (tmp_path / "here" / "a.pdf").write_text("a")
    references = [f"gone/r{i % 10}.pdf" for i in range(30)] + ["here/a.pdf", "here/b.pdf"] * 2
    references += ["gone/deeper/r.pdf", "../outside.pdf", "here/a.pdf/x.pdf", "https://e.org/r"]
    nodes = [Node(id="G1", type=NodeType.GOAL, statement="Safe")]
    links = []
    for i, reference in enumerate(references):
        evidence = Evidence(reference=reference, verified=Verification(on=DAY) if i % 2 else None)
        nodes.append(Node(id=f"Sn{i}", type=NodeType.SOLUTION, statement="E", evidence=evidence))
        links.append(Link(source="G1", target=f"Sn{i}", kind=LinkKind.SUPPORTED_BY))
    case = Case(nodes=nodes, links=links)
    asked: list[str] = []
    real_stat, real_lstat = os.stat, os.lstat

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        asked.append(os.fspath(path))
        return real_stat(path, *args, **kwargs)

    def lstat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        asked.append(os.fspath(path))
        return real_lstat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "lstat", lstat)
    assessment = assess(case, DAY, ArtifactReader(tmp_path))
    monkeypatch.setattr(os, "stat", real_stat)
    monkeypatch.setattr(os, "lstat", real_lstat)
    gone = str(tmp_path / "gone")
    assert [path for path in asked if path.startswith(gone + os.sep)] == []
    assert asked.count(gone) <= 1
    assert len([path for path in asked if path.endswith("b.pdf")]) <= 2  # lexists, stat
    for i, reference in enumerate(references):
        alone = ArtifactReader(tmp_path).look(reference)
        assert assessment.judgements[f"Sn{i}"].artifact == alone, reference


def test_the_json_statuses_take_each_word_without_a_python_call_per_node() -> None:
    """The statuses of every goal and strategy, which `check --format json` prints, are the
    words of their levels, taken without asking an enum for its value once per node; and
    counting the goals for the summary calls no Python function per node either."""
    case = generate_case(600, seed=3)
    assessment = assess(case, DAY)
    calls = python_calls(lambda: (assessment.statuses(case), check.summarize(case, [])))
    assert max(calls.values()) < 20, calls.most_common(3)
    statuses = assessment.statuses(case)
    assert statuses == {
        node.id: assessment.assurance[node.id].status.value
        for node in case.nodes
        if node.type in (NodeType.GOAL, NodeType.STRATEGY)
    }
    assert all(type(word) is str for word in statuses.values())
    goals = sum(1 for node in case.nodes if node.type is NodeType.GOAL)
    assert check.summarize(case, []).goals == goals


def test_findings_and_judgements_are_made_without_a_setattr_call_per_field() -> None:
    """The records an assessment makes thousands of (findings, judgements, reasons,
    artifacts) set their fields without a call to `object.__setattr__` each, and stay what
    frozen dataclasses are: equal by value, hashable, unchangeable, with the same
    signature and defaults."""
    from dataclasses import FrozenInstanceError, replace

    from gsn_studio.analysis import Finding, Severity
    from gsn_studio.analysis.artifacts import Access, Artifact
    from gsn_studio.analysis.assurance import Reason
    from gsn_studio.analysis.evidence import Judgement
    from gsn_studio.analysis.levels import Level

    made = {
        Finding: lambda: Finding("x", Severity.ERROR, "G1", "message"),
        Reason: lambda: Reason(Level.WEAKENED, "Sn1", "Sn1 expired"),
        Artifact: lambda: Artifact("r", Access.URL),
        Judgement: lambda: replace(assess(generate_case(60), DAY).judgements["Sn1"]),
    }
    for record, make in made.items():
        # What the constructor calls: a frozen dataclass's calls object.__setattr__ per field.
        assert "__setattr__" not in record.__init__.__code__.co_names, record
        assert type(make()) is record
    finding = Finding("x", Severity.ERROR, "G1", "message")
    assert finding == Finding(code="x", severity=Severity.ERROR, node="G1", message="message")
    assert finding.module is None and hash(finding) == hash(replace(finding))
    assert replace(finding, module="m").module == "m"
    with pytest.raises(FrozenInstanceError):
        finding.code = "y"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Finding("x", Severity.ERROR)  # type: ignore[call-arg]
    reason = Reason(Level.WEAKENED, "Sn1", "Sn1 expired")
    assert reason.path == () and repr(reason).startswith("Reason(level=")
    assert Artifact("r", Access.URL).problem == "" and Artifact("r", Access.URL).path is None


def _count_type_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the nodes whose type is read from now on (until `monkeypatch.undo()`)."""
    read: list[str] = []
    real = Node.__getattribute__

    def counted(node: Node, name: str) -> Any:
        if name == "type":
            read.append(node.id)
        return real(node, name)

    monkeypatch.setattr(Node, "__getattribute__", counted)
    return read


def test_sorting_the_links_reads_each_nodes_type_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pass over the links takes each node's type from a dict made in node order, not
    from the nodes at both ends of every link (objects all over memory); what it sorts out
    is what the rules say of each link."""
    from gsn_studio.analysis.survey import in_argument, survey

    case = _challenged(_orphaned(generate_case(600, seed=3)))
    case = case.model_copy(
        update={
            "links": [*case.links, Link(source="G1", target="Nowhere", kind=LinkKind.SUPPORTED_BY)]
        }
    )
    read = _count_type_reads(monkeypatch)
    found = survey(case)
    monkeypatch.undo()
    assert len(read) <= len(case.nodes) + 2 * len(found.problems) + 2 * len(found.challenges)
    nodes = case.index()
    assert sum(map(len, found.below.values())) == sum(in_argument(k, nodes) for k in case.links)
    assert sum(map(len, found.others.values())) + sum(map(len, found.below.values())) == len(
        case.links
    )
    assert [f.code for f in found.problems] == ["dangling-link"]
    assert [link.source for link in found.challenges] == ["CG1"]


def test_each_check_of_one_kind_of_node_is_given_only_those_nodes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Judging evidence and refutations, finding unreferenced solutions and holes, and the
    starts of reachability each get the nodes of their kinds, picked out once, rather than
    each walking all of the case's nodes; the findings are those of walking them all."""
    from gsn_studio.analysis import evidence

    case = _challenged(_orphaned(generate_case(600, seed=3)))
    given: dict[str, list[NodeType] | None] = {}

    def spy(module: object, name: str, keyword: str, place: int = 99) -> None:
        real = getattr(module, name)

        def called(*args: Any, **kwargs: Any) -> Any:
            nodes = kwargs.get(keyword, args[place] if len(args) > place else None)
            given[name] = None if nodes is None else sorted({node.type for node in nodes})
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, called)

    spy(evidence, "judge_all", "nodes")
    spy(evidence, "judge_refutations", "nodes")
    spy(evidence, "unreferenced", "nodes")
    spy(structure, "holes", "nodes")
    spy(structure, "reach_starts", "counters", 2)
    found = assess(case, DAY).findings
    monkeypatch.undo()
    assert given == {
        "judge_all": [NodeType.SOLUTION],
        "judge_refutations": [NodeType.COUNTER_GOAL],
        "unreferenced": [NodeType.SOLUTION],
        "holes": [NodeType.GOAL, NodeType.STRATEGY],
        "reach_starts": [NodeType.COUNTER_GOAL],
    }
    hole_codes = ("undeveloped-goal", "undeveloped-strategy", "marked-undeveloped-but-supported")
    assert [f for f in found if f.code in hole_codes] == list(structure.holes(case))
    unreferenced = [f for f in found if f.code == "evidence-unreferenced"]
    assert unreferenced == list(evidence.unreferenced(case))
    assert [f for f in found if f.code == "unreachable"] == list(
        structure.unreachable(case.nodes, _walked(case, evaluate(case, Settings(DAY))), ["G1"])
    )


class _CountingDict(dict[str, Any]):
    """A dict that counts the look-ups made with `get`."""

    gets = 0

    def get(self, key: str, default: Any = None) -> Any:
        type(self).gets += 1
        return super().get(key, default)


def _illegally_linked(case: Case) -> Case:
    """The case with a context that "supports" a goal (a link outside the argument)."""
    context = next(node.id for node in case.nodes if node.type is NodeType.CONTEXT)
    goal = next(node.id for node in case.nodes[20:] if node.type is NodeType.GOAL)
    link = Link(source=context, target=goal, kind=LinkKind.SUPPORTED_BY)
    return case.model_copy(update={"links": [*case.links, link]})


@pytest.mark.parametrize("shape", [None, _orphaned, _challenged, _illegally_linked])
def test_the_reasons_printed_for_the_one_root_of_a_sound_argument_need_no_whole_walk(
    shape: object,
) -> None:
    """When every node hangs below the one root, the root's five most serious reasons are
    found by walking the argument only until five of its worst kind turn up, and the count
    of the rest from the reasons themselves; the lines and the count are those of the whole
    explanation. Elsewhere the whole argument below the root is walked."""
    case = generate_case(1500, seed=5)
    if callable(shape):
        case = shape(case)
    assessment = assess(case, DAY)
    root = assessment.top_goals(case)[0]
    node = assessment.assurance[root]
    full = node.explain(root)
    fresh = assess(case, DAY).assurance[root]
    argument = fresh._argument
    assert argument is not None
    argument.below = _CountingDict(argument.below)
    _CountingDict.gets = 0
    lines, total = fresh.explain_first(root, 5)
    assert (lines, total) == (full[:5], len(full))
    nodes = len(case.nodes)
    assert (_CountingDict.gets < nodes // 4) is (shape is None), _CountingDict.gets


def _marked_up(case: Case) -> Case:
    """The case with one node of each kind a check of its own looks for: a blank statement,
    one still to be instantiated, one tracing an item of a set the case does not name, and
    one accepted long ago (stale now)."""
    from gsn_studio.model.traces import Acceptance, Trace

    ids = [node.id for node in case.nodes if node.type is NodeType.GOAL][5:9]
    changes: list[dict[str, Any]] = [
        {"statement": "   "},
        {"uninstantiated": True},
        {"traces": (Trace(set="reqs", item="R1"),)},
        {"acceptance": Acceptance(by="Assessor", on=DAY, digest="0" * 64)},
    ]
    marked = dict(zip(ids, changes, strict=True))
    nodes = [
        node.model_copy(update=marked[node.id]) if node.id in marked else node
        for node in case.nodes
    ]
    return case.model_copy(update={"nodes": nodes})


def test_the_checks_of_rare_marks_are_given_only_the_nodes_that_carry_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Blank statements, elements still to be instantiated, traces and acceptances are each
    checked on the nodes carrying them, picked out on the one pass that sorts the nodes by
    kind, not by a walk of every node per check; the findings are those of the walks."""
    from gsn_studio.analysis import acceptance, patterns, traces

    case = _marked_up(generate_case(600, seed=3))
    given: dict[str, int] = {}

    def spy(module: Any, name: str, place: int) -> None:
        real = getattr(module, name)

        def called(*args: Any) -> Any:
            nodes = args[place] if len(args) > place else None
            given[module.__name__.rpartition(".")[2]] = len(
                nodes if nodes is not None else case.nodes
            )
            return real(*args)

        monkeypatch.setattr(module, name, called)

    spy(structure, "empty_statements", 1)
    spy(patterns, "uninstantiated", 0)
    spy(traces, "findings", 2)
    spy(acceptance, "findings", 3)
    found = assess(case, DAY, trace_sets={}).findings
    monkeypatch.undo()
    assert given == {"structure": 1, "patterns": 1, "traces": 1, "acceptance": 1}
    walked = [
        *structure.empty_statements(case),
        *patterns.uninstantiated(case.nodes),
        *traces.findings(case, {}),
        *acceptance.findings(case, None, {}),
    ]
    codes = {"empty-statement", "uninstantiated-element", "trace-dangling", "acceptance-stale"}
    assert sorted(f.code for f in walked) == sorted(codes)
    assert [f for f in found if f.code in codes] == walked


def test_the_nodes_without_a_reason_of_their_own_share_one_empty_sequence() -> None:
    """Propagation gives every node without an own reason (most nodes of a large argument)
    one shared empty sequence, not an empty list each; a challenge's reason still lands on
    its target alone, and the statuses are those of the reasons."""
    case = _challenged(generate_case(600, seed=3))
    evaluation = evaluate(case, Settings(DAY))
    local = evaluation.propagation.local
    empty = [reasons for reasons in local.values() if not reasons]
    assert len(empty) > len(local) // 2
    assert len({id(reasons) for reasons in empty}) == 1
    hit = [node_id for node_id, reasons in local.items() if any(r.cause == "CG1" for r in reasons)]
    assert len(hit) == 1
    assert list(local[hit[0]])[-1].text == evaluation.challenges.effects[0].text
    oracle = assurance_oracle.propagate(
        case, evaluation.assessment.judgements, evaluation.challenges.effects
    )
    assurance = evaluation.assessment.assurance
    assert list(assurance) == list(local)  # node order
    assert {k: v.status for k, v in assurance.items()} == {k: v.status for k, v in oracle.items()}


PLACED = [
    "evidence/report-1.pdf", "report.pdf", "a.b/c.d", ".hidden/x.pdf", "x/.y/z", "...", "a/...",
    "./report.pdf", "evidence/./r.pdf", "evidence//r.pdf", "evidence/", "../outside.pdf",
    "a/../b.pdf", "a/..", ".", "..", "/etc/passwd", "//host/x", "a/b/c/d/e/f.pdf", "a\\b.pdf",
    "é/ü.pdf", "a b/c d.pdf", "a/b..c/d", "..a/b", "a/.b./c",
]  # fmt: skip


@pytest.mark.parametrize("folder", ["case", "/"])
def test_a_plain_reference_is_placed_without_normalising_it(
    folder: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relative reference that normalising would leave as it is (most are) is placed
    without `os.path.normpath`, the joined path and its folder being what normalising
    gives; any other reference is normalised, and every one is judged inside or outside
    the case's folder as before."""
    import posixpath

    from gsn_studio.analysis import artifacts

    where = tmp_path / folder if folder != "/" else Path("/")
    normalised: list[str] = []
    real = posixpath.normpath

    def counted(path: str) -> str:
        normalised.append(path)
        return real(path)

    monkeypatch.setattr(artifacts.os.path, "normpath", counted)
    reader = ArtifactReader(where, allow_outside=True)
    for reference in PLACED:
        normalised.clear()
        joined, refusal, inside, parent = reader._place(reference)
        expected = real(os.path.join(str(where), reference))
        assert (str(joined), parent) == (expected, os.path.dirname(expected)), reference
        assert inside is (
            expected == str(where) or expected.startswith(str(where).rstrip("/") + "/")
        )
        assert refusal == ""
        plain = "/" + reference + "/"
        simple = "//" not in plain[1:-1] and "/./" not in plain and "/../" not in plain
        simple = simple and plain not in ("///", "/./", "/../") and not reference.startswith("/")
        assert (normalised == []) is (simple and not reference.endswith("/")), reference


def test_judging_evidence_reads_its_fields_once_and_writes_words_only_for_findings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Judging a solution's evidence reads its reference and measure from the model once
    each (every read goes through pydantic's attribute hook), the reference's words being
    put together only for a finding; the judgements are those of judging each alone."""
    from gsn_studio.analysis import evidence

    case = generate_case(600, seed=3)
    solutions = [node for node in case.nodes if node.evidence is not None]
    reader = ArtifactReader(Path("/nowhere"))
    alone = {node.id: evidence.judge(node, node.evidence, DAY, reader, 30) for node in solutions}
    read: list[str] = []
    real = Evidence.__getattribute__

    def counted(record: Evidence, name: str) -> Any:
        if name in ("reference", "measure"):
            read.append(name)
        return real(record, name)

    monkeypatch.setattr(Evidence, "__getattribute__", counted)
    judged = evidence.judge_all(case, DAY, reader, 30, nodes=solutions)
    monkeypatch.undo()
    assert judged == alone
    found = sum(len(judgement.findings) for judgement in judged.values())
    # One read each in judge, one of the reference to tell its state, one per finding.
    assert read.count("measure") == len(solutions)
    assert read.count("reference") <= 2 * len(solutions) + found


def test_looking_for_holes_clears_a_supported_goal_by_its_id_and_mark_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Looking for holes reads the type and citation only of goals and strategies that are
    unsupported or marked undeveloped (few), not of every one; the holes are those the
    rules give for every node of the case."""
    case = _orphaned(generate_case(600, seed=3))
    links = evaluate(case, Settings(DAY)).links
    developable = [node for node in case.nodes if node.type in (NodeType.GOAL, NodeType.STRATEGY)]
    read: list[str] = []
    real = Node.__getattribute__

    def counted(node: Node, name: str) -> Any:
        if name in ("type", "cites"):
            read.append(node.id)
        return real(node, name)

    monkeypatch.setattr(Node, "__getattribute__", counted)
    found = list(structure.holes(case, links, nodes=developable))
    monkeypatch.undo()
    flagged = [n for n in developable if n.id not in links.developed or n.undeveloped]
    assert len(read) <= 2 * len(flagged) < len(developable)
    assert found == list(structure.holes(case))
    assert [f.node for f in found] == [n.id for n in flagged if n.cites is None]


def test_the_statuses_of_the_case_as_assessed_ask_no_node_for_its_type(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The JSON statuses of the case an assessment was made of come from the goals and
    strategies `assess` picked out, asking no node for its type; of another case (a copy)
    they come from a walk of its nodes; both are the plain walk's statuses."""
    case = _challenged(generate_case(600, seed=3))
    assessment = assess(case, DAY)
    copy = case.model_copy()
    read = _count_type_reads(monkeypatch)
    statuses = assessment.statuses(case)
    assert read == []
    assert assessment.statuses(copy) == statuses
    assert len(read) >= len(case.nodes)  # the walk asks each node
    monkeypatch.undo()
    assert statuses == {
        node.id: assessment.assurance[node.id].status.value
        for node in case.nodes
        if node.type in (NodeType.GOAL, NodeType.STRATEGY)
    }
