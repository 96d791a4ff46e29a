"""How an assessor's acceptance is marked on the canvas (and, later, in figures): a small tag
under the accepted element, green while the acceptance holds and amber once it is stale."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AcceptanceMark:
    word: str
    fill: str
    edge: str
    text: str


ACCEPTED = AcceptanceMark("✓ accepted", fill="#e8f5e9", edge="#2e7d32", text="#1b5e20")
STALE = AcceptanceMark("⚠ acceptance stale", fill="#ffb300", edge="#8d5a00", text="#3e2723")
