"""The properties panel's evidence, defeater and "why" parts, driven through the real widgets:
Mark Verified, drift of an artifact, review intervals, measures, defeaters, preferences."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from gsn_studio.app import settings
from gsn_studio.app.document import Document
from gsn_studio.app.panels import PropertiesPanel
from gsn_studio.app.preferences import PreferencesDialog, apply_stored
from gsn_studio.app.selection import Selection
from gsn_studio.model import Case, DefeaterStatus, Evidence, LinkKind, NodeType, Verification
from gsn_studio.model.changes import UpdateNode

LEFT = Qt.MouseButton.LeftButton
AS_OF = dt.date(2026, 6, 1)


def evidence_case() -> Case:
    """G1 <- S1 <- G2 <- Sn1 (a local file), G3 <- Sn2 (a web page); CG1 challenges G2."""
    case = Case(name="Evidence")
    case.add_node(NodeType.GOAL, "The service is fair")
    case.add_node(NodeType.STRATEGY, "Argue over each group")
    case.add_node(NodeType.GOAL, "Group A is treated fairly")
    case.add_node(NodeType.GOAL, "Group B is treated fairly")
    case.add_node(
        NodeType.SOLUTION,
        "Fairness audit",
        evidence=Evidence(reference="audit.txt", date=dt.date(2026, 1, 5)),
    )
    case.add_node(
        NodeType.SOLUTION,
        "Group B report",
        evidence=Evidence(reference="https://example.org/b", date=dt.date(2026, 2, 1)),
    )
    case.add_node(NodeType.COUNTER_GOAL, "The audit sample excludes new applicants")
    for parent, child in [("G1", "S1"), ("S1", "G2"), ("S1", "G3"), ("G2", "Sn1"), ("G3", "Sn2")]:
        case.connect(parent, child)
    case.connect("CG1", "G2", LinkKind.CHALLENGES)
    return case


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "audit.txt").write_text("audit, first issue\n")
    return tmp_path


@pytest.fixture
def document(folder: Path) -> Document:
    document = Document()
    document.replace(evidence_case(), folder / "case.gsnx")
    document.set_as_of(AS_OF)
    return document


@pytest.fixture
def selection() -> Selection:
    return Selection()


@pytest.fixture
def panel(qtbot, document: Document, selection: Selection) -> PropertiesPanel:
    widget = PropertiesPanel(document, selection)
    qtbot.addWidget(widget)
    widget.resize(340, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def judged(panel: PropertiesPanel, form: str = "evidence") -> dict[str, str]:
    panel.document.refresh_findings()  # as the edit delay would
    return getattr(panel.node_form, form).judgement.texts()


def type_into(qtbot, field: QWidget, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


# -- Mark Verified ---------------------------------------------------------------------------


def test_mark_verified_records_the_file_hash_as_one_undo_step(
    qtbot, folder: Path, document: Document, selection: Selection, panel: PropertiesPanel
) -> None:
    """The button records today, the stored name and the SHA-256 of the file, as one step."""
    settings.set_verifier_name("Ana Weber")
    selection.set(["Sn1"])
    steps = document.undo_stack.count()
    qtbot.mouseClick(panel.node_form.evidence.verify_button, LEFT)

    verified = document.case.node("Sn1").evidence.verified
    expected = hashlib.sha256((folder / "audit.txt").read_bytes()).hexdigest()
    assert verified == Verification(on=dt.date.today(), by="Ana Weber", sha256=expected)
    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == "Mark Sn1 verified"
    rows = panel.node_form.evidence.verification
    assert rows.sha.text() == expected[:12] + "…" and rows.sha.toolTip() == expected
    assert judged(panel)["Artifact"] == "Matches the verified version"

    document.undo_stack.undo()
    assert document.case.node("Sn1").evidence.verified is None
    assert panel.node_form.evidence.verification.when.text() == "Never"


def test_an_edited_artifact_shows_changed_in_the_panel_and_the_findings(
    qtbot, folder: Path, document: Document, selection: Selection, panel: PropertiesPanel
) -> None:
    """After the verified file is edited, the panel and the findings both say it changed."""
    settings.set_verifier_name("Ana Weber")
    selection.set(["Sn1"])
    qtbot.mouseClick(panel.node_form.evidence.verify_button, LEFT)
    (folder / "audit.txt").write_text("audit, quietly revised\n")

    texts = judged(panel)
    assert texts["State"] == "CHANGED"
    assert texts["Artifact"].startswith(f"Changed since Ana Weber verified it on {dt.date.today()}")
    assert any(f.code == "evidence-changed" and f.node == "Sn1" for f in document.findings), (
        document.findings
    )
    assert any("differs from the version" in m for m in panel.node_form.findings.messages())


def test_the_verifier_name_is_asked_once_prefilled_with_the_login_name(
    qtbot, monkeypatch: pytest.MonkeyPatch, document: Document, selection: Selection, panel
) -> None:
    """The first Mark Verified asks for a name (the login name offered) and keeps it."""
    asked: list[str] = []

    def answer(_parent, _title, _label, _echo, offered):
        asked.append(offered)
        return "Kim Osei", True

    monkeypatch.setattr("gsn_studio.app.user_name.getpass.getuser", lambda: "kosei")
    monkeypatch.setattr("gsn_studio.app.user_name.QInputDialog.getText", answer)
    selection.set(["Sn1"])
    qtbot.mouseClick(panel.node_form.evidence.verify_button, LEFT)
    qtbot.mouseClick(panel.node_form.evidence.verify_button, LEFT)
    assert asked == ["kosei"]
    assert settings.verifier_name() == "Kim Osei"
    assert document.case.node("Sn1").evidence.verified.by == "Kim Osei"


def test_a_verification_that_cannot_be_made_is_explained_not_raised(
    qtbot, folder: Path, document: Document, selection: Selection, panel: PropertiesPanel
) -> None:
    """A missing artifact leaves the model alone and says why beside the button and below."""
    settings.set_verifier_name("Ana Weber")
    refused: list[str] = []
    document.refused.connect(refused.append)
    (folder / "audit.txt").unlink()
    selection.set(["Sn1"])
    steps = document.undo_stack.count()
    qtbot.mouseClick(panel.node_form.evidence.verify_button, LEFT)
    problem = panel.node_form.evidence.verify_problem
    assert not problem.isHidden() and "cannot verify audit.txt" in problem.text()
    assert refused == [problem.text()]
    assert document.undo_stack.count() == steps
    assert document.case.node("Sn1").evidence.verified is None


def test_mark_verified_is_offered_only_for_evidence_with_a_reference(
    document: Document, selection: Selection, panel: PropertiesPanel
) -> None:
    """A solution with a reference can be verified; a defeater without a refutation cannot."""
    selection.set(["Sn1"])
    assert panel.node_form.evidence.verify_button.isEnabled()
    selection.set(["CG1"])
    assert not panel.node_form.refutation.verify_button.isEnabled()


# -- review interval and measures ------------------------------------------------------------


def test_a_review_interval_edit_moves_the_due_date_in_one_step(
    qtbot, document: Document, selection: Selection, panel: PropertiesPanel
) -> None:
    """Typing 90 days counts the due date from the evidence date, as one undo step."""
    selection.set(["Sn1"])
    review = panel.node_form.evidence.review
    steps = document.undo_stack.count()
    review.setFocus()
    review.selectAll()
    qtbot.keyClicks(review, "90")

    assert document.case.node("Sn1").evidence.review_days == 90
    assert document.case.node("Sn1").evidence.due() == dt.date(2026, 4, 5)
    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == "Set review interval of Sn1"
    texts = judged(panel)
    assert texts["State"] == "EXPIRED"
    assert texts["Due"] == "2026-04-05, 57 days ago (review every 90 days from the evidence date)"


def test_a_failing_measured_value_shows_failing_and_the_goal_above_names_it(
    qtbot, document: Document, selection: Selection, panel: PropertiesPanel
) -> None:
    """A measure with a value under its threshold fails, and G2's why names the measure."""
    selection.set(["Sn1"])
    form = panel.node_form.evidence
    assert not form.measure.value.isEnabled()  # nothing to give a value for yet
    type_into(qtbot, form.measure.measure, "disparate impact >= 0.90")
    type_into(qtbot, form.measure.value, "0.85")

    measure = document.case.node("Sn1").evidence.measure
    assert (measure.metric, measure.threshold, measure.value) == ("disparate impact", 0.9, 0.85)
    assert form.measure.measure.text() == "disparate impact >= 0.90"  # not rewritten while typed
    texts = judged(panel)
    assert texts["State"] == "FAILING"
    assert texts["Measured"] == "0.85: FAILS disparate impact >= 0.9"

    selection.set(["G2"])
    lines = panel.node_form.assurance.lines()
    assert "G2 weakened: Sn1 disparate impact 0.85 fails disparate impact >= 0.9" in lines


