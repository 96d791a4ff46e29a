"""Reading gsn2x YAML: safe load, line numbers, alias-bomb guard, then the model.

A gsn2x file maps node ids to nodes; a `module:` key holds document information. Keys that
GSN Studio does not model (layers, `classes`, `horizontalIndex`...) go to `extras`, so that
the writer can put them back.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from gsn_studio.io import gsn2x_practice as practice
from gsn_studio.io import gsn2x_traces as traces
from gsn_studio.io.case_file import read_case_file
from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsn2x_acp import take_acps
from gsn_studio.io.gsn2x_evidence import EVIDENCE_KEYS, read_evidence
from gsn_studio.io.gsn2x_format import (
    CHALLENGES,
    MODULE,
    TIMESTAMP_TAG,
    challenge_link,
    describe,
    without_timestamps,
)
from gsn_studio.io.gsn2x_review import COMMENTS, read_comments
from gsn_studio.io.gsn2x_values import Keys, plain_entry
from gsn_studio.model import (
    EVIDENTIAL,
    ID_PREFIXES,
    MAX_NESTING,
    Case,
    DefeaterStatus,
    Evidence,
    Link,
    LinkKind,
    Node,
    NodeType,
    type_from_id,
)
from gsn_studio.model.text import check_identifier

_MERGE = "tag:yaml.org,2002:merge"
_EXPANSION_ALLOWANCE = 100_000
"""How many YAML nodes aliases may add beyond ten times those written out: stops alias bombs."""
_MODEL_TO_KEY = {"statement": "text"}


class _DuplicateKeyError(Exception):
    def __init__(self, key: object, line: int) -> None:
        super().__init__(key, line)
        self.key, self.line = key, line


class _TooDeepError(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


_MAX_DEPTH = MAX_NESTING + 8
"""The deepest a gsn2x file nests: an extra's own levels below the few of the file's shape
(the file, a node or module, a comment, its replies, a reply, a key)."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text and refuses a key twice in one mapping."""

    yaml_implicit_resolvers = without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)
    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        # PyYAML composes (and later constructs) recursively: stop long before the stack does.
        if self._depth > _MAX_DEPTH:
            raise _TooDeepError(self.peek_event().start_mark.line + 1)  # type: ignore[no-untyped-call]
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen: set[Hashable] = set()
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                continue  # merged keys may be overridden, that is what merging is for
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):
                continue  # the base class reports an unhashable key
            if key in seen:
                raise _DuplicateKeyError(key, key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _construct_timestamp(loader: _Loader, node: yaml.Node) -> str:
    return loader.construct_yaml_str(node)  # even `!!timestamp 2025-01-01` stays text


_Loader.add_constructor(TIMESTAMP_TAG, _construct_timestamp)


# -- reading ---------------------------------------------------------------------------------


def read_gsn2x(path: str | Path) -> Case:
    """Read a gsn2x YAML file; any problem raises CaseFileError."""
    return parse_gsn2x(read_case_file(path), path)


def parse_gsn2x(data: bytes, path: str | Path = "<memory>") -> Case:
    """The case in gsn2x YAML bytes, exactly as written: duplicates and bad links included."""
    text = _decode(data, path)
    loader: _Loader | None = None
    try:
        loader = _Loader(text)
        root = loader.get_single_node()
        if root is None:
            raise CaseFileError(path, "the file is empty")
        _check_expansion(root, path)
        return _build(root, loader, path)
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise CaseFileError(
            path, f"not valid YAML: the character U+{code:04X} is not allowed", line
        ) from None
    except yaml.MarkedYAMLError as error:
        problem = ", ".join(part for part in (error.context, error.problem) if part)
        mark = error.problem_mark or error.context_mark
        raise CaseFileError(
            path, f"not valid YAML: {problem}", mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as error:
        raise CaseFileError(path, f"not valid YAML: {error}") from None
    except _TooDeepError as error:
        raise CaseFileError(
            path,
            f"nested too deeply: lists and mappings in an extra nest {MAX_NESTING} levels at most",
            error.line,
        ) from None
    except RecursionError:
        raise CaseFileError(path, "the YAML is nested too deeply to read") from None
    finally:
        if loader is not None:
            loader.dispose()


def _decode(data: bytes, path: str | Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CaseFileError(
            path, f"not UTF-8 text: byte 0x{data[error.start]:02X} cannot be decoded", line
        ) from None


def _check_expansion(root: yaml.Node, path: str | Path) -> None:
    """Refuse alias bombs and self-containing aliases before anything expands them."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise CaseFileError(
                path, "an alias refers to a collection that contains it", node.start_mark.line + 1
            )
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        open_nodes.discard(key)
        sizes[key] = total
        return total

    if size(root) > 10 * len(sizes) + _EXPANSION_ALLOWANCE:
        raise CaseFileError(
            path, "the file's aliases (*name) expand to far more data than it holds: refused"
        )


def _build(root: yaml.Node, loader: _Loader, path: str | Path) -> Case:
    if not isinstance(root, yaml.MappingNode):
        found = describe(_construct(loader, root, "the file", path))
        raise CaseFileError(
            path,
            f"expected a mapping of node ids to nodes, found {found}",
            root.start_mark.line + 1,
        )
    record: dict[str, Any] = {"nodes": []}
    module_line: int | None = None
    # Links in a canonical order (by source in order of appearance, then by kind) so that
    # writing them under their source node reads back the same list.
    grouped: dict[str, dict[LinkKind, list[Link]]] = {}
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        node_id = _construct(loader, key_node, "a node id", path)
        if not isinstance(node_id, str):
            raise CaseFileError(
                path, f"a node id must be text, not {describe(node_id)}: put it in quotes", line
            )
        try:
            check_identifier(node_id)  # first: every later message names the node by its id
        except ValueError as error:
            raise CaseFileError(path, str(error), line) from None
        body = _construct(loader, value_node, node_id, path)
        if node_id == MODULE:
            if module_line is not None:
                raise CaseFileError(
                    path, f"a second module block (the first is at line {module_line})", line
                )
            module_line = line
            record.update(_module(body, value_node, path, line))
            continue
        if isinstance(value_node, yaml.MappingNode) and value_node.value:
            line = value_node.start_mark.line + 1
        node, links = _node(node_id, body, value_node, line, path)
        record["nodes"].append(node)
        by_kind = grouped.setdefault(node_id, {kind: [] for kind in LinkKind})
        for link in links:
            by_kind[link.kind].append(link)
    record["links"] = [
        link for by_kind in grouped.values() for kind in LinkKind for link in by_kind[kind]
    ]
    record["acps"] = take_acps(record["nodes"])
    try:
        return Case.model_validate(record)
    except ValidationError as error:
        raise CaseFileError(path, f"module: {_pydantic_problem(error)}", module_line) from None


def _construct(loader: _Loader, node: yaml.Node, label: str, path: str | Path) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except _DuplicateKeyError as error:
        raise CaseFileError(
            path, f"{label}: the key {error.key!r} appears twice; a key may appear once", error.line
        ) from None
    except (ValueError, TypeError, KeyError, IndexError) as error:
        # PyYAML's constructors raise these for a value its tag cannot hold (`!!int abc`).
        raise CaseFileError(
            path,
            f"{label}: a value does not match its YAML type: {error}",
            node.start_mark.line + 1,
        ) from None


def _module(body: Any, value_node: yaml.Node, path: str | Path, line: int) -> dict[str, Any]:
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise CaseFileError(
            path, f"module must be a mapping of name, brief, uses..., not {describe(body)}", line
        )
    keys = Keys.read(path, MODULE, body, value_node, line)
    record: dict[str, Any] = {
        "name": keys.text("name"),
        "description": keys.text("brief"),
        "comments": read_comments(keys),
    }
    if practice.SETTINGS_KEY in body:
        settings = body[practice.SETTINGS_KEY]
        record["practice"] = practice.read_settings(settings, path, keys.at(practice.SETTINGS_KEY))
    if traces.SETS_KEY in body:
        record["trace_sets"] = traces.read_sets(
            body[traces.SETS_KEY], path, keys.at(traces.SETS_KEY)
        )
    own = ("name", "brief", COMMENTS, practice.SETTINGS_KEY, traces.SETS_KEY)
    rest: dict[str, Any] = {}
    for key, value in body.items():
        if key not in own:
            rest.update(plain_entry(key, value, f"{MODULE}: {key}", path, keys.at(str(key))))
    if rest:
        record["extras"] = {MODULE: rest}
    return record


def _node(
    node_id: str, body: Any, value_node: yaml.Node, line: int, path: str | Path
) -> tuple[Node, list[Link]]:
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise CaseFileError(
            path,
            f"{node_id}: a node must be a mapping of keys such as text and supportedBy, "
            f"not {describe(body)}",
            line,
        )
    keys = Keys.read(path, node_id, body, value_node, line)
    node_type = _node_type(node_id, body.get("nodeType"), path, keys.at("nodeType"))
    record: dict[str, Any] = {"id": node_id, "type": node_type}
    extras: dict[Any, Any] = {}
    links: list[Link] = []
    url_is_evidence = node_type in EVIDENTIAL
    for key, value in body.items():
        if key in ("text", "owner", "description"):
            record["statement" if key == "text" else key] = keys.text(key)
        elif key in ("supportedBy", "inContextOf", CHALLENGES):
            links += _links(node_id, key, keys)
        elif key == "undeveloped":
            if not isinstance(value, bool):
                raise keys.refuse(key, f"undeveloped must be true or false, not {describe(value)}")
            record["undeveloped"] = value
        elif key in EVIDENCE_KEYS and (key != "url" or url_is_evidence):
            continue  # read together below
        elif key == "defeaterStatus":
            record["defeater_status"] = keys.choice(key, DefeaterStatus)
        elif key == "refutation":
            record["refutation"] = _refutation(keys.mapping(key))
        elif key == "tags":
            record["tags"] = keys.strings(key)
        elif key in practice.NODE_KEYS:
            record.update(practice.read_node_key(key, value, node_id, path, keys.at(key)))
        elif key in traces.NODE_KEYS:
            record.update(traces.read_node_key(key, value, node_id, path, keys.at(key)))
        elif key == "position":
            if not isinstance(value, dict):
                raise keys.refuse(
                    key, f"position must be a mapping {{x: .., y: ..}}, not {describe(value)}"
                )
            record["position"] = value
        elif key == "folded":  # diagram state beside the position
            if not isinstance(value, bool):
                raise keys.refuse(key, f"folded must be true or false, not {describe(value)}")
            record["folded"] = value
        elif key != "nodeType":
            # gsn2x's own keys (layers, classes, horizontalIndex...) and a url on a node
            # that is not a solution, where gsn2x makes it a link rather than evidence.
            extras.update(plain_entry(key, value, f"{node_id}: {key}", path, keys.at(str(key))))
    record["evidence"] = read_evidence(keys, with_url=url_is_evidence)
    record["extras"] = extras
    try:
        return Node.model_validate(record), links
    except ValidationError as error:
        where = _model_location(error)
        raise CaseFileError(
            path,
            f"{node_id}: {_pydantic_problem(error, node_id)}",
            keys.at(where) if where else line,
        ) from None


def _links(node_id: str, key: str, keys: Keys) -> list[Link]:
    try:
        if key == CHALLENGES:
            return [_challenge(node_id, entry, keys) for entry in keys.ids(key)]
        kind = LinkKind(key)
        return [Link(source=node_id, target=target, kind=kind) for target in keys.ids(key)]
    except ValidationError as error:  # an end that could not be an id
        message = str(error.errors()[0]["msg"]).removeprefix("Value error, ")
        raise keys.refuse(key, f"{key}: {message}") from None


def _challenge(node_id: str, entry: str, keys: Keys) -> Link:
    link = challenge_link(node_id, entry)
    if link is None:
        raise keys.refuse(
            CHALLENGES,
            f"challenges {entry!r}: a challenged link is written with its two ends, "
            "as in 'G2 -> CG1'",
        )
    return link


def _refutation(keys: Keys) -> Evidence | None:
    for key in keys.values:
        if key not in EVIDENCE_KEYS:
            raise keys.refuse(
                str(key),
                f"{key!r} is not a key of a refutation; it holds {', '.join(EVIDENCE_KEYS)}",
            )
    return read_evidence(keys)


def _node_type(node_id: str, declared: Any, path: str | Path, line: int) -> NodeType:
    names = ", ".join(node_type.value for node_type in NodeType)
    if declared is None:
        inferred = type_from_id(node_id)
        if inferred is None:
            prefixes = ", ".join(ID_PREFIXES.values())
            raise CaseFileError(
                path,
                f"{node_id}: unknown node type: the id starts with none of the prefixes "
                f"{prefixes}, and there is no nodeType ({names})",
                line,
            )
        return inferred
    if isinstance(declared, str) and declared in {node_type.value for node_type in NodeType}:
        return NodeType(declared)
    raise CaseFileError(
        path,
        f"{node_id}: unknown node type: nodeType is {describe(declared)}; use one of {names}",
        line,
    )


def _model_location(error: ValidationError) -> str:
    location = ".".join(str(part) for part in error.errors()[0]["loc"])
    return _MODEL_TO_KEY.get(location, location)


def _pydantic_problem(error: ValidationError, node_id: str = "") -> str:
    first = error.errors()[0]
    message = str(first["msg"]).removeprefix("Value error, ")
    if node_id:
        message = message.removeprefix(f"{node_id}: ")
    where = _model_location(error)
    return f"{where}: {message}" if where and where != "id" else message
