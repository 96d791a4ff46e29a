"""Which links name a node, as source, target or `via`: for the edits that look at the few
links of one node or two, where a pass over 12,000 links costs 1 to 3 ms and an add or a
delete made several (the model's rules, the canvas, the outline).

The index follows the case's list of links by identity, however it was changed: asked again,
it compares the list with the one it last saw (in C: a fifth of a millisecond at 12,000
links) and takes in only the stretch that differs, or is built again when that is long.
"""

from collections.abc import Callable, Collection
from itertools import compress, count, repeat
from operator import is_, is_not

from gsn_studio.model.links import Link

FEW = 4
"""Up to this many links are looked for one by one (a pass each, stopping where it is found,
in C); more, in one pass that asks of every link whether it is one of them."""
MOST_PATCHED = 256
"""A longer stretch of links changed than this (a paste, a rename): the index is built again."""


class LinkIndex:
    """Links by the ids they name, kept up with a case's list of links (see the module)."""

    __slots__ = ("_at", "_seen", "_twice")

    def __init__(self) -> None:
        self._seen: list[Link] | None = None
        """The links as last indexed (a copy of the list): None before the first use."""
        self._at: dict[str, list[Link]] = {}
        self._twice = False
        """One link object stands twice in the list: its places are found by a whole pass."""

    # A copy of a case starts its own index (deep copies would copy every list, and two
    # cases sharing one would take turns rebuilding it); pickles carry none.
    def __copy__(self) -> "LinkIndex":
        return LinkIndex()

    def __deepcopy__(self, memo: object) -> "LinkIndex":
        return LinkIndex()

    def __reduce__(self) -> tuple[type["LinkIndex"], tuple[()]]:
        return (LinkIndex, ())

    def at(
        self, links: list[Link], ids: Collection[str], keep: Callable[[Link], bool] | None = None
    ) -> list[tuple[int, Link]]:
        """The links of `links` naming any of `ids` (and for which `keep` holds), with their
        places, in the list's order."""
        self._follow(links)
        table = self._at
        found = {id(link): link for node_id in ids for link in table.get(node_id, ())}
        if keep is not None:  # before their places are looked for: often none is left
            found = {key: link for key, link in found.items() if keep(link)}
        if not found:
            return []
        if self._twice or len(found) > FEW:
            keys = found.keys()
            places = list(compress(count(), map(keys.__contains__, map(id, links))))
        else:  # each stands once: looked for one by one, stopping where each is found
            places = sorted(
                next(compress(count(), map(is_, links, repeat(link)))) for link in found.values()
            )
        return [(place, links[place]) for place in places]

    def _follow(self, links: list[Link]) -> None:
        seen = self._seen
        if seen is None:
            self._build(links)
            return
        if len(seen) == len(links) and not any(map(is_not, seen, links)):
            return
        shortest = min(len(seen), len(links))
        start = next(compress(count(), map(is_not, seen, links)), shortest)
        tail = next(compress(count(), map(is_not, reversed(seen), reversed(links))), shortest)
        tail = min(tail, shortest - start)
        old, new = seen[start : len(seen) - tail], links[start : len(links) - tail]
        if len(old) + len(new) > MOST_PATCHED:
            self._build(links)
            return
        for link in old:
            self._remove(link)
        for link in new:
            self._add(link)
        self._seen = list(links)

    def _build(self, links: list[Link]) -> None:
        table: dict[str, list[Link]] = {}
        get = table.get
        for link in links:  # `_add` inlined: 12,000 links, once per case
            source, target, via = link.source, link.target, link.via
            listed = get(source)
            if listed is None:
                table[source] = [link]
            else:
                listed.append(link)
            if target != source:
                listed = get(target)
                if listed is None:
                    table[target] = [link]
                else:
                    listed.append(link)
            if via is not None and via not in (source, target):
                listed = get(via)
                if listed is None:
                    table[via] = [link]
                else:
                    listed.append(link)
        self._at = table
        self._twice = len(set(map(id, links))) != len(links)
        self._seen = list(links)

    @staticmethod
    def _names(link: Link) -> set[str]:
        via = link.via
        return {link.source, link.target} if via is None else {link.source, link.target, via}

    def _add(self, link: Link) -> None:
        table = self._at
        for node_id in self._names(link):
            listed = table.get(node_id)
            if listed is None:
                table[node_id] = [link]
                continue
            if not self._twice and any(map(is_, listed, repeat(link))):
                self._twice = True
            listed.append(link)

    def _remove(self, link: Link) -> None:
        table = self._at
        for node_id in self._names(link):
            listed = table.get(node_id, [])
            place = next(compress(count(), map(is_, listed, repeat(link))), None)
            if place is not None:
                del listed[place]
            if not listed:
                table.pop(node_id, None)
