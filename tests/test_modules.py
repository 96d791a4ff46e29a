"""Modules: away elements, module references and contracts in the model, unrolled into one
argument whose checks and statuses run across modules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import SAMPLES
from generate import generate_case
from hypothesis import given, settings
from hypothesis import strategies as st

from gsn_studio.analysis import check_case
from gsn_studio.analysis.modules import assess_modular
from gsn_studio.io import CaseFileError, load_case, save_case
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.io.modular import load_modular, save_modular
from gsn_studio.model import (
    Case,
    Citation,
    Contract,
    Evidence,
    LinkKind,
    ModelError,
    ModularCase,
    Module,
    Node,
    NodeType,
)
from gsn_studio.model.module_split import move_to_new_module
from gsn_studio.notation.geometry import geometry_of

G, SN, C = NodeType.GOAL, NodeType.SOLUTION, NodeType.CONTEXT
DAY = dt.date(2026, 6, 1)


def _top() -> Case:
    case = Case(name="Top")
    case.add_node(G, "The system is fair and accurate", "G1")
    case.add_node(NodeType.STRATEGY, "Argue over properties", "S1")
    case.add_node(G, "Fair", "G2", cites=Citation(module="fairness", element="G5"))
    case.add_node(G, "Accurate", "G3", undeveloped=True)
    case.connect("G1", "S1")
    case.connect("S1", "G2")
    case.connect("S1", "G3")
    return case


def _fairness(expired: bool = False, public: bool = True) -> Case:
    case = Case(name="Fairness")
    case.add_node(G, "Decisions are fair", "G5", public=public)
    until = dt.date(2026, 1, 1) if expired else dt.date(2027, 1, 1)
    case.add_node(
        SN, "Bias audit", "Sn4", evidence=Evidence(reference="audit.pdf", valid_until=until)
    )
    case.connect("G5", "Sn4")
    return case


def _supplier() -> Case:
    case = Case(name="Supplier")
    case.add_node(G, "Accuracy measured by the supplier", "G7")
    case.add_node(SN, "Test report", "Sn7", evidence=Evidence(reference="t.pdf"))
    case.connect("G7", "Sn7")
    return case


def _modular(**fairness: bool) -> ModularCase:
    develops = Contract(
        claim=Citation(module="top", element="G3"),
        support=(Citation(module="supplier", element="G7"),),
    )
    return ModularCase(
        modules=[
            Module(id="top", path="top.gsnx", case=_top(), uses=("fairness.gsnx",)),
            Module(id="fairness", path="fairness.gsnx", case=_fairness(**fairness)),
            Module(id="supplier", path="supplier.gsnx", case=_supplier(), contracts=(develops,)),
        ]
    )


def test_an_away_element_cites_a_module_and_element_and_a_strategy_cannot() -> None:
    """Away goals, solutions and contexts cite (module, element); there is no away strategy."""
    node = Node(id="G2", type=G, cites=Citation(module="fairness", element="G5"))
    assert node.is_away and not node.is_module_reference
    with pytest.raises(ValueError, match="not a Strategy"):
        Node(id="S9", type=NodeType.STRATEGY, cites=Citation(module="m", element="S1"))
    whole = Node(id="M1", type=G, cites=Citation(module="fairness"))
    assert whole.is_module_reference


def test_a_single_module_case_is_not_modular() -> None:
    """One module that uses, cites and contracts nothing is an ordinary case."""
    plain = ModularCase(modules=[Module(id="m", path="m.gsnx", case=_fairness())])
    assert not plain.is_modular
    assert _modular().is_modular


def test_status_propagates_across_modules_and_names_the_module() -> None:
    """An away goal carries its home goal's status, and the reason names the home module."""
    result = assess_modular(_modular(expired=True), DAY)
    top = result.modular.modules[0]
    assert result.statuses(top)["G2"] == "weakened"
    assert result.statuses(top)["G1"] == "weakened"
    assert "G1 weakened: Sn4 expired on 2026-01-01 via S1 → G5 in module fairness" in (
        result.explain("top", "G1")
    )