def test_text_that_is_not_a_measure_is_not_applied_and_says_why(
    qtbot, document: Document, selection: Selection, panel: PropertiesPanel
) -> None:
    """A rule without a comparison stays in the field with a message; the model is untouched."""
    selection.set(["Sn1"])
    form = panel.node_form.evidence
    type_into(qtbot, form.measure.measure, "disparate impact about 0.9")
    assert document.case.node("Sn1").evidence.measure is None
    assert not form.measure.problem.isHidden()
    assert "is not a measure" in form.measure.problem.text()
    assert form.measure.measure.text() == "disparate impact about 0.9"

    qtbot.keyClicks(form.measure.measure, "\b" * 10 + ">= 0.9")
    assert document.case.node("Sn1").evidence.measure.rule == "disparate impact >= 0.9"
    assert form.measure.problem.isHidden()


def test_a_measure_on_a_json_artifact_is_read_from_the_file(
    qtbot, folder: Path, document: Document, selection: Selection, panel: PropertiesPanel
) -> None:
    """With a .json reference the value comes from the file, under the key typed in."""
    (folder / "metrics.json").write_text(json.dumps({"fairness": {"di": 0.95}}))
    selection.set(["Sn1"])
    form = panel.node_form.evidence
    type_into(qtbot, form.reference, "metrics.json")
    type_into(qtbot, form.measure.measure, "disparate impact >= 0.9")
    assert not form.measure.value.isEnabled()
    assert not form.measure.key.isHidden()
    assert judged(panel)["Measured"].startswith("No value for disparate impact >= 0.9")
    type_into(qtbot, form.measure.key, "fairness.di")

    assert document.case.node("Sn1").evidence.measure.key == "fairness.di"
    assert judged(panel)["Measured"] == (
        "0.95: passes disparate impact >= 0.9 (read from metrics.json)"
    )


