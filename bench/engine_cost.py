#!/usr/bin/env python3
"""Solver time of a 1C discharge of the sheet example against mesh size (issue #5 targets:
<= 2 ms for >= 20 cells per electrode, 10 per separator, 10 shells; cost growing linearly).

Reads the solver time IDA spent (summary.json, "Solver time [s]") for each mesh, the best of
--repeat runs, at the default tolerance. Then, on the default mesh, the cost and the error of
other relative tolerances (--rtol): the voltage difference from a run at rtol 1e-9 (RMS and
largest, on that run's samples up to the earlier end; each run's voltage is sampled every
second on IDA's interpolant) and the difference in discharge capacity.

    python3 bench/engine_cost.py [--repeat 3] [--binary build/apps/ssbsim/ssbsim]
                                 [--rtol 1e-6,1e-5,1e-4,1e-3]
"""
import argparse
import bisect
import csv
import json
import math
import pathlib
import re
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples/sheet-nmc811-lpscl-li.yaml"
MESHES = [(5, 10, 5), (10, 20, 10), (20, 40, 10), (40, 80, 10), (10, 20, 20), (10, 20, 40)]


def run(binary, mesh, folder, rtol=None, sampled=False):
    """Solver statistics and end reason of the example's 1C discharge on `mesh`; `sampled`
    records the voltage every second on IDA's interpolant (the steps stay as they are)."""
    text = EXAMPLE.read_text()
    text = re.sub(r"separator-cells: \d+", f"separator-cells: {mesh[0]}", text)
    text = re.sub(r"positive-cells: \d+", f"positive-cells: {mesh[1]}", text)
    text = re.sub(r"particle-shells: \d+", f"particle-shells: {mesh[2]}", text)
    cell = pathlib.Path(folder) / "cell.yaml"
    cell.write_text(text)
    out = pathlib.Path(folder) / "out"
    step = "Discharge at 1C until 3 V" + (" (1 second period)" if sampled else "")
    tolerance = ["--rtol", f"{rtol:g}"] if rtol else []  # none: the default
    subprocess.run([binary, "run", str(cell), "-o", str(out), "-q", *tolerance, "-e", step],
                   check=True)
    summary = json.loads((out / "summary.json").read_text())
    return summary["Solver"], summary["Steps"][0]["End reason"]


def voltage_curve(folder):
    """Time, voltage and the final discharge capacity of the last run in `folder`."""
    with open(pathlib.Path(folder) / "out/timeseries.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    t = [float(r["Time [s]"]) for r in rows]
    v = [float(r["Voltage [V]"]) for r in rows]
    return t, v, float(rows[-1]["Discharge capacity [A.h]"])


def interpolate(t, v, at):
    i = min(max(bisect.bisect_right(t, at) - 1, 0), len(t) - 2)
    w = (at - t[i]) / (t[i + 1] - t[i])
    return v[i] + w * (v[i + 1] - v[i])


def voltage_error(reference, curve):
    """RMS and largest |V − V_ref| in V on the reference's times both runs cover."""
    (tr, vr, _), (t, v, _) = reference, curve
    end = min(tr[-1], t[-1])
    d = [interpolate(t, v, ti) - vi for ti, vi in zip(tr, vr) if ti <= end]
    return math.sqrt(sum(x * x for x in d) / len(d)), max(abs(x) for x in d)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--binary", default=str(ROOT / "build/apps/ssbsim/ssbsim"))
    parser.add_argument("--rtol", default="1e-6,1e-5,1e-4,1e-3",
                        help="relative tolerances for the default mesh's sweep")
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
        mesh = MESHES[1]
        run(args.binary, mesh, folder, rtol=1e-9, sampled=True)
        reference = voltage_curve(folder)
        print(f"\nmesh {mesh[0]}/{mesh[1]}/{mesh[2]}, against rtol 1e-9:")
        print(f"{'rtol':>7}{'steps':>7}{'iters':>7}{'jac':>6}{'solver ms':>11}{'RMS mV':>9}"
              f"{'max mV':>9}{'capacity':>10}")
        for rtol in (float(r) for r in args.rtol.split(",")):
            best = None
            for _ in range(args.repeat):
                stats, _ = run(args.binary, mesh, folder, rtol)
                if best is None or stats["Solver time [s]"] < best["Solver time [s]"]:
                    best = stats
            run(args.binary, mesh, folder, rtol, sampled=True)
            curve = voltage_curve(folder)
            rms, largest = voltage_error(reference, curve)
            capacity = curve[2] / reference[2] - 1
            print(f"{rtol:>7g}{best['Steps']:>7}{best['Nonlinear iterations']:>7}"
                  f"{best['Jacobian evaluations']:>6}{1e3 * best['Solver time [s]']:>11.2f}"
                  f"{1e3 * rms:>9.3f}{1e3 * largest:>9.3f}{capacity:>10.1e}")


if __name__ == "__main__":
    main()
