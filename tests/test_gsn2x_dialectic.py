"""gsn2x YAML: challenges (gsn2x's dialectic keys), and our keys for defeaters and evidence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsn2x_format import OWN_KEYS
from gsn_studio.io.gsn2x_read import parse_gsn2x
from gsn_studio.io.gsn2x_write import to_yaml
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import (
    Case,
    DefeaterStatus,
    DegradationCondition,
    Evidence,
    Link,
    LinkKind,
    Measure,
    Node,
    NodeType,
    Position,
    Verification,
)
from gsn_studio.model.traces import Acceptance, Trace

DIALECTIC = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gsn2x" / "examples"
DIALECTIC = DIALECTIC / "dialectic"
CH = LinkKind.CHALLENGES
SHA = "0123456789abcdef" * 4

# Every key GSN Studio adds, as it writes them: this is the spelling docs/format.md shows.
FAIRNESS = f"""\
module:
  name: Fairness

G1:
  text: Loan decisions are fair
  supportedBy: [Sn1]

Sn1:
  text: Monthly fairness report
  url: reports/fairness.json
  evidenceDate: 2026-01-05
  validUntil: 2027-01-05
  reviewDays: 90
  verifiedOn: 2026-01-06
  verifiedBy: Ana
  sha256: {SHA}
  measure: disparate impact >= 0.9
  measuredValue: 0.93
  measureKey: fairness.di

CSn1:
  text: Audit found a skewed sample
  challenges: Sn1
  url: audit/2025.pdf
  defeaterStatus: refuted
  refutation:
    url: audit/resample.pdf
    evidenceDate: 2026-02-01

CG1:
  text: The report's metric is not the one regulators use
  challenges: Sn1 -> CSn1
