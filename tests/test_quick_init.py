"""`analysis.records.quick_init` gives a frozen dataclass a cheaper constructor that makes the
same record, and refuses a dataclass whose construction it could not copy."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from gsn_studio.analysis.records import quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class _Pair:
    name: str
    count: int = 1


def test_the_record_is_the_one_the_dataclass_makes() -> None:
    """Fields, defaults, equality, hash and frozenness are the dataclass's own."""
    made = _Pair("a")
    assert (made.name, made.count) == ("a", 1)
    assert made == _Pair(name="a", count=1) and hash(made) == hash(_Pair("a", 1))
    with pytest.raises(AttributeError):
        made.name = "b"  # type: ignore[misc]


def test_a_dataclass_with_a_post_init_or_a_default_factory_is_refused() -> None:
    """Its constructor would skip __post_init__ or share one default: quick_init says so."""

    @dataclass(frozen=True, slots=True)
    class Checked:
        name: str

        def __post_init__(self) -> None:
            if not self.name:
                raise ValueError("empty")

    @dataclass(frozen=True, slots=True)
    class Listed:
        names: list[str] = field(default_factory=list)

    with pytest.raises(TypeError, match="__post_init__"):
        quick_init(Checked)
    with pytest.raises(TypeError, match="plain defaults"):
        quick_init(Listed)
