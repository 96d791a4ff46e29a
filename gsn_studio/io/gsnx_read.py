"""Reading .gsnx XML: safe parse, version check, schema check, then records, then the model."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from lxml import etree
from pydantic import ValidationError

from gsn_studio.io import prefetch
from gsn_studio.io.case_file import read_case_file
from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsn2x_format import CHALLENGES, challenge_link
from gsn_studio.io.gsnx_diagram import read_folds, read_positions, with_folds
from gsn_studio.io.gsnx_evidence import referenced
from gsn_studio.io.gsnx_format import (
    CLAIM_TYPES,
    FORMAT_VERSION,
    NAMESPACE,
    REFERENCE_TYPES,
    ROOT,
    child_text,
    children,
    element_for,
    element_text,
    qualified,
    readable,
    validated,
)
from gsn_studio.io.gsnx_merge import MERGE_NAMESPACE, is_merge, read_conflicts
from gsn_studio.io.gsnx_modules import read_module, read_node_marks
from gsn_studio.io.gsnx_patterns import (
    link_pattern_fields,
    read_acps,
    read_node_pattern,
    read_pattern,
)
from gsn_studio.io.gsnx_practice import (
    PRACTICE_NAMESPACE,
    is_practice,
    read_node_practice,
    read_settings,
)
from gsn_studio.io.gsnx_review import read_review
from gsn_studio.io.gsnx_schema import SchemaCheck
from gsn_studio.io.gsnx_traces import TRACES_NAMESPACE, is_traces, read_node_traces, read_sets
from gsn_studio.io.gsnx_views import VIEWS_NAMESPACE, is_views, read_views
from gsn_studio.io.memory import collections_paused
from gsn_studio.io.safe_xml import parse_xml
from gsn_studio.model import (
    MAX_NESTING,
    Case,
    Link,
    LinkKind,
    Node,
    NodeType,
    Position,
)
from gsn_studio.model.fast_validate import (
    build,
    constructor,
    positional_constructor,
    prechecked,
    validate_fast,
)
from gsn_studio.model.text import clean_plain

_OURS = f"{{{NAMESPACE}}}"
_TAG, _EXTRA = qualified("tag"), qualified("extra")
_CONTENT, _DESCRIPTION = qualified("content"), qualified("description")
_NODE_TAGS = {qualified(tag) for tag in ("Claim", "ArgumentReasoning", "ArtifactReference")}
_LINK_TAGS = {
    qualified("AssertedInference"): LinkKind.SUPPORTED_BY,
    qualified("AssertedEvidence"): LinkKind.SUPPORTED_BY,
    qualified("AssertedContext"): LinkKind.IN_CONTEXT_OF,
}


def read_gsnx(path: str | Path, diagram: bool = True) -> Case:
    return parse_gsnx(read_case_file(path), path, diagram)


def parse_gsnx(data: bytes, path: str | Path = "<memory>", diagram: bool = True) -> Case:
    """The case a .gsnx file holds. Without `diagram`, its positions and folds are left
    unread (nodes without a position, none folded): a command that prints no drawing needs
    none of them, and the schema has checked them all the same (every position it accepts
    builds), so the same files are accepted and refused."""
    with collections_paused():
        return _parse(data, path, diagram)


def _parse(data: bytes, path: str | Path, diagram: bool = True) -> Case:
    ahead = prefetch.take(path, data)  # parsed while the program was starting
    tree, check = (parse_xml(data, path), None) if ahead is None else ahead
    root = tree.getroot()
    _check_root(root, path)
    # The schema check runs in another thread while this one builds the case from the same
    # tree (gsnx_schema.SchemaCheck says why that is safe); what the build made or raised
    # counts only once the schema has taken the file. A file it refuses gets its message,
    # whatever the build did, as when the check came first.
    check = check or SchemaCheck.begin(tree)
    # Every namespace declaration is spelt "xmlns": as many in the file as on the root, and
    # no other element declares one (nothing to look for on 20,000 elements).
    declared_below_root = data.count(b"xmlns") != len(root.nsmap)
    try:
        case = _build(root, path, declared_below_root, diagram)
    except Exception:
        if check.first_error() is None:
            raise  # a file the schema takes: the build's own message
        case = None
    error = check.first_error()
    if error is not None:
        hint = ""
        if _version(root) > FORMAT_VERSION:
            hint = (
                f" (the file is format {root.get('formatVersion')}, newer than the "
                f"{FORMAT_VERSION[0]}.{FORMAT_VERSION[1]} this GSN Studio knows: update GSN Studio)"
            )
        raise CaseFileError(
            path, f"does not match the .gsnx schema: {readable(error.message)}{hint}", error.line
        )
    assert case is not None  # else the build's error was raised above
    return case


def _version(root: etree._Element) -> tuple[int, int]:
    major, _, minor = (root.get("formatVersion") or "0.0").partition(".")
    try:
        return int(major), int(minor or 0)
    except ValueError:
        return (0, 0)


def _check_root(root: etree._Element, path: str | Path) -> None:
    name = etree.QName(root)
    if name.localname != ROOT or name.namespace != NAMESPACE:
        found = (
            f"{name.localname} in namespace {name.namespace}" if name.namespace else name.localname
        )
        raise CaseFileError(
            path,
            f"not a .gsnx case: the root element is {found}, expected {ROOT} "
            f"in namespace {NAMESPACE}",
            root.sourceline,
        )
    version = _version(root)
    if version[0] != FORMAT_VERSION[0]:
        raise CaseFileError(
            path,
            f"format version {root.get('formatVersion')} is not one this GSN Studio reads "
            f"(it reads {FORMAT_VERSION[0]}.x); "
            + (
                "update GSN Studio to open it"
                if version[0] > FORMAT_VERSION[0]
                else "the file is damaged"
            ),
            root.sourceline,
        )


def _build(
    root: etree._Element, path: str | Path, declared_below_root: bool = True, diagram: bool = True
) -> Case:
    artifacts = {
        element.get("gid"): element
        for element in root.iterfind(f"{qualified('ArtifactPackage')}/{qualified('Artifact')}")
    }
    positions = read_positions(root) if diagram else {}
    argument = root.find(qualified("ArgumentPackage"))
    assert argument is not None  # the schema requires it
    nodes: list[Node] = []
    links: list[Link] = []
    read_ids: set[str] = set()  # each passed the id rule as a node's id
    before_challenges = _version(root) < (1, 1)
    # Found once, not per link; the ends of a usual link are the arguments.
    make_link = positional_constructor(Link, _LINK_RECORD, checked=True)
    node_makers: dict[tuple[str, ...], Callable[[Mapping[str, Any]], Node] | None] = {}
    for element in argument:
        tag = element.tag  # made afresh by each access; a function for comments
        kind = _LINK_TAGS.get(tag)
        if kind is not None:
            items = element.items()
            if len(items) == 3 and make_link is not None:
                (first, gsn_type), (second, source), (third, target) = items
                if (
                    first == "gsnType"
                    and second == "source"
                    and third == "target"
                    and gsn_type == _GSN_TYPE_OF[tag]
                    and source in read_ids
                    and target in read_ids
                ):
                    # The usual link (nearly every one), between two nodes read before it:
                    # its ends passed the id rule, the rule of a link's ends, as those nodes'
                    # ids, and no other attribute is there to read. Built here, with no call
                    # between (a case of 10,000 nodes has 12,000 links). SACM direction: the
                    # source is the premise, the GSN child.
                    try:  # `prechecked`, for this one shape
                        links.append(make_link(target, source, kind))
                        continue
                    except Exception:  # anything unusual is left to the usual path
                        pass
            try:
                links.append(_link_of(element, tag, kind, items, path=path, read_ids=read_ids))
            except ValidationError as error:  # an end that could not be an id
                raise _bad_end(element, path, error) from None
        elif tag in _NODE_TAGS:
            record, checked = _node_record(element, tag, artifacts, positions, path)
            if before_challenges and "extras" in record:
                links += _challenge_extra(record)
            node = None
            if checked:  # `prechecked`, with its constructor found once per shape of record
                keys = tuple(record)
                make = node_makers.get(keys, _UNFOUND)
                if make is _UNFOUND:
                    make = node_makers[keys] = constructor(Node, keys, checked=True)
                if make is not None:
                    try:
                        node = make(record)
                    except Exception:  # anything unusual is left to the usual path
                        node = None
            # The fast build first, without a layer of calls (`validated` tries it again
            # only for a record it declines, and then names the problem).
            node = node or validate_fast(Node, record) or validated(Node, record, element, path)
            nodes.append(node)
            read_ids.add(record["id"])
    return _case(
        root, argument, nodes, links, path=path, below=declared_below_root, diagram=diagram
    )


def _case(
    root: etree._Element,
    argument: etree._Element,
    nodes: list[Node],
    links: list[Link],
    *,
    path: str | Path,
    below: bool,
    diagram: bool,
) -> Case:
    """The case of the package, with its nodes and links read."""
    case_record: dict[str, Any] = {
        "name": root.get("name", ""),
        "description": child_text(root, "description"),
        "nodes": with_folds(nodes, read_folds(root)) if diagram else nodes,
        "links": links,
        "module": read_module(root, path),
        "pattern": read_pattern(root, path),
        "acps": read_acps(argument, path),
        "comments": read_review(root, path),
        "conflicts": read_conflicts(root, path),
        "extras": _read_extras(root, path),
        "foreign_xml": _foreign_elements(root),
        "foreign_attributes": _foreign_attributes(root),
        "foreign_namespaces": _foreign_namespaces(root, argument if below else ()),
    }
    settings = read_settings(root, path)
    if settings is not None:
        case_record["practice"] = settings
    trace_sets = read_sets(root, path)
    if trace_sets:
        case_record["trace_sets"] = trace_sets
    views = read_views(root, path)
    if views:
        case_record["views"] = views
    return validated(Case, case_record, root, path)


_UNFOUND: Any = object()


def _challenge_extra(record: dict[str, Any]) -> list[Link]:
    """Files converted from gsn2x before 1.1 kept its `challenges` key as an extra: read it as
    the gsn2x reader now does, so those challenges are links (and the file converts back)."""
    value = record.get("extras", {}).get(CHALLENGES)
    entries = [value] if isinstance(value, str) else value
    if not isinstance(entries, list) or not all(isinstance(entry, str) for entry in entries):
        return []
    links = [challenge_link(record["id"], entry) for entry in entries]
    if any(link is None for link in links):
        return []  # not gsn2x's spelling: left as the extra it was
    del record["extras"][CHALLENGES]
    return [link for link in links if link is not None]


def _bad_end(element: etree._Element, path: str | Path, error: ValidationError) -> CaseFileError:
    message = str(error.errors()[0]["msg"]).removeprefix("Value error, ")
    return CaseFileError(path, f"{etree.QName(element).localname}: {message}", element.sourceline)


_LINK_ATTRIBUTES = frozenset({"gsnType", "source", "target", "isCounter", "via"})
"""The attributes `_link_of` reads itself: with no other, a link has no pattern notation."""

_ASSERTED_CONTEXT = qualified("AssertedContext")
_GSN_TYPE_OF = {
    tag: "InContextOf" if kind is LinkKind.IN_CONTEXT_OF else "SupportedBy"
    for tag, kind in _LINK_TAGS.items()
}
"""The gsnType of each relationship element that is no challenge (the schema allows only
these and Challenges)."""

_LINK_RECORD = ("source", "target", "kind")
"""The record of a usual link, whose constructor `_build` finds once for all of them."""


def _link_of(
    element: etree._Element,
    tag: str,
    kind: LinkKind,
    items: list[tuple[str, str]],
    *,
    path: str | Path,
    read_ids: set[str],
) -> Link:
    """A relationship element's link, from its attributes (`items`), for every link but the
    usual one `_build` makes itself."""
    attributes: dict[str, Any] = dict(items)  # one copy, then plain lookups
    gsn_type, source, target = (
        attributes.get("gsnType"),
        attributes.get("source"),
        attributes.get("target"),
    )
    counter = attributes.get("isCounter") in ("true", "1")
    via = attributes.get("via")
    if gsn_type == "Challenges":
        if tag == _ASSERTED_CONTEXT or not counter:
            raise _refused(
                element,
                path,
                'a challenge is an AssertedInference or AssertedEvidence with isCounter="true"',
            )
        # A countering relationship keeps GSN's direction: the source is the counter node.
        return build(Link, source=source, target=target, kind=LinkKind.CHALLENGES, via=via)
    if counter:
        raise _refused(
            element, path, 'isCounter="true" marks a challenge, so gsnType must be Challenges'
        )
    if via is not None:
        raise _refused(
            element, path, "only a challenge has via (the other end of the link it challenges)"
        )
    if gsn_type != _GSN_TYPE_OF[tag]:
        raise _refused(
            element,
            path,
            f"gsnType is {gsn_type}, but AssertedContext is InContextOf "
            "and the others SupportedBy or Challenges",
        )
    record = {"source": target, "target": source, "kind": kind}
    if not attributes.keys() <= _LINK_ATTRIBUTES:
        record.update(link_pattern_fields(element))
    elif source in read_ids and target in read_ids:
        link = prechecked(Link, record)  # as above: ends read as ids, written another way
        if link is not None:
            return link
    return validated(Link, record, element, path, _link_label(element))


def _link_label(element: etree._Element) -> str:
    """How a message names a link element: "AssertedInference from G1 to S1"."""
    tag = element.tag.removeprefix(_OURS)
    return f"{tag} from {element.get('source')} to {element.get('target')}"


def _refused(element: etree._Element, path: str | Path, problem: str) -> CaseFileError:
    return CaseFileError(path, f"{_link_label(element)}: {problem}", element.sourceline)


_PLAIN_ATTRIBUTES = frozenset(
    {"gid", "gsnType", "assertionDeclaration", "owner", "undeveloped"}
    | {"referencedArtifactElement", "refutationArtifact", "defeaterStatus"}
)
"""The attributes `_node_record` reads itself: a node with no other attribute (most of them)
has nothing for the readers of modules and patterns to find."""

_STRATEGY = NodeType.STRATEGY
_ELEMENT_OF = {node_type: qualified(element_for(node_type)) for node_type in NodeType}
_NODE_TYPES = {node_type.value: node_type for node_type in NodeType}


def _node_record(
    element: etree._Element,
    tag: str,
    artifacts: dict[str | None, etree._Element],
    positions: dict[str | None, Position | dict[str, float]],
    path: str | Path,
) -> tuple[dict[str, Any], bool]:
    """A node element's record, and whether each of its values is one its field's validator
    would keep as it is (`prechecked`): what the schema already checked, in C, is not checked
    again in Python. The guarantees, each pinned by a test against the plain path:
    - An id is a g:Id, `\\S+([ \\t]+\\S+)*`: printable ASCII is then visible text without spaces at
      either end, the id rule (`check_reference`) without its search.
    - Text from an XML parser holds no character XML cannot hold, so `clean_text` keeps it as
      it is unless it holds a carriage return (only `&#13;` brings one)."""
    # One copy of the attributes, then plain lookups: a dozen lxml lookups per node, most for
    # attributes that are absent, were a tenth of reading a large case.
    attributes: dict[str, Any] = dict(element.items())
    # The schema requires both; a member found in a dict, not by Enum's call (two calls each).
    node_id: str = attributes["gid"]
    node_type = _NODE_TYPES.get(attributes["gsnType"]) or NodeType(attributes["gsnType"])
    if _ELEMENT_OF[node_type] != tag:
        raise CaseFileError(
            path,
            f"{node_id}: a {node_type} is written as {element_for(node_type)}, "
            f"not {tag.removeprefix(_OURS)}",
            element.sourceline,
        )
    record: dict[str, Any] = {"id": node_id, "type": node_type}
    plain = attributes.keys() <= _PLAIN_ATTRIBUTES
    # The schema requires a content element first in a node: a node with one child, which
    # lxml counts as it counts a comment or a processing instruction, has that child only.
    if plain and len(element) == 1 and not len(content := element[0]):
        statement = record["statement"] = content.text or ""  # most nodes: a statement only
        checked = "\r" not in statement
    else:
        checked = _read_children(
            element, plain or not any(name.startswith("{") for name in attributes), record, path
        )
    allowed = CLAIM_TYPES.get(node_type)
    if allowed is not None:
        declaration = attributes.get("assertionDeclaration")
        if declaration not in allowed:
            raise CaseFileError(
                path,
                f"{node_id}: a {node_type} has assertionDeclaration "
                f"{' or '.join(sorted(set(allowed)))}, not {declaration}",
                element.sourceline,
            )
        record["undeveloped"] = declaration == "needsSupport"
        if owner := attributes.get("owner"):
            record["owner"] = owner
            checked = checked and "\r" not in owner
    elif node_type is _STRATEGY:
        record["undeveloped"] = attributes.get("undeveloped") in ("true", "1")
    if node_type in REFERENCE_TYPES and attributes.get("referencedArtifactElement"):
        evidence = record["evidence"] = referenced(
            element, "referencedArtifactElement", artifacts, path
        )
        checked = checked and not evidence.is_empty()  # else dropped by its validator
    if attributes.get("refutationArtifact"):
        refutation = record["refutation"] = referenced(
            element, "refutationArtifact", artifacts, path
        )
        checked = checked and not refutation.is_empty()
    if attributes.get("defeaterStatus"):
        record["defeater_status"] = attributes["defeaterStatus"]
    if not plain:
        read_node_marks(element, record, path)
        read_node_pattern(element, record)
        checked = False
    if positions:  # none read for a command that draws nothing
        place = positions.get(node_id)
        if place is not None:
            record["position"] = place
    return record, checked and node_id.isascii() and node_id.isprintable()


def _read_children(
    element: etree._Element, only_ours: bool, record: dict[str, Any], path: str | Path
) -> bool:
    """The statement and what else a node element may hold besides its id and type, into its
    record; whether that is a statement and perhaps a description, without a carriage return
    (`_node_record`). An empty value is the field's default: left out, it costs no
    validation, and the node is the same. Most nodes hold a statement and perhaps a
    description: one pass over their children finds them, and skips every other reader."""
    content = description = None
    only_plain = True
    for child in element:
        if child.tag == _CONTENT:
            content = child if content is None else content
        elif child.tag == _DESCRIPTION:
            description = child if description is None else description
        else:
            only_plain = False
    statement = record["statement"] = element_text(content)
    if only_plain and only_ours:  # `only_ours`: no attribute of another namespace
        if description is not None and (text := element_text(description)):
            record["description"] = text
            return "\r" not in statement and "\r" not in text
        return "\r" not in statement
    # Tags, extras, and the practice, traces and foreign XML of other namespaces.
    optional = {
        "description": element_text(description),
        "tags": tuple(element_text(tag) for tag in children(element, _TAG)),
        "extras": _read_extras(element, path),
        "foreign_xml": _foreign_elements(element),
        "foreign_attributes": _foreign_attributes(element),
        **read_node_practice(element, path),
        **read_node_traces(element, path),
    }
    record.update((key, value) for key, value in optional.items() if value)
    return False


def _read_extras(element: etree._Element, path: str | Path) -> dict[str, Any]:
    extras: dict[str, Any] = {}
    for extra in children(element, _EXTRA):
        key = str(extra.get("key"))
        text = element_text(extra)
        try:
            if extra.get("json") not in ("true", "1"):
                extras[key] = clean_plain(text)
                continue
            if json_deeper_than(text, MAX_NESTING):
                raise ValueError(f"lists and mappings nest deeper than {MAX_NESTING} levels")
            try:
                value = json.loads(text)
            except ValueError as error:
                raise ValueError(f"not valid JSON: {error}") from None
            extras[key] = clean_plain(value)
        except ValueError as error:
            raise CaseFileError(path, f"extra {key!r}: {error}", extra.sourceline) from None
    return extras


_JSON_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_deeper_than(text: str, limit: int) -> bool:
    """Whether JSON text nests lists and objects more than `limit` deep, found without
    parsing it (json.loads recurses, and would exhaust the stack first). Strings are
    skipped whole: brackets inside them do not nest."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    if len(brackets) <= limit:
        return False
    return max(itertools.accumulate(map(_STEP.__getitem__, brackets))) > limit


