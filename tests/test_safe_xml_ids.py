"""The parser keeps its table of XML IDs only for a document that could hold one: a large case
parses without it, and a document with a repeated or malformed xml:id, or a DTD, is refused
with the same message as before, in any encoding."""

from __future__ import annotations

from pathlib import Path

import pytest

from gsn_studio.io import CaseFileError, load_case, safe_xml
from gsn_studio.io.safe_xml import may_hold_ids, parse_xml

SAMPLES = Path(__file__).parent.parent / "samples"


def collecting(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records each parser's `collect_ids`."""
    seen: list[bool] = []
    real = safe_xml._parser

    def parser(collect_ids: bool = True) -> object:
        seen.append(collect_ids)
        return real(collect_ids)

    monkeypatch.setattr(safe_xml, "_parser", parser)
    return seen


def test_a_case_file_parses_without_a_table_of_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening a sample (UTF-8, no xml:id, no DTD) keeps no table of IDs."""
    seen = collecting(monkeypatch)
    load_case(SAMPLES / "tutorial.gsnx")
    assert seen == [False]


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (b'<a><b xml:id="x"/><c xml:id="x"/></a>', "ID x already defined"),
        (b'<?xml version="1.0"?>\n<a><b xml:id="1 bad"/></a>', "is not an NCName"),
        ('<a><b xml:id="x"/><c xml:id="x"/></a>'.encode("utf-16"), "ID x already defined"),
        (b"\xfe\xff" + '<a><b xml:id="x"/><c xml:id="x"/></a>'.encode("utf-16-be"), "already"),
    ],
)
def test_a_repeated_or_malformed_xml_id_is_refused_as_before(
    document: bytes, problem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Such a document is parsed with the table of IDs, which refuses it, naming the ID."""
    seen = collecting(monkeypatch)
    with pytest.raises(CaseFileError) as refused:
        parse_xml(document, "ids.xml")
    assert problem in str(refused.value)
    assert seen == [True]


@pytest.mark.parametrize(
    ("document", "holds"),
    [
        (b'<?xml version="1.0" encoding="UTF-8"?>\n<a><b/></a>', False),
        (b"\xef\xbb\xbf<a/>", False),
        (b"\n  <a/>", False),
        (b'<a><b xml:id="x"/></a>', True),
        (b'<!DOCTYPE a [<!ATTLIST b k ID #IMPLIED>]><a><b k="x"/><b k="x"/></a>', True),
        ("<a/>".encode("utf-16"), True),
        ("<a/>".encode("utf-16-le"), True),
        ("<a/>".encode("utf-32"), True),
        ("<a/>".encode("cp500"), True),  # EBCDIC: its "<" is not ASCII's
    ],
)
def test_what_could_hold_an_id_is_told_from_the_bytes(document: bytes, holds: bool) -> None:
    """Only documents whose bytes show ASCII as ASCII and no xml:id or DTD go without."""
    assert may_hold_ids(document) is holds


def test_an_id_declared_by_a_dtd_is_still_refused_for_the_dtd() -> None:
    """A DTD declaring IDs is refused as a DTD, as before, even when an ID repeats."""
    document = b'<!DOCTYPE a [<!ATTLIST b k ID #IMPLIED>]><a><b k="x"/><b k="y"/></a>'
    with pytest.raises(CaseFileError, match="declares a DTD"):
        parse_xml(document, "dtd.xml")
