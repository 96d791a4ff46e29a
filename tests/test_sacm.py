"""SACM XMI and its dialects: recognised by content, read with counts that match an
independent count, reported, written back as SACM 2.2 in the GSN profile, and refused cleanly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from gsn_studio.cli import main
from gsn_studio.io import CaseFileError, load_case
from gsn_studio.io.modular import load_modular
from gsn_studio.io.sacm import parse_sacm, read_sacm
from gsn_studio.io.sacm.write import to_sacm_bytes
from gsn_studio.model import LinkKind, ModularCase, NodeType

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sacm"
SACM_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "sacm"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _manifest() -> list[object]:
    """The independent counts of MANIFEST.md: (file, nodes, links, packages)."""
    manifest = SACM_CORPUS.parent / "MANIFEST.md"
    if not manifest.is_file():
        return [pytest.param(None, 0, 0, 0, marks=pytest.mark.skip(reason="no shared corpus"))]
    rows = re.findall(
        r"^\| sacm/(\S+) \| (\d+) .*?\| (\d+) .*?\| (\d+) \|$", manifest.read_text(), re.M
    )
    return [pytest.param(name, int(n), int(k), int(p), id=name) for name, n, k, p in rows]


@pytest.mark.parametrize(("name", "nodes", "links", "packages"), _manifest())
def test_corpus_file_opens_with_the_independent_counts(
    name: str, nodes: int, links: int, packages: int
) -> None:
    """Every SACM file of the shared corpus opens with MANIFEST.md's node and link counts."""
    imported = read_sacm(SACM_CORPUS / name)
    modules = imported.modular.modules
    assert len(modules) == packages
    assert sum(len(m.case.nodes) for m in modules) == nodes
    assert sum(len(m.case.links) for m in modules) == links


@pytest.mark.parametrize(("name", "nodes", "links", "packages"), _manifest())
def test_corpus_file_round_trips_through_sacm(
    name: str, nodes: int, links: int, packages: int
) -> None:
    """A corpus file read, written as SACM 2.2 and read again gives the same modules."""
    modular = load_modular([SACM_CORPUS / name])
    again = parse_sacm(to_sacm_bytes(modular), "x.sacm", modular.modules[0].path).modular
    assert again == modular


def test_pure_sacm_reads_types_texts_citations_and_evidence() -> None:
    """SACM 2.2: terminology texts, strategies, declarations, counters, citations, artifacts."""
    imported = read_sacm(FIXTURES / "sacm22.sacm")
    top, pumping = imported.modular.modules
    case = top.case
    assert case.node("Claim SysSafe.0").statement == "pump is safe."
    assert case.node("J1").type is NodeType.JUSTIFICATION
    assert case.node("A1").type is NodeType.ASSUMPTION
    assert case.node("G2").undeveloped
    assert case.node("CG1").type is NodeType.COUNTER_GOAL
    evidence = case.node("Sn1").evidence
    assert evidence is not None and evidence.reference == "https://example.org/occlusion.pdf"
    assert str(evidence.date) == "2024-03-01"
    assert case.node("Sn1").extras["version"] == "2.1"
    pairs = {(link.source, link.target, link.kind) for link in case.links}
    assert ("Claim SysSafe.0", "S1", LinkKind.SUPPORTED_BY) in pairs
    assert ("S1", "J1", LinkKind.IN_CONTEXT_OF) in pairs  # context of the inference
    assert ("CG1", "G3", LinkKind.CHALLENGES) in pairs
    away = pumping.case.node("G2")
    assert away.cites is not None and (away.cites.module, away.cites.element) == ("Top", "G2")
    assert case.node("G2").public  # what another package cites is public there
    assert "G-14" in case  # no name, no gid: a stable made id
    report = imported.report
    assert report.approximations["AssertedArtifactSupport read as SupportedBy"] == 1
    assert any("Decoration" in what for what in report.skipped)
    assert [p.code for p in report.problems] == ["dangling-reference"]


def test_gsn_profile_reads_nested_packages_names_and_flags() -> None:
    """The GSN profile: parent-to-child links, "G1 : text" names, away goals, flags."""
    control, sensors = read_sacm(FIXTURES / "profile.assurancecase").modular.modules
    assert (control.id, sensors.id) == ("Control", "Sensors")
    assert control.case.node("G1").statement == "The control system is safe"
    assert control.case.node("G2").undeveloped
    assert control.case.node("G4").extras == {"uninstantiated": True}
    assert control.case.children("S1") == ["G2", "G3", "G4", "C1"]
    cites = control.case.node("G3").cites
    assert cites is not None and (cites.module, cites.element) == ("Sensors", "G10")


