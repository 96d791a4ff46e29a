"""The query language's parser: text such as `type=solution and not state=current` into a tree
of conditions, or a `QueryError` that names the column and what was expected there.

Grammar (keywords and field names ignore case)::

    query     := or_expr
    or_expr   := and_expr ("or" and_expr)*
    and_expr  := not_expr ("and" not_expr)*
    not_expr  := "not" not_expr | primary
    primary   := "(" or_expr ")" | "under" VALUE | FIELD ("=" | "!=" | "~") VALUE
    VALUE     := a word without spaces, brackets, quotes or = ! ~, or a "quoted" / 'quoted'
                 string (a backslash keeps the next character)

`not` binds tighter than `and`, which binds tighter than `or`, as in SQL and Python.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum

from gsn_studio.analysis.evidence import EvidenceState
from gsn_studio.model import MAX_NESTING, NodeType
from gsn_studio.notation.palette import Status

FIELDS = ("type", "id", "text", "owner", "tag", "status", "state", "module", "trace")
"""The fields a condition can test, in the order the documentation lists them."""

EVIDENCE_STATES = (*(state.value for state in EvidenceState), "none")
"""`analysis.evidence.Judgement.state`'s words, and `none` for an element without evidence."""

STATUS_VALUES = (*(status.value for status in Status if status is not Status.NONE), "none")
"""The canvas marks (`palette.Status`), and `none` for an element with no mark."""

TYPE_VALUES = {node_type.value.lower(): node_type for node_type in NodeType}
_TYPE_SPELLINGS = {
    **TYPE_VALUES,
    "counter-goal": NodeType.COUNTER_GOAL,
    "counter-solution": NodeType.COUNTER_SOLUTION,
}
_CLOSED_VALUES: dict[str, tuple[str, ...]] = {
    "type": tuple(TYPE_VALUES),
    "status": STATUS_VALUES,
    "state": EVIDENCE_STATES,
}
"""Fields whose values are a fixed list: a misspelt value is an error, not an empty answer."""

KEYWORDS = ("and", "or", "not", "under")


class Op(StrEnum):
    EQUALS = "="
    NOT_EQUALS = "!="
    CONTAINS = "~"


class QueryError(ValueError):
    """A query that cannot be read; `column` counts from 1, as editors do."""

    def __init__(self, column: int, message: str) -> None:
        super().__init__(f"query:1:{column}: {message}")
        self.column = column
        self.message = message


@dataclass(frozen=True, slots=True)
class Condition:
    field: str
    op: Op
    value: str
    column: int


@dataclass(frozen=True, slots=True)
class Under:
    node: str
    column: int


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr


@dataclass(frozen=True, slots=True)
class And:
    operands: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Or:
    operands: tuple[Expr, ...]


Expr = Condition | Under | Not | And | Or


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    """"word", "string", "op", "(", ")" or "end"."""
    text: str
    column: int


_OPERATOR = re.compile(r"!=|=|~")
_WORD = re.compile(r"[^\s()\"'=!~]+")


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    index = 0
    while index < len(text):
        char = text[index]
        column = index + 1
        if char.isspace():
            index += 1
        elif char in "()":
            tokens.append(_Token(char, char, column))
            index += 1
        elif char in "\"'":
            value, index = _quoted(text, index)
            tokens.append(_Token("string", value, column))
        elif match := _OPERATOR.match(text, index):
            tokens.append(_Token("op", match.group(), column))
            index = match.end()
        elif match := _WORD.match(text, index):
            tokens.append(_Token("word", match.group(), column))
            index = match.end()
        else:  # a lone "!"
            raise QueryError(column, f"unexpected {char!r}: did you mean '!='?")
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


def _quoted(text: str, start: int) -> tuple[str, int]:
    quote, index, value = text[start], start + 1, []
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            value.append(text[index + 1])
            index += 2
        elif char == quote:
            return "".join(value), index + 1
        else:
            value.append(char)
            index += 1
    raise QueryError(start + 1, f"the string opened here has no closing {quote}")


def _describe(token: _Token) -> str:
    if token.kind == "end":
        return "the end of the query"
    return f"{token.text!r}" if token.kind != "string" else f'the string "{token.text}"'


