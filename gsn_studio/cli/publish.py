"""`gsn-studio export CASE --html OUT_DIR`: the HTML publication of a case of modules (or of
a single file, as a case of one module)."""

from __future__ import annotations

import argparse

from gsn_studio.analysis import ArtifactReader
from gsn_studio.cli.common import UsageError
from gsn_studio.export.html import publish_html
from gsn_studio.io.modular import load_modular


def run(args: argparse.Namespace) -> int:
    if args.output is not None or args.root:
        raise UsageError("--html writes a whole publication: it takes no -o or --root")
    modular = load_modular([args.case])
    reader = ArtifactReader.for_case_file(args.case, args.allow_outside)
    pages = publish_html(modular, args.html, args.as_of, reader)
    print(f"{args.html / 'index.html'}: {len(pages)} pages")
    return 0
