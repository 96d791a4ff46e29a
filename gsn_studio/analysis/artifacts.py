"""The files that evidence points at: where they are, whether we may read them, their SHA-256
and the measured values they hold.

Case files come from other people, so a reference is only read when it stays inside the case's
folder without passing through a symbolic link, unless the user allows more. Results are cached
by size and modification time, so the editor can re-check after every edit without re-hashing.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import math
import os
from enum import StrEnum
from pathlib import Path
from stat import S_ISREG

from gsn_studio.model import is_url
from gsn_studio.model.records import record

MAX_DATA_BYTES = 20 * 1024 * 1024
"""A measurements file larger than this is refused rather than parsed."""
DATA_SUFFIXES = frozenset({".json", ".csv"})


class Access(StrEnum):
    READABLE = "readable"
    MISSING = "missing"
    URL = "url"
    OUTSIDE = "outside"
    """Leaves the case's folder, or passes through a link, and the user has not allowed it."""
    NO_FOLDER = "no-folder"
    """The case has not been saved yet, so relative paths point nowhere."""
    UNREADABLE = "unreadable"
    PENDING = "pending"
    """A large file whose hash is being worked out in the background (the editor); it is
    judged once the hash is known."""


@record
class Artifact:
    reference: str
    access: Access
    path: Path | None = None
    sha256: str = ""
    problem: str = ""
    """Why it could not be read, in words, when access is not READABLE."""

    @property
    def is_data(self) -> bool:
        """A .json or .csv file that measured values are read from."""
        return Path(self.reference.split("?")[0]).suffix.lower() in DATA_SUFFIXES