# -- defeaters and why -----------------------------------------------------------------------


def test_accepting_a_defeater_defeats_the_challenged_goal_in_its_why(
    qtbot, document: Document, selection: Selection, panel: PropertiesPanel
) -> None:
    """Choosing Accepted is one undo step, and G2 and the top goal then read as defeated."""
    selection.set(["G2"])
    assert any(
        "CG1 challenges G2 and is still open" in line for line in panel.node_form.assurance.lines()
    )
    selection.set(["CG1"])
    form = panel.node_form.defeater
    assert form.challenges.text() == "G2"
    form.status.setFocus()
    qtbot.keyClick(form.status, Qt.Key.Key_End)  # a keyboard choice, as the user makes it

    assert document.case.node("CG1").defeater_status is DefeaterStatus.ACCEPTED
    assert document.undo_stack.undoText() == "Mark CG1 accepted"
    document.refresh_findings()
    selection.set(["G2"])
    assert panel.node_form.assurance.lines()[0] == "G2 defeated: CG1 is accepted against G2"
    assert "DEFEATED" in panel.node_form.assurance.status.text()
    selection.set(["G1"])
    assert panel.node_form.assurance.lines()[0].startswith("G1 defeated: CG1 is accepted")

    document.undo_stack.undo()
    assert document.case.node("CG1").defeater_status is DefeaterStatus.OPEN


def test_a_refuted_defeater_takes_its_refuting_evidence_in_the_same_form(
    qtbot, document: Document, selection: Selection, panel: PropertiesPanel
) -> None:
    """Refuted with a reference to refuting evidence: G2 no longer carries the challenge."""
    selection.set(["CG1"])
    panel.node_form.defeater.status.setFocus()
    qtbot.keyClick(panel.node_form.defeater.status, Qt.Key.Key_Down)
    assert document.case.node("CG1").defeater_status is DefeaterStatus.REFUTED
    type_into(qtbot, panel.node_form.refutation.reference, "audit.txt")
    assert document.case.node("CG1").refutation.reference == "audit.txt"
    assert document.undo_stack.undoText() == "Edit reference of CG1's refutation"
    assert judged(panel, "refutation")["Artifact"].startswith("Unverified")

    selection.set(["G2"])
    assert not any("CG1" in line for line in panel.node_form.assurance.lines())


