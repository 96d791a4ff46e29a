"""`check` of a large case does each piece of work once (issue 17, items 1 and 2): reading
checks each id once and makes models without a generic loop per value, pauses the garbage
collector, judges evidence without a path object per artifact, and the text report builds the
reason chains it prints. Whatever the shortcut, the case read and the findings are the ones
the plain path gives."""

from __future__ import annotations

import dataclasses
import gc
import json
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from conftest import RunCli
from generate import generate_case
from test_fast_validate import assert_same_model
from test_fuzz_readers import GSNX_SEEDS

from gsn_studio.io import (
    CaseFileError,
    gsnx_diagram,
    gsnx_evidence,
    gsnx_format,
    gsnx_read,
    prefetch,
    save_case,
)
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.model import Case, Link, Node, Position, fast_validate, links, nodes
from gsn_studio.model.changes import MoveNodes

SAMPLES = Path(__file__).parent.parent / "samples"


@pytest.fixture(scope="module")
def big_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated case of about 1,500 nodes with evidence files in its folder."""
    folder = tmp_path_factory.mktemp("big")
    case = generate_case(1500)
    path = folder / "case.gsnx"
    save_case(case, path)
    return path


@pytest.fixture(scope="module")
def placed_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated case of about 1,500 nodes, each with a position on the diagram."""
    case = generate_case(1500)
    MoveNodes(
        {node.id: Position(x=i * 10.25, y=i % 7 * 3.5) for i, node in enumerate(case.nodes)}
    ).apply(case)
    path = tmp_path_factory.mktemp("placed") / "case.gsnx"
    save_case(case, path)
    return path


def python_calls(action: Callable[[], object]) -> Counter[str]:
    """The Python functions `action` calls, by name, and how often (C functions uncounted)."""
    calls: Counter[str] = Counter()

    def count(frame: FrameType, event: str, arg: object) -> None:
        if event == "call":
            calls[frame.f_code.co_name] += 1

    sys.setprofile(count)
    try:
        action()
    finally:
        sys.setprofile(None)
    return calls


def plain_reading(data: bytes, monkeypatch: pytest.MonkeyPatch) -> Case | str:
    """The case as pydantic validates every record, with no shortcut of the reader's."""
    with monkeypatch.context() as patch:
        patch.setattr(gsnx_format, "validate_fast", lambda model, record: None)
        patch.setattr(gsnx_read, "prechecked", lambda model, record: None)
        patch.setattr(gsnx_read, "validate_fast", lambda model, record: None)
        patch.setattr(gsnx_evidence, "prechecked", lambda model, record: None)
        patch.setattr(gsnx_read, "constructor", lambda model, keys, checked=False: None)
        patch.setattr(gsnx_read, "positional_constructor", lambda model, keys, checked=False: None)
        patch.setattr(gsnx_diagram, "positional_constructor", lambda model, keys: None)
        try:
            return parse_gsnx(data, "case.gsnx")
        except CaseFileError as error:
            return str(error)


