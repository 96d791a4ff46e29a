"""A case of several modules, and its complete view: one argument with every away element
merged into the element it cites.

Each module is one file and holds its own `Case`. Modules refer to each other in three ways:
an away element (a node whose `cites` names a module and an element there), a link to an id
that lives in another module (gsn2x: ids are unique across the case), and a contract (a goal of
one module supported by goals of another; gsn2x's `extends`/`develops`). The complete view
resolves all three, so that every check and the status propagation run across modules as
they do within one.
"""

import posixpath
from dataclasses import field
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from gsn_studio.model.case import Case
from gsn_studio.model.evidence import Evidence, is_url
from gsn_studio.model.links import Link, LinkKind
from gsn_studio.model.module_info import Contract
from gsn_studio.model.nodes import CITING, Citation, Node, NodeType
from gsn_studio.model.patterns import AssuranceClaimPoint
from gsn_studio.model.records import record
from gsn_studio.model.review import Comment


class Module(BaseModel):
    """One module: its header, where its file lies and the argument it holds."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    id: str
    path: str
    """The module's file, relative to the folder of the case's first module, with '/'."""
    case: Case
    owner: str = ""
    uses: tuple[str, ...] = ()
    """Files of the modules it uses, relative to its own file, as written."""
    contracts: tuple[Contract, ...] = ()
    marks_public: bool = True
    """Whether its format can mark elements public; gsn2x cannot: all its elements are."""

    @property
    def name(self) -> str:
        return self.case.name or self.id

    @property
    def description(self) -> str:
        return self.case.description

    def used_paths(self) -> list[str]:
        """The files of the modules it uses, relative to the case's folder."""
        folder = posixpath.dirname(self.path)
        return [posixpath.normpath(posixpath.join(folder, used)) for used in self.uses]


