"""Cases other assurance tools made: OMG SACM 2.x XMI and its dialects, in and out.

`read_sacm` recognises a file by its root element and namespace and reads it with the
dialect's reader into a `ModularCase` (one module per argument package) and an
`ImportReport`; `load_case` and `load_modular` open these files through it."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from gsn_studio.io.case_file import read_case_file
from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.sacm import deis
from gsn_studio.io.sacm.argument import ArgumentReader
from gsn_studio.io.sacm.build import build
from gsn_studio.io.sacm.emf import name_of
from gsn_studio.io.sacm.recognise import Kind, recognise
from gsn_studio.io.sacm.records import RawCase, RawPackage
from gsn_studio.io.sacm.report import ImportReport, Problem
from gsn_studio.io.safe_xml import parse_xml
from gsn_studio.io.suffixes import SACM_SUFFIXES
from gsn_studio.model import Case, ModularCase, Module


@dataclass(slots=True)
class SacmImport:
    modular: ModularCase
    report: ImportReport

    def case(self) -> Case:
        """One case to show: the only module's, or every package unrolled into one."""
        if len(self.modular.modules) == 1:
            return self.modular.modules[0].case
        return self.modular.complete().case


def read_sacm(path: str | Path, relative: str | None = None) -> SacmImport:
    return parse_sacm(read_case_file(path), path, relative)


def parse_sacm(data: bytes, path: str | Path, relative: str | None = None) -> SacmImport:
    relative = relative or posixpath.basename(str(path).replace("\\", "/")) or "case.sacm"
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
    if data.strip() and head != b"<" and not utf16:
        raise CaseFileError(path, "not an XML file: SACM and similar files are XMI (XML)", 1)
    root = parse_xml(data, path).getroot()
    kind = recognise(root, path)
    report = ImportReport(source=str(path), dialect=kind.label)
    if kind.dialect == "gsnx":
        report.foreign = False
        case = parse_gsnx(data, path)
        module_id = case.module.id if case.module else "main"
        return SacmImport(
            ModularCase(modules=[Module(id=module_id, path=relative, case=case)]), report
        )
    raw = _read_raw(kind, path, report)
    if not raw.packages:
        report.problem("no-argument", kind.root.sourceline, "the file holds no argument package")
        raw.packages.append(RawPackage(name=raw.name or "main"))
    # Our own SACM carries our extension in every package: saving over it loses nothing.
    report.foreign = not raw.packages or any(p.overlay is None for p in raw.packages)
    return SacmImport(build(raw, path, relative, report), report)


def _read_raw(kind: Kind, path: str | Path, report: ImportReport) -> RawCase:
    if kind.dialect in ("sacm2", "aceditor", "deis"):
        holders = [kind.root]
        if kind.dialect == "deis":
            holders = deis.argument_holders(kind.root, report)
        raw = ArgumentReader(kind.root, path, report).read(holders)
        raw.name = name_of(kind.root)
        return raw
    from gsn_studio.io.sacm.legacy_read import read_legacy  # noqa: PLC0415 (rarely needed)

    return read_legacy(kind, path, report)


__all__ = ["SACM_SUFFIXES", "ImportReport", "Problem", "SacmImport", "parse_sacm", "read_sacm"]
