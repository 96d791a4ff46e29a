"""Figures of a dialectic argument: challenge links with their own marker, aimed at a node or
at the middle of a link; every status in every theme; a legend of what the figure shows."""

from __future__ import annotations

import datetime as dt
import re

import cairosvg
import pytest
from factories import hazard_case
from lxml import etree

from gsn_studio.export.figure import ExportOptions, make_svg
from gsn_studio.export.select import subtree
from gsn_studio.export.svg import render_svg
from gsn_studio.layout import layout_case
from gsn_studio.model import Case, Link, LinkKind, NodeType, Position
from gsn_studio.notation.geometry import geometry_of
from gsn_studio.notation.palette import Status
from gsn_studio.notation.routes import midpoint
from gsn_studio.notation.themes import CHALLENGE_DASH, PRINT, PRINT_GREYS, QUIET, THEMES

SVG = "{http://www.w3.org/2000/svg}"
AS_OF = dt.date(2026, 11, 23)
STATUSES = [status for status in Status if status is not Status.NONE]


def parse(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode("utf-8"), etree.XMLParser(resolve_entities=False))


def dialectic() -> Case:
    """The hazard argument with a defeater of G2 and a counter solution against S1 → G3."""
    case = hazard_case()
    case.add_node(NodeType.COUNTER_GOAL, "The H1 tests covered day shifts only")
    case.add_node(NodeType.COUNTER_SOLUTION, "Night incident log")
    case.add_node(NodeType.COUNTER_SOLUTION, "Audit of the hazard list")
    case.connect("CG1", "G2", LinkKind.CHALLENGES)
    case.connect("CG1", "CSn1")
    case.connect("CSn2", "G3", via="S1")
    return case


def links(root: etree._Element) -> list[etree._Element]:
    group = root.find(f"{SVG}g[@class='gsn-links']")
    return list(group.iter(f"{SVG}path"))


def path_of(root: etree._Element, source: str, target: str) -> etree._Element:
    (path,) = [
        p for p in links(root) if (p.get("data-source"), p.get("data-target")) == (source, target)
    ]
    return path


def points(path: etree._Element) -> tuple[tuple[float, float], ...]:
    """The path's points: from the source's outline, through its bends, to the target."""
    numbers = list(map(float, re.findall(r"-?[\d.]+", path.get("d"))))
    return tuple(zip(numbers[0::2], numbers[1::2], strict=True))


def test_a_challenge_has_its_own_marker_class_and_dashes() -> None:
    """A challenge is "gsn-link challenges", dash-dotted, ending in the challenge marker."""
    root = parse(make_svg(dialectic(), ExportOptions(as_of=AS_OF)))
    assert root.find(f".//{SVG}marker[@id='gsn-challenges']") is not None
    challenge = path_of(root, "CG1", "G2")
    assert challenge.get("class") == "gsn-link challenges"
    assert challenge.get("marker-end") == "url(#gsn-challenges)"
    assert challenge.get("stroke-dasharray") == " ".join(f"{d:g}" for d in CHALLENGE_DASH)
    plain = [p for p in links(root) if "challenges" not in p.get("class")]
    assert all(p.get("marker-end") != "url(#gsn-challenges)" for p in plain)


def test_a_figure_without_challenges_has_no_challenge_marker() -> None:
    """The challenge marker is defined only where a challenge is drawn."""
    root = parse(make_svg(hazard_case(), ExportOptions()))
    assert root.find(f".//{SVG}marker[@id='gsn-challenges']") is None


def test_a_challenge_to_a_link_ends_at_the_middle_of_its_path() -> None:
    """The path of CSn2's challenge ends where the path S1 → G3 has its middle."""
    root = parse(make_svg(dialectic(), ExportOptions()))
    challenge = path_of(root, "CSn2", "G3")
    assert challenge.get("data-via") == "S1"
    middle = midpoint(points(path_of(root, "S1", "G3")))
    assert points(challenge)[-1] == pytest.approx(middle, abs=0.11)


def test_an_illegal_challenge_is_drawn_as_illegal() -> None:
    """A challenge from an ordinary goal breaks the rules: invalid marker, not a challenge one."""
    case = dialectic()
    case.links.append(Link(source="G3", target="G2", kind=LinkKind.CHALLENGES))
    root = parse(make_svg(case, ExportOptions()))
    path = path_of(root, "G3", "G2")
    assert "invalid" in path.get("class") and path.get("marker-end") == "url(#gsn-invalid)"


def test_every_theme_has_a_mark_for_every_status() -> None:
    """Light, dark and print each give every status a fill, stroke, dash or width and badge."""
    for theme in THEMES.values():
        assert set(theme.marks) == set(STATUSES), theme.name
        for mark in theme.marks.values():
            assert mark.badge and mark.fill.startswith("#") and mark.stroke.startswith("#")


def test_print_marks_stay_apart_in_greyscale() -> None:
    """In print every status has a grey fill, ink stroke, and a dash and badge pair of its own."""
    pairs = {(mark.dash, mark.stroke_width, mark.badge) for mark in PRINT.marks.values()}
    assert len(pairs) == len(STATUSES)
    assert all(
        mark.fill in PRINT_GREYS and mark.stroke == "#000000" for mark in PRINT.marks.values()
    )


def one_of_each() -> tuple[Case, dict[str, Position], dict[str, Status]]:
    """A goal per status in a row, each drawn with that status."""
    case = Case()
    positions, statuses = {}, {}
    for index, status in enumerate(STATUSES):
        node = case.add_node(NodeType.GOAL, f"Marked {status.value}")
        positions[node.id] = Position(x=200.0 * index, y=0)
        statuses[node.id] = status
    return case, positions, statuses


