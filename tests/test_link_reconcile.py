"""After an edit that adds or removes links, the canvas matches to its items only the links
at the nodes the edit touched, and ends with the link items a canvas built afresh has."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from test_edit_refresh import _settled, _steps, big  # noqa: F401 (the fixture)

from gsn_studio.app.canvas import CanvasScene
from gsn_studio.app.canvas import scene as scene_module
from gsn_studio.app.main_window import MainWindow
from gsn_studio.app.selection import Selection
from gsn_studio.model import Link, LinkKind, NodeType
from gsn_studio.model.changes import Connect, Disconnect


def _link_keys(scene: CanvasScene) -> set[tuple[object, ...]]:
    return {
        (link.key, link.source.node_id, link.target.node_id)
        for link in scene.items()
        if isinstance(link, scene_module.LinkItem)
    }


def test_a_link_change_keys_only_the_links_at_its_ends(
    big: MainWindow,  # noqa: F811
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Connecting and disconnecting two nodes makes keys for the links at those two nodes,
    not for every link of the case, and leaves the items a fresh canvas has."""
    document = big.document
    case = document.case
    goals = [n.id for n in case.nodes if n.type is NodeType.GOAL]
    keyed: list[Link] = []
    key_of = scene_module.key_of

    def counting(link: Link) -> scene_module.LinkKey:
        keyed.append(link)
        return key_of(link)

    monkeypatch.setattr(scene_module, "key_of", counting)
    link = Link(source=goals[1], target=goals[-1], kind=LinkKind.SUPPORTED_BY)
    document.push(Connect(link), "Connect")
    _settled(big, qtbot)
    assert 0 < len(keyed) < len(case.links) // 4
    assert _link_keys(big.scene) == _link_keys(CanvasScene(document, Selection()))
    keyed.clear()
    document.push(Disconnect(link), "Disconnect")
    _settled(big, qtbot)
    assert len(keyed) < len(case.links) // 4
    assert _link_keys(big.scene) == _link_keys(CanvasScene(document, Selection()))


def test_after_each_edit_the_link_items_are_those_of_a_fresh_canvas(
    big: MainWindow,  # noqa: F811
    qtbot: QtBot,
) -> None:
    """Adding, deleting with children, undoing and redoing leave exactly the link items a
    canvas built afresh from the case has."""
    for label, act in _steps(big):
        act()
        _settled(big, qtbot)
        fresh = CanvasScene(big.document, Selection())
        assert _link_keys(big.scene) == _link_keys(fresh), label