def test_aceditor_packages_are_modules_with_gid_ids_and_expression_texts() -> None:
    """ACEditor: gids as ids, texts built from terms, a citation without text of its own."""
    imported = read_sacm(FIXTURES / "aceditor.sacm2")
    first, second = imported.modular.modules
    assert first.case.node("Claim SysSafe").statement == "system is acceptably safe"
    assert first.case.node("RiskHzdX").cites is not None
    assert second.case.node("RiskHzdX").statement.startswith("Risk posed")
    assert imported.report.dialect == "ACEditor SACM 2.1"


def test_deis_wrapper_reads_the_argument_and_reports_what_it_skipped() -> None:
    """DEIS ODE: the SACM inside is read; the fault trees are counted as skipped."""
    imported = read_sacm(FIXTURES / "deis.model")
    assert [n.id for n in imported.case().nodes] == ["G1", "Sn1"]
    assert "3 elements (1 FaultTree, 2 Gate) in the failure-logic package 'Brake FTA'" in (
        "\n".join(imported.report.lines())
    )


@pytest.mark.parametrize(
    "name", ["certware.gsn", "certware-diagram.gsn", "arm.arm", "sacm1.argumentation"]
)
def test_older_dialects_open(name: str) -> None:
    """CertWare GSN trees, OMG ARM and SACM 1.0 open with goals supported as written."""
    case = load_case(FIXTURES / name)
    assert case.node("G1").type is NodeType.GOAL
    assert case.children("G1", LinkKind.SUPPORTED_BY)
    assert case.children("G1", LinkKind.IN_CONTEXT_OF) or name == "certware.gsn"


def test_certware_strategy_refers_to_a_solution_it_does_not_contain() -> None:
    """CertWare's non-containment references (a strategy's `solution`) become links too."""
    case = load_case(FIXTURES / "certware-diagram.gsn")
    assert "Sn1" in case.children("S1") and "Sn1" in case.children("G1")
    assert case.node("G3").undeveloped


def test_arm_evidence_points_from_claim_to_evidence() -> None:
    """ARM's AssertedEvidence (claim -> evidence) becomes G2 supported by the solution Sn1."""
    case = load_case(FIXTURES / "arm.arm")
    assert case.node("Sn1").type is NodeType.SOLUTION
    assert case.children("G2") == ["Sn1"]


def test_reader_is_chosen_by_content_not_extension(tmp_path: Path) -> None:
    """A .xmi holding .gsnx content opens as .gsnx; a .model holding SACM opens as SACM."""
    gsnx = tmp_path / "case.xmi"
    gsnx.write_bytes((SAMPLES / "tutorial.gsnx").read_bytes())
    assert load_case(gsnx) == load_case(SAMPLES / "tutorial.gsnx")
    renamed = tmp_path / "case.model"
    renamed.write_bytes((FIXTURES / "profile.assurancecase").read_bytes())
    assert "G1" in load_case(renamed)


def test_unsupported_kind_names_its_root_and_namespace(capsys: pytest.CaptureFixture[str]) -> None:
    """A file of another kind says which (root and namespace) and that it is not read."""
    assert main(["check", str(FIXTURES / "unsupported.xmi")]) == 2
    error = capsys.readouterr().err
    assert "unsupported.xmi:2: this is Model in the namespace http://www.eclipse.org/uml2" in error
    assert "does not read" in error and len(error.strip().splitlines()) == 1


def test_convert_prints_the_import_report_and_writes_sacm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """convert prints what it read, skipped and approximated, then writes SACM that reopens."""
    target = tmp_path / "out.sacm"
    assert main(["convert", str(FIXTURES / "deis.model"), str(target)]) == 0
    captured = capsys.readouterr()
    assert "read as DEIS ODE" in captured.err and "skipped: 3 elements" in captured.err
    assert load_case(target) == load_case(FIXTURES / "deis.model")


@pytest.mark.parametrize("name", ["tutorial.gsnx", "infusion-pump.gsnx", "loan-approval.gsnx"])
def test_case_round_trips_through_sacm(name: str, tmp_path: Path) -> None:
    """A .gsnx case converted to SACM and back is equal: nothing listed is lost."""
    target = tmp_path / "case.sacm"
    assert main(["convert", str(SAMPLES / name), str(target)]) == 0
    assert load_case(target) == load_case(SAMPLES / name)


