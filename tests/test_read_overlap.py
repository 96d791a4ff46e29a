"""Reading a .gsnx file builds the case while the schema check of the same tree runs in
another thread (issue 17, item 1): the build does not wait for the check, yet a file the schema
refuses gets the schema's FILE:LINE message whatever the build did meanwhile, and the case is
the one a reading that checked first gives."""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from test_fast_validate import assert_same_model

from gsn_studio.io import CaseFileError, gsnx_read, gsnx_schema, prefetch
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.model import Case

REPO = Path(__file__).resolve().parents[1]
TUTORIAL = (REPO / "samples" / "tutorial.gsnx").read_text(encoding="utf-8")


class HeldSchema:
    """The shipped schema, whose validation waits until the build of the case has begun (at
    most 10 s: a reader that checks first would otherwise wait for ever), and says whether it
    had begun."""

    def __init__(self, begun: threading.Event) -> None:
        self.begun = begun
        self.real = gsnx_schema.schema()
        self.waited: list[bool] = []
        self.ended = threading.Event()

    def validate(self, tree: etree._ElementTree) -> bool:
        self.waited.append(self.begun.wait(10))
        try:
            return bool(self.real.validate(tree))
        finally:
            self.ended.set()

    @property
    def error_log(self) -> Any:
        return self.real.error_log


class Build:
    """What the spied build did: whether it began, what it raised, what it gave."""

    def __init__(self) -> None:
        self.begun = threading.Event()
        self.raised: list[BaseException] = []
        self.built: list[Case] = []


@pytest.fixture
def build(monkeypatch: pytest.MonkeyPatch) -> Iterator[Build]:
    """The reader's build, spied on: it marks when it begins, and records its outcome."""
    spied = Build()
    real_build = gsnx_read._build

    def spy(*args: Any, **kwargs: Any) -> Case:
        spied.begun.set()
        try:
            case = real_build(*args, **kwargs)
        except BaseException as error:
            spied.raised.append(error)
            raise
        spied.built.append(case)
        return case

    monkeypatch.setattr(gsnx_read, "_build", spy)
    yield spied
    prefetch.forget()


@pytest.fixture
def held(build: Build, monkeypatch: pytest.MonkeyPatch) -> HeldSchema:
    """The schema every reader uses, held until the build begins."""
    schema = HeldSchema(build.begun)
    for module in (gsnx_schema, gsnx_read, prefetch):
        monkeypatch.setattr(module, "schema", lambda: schema, raising=False)
    return schema


def test_the_case_is_built_while_the_schema_check_runs(held: HeldSchema, build: Build) -> None:
    """`parse_gsnx` begins building the case before the schema check of the same tree has
    ended, waits for the check before it returns, and gives the case a reading gives that
    checks first."""
    data = TUTORIAL.encode()
    case = parse_gsnx(data, "tutorial.gsnx")
    assert held.waited == [True]
    assert held.ended.is_set()
    with pytest.MonkeyPatch.context() as plain:
        for module in (gsnx_schema, gsnx_read):
            plain.setattr(module, "schema", lambda: held.real, raising=False)
        assert_same_model(case, parse_gsnx(data, "tutorial.gsnx"))


