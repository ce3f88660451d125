"""Each plot function draws the data it is given, with labelled axes, and rejects bad input."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pytest
from matplotlib.colors import to_rgb

from ssbsim import plot
from ssbsim.impedance import Impedance
from ssbsim.solution import Profiles, Solution

# A made-up run: a discharge at 2 A for 1 h, a rest, a charge at -1 A for 1 h; both step
# boundaries are sampled twice, as the engine writes them.
T = np.array([0, 900, 1800, 2700, 3600, 3600, 4200, 4800, 4800, 5700, 6600, 7500, 8400.0])
STEP = np.array([1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3.0])
Q = np.array([0, 0.5, 1.0, 1.5, 2.0, 2.0, 2.0, 2.0, 2.0, 1.75, 1.5, 1.25, 1.0])
CURRENT = np.where(STEP == 1, 2.0, np.where(STEP == 2, 0.0, -1.0))
OCV = np.linspace(4.1, 3.9, len(T))
ETA_REACTION = -0.01 * CURRENT
ETA_OHMIC = -0.005 * CURRENT
V = OCV + ETA_REACTION + ETA_OHMIC
STEPS = [
    {"Step": 1, "Cycle": 1, "Text": "Discharge at 2 A for 1 hour"},
    {"Step": 2, "Cycle": 1, "Text": "Rest for 20 min"},
    {"Step": 3, "Cycle": 1, "Text": "Charge at 1 A for 1 hour"},
]
CYCLES = [
    {
        "Cycle": 1,
        "Discharge capacity [A.h]": 2.0,
        "Charge capacity [A.h]": 1.0,
        "Coulombic efficiency": 0.98,
        "Energy efficiency": 0.9,
    },
    {
        "Cycle": 2,
        "Discharge capacity [A.h]": 1.9,
        "Charge capacity [A.h]": 0.0,
        "Coulombic efficiency": 0.0,
        "Energy efficiency": 0.0,
    },
    {
        "Cycle": 3,
        "Discharge capacity [A.h]": 1.8,
        "Charge capacity [A.h]": 1.8,
        "Coulombic efficiency": 0.99,
        "Energy efficiency": 0.92,
    },
]
X_E = np.array([5e-6, 15e-6, 25e-6, 35e-6])
X_P = np.array([22e-6, 28e-6, 34e-6])
PROFILE_TIMES = np.array([0.0, 1800.0, 3600.0])
PHI_E = np.arange(12.0).reshape(3, 4)
X_PARTICLE = np.array([[0.2, 0.2, 0.2], [0.5, 0.4, 0.3], [0.9, 0.8, 0.7]])


def make_solution(with_ocv: bool = True, profile_times=PROFILE_TIMES) -> Solution:
    series = {
        "Time [s]": T,
        "Voltage [V]": V,
        "Current [A]": CURRENT,
        "Discharge capacity [A.h]": Q,
        "Step number": STEP,
        "Cycle number": np.ones_like(T),
    }
    if with_ocv:
        series |= {
            "Open-circuit voltage [V]": OCV,
            "Reaction overpotential [V]": ETA_REACTION,
            "Electrolyte ohmic overpotential [V]": ETA_OHMIC,
        }
    n = len(profile_times)
    profiles = Profiles(
        np.asarray(profile_times),
        {"Electrolyte": X_E, "Positive": X_P},
        {"Electrolyte potential [V]": PHI_E[:n], "Positive particle stoichiometry": X_PARTICLE[:n]},
    )
    return Solution(series, profiles, {"Steps": STEPS, "Cycles": CYCLES})


def make_impedance() -> Impedance:
    f = np.logspace(3, -1, 9)
    z_area = 1e-3 / (1 + 1j * f / 10) + 1e-4
    return Impedance(f, z_area, z_area / 0.02)


# --- time series -----------------------------------------------------------------------------


def test_voltage_capacity_draws_one_line_per_charge_or_discharge_step():
    ax = plot.plot_voltage_capacity(make_solution()).axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Capacity [A.h]", "Voltage [V]")
    discharge, charge = ax.lines  # the rest step is left out
    step1, step3 = STEP == 1, STEP == 3
    np.testing.assert_array_equal(discharge.get_xdata(), Q[step1])
    np.testing.assert_array_equal(discharge.get_ydata(), V[step1])
    np.testing.assert_allclose(charge.get_xdata(), [0, 0.25, 0.5, 0.75, 1.0])
    np.testing.assert_array_equal(charge.get_ydata(), V[step3])
    assert discharge.get_label() == "Step 1, discharge: Discharge at 2 A for 1 hour"
    assert charge.get_label() == "Step 3, charge: Charge at 1 A for 1 hour"


def test_voltage_current_shares_the_time_axis_in_hours():
    fig = plot.plot_voltage_current(make_solution())
    left, right = fig.axes
    assert (left.get_xlabel(), left.get_ylabel(), right.get_ylabel()) == (
        "Time [h]",
        "Voltage [V]",
        "Current [A]",
    )
    np.testing.assert_allclose(left.lines[0].get_xdata(), T / 3600)
    np.testing.assert_array_equal(left.lines[0].get_ydata(), V)
    np.testing.assert_array_equal(right.lines[0].get_ydata(), CURRENT)


def test_temperature_in_celsius_and_heat_against_hours():
    sol = make_solution()
    kelvin = 298.15 + np.linspace(0.0, 5.0, len(T))
    heat = np.linspace(0.1, 0.3, len(T))
    sol = Solution({**sol.series, "Temperature [K]": kelvin, "Heat generation [W]": heat},
                   sol.profiles, sol.summary)
    fig = plot.plot_temperature(sol)
    left, right = fig.axes
    assert (left.get_ylabel(), right.get_ylabel()) == ("Temperature [°C]", "Heat generation [W]")
    np.testing.assert_allclose(left.lines[0].get_xdata(), T / 3600)
    np.testing.assert_allclose(left.lines[0].get_ydata(), kelvin - 273.15)
    np.testing.assert_array_equal(right.lines[0].get_ydata(), heat)
    with pytest.raises(ValueError, match="Temperature"):
        plot.plot_temperature(make_solution())


def test_plots_draw_into_given_axes():
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    assert plot.plot_voltage_capacity(make_solution(), ax=ax) is fig
    assert len(ax.lines) == 2
    with pytest.raises(ValueError, match="expected 2 axes"):
        plot.plot_cycles(make_solution(), axes=[ax])


def test_overpotentials_stack_from_the_open_circuit_voltage_to_the_voltage():
    ax = plot.plot_overpotentials(make_solution()).axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Time [h]", "Voltage [V]")
    ocv_line, v_line = ax.lines
    np.testing.assert_array_equal(ocv_line.get_ydata(), OCV)
    np.testing.assert_array_equal(v_line.get_ydata(), V)
    # Bands in the order of plot.OVERPOTENTIALS: reaction first, then the electrolyte ohmic loss.
    reaction, ohmic = ax.collections
    assert [c.get_label() for c in ax.collections] == [
        "Reaction overpotential",
        "Electrolyte ohmic overpotential",
    ]
    for band, lower, upper in (
        (reaction, OCV, OCV + ETA_REACTION),
        (ohmic, OCV + ETA_REACTION, V),
    ):
        y = band.get_paths()[0].vertices[:, 1]
        for edge in (lower, upper):
            assert all(np.isclose(y, value).any() for value in edge)


def test_overpotentials_against_capacity():
    ax = plot.plot_overpotentials(make_solution(), x="capacity").axes[0]
    assert ax.get_xlabel() == "Discharge capacity [A.h]"
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), Q)


def test_overpotentials_need_the_open_circuit_voltage():
    with pytest.raises(ValueError, match="no 'Open-circuit voltage \\[V\\]'"):
        plot.plot_overpotentials(make_solution(with_ocv=False))
    with pytest.raises(ValueError, match="'time' or 'capacity'"):
        plot.plot_overpotentials(make_solution(), x="soc")


def test_cycles_show_capacities_and_efficiencies_where_defined():
    cap, eff = plot.plot_cycles(make_solution()).axes
    assert (cap.get_xlabel(), cap.get_ylabel(), eff.get_ylabel()) == (
        "Cycle",
        "Capacity [A.h]",
        "Efficiency [%]",
    )
    discharge, charge = cap.lines
    np.testing.assert_array_equal(discharge.get_xdata(), [1, 2, 3])
    np.testing.assert_array_equal(discharge.get_ydata(), [2.0, 1.9, 1.8])
    np.testing.assert_array_equal(charge.get_ydata(), [1.0, 0.0, 1.8])
    coulombic, energy = eff.lines  # cycle 2 has no charge: no efficiency
    np.testing.assert_array_equal(coulombic.get_xdata(), [1, 3])
    np.testing.assert_allclose(coulombic.get_ydata(), [98, 99])
    np.testing.assert_allclose(energy.get_ydata(), [90, 92])


def test_cycles_without_efficiencies_say_so():
    sol = make_solution()
    sol.summary = {"Cycles": CYCLES[1:2]}
    eff = plot.plot_cycles(sol).axes[1]
    assert not eff.lines and eff.texts[0].get_text() == "no cycle both charges and discharges"


def test_cycles_need_cycles():
    sol = make_solution()
    sol.summary = {}
    with pytest.raises(ValueError, match="no cycles"):
        plot.plot_cycles(sol)


# --- profiles --------------------------------------------------------------------------------


def test_profiles_default_to_every_stored_time():
    ax = plot.plot_profiles(make_solution(), "Electrolyte potential [V]").axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x [µm]", "Electrolyte potential [V]")
    assert [line.get_label() for line in ax.lines] == ["0 min", "30 min", "60 min"]
    for line, values in zip(ax.lines, PHI_E, strict=True):
        np.testing.assert_allclose(line.get_xdata(), X_E * 1e6)
        np.testing.assert_array_equal(line.get_ydata(), values)
    assert tuple(ax.lines[0].get_color()) != tuple(ax.lines[-1].get_color())


def test_profiles_at_chosen_times_take_the_nearest_stored_one():
    ax = plot.plot_profiles(
        make_solution(), "Positive particle stoichiometry", times=[1700, 1900]
    ).axes[0]
    (line,) = ax.lines  # both times are nearest to the profile at 30 min
    np.testing.assert_allclose(line.get_xdata(), X_P * 1e6)
    np.testing.assert_array_equal(line.get_ydata(), X_PARTICLE[1])


def test_profiles_pick_at_most_eight_times():
    times = np.arange(20) * 600.0
    sol = make_solution(profile_times=[0.0])
    sol.profiles = Profiles(
        times, {"Electrolyte": X_E}, {"Electrolyte potential [V]": np.ones((20, 4))}
    )
    ax = plot.plot_profiles(sol, "Electrolyte potential [V]").axes[0]
    assert len(ax.lines) == 8
    assert ax.lines[0].get_label() == "0 h" and ax.lines[-1].get_label() == "3.167 h"


def test_profiles_reject_unknown_variables_and_empty_runs():
    with pytest.raises(KeyError, match="did you mean 'Electrolyte potential"):
        plot.plot_profiles(make_solution(), "Electrolyte potentials [V]")
    with pytest.raises(ValueError, match="no profiles"):
        plot.plot_profiles(make_solution(profile_times=[]), "Electrolyte potential [V]")


def test_profiles_of_a_real_run(run_folder):
    sol = Solution.load(run_folder)
    ax = plot.plot_profiles(sol, "Positive surface stoichiometry").axes[0]
    assert 1 < len(ax.lines) <= 8
    np.testing.assert_allclose(ax.lines[0].get_xdata(), sol.profiles.positions["Positive"] * 1e6)
    np.testing.assert_array_equal(
        ax.lines[0].get_ydata(), sol.profiles["Positive surface stoichiometry"][0]
    )


# --- impedance -------------------------------------------------------------------------------


def test_nyquist_plots_minus_imaginary_against_real_part():
    imp = make_impedance()
    ax = plot.plot_nyquist(imp).axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Re Z [Ω·cm²]", "−Im Z [Ω·cm²]")
    np.testing.assert_allclose(ax.lines[0].get_xdata(), imp.z_area.real * 1e4)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), -imp.z_area.imag * 1e4)
    assert ax.get_aspect() == 1.0
    ax = plot.plot_nyquist(imp, area=False).axes[0]
    assert ax.get_xlabel() == "Re Z [Ω]"
    np.testing.assert_allclose(ax.lines[0].get_ydata(), -imp.z.imag)


def test_bode_plots_modulus_and_phase_against_log_frequency():
    imp = make_impedance()
    mag, phase = plot.plot_bode(imp).axes
    assert (mag.get_xlabel(), mag.get_ylabel(), phase.get_ylabel()) == (
        "Frequency [Hz]",
        "|Z| [Ω·cm²]",
        "−Phase [°]",
    )
    assert mag.get_xscale() == phase.get_xscale() == "log"
    np.testing.assert_array_equal(mag.lines[0].get_xdata(), imp.frequency)
    np.testing.assert_allclose(mag.lines[0].get_ydata(), np.abs(imp.z_area) * 1e4)
    np.testing.assert_allclose(phase.lines[0].get_ydata(), -np.degrees(np.angle(imp.z_area)))


def test_impedance_reads_back_what_eis_wrote(run_folder):
    imp = Impedance.load(run_folder)
    rows = np.loadtxt(run_folder / "impedance.csv", delimiter=",", skiprows=1)
    np.testing.assert_array_equal(imp.frequency, rows[:, 0])
    np.testing.assert_array_equal(imp.z_area, rows[:, 1] + 1j * rows[:, 2])
    np.testing.assert_array_equal(imp.z, rows[:, 3] + 1j * rows[:, 4])
    assert len(Impedance.load(run_folder / "impedance.csv")) == len(rows) > 10


def test_impedance_rejects_other_files(tmp_path):
    path = tmp_path / "impedance.csv"
    path.write_text("Time [s],Voltage [V]\n0,4\n")
    with pytest.raises(ValueError, match="no column 'Frequency \\[Hz\\]'"):
        Impedance.load(tmp_path)
    with pytest.raises(FileNotFoundError):
        Impedance.load(tmp_path / "missing.csv")


# --- design and microstructure ---------------------------------------------------------------


def test_energy_density_shows_each_level_and_layer_shares(design_folder):
    summary = json.loads((design_folder / "summary.json").read_text())
    design, reference = summary["Design"], summary["Reference liquid Li-ion cell"]
    grav, vol, share = plot.plot_energy_density(design, reference).axes
    assert (
        grav.get_ylabel() == "Energy density [Wh/kg]"
        and vol.get_ylabel() == "Energy density [Wh/L]"
    )
    assert [t.get_text() for t in grav.get_xticklabels()] == [
        "stack",
        "+ current collectors",
        "+ packaging",
    ]
    levels = (
        "Electrochemical stack",
        "With current collectors",
        "With current collectors and packaging",
    )
    for ax, key in (
        (grav, "Gravimetric energy density [Wh.kg-1]"),
        (vol, "Volumetric energy density [Wh.L-1]"),
    ):
        cell, liquid = ax.containers
        assert [b.get_height() for b in cell] == [design[level][key] for level in levels]
        assert [b.get_height() for b in liquid] == [reference[level][key] for level in levels]
    bars = share.patches
    assert len(bars) == 2 * len(design["Layers"])
    for row in (0, 1):  # mass, thickness: the shares add up to 100 %
        assert sum(b.get_width() for b in bars[row::2]) == pytest.approx(100)
    assert [t.get_text() for t in share.get_legend().get_texts()] == [
        layer["Layer"] for layer in design["Layers"]
    ]


def test_energy_density_without_reference_and_bad_design(design_folder):
    design = json.loads((design_folder / "summary.json").read_text())["Design"]
    grav = plot.plot_energy_density(design).axes[0]
    assert len(grav.containers) == 1
    with pytest.raises(KeyError):
        plot.plot_energy_density({"Name": "empty"})


LABELS = np.zeros((4, 5, 6), dtype=np.uint8)  # (nz, ny, nx)
LABELS[:, :, 3:] = 1
LABELS[2:, :, :] = 2


def test_volume_slice_colours_each_label_and_names_the_phases():
    volume = SimpleNamespace(
        labels=LABELS, phase_names={0: "pore", 1: "CAM", 2: "SE"}, voxel_size=(1e-6, 2e-6, 5e-7)
    )
    ax = plot.plot_volume_slice(volume, axis="y", index=1).axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x [µm]", "z [µm]")
    image = ax.images[0]
    colours = np.array([to_rgb(c) for c in plot.PHASE_COLOURS])
    np.testing.assert_array_equal(image.get_array(), colours[LABELS[:, 1, :]])
    assert image.get_extent() == pytest.approx([0, 6.0, 0, 2.0])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["pore", "CAM", "SE"]


def test_volume_slice_of_a_plain_array_in_voxels():
    ax = plot.plot_volume_slice(LABELS).axes[0]  # the middle z slice: labels 2 only
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x [voxel]", "y [voxel]")
    assert ax.images[0].get_array().shape == (5, 6, 3)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["label 2"]
    ax = plot.plot_volume_slice(LABELS, axis="x", index=0, phase_names={0: "pore"}).axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("y [voxel]", "z [voxel]")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["pore", "label 2"]


def test_volume_slice_rejects_bad_input():
    with pytest.raises(ValueError, match="3-D integer"):
        plot.plot_volume_slice(LABELS[0])
    with pytest.raises(ValueError, match="3-D integer"):
        plot.plot_volume_slice(LABELS.astype(float))
    with pytest.raises(ValueError, match="axis must be"):
        plot.plot_volume_slice(LABELS, axis="w")
    with pytest.raises(IndexError, match="outside 0..3 along z"):
        plot.plot_volume_slice(LABELS, index=4)


def test_volume_slice_of_a_generated_microstructure(micro_folder):
    labels = np.load(micro_folder / "volume.npy")
    ax = plot.plot_volume_slice(labels, axis="x", voxel_size=(2.5e-7,) * 3).axes[0]
    assert ax.images[0].get_array().shape == (labels.shape[0], labels.shape[1], 3)
    assert len(ax.get_legend().get_texts()) == len(np.unique(labels[:, :, labels.shape[2] // 2]))
