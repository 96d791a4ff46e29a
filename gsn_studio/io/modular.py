"""Opening and saving a case of several module files, in either format.

A case opens from one or more of its files: each module names the files of the modules it uses
(gsn2x `module: {uses: [...]}`, .gsnx `<module><uses href=.../>`), and those are opened too,
however deep. gsn2x's `extends: [{module, develops: {G1: [G2]}}]` becomes contracts: the
goals a module develops for another.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gsn_studio.io import format_of, load_case, save_case
from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsn2x_format import MODULE, describe, module_header
from gsn_studio.io.suffixes import SACM_SUFFIXES
from gsn_studio.model import (
    Case,
    Citation,
    Contract,
    ModularCase,
    Module,
    ModuleInfo,
    Node,
)
from gsn_studio.model.fast_validate import build
from gsn_studio.model.nodes import ID_PATTERN

_TOKEN = re.compile(r"^[^\s<>&\"']+$")
"""A gsn2x module's name is its id only when it is one word; a title names it by its file."""

MAX_MODULES = 10_000
"""Far more than any real case; stops a chain of generated `uses` from running away."""


def load_modular(paths: Sequence[str | Path], diagram: bool = True) -> ModularCase:
    """The case the files belong to: them and every module they use, the first file first.
    Without `diagram`, .gsnx files' positions and folds are not read (`load_case`)."""
    if not paths:
        raise ValueError("no files given")
    base = Path(paths[0]).resolve().parent
    queue = deque(Path(path) for path in paths)
    queued = {path.resolve() for path in queue}  # a file named many times is read once
    modules: list[Module] = []
    loaded: dict[Path, list[Module]] = {}
    by_id: dict[str, Module] = {}
    while queue:
        path = queue.popleft()
        resolved = path.resolve()
        if resolved in loaded:
            continue
        if len(loaded) >= MAX_MODULES:
            raise CaseFileError(path, f"more than {MAX_MODULES} modules: refused")
        found = modules_in(path, _relative(resolved, base), diagram)
        loaded[resolved] = found
        for module in found:
            clash = by_id.get(module.id)
            if clash is not None:
                raise CaseFileError(
                    path,
                    f"module {module.id} has the same name as the module in {clash.path}: "
                    "module names must be unique in a case",
                )
            by_id[module.id] = module
            modules.append(module)
            held = {other.path for other in found}  # SACM: packages of this same file
            for used, used_path in zip(module.uses, module.used_paths(), strict=True):
                if used_path in held:
                    continue
                target = path.parent / used
                if not target.is_file():
                    raise CaseFileError(
                        path, f"module {module.id} uses {used}, but there is no such file"
                    )
                if target.resolve() not in queued:
                    queued.add(target.resolve())
                    queue.append(target)
    # Built fast: opening a case of one file builds no validator for these, or for Case.
    return build(ModularCase, modules=modules)


def modules_in(path: Path, relative: str, diagram: bool = True) -> list[Module]:
    """The modules one file holds: one in .gsnx and gsn2x YAML, one per argument package in
    SACM (issue 15)."""
    if format_of(path) == "sacm":
        from gsn_studio.io.sacm import read_sacm  # noqa: PLC0415 (only for an SACM file)

        return read_sacm(path, relative).modular.modules
    return [module_from(load_case(path, diagram), path, relative)]


def module_from(case: Case, path: str | Path, relative: str) -> Module:
    """A module from a case read from one file, its header taken from either format."""
    if case.module is not None:
        info = case.module
        return build(
            Module,
            id=info.id,
            path=relative,
            case=case,
            owner=info.owner,
            uses=info.uses,
            contracts=info.contracts,
        )
    is_yaml = format_of(path) == "yaml"
    # gsn2x names a module by its `name`; a .gsnx file without a header by its file name.
    named = is_yaml and ID_PATTERN.match(case.name) and _TOKEN.match(case.name)
    module_id = case.name if named else _stem(Path(path).name)
    header = case.extras.get(MODULE) if is_yaml else None
    if not isinstance(header, dict):
        return build(Module, id=module_id, path=relative, case=case, marks_public=not is_yaml)
    return build(
        Module,
        id=module_id,
        path=relative,
        case=case,
        uses=_uses(header.get("uses"), path),
        contracts=_extends(header.get("extends"), module_id, path),
        marks_public=False,
    )


def save_modular(modular: ModularCase, folder: str | Path) -> list[Path]:
    """Write each module to its own file under `folder`, atomically and in its format; a
    file that already holds that module is left alone, as written. Returns the files written."""
    written: list[Path] = []
    for module in modular.modules:
        target = Path(folder) / module.path
        file_format = format_of(target)
        case = with_header(module, file_format)
        if target.is_file() and _unchanged(case, file_format, target):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        save_case(case, target)
        written.append(target)
    return written


