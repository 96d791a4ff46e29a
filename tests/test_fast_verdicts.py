"""Building a node fast: the node validator's reads, and the constructor that leaves the model's
validators to a caller that knows their verdict."""

from __future__ import annotations

from typing import Any

from gsn_studio.model import Node, NodeType
from gsn_studio.model.fast_validate import constructor


def test_a_held_constructor_leaves_the_model_validators_out() -> None:
    """`constructor(..., held=True)` builds without the model's validators, as it says."""
    keys = ("id", "type", "undeveloped")
    held = constructor(Node, keys, held=True)
    assert held is not None
    node = held({"id": "C1", "type": NodeType.CONTEXT, "undeveloped": True})
    assert node.undeveloped and node.type is NodeType.CONTEXT


def test_the_node_validator_reads_the_fields_in_one_attribute_read() -> None:
    """The node validator reads a node's fields from its dict, not each through pydantic's
    attribute hook (a read of each was a third of building a node of a large case)."""
    read: list[str] = []

    class Spied(Node):
        def __getattribute__(self, name: str) -> Any:
            read.append(name)
            return super().__getattribute__(name)

    node = Spied.model_validate({"id": "G1", "type": NodeType.GOAL, "owner": "Lead"})
    during = list(read)
    assert node.owner == "Lead"
    assert "__dict__" in during and not set(Node.model_fields) & set(during)


def test_the_node_validator_reads_no_member_through_its_enum_class() -> None:
    """The node validator compares with members held in globals: a member read from its enum
    class goes through Python 3.11's EnumType.__getattr__ hook, for every node built."""
    validator = Node.__pydantic_decorators__.model_validators["_check_type_fields"].func
    names = set(validator.__code__.co_names)
    assert not {"NodeType", "DefeaterStatus"} & names
    assert {"_GOAL", "_OPEN"} <= names
