"""gsn2x YAML: reading, writing, lossless round trips, and clear errors for bad files."""

from __future__ import annotations

import datetime as dt
import string
import time
from pathlib import Path

import pytest
from factories import hazard_case
from hypothesis import given, settings
from hypothesis import strategies as st

from gsn_studio.io import load_case, save_case
from gsn_studio.io.errors import CaseFileError
from gsn_studio.io.gsn2x_format import OWN_KEYS
from gsn_studio.io.gsn2x_read import parse_gsn2x, read_gsn2x
from gsn_studio.io.gsn2x_write import save_gsn2x, to_yaml
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import Case, Evidence, Link, LinkKind, Node, NodeType, Position

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gsn2x"
# shared/ sits beside the repository, not inside it.
GSN2X_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gsn2x"
INVALID = {"empty.yaml", "invalid1.yaml", "invalid2.yaml"}
REFUSED: set[str] = set()
"""Valid gsn2x that the model refuses on purpose: none (ids with quotes open since issue 15)."""

SB, IC = LinkKind.SUPPORTED_BY, LinkKind.IN_CONTEXT_OF


def _corpus(names: set[str] | None = None) -> list[object]:
    if not GSN2X_CORPUS.is_dir():
        reason = f"the shared gsn2x corpus is not at {GSN2X_CORPUS}"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason))]
    files = sorted(GSN2X_CORPUS.rglob("*.yaml"))
    if names is None:
        chosen = [path for path in files if path.name not in INVALID | REFUSED]
    else:
        chosen = [path for path in files if path.name in names]
    return [pytest.param(path, id=path.relative_to(GSN2X_CORPUS).as_posix()) for path in chosen]


def _fixtures() -> list[object]:
    return [pytest.param(path, id=path.name) for path in sorted(FIXTURES.glob("*.yaml"))]


def _parse(text: str) -> Case:
    return parse_gsn2x(text.encode("utf-8"), "case.yaml")


def _refusal(data: bytes) -> CaseFileError:
    with pytest.raises(CaseFileError) as error:
        parse_gsn2x(data, "case.yaml")
    assert error.value.problem
    return error.value


# -- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", _corpus() + _fixtures())
def test_file_round_trips_through_the_model(path: Path) -> None:
    """A gsn2x file read, written and read again gives an equal case and then the same bytes."""
    case = parse_gsn2x(path.read_bytes(), path)
    written = to_yaml(case)
    again = parse_gsn2x(written, path)
    assert again == case
    assert to_yaml(again) == written


@pytest.mark.parametrize("path", _corpus() + _fixtures())
def test_file_survives_conversion_to_gsnx_and_back(path: Path) -> None:
    """yaml -> .gsnx -> model gives an equal case, so yaml -> gsnx -> yaml loses nothing."""
    case = parse_gsn2x(path.read_bytes(), path)
    via_gsnx = parse_gsnx(to_bytes(case), "case.gsnx")
    assert via_gsnx == case
    assert to_yaml(via_gsnx) == to_yaml(case)


@pytest.mark.parametrize("path", _corpus(INVALID | REFUSED))
def test_invalid_corpus_file_gives_a_case_file_error(path: Path) -> None:
    """The deliberately invalid corpus files raise CaseFileError with a message, nothing else."""
    error = _refusal(path.read_bytes())
    assert str(error).startswith("case.yaml")


@pytest.mark.parametrize("name", ["features.gsn.yaml", "dialectic.gsn.yaml"])
def test_canonical_fixture_is_written_byte_for_byte(name: str) -> None:
    """A file already in GSN Studio's layout (key order, flow lists, blank lines) is unchanged."""
    data = (FIXTURES / name).read_bytes()
    assert to_yaml(parse_gsn2x(data)) == data


def test_writing_is_deterministic() -> None:
    """The same case gives the same bytes, also when built twice from scratch."""
    assert to_yaml(hazard_case()) == to_yaml(hazard_case())


def test_any_case_reaches_a_fixed_point_after_one_write() -> None:
    """A case built in the editor reads back with the same nodes and links, then writes stably."""
    case = hazard_case()
    written = to_yaml(case)
    again = parse_gsn2x(written)
    assert again.nodes == case.nodes
    assert sorted(again.links, key=str) == sorted(case.links, key=str)
    assert to_yaml(again) == written


def test_empty_case_is_written_as_an_empty_mapping() -> None:
    """A case with nothing in it writes `{}`, which reads back as an empty case."""
    assert to_yaml(Case()) == b"{}\n"
    assert parse_gsn2x(b"{}\n") == Case()


