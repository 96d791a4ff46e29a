"""A model built from a record whose values already have their fields' exact types, by the
model's own validators, without pydantic's second pass over every value. Reading a large case
builds tens of thousands of nodes and links; pydantic's validation of them was a third of
reading, and building its validators a third of every command's start.

`validate_fast(Model, record)` gives what `Model.model_validate(record)` gives, or None when it
cannot be sure it would: a value that is not exactly of its field's type (pydantic would
convert or refuse it), an unknown key, a field with constraints, a validator of another kind,
or a validator that refused a value. The caller then validates the usual way, which builds the
model or gives the usual error. No rule is restated here: the rules are the model's validators,
and this module calls them."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import functools
import inspect
import itertools
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

ModelT = TypeVar("ModelT", bound=BaseModel)

Check = Callable[[Any], Any]
"""A field's value as the model holds it, for a value pydantic would accept unchanged; raises
otherwise."""

_Make = Callable[..., BaseModel]
_Makers = dict[tuple[str, ...], _Make | None]
"""Constructors by the keys of the records they build (None: a shape left to pydantic)."""

_EXACT = (str, bool, int, float, dt.date)
"""Types pydantic keeps as they are when given exactly that type (no bool for an int field)."""

_PLAIN_FACTORIES = (None, list, dict, set, tuple)
"""Default factories that take no argument (asking pydantic means inspecting a signature)."""

_PLAIN_CONFIG = frozenset({"frozen", "extra", "validate_assignment", "defer_build"})
"""Settings that change nothing in how a value given exactly is validated."""


class _Unfit(Exception):
    """The value needs pydantic's own validation."""


def validate_fast(model: type[ModelT], record: Mapping[str, Any]) -> ModelT | None:
    """`model.model_validate(record)`, by the same validators, or None when only pydantic can
    tell (the caller validates then, and gets the model or the usual error)."""
    # Called for each of tens of thousands of records a reader makes: the plan and the
    # record's constructor are found here, with no layer of calls between.
    plan = _plan(model)  # functools' cache, in C
    if plan is None:
        return None
    keys = tuple(record)
    make = plan.makers.get(keys, _UNMADE)
    if make is _UNMADE:
        make = plan.make(keys)
    if make is None:
        return None  # an unknown key, a missing required field, a field left to pydantic
    try:
        return make(record)  # type: ignore[no-any-return]
    # Anything unusual, a refusal included, is left to pydantic: it decides what it means.
    except Exception:
        return None


def prechecked(model: type[ModelT], record: Mapping[str, Any]) -> ModelT | None:
    """`validate_fast(model, record)` for a record whose values have all passed their fields'
    validators already, where they were read (a link's end that is the id of a node read
    before it passed the id rule as that node's id): the validators are not run on them
    again. Only for validators that give back a value they accept unchanged; the model's own
    validators still run. None when only pydantic can tell, as for `validate_fast`."""
    plan = _plan(model)  # functools' cache, in C
    if plan is None:
        return None
    keys = tuple(record)
    make = plan.prechecked.get(keys, _UNMADE)
    if make is _UNMADE:
        make = plan.make(keys, checked=True)
    if make is None:
        return None
    try:
        return make(record)  # type: ignore[no-any-return]
    except Exception:
        return None


def constructor(
    model: type[ModelT], keys: tuple[str, ...], checked: bool = False, held: bool = False
) -> Callable[[Mapping[str, Any]], ModelT] | None:
    """The constructor `validate_fast` calls for records with exactly these keys, in this
    order (with `checked`, the one `prechecked` calls), for a caller that builds many records
    of one shape without looking it up for each; None for a shape only pydantic builds. It
    raises where those return None: the caller then validates the usual way. With `held`, the
    model's own validators are left out too, for a caller that knows their verdict on the
    record: they passed a record alike in every value they read."""
    plan = _plan(model)
    if plan is None:
        return None
    if held:
        return typing.cast(
            Callable[[Mapping[str, Any]], ModelT] | None,
            plan.variant(keys, checked, False, held=True),
        )
    make = (plan.prechecked if checked else plan.makers).get(keys, _UNMADE)
    if make is _UNMADE:
        make = plan.make(keys, checked=checked)
    return typing.cast(Callable[[Mapping[str, Any]], ModelT] | None, make)


def positional_constructor(
    model: type[ModelT], keys: tuple[str, ...], checked: bool = False, held: bool = False
) -> Callable[..., ModelT] | None:
    """`constructor(model, keys, checked, held)`, taking the record's values as arguments in
    the order of `keys`: for a reader that has the values at hand and would build a dict only
    for the constructor to take it apart again."""
    plan = _plan(model)
    if plan is None:
        return None
    return typing.cast(Callable[..., ModelT] | None, plan.variant(keys, checked, True, held))