def test_a_case_parsed_ahead_is_built_before_its_schema_check_ends(
    tmp_path: Path, held: HeldSchema, build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tree parsed while the program starts is taken as soon as it is parsed, not once the
    schema has checked it: the case is built meanwhile, from that tree (no second parse)."""
    parses: list[str] = []
    parse = gsnx_read.parse_xml
    monkeypatch.setattr(gsnx_read, "parse_xml", lambda *a: parses.append(str(a[1])) or parse(*a))
    path = tmp_path / "case.gsnx"
    path.write_text(TUTORIAL, encoding="utf-8")
    prefetch.start([str(path)])
    case = gsnx_read.read_gsnx(path)
    assert held.waited == [True]
    assert parses == []
    assert [node.id for node in case.nodes][:3] == ["G1", "C1", "A1"]


def test_the_editor_builds_the_case_it_opens_while_the_schema_check_runs(
    tmp_path: Path, held: HeldSchema, build: Build, qtbot: Any
) -> None:
    """Opening a case in the editor (on its GUI thread, with nothing parsed ahead) builds the
    case while the schema check runs, through the reader the command line uses."""
    from gsn_studio.app.document import Document

    path = tmp_path / "case.gsnx"
    path.write_text(TUTORIAL, encoding="utf-8")
    document = Document()
    document.open(path)
    assert held.waited == [True]
    assert document.case.name == "Tutorial: a first safety case"


def _variant(old: str, new: str, count: int = 1) -> bytes:
    assert old in TUTORIAL
    return TUTORIAL.replace(old, new, count).encode()


SCHEMA = "bad.gsnx:{line}: does not match the .gsnx schema: "

REFUSED_BY_BOTH = {
    "a node type the build cannot name (ValueError)": (
        _variant(
            'gsnType="Goal" assertionDeclaration="asserted" owner',
            'gsnType="Bogus" assertionDeclaration="asserted" owner',
        ),
        ValueError,
        SCHEMA.format(line=5)
        + "Element 'Claim', attribute 'gsnType': [facet 'enumeration'] The value 'Bogus' is "
        "not an element of the set {'Goal', 'Assumption', 'Justification', 'CounterGoal'}.",
    ),
    "a goal written as a strategy (the build's own CaseFileError)": (
        _variant(
            '<Claim gid="G3" gsnType="Goal" assertionDeclaration="asserted">\n'
            "      <content>Users cannot get an electric shock from the kettle or its base"
            "</content>\n    </Claim>",
            '<ArgumentReasoning gid="G3" gsnType="Goal">\n'
            "      <content>Users cannot get an electric shock from the kettle or its base"
            "</content>\n    </ArgumentReasoning>",
        ),
        CaseFileError,
        SCHEMA.format(line=29)
        + "Element 'ArgumentReasoning', attribute 'gsnType': The value 'Goal' does not match "
        "the fixed value constraint 'Strategy'.",
    ),
    "no argument package (an assertion of the build)": (
        _variant("ArgumentPackage>", "ArgumentPackag>", 2),
        AssertionError,
        SCHEMA.format(line=4)
        + "Element 'ArgumentPackag': This element is not expected. Expected is one of "
        "( extra, Module, Pattern, ArgumentPackage ).",
    ),
}


@pytest.mark.parametrize("name", REFUSED_BY_BOTH)
def test_a_file_the_schema_and_the_build_both_refuse_gets_the_schema_s_message(
    name: str, build: Build
) -> None:
    """A file the schema refuses gets the schema's message, the one reading gave when it
    checked first, even though the build, run on the same tree meanwhile, raised: whatever it
    raised never reaches the caller."""
    data, raised, message = REFUSED_BY_BOTH[name]
    with pytest.raises(CaseFileError) as refused:
        parse_gsnx(data, "bad.gsnx")
    assert str(refused.value) == message
    assert [type(error) for error in build.raised] == [raised]


def test_a_file_only_the_schema_refuses_gets_its_message_not_the_case(build: Build) -> None:
    """A file the build reads without complaint but the schema refuses (an attribute it does not
    know) gets the schema's message: the case built meanwhile is dropped."""
    data = _variant('<Claim gid="G3"', '<Claim colour="red" gid="G3"')
    with pytest.raises(CaseFileError) as refused:
        parse_gsnx(data, "bad.gsnx")
    assert str(refused.value) == SCHEMA.format(line=29) + (
        "Element 'Claim', attribute 'colour': The attribute 'colour' is not allowed."
    )
    assert len(build.built) == 1


def test_a_failure_of_the_schema_check_itself_reaches_the_caller(
    held: HeldSchema, build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error inside the schema check (lxml's internal error) reaches the caller of the
    reader, as it did when the check ran first: never lost in the thread, never a case read from
    a file nobody checked."""

    def broken(tree: etree._ElementTree) -> bool:
        held.begun.wait(10)
        raise etree.XMLSchemaValidateError("Internal error in XML Schema validation.")

    monkeypatch.setattr(held, "validate", broken)
    with pytest.raises(etree.XMLSchemaValidateError):
        parse_gsnx(TUTORIAL.encode(), "tutorial.gsnx")
    assert build.built


def test_the_schema_check_writes_nothing_into_the_tree_it_checks() -> None:
    """The premise of checking while the case is built from the same tree: libxml2 writes into
    a tree it validates only for attributes typed ID, IDREF(S) or ENTITY(IES) (its ID and
    reference tables) and for default attributes when asked to add them. The shipped schema
    declares no such type and is not asked to add defaults."""
    xsd = (REPO / "resources" / "gsnx-1.xsd").read_text(encoding="utf-8")
    assert not re.search(r'type="xs:(ID|IDREFS?|ENTITY|ENTITIES)"', xsd)
    assert not re.search(r"<xs:(import|include|redefine)\b", xsd)
    checked = etree.fromstring(TUTORIAL.encode())
    before = etree.tostring(checked)
    assert gsnx_schema.schema().validate(checked)
    assert etree.tostring(checked) == before  # no default attribute was added


def _alive(tree_id: int) -> bool:
    return any(
        id(obj) == tree_id and isinstance(obj, etree._ElementTree) for obj in gc.get_objects()
    )


def test_a_tree_parsed_ahead_outlives_the_reading_until_the_parse_ahead_is_forgotten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tree a reading command's process parsed ahead is kept once read (the process ends
    without freeing it element by element); forgetting the parse ahead lets it go."""
    parsed: list[int] = []
    parse = prefetch.parse_xml

    def spy(data: bytes, path: Any) -> etree._ElementTree:
        tree = parse(data, path)
        parsed.append(id(tree))
        return tree

    monkeypatch.setattr(prefetch, "parse_xml", spy)
    path = tmp_path / "case.gsnx"
    path.write_text(TUTORIAL, encoding="utf-8")
    prefetch.start([str(path)])
    gsnx_read.read_gsnx(path)
    assert _alive(parsed[0])
    prefetch.forget()
    assert not _alive(parsed[0])
