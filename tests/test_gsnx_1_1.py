"""What .gsnx 1.1 added: review intervals, verifications, measures, defeaters, challenges."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import hazard_case
from lxml import etree

from gsn_studio.io import CaseFileError
from gsn_studio.io.gsn2x_write import to_yaml
from gsn_studio.io.gsnx_format import NAMESPACE, schema
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import (
    Case,
    DefeaterStatus,
    Evidence,
    Link,
    LinkKind,
    Measure,
    NodeType,
    Verification,
)

SHA = "0123456789abcdef" * 4
NS = {"g": NAMESPACE}


def dialectic_case() -> Case:
    """A solution with every evidence field, challenged by a refuted counter solution, whose
    link to the solution is in turn challenged by an open counter goal."""
    case = Case(name="Fairness")
    case.add_node(NodeType.GOAL, "Loan decisions are fair")
    case.add_node(
        NodeType.SOLUTION,
        "Monthly fairness report",
        evidence=Evidence(
            reference="reports/fairness.json",
            date=dt.date(2026, 1, 5),
            valid_until=dt.date(2027, 1, 5),
            review_days=90,
            verified=Verification(on=dt.date(2026, 1, 6), by="Ana", sha256=SHA),
            measure=Measure.parse("disparate impact >= 0.9", value=0.93, key="fairness.di"),
        ),
    )
    case.add_node(
        NodeType.COUNTER_SOLUTION,
        "Audit found a skewed sample",
        evidence=Evidence(reference="audit/2025.pdf"),
        defeater_status=DefeaterStatus.REFUTED,
        refutation=Evidence(reference="audit/resample.pdf", date=dt.date(2026, 2, 1)),
    )
    case.add_node(NodeType.COUNTER_GOAL, "The report's metric is not the one regulators use")
    case.connect("G1", "Sn1")
    case.connect("CSn1", "Sn1", LinkKind.CHALLENGES)
    case.connect("CG1", "CSn1", via="Sn1")
    return case


def _one(data: bytes, xpath: str) -> etree._Element:
    (element,) = etree.fromstring(data).xpath(xpath, namespaces=NS)
    return element


def test_every_new_field_round_trips_and_is_schema_valid() -> None:
    """Evidence review, verification, measure, defeater status, refutation and challenges to a
    node and to a link all come back equal, from a schema-valid 1.1 file written stably."""
    case = dialectic_case()
    data = to_bytes(case)
    assert schema().validate(etree.fromstring(data))
    loaded = parse_gsnx(data)
    assert loaded == case
    assert loaded.node("Sn1").evidence == case.node("Sn1").evidence
    assert loaded.links[-1] == Link(
        source="CG1", target="CSn1", kind=LinkKind.CHALLENGES, via="Sn1"
    )
    assert to_bytes(loaded) == data
    assert b'formatVersion="1.1"' in data


def test_artifact_spells_review_verification_and_measure_as_documented() -> None:
    """reviewDays on the Artifact, then a Verification and a Measure child, numbers unrounded."""
    data = to_bytes(dialectic_case())
    artifact = _one(data, "//g:Artifact[@gid='Sn1.artifact']")
    assert artifact.get("reviewDays") == "90"
    assert dict(_one(data, "//g:Artifact[@gid='Sn1.artifact']/g:Verification").attrib) == {
        "on": "2026-01-06",
        "by": "Ana",
        "sha256": SHA,
    }
    assert dict(_one(data, "//g:Measure").attrib) == {
        "metric": "disparate impact",
        "comparison": ">=",
        "threshold": "0.9",
        "value": "0.93",
        "key": "fairness.di",
    }
    precise = Measure.parse("recall >= 0.123456789012", value=1 / 3)
    case = Case()
    case.add_node(NodeType.SOLUTION, "x", evidence=Evidence(measure=precise))
    assert parse_gsnx(to_bytes(case)).node("Sn1").evidence == Evidence(measure=precise)


def test_counter_solution_keeps_its_evidence_and_its_refutation_apart() -> None:
    """A counter solution's own evidence and its refutation are two artifacts with distinct ids."""
    data = to_bytes(dialectic_case())
    node = _one(data, "//g:ArtifactReference[@gid='CSn1']")
    assert node.get("referencedArtifactElement") == "CSn1.artifact"
    assert node.get("refutationArtifact") == "CSn1.refutation"
    assert node.get("defeaterStatus") == "refuted"
    assert _one(data, "//g:Artifact[@gid='CSn1.refutation']").get("location") == (
        "audit/resample.pdf"
    )
    loaded = parse_gsnx(data).node("CSn1")
    assert loaded.evidence == Evidence(reference="audit/2025.pdf")
    assert loaded.refutation == Evidence(reference="audit/resample.pdf", date=dt.date(2026, 2, 1))