class ModularCase(BaseModel):
    """A case made of modules; the first is the one the case was opened from."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    modules: list[Module] = Field(default_factory=list)

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def by_path(self, path: str) -> Module | None:
        return next((m for m in self.modules if m.path == path), None)

    @property
    def is_modular(self) -> bool:
        """More than one module, or one that declares anything modular."""
        if len(self.modules) != 1:
            return True
        only = self.modules[0]
        return bool(only.uses or only.contracts) or any(
            node.cites is not None for node in only.case.nodes
        )

    def complete(self) -> "Complete":
        return _unroll(self)

    def citation_refusal(self, cited: Citation, citing: str | None = None) -> str | None:
        """Why module `citing` (None: any other) may not cite this element with an away
        element, or None when it may: the element must exist, be of a type with an away
        form, live in another module and be public where its module marks public ones."""
        home_module = self.module(cited.module)
        if home_module is None or not cited.element or cited.element not in home_module.case:
            return f"there is no {cited.describe()} in this case"
        if cited.module == citing:
            return (
                f"{cited.element} is in this module: link to it, an away element cites "
                "another module"
            )
        home = home_module.case.node(cited.element)
        if home.cites is not None or home.type not in CITING:
            return (
                f"{cited.element} ({home.type}) cannot be cited: there is no away "
                f"{home.type.value.lower()}"
            )
        if home_module.marks_public and not home.public:
            return (
                f"{cited.element} in module {cited.module} is not public: its owner must mark "
                "it public before other modules cite it"
            )
        return None


class Trouble(StrEnum):
    """Why a citation or contract does not resolve as it should."""

    NO_MODULE = "no-module"
    NO_ELEMENT = "no-element"
    AWAY_HOME = "away-home"
    """It cites an element that is itself an away element."""
    WRONG_TYPE = "wrong-type"
    PRIVATE = "private"
    NOT_UNDEVELOPED = "not-undeveloped"
    """A contract develops a goal its home module does not leave undeveloped."""


@record
class Unresolved:
    module: str
    """The module where the citation or contract is written."""
    node: str | None
    """The away element, or None for a contract."""
    cited: Citation
    trouble: Trouble
    home_type: NodeType | None = None


@record(frozen=False)
class Complete:
    """All modules unrolled into one argument (the standard's complete view)."""

    case: Case
    home: dict[str, str]
    """Each element of the complete case: the module it belongs to."""
    aliases: dict[tuple[str, str], list[str]]
    """(module, away element or module reference) -> the elements it stands for."""
    depends: dict[str, set[str]]
    """Module -> the modules it uses, cites, links into or has contracts with."""
    uses: dict[str, set[str]] = field(default_factory=dict)
    """Module -> the modules it declares it uses: the architecture that must not be circular."""
    problems: list[Unresolved] = field(default_factory=list)
    developed_by: dict[str, str] = field(default_factory=dict)
    """Goals left undeveloped in their module and developed by another: goal -> module."""
    placeholders: set[str] = field(default_factory=set)
    """Away elements kept as they are: contexts citing a whole module, and those that cite
    nothing that exists (`dangling`), so that the argument around them holds together."""
    dangling: set[str] = field(default_factory=set)
    local: dict[tuple[str, str], str] = field(default_factory=dict)
    """(module, id of one of its own elements) -> its id in the complete case. The same as the
    local id unless an earlier .gsnx module has that id too: then "module.id". (gsn2x ids are
    unique across a case, so a repeated one stays repeated there and is reported.)"""
    local_id: dict[str, str] = field(default_factory=dict)
    """The other way: an element of the complete case -> its id in its own module."""

    def module_of(self, node_id: str | None) -> str | None:
        return None if node_id is None else self.home.get(node_id)

    def in_complete(self, module_id: str, node_id: str) -> list[str]:
        """What an element of a module is in the complete case (an away element: its home)."""
        alias = self.aliases.get((module_id, node_id))
        if alias is not None:
            return alias
        return [self.local.get((module_id, node_id), node_id)]


def _unroll(modular: ModularCase) -> Complete:
    modules = {module.id: module for module in modular.modules}
    home, local, nodes = _own_elements(modular)
    depends: dict[str, set[str]] = {module.id: set() for module in modular.modules}
    for module in modular.modules:
        for used in module.used_paths():
            other = modular.by_path(used)
            if other is not None:
                depends[module.id].add(other.id)
    result = Complete(Case(), home, {}, depends, {m: set(ids) for m, ids in depends.items()})
    result.local = local
    result.local_id = {complete: node_id for (_, node_id), complete in local.items()}
    tops = _TopGoals(modules, local)
    for module in modular.modules:
        for node in module.case.nodes:
            if node.cites is not None:
                _resolve_away(result, modules, tops, module, node, nodes)

    links: list[Link] = []
    seen: set[tuple[str, str, LinkKind, str | None]] = set()  # hashing a Link costs more
    origin: dict[str, set[str]] = {}
    """Supported element -> the modules its support comes from."""

    def add(link: Link, module_id: str) -> None:
        key = (link.source, link.target, link.kind, link.via)
        if key in seen or link.source == link.target:
            return
        seen.add(key)
        links.append(link)
        if link.kind is LinkKind.SUPPORTED_BY:
            origin.setdefault(link.source, set()).add(module_id)

    elements = {node.id: node for node in reversed(nodes)}  # the first of duplicates wins
    for module in modular.modules:

        def resolve(node_id: str, module: Module = module) -> list[str]:
            found = result.in_complete(module.id, node_id)
            if (module.id, node_id) not in local and found == [node_id] and node_id in home:
                depends[module.id].add(home[node_id])  # gsn2x: a link into another module
            return found

        for link in module.case.links:
            via = resolve(link.via)[0] if link.via is not None else None
            sources, targets = resolve(link.source), resolve(link.target)
            if sources == [link.source] and targets == [link.target] and via == link.via:
                add(link, module.id)  # most links: kept as they are, no new object
                continue
            for source in sources:
                for target in targets:
                    add(Link(source=source, target=target, kind=link.kind, via=via), module.id)
        for contract in module.contracts:
            claim = _contract_end(result, modules, module, contract.claim)
            if claim is not None and not elements[claim].undeveloped:
                result.problems.append(
                    Unresolved(module.id, None, contract.claim, Trouble.NOT_UNDEVELOPED)
                )
            for cited in contract.support:
                support = _contract_end(result, modules, module, cited)
                if claim is not None and support is not None:
                    link = Link(source=claim, target=support, kind=LinkKind.SUPPORTED_BY)
                    add(link, module.id)

    _developed_elsewhere(result, nodes, origin)
    # Its parts are validated already, each in its module: built without validating again.
    result.case = Case.model_construct(
        name=modular.modules[0].case.name if modular.modules else "",
        nodes=nodes,
        links=links,
        comments=[
            _comment_in(result, module.id, comment)
            for module in modular.modules
            for comment in module.case.comments
        ],
        acps=[
            _acp_in(result, tops, module.id, acp)
            for module in modular.modules
            for acp in module.case.acps
        ],
    )
    return result


def _own_elements(
    modular: ModularCase,
) -> tuple[dict[str, str], dict[tuple[str, str], str], list[Node]]:
    """Every module's own elements (not its away elements) under their complete-case ids,
    with the module of each and the map from (module, id) to that id."""
    home: dict[str, str] = {}
    local: dict[tuple[str, str], str] = {}
    nodes: list[Node] = []
    for module in modular.modules:
        folder = posixpath.dirname(module.path)
        for node in module.case.nodes:
            if node.cites is not None:
                continue
            key = (module.id, node.id)
            complete_id = node.id
            if key not in local and node.id in home and module.marks_public:
                complete_id = _free(f"{module.id}.{node.id}", home)
            local.setdefault(key, complete_id)
            home.setdefault(complete_id, module.id)
            renamed = (
                node if complete_id == node.id else node.model_copy(update={"id": complete_id})
            )
            nodes.append(_evidence_from(folder, renamed) if folder else renamed)
    return home, local, nodes


def _free(candidate: str, taken: dict[str, str]) -> str:
    number, name = 1, candidate
    while name in taken:
        number += 1
        name = f"{candidate}~{number}"
    return name


def _comment_in(result: Complete, module_id: str, comment: Comment) -> Comment:
    """A module's comment, naming elements by their ids in the complete case."""
    node = result.in_complete(module_id, comment.node)[0]
    via = None if comment.via is None else result.in_complete(module_id, comment.via)[0]
    if (node, via) == (comment.node, comment.via):
        return comment
    return comment.model_copy(update={"node": node, "via": via})


def _acp_in(
    result: Complete, tops: "_TopGoals", module_id: str, acp: AssuranceClaimPoint
) -> AssuranceClaimPoint:
    """A module's ACP in the complete case; a module confidence argument is its top goal."""
    confidence = acp.confidence
    if acp.module and acp.module in tops.modules:
        goals = tops.of(acp.module)
        if not acp.confidence and goals:
            confidence = goals[0]
        elif acp.confidence:
            confidence = result.in_complete(acp.module, acp.confidence)[0]
    elif confidence:
        confidence = result.in_complete(module_id, confidence)[0]
    return acp.model_copy(
        update={
            "node": result.in_complete(module_id, acp.node)[0],
            "to": None if acp.to is None else result.in_complete(module_id, acp.to)[0],
            "confidence": confidence,
            "module": "" if confidence else acp.module,
        }
    )


def _evidence_from(folder: str, node: Node) -> Node:
    """A node of a module in a subfolder, its evidence paths made relative to the case's
    folder (where the complete view's evidence is read): they are relative to its own file."""
    changes: dict[str, Evidence] = {}
    for name in ("evidence", "refutation"):
        evidence: Evidence | None = getattr(node, name)
        if evidence is not None and evidence.reference and not is_url(evidence.reference):
            joined = posixpath.normpath(posixpath.join(folder, evidence.reference))
            changes[name] = evidence.model_copy(update={"reference": joined})
    return node.model_copy(update=changes) if changes else node


def _developed_elsewhere(result: Complete, nodes: list[Node], origin: dict[str, set[str]]) -> None:
    """A goal its module leaves undeveloped and another module supports is developed."""
    for index, node in enumerate(nodes):
        helpers = origin.get(node.id, set())
        if node.undeveloped and helpers and result.home.get(node.id) not in helpers:
            result.developed_by[node.id] = sorted(helpers)[0]
            nodes[index] = node.model_copy(update={"undeveloped": False})


class _TopGoals:
    """A module's top goals, by their ids in the complete case: what a module reference
    stands for."""

    def __init__(self, modules: dict[str, Module], local: dict[tuple[str, str], str]) -> None:
        self.modules = modules
        self.local = local
        self.found: dict[str, list[str]] = {}

    def of(self, module_id: str) -> list[str]:
        if module_id not in self.found:
            case = self.modules[module_id].case
            self.found[module_id] = [
                self.local.get((module_id, goal), goal) for goal in case.top_goals()
            ]
        return self.found[module_id]


def _resolve_away(  # noqa: PLR0917 (private helper: the state of one unrolling)
    result: Complete,
    modules: dict[str, Module],
    tops: _TopGoals,
    module: Module,
    node: Node,
    nodes: list[Node],
) -> None:
    cited = node.cites
    assert cited is not None
    key = (module.id, node.id)
    other = modules.get(cited.module)
    trouble: Trouble | None = None
    home_type: NodeType | None = None
    if other is None:
        trouble = Trouble.NO_MODULE
    elif other.id != module.id:
        result.depends[module.id].add(other.id)
    if other is not None and not cited.element:
        if node.type is NodeType.GOAL and tops.of(other.id):
            result.aliases[key] = tops.of(other.id)
            return
    elif other is not None:
        target = other.case.get(cited.element)
        if target is None:
            trouble = Trouble.NO_ELEMENT
        elif target.cites is not None:
            trouble = Trouble.AWAY_HOME
        else:
            home_type = target.type
            if target.type is not node.type:
                result.problems.append(
                    Unresolved(module.id, node.id, cited, Trouble.WRONG_TYPE, home_type)
                )
            elif other.marks_public and not target.public and other.id != module.id:
                result.problems.append(Unresolved(module.id, node.id, cited, Trouble.PRIVATE))
            result.aliases[key] = [result.local.get((other.id, target.id), target.id)]
            return
    if trouble is not None:
        result.problems.append(Unresolved(module.id, node.id, cited, trouble, home_type))
    # Unresolved away elements, and contexts citing a whole module, stay as they are.
    placeholder_id = node.id
    if placeholder_id in result.home:
        placeholder_id = _free(f"{module.id}.{node.id}", result.home)
    result.aliases[key] = [placeholder_id]
    result.local_id[placeholder_id] = node.id
    result.home[placeholder_id] = module.id
    result.placeholders.add(placeholder_id)
    if trouble is not None:
        result.dangling.add(placeholder_id)
    nodes.append(node.model_copy(update={"id": placeholder_id}))


def _contract_end(
    result: Complete, modules: dict[str, Module], module: Module, cited: Citation
) -> str | None:
    """The element a contract names, by its id in the complete case (for an away element:
    its home's)."""
    other = modules.get(cited.module)
    if other is None:
        result.problems.append(Unresolved(module.id, None, cited, Trouble.NO_MODULE))
        return None
    if other.id != module.id:
        result.depends[module.id].add(other.id)
    target = other.case.get(cited.element)
    if target is None:
        result.problems.append(Unresolved(module.id, None, cited, Trouble.NO_ELEMENT))
        return None
    found = result.in_complete(other.id, target.id)
    if target.cites is not None and found[0] in result.placeholders:
        return None  # its own citation is reported
    return found[0]
