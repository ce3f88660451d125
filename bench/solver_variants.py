#!/usr/bin/env python3
"""The solver's defaults against one alternative, solver time of the same runs in one session.

Alternatives (--variant):
  plain-klu        KLU on the whole Jacobian instead of the particles eliminated first
                   (solver/CondensedSystem, docs/physics/numerics.md#linear-solver);
  predictor-start  SUNDIALS' Newton solver from IDA's predictor instead of the local start
                   (solver/LocalStartNewton, docs/physics/numerics.md#newton-start);
  suppress-algebraic-error
                   the local error test on the differential unknowns only (IDASetSuppressAlg)
                   instead of all (docs/physics/numerics.md#time-integration);
  ida-step-bounds  IDA's own fixed-step bounds (1, 2) instead of (1, 1.5)
                   (docs/physics/numerics.md#step-size).

Runs build/bench/engine_profile (each run repeated --repeat times in one process, best time)
for the default and the alternative in turn, --rounds times, and prints the best of each with
the ratio, and the steps, Newton iterations and Jacobians of each. Cases: the solid-state sheet
example at 1C (to 3 V), the BPX NMC pouch cell, the LFP 18650 cell (BPX, to 2 V) and PyBaMM's
Chen2020 set as BPX, at 1C; --rtol sets the relative tolerance of all of them (default: each
file's own, 1e-5).

    python3 bench/solver_variants.py [--variant plain-klu] [--rtol R] [--repeat 20] [--rounds 3]
"""
import argparse
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
CASES = {
    "sheet NMC811|Li6PS5Cl|Li": ["examples/sheet-nmc811-lpscl-li.yaml"],
    "BPX NMC pouch": ["--bpx", "data/bpx/nmc_pouch_cell_BPX.json",
                      "-e", "Discharge at 1C until 2.7 V"],
    "BPX LFP 18650": ["--bpx", "data/bpx/lfp_18650_cell_BPX.json",
                      "-e", "Discharge at 1C until 2.0 V"],
    "Chen2020 (BPX)": ["--bpx", "bench/data/chen2020_BPX.json",
                       "-e", "Discharge at 1C until 2.5 V"],
}
PATTERN = re.compile(r"(\d+) steps, (\d+) Newton iterations, (\d+) Jacobians.*best ([\d.]+) ms")


def profile(binary, args, repeat, extra):
    cmd = [binary, *args, "-n", str(repeat), *extra]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    steps, iterations, jacobians, ms = PATTERN.search(out).groups()
    return int(steps), int(iterations), int(jacobians), float(ms)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", choices=["plain-klu", "predictor-start", "suppress-algebraic-error",
                                                  "ida-step-bounds"], default="plain-klu")
    parser.add_argument("--rtol", type=float)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--binary", default=str(ROOT / "build/bench/engine_profile"))
    args = parser.parse_args()
    common = ["--rtol", str(args.rtol)] if args.rtol else []
    print(f"default against --{args.variant}" + (f", rtol {args.rtol:g}" if args.rtol else ""))
    print(f"{'case':<26}{'steps':>16}{'Newton its':>16}{'Jacobians':>14}{'variant ms':>12}"
          f"{'default ms':>12}{'ratio':>7}")
    for name, case in CASES.items():
        best = {}
        for _ in range(args.rounds):
            for variant in (True, False):
                extra = common + ([f"--{args.variant}"] if variant else [])
                result = profile(args.binary, case, args.repeat, extra)
                if variant not in best or result[3] < best[variant][3]:
                    best[variant] = result
        alt, default = best[True], best[False]
        print(f"{name:<26}{alt[0]:>7} / {default[0]:<6}{alt[1]:>7} / {default[1]:<6}"
              f"{alt[2]:>6} / {default[2]:<5}{alt[3]:>12.2f}{default[3]:>12.2f}"
              f"{alt[3] / default[3]:>7.2f}")


if __name__ == "__main__":
    main()
