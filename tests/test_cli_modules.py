"""`gsn-studio check` on gsn2x multi-file cases: read as gsn2x reads them, reported per module."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gsn_studio.cli import main
from gsn_studio.io import load_case
from gsn_studio.io.modular import load_modular, save_modular

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gsn2x_modular"
MODULAR, TEMPLATE = FIXTURES / "modular", FIXTURES / "template"
NOT_GSN2X = {"dangling-link", "undeveloped-goal", "undeveloped-strategy", "dangling-away-reference"}


def _check_json(capsys: pytest.CaptureFixture[str], *files: Path) -> tuple[int, dict[str, object]]:
    status = main(["check", "--format", "json", "--as-of", "2026-01-01", *map(str, files)])
    return status, json.loads(capsys.readouterr().out)


def _codes(report: dict[str, object]) -> set[tuple[str, str | None]]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return {(f["code"], f["node"]) for f in findings}


def test_index_alone_follows_uses_and_links_into_other_modules(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """index.gsn.yaml opens sub1 and sub3 through `uses`: A1, G3, J1, C2, Sn1 resolve, and the
    one undeveloped finding is G2, which gsn2x too draws undeveloped (it is marked so); Sn1
    gives no url, so it names no evidence (a hole gsn2x does not check for)."""
    status, report = _check_json(capsys, MODULAR / "index.gsn.yaml")
    assert _codes(report) == {("undeveloped-goal", "G2"), ("evidence-unreferenced", "Sn1")}
    assert [m["id"] for m in report["modules"]] == ["Main", "Sub1", "Sub3"]  # type: ignore[index]
    assert report["findings"][0]["module"] == "Main"  # type: ignore[index]
    assert status == 1


def test_the_four_example_files_together_give_only_what_gsn2x_gives(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With sub2 too, gsn2x reports 2 errors, the ids G1 and Sn1 used twice: so do we, and no
    dangling link or hole beyond G2's mark."""
    files = [MODULAR / f"{name}.gsn.yaml" for name in ("index", "sub1", "sub2", "sub3")]
    _, report = _check_json(capsys, *files)
    codes = _codes(report)
    assert {code for code in codes if code[0] == "duplicate-id"} == {
        ("duplicate-id", "G1"),
        ("duplicate-id", "Sn1"),
    }
    assert {code for code in codes if code[0] in NOT_GSN2X} == {("undeveloped-goal", "G2")}


def test_template_with_instance_has_no_finding(capsys: pytest.CaptureFixture[str]) -> None:
    """The instance develops the template's G1 (`extends`/`develops`): the contract is clean, as
    gsn2x says; what is left is that the example's solutions give no url, so they name no
    evidence and G1 is undeveloped through them alone."""
    status, report = _check_json(
        capsys, TEMPLATE / "template.gsn.yaml", TEMPLATE / "instance.gsn.yaml"
    )
    assert _codes(report) == {("evidence-unreferenced", "Sn42"), ("evidence-unreferenced", "Sn1")}
    assert report["status"]["G1"] == "undeveloped"  # type: ignore[index]
    assert report["why"]["G1"] == [  # type: ignore[index]
        "G1 undeveloped: Sn1 names no evidence via G2 in module instance"
    ]
    assert status == 1


