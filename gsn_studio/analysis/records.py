"""Frozen records made by the thousand on every check, built at the cost of plain ones."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

R = TypeVar("R")


def quick_init(cls: type[R]) -> type[R]:
    """Give a frozen, slotted dataclass a constructor that sets each field through its slot's
    own descriptor. The one dataclasses writes calls `object.__setattr__` per field (to get
    past the frozen guard), which makes a five-field record cost three times a plain one; a
    check makes one per finding, judgement, reason and artifact. Signature, defaults, and
    everything else the dataclass is (equality, hash, repr, frozenness) stay as they were.
    Apply it above `@dataclass`."""
    params = dataclasses.fields(cls)  # type: ignore[arg-type]
    names = [field.name for field in params]
    if any(field.default_factory is not dataclasses.MISSING for field in params):
        raise TypeError(f"{cls.__name__}: quick_init takes fields with plain defaults only")
    if hasattr(cls, "__post_init__"):  # the constructor written here would never call it
        raise TypeError(f"{cls.__name__}: quick_init takes no __post_init__")
    scope: dict[str, Any] = {}
    arguments = []
    for field in params:
        scope[f"_set_{field.name}"] = cls.__dict__[field.name].__set__
        if field.default is dataclasses.MISSING:
            arguments.append(field.name)
        else:
            scope[f"_default_{field.name}"] = field.default
            arguments.append(f"{field.name}=_default_{field.name}")
    body = "".join(f"\n    _set_{name}(self, {name})" for name in names)
    source = f"def __init__(self, {', '.join(arguments)}):{body or ' pass'}"
    exec(source, scope)  # our own field names, as dataclasses itself does
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__
    init.__annotations__ = dict(cls.__init__.__annotations__)
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
