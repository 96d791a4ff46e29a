"""Large evidence files are hashed off the editor's GUI thread, and judged when the hash
arrives, as long as the file is still the one that was hashed."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from pathlib import Path

import pytest
from factories import hazard_case

from gsn_studio.analysis import artifacts
from gsn_studio.analysis.evidence import HashState
from gsn_studio.app import document as document_module
from gsn_studio.app.document import Document
from gsn_studio.io import save_case
from gsn_studio.model import Verification

SIZE = 300_000


@pytest.fixture
def hashing_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names the thread of every hash; files above 100 kB count as large for the test."""
    names: list[str] = []
    real = artifacts.hash_file

    def recording(path: Path) -> str:
        names.append(threading.current_thread().name)
        return real(path)

    monkeypatch.setattr(artifacts, "hash_file", recording)
    monkeypatch.setattr("gsn_studio.app.artifact_hashing.hash_file", recording)
    monkeypatch.setattr(document_module, "HASH_IN_BACKGROUND_ABOVE", 100_000)
    return names


def _case_with_big_artifact(tmp_path: Path, verified_sha: str) -> Path:
    (tmp_path / "evidence").mkdir()
    artifact = tmp_path / "evidence" / "h1.pdf"
    artifact.write_bytes(b"x" * SIZE)
    case = hazard_case()
    evidence = case.node("Sn1").evidence
    assert evidence is not None
    verification = Verification(on=dt.date(2026, 1, 11), by="Ann", sha256=verified_sha)
    case.update_node("Sn1", evidence=evidence.model_copy(update={"verified": verification}))
    path = tmp_path / "case.gsnx"
    save_case(case, path)
    return path


def _state(document: Document) -> HashState:
    assert document.assessment is not None
    return document.assessment.judgements["Sn1"].hash_state


def test_a_large_artifact_is_hashed_off_the_gui_thread_then_judged(
    qtbot, tmp_path: Path, hashing_threads: list[str]
) -> None:
    """Opening shows the case at once (the file unchecked); the hash, worked out in another
    thread, then finds the file changed since it was verified."""
    path = _case_with_big_artifact(tmp_path, "0" * 64)
    document = Document()
    document.open(path)
    assert _state(document) is HashState.UNCHECKED
    qtbot.waitUntil(lambda: _state(document) is HashState.CHANGED, timeout=10_000)
    assert hashing_threads == ["hash artifact"]
    assert any(f.code == "evidence-changed" for f in document.findings)


def test_a_hash_of_a_file_changed_meanwhile_is_not_used(
    qtbot, tmp_path: Path, hashing_threads: list[str]
) -> None:
    """A hash that arrives for an older version of the file is dropped and the new version is
    hashed, so the verdict is about the file as it is now."""
    path = _case_with_big_artifact(tmp_path, hashlib.sha256(b"y" * SIZE).hexdigest())
    document = Document()
    document.open(path)
    artifact = tmp_path / "evidence" / "h1.pdf"
    stale = artifacts.hash_file(artifact)
    reader = document.artifacts
    (size, mtime_ns) = reader.pending[artifact.resolve()]
    artifact.write_bytes(b"y" * SIZE)  # now it is the version that was verified
    document.hasher.hashed.emit(artifact.resolve(), size, mtime_ns - 1, stale)
    qtbot.waitUntil(lambda: _state(document) is HashState.MATCHES, timeout=10_000)
