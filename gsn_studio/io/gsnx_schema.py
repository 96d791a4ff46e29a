"""The shipped XML Schema of .gsnx files, apart from the model so that a file can be checked
against it before the model is imported (io/prefetch.py)."""

from __future__ import annotations

import functools
import importlib
import pkgutil

from lxml import etree

# The schema's package is imported with this module, by the thread that imports it (the
# program's own, for io/prefetch.py), not by the thread that first parses the schema: two
# threads importing at once can each wait for a module the other is importing. And imported
# at all: pkgutil would load it without binding it to gsn_studio, and a later
# `import gsn_studio.resources` would then lack it. (By name: the package's folder lies
# outside gsn_studio's in a checkout, where mypy does not look.)
importlib.import_module("gsn_studio.resources")


@functools.cache
def schema() -> etree.XMLSchema:
    """The shipped XML Schema, parsed once."""
    # pkgutil, not importlib.resources: that brings tempfile, shutil, bz2 and lzma to every
    # command that reads a case.
    text = pkgutil.get_data("gsn_studio.resources", "gsnx-1.xsd")
    assert text is not None  # shipped in the package (a loader that cannot read gives None)
    return etree.XMLSchema(etree.fromstring(text))
