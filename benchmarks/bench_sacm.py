"""SACM XMI write and read times on generated cases, beside .gsnx on the same case.

Run: python benchmarks/bench_sacm.py [SIZES...]   (default 1000 10000)
Reading SACM resolves an EMF path per relationship end; the .gsnx figure is the baseline.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from generate import generate_case  # beside this script, which Python puts on sys.path

from gsn_studio.io.gsnx_read import parse_gsnx
from gsn_studio.io.gsnx_write import to_bytes
from gsn_studio.io.sacm import parse_sacm
from gsn_studio.io.sacm.write import single, to_sacm_bytes


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 10000]
    print(f"{'nodes':>7} {'sacm kB':>8} {'write':>7} {'read':>7} {'gsnx read':>10}")
    for size in sizes:
        case = generate_case(size)
        data = to_sacm_bytes(single(case, "case.sacm"))
        write = seconds(lambda case=case: to_sacm_bytes(single(case, "case.sacm")))
        read = seconds(lambda data=data: parse_sacm(data, "case.sacm"))
        gsnx = to_bytes(case)
        baseline = seconds(lambda gsnx=gsnx: parse_gsnx(gsnx, "case.gsnx"))
        print(f"{size:>7} {len(data) // 1000:>8} {write:>6.2f}s {read:>6.2f}s {baseline:>9.2f}s")


if __name__ == "__main__":
    main()
