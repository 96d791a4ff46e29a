"""The older dialects, recognised by namespace; each has a reader module of its own."""

from __future__ import annotations

NAMESPACES = (
    ("certware", "http://www.certware.net/gsn", "CertWare GSN"),
    ("arm", "http://www.omg.org/ARM", "OMG ARM"),
    ("sacm1", "http://schema.omg.org/SACM/1.0", "OMG SACM 1.0"),
)
