"""The cell engine through Python: the same numbers as the CLI, bit for bit; C++ errors as
Python exceptions with the CLI's message; designs, impedance and materials."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest
from conftest import CELL, REPO

import ssbsim
from ssbsim.impedance import Impedance
from ssbsim.solution import Solution

PROTOCOL = ["Discharge at 1C until 3 V", "Rest for 10 min", "Charge at C/2 until 4.2 V"]


@pytest.fixture(scope="module")
def cli_run(cli, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-run")
    args = [cli, "run", CELL.relative_to(REPO), "-o", folder, "-q", "--profile-period", "10 min"]
    for step in PROTOCOL:
        args += ["-e", step]
    subprocess.run(list(map(str, args)), cwd=REPO, check=True)
    return Solution.load(folder)


@pytest.fixture(scope="module")
def python_run(monkeypatch_module):
    monkeypatch_module.chdir(REPO)
    cell = ssbsim.Cell.load(CELL.relative_to(REPO))
    return cell.run(PROTOCOL, profile_period="10 min")


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as m:
        yield m


def without_timing(summary: dict) -> dict:
    summary = json.loads(json.dumps(summary))
    del summary["Solver"]["Solver time [s]"]
    return summary


def test_run_equals_the_cli_bit_for_bit(cli_run, python_run):
    assert python_run.variables == cli_run.variables
    for name in cli_run.variables:
        assert np.array_equal(python_run[name], cli_run[name]), name
    assert python_run.profiles.variables == cli_run.profiles.variables
    assert np.array_equal(python_run.profiles.times, cli_run.profiles.times)
    for name in cli_run.profiles.variables:
        assert np.array_equal(python_run.profiles[name], cli_run.profiles[name]), name
    for region, x in cli_run.profiles.positions.items():
        assert np.array_equal(python_run.profiles.positions[region], x)
    assert without_timing(python_run.summary) == without_timing(cli_run.summary)
    assert python_run.cell_text == cli_run.cell_text


def test_saved_run_reads_back_equal(python_run, tmp_path):
    python_run.save(tmp_path)
    back = Solution.load(tmp_path)
    for name in python_run.variables:
        assert np.array_equal(back[name], python_run[name]), name
    assert back.summary == python_run.summary


def test_series_are_views_of_the_result(python_run):
    voltage = python_run["Voltage [V]"]
    assert not voltage.flags.owndata  # no copy: numpy sees the C++ vector
    assert voltage.base is not None


def test_cycle_summary_and_steps(python_run):
    assert [c["Cycle"] for c in python_run.cycles] == [1, 2, 3]
    assert python_run.cycles[0]["Discharge capacity [A.h]"] > 9
    assert [s["Text"] for s in python_run.steps] == PROTOCOL
    assert python_run.completed and python_run.stop_reason == ""


def test_progress_callback_sees_every_step(monkeypatch):
    monkeypatch.chdir(REPO)
    seen = []
    ssbsim.run(CELL, PROTOCOL[:2], on_step=lambda i, n, text, t, why: seen.append((i, n, text)))
    assert seen == [(0, 2, PROTOCOL[0]), (1, 2, PROTOCOL[1])]


# tests/data/cells/engine.yaml as a dict, the way a script builds a cell in code.
ENGINE_CELL = {
    "cell": {
        "name": "engine test cell",
        "format": "pellet",
        "area": "1 cm^2",
        "cathode": {
            "materials": {"TestCAM": 0.8, "TestSE": 0.2},
            "porosity": 0.2,
            "loading": "10 mg/cm^2",
            "particle-radius": "2 um",
            "accessible-fraction": 0.8,
            "effective-electronic-conductivity": "10 S/m",
            "kinetics": {"exchange-current-density": "1 A/m^2"},
        },
        "separator": {"material": "TestSE", "thickness": "40 um", "porosity": 0.1},
        "anode": {
            "type": "li-metal",
            "material": "TestLi",
            "thickness": "30 um",
            "kinetics": {
                "exchange-current-density": "10 A/m^2",
                "interface-resistance": "1 ohm*cm^2",
            },
        },
    }
}
TEST_MATERIALS = REPO / "tests" / "data" / "materials"


def test_cell_from_dict_runs_as_the_file():
    from_file = ssbsim.Cell.load(REPO / "tests/data/cells/engine.yaml", [TEST_MATERIALS])
    from_dict = ssbsim.Cell.from_dict(ENGINE_CELL, materials_path=[TEST_MATERIALS])
    a = from_file.run("Discharge at 1C until 3.7 V")
    b = from_dict.run("Discharge at 1C until 3.7 V")
    assert np.array_equal(a["Voltage [V]"], b["Voltage [V]"])
    bad = json.loads(json.dumps(ENGINE_CELL))
    bad["cell"]["separator"]["thickness"] = "40 parsec"
    with pytest.raises(ssbsim.InputError, match="cell.separator.thickness"):
        ssbsim.Cell.from_dict(bad, materials_path=[TEST_MATERIALS])


def test_impedance_equals_the_cli(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    subprocess.run(
        list(map(str, [cli, "eis", CELL, "--soc", "0.3", "-o", tmp_path, "-q"])), check=True
    )
    expected = Impedance.load(tmp_path)
    got = ssbsim.Cell.load(CELL).impedance(soc=0.3)
    assert np.array_equal(got.frequency, expected.frequency)
    assert np.array_equal(got.z_area, expected.z_area)
    assert np.array_equal(got.z, expected.z)


def test_design_equals_the_cli(design_folder):
    expected = json.loads((design_folder / "summary.json").read_text())["Design"]
    assert ssbsim.Cell.load(CELL).design() == expected


BAD_CELL = """cell:
  name: bad
  format: pellet
  diameter: 10 mm
  separator:
    material: Li6PS5Cl
    thickness: -30 um
