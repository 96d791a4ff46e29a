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