@pytest.mark.parametrize("index", range(len(GSNX_SEEDS)))
def test_every_sample_and_corpus_file_reads_as_full_validation_gives(
    index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast reading of each sample and corpus file equals pydantic's validation of every
    record, and its dump validates back to the same case."""
    data = GSNX_SEEDS[index]
    full = plain_reading(data, monkeypatch)
    try:
        fast: Case | str = parse_gsnx(data, "case.gsnx")
    except CaseFileError as error:
        fast = str(error)
    if isinstance(full, str):
        assert fast == full
        return
    assert isinstance(fast, Case)
    assert_same_model(fast, full)
    assert Case.model_validate(fast.model_dump()).model_dump() == fast.model_dump()


def test_a_large_generated_case_reads_as_full_validation_gives(
    big_case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At scale too (every node and link shape a generated case has), fast equals full."""
    data = big_case.read_bytes()
    full = plain_reading(data, monkeypatch)
    assert isinstance(full, Case)
    assert_same_model(parse_gsnx(data, big_case), full)


@pytest.fixture
def reference_checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every value the id rule is applied to, by the node and the link validators."""
    seen: list[str] = []
    rule = nodes.check_reference

    def spy(value: str) -> str:
        seen.append(value)
        return rule(value)

    monkeypatch.setattr(nodes, "check_reference", spy)
    monkeypatch.setattr(links, "check_reference", spy)
    yield seen


def test_reading_leaves_the_id_rule_to_the_schema_for_printable_ascii_ids_and_read_ends(
    big_case: Path, reference_checks: list[str]
) -> None:
    """A node id of printable ASCII passed the schema's g:Id pattern, which then implies the
    id rule, and a link end naming a node read before it passed it as that node's id: neither
    is checked by the id rule again; any other id or end still is, and a bad one is refused
    with the usual FILE:LINE message."""
    case = parse_gsnx(big_case.read_bytes(), big_case)
    assert len(case.links) > 1000
    assert reference_checks == []

    def case_with(node: str, end: str) -> bytes:
        return (
            '<AssuranceCasePackage xmlns="urn:gsn-studio:gsnx:1" formatVersion="1.0">'
            "<ArgumentPackage>"
            f'<Claim gid="{node}" gsnType="Goal" assertionDeclaration="needsSupport"><content>A'
            "</content></Claim>"
            f'<AssertedInference gsnType="SupportedBy" source="{end}" target="{node}"/>'
            "</ArgumentPackage></AssuranceCasePackage>"
        ).encode()

    expected = [Link(source="G1", target="G9", kind="supportedBy")]
    reference_checks.clear()
    assert parse_gsnx(case_with("G1", "G9"), "case.gsnx").links == expected
    assert reference_checks == ["G1", "G9"]  # the link's ends, one of them no node's id
    reference_checks.clear()
    assert parse_gsnx(case_with("Gé 1", "Gé 1"), "case.gsnx").nodes[0].id == "Gé 1"
    assert reference_checks == ["Gé 1"]  # the node's id, not ASCII; the read end is not
    with pytest.raises(CaseFileError, match=r"^case\.gsnx:1: .*U\+202E .*visible characters"):
        parse_gsnx(case_with("G1", "G\u202e9"), "case.gsnx")
    with pytest.raises(CaseFileError, match=r"^case\.gsnx:1: .*U\+202E .*visible characters"):
        parse_gsnx(case_with("G\u202e1", "G1"), "case.gsnx")


def test_records_of_one_shape_are_built_by_one_constructor_made_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fast build makes a constructor for each shape of record (its keys in order) the
    first time it meets it, and reuses it for every record of that shape."""
    made: list[tuple[str, tuple[str, ...]]] = []
    compile_shape = fast_validate._compile

    def spy(plan: Any, keys: tuple[str, ...], **options: Any) -> Any:
        made.append((plan.model.__name__, keys))
        return compile_shape(plan, keys, **options)

    monkeypatch.setattr(fast_validate, "_compile", spy)
    fast_validate._plan.cache_clear()
    try:
        built = [
            fast_validate.validate_fast(Node, {"id": f"G{i}", "type": "Goal", "statement": "S"})
            for i in range(50)
        ]
    finally:
        fast_validate._plan.cache_clear()
    assert [node.id for node in built if node is not None] == [f"G{i}" for i in range(50)]
    assert made == [("Node", ("id", "type", "statement"))]


def test_reading_makes_each_element_with_its_constructor_and_validators_only(
    placed_case: Path,
) -> None:
    """Each node, link and position is made by its shape's constructor and the model's
    validators that the schema does not stand for, with no layer of look-ups, no call per
    default or per list item, and no call of Enum's machinery for a node's type (counted as
    Python calls per element)."""
    data = placed_case.read_bytes()
    case = parse_gsnx(data, placed_case)  # the constructors of its shapes made
    calls = python_calls(lambda: parse_gsnx(data, placed_case))
    elements = len(case.nodes) + len(case.links)
    assert all(node.position is not None for node in case.nodes)
    # Per element, the readers' own steps, one constructor per model made, and the validators
    # the schema does not stand for (positions' rounding, a node's type fields): 4.9 here;
    # 9.6 with the id and text rules run again on what the schema and parser checked, and
    # shapes looked up per link and position; 17.1 with the layers.
    assert sum(calls.values()) < 5.5 * elements
    for step in ("_check_id", "_clean", "check_reference", "clean_text", "validate_fast"):
        assert calls[step] < 10, step
    for step in ("build", "_model", "_optional", "__call__", "<genexpr>", "_challenge_extra"):
        assert calls[step] < 10, step


def test_reading_a_case_runs_no_garbage_collection(
    big_case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tens of thousands of objects made while a case is read set off no collection: each
    would walk every object made so far, and reading makes no cycle for one to find."""
    data = big_case.read_bytes()
    reading: list[bool] = []
    during: list[int] = []
    parse, build = gsnx_read.parse_xml, gsnx_read._build

    def parse_and_mark(*args: Any) -> Any:
        reading.append(True)
        return parse(*args)

    def build_and_unmark(*args: Any) -> Any:
        try:
            return build(*args)
        finally:
            reading.clear()  # the collections put off until now may run

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and reading:
            during.append(info["generation"])

    monkeypatch.setattr(gsnx_read, "parse_xml", parse_and_mark)
    monkeypatch.setattr(gsnx_read, "_build", build_and_unmark)
    gc.collect()
    gc.callbacks.append(count)
    try:
        case = parse_gsnx(data, big_case)
    finally:
        gc.callbacks.remove(count)
    assert len(case.nodes) > 1000
    assert during == []
    assert gc.isenabled()


def test_check_json_finds_what_it_found_before(big_case: Path, run_cli: RunCli) -> None:
    """The findings and statuses of a large case are those of the case read the plain way
    and assessed in full."""
    from gsn_studio.analysis import DEFAULT_SOON_DAYS, ArtifactReader, assess
    from gsn_studio.cli.check import report
    from gsn_studio.io.trace_sets import load_trace_sets

    with pytest.MonkeyPatch.context() as patch:
        full = plain_reading(big_case.read_bytes(), patch)
    assert isinstance(full, Case)
    reader = ArtifactReader.for_case_file(big_case)
    sets = load_trace_sets(full, big_case)
    assessment = assess(full, None, reader, DEFAULT_SOON_DAYS, trace_sets=sets)
    expected = report(big_case, full, assessment)
    result = run_cli("check", big_case, "--format", "json")
    assert json.loads(result.stdout) == json.loads(json.dumps(expected))


def test_judging_evidence_makes_one_path_per_artifact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where each reference points is worked out on strings, with one path object kept for
    the artifact, and the same access, problem and path as before: inside, missing, outside,
    through a link, a folder."""
    from gsn_studio.analysis import ArtifactReader, artifacts
    from gsn_studio.analysis.artifacts import Access

    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.pdf").write_text("a")
    (tmp_path / "linked").symlink_to(tmp_path / "reports")
    made: list[object] = []
    real_path = artifacts.Path

    def counted(*parts: Any) -> Path:
        made.append(parts)
        return real_path(*parts)

    monkeypatch.setattr(artifacts, "Path", counted)
    reader = ArtifactReader(tmp_path)
    references = {
        "reports/a.pdf": Access.READABLE,
        "reports/gone.pdf": Access.MISSING,
        "./reports/../reports/a.pdf": Access.READABLE,
        "../elsewhere.pdf": Access.OUTSIDE,
        "/etc/hostname": Access.OUTSIDE,
        "linked/a.pdf": Access.OUTSIDE,
        "reports": Access.UNREADABLE,
        "https://example.org/r.pdf": Access.URL,
    }
    looked = {reference: reader.look(reference) for reference in references}
    assert {ref: artifact.access for ref, artifact in looked.items()} == references
    assert looked["reports/a.pdf"].path == tmp_path / "reports" / "a.pdf"
    assert looked["./reports/../reports/a.pdf"].path == tmp_path / "reports" / "a.pdf"
    assert looked["reports/gone.pdf"].problem == "no such file in the case's folder"
    assert looked["../elsewhere.pdf"].problem == "it is outside the case's folder"
    assert looked["linked/a.pdf"].problem == "it passes through a symbolic link"
    assert looked["/etc/hostname"].path == real_path("/etc/hostname")
    assert len(made) <= len(references) - 1  # none for the URL
    made.clear()
    for reference in references:
        reader.look(reference)
    assert made == []  # worked out once per reference


def test_the_text_report_traces_only_the_reasons_it_prints(
    big_case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Printing a top goal's five most serious reasons traces the path of those five, not
    of every reason (hundreds on a large case), and still counts the rest; the lines are
    those of the full explanation."""
    from gsn_studio.analysis import ArtifactReader, assess, assurance
    from gsn_studio.cli import check

    case = parse_gsnx(big_case.read_bytes(), big_case)
    assessment = assess(case, None, ArtifactReader.for_case_file(big_case))
    tops = assessment.top_goals(case)
    traced: list[object] = []
    reason = assurance.Reason

    def counted(*args: Any) -> Any:
        traced.append(args)
        return reason(*args)

    monkeypatch.setattr(assurance, "Reason", counted)
    check.print_text(big_case, case, assessment)
    printed = capsys.readouterr().out
    assert 0 < len(traced) <= check.WHY_SHOWN * len(tops)
    monkeypatch.setattr(assurance, "Reason", reason)
    for top in tops:
        full = assessment.assurance[top].explain(top)
        assert len(full) > check.WHY_SHOWN
        shown = "".join(f"{big_case}:   {line}\n" for line in full[: check.WHY_SHOWN])
        more = f"{big_case}:   ... and {len(full) - check.WHY_SHOWN} more reasons"
        assert f"{shown}{more}" in printed


def test_the_first_lines_of_an_explanation_are_those_of_the_whole(big_case: Path) -> None:
    """For every goal and strategy, the first lines traced alone are the first lines of the
    whole explanation, in the same order, with the same count."""
    from gsn_studio.analysis import assess

    case = parse_gsnx(big_case.read_bytes(), big_case)
    first = assess(case).assurance
    whole = assess(case).assurance
    for node_id, node in list(first.items())[::7]:
        lines, total = node.explain_first(node_id, 3)
        full = whole[node_id].explain(node_id)
        assert (lines, total) == (full[:3], len(full))


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The files the reader parses itself (not those parsed ahead)."""
    seen: list[str] = []
    parse = gsnx_read.parse_xml

    def spy(data: bytes, path: Any) -> Any:
        seen.append(str(path))
        return parse(data, path)

    monkeypatch.setattr(gsnx_read, "parse_xml", spy)
    yield seen
    prefetch.forget()


def test_a_case_parsed_ahead_is_not_parsed_again(big_case: Path, parses: list[str]) -> None:
    """A .gsnx file named on the command line is parsed while the program starts; reading
    it then takes that tree, and gives the case a plain reading gives."""
    prefetch.start(["--format", "json", str(big_case), "not-a-case.txt"])
    case = gsnx_read.read_gsnx(big_case)
    assert parses == []
    assert_same_model(case, parse_gsnx(big_case.read_bytes(), big_case))
    assert parses == [str(big_case)]


def test_a_case_changed_or_broken_after_parsing_ahead_is_read_as_it_is_now(
    tmp_path: Path, parses: list[str]
) -> None:
    """A file that changed since it was parsed ahead is read again as it is now; one that
    does not match the schema gets the usual FILE:LINE message."""
    path = tmp_path / "case.gsnx"
    shutil.copy(SAMPLES / "tutorial.gsnx", path)
    prefetch.start([str(path)])
    prefetch.wait()
    text = path.read_text(encoding="utf-8").replace("<content>", "<content>Now: ", 1)
    path.write_text(text, encoding="utf-8")
    assert "Now: " in gsnx_read.read_gsnx(path).nodes[0].statement
    assert parses == [str(path)]
    path.write_text(text.replace("gsnType=", "kind=", 1), encoding="utf-8")
    prefetch.start([str(path)])
    with pytest.raises(CaseFileError) as refused:
        gsnx_read.read_gsnx(path)
    with pytest.raises(CaseFileError) as plainly:
        parse_gsnx(path.read_bytes(), path)
    assert str(refused.value) == str(plainly.value)
    assert ".gsnx schema" in str(refused.value)


def test_the_json_report_finds_the_top_goals_once(
    big_case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The verdict and the reasons of the JSON report come from the top goals `assess` found,
    or from one search for them (each walks every link) for an assessment made without."""
    from gsn_studio.analysis import assess
    from gsn_studio.cli.check import report

    case = parse_gsnx(big_case.read_bytes(), big_case)
    assessment = assess(case)
    searches: list[object] = []
    search = Case.top_goals

    def counted(self: Case, supported: Any = None) -> list[str]:
        searches.append(supported)
        return search(self, supported)

    monkeypatch.setattr(Case, "top_goals", counted)
    assert report(big_case, case, assessment) == report(
        big_case, case, dataclasses.replace(assessment, tops=None)
    )
    assert searches == [None]
    made = report(big_case, case, assessment)
    assert made["verdict"] == assessment.worst(case).value
    why = made["why"]
    assert isinstance(why, dict)
    assert list(why) == [top for top in search(case) if top in assessment.assurance]


@pytest.mark.parametrize("options", [(), ("--format", "json")])
def test_check_reports_the_top_goals_assess_found_without_searching_again(
    big_case: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, options: tuple[str, ...]
) -> None:
    """`check` prints the verdict and reasons of the top goals `assess` found on its one pass
    over the links, without walking every link again to find them."""
    walks: list[Case] = []
    walk = Case._supported_goals

    def counted(self: Case) -> set[str]:
        walks.append(self)
        return walk(self)

    monkeypatch.setattr(Case, "_supported_goals", counted)
    result = run_cli("check", big_case, *options)
    assert result.returncode == 1
    assert walks == []
    case = parse_gsnx(big_case.read_bytes(), big_case)
    from gsn_studio.analysis import assess

    assessment = assess(case)
    assert assessment.tops == tuple(assessment.top_goals(case))
    top = assessment.tops[0]
    if options:
        assert json.loads(result.stdout)["verdict"] == assessment.worst(case).value
    else:
        assert f": {top} " in result.stdout


def test_plain_links_are_built_by_their_shapes_constructor_found_once_per_case(
    big_case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading a case looks up the constructor of a plain link's shape once, not once per
    link through `prechecked` or `validate_fast`, and the links are those full validation
    gives."""
    looked_up: Counter[str] = Counter()

    def counting(name: str, lookup: Callable[..., Any]) -> Callable[..., Any]:
        def spy(model: type, *args: Any, **options: Any) -> Any:
            looked_up[f"{name} {model.__name__}"] += 1
            return lookup(model, *args, **options)

        return spy

    for name in ("prechecked", "validate_fast", "constructor", "positional_constructor"):
        if hasattr(gsnx_read, name):
            monkeypatch.setattr(gsnx_read, name, counting(name, getattr(gsnx_read, name)))
    monkeypatch.setattr(
        gsnx_format, "validate_fast", counting("validated", gsnx_format.validate_fast)
    )
    data = big_case.read_bytes()
    case = parse_gsnx(data, big_case)
    assert len(case.links) > 1000
    assert {key: n for key, n in looked_up.items() if "Link" in key} == {
        "positional_constructor Link": 1
    }
    full = plain_reading(data, monkeypatch)
    assert isinstance(full, Case)
    assert case.links == full.links
