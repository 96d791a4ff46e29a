"""Build a small git repository in which the CV screening case lives through a year, so that
`gsn-studio history` has a story to tell:

    python samples/portfolio/history_demo.py /tmp/cv-history
    gsn-studio history /tmp/cv-history/cv-screening.gsnx --as-of 2026-12-01
    gsn-studio history /tmp/cv-history/cv-screening.gsnx --as-of 2026-12-01 --format svg -o t.svg

Nothing outside the folder given is touched; git runs without your global settings.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from gsn_studio.io import load_case, save_case
from gsn_studio.model import Case

HERE = Path(__file__).parent


def _git(folder: Path, day: str, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00",
        "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    command = ["git", "-c", "user.name=Portfolio demo", "-c", "user.email=demo@example.org"]
    subprocess.run([*command, *args], cwd=folder, check=True, capture_output=True, env=env)


def _measure(case: Case, node_id: str, value: float) -> None:
    evidence = case.node(node_id).evidence
    assert evidence is not None and evidence.measure is not None
    measure = evidence.measure.model_copy(update={"value": value})
    case.update_node(node_id, evidence=evidence.model_copy(update={"measure": measure}))


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=False)
    target = folder / "cv-screening.gsnx"
    final = load_case(HERE / "cv-screening.gsnx")
    case = final.model_copy(deep=True)
    _measure(case, "Sn1", 0.86)
    case.update_node("G3", undeveloped=True)
    oversight = [link for link in case.links if link.source == "G3"]
    for link in oversight:
        case.disconnect(link)
    case.remove_node("Sn3")
    _git(folder, "2025-10-01", "init", "-q", "-b", "main")

    def commit(day: str, message: str) -> None:
        save_case(case, target)
        _git(folder, day, "add", "-A")
        _git(folder, day, "commit", "-q", "-m", message)

    commit("2025-10-01", "CV ranker goes live: outcomes argued, oversight still to be shown")
    case.insert_node(final.node("Sn3"))
    case.update_node("G3", undeveloped=False)
    for link in oversight:
        case.connect(link.source, link.target, link.kind)
    commit("2026-02-02", "Oversight log sample added")
    _measure(case, "Sn1", 0.81)
    commit("2026-10-05", "October adverse-impact report")
    _measure(case, "Sn1", 0.74)
    commit("2026-11-03", "November adverse-impact report: ratio 0.74")
    assert case == final, "the demo must end where the sample case stands"
    print(f"built {target} with 4 commits")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python samples/portfolio/history_demo.py NEW_FOLDER")
    main(Path(sys.argv[1]))
