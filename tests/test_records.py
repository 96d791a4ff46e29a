"""`model.records.record` makes the class `@dataclass(frozen=..., eq=..., slots=True)` makes,
compiling only its constructor, and refuses what its constructor could not copy."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
import sys
from dataclasses import FrozenInstanceError, dataclass, field
from typing import Any

import pytest

from gsn_studio.model.records import record


@record
class Pair:
    """A name and a count."""

    name: str
    count: int = 1
    note: str | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class PairDataclass:
    """A name and a count."""

    name: str
    count: int = 1
    note: str | None = field(default=None, repr=False, compare=False)


@record(frozen=False)
class Bag:
    """Mutable, with a list each made afresh."""

    owner: str
    items: list[str] = field(default_factory=list)
    seen: int = field(default=0, init=False)
    made: list[int] = field(default_factory=list, init=False)


@dataclass(slots=True)
class BagDataclass:
    """Mutable, with a list each made afresh."""

    owner: str
    items: list[str] = field(default_factory=list)
    seen: int = field(default=0, init=False)
    made: list[int] = field(default_factory=list, init=False)


@record(slots=False)
class Change:
    """Frozen, without slots, as the editor's change objects."""

    node: str
    links: tuple[str, ...] = ()
    seen: list[str] = field(default_factory=list, compare=False)


@dataclass(frozen=True)
class ChangeDataclass:
    """Frozen, without slots, as the editor's change objects."""

    node: str
    links: tuple[str, ...] = ()
    seen: list[str] = field(default_factory=list, compare=False)


@record(eq=False)
class Handle:
    """Frozen, equal only to itself."""

    name: str


@record
class Nothing:
    """No field at all."""


@record
class One:
    self: int


@dataclass(frozen=True, slots=True)
class OneDataclass:
    self: int


def test_a_frozen_record_is_what_the_dataclass_is() -> None:
    """Signature, defaults, repr, equality, hash, frozenness, fields, replace, match_args,
    pickling and copying of a record are those of the same frozen slotted dataclass."""
    ours, theirs = Pair("a", 2, "n"), PairDataclass("a", 2, "n")
    assert str(inspect.signature(Pair)) == str(inspect.signature(PairDataclass))
    assert repr(ours) == repr(theirs).replace("PairDataclass", "Pair") == "Pair(name='a', count=2)"
    assert ours == Pair(name="a", count=2, note="other") and ours != Pair("a")
    assert ours != theirs and (ours == ("a", 2)) is False
    assert hash(ours) == hash(theirs) == hash(("a", 2))
    assert Pair.__match_args__ == PairDataclass.__match_args__
    assert Pair.__slots__ == PairDataclass.__slots__ and not hasattr(ours, "__dict__")
    assert [f.name for f in dataclasses.fields(Pair)] == ["name", "count", "note"]
    assert dataclasses.is_dataclass(ours) and dataclasses.asdict(ours) == dataclasses.asdict(theirs)
    assert dataclasses.replace(ours, count=3) == Pair("a", 3)
    for made in (ours, theirs):
        with pytest.raises(FrozenInstanceError, match="cannot assign to field 'name'"):
            made.name = "b"  # type: ignore[misc]
        with pytest.raises(FrozenInstanceError, match="cannot delete field 'count'"):
            del made.count  # type: ignore[misc]
    # (The dataclass's own guard fails here with a TypeError from super(): Python 3.11's
    # guard names the class as it was before slots made a new one.)
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'other'"):
        ours.other = 1  # type: ignore[attr-defined]
    assert pickle.loads(pickle.dumps(ours)) == ours and copy.deepcopy(ours) == ours
    assert copy.copy(ours).note == "n"
    params = Pair.__dataclass_params__  # type: ignore[attr-defined]
    assert (params.init, params.repr, params.eq, params.frozen) == (True, True, True, True)
    with pytest.raises(TypeError):
        Pair()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Pair("a", 1, None, 4)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="frozen"):

        @dataclass
        class Mutable(Pair):  # dataclasses' own check sees a frozen base
            """A subclass that would change a frozen record."""


def test_a_mutable_record_is_what_the_dataclass_is() -> None:
    """`frozen=False`: default factories called per instance, fields outside the
    constructor set from their defaults, fields settable, and no hash (equal by value)."""
    ours, theirs = Bag("me"), BagDataclass("me")
    assert str(inspect.signature(Bag)) == str(inspect.signature(BagDataclass))
    assert repr(ours) == repr(theirs).replace("BagDataclass", "Bag")
    assert (ours.items, ours.seen, ours.made) == ([], 0, [])
    assert ours.items is not Bag("me").items and Bag("me", ["x"]).items == ["x"]
    ours.items.append("y")
    ours.seen = 2
    other = Bag("me", ["y"])
    assert ours != other
    other.seen = 2
    assert ours == other
    assert Bag.__hash__ is None and BagDataclass.__hash__ is None
    assert Bag.__dataclass_params__.frozen is False  # type: ignore[attr-defined]