def build(model: type[ModelT], **values: Any) -> ModelT:
    """`model(**values)`, without building pydantic's validator when `validate_fast` can tell."""
    fast = validate_fast(model, values)
    return fast if fast is not None else model(**values)


class _Plan:
    """How one model class is built fast: a step per field, and its defaults."""

    def __init__(self, model: type[BaseModel], steps: dict[str, _Step]) -> None:
        fields = model.model_fields
        self.model = model
        self.steps = steps
        self.required = tuple(name for name, field in fields.items() if field.is_required())
        # Every field in declaration order, so that the instance's __dict__ is ordered as
        # pydantic orders it (repr and iteration follow it).
        self.defaults = {
            name: None if field.is_required() or field.default_factory else field.default
            for name, field in fields.items()
        }
        self.factories = tuple(
            (name, typing.cast(Callable[[], Any], field.default_factory))
            for name, field in fields.items()
            if field.default_factory is not None
        ) + tuple(
            # pydantic gives each instance its own copy of a mutable default
            (name, functools.partial(copy.deepcopy, field.default))
            for name, field in fields.items()
            if type(field.default) in (list, dict, set)
        )
        self.after = tuple(
            decorator.func for decorator in model.__pydantic_decorators__.model_validators.values()
        )
        self.post_init = bool(model.__pydantic_post_init__)
        self.setters = tuple(_setter(model, name) for name in _SLOTS)
        self.makers: _Makers = {}
        self.prechecked: _Makers = {}
        """Constructors for records whose values passed their validators already."""
        self.variants: dict[tuple[tuple[str, ...], bool, bool, bool], _Make | None] = {}
        """The other constructors, by keys, `checked`, positional and `held`: found once by
        their callers, not per record."""

    def make(self, keys: tuple[str, ...], checked: bool = False) -> _Make | None:
        """The constructor for records of this shape, made the first time it is met. A reader's
        records have a handful of shapes (the same keys in the same order)."""
        makers = self.prechecked if checked else self.makers
        make = _compile(self, keys, checked=checked)
        if len(makers) < _MAX_SHAPES:  # bounded, whatever records a caller sends
            makers[keys] = make
        return make

    def variant(
        self, keys: tuple[str, ...], checked: bool, positional: bool, held: bool = False
    ) -> _Make | None:
        key = (keys, checked, positional, held)
        make = self.variants.get(key, _UNMADE)
        if make is _UNMADE:
            make = _compile(self, keys, checked=checked, positional=positional, held=held)
            if len(self.variants) < _MAX_SHAPES:
                self.variants[key] = make
        return typing.cast(_Make | None, make)


_UNMADE: Any = object()
_MAX_SHAPES = 256
"""Shapes of record kept per model: a reader makes a few; random records (tests) many more."""


def _compile(
    plan: _Plan,
    keys: tuple[str, ...],
    checked: bool = False,
    positional: bool = False,
    held: bool = False,
) -> _Make | None:
    """A constructor for records with exactly these keys, in this order, or None when one is
    not a field the plan builds or a required field is missing. It does what the generic loop
    of a plan would (each value passes its type or is converted, then its field's validator;
    defaults and factories for the rest, in declaration order; what model_construct sets;
    post-init and the model's validators), written out so that no step is looked up per value:
    Python code generated once per shape, as dataclasses and attrs make their __init__. With
    `checked`, the fields' validators are left out (`prechecked`); with `positional`, the values
    are its arguments, in the order of `keys`; with `held`, the model's validators are left out
    (`constructor`)."""
    if any(key not in plan.steps for key in keys) or any(n not in keys for n in plan.required):
        return None
    scope: dict[str, Any] = {"_new": plan.model.__new__, "_model": plan.model}
    # The setters of pydantic's four slots, called directly: half the time of
    # object.__setattr__, which looks each one up by name first.
    scope |= {f"_set{i}": setter for i, setter in enumerate(plan.setters)}
    scope["_Unfit"] = _Unfit
    body = []
    for i, key in enumerate(keys):
        kind, nullable, convert, validator = plan.steps[key]
        scope[f"_c{i}"], scope[f"_t{i}"], scope[f"_f{i}"] = convert, kind, validator
        if not positional:
            body.append(f"v{i} = record[{key!r}]")
        if kind is None:
            body.append(f"v{i} = _c{i}(v{i})")
        elif nullable:  # None, or the one type that passes as it is
            body.append(f"if v{i} is not None and type(v{i}) is not _t{i}: v{i} = _c{i}(v{i})")
        else:
            body.append(f"if type(v{i}) is not _t{i}: v{i} = _c{i}(v{i})")
        if validator is not None and not checked:
            body.append(f"v{i} = _f{i}(v{i})")
    given = "{" + ", ".join(repr(key) for key in keys) + "}" if keys else "set()"
    body += ["instance = _new(_model)", *_values(plan, keys, scope), f"_set1(instance, {given})"]
    body += ["_set2(instance, None)", "_set3(instance, None)"]
    if plan.post_init:
        body.append("instance.model_post_init(None)")
    for k, after in enumerate(() if held else plan.after):
        scope[f"_a{k}"] = after
        body.append(f"if _a{k}(instance) is not instance: raise _Unfit")
    body.append("return instance")
    arguments = ", ".join(f"v{i}" for i in range(len(keys))) if positional else "record"
    source = f"def make({arguments}):\n" + "".join(f"    {line}\n" for line in body)
    exec(compile(source, f"<fast build of {plan.model.__name__}>", "exec"), scope)
    return typing.cast(_Make, scope["make"])


