"""What the gsn2x YAML reader and writer share: reserved keys, our own keys, YAML tags."""

from __future__ import annotations

from typing import Any

from gsn_studio.model import Link, LinkKind, ModuleInfo

MODULE = "module"
OWN_KEYS = (
    "nodeType", "text", "supportedBy", "inContextOf", "challenges", "undeveloped",
    "url", "evidenceDate", "validUntil", "reviewDays", "verifiedOn", "verifiedBy", "sha256",
    "measure", "measuredValue", "measureKey", "defeaterStatus", "refutation",
    "owner", "description", "tags", "position", "folded", "loadBearing", "degradation",
    "trace", "accepted",
)  # fmt: skip
"""The node keys GSN Studio models, in the order it writes them."""

CHALLENGES = "challenges"


def challenge_link(source: str, entry: str) -> Link | None:
    """`G2` challenges the node G2, `G2 -> CG1` the link between G2 and CG1 (either way);
    None for an entry that is neither, such as `G2 ->`."""
    via, arrow, target = (part.strip() for part in entry.partition("->"))
    if not arrow:
        return Link(source=source, target=entry, kind=LinkKind.CHALLENGES)
    if not via or not target or "->" in target:
        return None
    return Link(source=source, target=target, kind=LinkKind.CHALLENGES, via=via)


def challenge_entry(link: Link) -> str:
    return link.target if link.via is None else f"{link.via} -> {link.target}"


TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
LOOSE_BREAKS = "\x85\u2028\u2029"
"""Line breaks that YAML turns into \\n unless escaped, so only double quotes keep them."""


def without_timestamps(resolvers: dict[Any, Any]) -> dict[Any, Any]:
    # Dates stay text: gsn2x has no date type, and our date keys get a check of their own.
    return {
        first: [(tag, regexp) for tag, regexp in entries if tag != TIMESTAMP_TAG]
        for first, entries in resolvers.items()
    }


EXCERPT = 60
"""Characters of a text value quoted in an error message, at most."""


def describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        # A whole file read as one scalar (XML named .yaml) must not be echoed: quote its start.
        shown = value if len(value) <= EXCERPT else value[: EXCERPT - 1].rstrip() + "…"
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def module_header(info: ModuleInfo) -> dict[str, Any]:
    """A module header as gsn2x writes it: `uses` and `extends: [{module, develops}]`."""
    body: dict[str, Any] = {}
    if info.uses:
        body["uses"] = list(info.uses)
    develops: dict[str, dict[str, list[str]]] = {}
    for contract in info.contracts:
        goals = develops.setdefault(contract.claim.module, {})
        goals.setdefault(contract.claim.element, []).extend(c.element for c in contract.support)
    if develops:
        body["extends"] = [{"module": name, "develops": goals} for name, goals in develops.items()]
    return body
