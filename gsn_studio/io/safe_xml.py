"""Parsing XML from strangers: no entities, no DTD, no network, whatever lxml's defaults."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from gsn_studio.io.errors import CaseFileError


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=True,
    )


def parse_xml(data: bytes, path: str | Path) -> etree._ElementTree:
    """Parse bytes into a tree, refusing any document that declares a DTD or entities."""
    if not data.strip():
        raise CaseFileError(path, "the file is empty")
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as error:
        message = error.msg or "not well-formed XML"
        if "ntity" in message:
            message += " (entities are not allowed in case files)"
        raise CaseFileError(path, f"not well-formed XML: {message}", error.lineno) from None
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise CaseFileError(
            path,
            "the file declares a DTD (<!DOCTYPE ...>); case files never need one, and it could "
            "hide entity expansion or external references, so it is refused",
            1,
        )
    for entity in tree.iter(etree.Entity):
        raise CaseFileError(
            path, f"entity reference {entity.text} is not allowed", entity.sourceline
        )
    return tree