"""


def test_input_errors_carry_the_cli_message(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_CELL)
    cli_result = subprocess.run([str(cli), "design", str(bad)], capture_output=True, text=True)
    assert cli_result.returncode == 2
    with pytest.raises(ssbsim.InputError) as raised:
        ssbsim.Cell.load(bad)
    assert str(raised.value) == cli_result.stderr.strip()
    assert isinstance(raised.value, ValueError)
    assert raised.value.file == str(bad)
    assert raised.value.line > 0 and raised.value.key.startswith("cell.")


def test_bad_protocol_and_options_raise():
    cell = ssbsim.Cell.load(CELL)
    with pytest.raises(ssbsim.InputError, match="Discharge at 1 parsec"):
        cell.run("Discharge at 1 parsec until 3 V")
    with pytest.raises(ssbsim.InputError, match="state of charge"):
        cell.run("Rest for 1 s", initial_soc=1.5)
    with pytest.raises(ssbsim.InputError, match="profile-period"):
        cell.run("Rest for 1 s", profile_period="-1 s")
    with pytest.raises(ssbsim.InputError, match="relative tolerance"):
        cell.run("Rest for 1 s", relative_tolerance=0.5)
    with pytest.raises(ssbsim.InputError, match="no-such-cell.yaml"):
        ssbsim.Cell.load(REPO / "no-such-cell.yaml")


def test_relative_tolerance_reaches_the_solver():
    cell = ssbsim.Cell.load(CELL)
    default = cell.run("Discharge at 1C until 3.7 V").summary["Solver"]
    loose = cell.run("Discharge at 1C until 3.7 V", relative_tolerance=1e-3).summary["Solver"]
    assert default["Relative tolerance"] == 1e-5 and loose["Relative tolerance"] == 1e-3
    assert loose["Steps"] < default["Steps"]


def test_cell_from_dict_and_yaml_equal_the_file():
    text = CELL.read_text()
    from_text = ssbsim.Cell.from_yaml(text, name=str(CELL))
    assert from_text.design() == ssbsim.Cell.load(CELL).design()


def test_bpx_cell_runs():
    cell = ssbsim.Cell.from_bpx(REPO / "data" / "bpx" / "nmc_pouch_cell_BPX.json")
    sol = cell.run("Discharge at 1C until 2.7 V")
    assert sol.completed and sol["Voltage [V]"][-1] == pytest.approx(2.7, abs=1e-6)
    with pytest.raises(ssbsim.InputError, match="needs a cell file"):
        cell.design()


def test_materials_library():
    lpscl = ssbsim.materials.get("lpscl")  # alias, case-insensitive
    assert lpscl["name"] == "Li6PS5Cl" and lpscl["category"] == "solid-electrolyte"
    sigma = lpscl["properties"]["ionic-conductivity"]
    assert sigma["source"] and "S/cm" in sigma["display"]
    electrolytes = ssbsim.materials.all_materials("solid-electrolyte")
    assert any(m["name"] == "Li6PS5Cl" for m in electrolytes)
    assert all(m["category"] == "solid-electrolyte" for m in electrolytes)
    with pytest.raises(KeyError, match="Li6PS5Cl"):
        ssbsim.materials.get("Li6PS5C")