def hash_file(path: Path) -> str:
    """The SHA-256 of a file, read a megabyte at a time (safe to call from any thread)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class ArtifactReader:
    """Resolves and hashes a case's artifacts relative to the folder of its file."""

    def __init__(
        self, folder: Path | None, allow_outside: bool = False, background_above: int | None = None
    ) -> None:
        self.folder = folder.resolve() if folder is not None else None
        self.allow_outside = allow_outside
        self.background_above = background_above
        """Files larger than this are not hashed by look() but listed in `pending`, for a
        worker to hash (hash_file) and hand back (remember). None: hash everything inline."""
        self.pending: dict[Path, tuple[int, int]] = {}
        self._hashes: dict[Path, tuple[int, int, str]] = {}
        self._places: dict[str, tuple[Path, str, bool, str]] = {}
        self._seen: dict[str, Artifact] | None = None
        """In one pass (`for_one_pass`): what each reference was found to be."""
        self._folders: dict[str, bool] = {}
        """In one pass: whether each folder asked about is there."""

    @classmethod
    def for_case_file(cls, case_path: Path | None, allow_outside: bool = False) -> ArtifactReader:
        return cls(case_path.parent if case_path is not None else None, allow_outside)

    def for_one_pass(self) -> ArtifactReader:
        """This reader (its caches shared) for one pass over a case's evidence, the file
        system taken as it is then: each reference is looked at once, however many solutions
        share it, and a file in a folder that is not there is missing without asking for
        each (a case whose evidence is kept elsewhere names thousands)."""
        one_pass = copy.copy(self)
        one_pass._seen, one_pass._folders = {}, {}
        return one_pass

    def look(self, reference: str, *, inline: bool = False) -> Artifact:
        """Where a reference points and, for a readable file, its SHA-256. With inline, a
        large file is hashed now even when the reader leaves those to a worker."""
        seen = self._seen
        if seen is None or inline:
            return self._look(reference, inline)
        found = seen.get(reference)
        if found is None:
            found = seen[reference] = self._look(reference, inline)
        return found

    def _look(self, reference: str, inline: bool) -> Artifact:
        reference = reference.strip()
        if is_url(reference):
            return Artifact(reference, Access.URL)
        if self.folder is None:
            return Artifact(reference, Access.NO_FOLDER, problem="the case has not been saved")
        joined, refusal, inside, folder = self._place(reference)
        if refusal:
            return Artifact(reference, Access.OUTSIDE, joined, problem=refusal)
        try:
            stat = None if self._folder_gone(folder) else os.stat(joined)
        except FileNotFoundError:
            stat = None
        except OSError as error:
            return Artifact(reference, Access.UNREADABLE, joined, problem=_why(error))
        if stat is None:
            where = "in the case's folder" if inside else f"at {joined}"
            return Artifact(reference, Access.MISSING, joined, problem=f"no such file {where}")
        if not S_ISREG(stat.st_mode):
            return Artifact(reference, Access.UNREADABLE, joined, problem=f"{joined} is not a file")
        cached = self._hashes.get(joined)
        known = cached is not None and cached[:2] == (stat.st_size, stat.st_mtime_ns)
        big = self.background_above is not None and stat.st_size > self.background_above
        if big and not known and not inline:
            self.pending[joined] = (stat.st_size, stat.st_mtime_ns)
            return Artifact(
                reference, Access.PENDING, joined, problem="its hash is still being worked out"
            )
        if known and cached is not None and not cached[2] and not inline:
            problem = "it could not be read"
            return Artifact(reference, Access.UNREADABLE, joined, problem=problem)
        try:
            digest = self._sha256(joined, stat)
        except OSError as error:
            return Artifact(reference, Access.UNREADABLE, joined, problem=_why(error))
        return Artifact(reference, Access.READABLE, joined, digest)

    def _folder_gone(self, folder: str) -> bool:
        """In one pass, whether `folder` is known not to be there (asked once per folder):
        then neither is anything in it."""
        folders = self._folders
        if self._seen is None:
            return False
        gone = folders.get(folder)
        if gone is None and folders.get(os.path.dirname(folder)):
            gone = folders[folder] = True  # in a folder that is not there either
        if gone is None:
            try:
                os.stat(folder)
                gone = False
            except FileNotFoundError:
                gone = True
            except OSError:  # not a folder, not searchable...: each file is asked about
                gone = False
            folders[folder] = gone
        return gone

    def _place(self, reference: str) -> tuple[Path, str, bool, str]:
        """Where a reference points, why it may not be read ("" if it may), whether it is
        inside the case's folder, and the folder it is in. Worked out once per reference
        (the editor re-checks a case after every edit), on strings: path objects made per
        artifact were a tenth of checking a case with 1,600 pieces of evidence."""
        known = self._places.get(reference)
        if known is None:
            assert self.folder is not None
            folder = str(self.folder)
            plain = _plain_relative(reference)
            if plain:  # what normpath gives it, without normpath's Python steps per part
                base = folder.rstrip(os.sep)
                joined = f"{base}{os.sep}{reference}"
                parent = folder if plain == _TOP else f"{base}{os.sep}{plain}"
            else:
                joined = os.path.normpath(os.path.join(folder, reference))
                parent = os.path.dirname(joined)
            # As Path.is_relative_to on these normalised absolute paths: the folder's parts
            # begin the joined path's parts.
            inside = joined == folder or joined.startswith(folder.rstrip(os.sep) + os.sep)
            refusal = self._refusal(reference, joined, inside, parent)
            known = (Path(joined), refusal, inside, parent)
            self._places[reference] = known
        return known

    def _refusal(self, reference: str, joined: str, inside: bool, parent: str) -> str:
        if self.allow_outside:
            return ""
        if os.path.isabs(reference) or not inside:
            return "it is outside the case's folder"
        # A link inside the folder can still lead anywhere: compare with the real path. A
        # path that is not there (nor a dangling link) leads nowhere: no need to resolve it.
        if self._folder_gone(parent) or not os.path.lexists(joined):
            return ""
        if os.path.normcase(os.path.realpath(joined)) != os.path.normcase(joined):
            return "it passes through a symbolic link"
        return ""

    def _sha256(self, path: Path, stat: os.stat_result) -> str:
        cached = self._hashes.get(path)
        if cached and cached[2] and cached[:2] == (stat.st_size, stat.st_mtime_ns):
            return cached[2]
        value = hash_file(path)
        self._hashes[path] = (stat.st_size, stat.st_mtime_ns, value)
        return value

    def remember(self, path: Path, size: int, mtime_ns: int, sha256: str) -> bool:
        """Take a hash worked out elsewhere ("": the file could not be read), if the file is
        still the one that was hashed (same size and time); True when it was taken."""
        self.pending.pop(path, None)
        try:
            stat = os.stat(path)
        except OSError:
            return False
        if (stat.st_size, stat.st_mtime_ns) != (size, mtime_ns):
            return False
        self._hashes[path] = (size, mtime_ns, sha256)
        return True

    def measured_value(self, artifact: Artifact, key: str) -> float:
        """The value a .json or .csv artifact gives for a key; ValueError says why not."""
        if artifact.access is not Access.READABLE or artifact.path is None:
            raise ValueError(artifact.problem or f"{artifact.reference} cannot be read")
        if artifact.path.stat().st_size > MAX_DATA_BYTES:
            raise ValueError(f"{artifact.reference} is larger than {MAX_DATA_BYTES >> 20} MB")
        data = artifact.path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError(f"{artifact.reference} is not UTF-8 text") from None
        if artifact.path.suffix.lower() == ".json":
            return value_from_json(text, key, artifact.reference)
        return value_from_csv(text, key, artifact.reference)