@pytest.mark.parametrize("theme", list(THEMES))
def test_every_status_renders_in_every_theme(theme: str) -> None:
    """Each status draws its class, dashes and (unless quiet) badge; cairo renders it all."""
    case, positions, statuses = one_of_each()
    svg = render_svg(case, positions, statuses, THEMES[theme], legend=True)
    root = parse(svg)
    for node_id, status in statuses.items():
        group = root.find(f".//{SVG}g[@id='{node_id}']")
        assert status.value in group.get("class").split()
        badge = group.find(f"{SVG}g[@class='gsn-badge']")
        assert (badge is None) is (status in QUIET)
    assert cairosvg.svg2png(bytestring=svg.encode()).startswith(b"\x89PNG")


def test_the_legend_lists_only_the_marks_and_links_in_the_figure() -> None:
    """An undeveloped goal and a challenge: the legend keys those, not expired evidence."""
    case = dialectic()
    case.remove_node("Sn2")
    root = parse(make_svg(case, ExportOptions(legend=True, as_of=AS_OF)))
    legend = root.find(f"{SVG}g[@class='gsn-legend']")
    keyed = {r.get("class").split()[1] for r in legend.iter(f"{SVG}rect") if r.get("class")}
    assert "undeveloped" in keyed and "expired" not in keyed and "open" in keyed
    kinds = {p.get("class").split()[1] for p in legend.iter(f"{SVG}path")}
    assert kinds == {"supported-by", "in-context-of", "challenges"}
    words = " ".join("".join(t.itertext()) for t in legend.iter(f"{SVG}text"))
    assert "Counter goal" in words


def test_a_wide_legend_wraps_within_the_figure() -> None:
    """With every status keyed, the legend wraps into rows no wider than the figure."""
    case, positions, statuses = one_of_each()
    root = parse(render_svg(case, positions, statuses, legend=True))
    width = float(root.get("width"))
    legend = root.find(f"{SVG}g[@class='gsn-legend']")
    rows = {r.get("y") for r in legend.iter(f"{SVG}rect") if r.get("class")}
    assert len(rows) > 1
    x0 = float(root.get("viewBox").split()[0])
    assert all(float(t.get("x")) - x0 < width for t in legend.iter(f"{SVG}text"))


def test_a_badge_moves_off_an_arrowhead_as_on_the_canvas() -> None:
    """A parent up and to the right puts the child's badge at its top-left corner."""
    case = Case()
    case.add_node(NodeType.GOAL, "Parent far up and to the right")
    case.add_node(NodeType.GOAL, "Child")
    case.connect("G1", "G2")
    positions = {"G1": Position(x=400, y=0), "G2": Position(x=0, y=300)}
    root = parse(render_svg(case, positions, {"G2": Status.UNDEVELOPED}))
    pill = root.find(f".//{SVG}g[@id='G2']/{SVG}g[@class='gsn-badge']/{SVG}rect")
    assert float(pill.get("x")) < -geometry_of(case.node("G2")).half_width + 10


def test_a_subtree_keeps_the_defeaters_of_what_it_shows() -> None:
    """Exporting from S1 brings CG1 with its counter argument, and CSn2 with its link."""
    part = subtree(dialectic(), "S1")
    assert {"CG1", "CSn1", "CSn2"} <= {node.id for node in part.nodes}
    assert any(link.via == "S1" for link in part.links)
    shallow = subtree(dialectic(), "G2")
    assert {node.id for node in shallow.nodes} == {"G2", "A1", "Sn1", "CG1", "CSn1"}


def test_a_laid_out_dialectic_case_renders_with_cairo() -> None:
    """Laid out and exported, the dialectic case is a non-blank PNG."""
    case = dialectic()
    for node_id, position in layout_case(case).items():
        case.update_node(node_id, position=position)
    png = cairosvg.svg2png(bytestring=make_svg(case, ExportOptions(theme="dark")).encode())
    assert png.startswith(b"\x89PNG") and len(png) > 5000


def test_a_refuted_defeaters_challenge_is_faded_in_the_figure() -> None:
    """The SVG path of a refuted defeater's challenge carries the faded opacity; an open one
    does not."""
    import datetime as dt

    from lxml import etree

    from gsn_studio.export.figure import ExportOptions, make_svg
    from gsn_studio.model import DefeaterStatus, Evidence, LinkKind, NodeType
    from gsn_studio.notation.themes import REFUTED_OPACITY

    def challenge_opacity(status: DefeaterStatus) -> str | None:
        case = hazard_case()
        refutation = Evidence(reference="https://example.org/r")
        case.add_node(
            NodeType.COUNTER_GOAL, "Night shifts untested", node_id="CG1",
            defeater_status=status,
            refutation=refutation if status is DefeaterStatus.REFUTED else None,
        )  # fmt: skip
        case.connect("CG1", "G2", LinkKind.CHALLENGES)
        svg = make_svg(case, ExportOptions(as_of=dt.date(2026, 6, 1)))
        root = etree.fromstring(svg.encode())
        (path,) = [p for p in root.iter("{*}path") if "challenges" in (p.get("class") or "")]
        return path.get("opacity")

    assert challenge_opacity(DefeaterStatus.OPEN) is None
    assert float(challenge_opacity(DefeaterStatus.REFUTED) or 1) == REFUTED_OPACITY
