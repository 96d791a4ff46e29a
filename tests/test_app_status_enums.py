"""The editor names statuses by their enums, never by a string literal it compares against:
a renamed or new status word then breaks the type check, not silently a colour or a count."""

from __future__ import annotations

import ast
from pathlib import Path

from gsn_studio.analysis import Currency, EvidenceState, HashState, Level
from gsn_studio.analysis.portfolio import VERDICTS
from gsn_studio.model import CommentStatus
from gsn_studio.model.nodes import DefeaterStatus
from gsn_studio.notation.palette import Status

APP = Path(__file__).resolve().parents[1] / "gsn_studio" / "app"
STATUS_ENUMS = (Status, Level, EvidenceState, Currency, HashState, DefeaterStatus, CommentStatus)
STATUS_CODES = frozenset(
    {member.value for enum in STATUS_ENUMS for member in enum} | set(VERDICTS)
) - {""}


def _literals(node: ast.expr) -> list[str]:
    """The strings a comparison operand spells out: a literal, or a collection of them
    (a tuple, list, set, or frozenset({...}) / set([...]) call)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [text for element in node.elts for text in _literals(element)]
    if isinstance(node, ast.Dict):
        return [text for key in node.keys if key is not None for text in _literals(key)]
    called = node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else ""
    if called in ("frozenset", "set", "tuple") and len(node.args) == 1:
        return _literals(node.args[0])
    return []


def string_status_comparisons(source: str, name: str) -> list[str]:
    """`name:line: word` for each status word compared as a string: `x == "expired"`,
    `x in ("weakened", ...)`, `case "open":`, or `x in STATES` where the module spells
    STATES out as literals."""
    tree = ast.parse(source, name)
    spelled: dict[str, list[str]] = {}  # module constants made of string literals
    for statement in tree.body:
        target, value = None, None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign):
            target, value = statement.target, statement.value
        if isinstance(target, ast.Name) and value is not None:
            spelled[target.id] = _literals(value)
    found: list[str] = []
    for node in ast.walk(tree):
        operands: list[ast.expr] = []
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
        elif isinstance(node, ast.MatchValue):
            operands = [node.value]
        for operand in operands:
            words = _literals(operand)
            if isinstance(operand, ast.Name):
                words = spelled.get(operand.id, [])
            found += [f"{name}:{node.lineno}: {w!r}" for w in words if w in STATUS_CODES]
    return found


def test_the_editor_compares_no_status_word_as_a_string() -> None:
    """No module of gsn_studio/app compares a value with a status word spelled as a string."""
    found = [
        hit
        for path in sorted(APP.rglob("*.py"))
        for hit in string_status_comparisons(
            path.read_text(encoding="utf-8"), str(path.relative_to(APP.parent))
        )
    ]
    assert found == []


def test_the_scan_finds_each_way_of_spelling_a_status_word() -> None:
    """The scan sees a literal, a tuple of them, a match case and a module set of them, and
    leaves enum members and words that are not statuses alone."""
    source = """
GOOD = frozenset({"current"})
ROWS = ("open", "due")
def f(state, verdict, row, mark):
    if state == "expired" or verdict in ("weakened", "other"):
        pass
    if state in GOOD or row == "due" or mark is Status.OPEN or state == EvidenceState.CURRENT:
        pass
    match state:
        case "refuted":
            pass
"""
    assert string_status_comparisons(source, "m.py") == [
        "m.py:5: 'expired'",
        "m.py:5: 'weakened'",
        "m.py:7: 'current'",
        "m.py:10: 'refuted'",
    ]
