"""Parsing XML from strangers: no entities, no DTD, no network, whatever lxml's defaults."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from gsn_studio.io.errors import CaseFileError

_ASCII_START = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*<[^\x00]")
"""The start of a document in UTF-8 or another encoding that writes ASCII as ASCII (not
UTF-16 or UTF-32, whose ASCII characters come with zero bytes)."""


def may_hold_ids(data: bytes) -> bool:
    """Whether a document could hold an XML ID: an xml:id attribute, or one a DTD declares.
    Only then does the parser keep its table of IDs, which refuses a repeated or malformed
    one as before, and which costs a fifth of the parse of a large case. Told from the bytes
    where their encoding writes ASCII as ASCII; any other document is parsed as before."""
    return not _ASCII_START.match(data) or b"xml:id" in data or b"<!DOCTYPE" in data


def _parser(collect_ids: bool = True) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=True,
        collect_ids=collect_ids,
    )


def parse_xml(data: bytes, path: str | Path) -> etree._ElementTree:
    """Parse bytes into a tree, refusing any document that declares a DTD or entities."""
    if not data.strip():
        raise CaseFileError(path, "the file is empty")
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser(may_hold_ids(data))))
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