def test_challenges_are_sacm_countering_relationships() -> None:
    """A challenge is isCounter="true" from the counter node to what it challenges: evidence from
    a counter solution, an inference from a counter goal, with via naming a challenged link."""
    data = to_bytes(dialectic_case())
    on_node = _one(data, "//g:AssertedEvidence[@gsnType='Challenges']")
    assert dict(on_node.attrib) == {
        "gsnType": "Challenges",
        "isCounter": "true",
        "source": "CSn1",
        "target": "Sn1",
    }
    on_link = _one(data, "//g:AssertedInference[@gsnType='Challenges']")
    assert (on_link.get("source"), on_link.get("target"), on_link.get("via")) == (
        "CG1",
        "CSn1",
        "Sn1",
    )


def test_defaults_write_nothing_and_old_cases_stay_format_1_0() -> None:
    """An open defeater, a bare evidence and a case without 1.1 data write no new attributes,
    and such a case is still written as 1.0, which older GSN Studio versions open."""
    case = hazard_case()
    case.add_node(NodeType.COUNTER_GOAL, "open and unrefuted")
    data = to_bytes(case)
    assert b'formatVersion="1.0"' in data
    for word in (b"defeaterStatus", b"refutation", b"reviewDays", b"Verification", b"isCounter"):
        assert word not in data


def test_format_1_0_file_still_loads() -> None:
    """A file written before 1.1, with evidence but none of the new elements, loads unchanged."""
    data = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<AssuranceCasePackage xmlns="{NAMESPACE}" formatVersion="1.0">\n'
        "  <ArgumentPackage>\n"
        '    <ArtifactReference gid="CSn1" gsnType="CounterSolution"'
        ' referencedArtifactElement="CSn1.artifact"><content>gap</content></ArtifactReference>\n'
        '    <Claim gid="G1" gsnType="Goal" assertionDeclaration="asserted">'
        "<content>ok</content></Claim>\n"
        "  </ArgumentPackage>\n"
        "  <ArtifactPackage>\n"
        '    <Artifact gid="CSn1.artifact" location="gap.pdf" date="2025-01-02"/>\n'
        "  </ArtifactPackage>\n"
        "</AssuranceCasePackage>\n"
    ).encode()
    node = parse_gsnx(data).node("CSn1")
    assert node.evidence == Evidence(reference="gap.pdf", date=dt.date(2025, 1, 2))
    assert node.defeater_status is DefeaterStatus.OPEN
    assert node.refutation is None


def _challenge_extras(version: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<AssuranceCasePackage xmlns="{NAMESPACE}" formatVersion="{version}">\n'
        "  <ArgumentPackage>\n"
        '    <Claim gid="CG1" gsnType="CounterGoal" assertionDeclaration="asserted">'
        '<content/><extra key="challenges">G1</extra><extra key="defeatedRelation">G1</extra>'
        "</Claim>\n"
        '    <ArtifactReference gid="CSn1" gsnType="CounterSolution"><content/>'
        '<extra key="challenges" json="true">["G2", "G1 -&gt; CG1"]</extra>'
        "</ArtifactReference>\n"
        "  </ArgumentPackage>\n"
        "</AssuranceCasePackage>\n"
    ).encode()


def test_challenges_kept_as_extras_by_1_0_files_become_links() -> None:
    """A 1.0 file converted from gsn2x kept `challenges` as an extra; it now loads as challenge
    links (other gsn2x marks stay extras), and the case converts back to the same YAML key."""
    case = parse_gsnx(_challenge_extras("1.0"))
    assert case.links == [
        Link(source="CG1", target="G1", kind=LinkKind.CHALLENGES),
        Link(source="CSn1", target="G2", kind=LinkKind.CHALLENGES),
        Link(source="CSn1", target="CG1", kind=LinkKind.CHALLENGES, via="G1"),
    ]
    assert case.node("CG1").extras == {"defeatedRelation": "G1"}
    assert not case.node("CSn1").extras
    assert b"  challenges: [G2, G1 -> CG1]\n" in to_yaml(case)


def test_challenges_extra_in_a_1_1_file_stays_an_extra() -> None:
    """From 1.1 on challenges are elements, so an extra of that name is kept as it is."""
    case = parse_gsnx(_challenge_extras("1.1"))
    assert case.links == []
    assert case.node("CG1").extras["challenges"] == "G1"


