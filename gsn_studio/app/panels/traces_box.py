"""The Properties panel's view of a node's traces and acceptance: each traced item with its
title read from its set (or why it cannot be shown), and who accepted the element, when, and
whether that acceptance still holds."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from gsn_studio.app.document import Document
from gsn_studio.model import Node


class TracesBox(QGroupBox):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__("Traces and acceptance", parent)
        self.document = document
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self).addWidget(self.label)

    def show_node(self, node: Node | None) -> None:
        """Hidden for a node that traces nothing and was never accepted."""
        if node is None or (not node.traces and node.acceptance is None):
            self.setVisible(False)
            return
        self.setVisible(True)
        self.label.setText("<br>".join(self.lines(node)))

    def lines(self, node: Node) -> list[str]:
        """One line per traced item, then the acceptance (rich text, every value escaped)."""
        lines = []
        sets = self.document.trace_sets
        for trace in node.traces:
            loaded = sets.get(trace.set)
            item = loaded.by_id().get(trace.item) if loaded is not None else None
            name = f"<b>{html.escape(trace.item)}</b> <i>({html.escape(trace.set)})</i>"
            if loaded is None:
                title = "<span style='color:#b71c1c'>no such trace set</span>"
            elif loaded.problem:
                title = "<span style='color:#b71c1c'>the set cannot be read</span>"
            elif item is None:
                title = "<span style='color:#b71c1c'>not in the set</span>"
            else:
                title = html.escape(item.title)
                if trace.seen and trace.seen != item.row_hash:
                    title += " <span style='color:#8d5a00'>(changed since accepted)</span>"
            lines.append(f"{name}: {title}")
        accepted = node.acceptance
        if accepted is not None:
            stale = [
                f.message
                for f in self.document.findings
                if f.code == "acceptance-stale" and f.node == node.id
            ]
            signed = f"Accepted by {html.escape(accepted.by)} on {accepted.on.isoformat()}"
            if stale:
                why = html.escape(stale[0].split(" is stale: ", 1)[-1])
                lines.append(f"<span style='color:#8d5a00'><b>⚠ {signed}: stale</b> ({why})</span>")
            else:
                lines.append(f"<span style='color:#2e7d32'>✓ {signed}</span>")
        return lines