@pytest.mark.parametrize(
    ("instance", "message"),
    [
        ("inval1", "there is no module bad_mod"),
        ("inval2", "module template has no element G2"),
        ("inval3", "module template has no element G3"),
        ("inval4", "develops G4 of module template, which is not left undeveloped"),
    ],
)
def test_bad_extends_are_invalid_contracts(
    instance: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each of gsn2x's invalid instances fails with an invalid-contract naming the problem."""
    status, report = _check_json(
        capsys, TEMPLATE / "template.gsn.yaml", TEMPLATE / f"{instance}_instance.gsn.yaml"
    )
    contracts = [f for f in report["findings"] if f["code"] == "invalid-contract"]  # type: ignore[union-attr]
    assert len(contracts) == 1 and message in contracts[0]["message"]
    assert contracts[0]["module"] == "invalid_instance"
    assert status == 1


def test_circular_uses_is_a_module_cycle(capsys: pytest.CaptureFixture[str]) -> None:
    """gsn2x refuses circle1 -> circle2 -> circle3 -> circle1; we report the circle."""
    _, report = _check_json(capsys, FIXTURES / "circle1.yaml")
    cycles = [f for f in report["findings"] if f["code"] == "module-cycle"]  # type: ignore[union-attr]
    assert [f["message"] for f in cycles] == [
        "modules use each other in a circle: A -> B -> C -> A"
    ]


def test_text_report_has_a_line_per_module_and_one_for_the_case(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each module's findings and verdict come under its own file, then the whole case's."""
    main(["check", str(MODULAR / "index.gsn.yaml")])
    lines = capsys.readouterr().out.splitlines()
    assert any(
        line.endswith(
            "index.gsn.yaml: module Main: 4 nodes, 1 undeveloped, 0 expired evidence: "
            "0 errors, 1 warning; undeveloped"
        )
        for line in lines
    )
    assert any("sub1.gsn.yaml: module Sub1: 2 nodes" in line for line in lines)
    assert any("(case of 3 modules): 8 nodes, 3 goals" in line for line in lines)


def test_a_used_file_that_is_missing_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A module that uses a file that is not there: exit 2 and FILE: problem."""
    (tmp_path / "main.gsn.yaml").write_text(
        "module: {name: M, uses: [gone.gsn.yaml]}\nG1: {text: x}\n"
    )
    assert main(["check", str(tmp_path / "main.gsn.yaml")]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith("main.gsn.yaml: module M uses gone.gsn.yaml, but there is no such file")
    )


def test_single_files_report_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    """A file with no module header keeps the single-file report: no `modules`, no module keys."""
    _, report = _check_json(
        capsys, Path(__file__).resolve().parents[1] / "samples" / "loan-approval.gsnx"
    )
    assert "modules" not in report
    assert all("module" not in f for f in report["findings"])  # type: ignore[union-attr]


def test_writing_gsn2x_modules_back_keeps_headers_and_files(tmp_path: Path) -> None:
    """Saving a gsn2x modular case writes one file per module with its `module:` block."""
    shutil.copytree(TEMPLATE, tmp_path / "in")
    modular = load_modular(
        [tmp_path / "in" / "template.gsn.yaml", tmp_path / "in" / "instance.gsn.yaml"]
    )
    save_modular(modular, tmp_path / "out")
    for name in ("template.gsn.yaml", "instance.gsn.yaml"):
        assert load_case(tmp_path / "out" / name) == load_case(tmp_path / "in" / name)
    assert (
        load_modular(
            [tmp_path / "out" / "template.gsn.yaml", tmp_path / "out" / "instance.gsn.yaml"]
        )
        == modular
    )


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        (
            "module: {name: M, uses: 3}",
            "module: uses must be a list of file names, not the number 3",
        ),
        ("module: {name: M, uses: [/etc/x.yaml]}", "a module names another by a relative path"),
        ("module: {name: M, extends: {module: T}}", "module: extends must be a list of"),
        ("module: {name: M, extends: [{module: T, develops: {G1: 5}}]}", "expected a list of ids"),
    ],
)
def test_a_bad_module_header_is_one_clear_line(
    header: str, problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A gsn2x `module:` block that cannot be read: exit 2, the file and the problem."""
    path = tmp_path / "m.gsn.yaml"
    path.write_text(f"{header}\nG1: {{text: x, undeveloped: true}}\n")
    assert main(["check", str(path)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"gsn-studio: {path}: ") and problem in error
    assert "\n" not in error


def test_two_modules_of_one_name_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Module names are unique in a case (gsn2x's C06): the second file is named."""
    (tmp_path / "a.gsn.yaml").write_text("module: {name: M, uses: [b.gsn.yaml]}\nG1: {text: x}\n")
    (tmp_path / "b.gsn.yaml").write_text("module: {name: M}\nG2: {text: y}\n")
    assert main(["check", str(tmp_path / "a.gsn.yaml")]) == 2
    assert "b.gsn.yaml: module M has the same name as the module in a.gsn.yaml" in (
        capsys.readouterr().err
    )


def test_evidence_of_a_module_in_a_subfolder_is_read_from_its_own_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A module's evidence paths are relative to its own file, wherever it lies; `evidence`
    on the top module lists the evidence of every module it uses."""
    (tmp_path / "parts" / "evidence").mkdir(parents=True)
    (tmp_path / "parts" / "evidence" / "report.md").write_text("ok\n")
    (tmp_path / "top.gsn.yaml").write_text(
        "module: {name: top, uses: [parts/part.gsn.yaml]}\nG1: {text: x, supportedBy: [G2]}\n"
    )
    (tmp_path / "parts" / "part.gsn.yaml").write_text(
        "module: {name: part}\nG2: {text: y, supportedBy: [Sn1]}\n"
        "Sn1: {text: z, url: evidence/report.md}\n"
    )
    _, report = _check_json(capsys, tmp_path / "top.gsn.yaml")
    assert report["findings"] == []
    assert main(["evidence", str(tmp_path / "top.gsn.yaml"), "--format", "json"]) == 0
    register = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in register] == ["Sn1"]
    assert register[0]["reference"] == "parts/evidence/report.md"


def test_a_gsnx_file_without_a_header_is_named_by_its_file(tmp_path: Path) -> None:
    """Without a Module header a .gsnx module's id is its file name (gsn2x: its `name`)."""
    shutil.copy(Path(__file__).resolve().parents[1] / "samples" / "tutorial.gsnx", tmp_path)
    assert [m.id for m in load_modular([tmp_path / "tutorial.gsnx"]).modules] == ["tutorial"]


def _findings(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[object, ...]:
    _, report = _check_json(capsys, path)
    modules = report["modules"]
    assert isinstance(modules, list)
    return (
        sorted((f["code"], f["node"], f["module"]) for f in report["findings"]),  # type: ignore[union-attr]
        report["status"],
        [(m["id"], m["verdict"]) for m in modules],
    )


def test_convert_a_modular_case_both_ways_keeps_what_check_finds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Converting the modular sample to gsn2x writes one file per module, away elements turned
    into links; converting back makes them away elements again; check finds the same."""
    sample = Path(__file__).resolve().parents[1] / "samples" / "modular-loan"
    shutil.copytree(sample, tmp_path / "gsnx")
    before = _findings(capsys, tmp_path / "gsnx" / "top.gsnx")
    assert (
        main(["convert", str(tmp_path / "gsnx" / "top.gsnx"), str(tmp_path / "top.gsn.yaml")]) == 0
    )
    capsys.readouterr()
    names = sorted(path.name for path in tmp_path.glob("*.gsn.yaml"))
    assert names == [
        "accuracy.gsn.yaml", "fairness.gsn.yaml", "oversight.gsn.yaml",
        "scoring-platform.gsn.yaml", "top.gsn.yaml",
    ]  # fmt: skip
    shutil.copytree(sample / "evidence", tmp_path / "evidence")
    assert "uses: [fairness.gsn.yaml" in (tmp_path / "top.gsn.yaml").read_text()
    assert "citedModule" not in (tmp_path / "top.gsn.yaml").read_text()
    assert _findings(capsys, tmp_path / "top.gsn.yaml") == before
    back = tmp_path / "back"
    back.mkdir()
    shutil.copytree(sample / "evidence", back / "evidence")
    assert main(["convert", str(tmp_path / "top.gsn.yaml"), str(back / "top.gsnx")]) == 0
    capsys.readouterr()
    assert _findings(capsys, back / "top.gsnx") == before
    assert load_case(back / "top.gsnx").node("G2").cites is not None


def test_saving_a_modular_case_writes_only_the_modules_that_changed(tmp_path: Path) -> None:
    """An unchanged module's file is not rewritten, even one laid out by hand; a changed one
    is, atomically."""
    shutil.copytree(TEMPLATE, tmp_path / "case")
    files = [tmp_path / "case" / "template.gsn.yaml", tmp_path / "case" / "instance.gsn.yaml"]
    modular = load_modular(files)
    assert save_modular(modular, tmp_path / "case") == []
    modular.modules[1].case.update_node("Sn1", statement="A better solution")
    assert save_modular(modular, tmp_path / "case") == [files[1]]
    assert load_case(files[1]).node("Sn1").statement == "A better solution"


def test_gsn2x_links_into_other_modules_become_away_elements_in_gsnx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """index.gsn.yaml links to A1, G3 (sub1) and J1 is linked from sub1: as .gsnx these are
    away elements citing public elements, and check finds what it found in the YAML."""
    before = _findings(capsys, MODULAR / "index.gsn.yaml")
    assert main(["convert", str(MODULAR / "index.gsn.yaml"), str(tmp_path / "index.gsnx")]) == 0
    capsys.readouterr()
    index = load_case(tmp_path / "index.gsnx")
    assert {n.id: n.cites.describe() for n in index.nodes if n.cites} == {
        "G3": "G3 in Sub1",
        "A1": "A1 in Sub1",
    }
    assert load_case(tmp_path / "sub1.gsnx").node("A1").public
    assert _findings(capsys, tmp_path / "index.gsnx") == before


def test_diff_of_two_versions_of_a_modular_case_names_the_modules_that_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`diff` on two top files compares every module they use, module by module."""
    sample = Path(__file__).resolve().parents[1] / "samples" / "modular-loan"
    for version in ("old", "new"):
        shutil.copytree(sample, tmp_path / version)
    modular = load_modular([tmp_path / "new" / "top.gsnx"])
    fairness = modular.module("fairness")
    assert fairness is not None
    fairness.case.update_node("G7", statement="Disparate impact ratio stays above 0.95")
    accuracy = modular.module("accuracy")
    assert accuracy is not None
    accuracy.owner = "Chief Risk Officer"
    assert [p.name for p in save_modular(modular, tmp_path / "new")] == [
        "fairness.gsnx",
        "accuracy.gsnx",
    ]
    old, new = tmp_path / "old" / "top.gsnx", tmp_path / "new" / "top.gsnx"
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "~ module accuracy: owner, uses or contracts",
        "module fairness:",
        "  ~ G7: statement",
    ]
    main(["diff", str(old), str(new), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["modules_changed"]["fairness"]["changed"] == [
        {"id": "G7", "fields": ["statement"]}
    ]


def test_comments_lists_those_of_every_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Comments live in each module's file; `comments` on the top file lists them all, and
    in JSON each names its module."""
    sample = Path(__file__).resolve().parents[1] / "samples" / "modular-loan"
    shutil.copytree(sample, tmp_path / "case")
    fairness = tmp_path / "case" / "fairness.gsnx"
    assert main(["comment", str(fairness), "G7", "--author", "Ana", "--text", "Why 0.9?"]) == 0
    capsys.readouterr()
    top = tmp_path / "case" / "top.gsnx"
    assert main(["comments", str(top)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{fairness}: ") and " on G7 " in lines[0]
    assert lines[-1] == f"{top} (case of 5 modules): 1 comment"
    main(["comments", str(top), "--format", "json"])
    listing = json.loads(capsys.readouterr().out)
    assert [(c["node"], c["module"]) for c in listing] == [("G7", "fairness")]
