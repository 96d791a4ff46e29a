"""The test suite's own rules: every test checks something and says what in its docstring,
the user's settings are kept out of tests in one place (conftest.py), and only tests that need
a real process start one."""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

TESTS = Path(__file__).resolve().parent

CHECKING_CALLS = frozenset(
    {
        "raises",  # pytest.raises
        "warns",  # pytest.warns
        "deprecated_call",
        "fail",  # pytest.fail
        "waitUntil",  # qtbot.waitUntil fails the test on time-out
        "waitSignal",
        "waitSignals",
        "waitCallback",
        "assertNotEmitted",
    }
)
"""Calls that fail the test when what they wait for or expect does not happen."""

HELPER_PREFIXES = ("assert_", "check_", "expect_")
"""A call of a helper of the test suite named so counts, if the helper itself checks."""


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def _checks(function: ast.AST, helpers: set[str]) -> bool:
    """Whether the body has an assert (of more than a constant), a checking call, or a call of
    one of the checking helpers."""
    for node in ast.walk(function):
        if isinstance(node, ast.Assert) and not isinstance(node.test, ast.Constant):
            return True
        if isinstance(node, ast.Call):
            name = _called_name(node)
            if name in CHECKING_CALLS or name in helpers:
                return True
    return False


def _tests_of(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Test functions at the top level and in Test* classes, as pytest collects them."""
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            yield from _tests_of(ast.Module(body=node.body, type_ignores=[]))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "test"
        ):
            yield node


def checking_helpers(modules: dict[str, ast.Module]) -> dict[str, set[str]]:
    """Per module of the suite, the names of the helpers it defines, or imports from another
    module of the suite, that are named assert_/check_/expect_ and check something themselves
    (also through other such helpers of their own module)."""
    defined = {
        module: {
            node.name: node
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name.startswith(HELPER_PREFIXES)
        }
        for module, tree in modules.items()
    }
    checking: dict[str, set[str]] = {module: set() for module in modules}
    for module, helpers in defined.items():
        changed = True
        while changed:  # until no helper is found to check through another one
            changed = False
            for name, function in helpers.items():
                if name not in checking[module] and _checks(function, checking[module]):
                    checking[module].add(name)
                    changed = True
    visible = {module: set(names) for module, names in checking.items()}
    for module, tree in modules.items():
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module in checking:
                visible[module] |= {
                    alias.asname or alias.name
                    for alias in node.names
                    if alias.name in checking[node.module]
                }
    return visible


def unchecked_tests(modules: dict[str, ast.Module]) -> list[str]:
    """`MODULE:LINE: NAME` for each test without any check."""
    helpers = checking_helpers(modules)
    return [
        f"tests/{module}.py:{test.lineno}: {test.name}"
        for module, tree in modules.items()
        for test in _tests_of(tree)
        if not _checks(test, helpers[module])
    ]


@functools.cache
def suite() -> dict[str, ast.Module]:
    """Every module of the test suite, parsed once for all the checks here."""
    return {path.stem: ast.parse(path.read_text(encoding="utf-8")) for path in TESTS.glob("*.py")}


def test_every_test_checks_something() -> None:
    """Each test asserts, expects an exception, warning or signal, waits for a condition, or
    calls a helper of ours (assert_/check_/expect_) that does: a test that only runs code
    passes whatever the code does."""
    unchecked = unchecked_tests(suite())
    assert not unchecked, "tests that check nothing:\n" + "\n".join(unchecked)


def test_every_test_says_what_it_pins() -> None:
    """Each test has a docstring naming the behaviour it pins."""
    missing = [
        f"tests/{module}.py:{test.lineno}: {test.name}"
        for module, tree in suite().items()
        for test in _tests_of(tree)
        if not ast.get_docstring(test)
    ]
    assert not missing, "tests without a docstring:\n" + "\n".join(missing)


def test_the_scan_tells_a_check_from_code_that_only_runs() -> None:
    """Asserts, pytest.raises, qtbot.waitUntil and helpers that check count; `assert True`,
    a product function named check_*, and a helper of ours that checks nothing do not."""
    helper = (
        "def check_saved(path):\n    assert path.exists()\n"
        "def check_quietly(path):\n    path.touch()\n"
    )
    tests = {
        "test_assert": "assert case.nodes",
        "test_raises": "with pytest.raises(ValueError):\n        load(path)",
        "test_wait": "qtbot.waitUntil(lambda: window.isVisible())",
        "test_signal": "with qtbot.waitSignal(document.changed):\n        edit()",
        "test_helper": "check_saved(path)",
        "test_imported_helper": "assert_round_trip(case)",
        "test_constant": "run()\n    assert True",
        "test_product_check": "check_free_text(args)",
        "test_quiet_helper": "check_quietly(path)",
        "test_only_runs": "load(path)",
    }
    source = "from helpers import assert_round_trip\n" + helper
    source += "".join(f"def {name}():\n    {body}\n" for name, body in tests.items())
    other = "def assert_round_trip(case):\n    check_equal(case, case)\n"
    other += "def check_equal(a, b):\n    assert a == b\n"
    modules = {"test_x": ast.parse(source), "helpers": ast.parse(other)}
    flagged = [line.split(": ")[1] for line in unchecked_tests(modules)]
    assert flagged == ["test_constant", "test_product_check", "test_quiet_helper", "test_only_runs"]


def test_only_conftest_keeps_the_user_s_settings_out() -> None:
    """The settings folder is pointed at a temporary one by conftest's autouse fixture alone;
    a test file doing it again is a copy that can drift."""
    copies = [
        path.name
        for path in TESTS.glob("*.py")
        if path.name not in ("conftest.py", Path(__file__).name)
        and any(
            name in path.read_text(encoding="utf-8")
            for name in ("SETTINGS_DIR_VARIABLE", "GSN_STUDIO_SETTINGS_DIR")
        )
    ]
    assert not copies, f"settings isolation copied in {copies}: use conftest's isolated_settings"


PROCESS_FILES = {
    "test_architecture.py": "what importing the command line loads: a fresh interpreter",
    "test_cli.py": "the smoke test of `check` as a shell sees it",
    "test_cli_first_hour.py": "the launcher without a display",
    "test_cli_pipe.py": "a real pipe its reader closes early",
    "test_cli_speed.py": "what a command imports: a fresh interpreter",
    "test_export.py": "the smoke test of `export` as a build script runs it",
    "test_fast_validate.py": "which validators reading builds: a fresh interpreter",
    "test_gc_after_panels.py": "a crash of the interpreter (a segmentation fault)",
    "test_hostile_output.py": "argv bytes, racing writers, a lock held elsewhere, a dead pid",
    "test_html_publication.py": "a real browser",
    "test_kill_during_save.py": "a saving process killed",
    "test_merge_driver.py": "git runs the merge driver",
    "test_metrics.py": "git history",
    "test_packaging.py": "the installed command; --version in a fresh interpreter",
    "test_packaging_desktop.py": "the freedesktop validators and xdg-mime",
    "test_packaging_editor.py": "a second launch; the smoke-test mode",
    "test_packaging_wheel.py": "build, pip and the installed wheel",
    "test_portfolio.py": "git history",
    "test_qt_binding.py": "a binding that may corrupt the interpreter",
    "test_recovery.py": "a dead process id",
    "test_recovery_kill.py": "an editor killed with SIGKILL",
    "test_recovery_modules.py": "a dead process id",
    "test_report.py": "what the report imports: a fresh interpreter",
}
"""The test files that start processes, and why they must; everything else, the commands'
behaviour included, runs in-process (conftest's run_cli)."""


def _starts_processes(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "subprocess"
        for node in ast.walk(tree)
    )


def test_only_tests_that_need_a_process_start_one() -> None:
    """A new test file that starts processes (slow, and blind to in-process failures) names
    why here; a command's behaviour is tested through run_cli instead."""
    spawning = {f"{name}.py" for name, tree in suite().items() if _starts_processes(tree)}
    assert spawning == set(PROCESS_FILES)
