"""Issue 17, items 1 and 2: what `gsn-studio check` costs before it reads a byte, by stage.

Each run is a fresh process that imports what `check` imports, in the program's order and with
its collector off (launcher.main), and times each stage's CPU: lxml and the prefetch (the
parse begins after them), pydantic (its own modules, and those the first model class loads),
the model, the analysis, the command line, building and using the parser of `check`, and the
.gsnx reader (imported when the case is read). Beside them: a bare interpreter start and a
whole `check` of the 10-node tutorial, as processes.

Run: python benchmarks/bench_imports.py [--runs N] [--against DIR] (N: runs of each, 15 by
default; DIR: an earlier source tree, `git archive main | tar -x -C DIR`, run in turn with
this one so that both meet the same load). Figures are the best of the runs, and the median;
the machine is shared, so compare the two trees of one run, not runs of different days.
"""

from __future__ import annotations

import compileall
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
TUTORIAL = HERE / "samples" / "tutorial.gsnx"

STAGES = (
    ("lxml, prefetch", ("gsn_studio.io.prefetch",)),
    ("pydantic", ("pydantic.main", "pydantic.fields")),
    ("model", ("gsn_studio.model",)),
    ("analysis", ("gsn_studio.analysis",)),
    ("command line", ("gsn_studio.cli.main", "gsn_studio.cli.check")),
    ("parser of check", ()),
    ("gsnx reader", ("gsn_studio.io.gsnx_read",)),
)

_PROBE = """
import gc, importlib, json, os, sys, time
gc.disable()
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
sys.path.insert(0, {folder!r})
times = {{}}
for label, modules in {stages!r}:
    started = time.process_time()
    for module in modules:
        importlib.import_module(module)
    if not modules:
        sys.modules["gsn_studio.cli.main"].build_parser("check").parse_args(["check", "x.gsnx"])
    times[label] = time.process_time() - started
times["modules"] = len(sys.modules)
print(json.dumps(times))
"""

_RUN_FROM = (
    "import runpy, sys; sys.path.insert(0, {folder!r}); "
    "runpy.run_module('gsn_studio', run_name='__main__', alter_sys=True)"
)


def process_cpu(command: list[str]) -> tuple[float, float, str]:
    """Wall and CPU time (user + system) of a whole process, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, done.stdout


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 15
    trees = {"now": HERE}
    if "--against" in sys.argv:
        trees["before"] = Path(sys.argv[sys.argv.index("--against") + 1]).resolve()
    for folder in trees.values():
        # An installed package has its modules compiled; a checkout run with
        # PYTHONDONTWRITEBYTECODE has not, and would compile every module at every start.
        compileall.compile_dir(folder / "gsn_studio", quiet=1)
    python = sys.executable
    samples: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
    bare: list[float] = []
    for _ in range(runs):
        bare.append(process_cpu([python, "-c", "pass"])[1])
        for name, folder in trees.items():
            probe = _PROBE.format(folder=str(folder), stages=STAGES)
            _, _, printed = process_cpu([python, "-c", probe])
            for label, took in json.loads(printed).items():
                samples[name].setdefault(label, []).append(took)
            command = [python, "-c", _RUN_FROM.format(folder=str(folder)), "check", str(TUTORIAL)]
            wall, cpu, _ = process_cpu(command)
            samples[name].setdefault("check tutorial (cpu)", []).append(cpu)
            samples[name].setdefault("check tutorial (wall)", []).append(wall)

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    names = list(trees)
    header = "".join(f"{name + ' best':>13}{name + ' median':>15}" for name in names)
    print(f"{'ms (' + str(runs) + ' runs each)':<26}{header}")
    print(f"{'bare interpreter start':<26}{min(bare) * 1000:>13.1f}{median(bare) * 1000:>15.1f}")
    labels = [label for label, _ in STAGES]
    wholes = ["all imports", "modules", "check tutorial (cpu)", "check tutorial (wall)"]
    for label in [*labels, *wholes]:
        row = f"{label:<26}"
        for name in names:
            if label == "all imports":
                totals = [sum(run) for run in zip(*(samples[name][x] for x in labels), strict=True)]
                values = totals
            else:
                values = samples[name][label]
            scale = 1 if label == "modules" else 1000
            row += f"{min(values) * scale:>13.1f}{median(values) * scale:>15.1f}"
        print(row)


if __name__ == "__main__":
    main()
