"""Reading builds the usual element in fewer steps (issue 17, reading a third faster): the
usual link is made in `_build`'s loop by a positional constructor found once per case, and
each shape of node record by a constructor found once per case. Any link written another way
(attributes in another order, an end naming no node read before it, a pattern mark, a wrong
gsnType) takes the usual path, and every one reads to the case or the message full
validation gives."""

from __future__ import annotations

import itertools
import pkgutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from generate import generate_case
from lxml import etree
from test_check_fast import python_calls
from test_fast_validate import assert_same_model
from test_read_once import assert_reads_as_full_validation, case_file, goal

from gsn_studio.io import CaseFileError, gsnx_read, save_case
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.model import Link, LinkKind, Node, NodeType, Position
from gsn_studio.model.fast_validate import (
    constructor,
    positional_constructor,
    validate_fast,
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The file of a generated case of about 600 nodes."""
    path = tmp_path_factory.mktemp("usual") / "case.gsnx"
    save_case(generate_case(600), path)
    return path.read_bytes()


def test_usual_links_are_made_in_the_loop_without_a_call_per_link(generated: bytes) -> None:
    """A case whose links are all written the usual way reads without calling `_link_of`
    (nor any other Python function) for any of them: the link is made in `_build`'s loop."""
    case = parse_gsnx(generated, "case.gsnx")
    calls = python_calls(lambda: parse_gsnx(generated, "case.gsnx"))
    assert len(case.links) > 500
    assert calls["_link_of"] == 0
    assert calls["_refused"] == calls["_bad_end"] == calls["build"] == 0


def test_node_constructors_are_found_once_per_shape_not_per_node(
    generated: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each shape of node record finds its constructor once per case: `prechecked` is not
    asked for the nodes, and `constructor` once per shape, however many nodes there are."""
    asked: Counter[str] = Counter()

    def counting(name: str, lookup: Callable[..., Any]) -> Callable[..., Any]:
        def spy(model: type, *args: Any, **options: Any) -> Any:
            asked[f"{name} {model.__name__}"] += 1
            return lookup(model, *args, **options)

        return spy

    for name in ("prechecked", "constructor"):
        monkeypatch.setattr(gsnx_read, name, counting(name, getattr(gsnx_read, name)))
    case = parse_gsnx(generated, "case.gsnx")
    assert len(case.nodes) > 500
    assert asked["prechecked Node"] == 0
    shapes = {tuple(node.model_fields_set) for node in case.nodes}
    assert 1 <= asked["constructor Node"] <= len(shapes) + 2


LINKS_WRITTEN_OTHERWISE = [
    '<AssertedInference source="G2" gsnType="SupportedBy" target="G1"/>',  # another order
    '<AssertedInference target="G1" source="G2" gsnType="SupportedBy"/>',
    '<AssertedEvidence gsnType="SupportedBy" source="G2" target="G1"/>',
    '<AssertedContext gsnType="SupportedBy" source="G2" target="G1"/>',  # gsnType of another
    '<AssertedInference gsnType="InContextOf" source="G2" target="G1"/>',
    '<AssertedInference gsnType="SupportedBy" source="G9" target="G1"/>',  # no such node
    '<AssertedInference gsnType="SupportedBy" source="G2" target="G9"/>',
    '<AssertedInference gsnType="SupportedBy" source="G&#x202e;9" target="G1"/>',
    '<AssertedInference gsnType="SupportedBy" source="G2" target="G1" isCounter="false"/>',
    '<AssertedInference gsnType="SupportedBy" source="G2" target="G1" isCounter="true"/>',
    '<AssertedInference gsnType="SupportedBy" source="G2" target="G1" via="G2"/>',
    '<AssertedInference gsnType="Challenges" source="G2" target="G1"/>',
    '<AssertedInference gsnType="SupportedBy" source="G2" target="G1" multiplicity="1..*"/>',
    '<AssertedInference gsnType="SupportedBy" source="G2" target="G2"/>',  # onto itself
]


@pytest.mark.parametrize("link", LINKS_WRITTEN_OTHERWISE)
def test_links_written_otherwise_read_as_full_validation_gives(
    link: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link with its attributes in another order, another gsnType, an end naming no node,
    a counter mark, a via or a pattern mark reads to the case or the FILE:LINE message full
    validation gives, before and after the nodes it joins."""
    nodes = goal("G1") + goal("G2")
    assert_reads_as_full_validation(case_file(nodes, link), monkeypatch)
    before = case_file("", link + nodes).replace(b"<ArgumentPackage>" + link.encode(), b"")
    before = before.replace(b"<ArgumentPackage>", b"<ArgumentPackage>" + link.encode())
    assert_reads_as_full_validation(before, monkeypatch)


def test_a_usual_link_between_nodes_read_before_it_is_the_link_of_its_element() -> None:
    """The usual link is made in SACM's direction turned to GSN's (the element's source is
    the premise, the link's target), with the kind of its element, for each element kind."""
    links = (
        '<AssertedInference gsnType="SupportedBy" source="G2" target="G1"/>'
        '<AssertedEvidence gsnType="SupportedBy" source="G3" target="G1"/>'
        '<AssertedContext gsnType="InContextOf" source="C1" target="G1"/>'
    )
    context = (
        '<ArtifactReference gid="C1" gsnType="Context"><content>C</content></ArtifactReference>'
    )
    case = parse_gsnx(case_file(goal("G1") + goal("G2") + goal("G3") + context, links), "c")
    assert case.links == [
        Link(source="G1", target="G2", kind=LinkKind.SUPPORTED_BY),
        Link(source="G1", target="G3", kind=LinkKind.SUPPORTED_BY),
        Link(source="G1", target="C1", kind=LinkKind.IN_CONTEXT_OF),
    ]
    for link in case.links:
        assert link.model_fields_set == {"source", "target", "kind"}


RECORDS: list[tuple[type, dict[str, Any]]] = [
    (Link, {"source": "G1", "target": "G2", "kind": LinkKind.SUPPORTED_BY}),
    (Link, {"source": "G1", "target": "G2", "kind": "inContextOf"}),  # converted
    (Link, {"source": "G1", "target": "G2", "kind": "sideways"}),  # refused
    (Link, {"source": "G 1 ", "target": "G2", "kind": LinkKind.SUPPORTED_BY}),
    (Link, {"source": 1, "target": "G2", "kind": LinkKind.SUPPORTED_BY}),
    (Node, {"id": "G1", "type": NodeType.GOAL, "statement": "S", "undeveloped": True}),
    (Node, {"id": "C1", "type": NodeType.CONTEXT, "statement": "S", "undeveloped": True}),
    (Node, {"id": "G1", "type": "Goal", "statement": "a\rb"}),
    (Node, {"id": "G1", "type": NodeType.GOAL, "owner": 3}),
    (Position, {"x": 1.005, "y": -2.0}),
    (Position, {"x": float("nan"), "y": 0.0}),
]


@pytest.mark.parametrize(("model", "record"), RECORDS)
def test_a_positional_constructor_builds_what_the_record_constructor_builds(
    model: type, record: dict[str, Any]
) -> None:
    """The constructor taking a record's values as arguments gives the model the record's
    constructor gives, checked or not, and refuses (raises) what it refuses."""
    keys = tuple(record)
    for checked in (False, True):
        by_record = constructor(model, keys, checked)
        by_arguments = positional_constructor(model, keys, checked)
        assert by_record is not None and by_arguments is not None
        try:
            expected = by_record(record)
        except Exception as error:
            with pytest.raises(type(error)):
                by_arguments(*record.values())
            continue
        assert_same_model(by_arguments(*record.values()), expected)
    fast = validate_fast(model, record)
    make = positional_constructor(model, keys)
    if fast is not None and make is not None:
        assert_same_model(make(*record.values()), fast)


def test_a_placed_case_reads_its_positions_into_the_usual_nodes(tmp_path: Path) -> None:
    """A placed case's usual nodes get their positions, and an unplaced read leaves them
    without one: the position is part of the node's shape only when read."""
    case = generate_case(60)
    for i, node in enumerate(case.nodes):
        case.nodes[i] = node.model_copy(update={"position": Position(x=i, y=2 * i)})
    path = tmp_path / "placed.gsnx"
    save_case(case, path)
    placed = gsnx_read.read_gsnx(path)
    assert [node.position for node in placed.nodes] == [
        Position(x=i, y=2 * i) for i in range(len(case.nodes))
    ]
    assert all(node.position is None for node in gsnx_read.read_gsnx(path, diagram=False).nodes)


@pytest.mark.parametrize(
    "child",
    [
        "<!-- a comment -->",
        "<?note a processing instruction?>",
        "<description>D</description>",
        "<tag>T</tag>",
        '<extra key="k">v</extra>',
        '<x:note xmlns:x="urn:example:other">N</x:note>',
        "",
    ],
)
def test_a_node_whose_one_child_is_not_its_content_is_refused_by_the_schema(child: str) -> None:
    """The schema requires a node's content first, so a node with a single child of any other
    kind (the reader takes a node's single child as its content unlooked) is refused, with
    the schema's FILE:LINE message."""
    node = f'<Claim gid="G1" gsnType="Goal" assertionDeclaration="asserted">{child}</Claim>'
    with pytest.raises(CaseFileError, match=r"^case\.gsnx:1: does not match the \.gsnx schema"):
        parse_gsnx(case_file(node), "case.gsnx")
    with_content = node.replace(">" + child, "><content>S</content>" + child, 1)
    assert parse_gsnx(case_file(with_content), "case.gsnx").nodes[0].statement == "S"


ORIGINAL_ID_PATTERN = r"\S(.*\S)?"
"""The g:Id pattern as first written; the schema now writes the same values as runs."""


def refused_ids(pattern: str, values: list[str]) -> set[int]:
    """The indexes of the values an XML Schema pattern refuses, found by one validation of a
    document holding each value as a character reference per character, on its own line."""
    schema = etree.XMLSchema(
        etree.fromstring(
            '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" '
            'xmlns:t="urn:t" elementFormDefault="qualified">'
            '<xs:simpleType name="Id"><xs:restriction base="xs:string">'
            f'<xs:pattern value="{pattern}"/></xs:restriction></xs:simpleType>'
            '<xs:element name="ids"><xs:complexType><xs:sequence>'
            '<xs:element name="id" type="t:Id" maxOccurs="unbounded"/>'
            "</xs:sequence></xs:complexType></xs:element></xs:schema>"
        )
    )
    lines = "\n".join(
        "<id>" + "".join(f"&#{ord(character)};" for character in value) + "</id>"
        for value in values
    )
    document = etree.fromstring(f'<ids xmlns="urn:t">\n{lines}\n</ids>')
    schema.validate(document)
    return {error.line - 2 for error in schema.error_log}


def test_the_schema_id_pattern_takes_exactly_the_values_of_the_original_one() -> None:
    """The schema's g:Id pattern, written as runs so the validator matches it without trying
    each split, takes exactly the values `\\S(.*\\S)?` takes: every string of up to four
    characters from spaces, tabs, line breaks and other characters, and every character of
    the Basic Multilingual Plane that XML holds alone, at either end and inside an id."""
    xsd = etree.fromstring(pkgutil.get_data("gsn_studio.resources", "gsnx-1.xsd") or b"")
    pattern = xsd.find(
        "{http://www.w3.org/2001/XMLSchema}simpleType[@name='Id']//"
        "{http://www.w3.org/2001/XMLSchema}pattern"
    )
    assert pattern is not None
    alphabet = ["a", " ", "\t", "\n", "\r", "\u00a0", "\u3000", "\u2028", "\U0001f600"]
    values = [
        "".join(parts) for size in range(1, 5) for parts in itertools.product(alphabet, repeat=size)
    ]
    legal = [chr(code) for code in [0x9, 0xA, 0xD, *range(0x20, 0xD800), *range(0xE000, 0xFFFE)]]
    values += [form for character in legal for form in (character, f"a{character}b")]
    values += [f"{character}a" for character in legal] + [f"a{character}" for character in legal]
    refused = refused_ids(ORIGINAL_ID_PATTERN, values)
    assert 1000 < len(refused) < len(values) - 1000
    assert refused_ids(str(pattern.get("value")), values) == refused
