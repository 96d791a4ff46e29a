"""The rows of a QTreeWidget as a list: Qt's index accessors are typed Optional because they
return None past the end, which a loop over the row count never reaches."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def top_level_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    found = (tree.topLevelItem(row) for row in range(tree.topLevelItemCount()))
    return [item for item in found if item is not None]


def child_items(parent: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = (parent.child(row) for row in range(parent.childCount()))
    return [item for item in found if item is not None]
