"""The shipped XML Schema of .gsnx files, apart from the model so that a file can be checked
against it before the model is imported (io/prefetch.py)."""

from __future__ import annotations

import functools
import importlib
import pkgutil

from lxml import etree


@functools.cache
def schema() -> etree.XMLSchema:
    """The shipped XML Schema, parsed once."""
    # pkgutil, not importlib.resources: that brings tempfile, shutil, bz2 and lzma to every
    # command that reads a case. The package is imported first: pkgutil would load it without
    # binding it to gsn_studio, and a later `import gsn_studio.resources` would then lack it.
    importlib.import_module("gsn_studio.resources")
    text = pkgutil.get_data("gsn_studio.resources", "gsnx-1.xsd")
    assert text is not None  # shipped in the package (a loader that cannot read gives None)
    return etree.XMLSchema(etree.fromstring(text))
