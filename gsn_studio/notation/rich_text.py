"""Rich statement text, as gsn2x users write it: `*bold*`, `_italic_`, bullet lines (`- ` or
`* `), links (`[label](https://...)` or a bare https:// address).

Statements are stored as written. For drawing, `display_text` gives the text without markup
(what is measured and wrapped, by the same linear `wrap_text` as plain text), and
`styled_lines` lays the styles back over the wrapped lines, in one pass.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

BULLET = "• "
_BULLET_LINE = re.compile(r"^(\s*)[-*] (?=\S)")
_INLINE = re.compile(
    r"\[(?P<label>[^\]\n]+)\]\((?P<target>(?:https?://|mailto:)[^\s)]+)\)"
    r"|(?P<url>https?://[^\s<>\"'\]]*[^\s<>\"'.,;:!?)\]])"
    r"|(?<![\w*])\*(?=\S)(?P<bold>[^*\n]+?)(?<=\S)\*(?![\w*])"
    r"|(?<![\w_])_(?=\S)(?P<italic>[^_\n]+?)(?<=\S)_(?![\w_])"
)
_SAFE_LINK = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
_MARKUP_HINT = re.compile(r"[*_\[]|https?://|^\s*- ", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    bold: bool = False
    italic: bool = False
    href: str = ""


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


@dataclass(frozen=True, slots=True)
class RichText:
    plain: str
    spans: tuple[Span, ...]


def _hinted(statement: str) -> bool:
    """Whether markup may start somewhere in the statement: the pattern is searched only
    where one of the characters it needs is (a scan for them costs a tenth of the search,
    and most statements hold none: 10,000 nodes on opening)."""
    # Every match of _MARKUP_HINT holds one of these (spelt out: a loop costs as much again).
    s = statement
    if not ("*" in s or "_" in s or "[" in s or "://" in s or "- " in s):
        return False
    return _MARKUP_HINT.search(statement) is not None


@functools.lru_cache(maxsize=65536)
def has_markup(statement: str) -> bool:
    """Cheap test: most statements have none, and keep the plain drawing path."""
    if not _hinted(statement):
        return False
    return bool(parse(statement).spans) or _bullets(statement)


def _bullets(statement: str) -> bool:
    return any(_BULLET_LINE.match(line) for line in statement.split("\n"))


@functools.lru_cache(maxsize=4096)
def parse(statement: str) -> RichText:
    """The text as shown, and where its styles and links are."""
    out: list[str] = []
    spans: list[Span] = []
    length = 0
    for number, written in enumerate(statement.split("\n")):
        if number:
            out.append("\n")
            length += 1
        bullet = _BULLET_LINE.match(written)
        line = written
        if bullet:
            shown = bullet.group(1) + BULLET
            out.append(shown)
            length += len(shown)
            line = written[bullet.end() :]
        cursor = 0
        for match in _INLINE.finditer(line):
            before = line[cursor : match.start()]
            out.append(before)
            length += len(before)
            text, span = _styled(match, length)
            out.append(text)
            length += len(text)
            if span is not None:
                spans.append(span)
            cursor = match.end()
        rest = line[cursor:]
        out.append(rest)
        length += len(rest)
    return RichText("".join(out), tuple(spans))


def _styled(match: re.Match[str], at: int) -> tuple[str, Span | None]:
    if match.group("label") is not None:
        text, href = match.group("label"), match.group("target")
        return text, Span(at, at + len(text), href=href) if _SAFE_LINK.match(href) else None
    if match.group("url") is not None:
        text = match.group("url")
        return text, Span(at, at + len(text), href=text)
    if match.group("bold") is not None:
        text = match.group("bold")
        return text, Span(at, at + len(text), bold=True)
    text = match.group("italic")
    return text, Span(at, at + len(text), italic=True)


def display_text(statement: str) -> str:
    """The statement as drawn, without markup: what is wrapped."""
    if not _hinted(statement):
        return statement
    return parse(statement).plain


def styled_lines(statement: str, lines: tuple[str, ...] | list[str]) -> list[list[Run]]:
    """The wrapped lines (of `display_text`) as runs of one style each."""
    rich = parse(statement)
    plain, spans = rich.plain, rich.spans
    result: list[list[Run]] = []
    cursor, span_index = 0, 0
    for line in lines:
        while cursor < len(plain) and plain[cursor] in " \n" and not plain.startswith(line, cursor):
            cursor += 1
        if not line or not plain.startswith(line, cursor):
            result.append([Run(line)] if line else [])  # the "…" of a cut-off last line
            continue
        start, end = cursor, cursor + len(line)
        while span_index < len(spans) and spans[span_index].end <= start:
            span_index += 1
        runs: list[Run] = []
        position, index = start, span_index
        while position < end:
            span = spans[index] if index < len(spans) else None
            if span is None or span.start >= end:
                runs.append(Run(plain[position:end]))
                break
            if span.start > position:
                runs.append(Run(plain[position : span.start]))
                position = span.start
            stop = min(span.end, end)
            runs.append(Run(plain[position:stop], span.bold, span.italic, span.href))
            position = stop
            index += 1
        result.append(runs)
        cursor = end
    return result