def _with(node_line: str, artifact_line: str = "", link_line: str = "") -> bytes:
    """A file whose line 4 is `node_line`, line 5 `link_line` and line 8 `artifact_line`."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<AssuranceCasePackage xmlns="{NAMESPACE}" formatVersion="1.1">\n'
        "  <ArgumentPackage>\n"
        f"    {node_line}\n"
        f"    {link_line}\n"
        "  </ArgumentPackage>\n"
        "  <ArtifactPackage>\n"
        f"    {artifact_line}\n"
        "  </ArtifactPackage>\n"
        "</AssuranceCasePackage>\n"
    ).encode()


SOLUTION = (
    '<ArtifactReference gid="Sn1" gsnType="Solution" referencedArtifactElement="Sn1.artifact">'
    "<content>x</content></ArtifactReference>"
)
GOAL = '<Claim gid="G1" gsnType="Goal" assertionDeclaration="asserted"><content/></Claim>'


def _artifact(attributes: str = "", children: str = "") -> str:
    return f'<Artifact gid="Sn1.artifact"{attributes}>{children}</Artifact>'


def _measure(attributes: str) -> str:
    return _artifact(children=f'<Measure metric="m" {attributes}/>')


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (_with(SOLUTION, _artifact(' reviewDays="0"')), 8, "reviewDays"),
        (_with(SOLUTION, _artifact(' reviewDays="36501"')), 8, "reviewDays"),
        (_with(SOLUTION, _artifact(' reviewDays="soon"')), 8, "reviewDays"),
        (
            _with(SOLUTION, _artifact(children=f'<Verification on="2026-01-02" sha256="{SHA}0"/>')),
            8,
            "sha256",
        ),
        (
            _with(SOLUTION, _artifact(children='<Verification on="2026-01-02" sha256="xyz"/>')),
            8,
            "'sha256': [facet 'pattern'] The value 'xyz' is not accepted by the pattern "
            "'[0-9a-fA-F]{64}'",
        ),
        (_with(SOLUTION, _artifact(children='<Verification by="Ana"/>')), 8, "'on' is required"),
        (_with(SOLUTION, _artifact(children='<Verification on="2026-02-30"/>')), 8, "on"),
        (
            _with(SOLUTION, _measure('comparison="=&gt;" threshold="1"')),
            8,
            "'comparison': [facet 'enumeration'] The value '=>' is not an element of the set "
            "{'>=', '>', '<=', '<', '=='}",
        ),
        (_with(SOLUTION, _measure('comparison="&gt;=" threshold="high"')), 8, "threshold"),
        (_with(SOLUTION, _measure('comparison="&gt;=" threshold="NaN"')), 8, "finite"),
        (_with(SOLUTION, _measure('comparison="&gt;=" threshold="1" value="INF"')), 8, "finite"),
        (
            _with(
                SOLUTION, _artifact(children='<Measure metric=" " comparison="==" threshold="1"/>')
            ),
            8,
            "Sn1.artifact Measure: metric: a measure needs a metric name",
        ),
        (
            _with(GOAL.replace("<Claim", '<Claim defeaterStatus="refuted"')),
            4,
            "G1: only counter claims and counter evidence are defeaters",
        ),
        (
            _with(GOAL.replace("<Claim", '<Claim defeaterStatus="dismissed"')),
            4,
            "defeaterStatus",
        ),
        (
            _with(
                '<Claim gid="CG1" gsnType="CounterGoal" assertionDeclaration="asserted"'
                ' refutationArtifact="CG1.refutation"><content/></Claim>'
            ),
            4,
            "CG1 refers to artifact CG1.refutation",
        ),
        (
            _with(
                GOAL, link_line='<AssertedInference gsnType="Challenges" source="CG1" target="G1"/>'
            ),
            5,
            'isCounter="true"',
        ),
        (
            _with(
                GOAL,
                link_line='<AssertedContext gsnType="Challenges" isCounter="true" source="CG1"'
                ' target="G1"/>',
            ),
            5,
            "a challenge is an AssertedInference or AssertedEvidence",
        ),
        (
            _with(
                GOAL,
                link_line='<AssertedInference gsnType="SupportedBy" isCounter="true" source="G2"'
                ' target="G1"/>',
            ),
            5,
            "gsnType must be Challenges",
        ),
        (
            _with(
                GOAL,
                link_line='<AssertedInference gsnType="SupportedBy" source="G2" target="G1"'
                ' via="G3"/>',
            ),
            5,
            "only a challenge has via",
        ),
    ],
)
def test_bad_value_is_refused_with_file_line_and_element(
    data: bytes, line: int, words: str
) -> None:
    """Each bad 1.1 value gives CaseFileError naming the file, the line and what is wrong."""
    with pytest.raises(CaseFileError) as caught:
        parse_gsnx(data, "bad.gsnx")
    assert str(caught.value).startswith(f"bad.gsnx:{line}: ")
    assert words in caught.value.problem
