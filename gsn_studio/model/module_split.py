"""Moving part of an argument into a module of its own: the one rule behind "Move to new
module" in the editor and the splitting of a case into modules by scripts."""

from __future__ import annotations

import posixpath

from gsn_studio.model.case import Case, ModelError
from gsn_studio.model.links import Link, LinkKind
from gsn_studio.model.modules import ModularCase, Module
from gsn_studio.model.nodes import CITING, Citation, Node


def subtree(case: Case, root: str) -> list[str]:
    """The root and everything that supports it or gives it context, with the defeaters that
    challenge any of those and their own counter arguments, in node order."""
    below: dict[str, list[str]] = {}
    for link in case.links:
        if link.kind is LinkKind.CHALLENGES:
            below.setdefault(link.target, []).append(link.source)  # the challenger comes along
        else:
            below.setdefault(link.source, []).append(link.target)
    seen, stack = {root}, [root]
    while stack:
        for other in below.get(stack.pop(), ()):
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return [node.id for node in case.nodes if node.id in seen]


def move_to_new_module(
    modular: ModularCase,
    *,
    module_id: str,
    root: str,
    new_id: str,
    path: str,
    name: str = "",
    owner: str = "",
) -> ModularCase:
    """The case with `root`'s subtree moved out of module `module_id` into a new module.

    Where a moved element was linked from what stays, an away element citing it is left in
    its place (and it is made public); where a moved defeater challenges what stays, the new
    module gets an away element for that. The old module uses the new one. Nothing changes
    when a rule would break: ModelError says which."""
    source = modular.module(module_id)
    if source is None:
        raise ModelError(f"there is no module {module_id}")
    if modular.module(new_id) is not None or modular.by_path(path) is not None:
        raise ModelError(f"there is already a module {new_id} or a file {path}")
    case = source.case
    case.node(root)  # raises when there is no such node
    moved = set(subtree(case, root))
    if len(moved) == len(case.nodes):
        raise ModelError(f"{root} is the whole of module {module_id}: nothing would stay")
    cited_in = _crossing(case.links, moved, inward=True)
    cited_out = _crossing(case.links, moved, inward=False)
    for node_id in (*cited_in, *cited_out):
        node = case.node(node_id)
        if node.type not in CITING:
            raise ModelError(
                f"{node_id} ({node.type}) would be cited across modules, and there is no away "
                f"{node.type.value.lower()}: move a subtree that takes all of its parents along"
            )
    home_nodes = [
        node.model_copy(update={"public": True})
        if node.id in cited_in and node.cites is None
        else node
        for node in case.nodes
        if node.id in moved
    ]
    home_nodes += [_away(case.node(node_id), module_id) for node_id in cited_out]
    home = Case(
        name=name,
        nodes=home_nodes,
        links=[link for link in case.links if link.source in moved],
        comments=[c for c in case.comments if c.node in moved],
    )
    staying = [
        _away(node, new_id) if node.id in cited_in else node
        for node in case.nodes
        if node.id not in moved or node.id in cited_in
    ]
    remaining = case.model_copy(
        update={
            "nodes": staying,
            "links": [link for link in case.links if link.source not in moved],
            "comments": [c for c in case.comments if c.node not in moved],
        }
    )
    relative = posixpath.relpath(path, posixpath.dirname(source.path) or ".")
    updated = source.model_copy(update={"case": remaining, "uses": (*source.uses, relative)})
    # What other modules cite of the moved elements now lives in the new module.
    homes = {node.id for node in case.nodes if node.id in moved and node.cites is None}
    modules = [
        _retarget(updated if module.id == module_id else module, module_id, homes, new_id)
        for module in modular.modules
    ]
    modules.append(Module(id=new_id, path=path, case=home, owner=owner))
    return ModularCase(modules=modules)


def _retarget(module: Module, old_module: str, moved: set[str], new_module: str) -> Module:
    def moved_to(cited: Citation) -> Citation:
        if cited.module == old_module and cited.element in moved:
            return Citation(module=new_module, element=cited.element)
        return cited

    nodes = [
        node.model_copy(update={"cites": moved_to(node.cites)}) if node.cites else node
        for node in module.case.nodes
    ]
    contracts = tuple(
        c.model_copy(
            update={"claim": moved_to(c.claim), "support": tuple(map(moved_to, c.support))}
        )
        for c in module.contracts
    )
    if nodes == module.case.nodes and contracts == module.contracts:
        return module
    case = module.case.model_copy(update={"nodes": nodes})
    return module.model_copy(update={"case": case, "contracts": contracts})


def _crossing(links: list[Link], moved: set[str], inward: bool) -> list[str]:
    """Moved elements linked from what stays (inward), or staying ones linked from moved."""
    found: dict[str, None] = {}
    for link in links:
        ends = [link.target] if link.via is None else [link.target, link.via]
        for end in ends:
            if (link.source in moved) != inward and (end in moved) == inward:
                found[end] = None
    return list(found)


def _away(node: Node, module_id: str) -> Node:
    if node.cites is not None:
        return node  # already an away element: both copies cite its home, not each other
    return Node(
        id=node.id,
        type=node.type,
        statement=node.statement,
        tags=node.tags,
        position=node.position,
        cites=Citation(module=module_id, element=node.id),
    )
