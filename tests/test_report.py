"""`gsn-studio report`: the safety case report as Word and PDF, read back to check that it
names every element, cuts nothing short, has its sections, honours a template and is the
same document for the same input."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt
from pypdf import PdfReader

from gsn_studio.cli import main
from gsn_studio.io import load_case, save_case
from gsn_studio.io.modular import load_modular
from gsn_studio.model import Case, Evidence, NodeType

SAMPLES = Path(__file__).parent.parent / "samples"
DAY = "2026-11-23"
SECTIONS = (
    "Summary",
    "Findings",
    "The argument",
    "Evidence register",
    "Defeaters and challenges",
    "Undeveloped goals",
    "Review comments and acceptances",
)


def docx_text(path: Path) -> str:
    """Every paragraph of the body, its tables, headers and footers, one per line."""
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    for section in document.sections:
        lines += [p.text for p in section.header.paragraphs]
        lines += [p.text for p in section.footer.paragraphs]
    return "\n".join(lines)


def headings(path: Path) -> list[str]:
    document = Document(str(path))
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def flat(text: str) -> str:
    return " ".join(text.split())


def has_id(text: str, node_id: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(node_id)}(?![\w])", text) is not None


def report(case: Path, out: Path, *extra: str) -> int:
    return main(["report", str(case), "-o", str(out), "--on", DAY, *extra])


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample reports several tests read, each written once through the CLI."""
    folder = tmp_path_factory.mktemp("reports")
    wanted = {
        "loan.docx": SAMPLES / "loan-approval.gsnx",
        "modular.docx": SAMPLES / "modular-loan" / "top.gsnx",
        "modular.pdf": SAMPLES / "modular-loan" / "top.gsnx",
    }
    for name, case in wanted.items():
        assert report(case, folder / name) == 0
    return {name: folder / name for name in wanted}


@pytest.mark.slow  # builds `made`: three reports
def test_docx_of_a_single_case_names_every_element_with_its_full_statement(
    made: dict[str, Path],
) -> None:
    """Every id and every whole statement of the loan sample is in the DOCX, with each section."""
    out = made["loan.docx"]
    text = docx_text(out)
    case = load_case(SAMPLES / "loan-approval.gsnx")
    for node in case.nodes:
        assert has_id(text, node.id), node.id
        assert flat(node.statement) in flat(text), node.id
    found = headings(out)
    for section in SECTIONS:
        assert any(section in heading for heading in found), section
    assert "Verdict as of 2026-11-23: WEAKENED" in text
    assert "Sn1 expired on 2025-11-30 via S1 → G2 → S2 → G3" in text  # the why, in full
    assert "9612f4d5163bd74d534861a873098c59941298c457b0a1d29e272fc9b1fabfc9" in text
    assert len(Document(str(out)).inline_shapes) >= 1  # the figure


def test_a_node_reached_twice_is_referred_to_by_its_first_number(tmp_path: Path) -> None:
    """Shared evidence is narrated once, numbered by the support tree, and referenced after."""
    case = Case(name="Shared")
    for node_type, node_id in [
        (NodeType.GOAL, "G1"),
        (NodeType.STRATEGY, "S1"),
        (NodeType.GOAL, "G2"),
        (NodeType.GOAL, "G3"),
        (NodeType.SOLUTION, "Sn1"),
        (NodeType.CONTEXT, "C1"),
    ]:
        case.add_node(node_type, f"Statement of {node_id}", node_id=node_id)
    case.update_node("Sn1", evidence=Evidence(reference="report.pdf"))
    for parent, child in [
        ("G1", "C1"),
        ("G1", "S1"),
        ("S1", "G2"),
        ("S1", "G3"),
        ("G2", "Sn1"),
        ("G3", "Sn1"),
    ]:
        case.connect(parent, child)
    save_case(case, tmp_path / "shared.gsnx")
    out = tmp_path / "shared.docx"
    assert report(tmp_path / "shared.gsnx", out) == 0
    items = [flat(p.text) for p in Document(str(out)).paragraphs]
    assert any(p.startswith("1 G1 Goal") for p in items)
    assert any(p.startswith("1.1 C1 Context") for p in items)
    assert any(p.startswith("1.2.1.1 Sn1 Solution") and "Statement of Sn1" in p for p in items)
    assert "1.2.2.1 Sn1 Solution: see 1.2.1.1 above." in items