def test_a_record_without_slots_is_what_the_dataclass_is() -> None:
    """`slots=False`: an instance dict, defaults left on the class, the same signature,
    repr, equality, hash, frozenness, pickling and copying as `@dataclass(frozen=True)`."""
    ours, theirs = Change("G1", ("L1",)), ChangeDataclass("G1", ("L1",))
    assert str(inspect.signature(Change)) == str(inspect.signature(ChangeDataclass))
    assert repr(ours) == repr(theirs).replace("ChangeDataclass", "Change")
    assert vars(ours) == vars(theirs) == {"node": "G1", "links": ("L1",), "seen": []}
    assert Change.links == ChangeDataclass.links == () and "__slots__" not in vars(Change)
    assert ours == Change("G1", ("L1",), ["x"]) and hash(ours) == hash(theirs)
    assert ours.seen is not Change("G1").seen
    for made in (ours, theirs):
        with pytest.raises(FrozenInstanceError, match="cannot assign to field 'node'"):
            made.node = "G2"  # type: ignore[misc]
        with pytest.raises(FrozenInstanceError, match="cannot assign to field 'other'"):
            made.other = 1  # type: ignore[attr-defined]
    assert pickle.loads(pickle.dumps(ours)) == ours and copy.deepcopy(ours) == ours
    assert dataclasses.replace(ours, node="G2") == Change("G2", ("L1",))


def test_eq_false_and_edge_shapes_follow_the_dataclass() -> None:
    """`eq=False` keeps identity equality and hash; no field, or a field named self, work; a
    class without a docstring is signed as dataclass signs it."""
    one = Handle("h")
    assert one != Handle("h") and hash(one) == object.__hash__(one)
    assert Nothing() == Nothing() and hash(Nothing()) == hash(()) and repr(Nothing()) == "Nothing()"
    assert One.__doc__ == OneDataclass.__doc__.replace("OneDataclass", "One")  # type: ignore[union-attr]
    assert One(self=3) == One(3) and repr(One(3)) == "One(self=3)" and hash(One(3)) == hash((3,))


def test_what_its_constructor_could_not_copy_is_refused() -> None:
    """A __post_init__, a keyword-only or init-only field, or a method of its own it would
    replace: a TypeError."""

    def refused(body: dict[str, Any], annotations: dict[str, Any], match: str) -> None:
        namespace = {"__doc__": "A record.", "__annotations__": annotations, **body}
        with pytest.raises(TypeError, match=match):
            record(type("Refused", (), namespace))

    refused({"__post_init__": lambda self: None}, {"name": "str"}, "__post_init__")
    refused({"name": field(kw_only=True)}, {"name": "str"}, "keyword-only")
    refused({}, {"name": "dataclasses.InitVar[str]"}, "InitVar")
    refused({"__repr__": lambda self: ""}, {"name": "str"}, "__repr__")


def test_only_the_constructor_is_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    """dataclasses compiles no method of a record; its constructor sets each field through
    the slot's descriptor, not `object.__setattr__` (a frozen dataclass's, per field);
    equality and hash are compiled on first use and then are the class's own."""
    compiled: list[str] = []
    create = dataclasses._create_fn  # type: ignore[attr-defined]

    def spy(name: str, *args: Any, **kwargs: Any) -> Any:
        compiled.append(name)
        return create(name, *args, **kwargs)

    monkeypatch.setattr(dataclasses, "_create_fn", spy)

    @record
    class Made:
        """Made while dataclasses is watched."""

        name: str
        count: int = 0

    assert compiled == []
    assert "__setattr__" not in Made.__init__.__code__.co_names
    stand_in = Made.__eq__
    assert (
        Made("a") == Made("a", 0) and Made("a") != Made("b") and hash(Made("a")) == hash(("a", 0))
    )
    # Once called, equality is the class's own compiled method, reading each field by name.
    assert Made.__eq__ is not stand_in and {"name", "count"} <= set(Made.__eq__.__code__.co_names)
    assert (
        Made("a") == Made("a", 0) and Made("a") != Made("b") and hash(Made("a")) == hash(("a", 0))
    )


def test_the_models_fields_are_annotated_with_types_not_strings() -> None:
    """Every field of every pydantic model class of `gsn_studio.model` is annotated with a
    type, not a string pydantic would have to compile and evaluate at each start."""
    from pydantic import BaseModel

    import gsn_studio.model

    modules = [
        module
        for name, module in sys.modules.items()
        if name.startswith("gsn_studio.model.") and name != "gsn_studio.model.records"
    ]
    assert gsn_studio.model.Case.__module__ == "gsn_studio.model.case"
    classes = [
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type)
        and value.__module__ == module.__name__
        and issubclass(value, BaseModel)
    ]
    assert len(classes) > 25
    written = {
        f"{cls.__name__}.{name}": annotation
        for cls in classes
        for name, annotation in vars(cls).get("__annotations__", {}).items()
        if isinstance(annotation, str)
    }
    assert written == {}