def test_a_goal_developed_by_another_module_is_developed() -> None:
    """A contract supports a goal left undeveloped in its module: no hole, no warning."""
    result = assess_modular(_modular(), DAY)
    codes = {(f.code, f.node) for f in result.findings}
    assert ("undeveloped-goal", "G3") not in codes
    assert ("marked-undeveloped-but-supported", "G3") not in codes
    assert result.complete.developed_by == {"G3": "supplier"}
    assert result.statuses(result.modular.modules[0])["G1"] == "supported"


def test_dangling_private_and_mistyped_citations_are_findings() -> None:
    """Citing a missing module or element, a private element, or one of another type is
    reported, each finding naming the module where the citation is written."""
    modular = _modular(public=False)
    top = modular.modules[0].case
    top.add_node(C, "Gone", "C9", cites=Citation(module="nowhere", element="C1"))
    top.add_node(C, "Missing", "C8", cites=Citation(module="fairness", element="C1"))
    top.add_node(C, "Mistyped", "C7", cites=Citation(module="fairness", element="Sn4"))
    for context in ("C9", "C8", "C7"):
        top.connect("G1", context)
    result = assess_modular(modular, DAY)
    found = {(f.code, f.node, f.module) for f in result.findings}
    assert ("dangling-away-reference", "C9", "top") in found
    assert ("dangling-away-reference", "C8", "top") in found
    assert ("away-type-mismatch", "C7", "top") in found
    assert ("private-element-cited", "G2", "top") in found
    assert not any(
        f.node in ("C9", "C8") and f.code != "dangling-away-reference" for f in result.findings
    )


def test_modules_that_use_each_other_in_a_circle_are_a_finding() -> None:
    """A module-cycle names the circle of `uses`."""
    modular = _modular()
    modular.modules[1].uses = ("top.gsnx",)
    result = assess_modular(modular, DAY)
    cycles = [f for f in result.findings if f.code == "module-cycle"]
    assert [f.message for f in cycles] == [
        "modules use each other in a circle: top -> fairness -> top"
    ]


def test_a_module_reference_stands_for_the_modules_top_goals() -> None:
    """A goal supported by a whole module is as sound as that module's top goals."""
    modular = _modular(expired=True)
    top = modular.modules[0].case
    top.add_node(G, "The fairness module", "M1", cites=Citation(module="fairness"))
    top.connect("S1", "M1")
    result = assess_modular(modular, DAY)
    assert result.complete.aliases[("top", "M1")] == ["G5"]
    assert result.status_of("top", "M1") is not None
    assert result.statuses(modular.modules[0])["M1"] == "weakened"
    assert result.complete.depends["top"] >= {"fairness"}


def test_every_finding_of_a_modular_case_names_its_module() -> None:
    """Findings inside a module carry it; only whole-case findings have none."""
    modular = _modular()
    modular.modules[2].case.add_node(G, "", "G8")
    result = assess_modular(modular, DAY)
    empty = next(f for f in result.findings if f.code == "empty-statement")
    assert empty.module == "supplier" and empty.as_dict()["module"] == "supplier"
    assert result.complete.case.get("G3") is not None
    assert LinkKind.SUPPORTED_BY in {link.kind for link in result.complete.case.links}


