"""The path of every link of a case drawn at given positions: what the SVG export draws and
what the layout's quality measure checks (the canvas routes each link with the same
`routes.route`, asking its scene for the nodes in the way)."""

from __future__ import annotations

from collections.abc import Mapping

from gsn_studio.model import Case, Link, LinkKind, Node, Position
from gsn_studio.notation.geometry import geometry_of
from gsn_studio.notation.routes import End, GridIndex, Obstacles, Point, midpoint, node_rect, route

LinkKey = tuple[str, str, LinkKind, str | None]
"""Source, target, kind and the `via` of a challenge to a link (None otherwise)."""
ARROW_ROOM = 10.0
"""A challenge shorter than its arrowhead is left out, as the canvas leaves it out."""


def key_of(link: Link) -> LinkKey:
    return (link.source, link.target, link.kind, link.via)


def end_of(node: Node, position: Position) -> End:
    return End(node.id, position.x, position.y, geometry_of(node), node.undeveloped)


def obstacle_index(shown: Mapping[str, Node], positions: Mapping[str, Position]) -> GridIndex:
    """The boxes of the shown nodes, for routing links around them."""
    return GridIndex(
        {
            node_id: node_rect(geometry_of(node), p.x, p.y, node.undeveloped)
            for node_id, node in shown.items()
            if (p := positions.get(node_id)) is not None
        }
    )


def case_routes(
    case: Case,
    shown: Mapping[str, Node],
    positions: Mapping[str, Position],
    obstacles: Obstacles | None = None,
) -> dict[LinkKey, tuple[Point, ...]]:
    """A path per link whose ends are both shown (a challenge to a link also needs that link
    drawn), in the case's link order; links with no room to be drawn are left out."""
    if obstacles is None:
        obstacles = obstacle_index(shown, positions)
    joining: dict[frozenset[str], Link] = {}
    for link in case.links:
        if link.via is None:
            joining.setdefault(frozenset((link.source, link.target)), link)
    paths: dict[LinkKey, tuple[Point, ...]] = {}
    challenges: list[Link] = []
    for link in case.ordered_links():
        source, target = shown.get(link.source), shown.get(link.target)
        if source is None or target is None:
            continue
        if link.via is not None:
            challenges.append(link)
            continue
        path = route(
            end_of(source, positions[source.id]), end_of(target, positions[target.id]), obstacles
        )
        if len(path) >= 2:
            paths[key_of(link)] = path
    for link in challenges:
        challenged = joining.get(frozenset((link.via or "", link.target)))
        middle = None if challenged is None else midpoint(paths.get(key_of(challenged), ()))
        if middle is None:
            continue
        source = shown[link.source]
        aim = End("", middle[0], middle[1])
        path = route(end_of(source, positions[source.id]), aim, obstacles)
        centre = positions[source.id]
        if len(path) >= 2 and _room(path, (centre.x, centre.y)):
            paths[key_of(link)] = path
    # Back in link order, so figures draw links in the order they always did.
    order = {key_of(link): i for i, link in enumerate(case.ordered_links())}
    return dict(sorted(paths.items(), key=lambda item: order[item[0]]))


def _room(path: tuple[Point, ...], centre: Point) -> bool:
    """Whether a challenge to a link ends outside its source, with room for its arrowhead."""
    if len(path) > 2:
        return True
    (x1, y1), (x2, y2) = path
    outwards = (x2 - x1) * (x2 - centre[0]) + (y2 - y1) * (y2 - centre[1]) > 0
    return outwards and ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 >= ARROW_ROOM
