#!/usr/bin/env python3
"""ssbsim against PyBaMM on the identical DFN problem (issue #5), timed in the same run.

For each BPX case and C-rate this runs PyBaMM's DFN (IDAKLU, via pybamm_reference.run_case)
and `ssbsim run --bpx` on the same file, same mesh (20 volumes in x_n, x_s, x_p, r_n, r_p),
same start (the BPX stoichiometry window) and same relative tolerance, discharging at constant
current to the lower cut-off. It reports the RMS voltage difference on PyBaMM's uniform time
grid (over the time both runs cover) and the speed ratio: PyBaMM's best `solver.solve` wall
time over ssbsim's best solver time ("Solver time [s]" in summary.json, the time inside IDA
calls), each the best of --repeat runs, and both tools' IDA step and Newton iteration counts
(where the time goes: per step, or in the number of steps).

It also reports the time to a first answer, what a user waits for after changing a parameter:
PyBaMM's model build and discretisation plus its first `solver.solve` (which sets the solver
up), against the wall time of the whole `ssbsim run --bpx` process (reading the file, building
the model, solving, writing results.h5, timeseries.csv and summary.json), best of --repeat.

Cases: bpx-nmc-pouch (data/bpx/nmc_pouch_cell_BPX.json) and chen2020-bpx
(bench/data/chen2020_BPX.json, PyBaMM's Chen2020 set written as BPX; it reproduces PyBaMM's
native Chen2020 to 2e-9 V).

    bench/.venv/bin/python bench/pybamm_compare.py [--c-rates 0.5,1,2] [--repeat 3] [--rtol 1e-6]

Needs the bench venv (bench/requirements.txt) and a built ssbsim (scripts/build).
Writes bench/out/pybamm_compare.json.
"""

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import pybamm_reference as ref  # noqa: E402

FILES = {
    "bpx-nmc-pouch": ROOT / "data/bpx/nmc_pouch_cell_BPX.json",
    "chen2020-bpx": ROOT / "bench/data/chen2020_BPX.json",
}


def run_ssbsim(binary: Path, bpx: Path, c_rate: float, cutoff: float, rtol: float,
               repeat: int) -> dict:
    """Best solver time, steps and Newton iterations of `repeat` runs and the fastest process
    wall time; then one more run whose output is sampled every second on IDA's interpolant
    ("(1 second period)", which leaves the steps as they are) for the voltage curve `t`, `v`:
    a straight line between steps tens of seconds apart would add its own error."""
    step = f"Discharge at {c_rate:g}C until {cutoff:g} V"
    best, fastest_wall = None, math.inf
    with tempfile.TemporaryDirectory() as out:
        for sampled in [False] * repeat + [True]:
            cmd = [str(binary), "run", "--bpx", str(bpx), "-q", "-o", out, "--rtol", f"{rtol:g}",
                   "-e", step + (" (1 second period)" if sampled else "")]
            start = time.perf_counter()
            subprocess.run(cmd, check=True)
            wall = time.perf_counter() - start
            if sampled:
                break
            solver = json.loads((Path(out) / "summary.json").read_text())["Solver"]
            if best is None or solver["Solver time [s]"] < best["seconds"]:
                best = {"seconds": solver["Solver time [s]"], "steps": solver["Steps"],
                        "iterations": solver["Nonlinear iterations"]}
            fastest_wall = min(fastest_wall, wall)
        data = np.genfromtxt(Path(out) / "timeseries.csv", delimiter=",", names=True)
    best.update(wall=fastest_wall, t=data["Time_s"], v=data["Voltage_V"])
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--c-rates", type=lambda s: [float(x) for x in s.split(",")],
                    default=[0.5, 1.0, 2.0])
    ap.add_argument("--cases", type=lambda s: s.split(","), default=list(FILES))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rtol", type=float, default=1e-6,
                    help="relative tolerance of both solvers (1e-6)")
    ap.add_argument("--atol", type=float, default=1e-8,
                    help="PyBaMM's absolute tolerance (1e-8); ssbsim's are set per variable")
    ap.add_argument("--ssbsim", type=Path, default=ROOT / "build/apps/ssbsim/ssbsim")
    ap.add_argument("--out", type=Path, default=ROOT / "bench/out/pybamm_compare.json")
    args = ap.parse_args(argv)

    ref_args = ref.parse_args(["--repeat", str(args.repeat), "--rtol", str(args.rtol),
                               "--atol", str(args.atol)])
    rows = []
    print(f"{'case':<15}{'C':>5}{'RMS mV':>9}{'max mV':>9}{'t_end Py':>10}{'t_end ss':>10}"
          f"{'PyBaMM ms':>11}{'ssbsim ms':>11}{'steps Py':>9}{'ss':>7}{'Newton Py':>10}{'ss':>7}"
          f"{'ratio':>7}{'first answer Py/ss ms':>24}")
    for case in args.cases:
        for c in args.c_rates:
            record, _ = ref.run_case(case, c, ref_args)
            ss = run_ssbsim(args.ssbsim, FILES[case], c, record["lower_voltage_cutoff_V"],
                            ref_args.rtol, args.repeat)
            t = np.asarray(record["Time [s]"])
            v = np.asarray(record["Voltage [V]"])
            keep = t <= min(t[-1], ss["t"][-1])
            diff = np.interp(t[keep], ss["t"], ss["v"]) - v[keep]
            py_ms = 1e3 * record["timing"]["solve_wall_s_best"]
            ss_ms = 1e3 * ss["seconds"]
            py_stats = record.get("solver_statistics", {})
            py_first_ms = 1e3 * (record["timing"]["build_and_discretise_s"]
                                 + record["timing"]["solve_wall_s_first"])
            ss_first_ms = 1e3 * ss["wall"]
            row = {"case": case, "c_rate": c,
                   "rms_mV": 1e3 * math.sqrt(float(np.mean(diff ** 2))),
                   "max_mV": 1e3 * float(np.max(np.abs(diff))),
                   "end_time_pybamm_s": float(t[-1]), "end_time_ssbsim_s": float(ss["t"][-1]),
                   "pybamm_best_solve_ms": py_ms, "ssbsim_best_solver_ms": ss_ms,
                   "ssbsim_steps": ss["steps"], "ssbsim_newton_iterations": ss["iterations"],
                   "pybamm_steps": py_stats.get("number_of_steps"),
                   "pybamm_newton_iterations":
                       py_stats.get("number_of_nonlinear_solver_iterations"),
                   "speed_ratio": py_ms / ss_ms,
                   "pybamm_first_answer_ms": py_first_ms, "ssbsim_process_ms": ss_first_ms,
                   "first_answer_ratio": py_first_ms / ss_first_ms}
            rows.append(row)
            print(f"{case:<15}{c:>5g}{row['rms_mV']:>9.3f}{row['max_mV']:>9.3f}"
                  f"{t[-1]:>10.1f}{ss['t'][-1]:>10.1f}{py_ms:>11.2f}{ss_ms:>11.2f}"
                  f"{str(row['pybamm_steps']):>9}{ss['steps']:>7}"
                  f"{str(row['pybamm_newton_iterations']):>10}{ss['iterations']:>7}"
                  f"{row['speed_ratio']:>7.2f}"
                  f"{py_first_ms:>13.0f}/{ss_first_ms:<6.0f}{row['first_answer_ratio']:>5.0f}x")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"versions": ref._versions(), "platform": ref._platform(),
                                    "mesh": 20, "rtol": ref_args.rtol, "rows": rows},
                                   indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
