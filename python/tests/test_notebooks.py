"""The example notebooks (examples/*.ipynb) run top to bottom in a fresh python3 kernel from the
repository root, with the ssbsim package this test imports."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from conftest import REPO
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import ssbsim

#: Notebook and the number of figures it draws.
NOTEBOOKS = {"rate-capability.ipynb": 5, "microstructure-to-cell.ipynb": 2}


def kernel_env() -> dict[str, str]:
    """The test's environment, with the folders this process imports ssbsim from (the source
    package and the build's compiled engine) first on the kernel's PYTHONPATH, as absolute paths."""
    env = dict(os.environ)
    folders = [str(Path(p).resolve().parent) for p in ssbsim.__path__]
    folders += [str(Path(p).resolve()) for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(folders))
    return env


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs(name):
    """Every cell runs without error, and every figure is drawn."""
    path = REPO / "examples" / name
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
        f"{name} is stored with outputs: clear them before committing"
    )
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(REPO)}}
    )
    try:
        client.execute(env=kernel_env())
    except CellExecutionError as error:
        message = re.sub(r"\x1b\[[0-9;]*m", "", str(error))  # without the terminal colours
        pytest.fail(f"{name}: a cell failed:\n{message}", pytrace=False)
    images = sum(
        "image/png" in out.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
    )
    assert images == NOTEBOOKS[name], f"{name}: drew {images} figures, expected {NOTEBOOKS[name]}"
