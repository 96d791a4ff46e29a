"""Reading validates each element once (issue 17, item 1): what the XML parser and the .gsnx
schema already guarantee, in C, is not checked again in Python. Each shortcut rests on a
guarantee pinned here, and the borderline values read to the same case, or the same message,
as full validation of every record gives."""

from __future__ import annotations

import pytest
from lxml import etree
from test_check_fast import plain_reading
from test_fast_validate import assert_same_model

from gsn_studio.io import CaseFileError
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_schema import schema
from gsn_studio.io.safe_xml import parse_xml
from gsn_studio.model import Case
from gsn_studio.model.text import check_reference, clean_text

HEAD = '<AssuranceCasePackage xmlns="urn:gsn-studio:gsnx:1" formatVersion="1.1">'


def case_file(nodes: str, links: str = "", artifacts: str = "") -> bytes:
    package = f"<ArtifactPackage>{artifacts}</ArtifactPackage>" if artifacts else ""
    return (
        f"{HEAD}<ArgumentPackage>{nodes}{links}</ArgumentPackage>{package}</AssuranceCasePackage>"
    ).encode()


def goal(gid: str, statement: str = "A", more: str = "", owner: str = "") -> str:
    owned = f' owner="{owner}"' if owner else ""
    return (
        f'<Claim gid="{gid}" gsnType="Goal" assertionDeclaration="needsSupport"{owned}>'
        f"<content>{statement}</content>{more}</Claim>"
    )


def reading(data: bytes) -> Case | str:
    try:
        return parse_gsnx(data, "case.gsnx")
    except CaseFileError as error:
        return str(error)


def assert_reads_as_full_validation(data: bytes, monkeypatch: pytest.MonkeyPatch) -> Case | str:
    fast, full = reading(data), plain_reading(data, monkeypatch)
    if isinstance(full, str):
        assert fast == full
    else:
        assert isinstance(fast, Case)
        assert_same_model(fast, full)
    return fast


BORDERLINE_IDS = [
    "G 1",  # inner space: visible text
    "G  1",
    "Gé1",  # not ASCII: checked by the id rule
    "G\u00a01",  # an inner no-break space
    "G1\u00a0",  # a trailing one: the schema's \S does not see it, the id rule refuses it
    "\u3000G1",
    "G\u202e1",  # bidi override
    "G\u200b1",  # zero-width space (a format character)
    "G&#9;1",  # a tab, as a character reference (the schema's `.` takes it)
    "G&#x7f;1",  # DEL and a C1 control: XML holds them, ids may not
    "G&#x85;1",
    "G&#x2028;1",
    "G&#13;1",  # a carriage return: refused by the schema's `.`
    "G1&#13;",
    "G&#xfeff;1",
    "G1\U0001f600",
]


