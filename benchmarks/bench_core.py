"""Load, check and save times and peak memory of the core on generated cases.

Run: python benchmarks/bench_core.py [SIZES...]   (default 100 1000 10000)
Each size runs in a fresh process so that peak memory belongs to that size alone.
Baseline: lxml parsing the same file with no schema and no model, to show our overhead.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate_case  # beside this script, which Python puts on sys.path

from gsn_studio.analysis import check_case
from gsn_studio.io import load_case, save_case
from gsn_studio.io.safe_xml import parse_xml


def measure(size: int) -> dict[str, float]:
    case = generate_case(size)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.gsnx"
        started = time.perf_counter()
        save_case(case, path)
        save = time.perf_counter() - started
        data = path.read_bytes()

        started = time.perf_counter()
        parse_xml(data, path)
        lxml_only = time.perf_counter() - started

        base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        loaded = load_case(path)
        load = time.perf_counter() - started
        started = time.perf_counter()
        findings = check_case(loaded, dt.date(2026, 11, 23))
        check = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "nodes": len(loaded.nodes),
        "file_kb": len(data) / 1024,
        "save_s": save,
        "lxml_parse_s": lxml_only,
        "load_s": load,
        "check_s": check,
        "load_check_s": load + check,
        "findings": len(findings),
        "peak_mb": peak_mb,
        "peak_before_load_mb": base_rss / 1024,
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(measure(int(sys.argv[2]))))
        return
    sizes = [int(arg) for arg in sys.argv[1:]] or [100, 1000, 10000]
    header = (
        f"{'nodes':>6} {'file KB':>8} {'save s':>7} {'lxml s':>7} {'load s':>7} "
        f"{'(x lxml)':>8} {'check s':>8} {'load+check':>10} {'peak MB':>8}"
    )
    print(header)
    print("-" * len(header))
    for size in sizes:
        output = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        r = json.loads(output)
        print(
            f"{r['nodes']:>6} {r['file_kb']:>8.0f} {r['save_s']:>7.3f} {r['lxml_parse_s']:>7.3f} "
            f"{r['load_s']:>7.3f} {r['load_s'] / r['lxml_parse_s']:>7.1f}x {r['check_s']:>8.3f} "
            f"{r['load_check_s']:>10.3f} {r['peak_mb']:>8.0f}"
        )
    print("\nTarget (issue 2): load + check of 10,000 nodes under 1 s and 300 MB.")


if __name__ == "__main__":
    main()