def _unchanged(case: Case, file_format: str, target: Path) -> bool:
    """Whether the file already holds this module: the same bytes, or (for a file written by
    hand or by another tool, whose layout a save would change) the same case when read."""
    try:
        # The writers load only when a module is saved: `check` never needs them.
        from gsn_studio.io.atomic import read_bytes  # noqa: PLC0415
        from gsn_studio.io.gsn2x_write import to_yaml  # noqa: PLC0415
        from gsn_studio.io.gsnx_write import to_bytes  # noqa: PLC0415

        data = to_bytes(case) if file_format == "gsnx" else to_yaml(case)
        return read_bytes(target) == data or load_case(target) == case
    except (CaseFileError, OSError):
        return False  # saving says what is wrong


def converted(modular: ModularCase, top_name: str) -> ModularCase:
    """The case in the format `top_name` names, every module beside the top one with its own
    name in that format: away elements become links for gsn2x, which has none, and links into
    other modules become away elements (citing public elements) for .gsnx."""
    suffix = _suffix(top_name)
    to_yaml_style = format_of(top_name) == "yaml"
    modules = as_gsn2x(modular) if to_yaml_style else as_gsnx(modular)
    renamed = []
    for index, module in enumerate(modules.modules):
        path = top_name if index == 0 else _with_suffix(module.path, suffix)
        uses = tuple(_with_suffix(used, suffix) for used in module.uses)
        renamed.append(module.model_copy(update={"path": path, "uses": uses}))
    return ModularCase(modules=renamed)


def as_gsn2x(modular: ModularCase) -> ModularCase:
    """gsn2x has no away elements: each is replaced by a link to the element it cites."""
    complete = modular.complete()
    modules = []
    for module in modular.modules:
        case = module.case
        away = {node.id: node for node in case.nodes if node.cites is not None}
        whole = [n for n in away.values() if n.is_module_reference]
        if whole:
            raise CaseFileError(
                module.path,
                f"cannot write as gsn2x: {whole[0].id} refers to the whole module "
                f"{whole[0].cites.module if whole[0].cites else ''}, which gsn2x cannot say",
            )
        if not away:
            modules.append(module)
            continue

        def home(node_id: str, module_id: str = module.id) -> str:
            return complete.aliases.get((module_id, node_id), [node_id])[0]

        links = [
            link.model_copy(
                update={
                    "source": home(link.source),
                    "target": home(link.target),
                    "via": None if link.via is None else home(link.via),
                }
            )
            for link in case.links
        ]
        nodes = [node for node in case.nodes if node.id not in away]
        new_case = case.model_copy(update={"nodes": nodes, "links": links})
        modules.append(module.model_copy(update={"case": new_case}))
    return ModularCase(modules=modules)


def as_gsnx(modular: ModularCase) -> ModularCase:
    """A link into another module (gsn2x's way) becomes a link to an away element citing the
    element there, which is marked public (gsn2x's elements all are)."""
    homes: dict[str, tuple[Module, Node]] = {}
    for module in modular.modules:
        for node in module.case.nodes:
            if node.cites is None:
                homes.setdefault(node.id, (module, node))
    cited: dict[str, set[str]] = {}
    modules = []
    for module in modular.modules:
        case = module.case
        own = {node.id for node in case.nodes}
        foreign = [
            node_id
            for link in case.links
            for node_id in (link.target, link.via)
            if node_id is not None and node_id not in own and node_id in homes
        ]
        added = []
        for node_id in dict.fromkeys(foreign):
            other, home = homes[node_id]
            cited.setdefault(other.id, set()).add(node_id)
            added.append(
                Node(
                    id=node_id,
                    type=home.type,
                    statement=home.statement,
                    cites=Citation(module=other.id, element=node_id),
                )
            )
        new_case = case.model_copy(update={"nodes": [*case.nodes, *added]}) if added else case
        modules.append(module.model_copy(update={"case": new_case, "marks_public": True}))
    for index, module in enumerate(modules):
        public = cited.get(module.id)
        if public:
            nodes = [
                node.model_copy(update={"public": True}) if node.id in public else node
                for node in module.case.nodes
            ]
            case = module.case.model_copy(update={"nodes": nodes})
            modules[index] = module.model_copy(update={"case": case})
    return ModularCase(modules=modules)


_SUFFIXES = (".gsn.yaml", ".gsn.yml", ".yaml", ".yml", ".gsnx", *SACM_SUFFIXES)


def _suffix(name: str) -> str:
    lowered = name.lower()
    return next((s for s in _SUFFIXES if lowered.endswith(s)), Path(name).suffix)


def _with_suffix(path: str, suffix: str) -> str:
    lowered = path.lower()
    for known in _SUFFIXES:
        if lowered.endswith(known):
            return path[: -len(known)] + suffix
    return path + suffix


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
    name = _with_suffix(name, "")
    cleaned = "".join(ch if not ch.isspace() and ch not in "<>&\"'" else "_" for ch in name)
    return cleaned or "module"