@pytest.mark.slow  # uses `made`
def test_modular_report_has_a_section_and_figure_per_module_and_every_id(
    made: dict[str, Path],
) -> None:
    """The modular loan case: each module's section and figure, every element id of each."""
    out = made["modular.docx"]
    text = docx_text(out)
    modular = load_modular([SAMPLES / "modular-loan" / "top.gsnx"])
    found = headings(out)
    for module in modular.modules:
        assert any(re.match(rf"\d+\. Module {module.id}:", h) for h in found), module.id
        for node in module.case.nodes:
            assert has_id(text, node.id), (module.id, node.id)
            assert flat(node.statement) in flat(text), (module.id, node.id)
    assert len(Document(str(out)).inline_shapes) >= len(modular.modules)
    assert "G1 weakened: Sn1 expired on 2025-11-30 via S1 → G2 in module fairness → S2 → G3" in text
    assert "Developed by: module scoring-platform, under a contract (undeveloped here)" in text


@pytest.mark.slow  # a report with figures
def test_trace_matrix_and_acceptances_appear_for_a_case_with_trace_sets(tmp_path: Path) -> None:
    """The infusion pump's hazards are in a trace matrix, its acceptances listed with state."""
    out = tmp_path / "pump.docx"
    assert report(SAMPLES / "infusion-pump.gsnx", out) == 0
    text = docx_text(out)
    assert any("Trace matrix" in h for h in headings(out))
    assert "Over-infusion of opioid" in text
    assert "A. Assessor (notified body 0123)" in text
    case = load_case(SAMPLES / "infusion-pump.gsnx")
    for node in case.nodes:
        assert has_id(text, node.id), node.id


def test_long_statements_and_long_words_are_kept_whole(tmp_path: Path) -> None:
    """A 6,000-character statement and a 400-character word reach both documents uncut."""
    long_word = "x" * 200 + "y" * 200
    statement = " ".join(f"clause{i} holds under condition {i}" for i in range(200))
    case = Case(name="Long")
    case.add_node(NodeType.GOAL, statement, node_id="G1")
    case.add_node(NodeType.SOLUTION, long_word, node_id="Sn1")
    case.update_node("Sn1", evidence=Evidence(reference="r/" + long_word + ".pdf"))
    case.connect("G1", "Sn1")
    save_case(case, tmp_path / "long.gsnx")
    assert report(tmp_path / "long.gsnx", tmp_path / "long.docx") == 0
    text = docx_text(tmp_path / "long.docx")
    assert statement in text and long_word in text
    assert report(tmp_path / "long.gsnx", tmp_path / "long.pdf") == 0
    pdf = "".join(  # the body's words, without each page's running head and page number
        line
        for page in PdfReader(tmp_path / "long.pdf").pages
        for line in page.extract_text().splitlines()
        if "safety case report · as of" not in line and " · Page " not in line
    )
    squeezed = re.sub(r"\s+", "", pdf)
    assert long_word in squeezed
    assert re.sub(r"\s+", "", statement) in squeezed


@pytest.mark.slow  # uses `made`
def test_pdf_text_names_every_element_and_has_the_sections(made: dict[str, Path]) -> None:
    """The PDF of the modular case: its extracted text holds every id and every section."""
    out = made["modular.pdf"]
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for module in load_modular([SAMPLES / "modular-loan" / "top.gsnx"]).modules:
        for node in module.case.nodes:
            assert has_id(text, node.id), (module.id, node.id)
    for section in SECTIONS[:2] + SECTIONS[3:]:
        assert section in text, section
    assert f"Page 1 of {len(reader.pages)}" in text
    assert [item.title for item in reader.outline if not isinstance(item, list)][:2] == [
        "1. Summary",
        "2. Findings",
    ]


@pytest.mark.slow  # writes both reports again
def test_the_same_case_and_day_give_the_same_documents(
    tmp_path: Path, made: dict[str, Path]
) -> None:
    """Two runs write byte-identical DOCX and PDF files (fixed dates, no random ids)."""
    for suffix in ("docx", "pdf"):
        first, second = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        assert report(SAMPLES / "tutorial.gsnx", first) == 0
        assert report(SAMPLES / "tutorial.gsnx", second) == 0
        assert first.read_bytes() == second.read_bytes(), suffix
    assert report(SAMPLES / "modular-loan" / "top.gsnx", tmp_path / "again.docx") == 0
    assert (tmp_path / "again.docx").read_bytes() == made["modular.docx"].read_bytes()
    assert str(PdfReader(tmp_path / "a.pdf").metadata["/CreationDate"]).startswith("D:20261123")
    core = Document(str(tmp_path / "a.docx")).core_properties
    assert core.created is not None and core.created.date().isoformat() == DAY