@pytest.mark.parametrize("gid", BORDERLINE_IDS)
def test_borderline_node_ids_read_as_full_validation_gives(
    gid: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A node id at the edge of the id rule or of the schema's g:Id gives the case, or the
    FILE:LINE message, that full validation gives, as a node's id and as a link's end."""
    links = f'<AssertedInference gsnType="SupportedBy" source="{gid}" target="G0"/>'
    assert_reads_as_full_validation(case_file(goal("G0") + goal(gid), links), monkeypatch)
    assert_reads_as_full_validation(case_file(goal("G0"), links), monkeypatch)


BORDERLINE_TEXTS = [
    "a&#13;b",  # only a character reference brings a carriage return
    "a&#13;&#10;b",
    "a\r\nb",  # a literal one is a line break by the time the parser gives the text
    "a\rb",
    "a&#10;b&#9;c",
    "\u202eabc\u200b",  # format characters are text a statement may hold
    "a<!-- note -->b&#13;",
    "&#x85;&#x7f;&#xfffd;",
    "",
]


@pytest.mark.parametrize("text", BORDERLINE_TEXTS)
def test_borderline_texts_read_as_full_validation_gives(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A statement, description or owner holding a carriage return (by `&#13;`), a literal
    one, format characters or a comment reads as full validation reads it."""
    for node in (
        goal("G1", text),
        goal("G1", "A", f"<description>{text}</description>"),
        goal("G1", owner=text.replace("<!-- note -->", "")),  # no comment in an attribute
        '<ArgumentReasoning gid="S1" gsnType="Strategy" undeveloped="true">'
        f"<content>{text}</content><description>{text}</description></ArgumentReasoning>",
    ):
        case = assert_reads_as_full_validation(case_file(node), monkeypatch)
        assert isinstance(case, Case)
        assert "\r" not in case.nodes[0].statement + case.nodes[0].description


@pytest.mark.parametrize(
    "location",
    ["", "report.pdf", "a&#13;b.pdf"],
)
def test_solutions_with_empty_or_borderline_evidence_read_as_full_validation_gives(
    location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A solution's evidence that is empty (dropped by the node's validator) or holds a
    carriage return reads as full validation reads it."""
    node = (
        '<ArtifactReference gid="Sn1" gsnType="Solution" referencedArtifactElement="Sn1.a">'
        "<content>E</content></ArtifactReference>"
    )
    artifact = (
        f'<Artifact gid="Sn1.a" location="{location}"/>'
        if location
        else ('<Artifact gid="Sn1.a"/>')
    )
    case = assert_reads_as_full_validation(case_file(node, artifacts=artifact), monkeypatch)
    assert isinstance(case, Case)
    assert (case.nodes[0].evidence is None) == (not location)


@pytest.mark.parametrize("declaration", ["", '<?xml version="1.0"?>', '<?xml version="1.1"?>'])
def test_the_parser_refuses_every_character_the_text_rule_refuses(declaration: str) -> None:
    """Every character `clean_text` refuses is refused by the parser, as a character reference
    or written in the file, in content and in attributes, even in a file that says XML 1.1:
    text read from a parsed file needs only its carriage returns looked for."""
    refused = [code for code in range(0x110000) if _refused_by_text_rule(chr(code))]
    assert 0 < len(refused) < 3000  # the controls, the surrogates, U+FFFE and U+FFFF
    for code in refused:
        for reference in (f"&#{code};", f"&#x{code:x};"):
            with pytest.raises(etree.XMLSyntaxError):
                _parse(declaration, reference)
        if not 0xD800 <= code <= 0xDFFF:  # UTF-8 cannot write a surrogate at all
            with pytest.raises(etree.XMLSyntaxError):
                _parse(declaration, chr(code))
    assert "\r" in "".join(_parse(declaration, "&#13;"))  # the one it lets through


def _refused_by_text_rule(character: str) -> bool:
    try:
        clean_text(character)
    except ValueError:
        return True
    return False


def _parse(declaration: str, text: str) -> tuple[str, str]:
    data = f'{declaration}<a b="x{text}y">x{text}y</a>'.encode("utf-8", "surrogatepass")
    element = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    return element.text or "", element.get("b") or ""


def test_a_printable_ascii_id_the_schema_takes_passes_the_id_rule() -> None:
    """An id of printable ASCII that the schema's g:Id pattern takes is one the id rule takes
    too: for every printable ASCII character, alone, at either end and inside an id."""
    printable = [chr(code) for code in range(0x20, 0x7F)]
    candidates = {
        id_
        for character in printable
        for id_ in (character, f"G{character}", f"{character}G", f"G{character}1", f" {character}")
    }
    taken = 0
    for id_ in sorted(candidates):
        escaped = id_.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
        tree = parse_xml(case_file(goal(escaped)), "case.gsnx")
        if schema().validate(tree):
            taken += 1
            assert check_reference(id_) == id_
        else:
            with pytest.raises(ValueError):
                check_reference(id_)
    assert taken > 300


def test_reading_cleans_only_the_texts_that_hold_a_carriage_return(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A node's statement, description and owner without a carriage return are taken as the
    parser gave them, not passed through the text rule again; one holding `&#13;` is, and
    reads with a line break."""
    from gsn_studio.model import nodes

    cleaned: list[str] = []
    rule = nodes.clean_text

    def spy(value: str) -> str:
        cleaned.append(value)
        return rule(value)

    monkeypatch.setattr(nodes, "clean_text", spy)
    plain = goal("G1", "A claim", "<description>Why</description>", owner="Ann")
    assert parse_gsnx(case_file(plain + goal("G2", "Another")), "case.gsnx").nodes[0].owner == (
        "Ann"
    )
    assert cleaned == []
    case = parse_gsnx(case_file(plain + goal("G2", "Line&#13;break")), "case.gsnx")
    assert case.nodes[1].statement == "Line\nbreak"
    assert "Line\rbreak" in cleaned


@pytest.mark.parametrize("days", ["0", "1", "+7", " 7 ", "007", "36500", "36501", "-1", "x"])
def test_borderline_review_intervals_read_as_full_validation_gives(
    days: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewDays at or beyond the ends of the schema's g:ReviewDays, the review interval
    rule's range, reads to the case or the message full validation gives."""
    node = (
        '<ArtifactReference gid="Sn1" gsnType="Solution" referencedArtifactElement="Sn1.a">'
        "<content>E</content></ArtifactReference>"
    )
    artifact = f'<Artifact gid="Sn1.a" location="r.pdf" reviewDays="{days}"/>'
    assert_reads_as_full_validation(case_file(node, artifacts=artifact), monkeypatch)


def test_evidence_is_built_without_its_validators_when_the_schema_checked_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A solution's evidence whose reference holds no carriage return is built without the
    text rule run on it again, and so is the solution; a reference with `&#13;` is cleaned."""
    from gsn_studio.model import evidence, nodes

    cleaned: list[str] = []

    def spy(value: str) -> str:
        cleaned.append(value)
        return clean_text(value)

    monkeypatch.setattr(evidence, "clean_text", spy)
    monkeypatch.setattr(nodes, "clean_text", spy)

    def solution(location: str) -> bytes:
        node = (
            '<ArtifactReference gid="Sn1" gsnType="Solution" referencedArtifactElement="a">'
            "<content>E</content></ArtifactReference>"
        )
        artifact = f'<Artifact gid="a" location="{location}" date="2026-01-01" reviewDays="9"/>'
        return case_file(node, artifacts=artifact)

    read = parse_gsnx(solution("r.pdf"), "case.gsnx").nodes[0].evidence
    assert read is not None and read.reference == "r.pdf" and read.review_days == 9
    assert cleaned == []
    read = parse_gsnx(solution("r&#13;.pdf"), "case.gsnx").nodes[0].evidence
    assert read is not None and read.reference == "r\n.pdf"
    assert "r\r.pdf" in cleaned


@pytest.mark.parametrize(
    "x", ["0", "-0", "1.005", "2.675", "1e2", "1e9", "-1e9", "1000000000.5", "NaN", "INF", " 7 "]
)
def test_borderline_positions_read_as_full_validation_gives(
    x: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A position at the schema's bounds, beyond them, not a number, or needing rounding
    reads to the case or the message full validation gives."""
    place = f'<Diagram><NodePosition ref="G1" x="{x}" y="1.5"/></Diagram>'
    data = case_file(goal("G1")).replace(
        b"</AssuranceCasePackage>", f"{place}</AssuranceCasePackage>".encode()
    )
    assert_reads_as_full_validation(data, monkeypatch)


def test_positions_are_built_by_their_shapes_constructor_found_once_per_case(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reading a placed case finds the constructor of a position once, not through
    `validate_fast` for each of its positions, and the nodes hold the rounded positions."""
    from gsn_studio.io import gsnx_diagram, gsnx_read
    from gsn_studio.model import Position, fast_validate

    asked: list[str] = []
    lookup, find = fast_validate.validate_fast, fast_validate.positional_constructor

    def spy(model: type, record: object) -> object:
        asked.append(model.__name__)
        return lookup(model, record)  # type: ignore[arg-type]

    def found(model: type, *args: object, **options: object) -> object:
        asked.append(f"constructor {model.__name__}")
        return find(model, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(gsnx_read, "validate_fast", spy)
    monkeypatch.setattr(gsnx_diagram, "positional_constructor", found)
    places = "".join(f'<NodePosition ref="G{i}" x="{i}.004" y="-{i}"/>' for i in range(50))
    data = case_file("".join(goal(f"G{i}") for i in range(50))).replace(
        b"</AssuranceCasePackage>", f"<Diagram>{places}</Diagram></AssuranceCasePackage>".encode()
    )
    case = parse_gsnx(data, "case.gsnx")
    assert [node.position for node in case.nodes] == [Position(x=i, y=-i) for i in range(50)]
    assert "Position" not in asked
    assert asked.count("constructor Position") == 1
