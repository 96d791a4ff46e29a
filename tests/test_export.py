"""Figures: SVG structure and escaping, rendering with an independent renderer, PNG and PDF
files that open, subtrees, themes, and the export command's exit codes."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import cairosvg
import pytest
from conftest import SAMPLES, RunCli
from factories import hazard_case
from lxml import etree

from gsn_studio.export.figure import ExportOptions, export_figure, make_svg
from gsn_studio.export.select import subtree
from gsn_studio.io import load_case, save_case
from gsn_studio.layout import layout_case
from gsn_studio.model import NodeType
from gsn_studio.notation.geometry import geometry_of
from gsn_studio.notation.themes import PRINT_GREYS

SVG = "{http://www.w3.org/2000/svg}"
AS_OF = dt.date(2026, 11, 23)


def parse(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode("utf-8"), etree.XMLParser(resolve_entities=False))


def laid_out(case=None):  # type: ignore[no-untyped-def]
    case = case or hazard_case()
    for node_id, position in layout_case(case).items():
        case.update_node(node_id, position=position)
    return case


def test_each_node_is_a_group_named_by_its_id_with_type_and_status_classes() -> None:
    """<g id="G3" class="gsn-node gsn-goal undeveloped"> for every node, links as paths."""
    case = laid_out()
    case.remove_node("Sn2")
    root = parse(make_svg(case, ExportOptions(as_of=AS_OF)))
    groups = {g.get("id"): g.get("class") for g in root.iter(f"{SVG}g") if g.get("id")}
    assert set(groups) == {node.id for node in case.nodes}
    assert groups["G3"] == "gsn-node gsn-goal undeveloped"
    assert groups["S1"] == "gsn-node gsn-strategy incomplete"  # G3 below it is a hole
    paths = [p for p in root.iter(f"{SVG}path") if "gsn-link" in (p.get("class") or "")]
    assert len(paths) == len(case.links)
    assert all(p.get("marker-end", "").startswith("url(#gsn-") for p in paths)


def test_svg_is_vector_text_without_script_or_raster() -> None:
    """No <image>, no <script>, no event handlers; statements are real <text>."""
    svg = make_svg(laid_out(), ExportOptions(legend=True))
    root = parse(svg)
    tags = {etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str)}
    assert "image" not in tags and "script" not in tags and "foreignObject" not in tags
    assert not [a for e in root.iter() for a in e.attrib if a.startswith("on")]
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "Hazard H1 is mitigated" in texts


def test_hostile_statement_stays_visible_text() -> None:
    """A statement with markup is escaped: it renders as text and injects nothing."""
    case = laid_out()
    hostile = '<script>alert(1)</script> & "x"'
    case.update_node("G2", statement=hostile)
    svg = make_svg(case, ExportOptions())
    root = parse(svg)
    assert root.find(f".//{SVG}script") is None
    node = root.find(f".//{SVG}g[@id='G2']")
    shown = "".join(node.find(f"{SVG}text[@class='gsn-statement']").itertext())
    assert shown.strip() == hostile


def test_lines_are_wrapped_exactly_as_the_notation_says() -> None:
    """Each statement line in the SVG is one line of the shared wrapping."""
    case = laid_out()
    case.update_node("S1", statement="Argue over each identified hazard " * 4)
    root = parse(make_svg(case, ExportOptions()))
    spans = root.find(f".//{SVG}g[@id='S1']/{SVG}text[@class='gsn-statement']")
    assert [span.text for span in spans] == list(geometry_of(case.node("S1")).lines)


def test_viewbox_is_tight_around_the_nodes() -> None:
    """The viewBox encloses every node with a small margin and little else."""
    case = laid_out()
    x, _, width, _ = map(float, parse(make_svg(case, ExportOptions())).get("viewBox").split())
    lefts = [n.position.x - geometry_of(n).half_width for n in case.nodes]
    rights = [n.position.x + geometry_of(n).half_width for n in case.nodes]
    assert x <= min(lefts) and x + width >= max(rights)
    assert min(lefts) - x < 40 and x + width - max(rights) < 60


def test_rendering_is_not_blank_and_matches_the_layout(tmp_path: Path) -> None:
    """CairoSVG renders the figure; node centres carry their fill colour where laid out."""
    from PIL import Image  # CairoSVG's own dependency

    case = laid_out()
    svg = make_svg(case, ExportOptions(highlights=False))
    png = cairosvg.svg2png(bytestring=svg.encode(), scale=1)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    assert len(colours) > 20  # not a blank page
    x0, y0, *_ = map(float, parse(svg).get("viewBox").split())
    node = case.node("G2")
    # Just inside the top-left corner of G2 lies its goal fill colour.
    g = geometry_of(node)
    pixel = image.getpixel(
        (
            int(node.position.x - g.half_width + 3 - x0),
            int(node.position.y - g.half_height + 3 - y0),
        )
    )
    assert pixel == (0xE8, 0xF0, 0xFB)


def test_png_and_pdf_files_open(tmp_path: Path) -> None:
    """PNG export gives a PNG of the asked scale; PDF export gives a vector PDF."""
    from PIL import Image

    case = load_case(SAMPLES / "tutorial.gsnx")
    one, two = tmp_path / "one.png", tmp_path / "two.png"
    export_figure(case, one, ExportOptions(scale=1))
    export_figure(case, two, ExportOptions(scale=2, transparent=True))
    with Image.open(one) as first, Image.open(two) as second:
        assert abs(second.width - 2 * first.width) <= 2
        assert second.mode == "RGBA" and second.getpixel((0, 0))[3] == 0
    pdf = tmp_path / "case.pdf"
    export_figure(case, pdf, ExportOptions())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/Image" not in data  # vector drawing, no embedded bitmap


def test_subtree_and_depth() -> None:
    """--root keeps the node, what supports it and their contexts; --depth cuts levels."""
    case = hazard_case()
    part = subtree(case, "S1")
    assert {n.id for n in part.nodes} == {"S1", "J1", "G2", "G3", "Sn1", "Sn2", "A1"}
    shallow = subtree(case, "S1", depth=1)
    assert {n.id for n in shallow.nodes} == {"S1", "J1", "G2", "G3", "A1"}
    assert all(link.source in {"S1", "G2"} for link in shallow.links)


def test_print_theme_keeps_status_without_colour() -> None:
    """In the greyscale theme, statuses still carry a badge word and a dash pattern."""
    case = laid_out()
    case.remove_node("Sn2")
    root = parse(make_svg(case, ExportOptions(theme="print", as_of=AS_OF)))
    node = root.find(f".//{SVG}g[@id='G3']")
    assert "UNDEVELOPED" in "".join(node.find(f"{SVG}g[@class='gsn-badge']").itertext())
    assert node.find(f"{SVG}rect").get("stroke-dasharray")
    fills = {e.get("fill") for e in root.iter() if e.get("fill")}
    assert fills <= {"none", "#000000", *PRINT_GREYS}


def test_size_per_node_is_small() -> None:
    """The figure weighs under 1 KB per node."""
    case = load_case(SAMPLES / "infusion-pump.gsnx")
    svg = make_svg(case, ExportOptions(legend=True))
    assert len(svg.encode()) / len(case.nodes) < 1024


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gsn_studio", "export", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_export_command_end_to_end(tmp_path: Path) -> None:
    """A YAML case with no positions exports headless to SVG, laid out on the fly."""
    case = hazard_case()
    source = tmp_path / "case.yaml"
    save_case(case, source)
    out = tmp_path / "figure.svg"
    # A process: the smoke test of `export` headless, as a build script runs it.
    result = run_process(str(source), "-o", str(out), "--root", "S1", "--depth", "1", "--legend")
    assert result.returncode == 0, result.stderr
    root = parse(out.read_text())
    assert {g.get("id") for g in root.iter(f"{SVG}g") if g.get("id")} == {
        "S1", "J1", "G2", "G3", "A1",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "out.jpg"], "unknown figure type .jpg"),
        (["-o", "out.svg", "--root", "G99"], "no node G99"),
        (["-o", "out.svg", "--depth", "-1", "--root", "G1"], "0 or more"),
        (["-o", "out.svg", "--theme", "neon"], "invalid choice"),
    ],
)
def test_export_bad_options_exit_2(
    args: list[str], message: str, tmp_path: Path, run_cli: RunCli
) -> None:
    """Bad options give exit 2 and a message that says what is wrong."""
    source = tmp_path / "case.gsnx"
    save_case(hazard_case(), source)
    outputs = [str(tmp_path / a) if a.startswith("out.") else a for a in args]
    result = run_cli("export", str(source), *outputs)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_export_of_unreadable_case_exits_2(tmp_path: Path, run_cli: RunCli) -> None:
    """A bad input file gives exit 2 with check's message."""
    bad = tmp_path / "bad.gsnx"
    bad.write_text("<nope")
    result = run_cli("export", str(bad), "-o", str(tmp_path / "x.svg"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"gsn-studio: {bad}")


def test_counter_and_invalid_links_render() -> None:
    """Counter goals get their own class; an illegal link is drawn dashed in the invalid colour."""
    case = laid_out()
    case.add_node(NodeType.COUNTER_GOAL, "Night shifts are not covered")
    from gsn_studio.model import Link, LinkKind, Position

    case.update_node("CG1", position=Position(x=0, y=0))
    case.links.append(Link(source="C1", target="G2", kind=LinkKind.SUPPORTED_BY))
    root = parse(make_svg(case, ExportOptions()))
    assert "gsn-counter-goal" in root.find(f".//{SVG}g[@id='CG1']").get("class")
    invalid = [p for p in root.iter(f"{SVG}path") if "invalid" in (p.get("class") or "")]
    assert len(invalid) == 1 and invalid[0].get("stroke-dasharray")
