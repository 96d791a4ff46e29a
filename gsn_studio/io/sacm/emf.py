"""What every EMF XMI dialect shares: xsi:type, references written as fragment paths or ids,
and the texts SACM keeps in LangStrings, MultiLangStrings and terminology expressions."""

from __future__ import annotations

import re

from lxml import etree

XMI = "http://www.omg.org/XMI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSI_TYPE = f"{{{XSI}}}type"
XMI_ID = f"{{{XMI}}}id"
XMI_TYPE = f"{{{XMI}}}type"

MAX_EXPRESSION_DEPTH = 20
"""Terminology expressions nest a few levels; a deeper (or circular) one is cut off."""

MAX_TEXT = 100_000
"""A text built from terms is cut here: terms repeated many times over cannot grow without end."""

_SEGMENT = re.compile(r"^@([A-Za-z_][\w.-]*?)(?:\.(\d+))?$")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")


def local(tag: object) -> str:
    """An element's name without its namespace ('' for comments and processing instructions)."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def namespace(tag: object) -> str:
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag[:1] == "{" else ""


def type_of(element: etree._Element) -> tuple[str, str]:
    """(namespace, class name) from xsi:type (or xmi:type), else from the element's own tag."""
    value = element.get(XSI_TYPE) or element.get(XMI_TYPE)
    if value:
        prefix, _, name = value.rpartition(":")
        return element.nsmap.get(prefix or None, "") or "", name
    return namespace(element.tag), local(element.tag)


def children(element: etree._Element, name: str) -> list[etree._Element]:
    """Child elements of a containment feature: EMF writes them unqualified, by feature name."""
    return [child for child in element if isinstance(child.tag, str) and local(child.tag) == name]


class References:
    """Resolves the references of one document: `//@feature.N/@feature.M` paths, xmi:ids and
    (as ACEditor and DEIS tools do) gids. A reference into another file resolves to nothing."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self._features: dict[etree._Element, dict[str, list[etree._Element]]] = {}
        self._resolved: dict[str, etree._Element | None] = {}
        self.by_id: dict[str, etree._Element] = {}
        self.by_gid: dict[str, etree._Element] = {}
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            xmi_id = element.get(XMI_ID)
            if xmi_id:
                self.by_id.setdefault(xmi_id, element)
            gid = element.get("gid") or element.get("id")
            if gid:
                self.by_gid.setdefault(gid, element)

    def resolve(self, reference: str) -> etree._Element | None:
        if reference not in self._resolved:  # every relationship refers: look each up once
            self._resolved[reference] = self._resolve(reference)
        return self._resolved[reference]

    def _resolve(self, reference: str) -> etree._Element | None:
        document, hashed, fragment = reference.partition("#")
        if not hashed:
            fragment, document = reference, ""
        if document:
            return None  # another file: not opened
        if fragment.startswith("/"):
            return self._path(fragment)
        found = self.by_id.get(fragment)
        return found if found is not None else self.by_gid.get(fragment)

    def _path(self, fragment: str) -> etree._Element | None:
        parts = fragment.split("/")
        # "//@a.0/@b.1": the first root; "/1/@a.0": the second of several roots.
        if fragment.startswith("//"):
            parts = parts[2:]
        else:
            parts = parts[1:]
            if not parts or parts[0] not in ("", "0"):
                return None
            parts = parts[1:]
        current = self.root
        for part in parts:
            if not part:
                continue
            match = _SEGMENT.match(part)
            if match is None:
                return None
            found = self._feature(current, match.group(1))
            index = int(match.group(2) or 0)
            if index >= len(found):
                return None
            current = found[index]
        return current

    def _feature(self, element: etree._Element, name: str) -> list[etree._Element]:
        """The children of one containment feature, from an index built once per element."""
        features = self._features.get(element)
        if features is None:
            features = {}
            for child in element:
                if isinstance(child.tag, str):
                    features.setdefault(local(child.tag), []).append(child)
            self._features[element] = features
        return features.get(name, [])

    def references(self, element: etree._Element, feature: str) -> list[str]:
        """A reference feature's values: space-separated in an attribute, or child elements
        with an href (how EMF writes references into other files)."""
        values = (element.get(feature) or "").split()
        values += [child.get("href", "") for child in children(element, feature)]
        return [value for value in values if value]


def lang_string(element: etree._Element | None) -> str:
    """A LangString's text; a name written as a MultiLangString gives its first value."""
    if element is None:
        return ""
    text = element.get("content") or element.get("value") or (element.text or "").strip()
    if not text:
        for value in children(element, "value"):
            text = value.get("content") or ""
            if text.strip():
                break
    return str(text)


def name_of(element: etree._Element) -> str:
    """A ModelElement's name: a LangString child (SACM 2), else a name attribute (SACM 1, ARM)."""
    found = children(element, "name")
    if found:
        return lang_string(found[0]).strip()
    return (element.get("name") or "").strip()


class Texts:
    """The text of a MultiLangString, built from terminology expressions where it points to
    one (ExpressionLangString) rather than holding its content."""

    def __init__(self, references: References) -> None:
        self.references = references
        self._built: dict[etree._Element, str] = {}
        self._building: set[etree._Element] = set()

    def multi(self, element: etree._Element | None) -> str:
        """The first non-empty value of a MultiLangString (`content/value`, or `value`)."""
        if element is None:
            return ""
        holders = children(element, "content") or [element]
        for holder in holders:
            for value in children(holder, "value"):
                text = self.value(value)
                if text.strip():
                    return text
            own = holder.get("content")
            if own and own.strip():
                return str(own)
        return ""

    def value(self, value: etree._Element) -> str:
        text = value.get("content") or ""
        if text.strip():
            return text
        for reference in self.references.references(value, "expression"):
            target = self.references.resolve(reference)
            if target is not None:
                return self.expression(target, 0)
        return text

    def expression(self, element: etree._Element, depth: int) -> str:
        """A Term's value, or an Expression built from its elements' values in order. Each is
        built once (a hostile file could nest one expression many times in another) and an
        expression that contains itself contributes nothing the second time."""
        built = self._built.get(element)
        if built is not None:
            return built
        if depth > MAX_EXPRESSION_DEPTH or element in self._building:
            return ""
        value = element.get("value") or ""
        parts = self.references.references(element, "element")
        if not parts or (value and "$<" not in value):
            return str(value or name_of(element))
        self._building.add(element)
        words = []
        for reference in parts:
            target = self.references.resolve(reference)
            if target is not None:
                words.append(self.expression(target, depth + 1))
        self._building.discard(element)
        joined = " ".join(word for word in words if word)
        text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", joined)[:MAX_TEXT]
        self._built[element] = text
        return text

    def description(self, element: etree._Element) -> str:
        found = children(element, "description")
        text = self.multi(found[0]) if found else ""
        return text or element.get("description") or element.get("content") or ""
