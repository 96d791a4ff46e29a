"""Reading builds models without pydantic's second pass when a record's values already have
their fields' types (issue 17: reading validates each element once). The fast build must give
exactly the model pydantic gives, or decline so that pydantic decides; and the model classes
build their validators only when something validates with them."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from test_fuzz_readers import GSNX_SEEDS, mutated

import gsn_studio.model
from gsn_studio.io import CaseFileError, gsnx_format
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.model import (
    Case,
    Citation,
    DefeaterStatus,
    Evidence,
    Link,
    LinkKind,
    Node,
    NodeType,
    Position,
)
from gsn_studio.model.fast_validate import validate_fast
from gsn_studio.model.traces import Acceptance

CHECKS = settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)


def assert_same_model(fast: BaseModel, full: BaseModel) -> None:
    """Equal, and alike in every way a caller can see: class, field order, fields given."""
    assert type(fast) is type(full)
    assert fast == full
    assert repr(fast) == repr(full)
    assert fast.model_fields_set == full.model_fields_set
    assert fast.model_dump() == full.model_dump()
    for name in type(full).model_fields:
        mine, theirs = getattr(fast, name), getattr(full, name)
        if isinstance(theirs, BaseModel):
            assert_same_model(mine, theirs)
        elif isinstance(theirs, list | tuple) and theirs and isinstance(theirs[0], BaseModel):
            for one, other in zip(mine, theirs, strict=True):
                assert_same_model(one, other)


def read(data: bytes, fast: bool, monkeypatch: pytest.MonkeyPatch) -> Case | str:
    """The case a file reads as, or the one-line refusal, with or without the fast build."""
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(gsnx_format, "validate_fast", lambda model, record: None)
        try:
            return parse_gsnx(data, "case.gsnx")
        except CaseFileError as error:
            return str(error)


def assert_same_reading(data: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, full = read(data, True, monkeypatch), read(data, False, monkeypatch)
    if isinstance(full, str):
        assert fast == full
        return
    assert isinstance(fast, Case)
    assert_same_model(fast, full)


@pytest.mark.parametrize("index", range(len(GSNX_SEEDS)))
def test_every_sample_and_corpus_file_reads_the_same_with_the_fast_build(
    index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Samples, corpus files and converted gsn2x files read to the same case either way."""
    assert_same_reading(GSNX_SEEDS[index], monkeypatch)


