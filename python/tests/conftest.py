"""Shared fixtures: output folders made once per session with the ssbsim command-line program.

The program is found through the environment variable SSBSIM_CLI (default:
<repository>/build/apps/ssbsim/ssbsim, what scripts/build makes).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CELL = REPO / "examples" / "sheet-nmc811-lpscl-li.yaml"


@pytest.fixture(scope="session")
def cli() -> Path:
    path = Path(os.environ.get("SSBSIM_CLI", REPO / "build" / "apps" / "ssbsim" / "ssbsim"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"no ssbsim program at {path}: build it (scripts/build) or set SSBSIM_CLI")
    return path


def ssbsim(cli: Path, *args) -> None:
    """Runs ``ssbsim ARGS`` from the repository root and fails the test with its output on error."""
    result = subprocess.run([cli, *map(str, args)], cwd=REPO, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(
            f"ssbsim {' '.join(map(str, args))} exited with {result.returncode}:\n{result.stderr}"
        )


@pytest.fixture(scope="session")
def design_folder(cli, tmp_path_factory) -> Path:
    """What ``ssbsim design`` writes: summary.json with "Design" and the liquid reference."""
    folder = tmp_path_factory.mktemp("design")
    ssbsim(cli, "design", CELL, "-o", folder)
    return folder


@pytest.fixture(scope="session")
def run_folder(cli, tmp_path_factory, design_folder) -> Path:
    """A run (discharge, rest, charge; profiles every 10 min), its impedance spectrum in the same
    folder, and design's summary as design.json (in place of the one `run` writes) so that the
    report also has the liquid reference cell."""
    folder = tmp_path_factory.mktemp("run")
    ssbsim(
        cli,
        "run",
        CELL,
        "-e",
        "Discharge at 1C until 3 V",
        "-e",
        "Rest for 10 min",
        "-e",
        "Charge at C/2 until 4.2 V",
        "--profile-period",
        "10 min",
        "-o",
        folder,
        "-q",
    )
    ssbsim(cli, "eis", CELL, "--soc", "0.5", "-o", folder, "-q")
    shutil.copy(design_folder / "summary.json", folder / "design.json")
    return folder


# A small composite cathode (data/micro/composite-cathode.yaml at 48 instead of 128 voxels a side).
MICRO_INPUT = """
generator: composite-cathode
size: [48, 48, 48]
voxel-size: 0.25 um
seed: 7
periodic: true
cam: {volume-fraction: 0.42, diameter: {median: 3 um, log-sd: 0.25}, max-overlap: 0.3}
se: {volume-fraction: 0.42, diameter: {median: 1 um, log-sd: 0.3}}
carbon: {volume-fraction: 0.02, diameter: 0.5 um, placement: on-cam}
"""


@pytest.fixture(scope="session")
def micro_folder(cli, tmp_path_factory) -> Path:
    """A generated composite cathode (volume.tif, and volume.npy) and ``ssbsim micro analyze``'s
    output for it (analysis/)."""
    folder = tmp_path_factory.mktemp("micro")
    (folder / "composite.yaml").write_text(MICRO_INPUT)
    ssbsim(cli, "micro", "generate", folder / "composite.yaml", "-o", folder / "volume.tif", "-q")
    ssbsim(cli, "micro", "convert", folder / "volume.tif", folder / "volume.npy", "-q")
    ssbsim(cli, "micro", "analyze", folder / "volume.tif", "-o", folder / "analysis", "-q")
    return folder