def test_modular_case_round_trips_through_one_sacm_file(tmp_path: Path) -> None:
    """Modules become packages of one SACM file; reading it gives the same modules back."""
    modular = load_modular([SAMPLES / "modular-loan" / "top.gsnx"])
    target = tmp_path / "top.sacm"
    assert main(["convert", str(SAMPLES / "modular-loan" / "top.gsnx"), str(target)]) == 0
    again = load_modular([target])
    assert [m.id for m in again.modules] == [m.id for m in modular.modules]
    assert [m.case for m in again.modules] == [m.case for m in modular.modules]


def test_sacm_written_keeps_the_argument_without_our_extension() -> None:
    """An EMF tool that drops xmi:Extension still has every node, link, citation and reference."""
    modular = load_modular([SAMPLES / "modular-loan" / "top.gsnx"])
    root = etree.fromstring(to_sacm_bytes(modular))
    for extension in root.iter("{http://www.omg.org/XMI}Extension"):
        extension.getparent().remove(extension)
    again = parse_sacm(etree.tostring(root), "x.sacm").modular

    def essence(m: ModularCase) -> list[object]:
        return [
            (
                mod.id,
                sorted(
                    (n.id, n.type, n.statement, n.cites, n.evidence and n.evidence.reference)
                    for n in mod.case.nodes
                ),
                sorted(map(str, mod.case.links)),
            )
            for mod in m.modules
        ]

    assert essence(again) == essence(modular)


def test_repeated_id_gets_a_made_id_and_writing_back_restores_the_original() -> None:
    """A name used twice keeps the first; the second is "C3 (2)", written back as C3."""
    if not SACM_CORPUS.is_dir():
        pytest.skip("no shared corpus")
    case = load_case(SACM_CORPUS / "sysmline" / "EasyExample.assurancecase")
    assert case.node("C3 (2)").extras["sacm:name"] == "C3"
    written = to_sacm_bytes(load_modular([SACM_CORPUS / "sysmline/EasyExample.assurancecase"]))
    assert written.count(b'content="C3"') == 2


