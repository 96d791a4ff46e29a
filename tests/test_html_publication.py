"""`gsn-studio export CASE --html OUT_DIR`: a static, navigable publication of a case of
modules, checked as files and, where Debian's chromium is installed, in that real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SAMPLES

from gsn_studio.cli import main

TOP = SAMPLES / "modular-loan" / "top.gsnx"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    assert main(["export", str(TOP), "--html", str(out), "--as-of", "2026-11-23"]) == 0
    return out


def test_the_publication_has_an_index_and_a_page_per_module(site: Path) -> None:
    """index.html holds the architecture (each module a link to its page), the evidence
    register and the as-of caption; each module has its page with its figure inline."""
    index = (site / "index.html").read_text()
    for module in ("top", "fairness", "accuracy", "oversight", "scoring-platform"):
        assert (site / f"module-{module}.html").is_file()
        assert f'href="module-{module}.html"' in index
    assert "Evidence register" in index and "bias-audit-2025-q1.md" in index
    assert "<td>Sn4</td><td>accuracy</td>" in index  # its file changed since verified:
    assert re.search(r"<td>Sn4</td>.*?<td>changed</td></tr>", index)
    assert "as of 2026-11-23" in index
    assert "<script" not in index and "http://" not in index.replace("http://www.w3.org", "")


def test_each_away_element_links_to_its_home_element(site: Path) -> None:
    """In top's figure, away goal G2 is wrapped in a link to fairness's page at G2, whose
    figure has the element G2 as an anchor."""
    top = (site / "module-top.html").read_text()
    assert re.search(r'<a href="module-fairness.html#G2"><g id="G2" class="gsn-node', top)
    assert '<g id="G2" class="gsn-node' in (site / "module-fairness.html").read_text()
    assert "<?xml" not in top  # the figure is inline HTML, not a document of its own


def test_without_output_or_html_export_says_what_it_needs(capsys: pytest.CaptureFixture) -> None:
    """`export CASE` alone is a usage error naming both choices, exit code 2."""
    assert main(["export", str(TOP)]) == 2
    assert "-o OUT (a figure) or --html OUT_DIR" in capsys.readouterr().err


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow  # a real browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (scripts/dev)")
def test_pages_load_in_chromium_without_console_errors_and_away_links_land_home(
    site: Path,
) -> None:
    """Every page loads in headless Chromium with no console message, and the URL an away
    link points at opens fairness's page with the element G2 in it."""
    for page in sorted(site.glob("*.html")):
        run = _chromium("--dump-dom", page.as_uri())
        assert "</svg>" in run.stdout, page.name
        console = [line for line in run.stderr.splitlines() if "CONSOLE" in line]
        assert console == [], page.name
    top = _chromium("--dump-dom", (site / "module-top.html").as_uri()).stdout
    href = re.search(r'<a href="([^"]+)"><g id="G2"', top)
    assert href is not None
    home = _chromium("--dump-dom", (site / href.group(1).split("#")[0]).as_uri() + "#G2")
    assert href.group(1) == "module-fairness.html#G2"
    assert '<g id="G2" class="gsn-node' in home.stdout


def test_figures_respect_the_folds_of_each_module(tmp_path: Path) -> None:
    """fairness's diagram folds S2: its page leaves out what S2 supports, shows S2's "+N"
    marker, and an away element citing a folded-away goal (G3) links to S2 on that page."""
    case = tmp_path / "modular-loan"
    shutil.copytree(TOP.parent, case)
    fairness = case / "fairness.gsnx"
    fairness.write_text(
        fairness.read_text().replace(
            "</AssuranceCasePackage>",
            '  <Diagram><Fold ref="S2"/></Diagram>\n</AssuranceCasePackage>',
        )
    )
    top = case / "top.gsnx"
    top.write_text(top.read_text().replace('citedElement="G2"', 'citedElement="G3"'))
    out = tmp_path / "site"
    assert main(["export", str(top), "--html", str(out), "--as-of", "2026-11-23"]) == 0
    page = (out / "module-fairness.html").read_text()
    assert re.search(r'<g class="gsn-fold" data-node="S2" data-folded="\d+"', page)
    for hidden in ("G3", "G4", "Sn1"):
        assert f'<g id="{hidden}" class="gsn-node' not in page
    assert '<g id="G7" class="gsn-node' in page  # not under S2
    top_page = (out / "module-top.html").read_text()
    assert '<a href="module-fairness.html#S2"><g id="G2" class="gsn-node' in top_page
