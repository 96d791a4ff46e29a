"""Reading a node takes a short path when its element holds only our own children and plain
attributes; both paths give the same node, and every rule of the model still refuses bad
input with FILE:LINE (issue 17: reading validates each element once, and fast)."""

from __future__ import annotations

import pytest

from gsn_studio.io import CaseFileError
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.model import Node

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def case_of(*elements: str, namespaces: str = "") -> bytes:
    body = "\n".join(elements)
    return (
        f'{HEAD}<AssuranceCasePackage xmlns="urn:gsn-studio:gsnx:1" {namespaces} '
        f'formatVersion="1.0" name="c">\n<ArgumentPackage>\n{body}\n</ArgumentPackage>\n'
        "</AssuranceCasePackage>\n"
    ).encode()


def goal(inside: str, attributes: str = "") -> str:
    return (
        f'<Claim gid="G1" gsnType="Goal" assertionDeclaration="asserted" {attributes}>'
        f"{inside}</Claim>"
    )


PARTS = (
    "<content>Safe</content><description>Why&#13;&#10;so</description>"
    '<tag>a&#13;b</tag><tag>c</tag><extra key="k">v</extra>'
)


def only_node(data: bytes) -> Node:
    case = parse_gsnx(data, "case.gsnx")
    assert len(case.nodes) == 1
    return case.nodes[0]


def test_a_node_reads_the_same_on_the_short_and_the_full_path() -> None:
    """A comment among a node's children sends it down the full path: same node either way."""
    short = only_node(case_of(goal(PARTS)))
    full = only_node(case_of(goal("<!-- a remark -->" + PARTS)))
    assert short == full
    assert short.description == "Why\nso"  # text rules still applied to what is present
    assert short.tags == ("a\nb", "c")
    assert short.extras == {"k": "v"}


def test_foreign_attributes_and_elements_are_kept_beside_the_short_path() -> None:
    """A node with another namespace's attribute or element keeps them verbatim."""
    namespaces = 'xmlns:x="urn:example:other"'
    node = only_node(case_of(goal(PARTS + '<x:note a="1"/>', 'x:level="3"'), namespaces=namespaces))
    assert node.foreign_attributes == {"{urn:example:other}level": "3"}
    assert node.foreign_xml == ('<x:note xmlns:x="urn:example:other" a="1"/>',)
    assert node.description == "Why\nso"


def test_an_empty_field_left_out_of_validation_is_still_its_default() -> None:
    """A node with nothing but its content has every other field at its default."""
    node = only_node(case_of(goal("<content>Safe</content>")))
    assert node == Node(id="G1", type=node.type, statement="Safe")


@pytest.mark.parametrize(
    ("element", "problem"),
    [
        (
            '<Claim gid="A1" gsnType="Assumption" assertionDeclaration="assumed" owner="Ann">'
            "<content>x</content></Claim>",
            "A1: only goals have an owner, not an Assumption",
        ),
        (
            '<ArtifactReference gid="C1" gsnType="Context" defeaterStatus="refuted">'
            "<content>x</content></ArtifactReference>",
            "C1: only counter claims and counter evidence are defeaters",
        ),
        (
            '<Claim gid="G&#8238;1" gsnType="Goal" assertionDeclaration="asserted">'
            "<content>x</content></Claim>",
            "U+202E",
        ),
    ],
)
def test_bad_input_is_still_refused_with_its_line(element: str, problem: str) -> None:
    """Every rule the model enforces on a node still refuses a file, naming the line."""
    with pytest.raises(CaseFileError) as refused:
        parse_gsnx(case_of(goal("<content>x</content>"), element), "case.gsnx")
    message = str(refused.value)
    assert message.startswith("case.gsnx:5: ")
    assert problem in message


def test_namespace_prefixes_declared_on_the_package_or_on_a_node_are_kept() -> None:
    """Another namespace's prefix is kept whether the root or a node declares it."""
    on_root = parse_gsnx(
        case_of(goal("<content>x</content>", 'x:level="3"'), namespaces='xmlns:x="urn:ex:a"')
    )
    assert on_root.foreign_namespaces == {"x": "urn:ex:a"}
    on_node = parse_gsnx(case_of(goal("<content>x</content>", 'xmlns:y="urn:ex:b" y:level="3"')))
    assert on_node.foreign_namespaces == {"y": "urn:ex:b"}
    assert on_node.nodes[0].foreign_attributes == {"{urn:ex:b}level": "3"}
