"""DEIS ODE (Open Dependability Exchange) files: a DDIPackage holding SACM assurance case
packages beside failure-logic (fault trees), architecture and dependability packages. The
argument is read; the rest is skipped and counted in the import report."""

from __future__ import annotations

from collections import Counter

from lxml import etree

from gsn_studio.io.sacm.emf import children, type_of
from gsn_studio.io.sacm.report import ImportReport

NAMESPACE_PREFIX = "http://www.deis-project.eu/ode"

KIND_NAMES = {
    "FailureLogicPackage": "failure-logic package",
    "DesignPackage": "architecture (design) package",
    "DependabilityPackage": "dependability package",
}


def argument_holders(root: etree._Element, report: ImportReport) -> list[etree._Element]:
    """The assurance case packages inside; every other package skipped and reported."""
    for package in children(root, "odeProductPackages"):
        _, cls = type_of(package)
        kinds: Counter[str] = Counter(
            _kind(element) for element in package.iterdescendants() if isinstance(element.tag, str)
        )
        what = KIND_NAMES.get(cls, f"{cls} package")
        name = package.get("name") or ""
        if kinds:
            parts = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
            report.skip(
                f"elements ({parts}) in the {what} {name!r}",
                "(not part of the argument)",
                sum(kinds.values()),
            )
        else:
            report.skip(f"empty {what} {name!r}", "(not part of the argument)")
    return children(root, "assuranceCasePackages") + children(root, "assuranceCasePackage")


def _kind(element: etree._Element) -> str:
    """An element's class where it names one (xsi:type), else its feature (`ports`)."""
    typed = any(key.endswith("}type") for key in element.attrib)
    return type_of(element)[1] if typed else f"<{etree.QName(element).localname}>"