_TEXT = st.text(
    st.characters(
        codec="utf-8",
        exclude_categories=("Cs",),
        exclude_characters="".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]))
        + "\r\ufffe\uffff",
    ),
    max_size=40,
)
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=8,
)
_EXTRA_KEY = _TEXT.filter(lambda key: key not in OWN_KEYS)


@settings(max_examples=150, deadline=None)
@given(
    statement=_TEXT,
    description=_TEXT,
    tags=st.lists(_TEXT, max_size=3),
    extras=st.dictionaries(_EXTRA_KEY, _JSON, max_size=4),
)
def test_arbitrary_text_and_extras_round_trip(
    statement: str, description: str, tags: list[str], extras: dict[str, object]
) -> None:
    """Any statement, description, tags and JSON-like extras survive a write and a read."""
    node = Node(
        id="G1",
        type=NodeType.GOAL,
        statement=statement,
        description=description,
        tags=tuple(tags),
        extras=extras,
    )
    case = Case(nodes=[node])
    assert parse_gsn2x(to_yaml(case)) == case


# -- what each key means ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("node_id", "expected"),
    [
        ("G1", NodeType.GOAL),
        ("S1", NodeType.STRATEGY),
        ("Sn1", NodeType.SOLUTION),
        ("C1", NodeType.CONTEXT),
        ("A1", NodeType.ASSUMPTION),
        ("J1", NodeType.JUSTIFICATION),
        ("CG1", NodeType.COUNTER_GOAL),
        ("CSn1", NodeType.COUNTER_SOLUTION),
        ("Sn2.1-x", NodeType.SOLUTION),
    ],
)
def test_type_comes_from_the_id_prefix(node_id: str, expected: NodeType) -> None:
    """Without nodeType, the id's prefix gives the type, longest prefix first (Sn before S)."""
    assert _parse(f"{node_id}: {{}}\n").nodes[0].type is expected


def test_node_type_key_overrides_the_prefix_and_is_written_only_when_needed() -> None:
    """nodeType wins over the prefix, and is written back only where the prefix would mislead."""
    case = _parse("CCSn1:\n  nodeType: CounterSolution\nG1:\n  nodeType: Goal\n")
    assert [node.type for node in case.nodes] == [NodeType.COUNTER_SOLUTION, NodeType.GOAL]
    assert to_yaml(case) == b"CCSn1:\n  nodeType: CounterSolution\n\nG1: {}\n"


def test_links_keep_sibling_order_and_accept_one_id_or_a_list() -> None:
    """supportedBy before inContextOf whatever the key order, each in the order written."""
    case = _parse(
        "G1:\n  inContextOf: C1\n  supportedBy: [G3, G2]\nG2: {}\nG3:\n  supportedBy: X9\n"
    )
    assert case.links == [
        Link(source="G1", target="G3", kind=SB),
        Link(source="G1", target="G2", kind=SB),
        Link(source="G1", target="C1", kind=IC),
        Link(source="G3", target="X9", kind=SB),
    ]


def test_files_are_loaded_as_written_even_when_they_break_gsn_rules() -> None:
    """Duplicate ids, dangling and illegal links load as-is, for analysis to report."""
    case = parse_gsn2x((FIXTURES / "loose.gsn.yaml").read_bytes())
    assert [node.id for node in case.nodes] == ["G1", "C1", "G2", "G1"]
    assert [node.statement for node in case.nodes] == [
        "Two lines,\nno final newline",
        "",
        "",
        "The same id again",
    ]
    assert Link(source="G1", target="Sn9", kind=SB) in case.links
    illegal = _parse("Sn1:\n  supportedBy: G1\nG1: {}\n")
    assert illegal.links == [Link(source="Sn1", target="G1", kind=SB)]


def test_duplicate_ids_keep_their_links_through_a_write() -> None:
    """Of two nodes with one id, the links come back in the same order after a write."""
    case = parse_gsn2x((FIXTURES / "loose.gsn.yaml").read_bytes())
    assert parse_gsn2x(to_yaml(case)) == case


def test_module_block_maps_to_name_description_and_extras() -> None:
    """module.name and module.brief are the case's; every other module key is kept in order."""
    case = parse_gsn2x((FIXTURES / "features.gsn.yaml").read_bytes())
    assert case.name == "Infusion pump"
    assert case.description.startswith("Every key")
    assert case.extras == {"module": {"uses": ["hazards.gsn.yaml"], "charWrap": 30}}


