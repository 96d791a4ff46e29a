"""The evidence record, measures, defeater fields and challenge links of the model."""

from __future__ import annotations

import datetime as dt

import pytest

from gsn_studio.model import (
    Case,
    Comparison,
    DefeaterStatus,
    Evidence,
    LinkKind,
    Measure,
    ModelError,
    Node,
    NodeType,
    Verification,
)


@pytest.mark.parametrize(
    ("text", "metric", "comparison", "threshold"),
    [
        ("disparate impact >= 0.9", "disparate impact", Comparison.AT_LEAST, 0.9),
        ("latency_ms<250", "latency_ms", Comparison.BELOW, 250.0),
        ("false negative rate <= 1e-3", "false negative rate", Comparison.AT_MOST, 0.001),
        ("recall == 1", "recall", Comparison.EQUAL, 1.0),
    ],
)
def test_measure_is_parsed_from_its_written_form(
    text: str, metric: str, comparison: Comparison, threshold: float
) -> None:
    """A measure written as 'metric op number' gives its metric, comparison and threshold."""
    measure = Measure.parse(text)
    assert (measure.metric, measure.comparison, measure.threshold) == (
        metric,
        comparison,
        threshold,
    )


@pytest.mark.parametrize("text", ["disparate impact", ">= 0.9", "recall >= high", ""])
def test_measure_text_without_metric_or_number_is_refused(text: str) -> None:
    """A measure needs a metric, a comparison and a numeric threshold; the message says so."""
    with pytest.raises(ValueError, match=r"measure|number"):
        Measure.parse(text)


def test_comparison_holds_on_the_right_side_only() -> None:
    """Each comparison accepts values on its side of the threshold and refuses the others."""
    assert Comparison.AT_LEAST.holds(0.9, 0.9) and not Comparison.AT_LEAST.holds(0.89, 0.9)
    assert Comparison.BELOW.holds(1, 2) and not Comparison.BELOW.holds(2, 2)
    assert Comparison.EQUAL.holds(1.0, 1) and not Comparison.EQUAL.holds(1.01, 1)


def test_due_date_is_the_earlier_of_valid_until_and_review() -> None:
    """Evidence is due at its valid-until date or when its review interval runs out."""
    verified = Verification(on=dt.date(2026, 1, 1), by="ana", sha256="a" * 64)
    evidence = Evidence(reference="r.pdf", review_days=90, verified=verified)
    assert evidence.due() == dt.date(2026, 4, 1)
    earlier = evidence.model_copy(update={"valid_until": dt.date(2026, 2, 1)})
    assert earlier.due() == dt.date(2026, 2, 1)
    unverified = Evidence(reference="r.pdf", review_days=30, date=dt.date(2026, 1, 1))
    assert unverified.due() == dt.date(2026, 1, 31)
    assert Evidence(reference="r.pdf", review_days=30).due() is None


def test_verification_hash_must_be_sha256() -> None:
    """A recorded hash is 64 hex digits, stored lower case."""
    assert Verification(on=dt.date(2026, 1, 1), sha256="AB" * 32).sha256 == "ab" * 32
    with pytest.raises(ValueError, match="SHA-256"):
        Verification(on=dt.date(2026, 1, 1), sha256="xyz")


def test_only_defeaters_have_a_status_or_refutation() -> None:
    """A goal cannot be 'accepted' or carry a refutation; a counter claim can."""
    with pytest.raises(ValueError, match="defeater"):
        Node(id="G1", type=NodeType.GOAL, defeater_status=DefeaterStatus.ACCEPTED)
    with pytest.raises(ValueError, match="refutation"):
        Node(id="G1", type=NodeType.GOAL, refutation=Evidence(reference="x"))
    node = Node(
        id="CG1",
        type=NodeType.COUNTER_GOAL,
        defeater_status=DefeaterStatus.REFUTED,
        refutation=Evidence(reference="retest.pdf"),
    )
    assert node.defeater_status is DefeaterStatus.REFUTED


def _argument() -> Case:
    case = Case()
    case.add_node(NodeType.GOAL, "top", node_id="G1")
    case.add_node(NodeType.STRATEGY, "split", node_id="S1")
    case.add_node(NodeType.GOAL, "part", node_id="G2")
    case.add_node(NodeType.COUNTER_GOAL, "but", node_id="CG1")
    case.connect("G1", "S1")
    case.connect("S1", "G2")
    return case


def test_defeater_challenges_a_node_or_a_link() -> None:
    """A counter claim challenges a node, or the link between two nodes named by `via`."""
    case = _argument()
    on_node = case.connect("CG1", "G2")
    assert on_node.kind is LinkKind.CHALLENGES and on_node.challenged_link is None
    on_link = case.connect("CG1", "G2", via="S1")
    assert on_link.challenged_link == ("S1", "G2")
    assert on_link.describe_target() == "the link S1 → G2"
    with pytest.raises(ModelError, match="there is none"):
        case.connect("CG1", "G2", via="G1")
    with pytest.raises(ModelError, match="already"):
        case.connect("CG1", "G2", via="S1")


def test_rename_and_remove_follow_challenged_links() -> None:
    """Renaming a node renames it inside challenged links; removing it removes those links."""
    case = _argument()
    case.connect("CG1", "G2", via="S1")
    case.rename_node("S1", "S9")
    assert [link.via for link in case.links if link.kind is LinkKind.CHALLENGES] == ["S9"]
    case.remove_node("S9")
    assert all(link.kind is not LinkKind.CHALLENGES for link in case.links)


def test_only_counter_elements_challenge_and_never_themselves() -> None:
    """A goal cannot challenge anything, and a defeater cannot challenge itself."""
    case = _argument()
    with pytest.raises(ModelError):
        case.connect("G1", "G2", LinkKind.CHALLENGES)
    with pytest.raises(ModelError, match="itself"):
        case.connect("CG1", "CG1", LinkKind.CHALLENGES)
