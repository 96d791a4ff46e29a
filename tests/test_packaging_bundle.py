"""The PyInstaller bundle's recipe, checked without building it (packaging/build-bundle.sh
builds and smoke-tests the bundle itself; it takes minutes, too long for every CI run)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO

PYINSTALLER = REPO / "packaging" / "pyinstaller"
SPEC = PYINSTALLER / "gsn-studio.spec"


def _spec() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def _list_named(name: str) -> list[str]:
    for node in _spec().body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"{name} is not in the spec")


def test_spec_is_python_and_names_files_that_exist() -> None:
    """The spec parses, and every file it names beside it (entry point, runtime hook, icons)
    is in the repository."""
    tree = _spec()
    named = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and re.fullmatch(r"[\w.-]+\.(py|ico|icns)", node.value)
    }  # fmt: skip
    assert named == {"entry.py", "graphviz_on_path.py", "gsn-studio.ico", "gsn-studio.icns"}
    for name in named:
        assert (PYINSTALLER / name).is_file(), name


def test_no_qt_module_the_program_imports_is_excluded() -> None:
    """The Qt modules trimmed from the bundle are ones GSN Studio never imports, so the
    bundle cannot lose a module the editor needs (a new import fails here, not for a user)."""
    excluded = {f"Qt{name}" for name in _list_named("QT_UNUSED")}
    imported = set()
    for source in (REPO / "gsn_studio").rglob("*.py"):
        imported |= set(re.findall(r"PySide6\.(Qt\w+)", source.read_text(encoding="utf-8")))
    assert imported >= {"QtCore", "QtGui", "QtWidgets", "QtNetwork"}
    assert not imported & excluded, imported & excluded
    assert {"QtWebEngineCore", "QtQml", "QtQuick", "QtMultimedia", "Qt3DCore", "QtCharts"} <= (
        excluded
    )


def test_build_script_smoke_tests_check_export_and_the_editor() -> None:
    """build-bundle.sh runs the built program's check, export and the editor offscreen."""
    script = (REPO / "packaging" / "build-bundle.sh").read_text(encoding="utf-8")
    assert 'pyinstaller" --noconfirm' in script and str(SPEC.relative_to(REPO)) in script
    for step in ('"$app" check', '"$app" export', "GSN_STUDIO_SMOKE_TEST=1"):
        assert step in script
    assert Path(REPO / "packaging" / "build-bundle.sh").stat().st_mode & 0o111


def test_windows_installer_registers_gsnx_for_the_windowed_program() -> None:
    """The Inno Setup recipe names files that exist, registers .gsnx with its icon and an open
    command, and starts the windowed program the spec builds."""
    iss = REPO / "packaging" / "windows" / "gsn-studio.iss"
    text = iss.read_text(encoding="utf-8")
    for relative in re.findall(r"=(\.\.\\[^\s]+\.(?:ico|md|txt))|LicenseFile=(\S+)", text):
        for path in filter(None, relative):
            assert (iss.parent / path.replace("\\", "/")).is_file(), path
    assert '#define GuiExe "GSN Studio.exe"' in text
    assert 'executable("GSN Studio", console=False)' in SPEC.read_text(encoding="utf-8")
    assert r'Subkey: "Software\Classes\.gsnx"' in text
    assert 'ValueData: """{app}\\{#GuiExe}"" ""%1"""' in text
    assert "ChangesAssociations=yes" in text