def test_module_block_is_written_only_when_there_is_something_in_it() -> None:
    """A case without name, brief or module extras starts with its first node."""
    assert to_yaml(_parse("module: {}\nG1: {}\n")) == b"G1: {}\n"
    assert to_yaml(Case(name="M")).startswith(b"module:\n  name: M\n")


def test_extras_are_kept_verbatim_in_file_order_after_our_keys() -> None:
    """Unknown keys, nested or not, come back in order, written after GSN Studio's keys."""
    text = (
        "G1:\n  layer2: second\n  text: claim\n  horizontalIndex: {relative: -1}\n"
        "  classes: [a, b]\n  layer1: first\n"
    )
    node = _parse(text).nodes[0]
    assert list(node.extras) == ["layer2", "horizontalIndex", "classes", "layer1"]
    assert node.extras["horizontalIndex"] == {"relative": -1}
    assert to_yaml(_parse(text)) == (
        b"G1:\n  text: claim\n  layer2: second\n  horizontalIndex:\n    relative: -1\n"
        b"  classes: [a, b]\n  layer1: first\n"
    )


def test_url_is_evidence_on_a_solution_and_an_extra_elsewhere() -> None:
    """gsn2x lets any node link to a url; only a solution's url is its evidence."""
    case = _parse("Sn1:\n  url: a.pdf\nG1:\n  url: https://example.org\n")
    assert case.nodes[0].evidence == Evidence(reference="a.pdf")
    assert case.nodes[1].evidence is None
    assert case.nodes[1].extras == {"url": "https://example.org"}


def test_each_field_of_ours_survives_a_round_trip() -> None:
    """owner, description, tags, position, url, evidenceDate and validUntil all come back."""
    goal = Node(
        id="G1",
        type=NodeType.GOAL,
        statement="claim",
        owner="Ada",
        description="why it matters",
        tags=("safety", "2025"),
        position=Position(x=12.25, y=-3),
        undeveloped=True,
    )
    solution = Node(
        id="Sn1",
        type=NodeType.SOLUTION,
        evidence=Evidence(
            reference="r.pdf", date=dt.date(2025, 1, 2), valid_until=dt.date(2026, 1, 2)
        ),
    )
    case = Case(nodes=[goal, solution], links=[Link(source="G1", target="Sn1", kind=SB)])
    written = to_yaml(case)
    assert parse_gsn2x(written) == case
    assert b"evidenceDate: 2025-01-02\n  validUntil: 2026-01-02" in written
    assert b"position: {x: 12.25, y: -3.0}" in written


def test_dates_and_date_like_text_stay_text() -> None:
    """The loader resolves no timestamps: a date in a layer is kept as the text written."""
    case = _parse("G1:\n  layer1: 2025-01-01\n  layer2: !!timestamp 2025-01-02\n")
    assert case.nodes[0].extras == {"layer1": "2025-01-01", "layer2": "2025-01-02"}


def test_numbers_as_text_are_kept_as_typed() -> None:
    """`text: 1.10` is the statement '1.10', written back quoted so it stays text."""
    case = _parse("G1:\n  text: 1.10\n")
    assert case.nodes[0].statement == "1.10"
    assert parse_gsn2x(to_yaml(case)) == case


def test_multi_line_text_is_written_as_a_literal_block() -> None:
    """A statement with line breaks is written with `|`, as people write it by hand."""
    case = Case(nodes=[Node(id="C1", type=NodeType.CONTEXT, statement="one\ntwo\n")])
    assert to_yaml(case) == b"C1:\n  text: |\n    one\n    two\n"


@pytest.mark.parametrize("text", ["\n", "one\n\n", "one\ntwo\n\n\n"])
def test_text_ending_in_blank_lines_reads_back_before_the_next_node(text: str) -> None:
    """Text ending in more than one line break is written in double quotes: a literal block
    keeping them would end the document with '...' and the next node could not be read."""
    case = Case(description=text)
    case.add_node(NodeType.GOAL, "Safe", description=text)
    case.add_node(NodeType.GOAL, "Sound")
    data = to_yaml(case)
    assert b"..." not in data
    assert parse_gsn2x(data) == case


def test_read_and_save_use_files(tmp_path: Path) -> None:
    """save_gsn2x writes a file that read_gsn2x and the format facade read back equal."""
    case = hazard_case()
    target = tmp_path / "case.gsn.yaml"
    save_gsn2x(case, target)
    assert read_gsn2x(target) == parse_gsn2x(to_yaml(case))
    save_case(case, tmp_path / "again.yml")
    assert load_case(tmp_path / "again.yml") == read_gsn2x(target)