@CHECKS
@given(mutated(GSNX_SEEDS))
def test_mutated_files_read_the_same_or_fail_the_same_with_the_fast_build(data: bytes) -> None:
    """A damaged file gives the same case, or the same FILE:LINE message, either way."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_same_reading(data, monkeypatch)


# Half of each value is one pydantic takes, so that most records get past their first field.
TEXTS = st.sampled_from(["G1", "Sn 2", "é", "Ann"]) | st.sampled_from(
    ["", " G1", "G1 ", "a\r\nb", "x\x00y", "\u202eG", "\ud800", "\x85", "\t"]
)
BOOLS = st.sampled_from([True, False, 0, 1, "true", None])
DATES = st.sampled_from([dt.date(2026, 1, 1), "2026-01-01", dt.datetime(2026, 1, 1), None])
POSITIONS = st.sampled_from(
    [{"x": 1.005, "y": -2.0}, {"x": 1, "y": 2.0}, {"x": float("nan"), "y": 0.0},
     {"x": 2e9, "y": 0.0}, {"x": 1.0}, {"x": 1.0, "y": 2.0, "z": 3.0}, Position(x=1, y=2), None]
)  # fmt: skip
EVIDENCE = st.sampled_from(
    [Evidence(reference="r.pdf"), Evidence(), None, {"reference": "r.pdf"}, {"reference": 3}]
)


@st.composite
def node_records(draw: st.DrawFn) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": draw(TEXTS | st.sampled_from([None, 7])),
        "type": draw(st.sampled_from(list(NodeType)) | st.sampled_from(["Goal", "goal", 3])),
    }
    optional = {
        "statement": TEXTS,
        "description": TEXTS,
        "owner": TEXTS,
        "tags": st.sampled_from([(), ("a", "b\r"), ["a"], ("x\x01",), (3,)]),
        "undeveloped": BOOLS,
        "public": BOOLS,
        "evidence": EVIDENCE,
        "refutation": EVIDENCE,
        "defeater_status": st.sampled_from([*DefeaterStatus, "refuted", "gone", None]),
        "position": POSITIONS,
        "cites": st.sampled_from(
            [Citation(module="M"), {"module": "M", "element": "G1"}, {"module": " M"}, None]
        ),
        "extras": st.sampled_from(
            [{}, {"k": "v\r"}, {"k": [1, {"a": 2.5}]}, {3: "v"}, {"k": float("inf")}, []]
        ),
        "foreign_xml": st.sampled_from([(), ("<x/>",), ("a", 2)]),
        "foreign_attributes": st.sampled_from([{}, {"{u}a": "1"}, {"{u}a": 1}]),
        "unknown": st.just(1),
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True, max_size=6)):
        record[key] = draw(optional[key])
    return record


@st.composite
def link_records(draw: st.DrawFn) -> dict[str, Any]:
    record: dict[str, Any] = {
        "source": draw(TEXTS | st.just(None)),
        "target": draw(TEXTS),
        "kind": draw(st.sampled_from([*LinkKind, "supportedBy", "nope"])),
    }
    if draw(st.booleans()):
        record["via"] = draw(TEXTS | st.just(None))
    if draw(st.booleans()):
        record["multiplicity"] = {"kind": "optional"}
    return record


@st.composite
def evidence_records(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "reference": draw(TEXTS),
        "date": draw(DATES),
        "valid_until": draw(DATES),
        "review_days": draw(st.sampled_from([None, 1, 0, 36_500, 36_501, True, "7"])),
    }


def assert_fast_or_declined(model: type[BaseModel], record: dict[str, Any]) -> BaseModel | None:
    """The fast build is the model pydantic builds, or declines; it never accepts what
    pydantic refuses."""
    fast = validate_fast(model, dict(record))
    try:
        full = model.model_validate(record)
    except ValidationError:
        assert fast is None, f"accepted what pydantic refuses: {record!r}"
        return None
    if fast is not None:
        assert_same_model(fast, full)
    return fast


@CHECKS
@given(node_records())
def test_a_node_built_fast_is_the_node_pydantic_builds(record: dict[str, Any]) -> None:
    """Any node record: the fast build equals pydantic's, or leaves the record to it."""
    assert_fast_or_declined(Node, record)


@CHECKS
@given(link_records())
def test_a_link_built_fast_is_the_link_pydantic_builds(record: dict[str, Any]) -> None:
    """Any link record: the fast build equals pydantic's, or leaves the record to it."""
    assert_fast_or_declined(Link, record)


@CHECKS
@given(evidence_records())
def test_evidence_built_fast_is_the_evidence_pydantic_builds(record: dict[str, Any]) -> None:
    """Any evidence record: the fast build equals pydantic's, or leaves the record to it."""
    assert_fast_or_declined(Evidence, record)


def test_the_records_a_reader_makes_take_the_fast_build() -> None:
    """Plain records of each kind are built fast (the path is used, not only declined)."""
    node = {
        "id": "Sn1",
        "type": NodeType.SOLUTION,
        "statement": "Report",
        "evidence": Evidence(reference="r.pdf"),
        "position": {"x": 1.0, "y": 2.0},
        "extras": {"k": "v"},
    }
    link = {"source": "G1", "target": "Sn1", "kind": LinkKind.SUPPORTED_BY}
    for model, record in [(Node, node), (Link, link), (Evidence, {"reference": "r.pdf"})]:
        assert assert_fast_or_declined(model, record) is not None
    built = validate_fast(Node, node)
    assert built is not None
    assert built.position == Position(x=1.0, y=2.0)


