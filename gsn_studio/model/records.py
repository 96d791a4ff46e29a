"""Dataclasses made at a fraction of the cost, at import and at each instance.

`dataclasses.dataclass` writes the source of `__init__`, `__repr__`, `__eq__`, `__hash__`,
`__setattr__` and `__delattr__` and compiles each one: about a millisecond per class, and
twenty classes are made by every command before it reads a byte. `record` lets dataclasses
collect the fields and the slots (no compiling), compiles only `__init__` at once, `__eq__` and
`__hash__` when first called (most records are never compared), and shares one function per
class for the rest (repr and the frozen guards, which no hot path calls).
The class is still a dataclass (`dataclasses.fields` and `replace` work, mypy sees one) and
behaves as `@dataclass(frozen=..., eq=..., slots=...)` makes it: equal by value, hashed by
the compared fields, unchangeable when frozen, with the same constructor signature and repr.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")

_OWN = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(
    *, frozen: bool = True, eq: bool = True, slots: bool = True
) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(
    cls: type[T] | None = None,
    /,
    *,
    frozen: bool = True,
    eq: bool = True,
    slots: bool = True,
) -> type[T] | Callable[[type[T]], type[T]]:
    """A dataclass, frozen unless `frozen=False`, compared by value unless `eq=False`, with
    slots unless `slots=False`: `@record` where `@dataclass(frozen=True, slots=True)` was
    written, `@record(slots=False)` for `@dataclass(frozen=True)`."""

    def make(cls: type[T]) -> type[T]:
        return _make(cls, frozen=frozen, eq=eq, slots=slots)

    return make if cls is None else make(cls)


def _make(cls: type[T], *, frozen: bool, eq: bool, slots: bool) -> type[T]:
    written = [name for name in _OWN if name in cls.__dict__]
    if written:  # dataclass would keep them, and quietly not be what it says
        raise TypeError(f"{cls.__name__}: record writes {', '.join(written)} itself")
    documented = bool(cls.__doc__)
    if not documented:  # signed below, as dataclass signs it, once the constructor is ours
        cls.__doc__ = "?"
    made: Any = dataclasses.dataclass(init=False, repr=False, eq=False, slots=slots)(cls)
    every = made.__dataclass_fields__
    fields = dataclasses.fields(made)
    if len(fields) != len(every) or any(field.kw_only for field in fields):
        raise TypeError(f"{cls.__name__}: record takes no InitVar, ClassVar or keyword-only field")
    if hasattr(made, "__post_init__"):  # the constructor written here would never call it
        raise TypeError(f"{cls.__name__}: record takes no __post_init__")
    made.__init__ = _init(made, fields, slots)
    made.__repr__ = _repr(tuple(field.name for field in fields if field.repr))
    if eq:
        compared = _values("other", [field.name for field in fields if field.compare])
        made.__eq__ = _on_first_use(
            made,
            "__eq__",
            "def __eq__(self, other):\n"
            "    if other.__class__ is self.__class__:\n"
            f"        return {compared.replace('other.', 'self.')} == {compared}\n"
            "    return NotImplemented",
        )
        hashed = [
            field.name for field in fields if (field.compare if field.hash is None else field.hash)
        ]
        made.__hash__ = (
            _on_first_use(
                made, "__hash__", f"def __hash__(self): return hash({_values('self', hashed)})"
            )
            if frozen
            else None
        )
    if frozen:
        made.__setattr__, made.__delattr__ = _frozen(made, tuple(field.name for field in fields))
        if slots:  # what dataclass gives a frozen slotted class so that it pickles (and copies)
            made.__getstate__ = _getstate
            made.__setstate__ = _setstate
    if not documented:
        import inspect  # noqa: PLC0415 (only for a class without a docstring)

        made.__doc__ = made.__name__ + str(inspect.signature(made)).replace(" -> None", "")
    # So that dataclasses (replace, a subclass's frozen check) see what the record is.
    params = made.__dataclass_params__
    params.init = params.repr = True
    params.eq = eq
    params.frozen = frozen
    return made  # type: ignore[no-any-return]


def _init(
    cls: type, fields: tuple[dataclasses.Field[Any], ...], slots: bool
) -> Callable[..., None]:
    """The one compiled function: it sets each field through its slot's own descriptor (what
    a frozen dataclass's `object.__setattr__` per field ends in, at half the cost), or
    without slots into the instance's dict."""
    me = "__dataclass_self__" if any(field.name == "self" for field in fields) else "self"
    scope: dict[str, Any] = {"_no_value": _NO_VALUE}
    arguments = [me]
    body = [] if slots else [f"__record_dict__ = {me}.__dict__"]

    def assign(name: str, value: str) -> str:
        return f"_set_{name}({me}, {value})" if slots else f"__record_dict__[{name!r}] = {value}"

    for field in fields:
        name = field.name
        if slots:
            scope[f"_set_{name}"] = cls.__dict__[name].__set__
        if field.default_factory is not dataclasses.MISSING:
            scope[f"_make_{name}"] = field.default_factory
            value = f"_make_{name}() if {name} is _no_value else {name}"
            default = "_no_value"
        else:
            scope[f"_default_{name}"] = field.default
            value = name
            default = "" if field.default is dataclasses.MISSING else f"_default_{name}"
        if not field.init:
            if field.default_factory is not dataclasses.MISSING:
                body.append(assign(name, f"_make_{name}()"))
            elif field.default is not dataclasses.MISSING:
                body.append(assign(name, f"_default_{name}"))
            continue
        arguments.append(f"{name}={default}" if default else name)
        body.append(assign(name, value))
    lines = "".join(f"\n    {line}" for line in body) or "\n    pass"
    exec(f"def __init__({', '.join(arguments)}):{lines}", scope)  # our own field names
    init: Callable[..., None] = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = {field.name: field.type for field in fields if field.init}
    init.__annotations__["return"] = None
    return init


