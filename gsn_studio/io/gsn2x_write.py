"""Writing the YAML of gsn2x, the most used open-source GSN renderer.

A gsn2x file maps node ids to nodes; a `module:` key holds document information. Keys that
GSN Studio does not model (layers, `classes`, `horizontalIndex`...) go to `extras` and are
written back after ours, so a file survives load and save. Our own keys (`owner`, `tags`...)
are shown by gsn2x as layers, so files we write stay valid gsn2x input.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from gsn_studio.io import gsn2x_practice as practice
from gsn_studio.io import gsn2x_traces as traces
from gsn_studio.io.atomic import write_atomically
from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsn2x_acp import acp_keys
from gsn_studio.io.gsn2x_evidence import evidence_keys
from gsn_studio.io.gsn2x_format import (
    CHALLENGES,
    LOOSE_BREAKS,
    MODULE,
    OWN_KEYS,
    challenge_entry,
    describe,
    module_header,
    without_timestamps,
)
from gsn_studio.io.gsn2x_review import COMMENTS, comment_entries
from gsn_studio.model import (
    EVIDENTIAL,
    Case,
    DefeaterStatus,
    JsonValue,
    Link,
    LinkKind,
    Node,
    type_from_id,
)


class _FlowList(list[Any]):
    """A list written on one line, `[G2, G3]`, as gsn2x files write them."""


class _FlowMap(dict[str, Any]):
    """A mapping written on one line, `{x: 1.0, y: 2.0}`."""


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes dates unquoted, as our reader keeps them: text."""

    yaml_implicit_resolvers = without_timestamps(yaml.SafeDumper.yaml_implicit_resolvers)


def _represent_str(dumper: _Dumper, data: str) -> yaml.ScalarNode:
    style = None
    if any(mark in data for mark in LOOSE_BREAKS) or data.endswith("\n\n") or data == "\n":
        # A literal block keeping more than one final line break (`|+`) ends its document
        # with "...", which the next node's chunk cannot follow; double quotes hold any text.
        style = '"'
    elif "\n" in data:
        style = "|"  # the emitter falls back to quotes when a literal block cannot hold it
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_flow_list(dumper: _Dumper, data: _FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _represent_flow_map(dumper: _Dumper, data: _FlowMap) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_FlowList, _represent_flow_list)
_Dumper.add_representer(_FlowMap, _represent_flow_map)


def to_yaml(case: Case) -> bytes:
    """The gsn2x YAML of a case; the same case always gives the same bytes."""
    return _render(case, "<memory>")


def save_gsn2x(case: Case, path: str | Path) -> None:
    """Write a case as gsn2x YAML, replacing the file atomically."""
    write_atomically(path, _render(case, path))


def _render(case: Case, path: str | Path) -> bytes:
    _check_representable(case, path)
    by_source: dict[str, list[Link]] = {}
    for link in case.links:
        by_source.setdefault(link.source, []).append(link)
    chunks = []
    module = _module_body(case, path)
    if module:
        chunks.append(_dump({MODULE: module}))
    for node in case.nodes:
        # Of duplicate ids, the first node carries the links: they read back in the same order.
        links = by_source.pop(node.id, [])
        chunks.append(_dump({node.id: _node_body(node, links, path, acp_keys(node.id, case.acps))}))
    if not chunks:
        return b"{}\n"  # an empty file is not a gsn2x case, an empty mapping is
    return "\n".join(chunks).encode("utf-8")


def _check_representable(case: Case, path: str | Path) -> None:
    ids = {node.id for node in case.nodes}
    for link in case.links:
        if link.source not in ids:
            raise CaseFileError(
                path,
                f"cannot write the link {link.source} {link.kind.value} {link.target}: gsn2x "
                f"writes a link under its source node, and there is no node {link.source}",
            )
    if MODULE in ids:
        raise CaseFileError(path, "cannot write a node with the id 'module': gsn2x reserves it")
    away = [node.id for node in case.nodes if node.cites is not None]
    if away:
        raise CaseFileError(
            path,
            f"cannot write as gsn2x: {', '.join(away)} cite elements of other modules, and gsn2x "
            "has no away elements (it links to the cited element's id instead)",
        )
    if (
        case.pattern is not None
        or any(node.uninstantiated for node in case.nodes)
        or any(link.multiplicity or link.choice for link in case.links)
    ):
        raise CaseFileError(
            path,
            "cannot write as gsn2x: it has no pattern notation (parameters, multiplicities, "
            "choices, uninstantiated elements); keep patterns in .gsnx",
        )
    foreign = [node.id for node in case.nodes if node.foreign_xml or node.foreign_attributes]
    if case.foreign_xml or case.foreign_attributes:
        foreign.insert(0, "the case")
    if foreign:
        raise CaseFileError(
            path,
            f"cannot write as gsn2x: {', '.join(foreign)} "
            f"{'holds' if len(foreign) == 1 else 'hold'} XML from other tools that "
            "only .gsnx can keep",
        )
    others = [key for key in case.extras if key != MODULE]
    if others:
        raise CaseFileError(
            path,
            f"cannot write as gsn2x: case-level extras {', '.join(others)} have no place "
            "in a gsn2x file (only module does)",
        )


