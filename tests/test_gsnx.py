"""The .gsnx file: exact round trips, determinism, schema, safe parsing, atomic saves."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from factories import hazard_case
from lxml import etree

from gsn_studio.io import CaseFileError, load_case, save_case
from gsn_studio.io.gsnx_format import FORMAT_VERSION, NAMESPACE, schema
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import Position

HEADER = f'<?xml version="1.0" encoding="UTF-8"?>\n<AssuranceCasePackage xmlns="{NAMESPACE}"'


def minimal(body: str, version: str = "1.0", extra_attributes: str = "") -> bytes:
    return (
        f'{HEADER} formatVersion="{version}"{extra_attributes}>\n'
        f"  <ArgumentPackage>\n{body}\n  </ArgumentPackage>\n</AssuranceCasePackage>\n"
    ).encode()


GOAL = (
    '    <Claim gid="G1" gsnType="Goal" assertionDeclaration="asserted">'
    "<content>Safe</content></Claim>"
)


def test_round_trip_is_exact(tmp_path: Path) -> None:
    """A case saved and loaded again is equal, positions and evidence included."""
    case = hazard_case()
    case.update_node("G1", position=Position(x=10.5, y=-20))
    path = tmp_path / "case.gsnx"
    save_case(case, path)
    assert load_case(path) == case


def test_same_case_gives_same_bytes() -> None:
    """Writing is deterministic: the same case, written twice or after a reload, is identical."""
    case = hazard_case()
    first = to_bytes(case)
    assert to_bytes(hazard_case()) == first
    assert to_bytes(parse_gsnx(first)) == first


def test_output_is_indented_utf8_and_schema_valid() -> None:
    """The written file is indented UTF-8 XML that the shipped schema accepts."""
    case = hazard_case()
    case.update_node("G2", statement="Überdosis vermieden — 過剰投与なし")
    data = to_bytes(case)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n")
    assert "過剰投与なし".encode() in data
    assert b'\n    <Claim gid="G1"' in data
    assert schema().validate(etree.fromstring(data))


def test_one_edit_is_a_small_diff() -> None:
    """Changing one statement changes one line of the file."""
    case = hazard_case()
    before = to_bytes(case).decode().splitlines()
    case.update_node("G3", statement="Hazard H2 is eliminated")
    after = to_bytes(case).decode().splitlines()
    assert len(before) == len(after)
    assert sum(1 for old, new in zip(before, after, strict=True) if old != new) == 1


def test_sacm_mapping() -> None:
    """Goals are Claims, strategies ArgumentReasoning, solutions ArtifactReferences to Artifacts,
    assumptions assumed and justifications axiomatic Claims, links in SACM direction."""
    case = hazard_case()
    case.update_node("G3", undeveloped=True)
    case.remove_node("Sn2")
    root = etree.fromstring(to_bytes(case))
    ns = {"g": NAMESPACE}

    def one(xpath: str) -> etree._Element:
        (element,) = root.xpath(xpath, namespaces=ns)
        return element

    assert one("//g:Claim[@gid='G1']").get("assertionDeclaration") == "asserted"
    assert one("//g:Claim[@gid='G3']").get("assertionDeclaration") == "needsSupport"
    assert one("//g:Claim[@gid='A1']").get("assertionDeclaration") == "assumed"
    assert one("//g:Claim[@gid='J1']").get("assertionDeclaration") == "axiomatic"
    assert one("//g:ArgumentReasoning[@gid='S1']").get("gsnType") == "Strategy"
    solution = one("//g:ArtifactReference[@gid='Sn1']")
    artifact = one(f"//g:Artifact[@gid='{solution.get('referencedArtifactElement')}']")
    assert artifact.get("location") == "evidence/h1.pdf"
    assert artifact.get("validUntil") == "2027-01-10"
    evidence = one("//g:AssertedEvidence")
    assert (evidence.get("source"), evidence.get("target")) == ("Sn1", "G2")
    assert one("//g:AssertedContext[@source='C1']").get("target") == "G1"
    assert one("//g:AssertedInference[@source='S1']").get("target") == "G1"


def test_extension_elements_and_attributes_survive(tmp_path: Path) -> None:
    """Elements and attributes of other namespaces are kept verbatim on save."""
    body = (
        '    <Claim gid="G1" gsnType="Goal" assertionDeclaration="asserted" x:risk="high">\n'
        "      <content>Safe</content>\n"
        "      <x:review by='ann'>\n        <x:note>ok</x:note>\n      </x:review>\n"
        "    </Claim>"
    )
    data = minimal(body, "1.0", ' xmlns:x="urn:example:x" x:tool="other"')
    case = parse_gsnx(data)
    assert case.node("G1").foreign_attributes == {"{urn:example:x}risk": "high"}
    assert case.foreign_attributes == {"{urn:example:x}tool": "other"}
    written = to_bytes(case)
    again = parse_gsnx(written)
    assert again == case
    assert b"<x:note>ok</x:note>" in written and b'x:risk="high"' in written


def _error(data: bytes) -> CaseFileError:
    with pytest.raises(CaseFileError) as caught:
        parse_gsnx(data, "bad.gsnx")
    return caught.value


def test_truncated_xml_names_the_file_and_line() -> None:
    """A file cut short is reported as not well-formed, with the line."""
    error = _error(to_bytes(hazard_case())[:300])
    assert str(error).startswith("bad.gsnx:")
    assert "not well-formed" in error.problem
    assert error.line is not None


def test_wrong_root_element_is_named() -> None:
    """A different XML document is refused, saying what its root is."""
    error = _error(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert "root element is svg" in error.problem


def test_schema_violation_names_line_and_element() -> None:
    """A value the schema does not allow is reported with its line, the element without its
    namespace, and the values that are allowed."""
    body = (
        GOAL
        + '\n    <Claim gid="G2" gsnType="Robot" assertionDeclaration="asserted"><content/></Claim>'
    )
    error = _error(minimal(body))
    assert error.line == 5
    assert "Element 'Claim'" in error.problem and "Robot" in error.problem
    assert "{urn:" not in error.problem
    assert "{'Goal', 'Assumption', 'Justification', 'CounterGoal'}" in error.problem


def test_xxe_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    """An external entity pointing at a local file is refused; the file's content never shows."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        f'<AssuranceCasePackage xmlns="{NAMESPACE}" formatVersion="1.0"><ArgumentPackage>'
        '<Claim gid="G1" gsnType="Goal" assertionDeclaration="asserted"><content>&xxe;</content>'
        "</Claim></ArgumentPackage></AssuranceCasePackage>"
    ).encode()
    error = _error(data)
    assert "TOP-SECRET" not in str(error)
    assert "DTD" in error.problem or "entit" in error.problem


