#!/usr/bin/env python3
"""Process time of `ssbsim design` on the bundled examples (issue #2 target: < 50 ms).

Runs each example N times and reports the CPU time (user + system) the child processes used,
from getrusage(RUSAGE_CHILDREN), so other load on the machine does not count.

    python3 bench/design_time.py [--runs 50] [--binary build/apps/ssbsim/ssbsim]
"""
import argparse
import pathlib
import resource
import statistics
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def child_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--binary", default=str(ROOT / "build/apps/ssbsim/ssbsim"))
    args = parser.parse_args()
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    print(f"{'example':<45}{'CPU ms (median)':>16}{'CPU ms (max)':>14}{'wall ms (median)':>18}")
    with tempfile.TemporaryDirectory() as out:
        for example in examples:
            cpu, wall = [], []
            for _ in range(args.runs):
                before, start = child_cpu_seconds(), time.perf_counter()
                subprocess.run([args.binary, "design", str(example), "-o", out, "-q"], check=True)
                wall.append(time.perf_counter() - start)
                cpu.append(child_cpu_seconds() - before)
            print(f"{example.name:<45}{1e3 * statistics.median(cpu):>16.1f}{1e3 * max(cpu):>14.1f}"
                  f"{1e3 * statistics.median(wall):>18.1f}")


if __name__ == "__main__":
    main()