def did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.index = 0
        self.depth = 0

    def deeper(self, token: _Token) -> None:
        """One more `not` or `(`: refused past MAX_NESTING, as deep files are, so that a
        hostile query is an error message and not a crash."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise QueryError(
                token.column, f"the query nests 'not' and '(' more than {MAX_NESTING} deep"
            )

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def keyword(self, word: str) -> bool:
        token = self.current
        if token.kind == "word" and token.text.lower() == word:
            self.index += 1
            return True
        return False

    def parse(self) -> Expr:
        if self.current.kind == "end":
            raise QueryError(1, "the query is empty: expected a condition such as type=goal")
        expr = self.or_expr()
        token = self.current
        if token.kind != "end":
            expected = "'and', 'or' or the end of the query"
            if any(t.kind == "(" for t in self.tokens[: self.index]):
                expected = "'and', 'or', ')' or the end of the query"
            raise QueryError(token.column, f"expected {expected}, not {_describe(token)}")
        return expr

    def or_expr(self) -> Expr:
        operands = [self.and_expr()]
        while self.keyword("or"):
            operands.append(self.and_expr())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def and_expr(self) -> Expr:
        operands = [self.not_expr()]
        while self.keyword("and"):
            operands.append(self.not_expr())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def not_expr(self) -> Expr:
        token = self.current
        if self.keyword("not"):
            self.deeper(token)
            inner = self.not_expr()
            self.depth -= 1
            return Not(inner)
        return self.primary()

    def primary(self) -> Expr:
        token = self.current
        if token.kind == "(":
            self.index += 1
            self.deeper(token)
            expr = self.or_expr()
            self.depth -= 1
            if self.current.kind != ")":
                raise QueryError(
                    self.current.column,
                    f"expected ')' to close the '(' at column {token.column}, "
                    f"not {_describe(self.current)}",
                )
            self.index += 1
            return expr
        if token.kind == "word" and token.text.lower() == "under":
            self.index += 1
            node = self.current
            if node.kind not in ("word", "string") or _is_keyword(node):
                raise QueryError(
                    node.column, f"expected a node id after 'under', not {_describe(node)}"
                )
            self.index += 1
            return Under(node.text, node.column)
        if token.kind != "word" or _is_keyword(token):
            raise QueryError(
                token.column,
                f"expected a condition (a field such as type, or 'under', 'not', '('), "
                f"not {_describe(token)}",
            )
        return self.condition(token)

    def condition(self, token: _Token) -> Condition:
        name = token.text.lower()
        if name not in FIELDS:
            raise QueryError(
                token.column,
                f"unknown field {token.text!r}{did_you_mean(name, FIELDS)}; "
                f"fields: {', '.join(FIELDS)}",
            )
        self.index += 1
        operator = self.current
        if operator.kind != "op":
            raise QueryError(
                operator.column,
                f"expected '=', '!=' or '~' after '{token.text}', not {_describe(operator)}",
            )
        self.index += 1
        value = self.current
        if value.kind not in ("word", "string"):
            raise QueryError(
                value.column,
                f"expected a value after '{operator.text}', not {_describe(value)}",
            )
        self.index += 1
        return Condition(name, Op(operator.text), _checked(name, value), token.column)


def _is_keyword(token: _Token) -> bool:
    return token.kind == "word" and token.text.lower() in KEYWORDS


def _checked(field: str, token: _Token) -> str:
    value = token.text
    if field == "type":
        node_type = _TYPE_SPELLINGS.get(value.lower())
        if node_type is not None:
            return node_type.value.lower()
    allowed = _CLOSED_VALUES.get(field)
    if allowed is None or value.lower() in allowed or any(c in value for c in "*?"):
        return value
    raise QueryError(
        token.column,
        f"unknown {field} {value!r}{did_you_mean(value, allowed)}; {field}s: {', '.join(allowed)}",
    )


def parse(text: str) -> Expr:
    """The query's tree, or QueryError naming the column and what was expected there."""
    return _Parser(text).parse()


def fields_of(expr: Expr) -> set[str]:
    """The fields a query tests (with "under" for an under condition)."""
    if isinstance(expr, Condition):
        return {expr.field}
    if isinstance(expr, Under):
        return {"under"}
    if isinstance(expr, Not):
        return fields_of(expr.operand)
    return set().union(*(fields_of(operand) for operand in expr.operands))
