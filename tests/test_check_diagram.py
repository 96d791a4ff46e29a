"""`check` (and `evidence`, `comments`, `metrics`) print no drawing, so they read no position or
fold of a .gsnx file (issue 17: what the requested output does not need is not computed); the
schema still checks them, so the same files are accepted and refused, and the report is the
one the whole case gives."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import RunCli
from generate import generate_case
from lxml import etree

from gsn_studio.analysis import DEFAULT_SOON_DAYS, ArtifactReader, assess
from gsn_studio.cli import check
from gsn_studio.io import CaseFileError, gsnx_read, load_case, save_case
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.model import Position
from gsn_studio.model.changes import MoveNodes


@pytest.fixture(scope="module")
def placed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated case of about 300 nodes, each placed on the diagram, one of them folded."""
    case = generate_case(300)
    MoveNodes(
        {node.id: Position(x=i * 12.5, y=i % 5 * 40.0) for i, node in enumerate(case.nodes)}
    ).apply(case)
    case.nodes[1] = case.nodes[1].model_copy(update={"folded": True})
    path = tmp_path_factory.mktemp("placed") / "case.gsnx"
    save_case(case, path)
    return path


@pytest.mark.parametrize("command", ["check", "evidence", "comments", "metrics"])
def test_a_reading_command_reads_no_position_or_fold(
    placed: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """The diagram's readers are not called by the commands that only read and print, and
    are by opening the case."""
    calls: Counter[str] = Counter()

    def counted(name: str) -> Callable[[etree._Element], object]:
        real = getattr(gsnx_read, name)

        def read(root: etree._Element) -> object:
            calls[name] += 1
            return real(root)

        return read

    for name in ("read_positions", "read_folds"):
        monkeypatch.setattr(gsnx_read, name, counted(name))
    result = run_cli(command, placed)
    assert result.returncode in (0, 1), result.stderr
    assert calls == Counter()
    load_case(placed)
    assert calls == Counter({"read_positions": 1, "read_folds": 1})


def test_a_case_read_without_its_diagram_is_the_case_without_positions_and_folds(
    placed: Path,
) -> None:
    """Every node is the node the whole reading gives, but for its position and fold."""
    whole = parse_gsnx(placed.read_bytes(), placed)
    argument = parse_gsnx(placed.read_bytes(), placed, diagram=False)
    assert all(node.position is not None for node in whole.nodes)
    assert any(node.folded for node in whole.nodes)
    assert argument.nodes == [
        node.model_copy(update={"position": None, "folded": False}) for node in whole.nodes
    ]
    assert argument.links == whole.links


def test_check_of_a_placed_case_reports_what_the_whole_case_gives(
    placed: Path, run_cli: RunCli, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text and JSON (with every chain) are those of the case read with its diagram."""
    whole = load_case(placed)
    assessment = assess(whole, None, ArtifactReader.for_case_file(placed), DEFAULT_SOON_DAYS)
    expected = check.report(placed, whole, assessment, why_all=True)
    result = run_cli("check", placed, "--format", "json", "--why")
    assert json.loads(result.stdout) == json.loads(json.dumps(expected))
    capsys.readouterr()
    check.print_text(placed, whole, assessment)
    expected_text = capsys.readouterr().out
    assert run_cli("check", placed).stdout == expected_text


@pytest.mark.parametrize("value", ["NaN", "INF", "1.5e9", "twelve"])
def test_a_position_the_schema_refuses_is_refused_by_check_as_by_opening(
    placed: Path, tmp_path: Path, run_cli: RunCli, value: str
) -> None:
    """A position no node could take fails `check` with the message opening gives."""
    text = placed.read_text(encoding="utf-8")
    broken = tmp_path / "broken.gsnx"
    broken.write_text(text.replace('x="0"', f'x="{value}"', 1), encoding="utf-8")
    assert broken.read_text(encoding="utf-8") != text
    with pytest.raises(CaseFileError) as opening:
        load_case(broken)
    result = run_cli("check", broken)
    assert result.returncode == 2
    assert str(opening.value) in result.stderr
