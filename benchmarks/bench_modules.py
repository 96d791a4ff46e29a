"""A case of many modules: how long `gsn-studio check` takes on it, as a whole process.

Run: python benchmarks/bench_modules.py [MODULES [NODES]]   (default 50 modules of 200 nodes)
Writes the modules as .gsnx files (a top module whose strategy is supported by an away goal
citing each other module's top goal), then times three fresh processes on them: a bare
interpreter start, lxml parsing every file (the floor of any reader), and `gsn-studio check`
on the top file, which opens every module through `uses`, unrolls and checks them. The target
(issue 14) is under 2 s for 50 modules of 200 nodes.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate_case  # beside this script, which Python puts on sys.path

from gsn_studio.io.modular import save_modular
from gsn_studio.model import (
    Case,
    Citation,
    Link,
    LinkKind,
    ModularCase,
    Module,
    Node,
    NodeType,
)

RUNS = 3


def modular_case(modules: int, nodes: int) -> ModularCase:
    parts: list[Module] = []
    for number in range(1, modules):
        generated = generate_case(nodes, seed=number)
        suffix = f".m{number}"
        case = Case(
            name=f"Module {number}",
            nodes=[
                node.model_copy(update={"id": node.id + suffix, "public": node.id == "G1"})
                for node in generated.nodes
            ],
            links=[
                Link(source=link.source + suffix, target=link.target + suffix, kind=link.kind)
                for link in generated.links
            ],
        )
        parts.append(Module(id=f"m{number}", path=f"m{number}.gsnx", case=case))
    top = Case(name="Top")
    top.add_node(NodeType.GOAL, "The system is acceptably safe", "G0")
    top.add_node(NodeType.STRATEGY, "Argue over each module", "S0")
    top.connect("G0", "S0")
    for part in parts:
        away = f"G1.{part.id}"
        top.insert_node(
            Node(
                id=away,
                type=NodeType.GOAL,
                statement=part.case.nodes[0].statement,
                cites=Citation(module=part.id, element=away),
            )
        )
        top.links.append(Link(source="S0", target=away, kind=LinkKind.SUPPORTED_BY))
    uses = tuple(part.path for part in parts)
    return ModularCase(modules=[Module(id="top", path="top.gsnx", case=top, uses=uses), *parts])


def timed(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    modules = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    nodes = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    modular = modular_case(modules, nodes)
    total = sum(len(module.case.nodes) for module in modular.modules)
    with tempfile.TemporaryDirectory() as folder:
        save_modular(modular, folder)
        files = sorted(str(path) for path in Path(folder).glob("*.gsnx"))
        size_kb = sum(Path(path).stat().st_size for path in files) / 1024
        lxml = (
            "import sys\nfrom lxml import etree\nfor name in sys.argv[1:]:\n    etree.parse(name)\n"
        )
        rows = [
            ("bare interpreter start", timed([sys.executable, "-c", "pass"])),
            ("lxml parse of the same files", timed([sys.executable, "-c", lxml, *files])),
            (
                "gsn-studio check top.gsnx",
                timed(
                    [sys.executable, "-m", "gsn_studio", "check", str(Path(folder) / "top.gsnx")]
                ),
            ),
        ]
    print(f"{len(modular.modules)} modules, {total} nodes, {size_kb:.0f} KB of .gsnx "
          f"(median of {RUNS} runs, each a fresh process)")  # fmt: skip
    for label, seconds in rows:
        print(f"  {label:<32} {seconds:6.2f} s")
    verdict = "under" if rows[-1][1] < 2.0 else "OVER"
    print(f"  check is {verdict} the 2 s target")


if __name__ == "__main__":
    main()
