"""The shipped samples: valid, exact round trips, reproducible, and showing what they teach."""

from __future__ import annotations

import datetime as dt
import runpy
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES
from lxml import etree

from gsn_studio.analysis import check_case, summarize
from gsn_studio.io import load_case
from gsn_studio.io.gsn2x_read import parse_gsn2x
from gsn_studio.io.gsn2x_write import to_yaml
from gsn_studio.io.gsnx_format import schema
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import NodeType

SAMPLE_FILES = sorted(SAMPLES.glob("*.gsnx"))
AS_OF = dt.date(2026, 11, 23)


def test_there_are_three_samples() -> None:
    """The AI, engineering and tutorial samples are all shipped."""
    assert [p.name for p in SAMPLE_FILES] == [
        "infusion-pump.gsnx",
        "loan-approval.gsnx",
        "tutorial.gsnx",
    ]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_is_schema_valid_and_round_trips(path: Path) -> None:
    """Each sample passes the schema, re-saves to the same bytes, and survives gsn2x YAML."""
    data = path.read_bytes()
    assert schema().validate(etree.fromstring(data))
    case = load_case(path)
    assert to_bytes(case) == data
    assert parse_gsn2x(to_yaml(case)) == case


def test_samples_are_rebuilt_identically() -> None:
    """scripts/make_samples.py reproduces the shipped files byte for byte."""
    module = runpy.run_path(str(REPO / "scripts" / "make_samples.py"))
    for name, build in module["BUILDERS"].items():
        assert to_bytes(build()) == (SAMPLES / name).read_bytes(), name


def test_loan_sample_shows_holes_and_stale_evidence() -> None:
    """The AI sample has owners on its top claims, an undeveloped goal and expired evidence."""
    case = load_case(SAMPLES / "loan-approval.gsnx")
    summary = summarize(case, check_case(case, AS_OF))
    assert 30 <= summary.nodes <= 45
    assert summary.undeveloped_goals >= 1
    assert summary.expired_evidence >= 1
    assert case.node("G1").owner
    assert any("0.9" in node.statement for node in case.nodes)


def test_pump_sample_is_a_large_developed_argument() -> None:
    """The engineering sample has 40 nodes or more and no structural errors."""
    case = load_case(SAMPLES / "infusion-pump.gsnx")
    findings = check_case(case, AS_OF)
    assert len(case.nodes) >= 40
    structural = {"cycle", "dangling-link", "invalid-link", "duplicate-id", "no-root"}
    assert not [f for f in findings if f.code in structural]


def test_tutorial_uses_every_core_element() -> None:
    """The tutorial shows each of the six core GSN element types."""
    case = load_case(SAMPLES / "tutorial.gsnx")
    types = {node.type for node in case.nodes}
    assert types >= {
        NodeType.GOAL,
        NodeType.STRATEGY,
        NodeType.SOLUTION,
        NodeType.CONTEXT,
        NodeType.ASSUMPTION,
        NodeType.JUSTIFICATION,
    }
