"""Which kind of file this is, from its root element and namespace (never its extension)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsnx_format import NAMESPACE as GSNX_NAMESPACE
from gsn_studio.io.sacm import aceditor, deis, gsn_profile, legacy, sacm2
from gsn_studio.io.sacm.emf import XMI, local, namespace


@dataclass(frozen=True, slots=True)
class Kind:
    dialect: str
    """gsnx, sacm2, gsn, aceditor, deis, certware, arm or sacm1."""
    label: str
    root: etree._Element
    """The element the dialect's reader starts from (inside an xmi:XMI wrapper, if any)."""


SUPPORTED = (
    "GSN Studio .gsnx, OMG SACM 2.0-2.2 XMI, the GSN profile of SACM, ACEditor SACM 2.1, "
    "DEIS ODE packages, CertWare GSN, OMG ARM and SACM 1.0"
)


def recognise(root: etree._Element, path: str | Path) -> Kind:
    start = root
    if namespace(root.tag) == XMI and local(root.tag) == "XMI":
        inner = [child for child in root if isinstance(child.tag, str) and namespace(child.tag)]
        inner = [child for child in inner if namespace(child.tag) != XMI]
        if inner:
            start = inner[0]
    uri, name = namespace(start.tag), local(start.tag)
    declared = set(start.nsmap.values())
    if uri == GSNX_NAMESPACE:
        return Kind("gsnx", "GSN Studio .gsnx", start)
    if uri.startswith(deis.NAMESPACE_PREFIX) and name == "DDIPackage":
        return Kind("deis", f"DEIS ODE {name} with {_sacm_label(declared)}", start)
    if uri == aceditor.NAMESPACE:
        return Kind("aceditor", "ACEditor SACM 2.1", start)
    for dialect, prefix, label in legacy.NAMESPACES:
        if uri.startswith(prefix):
            return Kind(dialect, label, start)
    if uri.startswith((sacm2.NAMESPACE_PREFIX, sacm2.STANDARD_PREFIX)) or gsn_profile.is_gsn(uri):
        return Kind("sacm2", _sacm_label(declared | {uri}), start)
    raise CaseFileError(
        path,
        f"this is {name} in the namespace {uri or '(none)'}, a kind of file GSN Studio does "
        f"not read (it reads {SUPPORTED})",
        start.sourceline,
    )


def _sacm_label(namespaces: set[str]) -> str:
    versions = sorted(
        {uri[len(sacm2.NAMESPACE_PREFIX) - 2 :].split("/")[0] for uri in namespaces
         if uri.startswith(sacm2.NAMESPACE_PREFIX)}
    )  # fmt: skip
    label = f"OMG SACM {'/'.join(versions)}" if versions else "OMG SACM 2"
    gsn = sorted(uri for uri in namespaces if gsn_profile.is_gsn(uri))
    return f"{label} in the GSN profile ({gsn[0]})" if gsn else label
