"""GSN Studio's own data inside an SACM file: what SACM cannot hold (positions, comments,
verification, tags, ...) kept in `xmi:Extension extender="gsn-studio"`, which EMF tools skip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import etree

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.sacm.emf import XMI

EXTENDER = "gsn-studio"
EXTENSION = f"{{{XMI}}}Extension"


def read_extension(element: etree._Element, path: str | Path) -> dict[str, Any] | None:
    for child in element:
        if child.tag == EXTENSION and child.get("extender") == EXTENDER:
            try:
                data = json.loads(child.text or "{}")
            except ValueError as error:
                raise CaseFileError(
                    path, f"the gsn-studio extension is not valid JSON: {error}", child.sourceline
                ) from None
            if not isinstance(data, dict):
                raise CaseFileError(
                    path, "the gsn-studio extension must hold a JSON object", child.sourceline
                )
            return data
    return None


def write_extension(parent: etree._Element, data: dict[str, Any]) -> None:
    if not data:
        return
    element = etree.SubElement(parent, EXTENSION, extender=EXTENDER)
    element.text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