def test_gsnx_modules_round_trip_and_plain_files_stay_as_they_were(tmp_path: Path) -> None:
    """Module header, uses, contracts, public marks and citations survive a save as .gsnx 1.3;
    a case using none of them is written exactly as before (no new version, no new bytes)."""
    modular = _modular()
    modular.modules[2].owner = "Supplier Ltd"
    modular.modules[0].case.add_node(
        C, "The fairness module", "C5", cites=Citation(module="fairness")
    )
    modular.modules[0].case.connect("G1", "C5")
    save_modular(modular, tmp_path)
    assert b'formatVersion="1.3"' in (tmp_path / "top.gsnx").read_bytes()
    again = load_modular([tmp_path / "top.gsnx", tmp_path / "supplier.gsnx"])
    assert [m.id for m in again.modules] == ["top", "supplier", "fairness"]
    for module in again.modules:
        original = modular.module(module.id)
        assert original is not None
        assert module.case.model_copy(update={"module": None}) == original.case
        assert (module.owner, module.uses, module.contracts) == (
            original.owner,
            original.uses,
            original.contracts,
        )
    plain = SAMPLES / "loan-approval.gsnx"
    assert to_bytes(load_case(plain)) == plain.read_bytes()


def test_a_gsnx_citation_without_its_module_is_one_clear_line(tmp_path: Path) -> None:
    """citedElement alone cannot say what it cites: refused with file and line."""
    path = tmp_path / "bad.gsnx"
    path.write_text(
        '<AssuranceCasePackage xmlns="urn:gsn-studio:gsnx:1" formatVersion="1.3">\n'
        "<ArgumentPackage>\n"
        '<Claim gid="G1" gsnType="Goal" assertionDeclaration="asserted" citedElement="G2">'
        "<content>x</content></Claim>\n"
        "</ArgumentPackage></AssuranceCasePackage>\n"
    )
    with pytest.raises(CaseFileError, match=r"bad.gsnx:3: G1: citedElement needs citedModule"):
        load_case(path)


def test_gsn2x_refuses_away_elements_rather_than_dropping_them(tmp_path: Path) -> None:
    """gsn2x has no away elements: saving one as YAML is refused with a clear message."""
    with pytest.raises(CaseFileError, match="G2 cite elements of other modules"):
        save_case(_top(), tmp_path / "top.gsn.yaml")
    assert not (tmp_path / "top.gsn.yaml").exists()


def test_one_module_on_its_own_shows_away_goals_as_developed_elsewhere() -> None:
    """Checked alone (the editor today), an away goal is not a hole, and its node ends with
    the name of the module it cites."""
    top = _top()
    found = {(f.code, f.node) for f in check_case(top, DAY)}
    assert ("undeveloped-goal", "G2") not in found
    assert ("undeveloped-goal", "G3") in found
    assert geometry_of(top.node("G2")).lines[-1] == "[fairness]"
    assert geometry_of(Node(id="M1", type=G, cites=Citation(module="fairness"))).lines[-1] == (
        "module fairness"
    )


def test_moving_a_subtree_to_a_new_module_leaves_an_away_element_and_checks_the_same() -> None:
    """The moved subtree becomes a module; where it was cited an away element remains, its
    home is public, the old module uses the new one, and the whole case assesses the same."""
    whole = ModularCase(modules=[Module(id="all", path="all.gsnx", case=_merged())])
    before = assess_modular(whole, DAY)
    split = move_to_new_module(
        whole, module_id="all", root="G5", new_id="fairness", path="parts/fairness.gsnx"
    )
    top, fairness = split.modules
    assert top.uses == ("parts/fairness.gsnx",)
    assert top.case.node("G5").cites == Citation(module="fairness", element="G5")
    assert [n.id for n in fairness.case.nodes] == ["G5", "Sn4"]
    assert fairness.case.node("G5").public
    after = assess_modular(split, DAY)
    assert after.assessment.statuses(after.complete.case) == before.assessment.statuses(
        before.complete.case
    )
    assert {f.code for f in after.findings} == {f.code for f in before.findings}
    assert whole.modules[0].case.node("G5").cites is None  # the original is left as it was


