"""Opening and saving a case of several module files, in either format.

A case opens from one or more of its files: each module names the files of the modules it uses
(gsn2x `module: {uses: [...]}`, .gsnx `<module><uses href=.../>`), and those are opened too,
however deep. gsn2x's `extends: [{module, develops: {G1: [G2]}}]` becomes contracts: the
goals a module develops for another.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gsn_studio.io import format_of, load_case, save_case
from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsn2x_format import MODULE, describe, module_header
from gsn_studio.model import (
    Case,
    Citation,
    Contract,
    ModularCase,
    Module,
    ModuleInfo,
)
from gsn_studio.model.nodes import ID_PATTERN

MAX_MODULES = 10_000
"""Far more than any real case; stops a chain of generated `uses` from running away."""


def load_modular(paths: Sequence[str | Path]) -> ModularCase:
    """The case the files belong to: them and every module they use, the first file first."""
    if not paths:
        raise ValueError("no files given")
    base = Path(paths[0]).resolve().parent
    queue = [Path(path) for path in paths]
    modules: list[Module] = []
    loaded: dict[Path, Module] = {}
    by_id: dict[str, Module] = {}
    while queue:
        path = queue.pop(0)
        resolved = path.resolve()
        if resolved in loaded:
            continue
        if len(loaded) >= MAX_MODULES:
            raise CaseFileError(path, f"more than {MAX_MODULES} modules: refused")
        module = module_from(load_case(path), path, _relative(resolved, base))
        clash = by_id.get(module.id)
        if clash is not None:
            raise CaseFileError(
                path,
                f"module {module.id} has the same name as the module in {clash.path}: "
                "module names must be unique in a case",
            )
        loaded[resolved] = by_id[module.id] = module
        modules.append(module)
        for used in module.uses:
            target = path.parent / used
            if not target.is_file():
                raise CaseFileError(
                    path, f"module {module.id} uses {used}, but there is no such file"
                )
            queue.append(target)
    return ModularCase(modules=modules)


def module_from(case: Case, path: str | Path, relative: str) -> Module:
    """A module from a case read from one file, its header taken from either format."""
    if case.module is not None:
        info = case.module
        return Module(
            id=info.id,
            path=relative,
            case=case,
            owner=info.owner,
            uses=info.uses,
            contracts=info.contracts,
        )
    is_yaml = format_of(path) == "yaml"
    # gsn2x names a module by its `name`; a .gsnx file without a header by its file name.
    named = is_yaml and ID_PATTERN.match(case.name)
    module_id = case.name if named else _stem(Path(path).name)
    header = case.extras.get(MODULE) if is_yaml else None
    if not isinstance(header, dict):
        return Module(id=module_id, path=relative, case=case, marks_public=not is_yaml)
    return Module(
        id=module_id,
        path=relative,
        case=case,
        uses=_uses(header.get("uses"), path),
        contracts=_extends(header.get("extends"), module_id, path),
        marks_public=False,
    )


def save_modular(modular: ModularCase, folder: str | Path) -> None:
    """Write every module to its own file under `folder`, each atomically, in its format."""
    for module in modular.modules:
        target = Path(folder) / module.path
        target.parent.mkdir(parents=True, exist_ok=True)
        save_case(with_header(module, format_of(target)), target)


def with_header(module: Module, file_format: str) -> Case:
    case = module.case
    if file_format == "gsnx":
        info = ModuleInfo(
            id=module.id, owner=module.owner, uses=module.uses, contracts=module.contracts
        )
        return case if case.module == info else case.model_copy(update={"module": info})
    header: dict[str, Any] = dict(case.extras.get(MODULE) or {})
    header.update(
        module_header(ModuleInfo(id=module.id, uses=module.uses, contracts=module.contracts))
    )
    extras = {**case.extras, MODULE: header} if header else case.extras
    return case.model_copy(update={"extras": extras, "module": None})


def _uses(value: object, path: str | Path) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise CaseFileError(
            path, f"module: uses must be a list of file names, not {describe(value)}"
        )
    try:
        return ModuleInfo(id="m", uses=tuple(value)).uses
    except ValidationError as error:
        raise CaseFileError(path, f"module: {_first(error)}") from None


def _extends(value: object, module_id: str, path: str | Path) -> tuple[Contract, ...]:
    if value is None:
        return ()
    shape = "a list of {module: NAME, develops: {GOAL: [IDS]}}"
    if not isinstance(value, list):
        raise CaseFileError(path, f"module: extends must be {shape}, not {describe(value)}")
    contracts: list[Contract] = []
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get("module"), str):
            raise CaseFileError(path, f"module: extends must be {shape}")
        develops = entry.get("develops") or {}
        if not isinstance(develops, dict):
            raise CaseFileError(path, f"module: extends: develops must be a mapping, as in {shape}")
        for goal, support in develops.items():
            ids = [support] if isinstance(support, str) else support
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids) or not ids:
                raise CaseFileError(
                    path, f"module: extends: develops {goal}: expected a list of ids"
                )
            try:
                contracts.append(
                    Contract(
                        claim=Citation(module=entry["module"], element=str(goal)),
                        support=tuple(Citation(module=module_id, element=i) for i in ids),
                    )
                )
            except ValidationError as error:
                raise CaseFileError(path, f"module: extends: {_first(error)}") from None
    return tuple(contracts)


def _first(error: ValidationError) -> str:
    return str(error.errors()[0]["msg"]).removeprefix("Value error, ")


def _relative(resolved: Path, base: Path) -> str:
    return posixpath.normpath(os.path.relpath(resolved, base).replace(os.sep, "/"))


def _stem(name: str) -> str:
    for suffix in (".gsn.yaml", ".gsn.yml", ".yaml", ".yml", ".gsnx"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    cleaned = "".join(ch if not ch.isspace() and ch not in "<>&\"'" else "_" for ch in name)
    return cleaned or "module"