# -- bad input -------------------------------------------------------------------------------


def test_missing_file_is_a_case_file_error(tmp_path: Path) -> None:
    """A file that cannot be read gives CaseFileError naming the file and the reason."""
    with pytest.raises(CaseFileError, match="cannot read the file"):
        read_gsn2x(tmp_path / "absent.yaml")


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"", None, "the file is empty"),
        (b"# only a comment\n", None, "the file is empty"),
        (b"- G1\n- G2\n", 1, "expected a mapping of node ids to nodes, found a list"),
        (b"G1:\n  text: [unclosed\n", 3, "not valid YAML"),
        (b"G1: just text\n", 1, "G1: a node must be a mapping"),
        (b"G1:\n  supportedBy: [G2, 3]\n", 2, "one entry is the number 3"),
        (b"G1:\n  text: {a: 1}\n", 2, "text must be text, not a mapping"),
        (b"G1:\n  undeveloped: maybe\n", 2, "undeveloped must be true or false"),
        (b"G1:\n  tags: solo\n", 2, "tags must be a list"),
        (b"G1:\n  position: [1, 2]\n", 2, "position must be a mapping"),
        (b"G1:\n  text: a\n\nG1b:\n  text: b\n  text: c\n", 6, "G1b: the key 'text' appears twice"),
        (b"module: {name: A}\nmodule: {name: B}\n", 2, "a second module block"),
        (b"Sn1:\n  text: a\n  validUntil: 2025-02-30\n", 3, "validUntil must be a date"),
        (b"Sn1:\n  evidenceDate: soon\n", 2, "evidenceDate must be a date"),
        (b"G1:\n  evidenceDate: 2025-01-01\n", 2, "G1: only solutions carry evidence"),
        (b"S1:\n  owner: Ada\n", 2, "S1: only goals have an owner"),
        (b"1: {}\n", 1, "a node id must be text"),
        (b"G1:\n  layer1: !!binary aGVsbG8=\n", 2, "not plain data"),
        (b"G1:\n  layer1: !!int abc\n", 2, "a value does not match its YAML type"),
        (b"G1:\n  layer1: &a [*a]\n", 2, "an alias refers to a collection that contains it"),
    ],
)
def test_bad_input_gives_a_case_file_error_with_line(
    data: bytes, line: int | None, words: str
) -> None:
    """Each kind of bad file gives CaseFileError saying what is wrong and on which line."""
    error = _refusal(data)
    assert words in error.problem
    assert error.line == line


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("X1:\n  text: a\n", "prefixes G, S, Sn, C, A, J, CG, CSn"),
        ("G1:\n  nodeType: Gaol\n", "use one of Goal, Strategy"),
    ],
)
def test_unknown_node_type_names_the_node_and_what_is_accepted(text: str, words: str) -> None:
    """An id without a GSN prefix and no valid nodeType is refused, listing the accepted ones."""
    error = _refusal(text.encode())
    assert error.problem.startswith(text.split(":", maxsplit=1)[0] + ": unknown node type")
    assert words in error.problem
    assert error.line == 2


_YAML_TOKENS = [
    *("G1", "Sn1", "X1", "module", "name", "text", "supportedBy", "tags", "position"),
    *("evidenceDate", "2025-01-01", "true", "null", "1.5", "&a", "*a", "!!int", "!!set"),
    *(":", " ", "  ", "\n", "- ", "[", "]", "{", "}", ",", "|", "'", '"', "#", "?", "\t"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_YAML_TOKENS), max_size=30))
def test_any_text_loads_or_gives_a_case_file_error(tokens: list[str]) -> None:
    """Whatever the text, the reader returns a case or raises CaseFileError, never else."""
    try:
        case = parse_gsn2x("".join(tokens).encode())
    except CaseFileError:
        return
    assert parse_gsn2x(to_yaml(case)) == case


def test_non_utf8_bytes_are_refused_with_their_line() -> None:
    """A file in another encoding is reported as not UTF-8 at the line of the bad byte."""
    error = _refusal(b"G1:\n  text: caf\xe9\n")
    assert "not UTF-8" in error.problem
    assert error.line == 2