def test_a_strategy_cannot_be_left_behind_as_an_away_element() -> None:
    """There is no away strategy: moving a subtree whose strategy is also used from what
    stays is refused, and says why."""
    case = _merged()
    case.add_node(G, "Other", "G9")
    case.add_node(NodeType.STRATEGY, "Shared", "S9")
    case.connect("G9", "S9")
    case.connect("G5", "S9")
    case.add_node(G, "Below", "G10", undeveloped=True)
    case.connect("S9", "G10")
    whole = ModularCase(modules=[Module(id="all", path="all.gsnx", case=case)])
    with pytest.raises(ModelError, match="S9 \\(Strategy\\) would be cited across modules"):
        move_to_new_module(whole, module_id="all", root="G5", new_id="f", path="f.gsnx")


def _merged() -> Case:
    case = _top()
    case.remove_node("G2")
    for node in _fairness().nodes:
        case.insert_node(node)
    case.connect("S1", "G5")
    case.connect("G5", "Sn4")
    return case


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), pick=st.integers(0, 10_000), depth=st.integers(1, 3))
def test_splitting_any_case_into_modules_changes_no_status(
    seed: int, pick: int, depth: int
) -> None:
    """Moving subtrees of a generated case into modules, one after another, leaves every
    status and every finding code of the whole case as it was."""
    whole = ModularCase(modules=[Module(id="m0", path="m0.gsnx", case=generate_case(120, seed))])
    before = assess_modular(whole, DAY)
    modular = whole
    for step in range(1, depth + 1):
        source = modular.modules[pick % len(modular.modules)]
        goals = [n.id for n in source.case.nodes if n.type is G and n.cites is None]
        if not goals:
            break
        try:
            modular = move_to_new_module(
                modular,
                module_id=source.id,
                root=goals[(pick // step) % len(goals)],
                new_id=f"m{step}",
                path=f"m{step}.gsnx",
            )
        except ModelError:
            continue  # a strategy or a defeater would have been cited: refused, as it should
    after = assess_modular(modular, DAY)
    assert after.assessment.statuses(after.complete.case) == before.assessment.statuses(
        before.complete.case
    )
    codes = [(f.code, f.node) for f in after.findings if f.code != "empty-statement"]
    assert sorted(codes, key=str) == sorted(
        ((f.code, f.node) for f in before.findings if f.code != "empty-statement"), key=str
    )


def test_gsnx_modules_may_use_the_same_ids() -> None:
    """Ids are the module's own in .gsnx (SACM packages repeat them): two modules with a G1
    each are no duplicate; the complete view names the second "module.G1", and findings and
    reasons give the id in its module, with the module."""
    fairness = _fairness(expired=True)
    fairness.rename_node("G5", "G1")
    top = _top()
    top.update_node("G2", cites=Citation(module="fairness", element="G1"))
    modular = ModularCase(
        modules=[
            Module(id="top", path="top.gsnx", case=top),
            Module(id="fairness", path="fairness.gsnx", case=fairness),
        ]
    )
    result = assess_modular(modular, DAY)
    assert not [f for f in result.findings if f.code == "duplicate-id"]
    assert result.complete.local[("fairness", "G1")] == "fairness.G1"
    assert result.statuses(modular.modules[1]) == {"G1": "weakened"}
    assert result.statuses(modular.modules[0])["G2"] == "weakened"
    assert result.module_verdict(modular.modules[1]).value == "weakened"
    expired = next(f for f in result.findings if f.code == "expired-evidence")
    assert (expired.node, expired.module) == ("Sn4", "fairness")
    assert "G1 weakened: Sn4 expired on 2026-01-01 via S1 → G1 in module fairness" in (
        result.explain("top", "G1")
    )


def test_gsn2x_ids_stay_unique_across_the_case() -> None:
    """In gsn2x a repeated id is an error (its C07), even in two modules."""
    first = Module(id="a", path="a.gsn.yaml", case=_fairness(), marks_public=False)
    second = Module(id="b", path="b.gsn.yaml", case=_fairness(), marks_public=False)
    result = assess_modular(ModularCase(modules=[first, second]), DAY)
    assert {(f.code, f.node) for f in result.findings if f.code == "duplicate-id"} == {
        ("duplicate-id", "G5"),
        ("duplicate-id", "Sn4"),
    }
