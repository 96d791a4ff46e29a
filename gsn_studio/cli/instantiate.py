"""`gsn-studio instantiate PATTERN --values VALUES -o OUT`: a case from an argument pattern.

Run again with changed values over the same OUT, it updates that instance and keeps the
evidence, comments and elements added there since.
"""

from __future__ import annotations

from pathlib import Path

from gsn_studio.cli.common import EXIT_OK, UsageError, count
from gsn_studio.io import format_of, load_case, save_case
from gsn_studio.io.pattern_values import read_values
from gsn_studio.model import Case
from gsn_studio.model.instantiation import InstantiationError, instantiate


def run_instantiate(pattern_path: Path, values_path: Path, output: Path) -> int:
    format_of(output)  # refuse an unknown output type before any work
    pattern = load_case(pattern_path)
    if pattern.pattern is None:
        raise UsageError(
            f"{pattern_path}: not a pattern (a pattern module declares its parameters)"
        )
    values = read_values(values_path)
    previous = _previous_instance(output)
    try:
        instance = instantiate(pattern, values, previous)
    except InstantiationError as error:
        raise UsageError(f"{values_path}: {error}") from None
    save_case(instance, output)
    left = sum(1 for node in instance.nodes if node.uninstantiated)
    what = "updated" if previous is not None else "wrote"
    note = f"; {count(left, 'element')} still to instantiate" if left else ""
    print(
        f"{what} {output} ({count(len(instance.nodes), 'node')}, "
        f"{count(len(instance.links), 'link')}){note}"
    )
    return EXIT_OK


def _previous_instance(output: Path) -> Case | None:
    if not output.exists():
        return None
    previous = load_case(output)
    if not any(node.role is not None for node in previous.nodes):
        raise UsageError(
            f"{output} exists and is not an instance of a pattern: it is left as it is "
            "(choose another output file)"
        )
    return previous
