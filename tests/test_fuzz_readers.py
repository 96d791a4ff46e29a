"""Fuzzing the readers: mutated real files (.gsnx and gsn2x YAML, from the samples and the
shared corpus) end in a case or a clean CaseFileError, never another exception or a hang; and
whatever case comes out can be checked and written again."""

from __future__ import annotations

import datetime as dt
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import CORPUS, SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gsn_studio.analysis import ArtifactReader, assess
from gsn_studio.io import CaseFileError
from gsn_studio.io.gsn2x_read import parse_gsn2x
from gsn_studio.io.gsn2x_write import to_yaml
from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.model import Case

SECONDS_PER_INPUT = 10
"""Far above what any of these small inputs takes; only a hang reaches it."""

TOKENS = [
    b"<", b">", b"&", b'"', b"'", b"</", b"<!DOCTYPE x [<!ENTITY e 'x'>]>", b"&e;", b"\x00",
    b"\xff\xfe", b"\xc3", b"\xe2\x80\xae", b"\r", b"\n", b"  ", b"\t", b":", b"- ", b"[", b"]",
    b"{", b"}", b"*a", b"&a ", b"!!python/object:os.system", b"? ", b"---", b"...", b"#",
    b"1e999", b"-0", b"NaN", b"9" * 40, b"2026-13-45", b"supportedBy: ", b"challenges: ",
    b"G1", b"Sn1", b"->", b'gsnType="Challenges"', b'isCounter="true"', b'via="G1"',
    b"<Claim ", b'gid="', b"formatVersion=", b"[" * 200, b"<a>" * 200,
]  # fmt: skip


def _seeds(suffixes: tuple[str, ...]) -> list[bytes]:
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in suffixes)
    if CORPUS.is_dir():
        files += sorted(p for p in CORPUS.rglob("*") if p.suffix in suffixes)
    # Small files mutate into more distinct shapes per example than big ones.
    return [p.read_bytes() for p in sorted(files, key=lambda p: p.stat().st_size)[:40]]


YAML_SEEDS = _seeds((".yaml", ".yml"))


def _converted(seeds: list[bytes]) -> list[bytes]:
    """.gsnx versions of gsn2x files, for shapes the three samples do not have."""
    converted = []
    for data in seeds:
        try:
            converted.append(to_bytes(parse_gsn2x(data)))
        except CaseFileError:
            continue
    return converted[:12]


GSNX_SEEDS = _seeds((".gsnx",)) + _converted(YAML_SEEDS)


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            data += draw(st.sampled_from(TOKENS))
            continue
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "delete", "insert", "truncate", "repeat"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=8))
        elif action == "truncate":
            del data[at:]
        else:
            end = min(len(data), at + draw(st.integers(1, 200)))
            data[at:at] = data[at:end] * draw(st.integers(1, 5))
    return bytes(data)


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"an input took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def survive(
    data: bytes, parse: Callable[[bytes, str], Case], write: Callable[[Case], bytes]
) -> None:
    with time_limit(SECONDS_PER_INPUT):
        try:
            case = parse(data, "fuzzed")
        except CaseFileError as error:
            assert str(error).startswith("fuzzed"), "the error names the file"
            return
        assess(case, dt.date(2026, 11, 23), ArtifactReader(Path("/nonexistent")))
        write(case)


FUZZ = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same inputs on every run: a failure in CI reproduces locally
)


@FUZZ
@given(mutated(GSNX_SEEDS))
def test_mutated_gsnx_files_end_in_a_case_or_a_clean_error(data: bytes) -> None:
    """A mutated .gsnx file parses to a case that can be checked and saved, or is refused."""
    survive(data, parse_gsnx, to_bytes)


@pytest.mark.skipif(not YAML_SEEDS, reason="no gsn2x files to start from")
@FUZZ
@given(mutated(YAML_SEEDS))
def test_mutated_gsn2x_files_end_in_a_case_or_a_clean_error(data: bytes) -> None:
    """A mutated gsn2x file parses to a case that can be checked and saved, or is refused."""

    def write(case: Case) -> bytes:
        try:
            return to_yaml(case)
        except CaseFileError:
            return b""  # some cases cannot be written as YAML; the refusal is clean

    survive(data, parse_gsn2x, write)