class _NoValue:
    """Stands for an argument not given, where a default factory makes the value."""

    def __repr__(self) -> str:
        return "<factory>"  # as dataclass shows such a default in the signature


_NO_VALUE = _NoValue()


def _values(name: str, fields: list[str]) -> str:
    """The tuple of these fields' values, as dataclass writes it: `(other.a,other.b,)`."""
    return f"({''.join(f'{name}.{field},' for field in fields)})"


def _on_first_use(cls: type[Any], name: str, source: str) -> Callable[..., Any]:
    """A stand-in for the method `source` defines, which compiles it when first called (most
    records are never compared or hashed in a run), puts it in its own place on the class,
    and answers with it: from then on the class has the method dataclass would have given it
    (attribute reads the interpreter specialises, twice as fast as a generic function)."""

    def stand_in(self: Any, *args: Any) -> Any:
        scope: dict[str, Any] = {}
        exec(source, scope)  # our own field names, as dataclasses itself does
        method = scope[name]
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        method.__module__ = cls.__module__
        setattr(cls, name, method)
        return method(self, *args)

    stand_in.__name__ = name
    stand_in.__qualname__ = f"{cls.__qualname__}.{name}"
    return stand_in


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    def record_repr(self: Any) -> str:
        shown = ", ".join([f"{name}={getattr(self, name)!r}" for name in names])
        return f"{self.__class__.__qualname__}({shown})"

    return record_repr


def _frozen(
    cls: type[Any], names: tuple[str, ...]
) -> tuple[Callable[..., None], Callable[..., None]]:
    """A frozen dataclass's guards: no field of it, nor anything of the class itself, is set
    or deleted after construction (a subclass may set what is its own)."""

    def frozen_setattr(self: Any, name: str, value: object) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def frozen_delattr(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return frozen_setattr, frozen_delattr


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, field.name) for field in dataclasses.fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for field, value in zip(dataclasses.fields(self), state, strict=False):
        object.__setattr__(self, field.name, value)