def _values(plan: _Plan, keys: tuple[str, ...], scope: dict[str, Any]) -> list[str]:
    """The lines that set the instance's values, every field in declaration order: a literal
    when the record gives every field; else a copy of the defaults with the given values and
    fresh empty values set into it (a node gives 3 to 8 of its 23 fields: copying a dict of
    23 entries is about a third of the time of building the literal, which inserts each)."""
    factories = dict(plan.factories)
    literal = len(keys) == len(plan.defaults)
    if not literal:
        scope["_defaults"] = dict(plan.defaults)  # only ever copied
    entries = []
    for j, name in enumerate(plan.defaults):
        if name in keys:
            value = f"v{keys.index(name)}"
        elif (empty := _EMPTY.get(id(factories.get(name)))) is not None:
            value = empty  # `{}` makes what `dict()` does, no call
        elif name in factories:
            scope[f"_m{j}"] = factories[name]
            value = f"_m{j}()"
        elif literal:
            scope[f"_d{j}"] = plan.defaults[name]
            value = f"_d{j}"
        else:
            continue  # the copy holds it
        entries.append((name, value))
    if literal:
        return [f"_set0(instance, {{{', '.join(f'{n!r}: {v}' for n, v in entries)}}})"]
    return [
        "values = _defaults.copy()",
        *(f"values[{name!r}] = {value}" for name, value in entries),
        "_set0(instance, values)",
    ]


_SLOTS = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
"""What model_construct sets on an instance, in this order: pydantic's slots on BaseModel."""


def _setter(model: type[BaseModel], name: str) -> Callable[[Any, Any], None]:
    """How to set one of BaseModel's slots on an instance of `model`: its descriptor's setter
    when the model takes that slot from BaseModel (pydantic's own layout), else the usual
    setattr."""
    slot = BaseModel.__dict__.get(name)
    if slot is not None and inspect.getattr_static(model, name) is slot:
        return typing.cast(Callable[[Any, Any], None], slot.__set__)
    return lambda instance, value: object.__setattr__(instance, name, value)


_EMPTY = {id(dict): "{}", id(list): "[]"}
"""Default factories written as the literal that makes the same empty value (by identity: a
factory may be any callable, hashable or not)."""

_Step = tuple[type | None, bool, "Check", Callable[[Any], Any] | None]
"""A field's step: the type a value passes as it is (and whether None passes too), how any
other value is converted (or refused), and the field's validator."""


@functools.cache
def _plan(model: type[BaseModel]) -> _Plan | None:
    """The plan for a model, or None for a model this module cannot build exactly."""
    try:
        return _plan_for(model)
    except (AttributeError, TypeError):
        return None  # a pydantic whose internals differ: its own validation is always right


def _plan_for(model: type[BaseModel]) -> _Plan | None:
    config = model.model_config
    if not config.keys() <= _PLAIN_CONFIG or config.get("extra") == "allow":
        return None
    decorators = model.__pydantic_decorators__
    if decorators.validators or decorators.root_validators or decorators.computed_fields:
        return None  # the deprecated kinds, or fields computed on access
    if any(
        decorator.info.mode != "after" or _arity(decorator.func) != 1
        for decorator in decorators.model_validators.values()
    ):
        return None
    by_field: dict[str, list[Callable[[Any], Any]]] = {}
    for decorator in decorators.field_validators.values():
        if decorator.info.mode != "after" or _arity(decorator.func) != 1:
            return None
        for name in decorator.info.fields:
            by_field.setdefault(name, []).append(decorator.func)
    steps: dict[str, _Step] = {}
    for name, field in model.model_fields.items():
        if field.validate_default or (
            field.default_factory not in _PLAIN_FACTORIES
            and getattr(field, "default_factory_takes_validated_data", False)
        ):
            return None  # defaults would be validated or computed from other fields
        validators = by_field.get(name, [])
        check = _check(field.annotation)
        # A field with constraints, aliases or two validators (their order) is left to pydantic.
        if (
            check is None
            or field.metadata
            or field.alias
            or field.validation_alias
            or field.discriminator
            or len(validators) > 1
        ):
            continue
        kind, nullable = _passes(field.annotation)
        steps[name] = (kind, nullable, check, validators[0] if validators else None)
    return _Plan(model, steps)


