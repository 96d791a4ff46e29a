"""Text from a shared case is shown as text in the editor: markup in a comment or a finding
(`<img src="/some/file">`) is never rendered, so the editor never reads that file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import hazard_case
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTextOption
from PySide6.QtWidgets import QLabel

from gsn_studio.analysis import check_case
from gsn_studio.app.document import Document
from gsn_studio.app.panels.comment_thread import CommentThread
from gsn_studio.app.panels.node_findings import NodeFindings
from gsn_studio.app.panels.problems import ProblemsPanel
from gsn_studio.app.panels.properties import PropertiesPanel
from gsn_studio.app.panels.review_model import ReviewModel
from gsn_studio.app.plain_text import as_rich_text, show_error
from gsn_studio.app.selection import Selection
from gsn_studio.model import Comment, CommentKind

TIP = Qt.ItemDataRole.ToolTipRole
BIG = 400
"""The picture's size in pixels: a label that rendered it would be at least this tall."""


@pytest.fixture
def markup(tmp_path: Path) -> str:
    """An <img> tag naming a real 400-pixel picture in a temporary folder."""
    picture = tmp_path / "secret.png"
    image = QImage(BIG, BIG, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(picture))
    return f'<img src="{picture}">'


@pytest.fixture
def document(markup: str) -> Document:
    case = hazard_case()
    case.add_comment(
        Comment(
            id="C1",
            node="G2",
            author="Mallory",
            time=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
            kind=CommentKind.UNDERMINE,
            text=markup,
        )
    )
    document = Document()
    document.replace(case, Path("/cases/hazards.gsnx"))
    return document


def rendered_height(text: str) -> int:
    """How tall Qt draws a text when left to guess its format, as it does for tooltips."""
    label = QLabel()
    label.setText(text)
    return label.sizeHint().height()


def test_the_problems_panel_shows_markup_in_a_finding_as_text(
    qtbot, document: Document, markup: str
) -> None:
    """The detail label and the row's tooltip show the tag's characters, not the picture."""
    panel = ProblemsPanel(document)
    qtbot.addWidget(panel)
    panel.resize(500, 600)
    panel.show()
    qtbot.waitExposed(panel)
    row = next(i for i, f in enumerate(panel.model.shown) if f.code == "open-challenge")
    index = panel.model.index(row, 1)
    rect = panel.view.visualRect(index)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert markup in panel.details.text()
    assert panel.details.textFormat() == Qt.TextFormat.PlainText
    assert panel.details.sizeHint().height() < BIG / 4
    assert rendered_height(index.data(TIP)) < BIG / 4


def test_the_review_list_and_the_thread_show_a_comment_as_text(
    qtbot, document: Document, markup: str
) -> None:
    """A comment's tooltip in the review list and its thread show the literal tag."""
    model = ReviewModel()
    model.set_case(document.case)
    tooltip = model.index(0, 0).data(TIP)
    assert "&lt;img" in tooltip and rendered_height(tooltip) < BIG / 4
    thread = CommentThread(document)
    qtbot.addWidget(thread)
    thread.show_comment("C1")
    assert markup in thread.body.toPlainText()


def test_node_findings_show_markup_as_text(qtbot, document: Document, markup: str) -> None:
    """The properties panel's findings list shows a finding's message literally."""

    findings = NodeFindings()
    qtbot.addWidget(findings)
    findings.show_findings([f for f in check_case(document.case) if f.node == "G2"])
    labels = [label for label in findings.findChildren(QLabel) if markup in label.text()]
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_error_boxes_and_tooltips_never_let_qt_guess(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text with markup is escaped in a paragraph; other text is left exactly as it was."""
    assert as_rich_text("Sound until 2027 & after") == "Sound until 2027 & after"
    wrapped = as_rich_text('<img src="/etc/passwd">\nnext')
    assert wrapped.startswith("<p") and "&lt;img src=&quot;/etc/passwd&quot;&gt;<br>next" in wrapped
    shown: list[str] = []
    monkeypatch.setattr(
        "gsn_studio.app.plain_text.QMessageBox.critical", lambda *args: shown.append(args[-1])
    )
    show_error(None, "Cannot open the case", "x.gsnx:3: bad <b>tag</b>")
    assert shown == ["<p style='white-space:pre-wrap'>x.gsnx:3: bad &lt;b&gt;tag&lt;/b&gt;</p>"]


def test_a_statement_with_a_long_word_is_wrapped_anywhere_in_the_properties(qtbot) -> None:
    """Qt's default wrapping is quadratic in a word with no spaces (30 s for 100,000
    characters): such a statement is wrapped anywhere, an ordinary one at word boundaries."""

    document = Document()
    case = hazard_case()
    case.update_node("G2", statement="x" * 100_000)
    document.replace(case, None)
    selection = Selection()
    panel = PropertiesPanel(document, selection)
    qtbot.addWidget(panel)
    panel.show()
    selection.set(["G2"])
    editor = panel.node_form.statement
    assert editor.toPlainText() == "x" * 100_000
    assert editor.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    selection.set(["G3"])
    assert editor.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
