#!/usr/bin/env python3
"""Work against precision: ssbsim and PyBaMM on the identical DFN problem over a range of
relative tolerances, each against its own converged solution, timed in the same run.

pybamm_compare.py compares the two tools at one tolerance. Two integrators at the same
tolerance need not be equally accurate, so this reports what each costs for a given accuracy,
the way ODE solvers are compared (Hairer & Wanner, Solving Ordinary Differential Equations II,
§IV.10, doi:10.1007/978-3-642-05221-7). For each case, C-rate and tool:

- a reference run at rtol 1e-10 (PyBaMM: atol 1e-12);
- for each --rtols value (PyBaMM's atol = rtol / 100, its default ratio here 1e-8 / 1e-6),
  the best solver time of --repeat runs (ssbsim: "Solver time [s]", the time inside IDA;
  PyBaMM: `solver.solve` wall time), IDA's steps, and the RMS and largest voltage difference
  from the tool's own reference on a uniform grid of --grid points over the time both runs
  cover. Each tool's voltage between its steps is its own interpolant: ssbsim's IDA
  interpolant sampled every second (a second run with a "(1 second period)" output; the
  sampling is not part of the timed run), PyBaMM's solution evaluated on the grid.

It then gives the speed ratio at equal accuracy: for each PyBaMM tolerance, PyBaMM's time over
the time ssbsim needs for the same RMS error. Tightening ssbsim's tolerance from the loosest,
the first run at or below that error and the run before it bracket it, and the time is
interpolated log-log between the two (blank where no run reaches it; "> r" where ssbsim's
loosest run is already more accurate than PyBaMM's). Errors against each tool's own reference
measure the time integration only; the two discretisations differ by the ~0.1–1 mV of
pybamm_compare.py.

    bench/.venv/bin/python bench/work_precision.py [--cases bpx-nmc-pouch,chen2020-bpx]
        [--c-rates 1] [--rtols 1e-3,1e-4,1e-5,1e-6,1e-7] [--repeat 3]

Needs the bench venv (bench/requirements.txt) and a built ssbsim (scripts/build).
Writes bench/out/work_precision.json.
"""

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import pybamm_reference as ref  # noqa: E402
from pybamm_compare import FILES, run_ssbsim  # noqa: E402

REFERENCE_RTOL = 1e-10


def ssbsim_run(binary: Path, bpx: Path, c_rate: float, cutoff: float, rtol: float,
               repeat: int) -> dict:
    run = run_ssbsim(binary, bpx, c_rate, cutoff, rtol, repeat)
    run["voltage"] = lambda t, r=run: np.interp(t, r["t"], r["v"])
    run["end"] = float(run["t"][-1])
    return run


def pybamm_run(case: str, c_rate: float, rtol: float, repeat: int) -> dict:
    args = ref.parse_args(["--repeat", str(repeat), "--rtol", str(rtol),
                           "--atol", str(rtol / 100 if rtol > REFERENCE_RTOL else 1e-12)])
    record, sol = ref.run_case(case, c_rate, args)
    v = sol["Voltage [V]"]
    return {"seconds": record["timing"]["solve_wall_s_best"],
            "steps": record["solver_statistics"].get("number_of_steps"),
            "voltage": lambda t, v=v: np.asarray(v(t=t), dtype=float),
            "end": record["end_time_s"], "cutoff": record["lower_voltage_cutoff_V"]}


def voltage_error(run: dict, reference: dict, points: int) -> tuple[float, float]:
    """RMS and largest |V − V_ref| in V on a uniform grid over the time both cover."""
    t = np.linspace(0.0, min(run["end"], reference["end"]), points)
    d = run["voltage"](t) - reference["voltage"](t)
    return math.sqrt(float(np.mean(d ** 2))), float(np.max(np.abs(d)))