def test_the_why_follows_a_change_of_the_as_of_day(
    document: Document, selection: Selection, panel: PropertiesPanel
) -> None:
    """Evidence expiring later makes its goal weakened once the as-of day passes the date."""
    document.push(
        _set_evidence(document, "Sn2", valid_until=dt.date(2026, 9, 1)), "Set valid-until"
    )
    selection.set(["G3"])
    document.refresh_findings()
    assert panel.node_form.assurance.lines() == ["Everything it rests on holds as of 2026-06-01"]
    document.set_as_of(dt.date(2026, 10, 1))
    assert panel.node_form.assurance.lines() == ["G3 weakened: Sn2 expired on 2026-09-01"]


def _set_evidence(document: Document, node_id: str, **fields: object) -> UpdateNode:
    evidence = document.case.node(node_id).evidence.model_copy(update=fields)
    return UpdateNode(node_id, {"evidence": evidence})


# -- opening and preferences -----------------------------------------------------------------


def test_a_web_reference_opens_only_when_the_user_clicks_open(
    qtbot, monkeypatch: pytest.MonkeyPatch, document: Document, selection, panel
) -> None:
    """Showing, checking and editing a URL hands nothing to the desktop; a click on Open does."""
    opened: list[QUrl] = []
    monkeypatch.setattr(
        "gsn_studio.app.panels.evidence_form.QDesktopServices.openUrl",
        lambda url: opened.append(url) or True,
    )
    selection.set(["Sn2"])
    document.refresh_findings()
    type_into(qtbot, panel.node_form.evidence.reference, "https://example.org/b2")
    document.refresh_findings()
    assert opened == []
    qtbot.mouseClick(panel.node_form.evidence.open_button, LEFT)
    assert [url.toString() for url in opened] == ["https://example.org/b2"]


def test_preferences_reach_the_document_and_are_kept(
    qtbot, tmp_path: Path, folder: Path, document: Document
) -> None:
    """Allowing outside artifacts and a 60-day window apply at once and in the next window."""
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("kept elsewhere\n")
    document.push(_set_evidence(document, "Sn1", reference=f"../{outside.name}"), "Edit")
    document.refresh_findings()
    assert document.assessment.judgements["Sn1"].hash_state.value == "not-read"

    dialog = PreferencesDialog(document)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.allow_outside, LEFT, pos=dialog.allow_outside.rect().center())
    dialog.soon_days.setValue(60)
    buttons = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    assert document.allow_outside and document.soon_days == 60
    assert document.assessment.judgements["Sn1"].hash_state.value == "unverified"
    assert (settings.allow_outside(), settings.soon_days()) == (True, 60)

    later = Document()
    apply_stored(later)
    assert later.allow_outside and later.soon_days == 60
    outside.unlink()


def test_artifacts_outside_the_folder_are_not_read_by_default(document: Document) -> None:
    """A fresh start keeps the safe defaults: no reading outside, a 30-day window."""
    apply_stored(document)
    assert not document.allow_outside
    assert document.soon_days == 30


def test_a_long_why_shows_the_first_reasons_and_unfolds_on_request(
    qtbot, document: Document, selection: Selection, panel: PropertiesPanel
) -> None:
    """A goal with more reasons than fit lists the first few and a button to show them all."""
    for number in range(3, 15):
        node = document.case.add_node(
            NodeType.SOLUTION,
            f"Old report {number}",
            evidence=Evidence(reference=f"r{number}.pdf", valid_until=dt.date(2026, 1, number)),
        )
        document.case.connect("G3", node.id)
    document.replace(document.case, document.path)
    document.set_as_of(AS_OF)
    selection.set(["G1"])
    view = panel.node_form.assurance
    assert len(view.lines()) == 13  # Sn3 to Sn14 expired, CG1 open, and nothing else
    assert view.reasons.text().count("•") == 8
    assert view.more_button.text() == "Show all 13"
    qtbot.mouseClick(view.more_button, LEFT)
    assert view.reasons.text().count("•") == 13
