#!/usr/bin/env python3
"""IDA's linear solver: the particles eliminated before KLU (solver/CondensedSystem, the default)
against KLU on the whole Jacobian, solver time of the same runs in one session.

Runs build/bench/engine_profile (each run repeated --repeat times in one process, best time)
for both solvers in turn, --rounds times, and prints the best of each with the ratio. Cases:
the solid-state sheet example at 1C (to 3 V), the BPX NMC pouch cell, the LFP 18650 cell
(BPX, to 2 V) and PyBaMM's Chen2020 set as BPX, at 1C.

    python3 bench/linear_solver.py [--repeat 20] [--rounds 3]
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


def profile(binary, args, repeat, plain):
    cmd = [binary, *args, "-n", str(repeat)] + (["--plain-klu"] if plain else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    steps, iterations, jacobians, ms = PATTERN.search(out).groups()
    return int(steps), int(iterations), int(jacobians), float(ms)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--binary", default=str(ROOT / "build/bench/engine_profile"))
    args = parser.parse_args()
    print(f"{'case':<26}{'steps':>14}{'Newton its':>14}{'KLU ms':>9}{'condensed ms':>14}"
          f"{'ratio':>7}")
    for name, case in CASES.items():
        best = {}
        for _ in range(args.rounds):
            for plain in (True, False):
                result = profile(args.binary, case, args.repeat, plain)
                if plain not in best or result[3] < best[plain][3]:
                    best[plain] = result
        klu, condensed = best[True], best[False]
        print(f"{name:<26}{klu[0]:>6} / {condensed[0]:<6}{klu[1]:>6} / {condensed[1]:<6}"
              f"{klu[3]:>9.2f}{condensed[3]:>14.2f}{klu[3] / condensed[3]:>7.2f}")


if __name__ == "__main__":
    main()
