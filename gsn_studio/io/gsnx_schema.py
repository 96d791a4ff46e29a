"""The shipped XML Schema of .gsnx files, apart from the model so that a file can be checked
against it before the model is imported (io/prefetch.py); and its check of a tree, run in a
thread of its own while the reader builds the case from the same tree (`SchemaCheck`)."""

from __future__ import annotations

import functools
import importlib
import pkgutil
import threading

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


_one_at_a_time = threading.Lock()
"""The schema object keeps the error log of its latest validation: two validations at once, in
two threads, would mix their errors."""


def first_error(tree: etree._ElementTree | etree._Element) -> etree._LogEntry | None:
    """The first problem the schema finds in `tree` (the cause; later ones may only follow
    from it), or None when the tree is valid."""
    with _one_at_a_time:
        validator = schema()
        if validator.validate(tree):
            return None
        return validator.error_log[0]


class SchemaCheck:
    """The schema check of one tree, run by another thread while the reader reads the same
    tree: the check runs outside Python's lock, so on a second core it costs the reader
    nothing. The reader uses what it read only once `first_error` says the tree is valid.

    Two threads may read one tree at once; here neither writes what the other reads (lxml 6.0,
    libxml2 2.14, from their sources):
    - lxml's `XMLSchema.__call__` validates in place when the tree's root is the document's
      root element (`_fakeRootDoc` then returns the document itself: no stand-in document
      that re-points the children's parent pointers), in `xmlSchemaValidateDoc`, without the
      GIL. It asks libxml2 to add default attributes to the tree only when made with
      `attribute_defaults=True` (XML_SCHEMA_VAL_VC_I_CREATE); `schema()` is not.
    - libxml2's walk of the document (`xmlSchemaVDocWalk`) reads names, namespaces, text and
      attribute values (copied out by `xmlNodeListGetString`). It writes into the tree only
      for attributes typed xs:ID, IDREF(S) or ENTITY(IES) (the document's ID and reference
      tables, the attribute's type): the schema declares none, and imports no schema that
      could (tests/test_read_overlap.py keeps it so). With a schema given it loads none that
      a file names (xsi:schemaLocation).
    - Its errors reach lxml's `_receiveError`, which takes the GIL to add them to the schema's
      error log: `_one_at_a_time` keeps that log to one validation.
    - The reader only reads, holding the GIL. lxml records the Python object it makes for a
      node in the node's `_private`, which the validator never reads.
    The checking thread holds the tree (its argument): it lives until the check has ended."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self._outcome: etree._LogEntry | Exception | None = None

    @classmethod
    def begin(cls, tree: etree._ElementTree) -> SchemaCheck:
        """The check of `tree`, begun in a thread of its own."""
        check = cls()
        threading.Thread(target=check.run, args=(tree,), name="schema check", daemon=True).start()
        return check

    def run(self, tree: etree._ElementTree) -> None:
        """Check `tree`, in the calling thread."""
        try:
            self._outcome = first_error(tree)
        except Exception as error:  # lxml's internal error: raised in the reader's thread
            self._outcome = error
        finally:
            self._done.set()

    def first_error(self) -> etree._LogEntry | None:
        """Once the check has ended: the schema's first error, None for a valid tree. An
        error of the check itself is raised here, as if the check had run in this thread."""
        self._done.wait()
        if isinstance(self._outcome, Exception):
            raise self._outcome
        return self._outcome
