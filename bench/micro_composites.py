#!/usr/bin/env python3
"""Generated NCM–Li6PS5Cl composites against published effective conductivities (issue #3).

For NCM volume fractions from 20 to 80 % this generates composite cathodes with
`ssbsim micro generate` (NCM spheres of median diameter 5 µm, Li6PS5Cl particles of 1.5 µm,
the rest pores; no carbon, as in the measured samples), computes the effective electronic and
ionic conductivities along z with `ssbsim micro analyze` (the voxel resistor network of Ketter et
al.) using Ketter et al.'s bulk inputs σ_ion(LPSCl) = 2.33 mS/cm and σ_e(NCM83) = 5.22 mS/cm, and
compares them with

- Ketter et al., Nat. Commun. 16, 1411 (2025), doi 10.1038/s41467-025-56514-5: measured (DC)
  σ_e / σ_ion of NCM83–Li6PS5Cl at 20, 40, 60, 80 vol % NCM;
- Minnmann et al., J. Electrochem. Soc. 168, 040537 (2021), doi 10.1149/1945-7111/abf8d7: ionic
  tortuosity factor 2.4 at 25 vol % and 15.3 at 53 vol % NCM.

The samples' porosity is not modelled from their data: --porosity (default 0.12) applies to all.
Writes bench/out/micro_composites.json and docs/physics/figures/micro-composites.png.

    bench/.venv/bin/python bench/micro_composites.py [--size 128] [--seed 1]

Needs a built ssbsim (scripts/build) and matplotlib (bench/requirements.txt).
"""

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SSBSIM = os.environ.get("SSBSIM", str(ROOT / "build/apps/ssbsim/ssbsim"))

# Ketter et al. 2025 (DOMAIN.md): vol % NCM -> (σ_e, σ_ion) in mS/cm.
KETTER = {20: (0.0147, 1.02), 40: (0.209, 0.330), 60: (1.04, 0.0108), 80: (1.99, 7.2e-5)}
# Minnmann et al. 2021: vol % NCM -> ionic tortuosity factor.
MINNMANN_TAU = {25: 2.4, 53: 15.3}
SIGMA_ION = "2.33 mS/cm"
SIGMA_E = "5.22 mS/cm"

SPEC = """generator: composite-cathode
size: [{n}, {n}, {n}]
voxel-size: 0.25 um
seed: {seed}
periodic: true
cam:
  volume-fraction: {cam}
  diameter: {{median: 5 um, log-sd: 0.25}}
  max-overlap: {overlap}
se:
  volume-fraction: {se}
  diameter: {{median: 1.5 um, log-sd: 0.3}}
"""


def run(*args):
    return subprocess.run([SSBSIM, *args], check=True, capture_output=True, text=True)


def composite(cam, porosity, size, seed, folder):
    spec = Path(folder) / f"cam{cam:.2f}.yaml"
    # Dense packings need the spheres to overlap more (random sequential addition jams near
    # 40 %): allow up to half a radius at high loadings.
    overlap = 0.3 if cam <= 0.5 else 0.5
    spec.write_text(SPEC.format(n=size, seed=seed, cam=cam, se=round(1 - cam - porosity, 4),
                                overlap=overlap))
    volume = Path(folder) / f"cam{cam:.2f}.npy"
    run("micro", "generate", str(spec), "-o", str(volume), "-q")
    out = Path(folder) / f"cam{cam:.2f}"
    run("micro", "analyze", str(volume), "--phases", "0=pore,1=CAM,2=SE",
        "--sigma-ionic", SIGMA_ION, "--sigma-cam", SIGMA_E,
        "--periodic", "-o", str(out), "-q")
    report = json.loads((out / "analysis.json").read_text())
    sigma = report["Effective conductivity"]
    tau = next(p for p in report["Phases"] if p["Name"] == "SE")["Transport along z"]
    return {
        "NCM vol %": round(100 * cam),
        "Electronic [mS/cm]": sigma["Electronic [S.m-1]"] * 10,
        "Ionic [mS/cm]": sigma["Ionic [S.m-1]"] * 10,
        "Ionic tortuosity factor": tau["Tortuosity factor"],
    }


def plot(rows, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    floor = 1e-6  # where a network without a spanning path (σ_eff = 0) is marked
    for key, marker, colour, name in (("Electronic [mS/cm]", "o", "C0", "σ_e"),
                                      ("Ionic [mS/cm]", "s", "C1", "σ_ion")):
        spans = [(r["NCM vol %"], r[key]) for r in rows if r[key] > 0]
        a.semilogy([v[0] for v in spans], [v[1] for v in spans], marker + "-", color=colour,
                   label=f"{name}, ssbsim (generated)")
        cut = [r["NCM vol %"] for r in rows if r[key] <= 0]
        if cut:
            a.semilogy(cut, [floor] * len(cut), "v", color=colour, ms=9,
                       label=f"{name} = 0: no spanning path")
    k = sorted(KETTER)
    a.semilogy(k, [KETTER[v][0] for v in k], "o", mfc="none", ms=9, color="C0",
               label="σ_e, Ketter 2025 (measured)")
    a.semilogy(k, [KETTER[v][1] for v in k], "s", mfc="none", ms=9, color="C1",
               label="σ_ion, Ketter 2025 (measured)")
    a.set_xlabel("NCM volume fraction [%]")
    a.set_ylabel("Effective conductivity [mS/cm]")
    a.legend(fontsize=8)
    finite = [(r["NCM vol %"], r["Ionic tortuosity factor"]) for r in rows
              if isinstance(r["Ionic tortuosity factor"], float)]
    b.semilogy([f[0] for f in finite], [f[1] for f in finite], "s-", color="C1",
               label="ssbsim (generated)")
    m = sorted(MINNMANN_TAU)
    b.semilogy(m, [MINNMANN_TAU[v] for v in m], "D", mfc="none", ms=9, color="k",
               label="Minnmann 2021 (measured)")
    b.set_xlabel("NCM volume fraction [%]")
    b.set_ylabel("Ionic tortuosity factor")
    b.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=128, help="voxels per edge (0.25 µm each)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--porosity", type=float, default=0.12)
    parser.add_argument("--fractions", default="0.2,0.3,0.4,0.5,0.6,0.7,0.8")
    parser.add_argument("--replot", action="store_true",
                        help="only redraw the figure from bench/out/micro_composites.json")
    args = parser.parse_args()
    out = ROOT / "bench/out/micro_composites.json"
    if args.replot:
        plot(json.loads(out.read_text())["rows"], ROOT / "docs/physics/figures/micro-composites.png")
        return
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for cam in (float(f) for f in args.fractions.split(",")):
            rows.append(composite(cam, args.porosity, args.size, args.seed, folder))
            r = rows[-1]
            print(f"NCM {r['NCM vol %']:3d} %: σ_e {r['Electronic [mS/cm]']:.3g} mS/cm, "
                  f"σ_ion {r['Ionic [mS/cm]']:.3g} mS/cm, τ_ion {r['Ionic tortuosity factor']}",
                  flush=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"porosity": args.porosity, "size": args.size, "rows": rows,
                               "ketter": KETTER, "minnmann_tau": MINNMANN_TAU}, indent=2))
    plot(rows, ROOT / "docs/physics/figures/micro-composites.png")
    print(f"wrote {out} and docs/physics/figures/micro-composites.png")


if __name__ == "__main__":
    main()