def test_entity_expansion_bomb_is_refused_quickly() -> None:
    """A billion-laughs document is refused without expanding anything."""
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    data = f'<?xml version="1.0"?><!DOCTYPE x [{entities}]><x>&a9;</x>'.encode()
    error = _error(data)
    assert "DTD" in error.problem or "entit" in error.problem


def test_empty_file_is_refused() -> None:
    """An empty file says so."""
    assert _error(b"  \n").problem == "the file is empty"


def test_newer_major_version_is_refused_clearly() -> None:
    """A file from a future format asks the user to update rather than guessing."""
    error = _error(minimal(GOAL, version="2.0"))
    assert "format version 2.0" in error.problem and "update GSN Studio" in error.problem


def test_newer_minor_version_with_unknown_elements_is_refused_with_a_hint() -> None:
    """Unknown elements of our namespace from a newer minor version are refused, never dropped."""
    body = GOAL.replace(
        "<content>Safe</content>", "<content>Safe</content><confidence>0.9</confidence>"
    )
    newer = f"{FORMAT_VERSION[0]}.{FORMAT_VERSION[1] + 1}"
    error = _error(minimal(body, version=newer))
    assert "confidence" in error.problem
    assert "newer than the {}.{}".format(*FORMAT_VERSION) in error.problem


def test_inconsistent_gsn_type_is_refused() -> None:
    """An assumption declared 'asserted' is ambiguous and refused."""
    body = (
        '    <Claim gid="S1" gsnType="Assumption" assertionDeclaration="asserted">'
        "<content>x</content></Claim>"
    )
    error = _error(minimal(body))
    assert "S1" in error.problem and "assumed" in error.problem


def test_missing_artifact_is_reported() -> None:
    """A solution pointing at an artifact that is not there is refused by name."""
    body = (
        '    <ArtifactReference gid="Sn1" gsnType="Solution" referencedArtifactElement="nope">'
        "<content>x</content></ArtifactReference>"
    )
    assert "Sn1 refers to artifact nope" in _error(minimal(body)).problem


def test_load_of_missing_file_is_clean(tmp_path: Path) -> None:
    """A path that does not exist gives a CaseFileError, not an OSError."""
    with pytest.raises(CaseFileError, match="cannot read the file"):
        load_case(tmp_path / "nope.gsnx")


def test_unknown_extension_is_refused(tmp_path: Path) -> None:
    """Only .gsnx, .yaml and .yml are case files."""
    with pytest.raises(CaseFileError, match=r"unknown file type \.txt"):
        load_case(tmp_path / "case.txt")


def test_failed_save_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk full during a save leaves the previous version intact and no temporary file."""
    path = tmp_path / "case.gsnx"
    save_case(hazard_case(), path)
    before = path.read_bytes()
    changed = hazard_case()
    changed.update_node("G1", statement="changed")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(CaseFileError, match="No space left on device"):
        save_case(changed, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.gsnx"]


def test_save_keeps_file_permissions(tmp_path: Path) -> None:
    """Replacing a file keeps its permission bits."""
    path = tmp_path / "case.gsnx"
    save_case(hazard_case(), path)
    path.chmod(0o640)
    save_case(hazard_case(), path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_save_into_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    """Saving where no folder exists says so instead of raising OSError."""
    with pytest.raises(CaseFileError, match="cannot write here"):
        save_case(hazard_case(), tmp_path / "no" / "case.gsnx")