def test_alias_bomb_is_refused_fast() -> None:
    """A billion-laughs document is refused without expanding it (expanded, it would take
    minutes and gigabytes: the generous bound only tells the two apart, on a loaded machine)."""
    lines = ["G1:", "  layer0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"  layer{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    start = time.monotonic()
    error = _refusal("\n".join(lines).encode())
    assert time.monotonic() - start < 10
    assert "aliases" in error.problem


def test_modest_alias_reuse_is_accepted() -> None:
    """An anchor reused a few times is ordinary YAML and loads, expanded."""
    case = _parse("G1:\n  layer1: &note [checked, signed]\nG2:\n  layer1: *note\n")
    assert case.nodes[1].extras == {"layer1": ["checked", "signed"]}


def test_deep_nesting_is_refused_not_crashed() -> None:
    """Thousands of nested lists give CaseFileError instead of a RecursionError."""
    error = _refusal(b"G1:\n  layer1: " + b"[" * 3000 + b"]" * 3000 + b"\n")
    assert "nested too deeply" in error.problem


# -- what gsn2x cannot hold ------------------------------------------------------------------


def test_link_from_a_missing_node_cannot_be_written() -> None:
    """gsn2x writes a link under its source, so a link from no node is refused, naming it."""
    case = Case(nodes=[Node(id="G1", type=NodeType.GOAL)])
    case.links.append(Link(source="G9", target="G1", kind=SB))
    with pytest.raises(CaseFileError, match="G9 supportedBy G1"):
        to_yaml(case)


def test_link_to_a_missing_node_is_written_as_given() -> None:
    """A dangling target is just an id in a list, which gsn2x files can hold."""
    case = Case(
        nodes=[Node(id="G1", type=NodeType.GOAL)],
        links=[Link(source="G1", target="G9", kind=SB)],
    )
    assert to_yaml(case) == b"G1:\n  supportedBy: [G9]\n"


@pytest.mark.parametrize("key", ["text", "owner", "supportedBy"])
def test_extra_named_like_our_key_cannot_be_written(key: str) -> None:
    """An extra that would read back as one of our keys is refused rather than changed."""
    case = Case(nodes=[Node(id="G1", type=NodeType.GOAL, extras={key: "x"})])
    with pytest.raises(CaseFileError, match=f"'{key}'"):
        to_yaml(case)


def test_foreign_xml_cannot_be_written_as_gsn2x() -> None:
    """XML kept from another tool's .gsnx file is refused, not silently dropped."""
    node = Node(id="G1", type=NodeType.GOAL, foreign_xml=("<x:note xmlns:x='urn:x'/>",))
    with pytest.raises(CaseFileError, match=r"only \.gsnx can keep"):
        to_yaml(Case(nodes=[node]))


def test_ids_that_look_like_other_yaml_values_are_quoted() -> None:
    """Ids and texts such as `yes` or `null` are quoted so they read back as text."""
    case = Case(nodes=[Node(id="Gyes", type=NodeType.GOAL, statement="null")])
    assert b"text: 'null'" in to_yaml(case)
    assert parse_gsn2x(to_yaml(case)) == case


def test_printable_ascii_statement_round_trips() -> None:
    """Every printable ASCII character, YAML indicators included, survives as a statement."""
    statement = string.printable.replace("\r", "").replace("\x0b", "").replace("\x0c", "")
    case = Case(nodes=[Node(id="G1", type=NodeType.GOAL, statement=statement)])
    assert parse_gsn2x(to_yaml(case)) == case


@pytest.mark.parametrize("target", ['""', '" G1"', '"G1 "'])
def test_a_comment_on_an_id_no_node_could_have_is_refused_naming_the_line(target: str) -> None:
    """A review comment whose target no id could be (empty, or spaces at an end) is refused
    when read, with the YAML line, instead of failing later when no .gsnx can hold it."""
    text = (
        "module:\n  name: m\n  reviewComments:\n    - id: c1\n"
        f"      node: {target}\n      author: ann\n      time: 2026-11-23T10:00:00Z\n"
        "      text: x\nG1:\n  text: top\n"
    )
    with pytest.raises(CaseFileError) as caught:
        parse_gsn2x(text.encode(), "case.yaml")
    message = str(caught.value)
    assert message.startswith("case.yaml:") and "visible text" in message


def test_a_link_to_an_empty_id_is_refused_when_read() -> None:
    """A link whose end is the empty id is refused by the model, the one rule for ids."""
    with pytest.raises(ValueError, match="visible text"):
        Link(source="G1", target="", kind=LinkKind.SUPPORTED_BY)