@pytest.mark.slow  # a report with figures
def test_template_sets_fonts_header_and_cover(tmp_path: Path) -> None:
    """A template's Normal font, its header and its cover (placeholders filled) are kept."""
    template = Document()
    template.styles["Normal"].font.name = "Georgia"
    template.styles["Normal"].font.size = Pt(11)
    template.sections[0].header.paragraphs[0].text = "ACME Bank · Confidential"
    template.add_paragraph("Cover: {case}, judged on {as_of}")
    path = tmp_path / "acme.docx"
    template.save(str(path))
    out = tmp_path / "report.docx"
    assert report(SAMPLES / "loan-approval.gsnx", out, "--template", str(path)) == 0
    document = Document(str(out))
    assert document.styles["Normal"].font.name == "Georgia"
    assert document.styles["Normal"].font.size == Pt(11)
    assert document.sections[0].header.paragraphs[0].text == "ACME Bank · Confidential"
    assert document.paragraphs[0].text == "Cover: Loan approval model LAM 4.2, judged on 2026-11-23"
    assert "Loan approval model LAM 4.2" in [p.text for p in document.paragraphs[1:8]]
    assert "Page" in "".join(p.text for p in document.sections[0].footer.paragraphs)


@pytest.mark.slow  # a report with figures
def test_review_comments_appear_with_their_replies(tmp_path: Path) -> None:
    """A comment and its reply, made with the CLI, are in the review section."""
    case = tmp_path / "loan.gsnx"
    shutil.copy(SAMPLES / "loan-approval.gsnx", case)
    assert (
        main(
            [
                "comment",
                str(case),
                "G2",
                "--author",
                "R. Viewer",
                "--kind",
                "rebut",
                "--text",
                "Broker channel missing",
            ]
        )
        == 0
    )
    comment_id = load_case(case).comments[0].id
    assert (
        main(
            [
                "reply",
                str(case),
                comment_id,
                "--author",
                "Analyst",
                "--text",
                "Covered in Q1 2027 audit",
            ]
        )
        == 0
    )
    out = tmp_path / "loan.docx"
    assert report(case, out) == 0
    text = docx_text(out)
    assert comment_id in text and "Broker channel missing" in text
    assert "Reply by Analyst" in text and "Covered in Q1 2027 audit" in text
    assert "1 challenge from review open" in text


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.gsnx", "-o", "OUT.docx"], "missing.gsnx"),
        (["CASE", "-o", "OUT.txt"], "a report is .docx or .pdf"),
        (["CASE", "-o", "OUT.docx", "--template", "BAD.docx"], "not a Word .docx file"),
        (["CASE", "-o", "OUT.pdf", "--template", "BAD.docx"], "styles a .docx report only"),
        (["NOTXML", "-o", "OUT.docx"], "NOTXML"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    """A missing case, an unknown output type or a template that is not Word: exit 2, one line."""
    (tmp_path / "BAD.docx").write_text("not a zip")
    (tmp_path / "NOTXML.gsnx").write_text("<unclosed")
    names = {"CASE": str(SAMPLES / "tutorial.gsnx"), "NOTXML": str(tmp_path / "NOTXML.gsnx")}
    resolved = [
        names.get(a, str(tmp_path / a) if a.startswith(("OUT", "BAD", "missing")) else a)
        for a in arguments
    ]
    assert main(["report", *resolved]) == 2
    error = capsys.readouterr().err
    assert len(error.strip().splitlines()) == 1
    assert message.replace("NOTXML", "NOTXML.gsnx") in error
    assert not list(tmp_path.glob("OUT*"))


@pytest.mark.slow  # a fresh interpreter writes a PDF
def test_report_command_loads_no_qt(tmp_path: Path) -> None:
    """The report, PDF included, is written without importing Qt."""
    code = (
        "import sys\nfrom gsn_studio.cli import main\n"
        f"main(['report', {str(SAMPLES / 'tutorial.gsnx')!r}, '-o', {str(tmp_path / 't.pdf')!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    # A process: only a fresh interpreter shows whether the report imports Qt.
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "t.pdf").read_bytes().startswith(b"%PDF")


def test_docx_is_a_valid_zip_with_fixed_entry_dates(tmp_path: Path) -> None:
    """Entries carry the as-of date, not the time of writing."""
    import zipfile

    out = tmp_path / "t.docx"
    assert report(SAMPLES / "tutorial.gsnx", out) == 0
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2026, 11, 23)}
        assert archive.testzip() is None


@pytest.mark.parametrize("size", [(200_000, 300), (300, 200_000), (40_000, 40_000), (50, 40)])
def test_figure_scale_stays_within_the_png_limits(size: tuple[int, int]) -> None:
    """However long, tall or large a figure, the pixels asked of CairoSVG are within limits."""
    from gsn_studio.export.raster import MAX_PIXELS, MAX_SIDE
    from gsn_studio.export.report_figure import png_scale

    width, height = size
    placed = width * 0.75 * min(1.0, 481.9 / (width * 0.75), 600 / (height * 0.75))
    scale = png_scale(width, height, placed_width=placed)
    assert width * scale <= MAX_SIDE and height * scale <= MAX_SIDE
    assert width * scale * height * scale <= MAX_PIXELS
    assert width * scale >= placed / 72 * 150  # sharp enough to print where it is placed