def _passes(annotation: Any) -> tuple[type | None, bool]:
    """The one type whose values pass a field unchanged and unchecked, if there is one, and
    whether None passes too (an optional field)."""
    if annotation in _EXACT:
        return typing.cast(type, annotation), False
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum | BaseModel):
        return annotation, False  # a member or an instance, as pydantic takes it
    args = typing.get_args(annotation)
    if (
        typing.get_origin(annotation) in (types.UnionType, typing.Union)
        and len(args) == 2
        and type(None) in args
    ):
        inner, _ = _passes(next(arg for arg in args if arg is not type(None)))
        return inner, inner is not None
    return None, False


def _arity(function: Callable[..., Any]) -> int:
    """How many arguments a validator takes (a bound classmethod's class not counted); -1 for
    one that takes them in another way. Read off its code: inspect.signature took longer than
    a small case's whole reading."""
    code = getattr(function, "__code__", None)
    if (
        code is None
        or code.co_kwonlyargcount
        or code.co_flags & (inspect.CO_VARARGS | inspect.CO_VARKEYWORDS)
    ):
        return -1
    return int(code.co_argcount) - (1 if inspect.ismethod(function) else 0)


def _then(check: Check, validator: Callable[[Any], Any]) -> Check:
    return lambda value: validator(check(value))


def _check(annotation: Any) -> Check | None:
    """The check for values of a field's type, or None for a type left to pydantic."""
    if annotation is Any:
        return _same
    if annotation in _EXACT:
        return functools.partial(_exactly, annotation)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return functools.partial(_member, annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return functools.partial(_model, annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (types.UnionType, typing.Union) and len(args) == 2 and type(None) in args:
        inner = _check(next(arg for arg in args if arg is not type(None)))
        return None if inner is None else functools.partial(_optional, inner)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _check(args[0])
        return None if item is None else functools.partial(_items, tuple, item, args[0])
    if origin is tuple and args and args[-1] is not Ellipsis and args != ((),):
        parts = [_check(arg) for arg in args]
        if any(part is None for part in parts):
            return None
        return functools.partial(_fixed, tuple(typing.cast(list[Check], parts)))
    if origin is list and len(args) == 1:
        item = _check(args[0])
        return None if item is None else functools.partial(_items, list, item, args[0])
    if origin is dict and args and args[0] is str:
        value = _check(args[1])
        return None if value is None else functools.partial(_mapping, value)
    return None


def _same(value: Any) -> Any:
    return value


def _exactly(kind: type, value: Any) -> Any:
    if type(value) is not kind:
        raise _Unfit
    return value


def _member(kind: type[enum.Enum], value: Any) -> Any:
    if type(value) is kind:
        return value
    if type(value) is not str:
        raise _Unfit
    return kind(value)  # pydantic finds a member by its value; a wrong one raises ValueError


def _model(kind: type[BaseModel], value: Any) -> Any:
    if isinstance(value, kind):
        return value  # pydantic takes an instance as it is (revalidate_instances="never")
    if type(value) is not dict:
        raise _Unfit
    built = validate_fast(kind, value)
    if built is None:
        raise _Unfit
    return built


def _optional(inner: Check, value: Any) -> Any:
    return None if value is None else inner(value)


def _items(
    kind: type[tuple[Any, ...]] | type[list[Any]], item: Check, annotation: Any, value: Any
) -> Any:
    if type(value) is not kind:
        raise _Unfit  # a list for a tuple field: pydantic converts it
    if (
        isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
        and all(map(isinstance, value, itertools.repeat(annotation)))
    ):
        # Instances, taken as they are (`_model`), found in one pass in C: a case's 20,000
        # nodes and links.
        return kind(value)
    return kind(item(part) for part in value)


def _fixed(parts: tuple[Check, ...], value: Any) -> Any:
    if type(value) is not tuple or len(value) != len(parts):
        raise _Unfit
    return tuple(check(part) for check, part in zip(parts, value, strict=True))


def _mapping(check: Check, value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise _Unfit
    if check is _same:
        if not all(type(key) is str for key in value):
            raise _Unfit
        return dict(value)
    return {_exactly(str, key): check(part) for key, part in value.items()}
