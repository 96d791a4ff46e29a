"""What docs/practice.md and samples/portfolio/README.md show is what the program does."""

from __future__ import annotations

import datetime as dt
import re
import runpy
import sys
from pathlib import Path

import pytest
from conftest import REPO

from gsn_studio.analysis import assess
from gsn_studio.cli.main import main
from gsn_studio.io.gsn2x_read import parse_gsn2x
from gsn_studio.model import PRACTICE_CHECKS

PRACTICE = (REPO / "docs" / "practice.md").read_text()
README = (REPO / "samples" / "portfolio" / "README.md").read_text()


def example(title: str) -> bytes:
    section = PRACTICE.split(f"### {title}\n", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return block.group(1).encode()


def practice_codes(data: bytes) -> list[tuple[str, str | None]]:
    findings = assess(parse_gsn2x(data), dt.date(2026, 12, 1)).findings
    return [(f.code, f.node) for f in findings if f.code in PRACTICE_CHECKS]


def test_the_documented_failing_claim_gets_the_documented_findings() -> None:
    """The failing example gives exactly the three findings the page shows."""
    assert practice_codes(example("A claim that fails")) == [
        ("claim-not-operational", "G1"),
        ("vague-claim", "G1"),
        ("no-degradation-condition", "G1"),
    ]


def test_the_documented_operational_claim_passes() -> None:
    """The same claim made operational gives no practice finding."""
    assert practice_codes(example("The same claim made operational")) == []


def test_the_readme_table_is_what_portfolio_prints(capsys: pytest.CaptureFixture[str]) -> None:
    """The sample README's table and condition lists are the real --format md output."""
    main(
        [
            "portfolio",
            str(REPO / "samples" / "portfolio"),
            "--as-of",
            "2026-12-01",
            "--format",
            "md",
        ]
    )
    assert capsys.readouterr().out in README


def test_the_readme_history_is_what_history_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo repository's history, commit ids included, is the one the README shows."""
    demo = REPO / "samples" / "portfolio" / "history_demo.py"
    monkeypatch.setattr(sys, "argv", [str(demo), str(tmp_path / "cv")])
    runpy.run_path(str(demo), run_name="__main__")
    capsys.readouterr()
    case = tmp_path / "cv" / "cv-screening.gsnx"
    assert main(["history", str(case), "--as-of", "2026-12-01"]) == 0
    assert capsys.readouterr().out in README