@pytest.mark.parametrize(
    "parts",
    [(), (("Sn1 artifact", "ab"),), (("a", "b"), ("c", "d")), (("a",),), (("a", "b", "c"),),
     [("a", "b")], (["a", "b"],), (("a", 1),), "ab"],
)  # fmt: skip
def test_an_acceptance_built_fast_is_the_acceptance_pydantic_builds(parts: Any) -> None:
    """Pairs of fixed length: right ones are built fast, wrong ones left to pydantic."""
    record = {"by": " Ann  Lee ", "on": dt.date(2026, 1, 2), "digest": "d", "parts": parts}
    built = assert_fast_or_declined(Acceptance, record)
    if type(parts) is tuple and all(type(p) is tuple and len(p) == 2 for p in parts):
        assert (built is not None and built.parts == parts) or (parts and parts[0] == ("a", 1))


def test_a_rule_of_the_model_still_refuses_on_the_fast_path() -> None:
    """A record breaking a model rule is declined, and pydantic gives the usual message."""
    record = {"id": "A1", "type": NodeType.ASSUMPTION, "owner": "Ann"}
    assert validate_fast(Node, record) is None
    with pytest.raises(ValidationError, match="only goals have an owner"):
        Node.model_validate(record)


def model_classes() -> list[type[BaseModel]]:
    found = []
    for info in pkgutil.iter_modules(gsn_studio.model.__path__, "gsn_studio.model."):
        module = importlib.import_module(info.name)
        found += [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, BaseModel)
            and value.__module__ == module.__name__
        ]
    return found


def test_every_model_class_builds_its_validator_on_first_use() -> None:
    """Importing the model builds no validator (a tenth of every command's start)."""
    classes = model_classes()
    assert Node in classes and Case in classes
    assert [c.__name__ for c in classes if not c.model_config.get("defer_build")] == []


def test_the_fast_build_needs_no_validator(tmp_path: Path) -> None:
    """Reading a plain case builds no pydantic validator for any model class."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from gsn_studio.io import load_case\n"
        "from pydantic import BaseModel\n"
        f"load_case({str(Path(__file__).parents[1] / 'samples' / 'tutorial.gsnx')!r})\n"
        "def every(c):\n"
        "    for s in c.__subclasses__():\n"
        "        yield s\n"
        "        yield from every(s)\n"
        "print(sorted(c.__name__ for c in every(BaseModel)\n"
        "             if c.__module__.startswith('gsn_studio') and c.__pydantic_complete__))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_fast_build_sets_pydantic_slots_through_their_own_descriptors() -> None:
    """Every model class's constructors set the four slots model_construct sets through
    BaseModel's own descriptors (half the time of object.__setattr__), and the instance is
    the one pydantic builds."""
    from gsn_studio.model import fast_validate

    for model in model_classes():
        plan = fast_validate._plan(model)
        if plan is None:
            continue
        slots = [setter.__self__ for setter in plan.setters]  # type: ignore[attr-defined]
        assert slots == [BaseModel.__dict__[name] for name in fast_validate._SLOTS], model
    record = {"id": "G1", "type": "Goal", "statement": "S", "position": {"x": 1.0, "y": 2.5}}
    fast = validate_fast(Node, record)
    assert fast is not None
    assert_same_model(fast, Node.model_validate(record))


def test_defaults_a_record_leaves_out_are_fresh_for_each_instance() -> None:
    """A node built from a record that gives a few of its fields (its values a copy of the
    defaults) has the fields in declaration order and empty mappings of its own: changing
    one node's extras changes no other node's, nor the next node built."""
    record = {"id": "G1", "type": NodeType.GOAL, "statement": "S"}
    first, second = validate_fast(Node, record), validate_fast(Node, record)
    assert first is not None and second is not None
    assert list(first.__dict__) == list(Node.model_fields)
    assert first.extras is not second.extras
    assert first.foreign_attributes is not second.foreign_attributes
    first.extras["k"] = "v"
    first.foreign_attributes["{u}a"] = "1"
    third = validate_fast(Node, record)
    assert third is not None
    assert second.extras == third.extras == {} and third.foreign_attributes == {}
    assert_same_model(third, Node.model_validate(record))