def test_check_reports_a_dangling_reference_as_a_finding(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A reference that resolves to nothing is a dangling-link finding naming its path."""
    assert main(["check", str(FIXTURES / "sacm22.sacm")]) == 1
    out = capsys.readouterr().out
    assert "dangling-link" in out and "//@argumentPackage.0/@argumentationElement.40" in out


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b'<!DOCTYPE x [<!ENTITY a "b">]><x/>', "DTD"),
        (b"<a:AssuranceCasePackage xmlns:a='http://omg.sacm/2.2/assurancecase'>", "not well"),
        (b"\x00\x01binary", "not an XML file"),
    ],
)
def test_hostile_sacm_is_one_line_naming_file_and_problem(data: bytes, problem: str) -> None:
    """DTDs, broken XML and binary junk are refused with FILE:LINE: problem, no traceback."""
    with pytest.raises(CaseFileError) as error:
        parse_sacm(data, "bad.sacm")
    assert str(error.value).startswith("bad.sacm") and problem in str(error.value)
    assert "\n" not in str(error.value)


_SEED = (FIXTURES / "sacm22.sacm").read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(_SEED) - 1), st.integers(1, 40), st.binary(max_size=12))
def test_mangled_sacm_opens_or_is_refused_cleanly(start: int, length: int, junk: bytes) -> None:
    """Any mangling of an SACM file ends in a case or a CaseFileError, never another error."""
    data = _SEED[:start] + junk + _SEED[start + length :]
    try:
        parse_sacm(data, "fuzz.sacm")
    except CaseFileError as error:
        assert str(error).startswith("fuzz.sacm")


def test_unresolvable_citation_is_an_away_finding_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A citedElement that resolves to nothing (or into another file) is reported by check."""
    source = (FIXTURES / "aceditor.sacm2").read_text()
    broken = tmp_path / "broken.sacm2"
    broken.write_text(source.replace('citedElement="//@argumentPackage.1', 'citedElement="//@x.9'))
    assert main(["check", str(broken)]) == 1
    assert "dangling-away-reference: RiskHzdX cites //@x.9/@argumentationElement.0" in (
        capsys.readouterr().out
    )
    assert [p.code for p in read_sacm(broken).report.problems] == ["dangling-reference"]


TERMS = "//@terminologyPackage.0/@terminologyElement"


def test_terminology_expressions_nesting_each_other_stay_cheap() -> None:
    """Expressions that repeat and contain each other are built once each, cut at a bound."""
    terms = ['<terminologyElement xsi:type="t:Term" gid="w" value="word"/>']
    for level in range(1, 16):  # each level names the one below ten times: 10**15 words
        below = " ".join([f"//@terminologyPackage.0/@terminologyElement.{level - 1}"] * 10)
        terms.append(
            f'<terminologyElement xsi:type="t:Expression" gid="e{level}" value="$&lt;x>$" '
            f'element="{below}"/>'
        )
    terms.append(
        '<terminologyElement xsi:type="t:Expression" gid="loop" value="$&lt;x>$" '
        'element="//@terminologyPackage.0/@terminologyElement.16"/>'
    )
    data = f"""<a:AssuranceCasePackage xmlns:a="http://omg.sacm/2.2/assurancecase"
      xmlns:g="http://omg.sacm/2.2/argumentation" xmlns:t="http://omg.sacm/2.2/terminology"
      xmlns:b="http://omg.sacm/2.2/base" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <terminologyPackage>{"".join(terms)}</terminologyPackage>
      <argumentPackage><argumentationElement xsi:type="g:Claim" gid="G1"><description><content>
        <value xsi:type="b:ExpressionLangString" expression="{TERMS}.15"/>
      </content></description></argumentationElement>
      <argumentationElement xsi:type="g:Claim" gid="G2"><description><content>
        <value xsi:type="b:ExpressionLangString" expression="{TERMS}.16"/>
      </content></description></argumentationElement></argumentPackage>
    </a:AssuranceCasePackage>""".encode()
    case = parse_sacm(data, "terms.sacm").case()
    assert case.node("G1").statement.startswith("word word")
    assert len(case.node("G1").statement) <= 100_000
    assert case.node("G2").statement == ""


_CLASSES = [
    "argumentation_:Claim", "argumentation_:ArgumentReasoning", "argumentation_:ArtifactReference",
    "argumentation_:AssertedInference", "argumentation_:AssertedEvidence",
    "argumentation_:AssertedContext", "argumentation_:AssertedArtifactSupport", "gsn_:Goal",
    "gsn_:SupportedBy", "gsn_:InContextOf", "gsn_:AwayGoal", "argumentation_:Unknown",
]  # fmt: skip
_ATTRIBUTES = ["source", "target", "reasoning", "citedElement"]
_FLAGS = ['isCounter="true"', 'isCitation="true"', 'assertionDeclaration="needsSupport"',
          'assertionDeclaration="assumed"', 'assertionDeclaration="defeated"', ""]  # fmt: skip


@st.composite
def _random_sacm(draw: st.DrawFn) -> bytes:
    """Argument packages of random elements whose references point anywhere: at elements,
    at relationships (themselves included), at packages, or at nothing."""
    packages = draw(st.integers(1, 3))
    sizes = [draw(st.integers(0, 6)) for _ in range(packages)]

    def reference() -> str:
        package = draw(st.integers(0, packages))
        element = draw(st.integers(0, 7))
        return f"//@argumentPackage.{package}/@argumentationElement.{element}"

    parts = []
    for size in sizes:
        elements = []
        for _ in range(size):
            cls = draw(st.sampled_from(_CLASSES))
            name = draw(st.sampled_from(["G1", "G1", "S1", "", "Sn 1", "C1 : text"]))
            refs = " ".join(
                f'{attribute}="{" ".join(reference() for _ in range(draw(st.integers(1, 2))))}"'
                for attribute in _ATTRIBUTES
                if draw(st.booleans())
            )
            flag = draw(st.sampled_from(_FLAGS))
            elements.append(
                f'<argumentationElement xsi:type="{cls}" {refs} {flag}>'
                f'<name content="{name}"/></argumentationElement>'
            )
        parts.append(f"<argumentPackage>{''.join(elements)}</argumentPackage>")
    return (
        '<assuranceCase_:AssuranceCasePackage xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xmlns:assuranceCase_="http://omg.sacm/2.2/assurancecase"'
        ' xmlns:argumentation_="http://omg.sacm/2.2/argumentation"'
        f' xmlns:gsn_="http://acwg.org/3.0/gsn">{"".join(parts)}</assuranceCase_:AssuranceCasePackage>'
    ).encode()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_random_sacm())
