"""Keeps the scene's selected items and the shared Selection in step, both ways, without
echo: a change the scene made is not applied back to it.

The Selection usually outlives a scene, so the connection to it ends with the scene; and a
scene being destroyed emits selection changes of its own, which are ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from shiboken6 import isValid

from gsn_studio.app.selection import Selection

if TYPE_CHECKING:
    from gsn_studio.app.canvas.scene import CanvasScene


class SelectionSync:
    def __init__(self, scene: CanvasScene, selection: Selection) -> None:
        self.scene = scene
        self.selection = selection
        self._busy = False
        scene.selectionChanged.connect(self.scene_to_selection)
        selection.changed.connect(self._selection_changed)
        scene.destroyed.connect(self._forget)

    @contextmanager
    def paused(self) -> Iterator[None]:
        busy, self._busy = self._busy, True
        try:
            yield
        finally:
            self._busy = busy

    def scene_to_selection(self) -> None:
        if self._busy or not isValid(self.scene):
            return
        chosen = self.scene.selected_ids()
        chosen_set = set(chosen)
        before = self.selection.ids
        kept = [node_id for node_id in before if node_id in chosen_set]
        kept_set = set(kept)
        new = [node_id for node_id in chosen if node_id not in kept_set]
        with self.paused():
            self.selection.set(kept + new, source=self.scene)

    def selection_to_scene(self) -> None:
        wanted = set(self.selection.ids)
        with self.paused():
            for item in self.scene.selected_node_items():
                if item.node_id not in wanted:
                    item.setSelected(False)
            for node_id in wanted:
                wanted_item = self.scene.item_for(node_id)
                if wanted_item is not None and not wanted_item.isSelected():
                    wanted_item.setSelected(True)

    def _selection_changed(self, source: object) -> None:
        if source is self.scene or self._busy or not isValid(self.scene):
            return
        self.selection_to_scene()

    def _forget(self) -> None:
        self._busy = True
        if isValid(self.selection):
            self.selection.changed.disconnect(self._selection_changed)
