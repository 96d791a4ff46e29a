"""The argument of an EMF SACM document, in SACM 2.x classes, GSN profile classes or both:
argument packages, their elements and relationships, read into plain records.

SACM relationships point from premise (`source`) to conclusion (`target`); a `reasoning`
stands between as the strategy; a context relationship may target another relationship. The
GSN profile's SupportedBy and InContextOf point from parent to child."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from gsn_studio.io.sacm import gsn_profile, sacm2
from gsn_studio.io.sacm.emf import References, Texts, local, name_of, type_of
from gsn_studio.io.sacm.extension import read_extension
from gsn_studio.io.sacm.records import RawCase, RawLink, RawNode, RawPackage, Ref
from gsn_studio.io.sacm.report import ImportReport
from gsn_studio.model import SUPPORTABLE, LinkKind, NodeType

CONTAINERS = frozenset({"assuranceCasePackage", "assuranceCasePackages", "interface"})
"""Features that hold packages (nested assurance case packages) rather than being one."""
NOT_ARGUMENT = frozenset(
    {"name", "description", "taggedValue", "implementationConstraint", "note", "artifactPackage",
     "terminologyPackage", "participantPackage", "assuranceCasePackageBinding", "Extension"}
)  # fmt: skip
"""Parts of a package read elsewhere (artifacts and terms are followed from references)."""
PACKAGES = sacm2.PACKAGE_CLASSES | gsn_profile.PACKAGE_CLASSES


@dataclass(slots=True)
class _Item:
    key: int
    element: etree._Element
    package: int
    index: int
    cls: str
    gsn: bool


@dataclass(slots=True)
class _Relation:
    element: etree._Element
    cls: str
    gsn: bool
    kind: LinkKind


@dataclass(slots=True)
class _Uses:
    context: set[int] = field(default_factory=set)
    evidence: set[int] = field(default_factory=set)
    premise: set[int] = field(default_factory=set)


class ArgumentReader:
    def __init__(self, root: etree._Element, path: str | Path, report: ImportReport) -> None:
        self.path = path
        self.report = report
        self.references = References(root)
        self.texts = Texts(self.references)
        self.case = RawCase()
        self.items: list[_Item] = []
        self.by_element: dict[etree._Element, _Item] = {}
        self.relations: list[_Relation] = []
        self.relation_of: dict[etree._Element, _Relation] = {}
        self._made: set[RawLink] = set()
        self.package_number: dict[etree._Element, int] = {}

    # -- packages and elements -------------------------------------------------------------

    def read(self, holders: list[etree._Element]) -> RawCase:
        for holder in holders:
            if type_of(holder)[1] in PACKAGES:
                self._package(holder)  # a file that is one package
            else:
                self._visit(holder)
        uses = self._uses()
        for item in self.items:
            self.case.nodes.append(self._node(item, uses))
        self._citations()
        for relation in self.relations:
            self._links(relation)
        return self.case

    def _visit(self, holder: etree._Element) -> None:
        for child in holder:
            if not isinstance(child.tag, str):
                continue
            name = local(child.tag)
            _, cls = type_of(child)
            if name == "argumentPackage" or cls in PACKAGES:
                self._package(child)
            elif name in CONTAINERS:
                self._visit(child)

    def _package(self, element: etree._Element) -> None:
        number = len(self.case.packages)
        self.package_number[element] = number
        self.case.packages.append(
            RawPackage(
                name=name_of(element),
                gid=element.get("gid") or "",
                description=self.texts.description(element),
                overlay=read_extension(element, self.path),
            )
        )
        _, cls = type_of(element)
        self.report.read[cls] += 1
        index = 0
        for child in element:
            if not isinstance(child.tag, str) or local(child.tag) in NOT_ARGUMENT:
                continue
            namespace, cls = type_of(child)
            if local(child.tag) == "argumentPackage" or cls in PACKAGES:
                self._package(child)  # a nested package is a module of its own
                continue
            if local(child.tag) != "argumentationElement":
                self.report.skip(f"<{local(child.tag)}> elements", "that are not argument")
                continue
            # A GSN class whose prefix is not declared is still a GSN class.
            gsn = gsn_profile.is_gsn(namespace) or (
                not namespace
                and (cls in gsn_profile.NODE_CLASSES or cls in gsn_profile.RELATIONSHIPS)
            )
            if cls in sacm2.NODE_CLASSES or (gsn and cls in gsn_profile.NODE_CLASSES):
                item = _Item(len(self.items), child, number, index, cls, gsn)
                self.items.append(item)
                self.by_element[child] = item
                self.report.read[cls] += 1
            elif cls in sacm2.RELATIONSHIPS or (gsn and cls in gsn_profile.RELATIONSHIPS):
                kind = (gsn_profile.RELATIONSHIPS if gsn else sacm2.RELATIONSHIPS).get(cls)
                relation = _Relation(child, cls, gsn, kind or LinkKind.SUPPORTED_BY)
                self.relations.append(relation)
                self.relation_of[child] = relation
                self.report.read[cls] += 1
                if cls in sacm2.APPROXIMATED:
                    self.report.approximate(sacm2.APPROXIMATED[cls])
            else:
                self.report.skip(f"{cls} elements", "of a kind GSN Studio does not read")
            index += 1

    # -- how elements are used decides what SACM elements are -------------------------------

    def _uses(self) -> _Uses:
        uses = _Uses()
        for relation in self.relations:
            if relation.gsn:
                continue
            sources = [self._target(ref) for ref in self._refs(relation.element, "source")]
            keys = {found.key for found in sources if isinstance(found, _Item)}
            if relation.kind is LinkKind.IN_CONTEXT_OF:
                uses.context |= keys
            elif relation.cls == "AssertedEvidence":
                uses.evidence |= keys
            else:
                uses.premise |= keys
        return uses

    def _node(self, item: _Item, uses: _Uses) -> RawNode:
        element = item.element
        declaration = element.get("assertionDeclaration") or ""
        name = name_of(element)
        gid = (element.get("gid") or element.get("id") or "").strip()
        statement = self.texts.description(element).strip()
        undeveloped = declaration == "needsSupport"
        extras: dict[str, object] = {}
        evidence = None
        overlay = read_extension(element, self.path)
        if item.gsn:
            node_type = gsn_profile.NODE_CLASSES[item.cls]
            name, named_statement = gsn_profile.split_name(name)
            if overlay is None:  # our own files keep the statement in the description only
                statement = statement or named_statement
            undeveloped = undeveloped or sacm2.is_true(element, "undeveloped")
            if sacm2.is_true(element, "uninstantiated"):
                extras["uninstantiated"] = True
                self.report.approximate("uninstantiated marks kept as an extra")
            if sacm2.is_true(element, "isCounter"):
                node_type = {
                    NodeType.GOAL: NodeType.COUNTER_GOAL,
                    NodeType.SOLUTION: NodeType.COUNTER_SOLUTION,
                }.get(node_type, node_type)
        elif item.cls == "Claim":
            as_premise = item.key in uses.premise or item.key in uses.evidence
            node_type = sacm2.claim_type(element, item.key in uses.context, as_premise, self.report)
        elif item.cls == "ArgumentReasoning":
            node_type = NodeType.STRATEGY
        else:
            node_type = sacm2.artifact_type(
                element, item.key in uses.context, item.key in uses.evidence, self.report
            )
        if node_type in (NodeType.SOLUTION, NodeType.COUNTER_SOLUTION):
            evidence, found = sacm2.artifact_evidence(
                element, self.references, self.texts, self.report
            )
            extras.update(found)
        if declaration == "defeated":
            extras["assertionDeclaration"] = "defeated"
            self.report.approximate("a defeated element kept with its declaration as an extra")
        if undeveloped and node_type not in SUPPORTABLE:
            self.report.approximate(f"needsSupport on a {node_type.value} left out")
            undeveloped = False
        return RawNode(
            key=item.key,
            package=item.package,
            index=item.index,
            line=element.sourceline,
            node_type=node_type,
            name=name or gid,
            gid=gid,
            statement=statement,
            undeveloped=undeveloped,
            evidence=evidence,
            extras=extras,
            overlay=overlay,
        )

    def _citations(self) -> None:
        for item, node in zip(self.items, self.case.nodes, strict=True):
            element = item.element
            citing = (
                sacm2.is_true(element, "isCitation")
                or element.get("assertionDeclaration") == "asCited"
                or item.cls in gsn_profile.AWAY_CLASSES
            )
            if not citing:
                continue
            cited = self._refs(element, "citedElement")
            if not cited:
                self.report.approximate(
                    f"a citation ({item.cls}) that names no cited element read as its own element"
                )
                continue
            target = self._target(cited[0])
            resolved = self.references.resolve(cited[0])
            package = None if resolved is None else self.package_number.get(resolved)
            if package is not None:
                node.cites_package = package  # a module reference: the whole package
                node.undeveloped = False
                continue
            if not isinstance(target, _Item):
                self._dangling(element, "citedElement", cited[0])
                node.cites = cited[0]  # kept: `check` reports the away element unresolved
                node.undeveloped = False
                continue
            home = self.case.nodes[target.key]
            node.cites = target.key
            node.undeveloped = False
            if item.cls in ("Claim", "ArtifactReference") and not item.gsn:
                node.node_type = home.node_type  # a citation stands for what it cites

    # -- relationships into links ----------------------------------------------------------

    def _links(self, relation: _Relation) -> None:
        element = relation.element
        sources = [self._end(element, "source", ref) for ref in self._refs(element, "source")]
        targets = [self._end(element, "target", ref) for ref in self._refs(element, "target")]
        kept = read_extension(element, self.path) or {}  # ends we wrote that led nowhere
        if isinstance(kept.get("source"), str):
            sources = [kept["source"]]
        if isinstance(kept.get("target"), str):
            targets = [kept["target"]]
        if relation.gsn:
            for parent in sources:
                for child in targets:
                    self._add(RawLink(self._node_ref(parent), self._node_ref(child), relation.kind))
            return
        reasoning = self._reasoning(relation)
        counter = sacm2.is_true(element, "isCounter")
        for target in targets:
            if counter:
                for source in sources:
                    self._challenge(source, target)
                continue
            if relation.kind is LinkKind.IN_CONTEXT_OF:
                anchor = self._anchor(target)
                for source in sources:
                    self._add(RawLink(anchor, self._node_ref(source), LinkKind.IN_CONTEXT_OF))
                continue
            conclusion: Ref = self._anchor(target)
            if reasoning is not None:
                link = RawLink(conclusion, reasoning, LinkKind.SUPPORTED_BY)
                if link not in self._made:  # several inferences may share one strategy
                    self._add(link)
                conclusion = reasoning
            for source in sources:
                self._add(RawLink(conclusion, self._node_ref(source), LinkKind.SUPPORTED_BY))

    def _add(self, link: RawLink) -> None:
        if link in self._made:
            self.report.approximate("a relationship repeating another read once")
            return
        self._made.add(link)
        self.case.links.append(link)

    def _challenge(self, source: _Item | _Relation | str, target: _Item | _Relation | str) -> None:
        if isinstance(target, _Relation):
            ends = self._ends(target)
            if ends is not None:
                parent, child = ends  # as gsn2x says "G2 -> CG1": via the parent
                self._add(RawLink(self._node_ref(source), child, LinkKind.CHALLENGES, via=parent))
                return
        self._add(RawLink(self._node_ref(source), self._node_ref(target), LinkKind.CHALLENGES))

    def _ends(self, relation: _Relation) -> tuple[Ref, Ref] | None:
        """The (parent, child) of the link a relationship makes, for a challenge to it."""
        element = relation.element
        sources = self._refs(element, "source")
        targets = self._refs(element, "target")
        if not sources or not targets:
            return None
        source, target = self._target(sources[0]), self._target(targets[0])
        if not isinstance(source, _Item) or not isinstance(target, _Item):
            return None
        if relation.gsn:
            return source.key, target.key
        reasoning = self._reasoning(relation)
        return (reasoning if reasoning is not None else target.key), source.key

    def _anchor(self, target: _Item | _Relation | str, depth: int = 0) -> Ref:
        """The node a conclusion or context attaches to: for a relationship, its strategy, else
        its conclusion."""
        if not isinstance(target, _Relation):
            return self._node_ref(target)
        reasoning = self._reasoning(target)
        if reasoning is not None:
            self.report.approximate(
                f"a relationship targeting another ({target.cls}) attached to its reasoning"
            )
            return reasoning
        self.report.approximate(
            f"a relationship targeting another ({target.cls}) attached to its conclusion"
        )
        conclusions = self._refs(target.element, "target")
        if not conclusions or depth > 10:
            return self._node_ref(conclusions[0] if conclusions else "(none)")
        return self._anchor(self._target(conclusions[0]), depth + 1)

    def _reasoning(self, relation: _Relation) -> int | None:
        for ref in self._refs(relation.element, "reasoning"):
            found = self._target(ref)
            if isinstance(found, _Item):
                return found.key
            self._dangling(relation.element, "reasoning", ref)
        return None

    # -- references ------------------------------------------------------------------------

    def _refs(self, element: etree._Element, feature: str) -> list[str]:
        return self.references.references(element, feature)

    def _target(self, ref: str) -> _Item | _Relation | str:
        element = self.references.resolve(ref)
        if element is None:
            return ref
        return self.by_element.get(element) or self.relation_of.get(element) or ref

    def _end(self, element: etree._Element, feature: str, ref: str) -> _Item | _Relation | str:
        found = self._target(ref)
        if isinstance(found, str):
            self._dangling(element, feature, ref)
        return found

    def _node_ref(self, found: _Item | _Relation | str) -> Ref:
        if isinstance(found, _Item):
            return found.key
        if isinstance(found, _Relation):
            return self._anchor(found)
        return found

    def _dangling(self, element: etree._Element, feature: str, ref: str) -> None:
        _, cls = type_of(element)
        target = self.references.resolve(ref)
        what = "resolves to nothing" if target is None else f"is a {type_of(target)[1]}, not read"
        self.report.problem(
            "dangling-reference", element.sourceline, f"{cls} {feature} {ref} {what}"
        )