def test_any_shape_of_references_opens_and_round_trips(data: bytes) -> None:
    """References to anything (relationships, themselves, packages, nothing) open as a case or
    a clean CaseFileError; what opens writes as SACM and reads back the same."""
    try:
        imported = parse_sacm(data, "shape.sacm")
    except CaseFileError as error:
        assert str(error).startswith("shape.sacm")
        return
    modular = imported.modular
    assert parse_sacm(to_sacm_bytes(modular), "again.sacm", "shape.sacm").modular == modular


def test_a_file_that_is_one_package_with_xmi_ids_and_href_references_opens() -> None:
    """A package as the root, names as MultiLangStrings, references as xmi:ids in hrefs."""
    modules = read_sacm(FIXTURES / "package-root.argumentation").modular.modules
    assert [m.id for m in modules] == ["Braking"]
    case = modules[0].case
    assert case.node("G1").statement == "Braking is safe"
    assert case.children("G1") == ["Sn1"]


def test_export_draws_an_sacm_file(tmp_path: Path) -> None:
    """export takes another tool's file as it takes .gsnx: every package in one figure."""
    target = tmp_path / "profile.svg"
    assert main(["export", str(FIXTURES / "profile.assurancecase"), "-o", str(target)]) == 0
    svg = target.read_text()
    assert 'id="G10"' in svg and 'id="S1"' in svg


def test_saving_never_replaces_another_tools_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """verify, comment or convert onto a file another tool wrote is refused; it stays intact."""
    foreign = tmp_path / "brake.model"
    original = (FIXTURES / "deis.model").read_bytes()
    foreign.write_bytes(original)
    assert main(["comment", str(foreign), "G1", "--text", "why?", "--author", "ann"]) == 2
    assert "written by another tool" in capsys.readouterr().err
    assert main(["convert", str(SAMPLES / "tutorial.gsnx"), str(foreign)]) == 2
    assert foreign.read_bytes() == original
    ours = tmp_path / "brake.sacm"
    assert main(["convert", str(foreign), str(ours)]) == 0
    assert main(["comment", str(ours), "G1", "--text", "why?", "--author", "ann"]) == 0
    assert load_case(ours).comments[0].text == "why?"


def test_a_link_end_no_id_can_hold_refuses_the_file_in_one_line(tmp_path: Path) -> None:
    """A BOM spliced into a link's reference (found by the fuzzer) is refused naming the
    file and the link, not raised as a validation traceback."""
    seed = (FIXTURES / "sacm22.sacm").read_bytes()
    at = seed.index(b'target="') + len(b'target="')
    mangled = tmp_path / "mangled.sacm"
    mangled.write_bytes(seed[:at] + b"\xef\xbb\xbf" + seed[at:])
    with pytest.raises(CaseFileError, match=r"mangled\.sacm.*link .*U\+FEFF"):
        load_case(mangled)


def test_two_references_that_name_the_same_element_make_one_link() -> None:
    """Relationship ends in two packages that come out as the same ids make one link, not two
    equal ones that a save would write once (found by the round-trip property above)."""
    citing = (
        '<argumentationElement xsi:type="argumentation_:Claim"><name content="G1"/>'
        "</argumentationElement>"
    )
    data = (
        '<assuranceCase_:AssuranceCasePackage xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xmlns:assuranceCase_="http://omg.sacm/2.2/assurancecase"'
        ' xmlns:argumentation_="http://omg.sacm/2.2/argumentation">'
        f"<argumentPackage>{citing}</argumentPackage>"
        f"<argumentPackage>{citing}"
        '<argumentationElement xsi:type="argumentation_:AssertedInference" source="'
        '//@argumentPackage.0/@argumentationElement.0 //@argumentPackage.1/@argumentationElement.0"'
        ' target="//@argumentPackage.0/@argumentationElement.0"><name content="R1"/>'
        "</argumentationElement></argumentPackage></assuranceCase_:AssuranceCasePackage>"
    ).encode()
    imported = parse_sacm(data, "shape.sacm")
    first = imported.modular.modules[0].case
    assert len(first.links) == len(set(first.links))
    assert parse_sacm(to_sacm_bytes(imported.modular), "again.sacm", "shape.sacm").modular == (
        imported.modular
    )
    assert imported.report.approximations["a relationship repeating another read once"] == 1
