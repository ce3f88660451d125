#!/usr/bin/env python3
"""Tortuosity factor of the TauFactor 2 test volume: ssbsim against TauFactor 2 and PoreSpy.

Runs, in the same process and on the same volumes (corners of the published 500^3 test volume,
../shared/reference/taufactor/TF-500x500x500-1x2x6-v3.tiff.zip, transporting label 255):

- ssbsim: bench/micro_transport_bench (build it first: ninja -C build micro_transport_bench), one
  process per direction, reporting its own wall time, iterations and peak resident memory;
- TauFactor 2 (PyPI taufactor, PyTorch on the CPU): taufactor.Solver(img, device='cpu');
- PoreSpy (PyPI porespy, OpenPNM + PyAMG): porespy.simulations.tortuosity_fd.

The reference tools run only up to --reference-max voxels per side: on this 2-core machine they
need minutes at 128^3 and far longer at 500^3 (TauFactor 2 needed 447 s per direction on a
32-core CPU there; Kench et al., JOSS 8, 5358 (2023), doi 10.21105/joss.05358).

Definitions: ssbsim and TauFactor give tau = eps / (D_eff/D) with eps the phase's volume fraction
and fixed concentrations half a voxel beyond the faces. PoreSpy divides by the porosity after
removing non-percolating voxels and fixes the concentration at the centres of the face voxels; its
column "PoreSpy tau" is converted to the TauFactor definition (times eps / eps_effective), the
remaining difference is its boundary placement, O(1/n).

    bench/.venv/bin/python bench/micro_transport.py [--sizes 128 256 500] [--reference-max 128]
        [--threads 2] [--binary build/bench/micro_transport_bench] [--out bench/out/micro_transport.json]
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time
import zipfile

import numpy as np
import tifffile

ROOT = pathlib.Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared/reference/taufactor/TF-500x500x500-1x2x6-v3.tiff.zip"
LABEL = 255
AXES = "xyz"
# Over-converged values published with the volume; matched to our axes by value (x: 1.3905, ...).
PUBLISHED_500 = {"x": 1.3905, "y": 1.1513, "z": 4.2431}


def load_volume(folder):
    """The test volume as a numpy array (nz, ny, nx): TIFF pages are z."""
    with zipfile.ZipFile(ARCHIVE) as z:
        name = next(n for n in z.namelist() if n.endswith(".tiff") and not n.startswith("__MACOSX"))
        z.extract(name, folder)
    return tifffile.imread(pathlib.Path(folder) / name)


def numpy_axis(axis):
    """Our storage axis x, y, z is numpy axis 2, 1, 0 of the (nz, ny, nx) array."""
    return 2 - AXES.index(axis)


def run_ssbsim(binary, path, axis, threads):
    out = subprocess.run([binary, str(path), "--phase", str(LABEL), "--axis", axis, "--threads", str(threads)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_taufactor(img, axis, threads):
    import taufactor
    import torch

    torch.set_num_threads(threads)
    moved = np.ascontiguousarray(np.moveaxis(img, numpy_axis(axis), 0))
    start = time.perf_counter()
    solver = taufactor.Solver(moved, device="cpu")
    solver.solve(verbose=False)
    seconds = time.perf_counter() - start
    return {"tau": float(np.asarray(solver.tau).ravel()[0]), "seconds": seconds}


def run_porespy(img, axis):
    import porespy

    start = time.perf_counter()
    r = porespy.simulations.tortuosity_fd(img.astype(bool), axis=numpy_axis(axis))
    seconds = time.perf_counter() - start
    tau = float(r.tortuosity) * float(r.original_porosity) / float(r.effective_porosity)
    return {"tau": tau, "tau_porespy_definition": float(r.tortuosity), "seconds": seconds}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[128, 256, 500])
    parser.add_argument("--reference-max", type=int, default=128,
                        help="largest size (voxels per side) on which TauFactor and PoreSpy run")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--binary", default=str(ROOT / "build/bench/micro_transport_bench"))
    parser.add_argument("--out", default=str(ROOT / "bench/out/micro_transport.json"))
    parser.add_argument("--no-reference", action="store_true", help="run ssbsim only")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        full = load_volume(folder)
        for n in args.sizes:
            crop = np.ascontiguousarray(full[:n, :n, :n])
            path = pathlib.Path(folder) / f"tf{n}.npy"
            np.save(path, crop)
            img = (crop == LABEL).astype(np.uint8)
            for axis in AXES:
                row = {"size": n, "axis": axis, "ssbsim": run_ssbsim(args.binary, path, axis, args.threads)}
                if n == 500:
                    row["published"] = PUBLISHED_500[axis]
                if not args.no_reference and n <= args.reference_max:
                    row["taufactor"] = run_taufactor(img, axis, args.threads)
                    row["porespy"] = run_porespy(img, axis)
                rows.append(row)
                print_row(row)
                sys.stdout.flush()

    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(json.dumps({"threads": args.threads, "rows": rows}, indent=1) + "\n")


HEADER = (f"{'size':>5}{'axis':>5}{'ssbsim tau':>12}{'s':>8}{'it':>4}{'B/vox':>7}"
          f"{'TauFactor':>11}{'s':>8}{'x':>7}{'PoreSpy':>9}{'s':>8}{'x':>7}{'published':>10}")


def print_row(row, printed=[]):
    if not printed:
        print(HEADER)
        printed.append(True)
    s = row["ssbsim"]
    line = (f"{row['size']:>5}{row['axis']:>5}{float(s['tau']):>12.5f}{s['total_s']:>8.2f}{s['iterations']:>4}"
            f"{s['peak_rss_bytes_per_voxel']:>7.1f}")
    for tool in ("taufactor", "porespy"):
        if tool in row:
            t = row[tool]
            line += f"{t['tau']:>{11 if tool == 'taufactor' else 9}.5f}{t['seconds']:>8.1f}{t['seconds'] / s['total_s']:>7.1f}"
        else:
            line += " " * ((11 if tool == "taufactor" else 9) + 15)
    if "published" in row:
        line += f"{row['published']:>10.4f}"
    print(line)


if __name__ == "__main__":
    main()