def time_at_error(rows: list[dict], error: float) -> tuple[float | None, bool]:
    """Solver time for an RMS error: tightening the tolerance from the loosest, the first run
    at or below that error, its time interpolated log-log against the run before it (above
    the error); and whether that is exact. Where even the loosest run is below the error, its
    time is an upper bound (the tool is more accurate than asked); None where no run reaches
    it."""
    runs = sorted((r for r in rows if r["rms_V"] > 0), key=lambda r: -r["rtol"])
    for k, run in enumerate(runs):
        if run["rms_V"] > error:
            continue
        if k == 0:
            return run["seconds"], False
        e0, s0 = runs[k - 1]["rms_V"], runs[k - 1]["seconds"]
        e1, s1 = run["rms_V"], run["seconds"]
        w = math.log(error / e0) / math.log(e1 / e0)
        return math.exp(math.log(s0) + w * (math.log(s1) - math.log(s0))), True
    return None, False


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=lambda s: s.split(","), default=list(FILES))
    ap.add_argument("--c-rates", type=lambda s: [float(x) for x in s.split(",")], default=[1.0])
    ap.add_argument("--rtols", type=lambda s: [float(x) for x in s.split(",")],
                    default=[1e-3, 1e-4, 1e-5, 1e-6, 1e-7])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--grid", type=int, default=2000)
    ap.add_argument("--ssbsim", type=Path, default=ROOT / "build/apps/ssbsim/ssbsim")
    ap.add_argument("--out", type=Path, default=ROOT / "bench/out/work_precision.json")
    args = ap.parse_args(argv)

    results = []
    for case in args.cases:
        for c in args.c_rates:
            py_ref = pybamm_run(case, c, REFERENCE_RTOL, 1)
            ss_ref = ssbsim_run(args.ssbsim, FILES[case], c, py_ref["cutoff"], REFERENCE_RTOL, 1)
            table = {"PyBaMM": [], "ssbsim": []}
            for rtol in args.rtols:
                for tool, run, reference in (
                        ("PyBaMM", pybamm_run(case, c, rtol, args.repeat), py_ref),
                        ("ssbsim", ssbsim_run(args.ssbsim, FILES[case], c, py_ref["cutoff"],
                                              rtol, args.repeat), ss_ref)):
                    rms, largest = voltage_error(run, reference, args.grid)
                    table[tool].append({"rtol": rtol, "seconds": run["seconds"],
                                        "steps": run["steps"], "rms_V": rms, "max_V": largest})
            print(f"\n{case}, {c:g}C: error against each tool's own rtol {REFERENCE_RTOL:g} run")
            print(f"{'rtol':>7} | {'PyBaMM ms':>9}{'steps':>7}{'RMS mV':>9}{'max mV':>9} | "
                  f"{'ssbsim ms':>9}{'steps':>7}{'RMS mV':>9}{'max mV':>9} | "
                  f"{'ssbsim ms at PyBaMM RMS':>23}{'ratio':>7}")
            for py, ss in zip(table["PyBaMM"], table["ssbsim"]):
                matched, exact = time_at_error(table["ssbsim"], py["rms_V"])
                py["ssbsim_seconds_same_rms"] = matched
                py["ratio_same_rms"] = py["seconds"] / matched if matched else None
                py["ratio_is_lower_bound"] = bool(matched) and not exact
                print(f"{py['rtol']:>7g} | {1e3 * py['seconds']:>9.2f}{str(py['steps']):>7}"
                      f"{1e3 * py['rms_V']:>9.4f}{1e3 * py['max_V']:>9.3f} | "
                      f"{1e3 * ss['seconds']:>9.2f}{ss['steps']:>7}{1e3 * ss['rms_V']:>9.4f}"
                      f"{1e3 * ss['max_V']:>9.3f} | "
                      + (f"{1e3 * matched:>23.2f}{'' if exact else '>':>2}"
                         f"{py['seconds'] / matched:>5.2f}" if matched else f"{'':>23}{'':>7}"))
            results.append({"case": case, "c_rate": c, **table})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"versions": ref._versions(), "platform": ref._platform(),
                                    "reference_rtol": REFERENCE_RTOL, "results": results},
                                   indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