def value_from_json(text: str, key: str, name: str) -> float:
    """A number at a dotted key; a top-level list is a series and its last entry counts."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise ValueError(f"{name} is not valid JSON ({error})") from None
    if isinstance(data, list) and data:
        data = data[-1]
    current = data
    if isinstance(current, dict) and key in current:
        current = current[key]  # a key that itself contains dots
    else:
        for part in key.split("."):
            if not isinstance(current, dict) or part not in current:
                raise ValueError(f"{name} has no value for {key!r}")
            current = current[part]
    return _number(current, key, name)


def value_from_csv(text: str, key: str, name: str) -> float:
    """A column named `key` (its last non-empty value, as a monitoring log appends rows), or a
    row whose first cell is `key` (its second cell)."""
    import csv  # noqa: PLC0415 (only for values measured in CSV files; `check` seldom needs it)

    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ValueError(f"{name} is empty")
    header = [cell.strip() for cell in rows[0]]
    if key in header:
        column = header.index(key)
        for row in reversed(rows[1:]):
            if len(row) > column and row[column].strip():
                return _number(row[column].strip(), key, name)
        raise ValueError(f"{name} has a column {key!r} but no value in it")
    for row in reversed(rows):
        if len(row) >= 2 and row[0].strip() == key:
            return _number(row[1].strip(), key, name)
    raise ValueError(f"{name} has no column or row named {key!r}")


def _number(value: object, key: str, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"{name}: {key!r} is not a number")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{name}: {key!r} is {value!r}, not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{name}: {key!r} is {value!r}, not a finite number")
    return number


_TOP = "."
"""`_plain_relative`'s answer for a name right in the case's folder."""


def _plain_relative(reference: str) -> str:
    """For a relative path that normalising leaves as it is (on POSIX: no empty, `.` or `..`
    part, no leading or trailing separator), the folder part of it (`_TOP` for none); ""
    for any other (normpath works those out). Most references are such paths, and a check
    places thousands of them."""
    if os.sep != "/" or os.altsep is not None or not reference:
        return ""
    if reference[0] == "/" or reference[-1] == "/" or "//" in reference:
        return ""
    if "." in reference:  # a part that is "." or ".." (a dot inside a name is plain)
        bounded = f"/{reference}/"
        if "/./" in bounded or "/../" in bounded:
            return ""
    head, _, _ = reference.rpartition("/")
    return head or _TOP


def _why(error: OSError) -> str:
    return f"{error.filename or 'the file'} cannot be read ({error.strerror or error})"