def _foreign_elements(element: etree._Element) -> tuple[str, ...]:
    fragments = []
    for child in element:
        if (
            isinstance(child.tag, str)
            and not child.tag.startswith(_OURS)  # one of ours: the usual case, and fast
            and not is_practice(child.tag)
            and not is_traces(child.tag)
            and not is_views(child.tag)
            and not is_merge(child.tag)
        ):
            copy = etree.fromstring(etree.tostring(child))
            for part in copy.iter():  # indentation is the writer's job, not content
                if part.text is not None and not part.text.strip() and len(part):
                    part.text = None
                if part is not copy and part.tail is not None and not part.tail.strip():
                    part.tail = None
            copy.tail = None
            etree.cleanup_namespaces(copy)
            fragments.append(etree.tostring(copy, encoding="unicode"))
    return tuple(fragments)


def _foreign_namespaces(root: etree._Element, argument: Iterable[etree._Element]) -> dict[str, str]:
    """Prefixes declared for other namespaces on the package or on nodes (first one wins)."""
    found: dict[str, str] = {}
    for element in (root, *argument):
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions declare nothing
        for prefix, uri in element.nsmap.items():
            if prefix and uri not in (
                NAMESPACE,
                PRACTICE_NAMESPACE,
                TRACES_NAMESPACE,
                VIEWS_NAMESPACE,
                MERGE_NAMESPACE,
            ):
                found.setdefault(prefix, uri)
    return dict(sorted(found.items()))


def _foreign_attributes(element: etree._Element) -> dict[str, str]:
    return {
        name: value
        for name, value in element.attrib.items()
        if name.startswith("{")
        and not is_practice(name)
        and not is_traces(name)
        and not is_views(name)
    }
