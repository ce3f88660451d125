#!/usr/bin/env python3
"""Solver time of a 1C discharge of the sheet example against mesh size (issue #5 targets:
<= 2 ms for >= 20 cells per electrode, 10 per separator, 10 shells; cost growing linearly).

Reads the solver time IDA spent (summary.json, "Solver time [s]") for each mesh, the best of
--repeat runs.

    python3 bench/engine_cost.py [--repeat 3] [--binary build/apps/ssbsim/ssbsim]
"""
import argparse
import json
import pathlib
import re
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples/sheet-nmc811-lpscl-li.yaml"
MESHES = [(5, 10, 5), (10, 20, 10), (20, 40, 10), (40, 80, 10), (10, 20, 20), (10, 20, 40)]


def run(binary, mesh, folder):
    text = EXAMPLE.read_text()
    text = re.sub(r"separator-cells: \d+", f"separator-cells: {mesh[0]}", text)
    text = re.sub(r"positive-cells: \d+", f"positive-cells: {mesh[1]}", text)
    text = re.sub(r"particle-shells: \d+", f"particle-shells: {mesh[2]}", text)
    cell = pathlib.Path(folder) / "cell.yaml"
    cell.write_text(text)
    subprocess.run([binary, "run", str(cell), "-o", str(pathlib.Path(folder) / "out"), "-q"], check=True)
    summary = json.loads((pathlib.Path(folder) / "out/summary.json").read_text())
    return summary["Solver"], summary["Steps"][0]["End reason"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--binary", default=str(ROOT / "build/apps/ssbsim/ssbsim"))
    args = parser.parse_args()
    print(f"{'sep':>4}{'pos':>5}{'shells':>7}{'unknowns':>10}{'steps':>7}{'jac':>6}{'solver ms':>11}  end")
    with tempfile.TemporaryDirectory() as folder:
        for mesh in MESHES:
            best = None
            for _ in range(args.repeat):
                stats, reason = run(args.binary, mesh, folder)
                if best is None or stats["Solver time [s]"] < best["Solver time [s]"]:
                    best = stats
            unknowns = 3 + mesh[0] + mesh[1] * 3 + mesh[1] * mesh[2]
            print(f"{mesh[0]:>4}{mesh[1]:>5}{mesh[2]:>7}{unknowns:>10}{best['Steps']:>7}"
                  f"{best['Jacobian evaluations']:>6}{1e3 * best['Solver time [s]']:>11.2f}  {reason}")


if __name__ == "__main__":
    main()