""".encode()


def _parse(text: str) -> Case:
    return parse_gsn2x(text.encode(), "case.yaml")


def test_every_key_of_ours_reads_into_the_model_and_is_written_back_unchanged() -> None:
    """Review interval, verification, measure, defeater status, refutation and both kinds of
    challenge read into their fields, and the file is written back byte for byte."""
    case = parse_gsn2x(FAIRNESS)
    assert case.node("Sn1").evidence == Evidence(
        reference="reports/fairness.json",
        date=dt.date(2026, 1, 5),
        valid_until=dt.date(2027, 1, 5),
        review_days=90,
        verified=Verification(on=dt.date(2026, 1, 6), by="Ana", sha256=SHA),
        measure=Measure.parse("disparate impact >= 0.9", value=0.93, key="fairness.di"),
    )
    counter = case.node("CSn1")
    assert counter.evidence == Evidence(reference="audit/2025.pdf")
    assert counter.defeater_status is DefeaterStatus.REFUTED
    assert counter.refutation == Evidence(reference="audit/resample.pdf", date=dt.date(2026, 2, 1))
    assert case.links[1:] == [
        Link(source="CSn1", target="Sn1", kind=CH),
        Link(source="CG1", target="CSn1", kind=CH, via="Sn1"),
    ]
    assert all(not node.extras for node in case.nodes)
    assert to_yaml(case) == FAIRNESS


def test_new_fields_survive_yaml_to_gsnx_and_back() -> None:
    """A gsn2x file with every new key converts to .gsnx and back without a byte changing."""
    case = parse_gsn2x(FAIRNESS)
    via_gsnx = parse_gsnx(to_bytes(case))
    assert via_gsnx == case
    assert to_yaml(via_gsnx) == FAIRNESS


def test_own_keys_list_every_key_written_in_writing_order() -> None:
    """OWN_KEYS names every key the writer uses, in the order it writes them, so an extra that
    would be read back as one of ours is refused rather than misread."""
    case = parse_gsn2x(FAIRNESS)
    goal = Node(
        id="G0",
        type=NodeType.GOAL,
        statement="s",
        owner="o",
        description="d",
        tags=("t",),
        undeveloped=True,
        position=Position(x=1, y=2),
        folded=True,
        load_bearing=True,
        degradation=(DegradationCondition(statement="c", review_days=30),),
        traces=(Trace(set="hazards", item="H1"),),
        acceptance=Acceptance(by="a", on=dt.date(2026, 11, 2), digest="d"),
    )
    case.nodes += [goal, Node(id="Sn9", type=NodeType.COUNTER_SOLUTION)]
    case.links.append(Link(source="G0", target="C1", kind=LinkKind.IN_CONTEXT_OF))
    seen: set[str] = set()
    for node_id, body in yaml.safe_load(to_yaml(case)).items():
        if node_id != "module":
            assert list(body) == sorted(body, key=OWN_KEYS.index)
            seen |= set(body)
    assert seen == set(OWN_KEYS)


@pytest.mark.parametrize("key", ["challenges", "refutation", "measure", "defeaterStatus"])
def test_extra_named_like_a_new_key_cannot_be_written(key: str) -> None:
    """An extra from a .gsnx file named like one of the new keys is refused, not misread."""
    case = Case(nodes=[Node(id="CG1", type=NodeType.COUNTER_GOAL, extras={key: "x"})])
    with pytest.raises(CaseFileError, match=f"'{key}'"):
        to_yaml(case)


# -- challenges ------------------------------------------------------------------------------


def _dialectic(name: str) -> Case:
    path = DIALECTIC / name
    if not path.is_file():
        pytest.skip(f"the shared gsn2x corpus is not at {DIALECTIC}")
    return parse_gsn2x(path.read_bytes(), path)


def test_dialectic_examples_load_with_their_challenges() -> None:
    """gsn2x's own dialectic examples give challenge links, one of them to a link, while
    `defeated` and `defeatedRelation` stay extras (they only mark the drawing)."""
    first = _dialectic("first.gsn.yaml")
    assert Link(source="CG1", target="G2", kind=CH) in first.links
    assert Link(source="CG3", target="Sn3", kind=CH) in first.links
    assert "challenges" not in first.node("CG1").extras
    assert first.node("G2").extras == {"defeated": True}
    second = _dialectic("second.gsn.yaml")
    assert Link(source="CCSn1", target="CG1", kind=CH, via="G2") in second.links
    assert second.link_between("G2", "CG1") == Link(source="CG1", target="G2", kind=CH)
    assert second.node("CG1").extras["defeatedRelation"] == "G2"
    assert sum(link.kind is CH for link in second.links) == 7


def test_challenges_take_one_id_or_a_list_and_either_arrow_spacing() -> None:
    """One challenge is written as a value, as gsn2x expects, several as a list; `G2->CG1` reads
    like `G2 -> CG1`, and challenges come after the other links of their node."""
    case = _parse(
        "CG1:\n  challenges: [G1, G2->CG9]\n  supportedBy: CSn1\nCG2:\n  challenges: G1\n"
    )
    assert case.links == [
        Link(source="CG1", target="CSn1", kind=LinkKind.SUPPORTED_BY),
        Link(source="CG1", target="G1", kind=CH),
        Link(source="CG1", target="CG9", kind=CH, via="G2"),
        Link(source="CG2", target="G1", kind=CH),
    ]
    assert to_yaml(case) == (
        b"CG1:\n  supportedBy: [CSn1]\n  challenges: [G1, G2 -> CG9]\n\nCG2:\n  challenges: G1\n"
    )


def test_defaults_write_no_keys() -> None:
    """An open defeater with no refutation and bare evidence write none of the new keys."""
    case = _parse("CSn1:\n  defeaterStatus: open\n  url: a.pdf\n  refutation: {}\n")
    assert case.node("CSn1").refutation is None
    assert to_yaml(case) == b"CSn1:\n  url: a.pdf\n"


def test_numbers_keep_their_precision() -> None:
    """A threshold and a measured value with many digits, or as YAML 1.1 text such as 1e-5,
    read back exactly."""
    case = _parse("Sn1:\n  measure: recall >= 0.123456789012\n  measuredValue: 1e-5\n")
    measure = case.node("Sn1").evidence.measure  # type: ignore[union-attr]
    assert (measure.threshold, measure.value) == (0.123456789012, 1e-5)
    assert parse_gsn2x(to_yaml(case)) == case


@pytest.mark.parametrize("metric", ["x >= 5", "a<b", "m>", "m =", "ratio ==", "p < q <= r"])
@pytest.mark.parametrize("comparison", ["<", "=="])
def test_metric_with_comparison_signs_reads_back(metric: str, comparison: str) -> None:
    """A metric name holding comparison signs reads back whole: the last sign before the
    threshold is the comparison."""
    measure = Measure.parse(f"{metric} {comparison} 2", value=1.0)
    assert (measure.metric, measure.comparison.value) == (metric, comparison)
    case = Case(nodes=[Node(id="Sn1", type=NodeType.SOLUTION, evidence=Evidence(measure=measure))])
    assert parse_gsn2x(to_yaml(case)) == case


# -- bad values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Sn1:\n  text: a\n  reviewDays: 0\n", 3, "Sn1: reviewDays: a review interval is 1 to"),
        ("Sn1:\n  reviewDays: 36501\n", 2, "reviewDays: a review interval"),
        ("Sn1:\n  reviewDays: soon\n", 2, "reviewDays must be a whole number"),
        ("Sn1:\n  reviewDays: true\n", 2, "reviewDays must be a whole number, not true"),
        ("Sn1:\n  verifiedOn: 2026-01-02\n  sha256: xyz\n", 3, "sha256: a SHA-256 is 64 hex"),
        ("Sn1:\n  text: a\n  verifiedBy: Ana\n", 3, "verifiedBy needs verifiedOn"),
        ("Sn1:\n  verifiedOn: 2026-02-30\n", 2, "verifiedOn must be a date"),
        ("Sn1:\n  measure: fast\n", 2, "Sn1: measure: 'fast' is not a measure"),
        ("Sn1:\n  measure: x >= high\n", 2, "the threshold 'high' is not a number"),
        ("Sn1:\n  measure: x >= inf\n", 2, "measure: a threshold must be a finite number"),
        ("Sn1:\n  measure: ' >= 1'\n", 2, "measure: a measure needs a metric name"),
        ("Sn1:\n  measure: x > 1\n  measuredValue: abc\n", 3, "measuredValue must be a number"),
        ("Sn1:\n  measure: x > 1\n  measuredValue: .nan\n", 3, "measuredValue: a measured"),
        ("Sn1:\n  text: a\n  measuredValue: 1\n", 3, "measuredValue needs a measure"),
        ("Sn1:\n  measureKey: k\n", 2, "measureKey needs a measure"),
        ("CG1:\n  text: a\n  defeaterStatus: dismissed\n", 3, "must be one of open, refuted"),
        ("G1:\n  defeaterStatus: refuted\n", 2, "G1: only counter claims and counter evidence"),
        ("G1:\n  refutation: {url: a.pdf}\n", 2, "G1: only a defeater has a refutation"),
        ("CG1:\n  refutation: [a.pdf]\n", 2, "refutation must be a mapping, not a list"),
        ("CG1:\n  refutation:\n    url: a\n    owner: b\n", 4, "'owner' is not a key of a refut"),
        (
            "CG1:\n  refutation:\n    url: a\n    reviewDays: 0\n",
            4,
            "CG1: refutation: reviewDays: a review interval",
        ),
        ("CG1:\n  refutation:\n    sha256: abc\n", 3, "refutation: sha256 needs verifiedOn"),
        ("CG1:\n  text: a\n  challenges: 'G2 ->'\n", 3, "written with its two ends"),
        ("CG1:\n  challenges: A -> B -> C\n", 2, "written with its two ends"),
        ("CG1:\n  challenges: [G1, 3]\n", 2, "challenges lists node ids, but one entry is"),
    ],
)
def test_bad_value_is_refused_with_its_line(text: str, line: int, words: str) -> None:
    """Each bad value of a new key gives CaseFileError saying what is wrong, on which line."""
    with pytest.raises(CaseFileError) as caught:
        parse_gsn2x(text.encode(), "case.yaml")
    assert words in caught.value.problem
    assert caught.value.line == line
    assert str(caught.value).startswith(f"case.yaml:{line}: ")
