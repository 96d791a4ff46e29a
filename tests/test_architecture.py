"""The layering rules of STYLE.md, checked on the source itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "gsn_studio"
QT = ("PySide6", "shiboken6")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_outside_app_imports_qt() -> None:
    """Only gsn_studio/app may import Qt; the core stays usable headless and testable without it."""
    offenders = [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in PACKAGE.rglob("*.py")
        if "app" not in path.relative_to(PACKAGE).parts[:1]
        for name in imported_modules(path)
        if name.split(".")[0] in QT
    ]
    assert offenders == []


def test_model_imports_only_stdlib_and_pydantic() -> None:
    """The model knows no file format, no graph library and no other layer of ours."""
    allowed_third_party = {"pydantic"}
    offenders = []
    for path in (PACKAGE / "model").rglob("*.py"):
        for name in imported_modules(path):
            top = name.split(".")[0]
            if (name.startswith("gsn_studio.") and not name.startswith("gsn_studio.model")) or (
                top not in sys.stdlib_module_names
                and top not in allowed_third_party | {"gsn_studio"}
            ):
                offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_command_line_runs_without_loading_qt() -> None:
    """`gsn-studio check` never loads Qt, so it works on a server with no display libraries."""
    code = (
        "import sys, gsn_studio.cli, gsn_studio.io.gsnx_read, gsn_studio.analysis;"
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    # A process: only a fresh interpreter shows what importing the command line loads.
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_every_package_is_installed() -> None:
    """pyproject.toml lists every package of the tree, so a wheel is never missing one."""
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(PACKAGE.parent).parts)
        for init in PACKAGE.rglob("__init__.py")
    }
    # Folders of data under resources/ are listed too, only to keep setuptools from warning.
    data_folders = {name for name in listed if name.startswith("gsn_studio.resources.")}
    assert found | {"gsn_studio.resources"} == listed - data_folders


GUARDED = frozenset({"nodes", "links", "comments", "acps"})
"""The case's lists: only the model's own functions and reversible changes write to them."""
MUTATORS = frozenset({"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse"})
NOT_A_CASE = {
    ("io/sacm/argument.py", "self.case"): "a RawCase: plain records read before the model",
    ("io/sacm/legacy_read.py", "raw"): "a RawCase: plain records read before the model",
    ("app/canvas/pattern_paint.py", "node_item"): "a drawing item's own copy of its ACPs",
    ("export/report_docx.py", "props"): "a Word file's core properties: its comments field",
}


def case_list_writes(source: str, name: str = "<source>") -> list[tuple[int, str, str]]:
    """Where source writes to a case's lists: (line, receiver, what), e.g. `case.links.append`."""
    found: list[tuple[int, str, str]] = []

    def guarded(node: ast.expr) -> ast.Attribute | None:
        return node if isinstance(node, ast.Attribute) and node.attr in GUARDED else None

    for node in ast.walk(ast.parse(source, name)):
        call = node.func if isinstance(node, ast.Call) else None
        owner = guarded(call.value) if isinstance(call, ast.Attribute) else None
        if owner and isinstance(call, ast.Attribute) and call.attr in MUTATORS:
            found.append((call.lineno, ast.unparse(owner.value), ast.unparse(call)))
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign | ast.Delete):
            targets = list(node.targets)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Subscript) and (owner := guarded(target.value)):
                found.append((target.lineno, ast.unparse(owner.value), ast.unparse(target)))
            elif (owner := guarded(target)) and ast.unparse(owner.value) != "self":
                # `self.nodes = ...` outside the model is some other class's own attribute.
                found.append((target.lineno, ast.unparse(owner.value), ast.unparse(target)))
    return sorted(found)


def test_nothing_outside_the_model_writes_to_a_case_s_lists() -> None:
    """Nodes, links, comments and ACPs change only through the model (its methods and the
    reversible changes of model/changes.py), so every edit can be undone and no view holds
    a list that changed under it."""
    offenders = [
        f"{relative}:{line}: {what}"
        for path in PACKAGE.rglob("*.py")
        if (relative := path.relative_to(PACKAGE).as_posix()).split("/")[0] != "model"
        for line, receiver, what in case_list_writes(path.read_text(encoding="utf-8"), relative)
        if (relative, receiver) not in NOT_A_CASE
    ]
    assert offenders == []


def test_the_list_guard_sees_every_kind_of_write() -> None:
    """The scan above catches appends, item assignment, deletion and replacing a list."""
    source = (
        "base.comments.append(c)\nbase.comments[i] = c\ndel case.links[0]\n"
        "document.case.nodes = []\ncase.acps += [a]\nself.nodes = {}\nlen(case.nodes)\n"
    )
    assert [line for line, _, _ in case_list_writes(source)] == [1, 2, 3, 4, 5]


def test_every_module_stays_under_600_lines() -> None:
    """Small files with one job each: a module that grows past 600 lines gets split (the
    main window hands its commands to classes such as EditActions and EvidenceActions)."""
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}