def _module_body(case: Case, path: str | Path) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if case.name:
        body["name"] = case.name
    if case.description:
        body["brief"] = case.description
    extra = case.extras.get(MODULE, {})
    if not isinstance(extra, dict):
        raise CaseFileError(path, f"cannot write as gsn2x: the module extras are {describe(extra)}")
    ours = {
        "name": "the case's name is",
        "brief": "its description is",
        COMMENTS: "its comments are",
        practice.SETTINGS_KEY: "its practice settings are",
        traces.SETS_KEY: "its trace sets are",
    }
    for key, value in extra.items():
        if key in ours:
            raise CaseFileError(
                path,
                f"cannot write as gsn2x: module extras hold {key!r}, which {ours[key]} written as",
            )
        body[key] = _styled(_json(value, "module", path))
    if case.module is not None:
        body.update(module_header(case.module))
    if case.comments:
        body[COMMENTS] = comment_entries(case.comments)
    if case.practice is not None:
        body[practice.SETTINGS_KEY] = practice.settings_body(case.practice)
    if case.trace_sets:
        body[traces.SETS_KEY] = traces.sets_body(case.trace_sets)
    if body and "name" not in body:
        # gsn2x refuses a module without a name.
        body = {"name": "", **body}
    return body


def _node_body(
    node: Node, links: list[Link], path: str | Path, acps: dict[str, Any]
) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if type_from_id(node.id) is not node.type:
        body["nodeType"] = node.type.value
    if node.statement:
        body["text"] = node.statement
    for kind in (LinkKind.SUPPORTED_BY, LinkKind.IN_CONTEXT_OF):
        targets = [link.target for link in links if link.kind is kind]
        if targets:
            body[kind.value] = _FlowList(targets)
    challenged = [challenge_entry(link) for link in links if link.kind is LinkKind.CHALLENGES]
    if challenged:
        # gsn2x takes one challenge per node, written as a single value.
        body[CHALLENGES] = challenged[0] if len(challenged) == 1 else _FlowList(challenged)
    if node.undeveloped:
        body["undeveloped"] = True
    if node.evidence is not None:
        body.update(evidence_keys(node.evidence))
    if node.defeater_status is not DefeaterStatus.OPEN:
        body["defeaterStatus"] = node.defeater_status.value
    if node.refutation is not None and not node.refutation.is_empty():
        body["refutation"] = evidence_keys(node.refutation)
    if node.owner:
        body["owner"] = node.owner
    if node.description:
        body["description"] = node.description
    if node.tags:
        body["tags"] = _FlowList(node.tags)
    if node.position is not None:
        body["position"] = _FlowMap(x=node.position.x, y=node.position.y)
    if node.folded:
        body["folded"] = True
    body.update(practice.node_body(node))
    body.update(traces.node_body(node))
    for key, value in node.extras.items():
        url_as_link = key == "url" and node.type not in EVIDENTIAL
        if key in OWN_KEYS and not url_as_link:
            raise CaseFileError(
                path,
                f"cannot write {node.id} as gsn2x: its extra {key!r} would be read back "
                "as GSN Studio's own key",
            )
        body[key] = _styled(_json(value, node.id, path))
    body.update(_styled(acps))  # last, where gsn2x's examples put it
    return body


def _json(value: JsonValue, label: str, path: str | Path) -> Any:
    try:
        return json.loads(json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError) as error:
        raise CaseFileError(path, f"cannot write {label} as gsn2x: {error}") from None


def _styled(value: Any) -> Any:
    """Lists of short scalars on one line, like `classes: [a, b]`; everything else in blocks."""
    if isinstance(value, dict):
        return {key: _styled(item) for key, item in value.items()}
    if isinstance(value, list):
        if all(_inline(item) for item in value):
            return _FlowList(value)
        return [_styled(item) for item in value]
    return value


def _inline(value: Any) -> bool:
    if isinstance(value, str):
        return "\n" not in value
    return value is None or isinstance(value, bool | int | float)


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,  # one line per key: long lines diff better than folded ones
    )
