"""Plots of ssbsim results with matplotlib (docs/plots-and-report.md).

Every function draws into the axes it is given (``ax=`` or ``axes=``) or into a new
``matplotlib.figure.Figure``, and returns the figure. No pyplot state is used, so the functions
work with any backend and without a display. The numbers come from the C++ engine; these functions
only convert units for display.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ssbsim.impedance import Impedance
from ssbsim.solution import Solution

#: Contributions to the voltage, in the order they are stacked from the open-circuit voltage.
OVERPOTENTIALS = (
    "Particle concentration overpotential [V]",
    "Reaction overpotential [V]",
    "Interface film overpotential [V]",
    "Electrolyte concentration overpotential [V]",
    "Electrolyte ohmic overpotential [V]",
    "Solid-phase ohmic overpotential [V]",
)

#: Colour of each voxel label (label 0, usually pore, is light grey); labels past the end wrap.
PHASE_COLOURS = (
    "#d9d9d9",
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)

_ENERGY_LEVELS = (
    ("Electrochemical stack", "stack"),
    ("With current collectors", "+ current collectors"),
    ("With current collectors and packaging", "+ packaging"),
)


def _axes(ax: Axes | None, figsize=(7.0, 4.5)) -> tuple[Figure, Axes]:
    """``ax`` and its figure, or one new axes on a new figure."""
    if ax is None:
        fig = Figure(figsize=figsize, layout="constrained")
        ax = fig.add_subplot()
    return ax.figure, ax


def _axes_row(axes: Sequence[Axes] | None, n: int, figsize) -> tuple[Figure, list[Axes]]:
    """``axes`` (n of them) and their figure, or n new axes side by side on a new figure."""
    if axes is None:
        fig = Figure(figsize=figsize, layout="constrained")
        axes = fig.subplots(1, n, squeeze=False)[0]
    axes = list(axes)
    if len(axes) != n:
        raise ValueError(f"expected {n} axes, got {len(axes)}")
    return axes[0].figure, axes


def _hours(sol: Solution) -> np.ndarray:
    return sol["Time [s]"] / 3600.0


def plot_voltage_capacity(sol: Solution, ax: Axes | None = None) -> Figure:
    """Voltage against the capacity passed since the start of each charge or discharge step, one
    line per step; rest steps (no charge passed) are left out. A step is a discharge when the
    discharge capacity grew over it, else a charge. The legend (step number, charge or discharge,
    step text) is drawn for up to 12 lines."""
    fig, ax = _axes(ax)
    texts = {s.get("Step"): s.get("Text", "") for s in sol.steps}
    step, q, v = sol["Step number"], sol["Discharge capacity [A.h]"], sol["Voltage [V]"]
    for n in np.unique(step):
        mask = step == n
        passed = q[mask] - q[mask][0]
        if passed[-1] == 0:
            continue
        kind = "discharge" if passed[-1] > 0 else "charge"
        text = texts.get(int(n))
        label = f"Step {int(n)}, {kind}" + (f": {text}" if text else "")
        ax.plot(np.abs(passed), v[mask], "-" if kind == "discharge" else "--", label=label)
    ax.set_xlabel("Capacity [A.h]")
    ax.set_ylabel("Voltage [V]")
    if 0 < len(ax.lines) <= 12:
        ax.legend(fontsize="small")
    return fig


def _two_axes_against_hours(sol: Solution, ax: Axes | None, left, right) -> Figure:
    """``left`` and ``right`` are (values, axis label, legend label, colour), drawn against time in
    hours on the left and right y axes."""
    fig, ax = _axes(ax)
    t = _hours(sol)
    ax.set_xlabel("Time [h]")
    for axis, (values, ylabel, label, colour) in ((ax, left), (ax.twinx(), right)):
        axis.plot(t, values, color=colour, label=label)
        axis.set_ylabel(ylabel, color=colour)
    return fig


def plot_voltage_current(sol: Solution, ax: Axes | None = None) -> Figure:
    """Voltage (left axis) and current (right axis, discharge > 0) against time in hours."""
    return _two_axes_against_hours(
        sol,
        ax,
        (sol["Voltage [V]"], "Voltage [V]", "Voltage", "C0"),
        (sol["Current [A]"], "Current [A]", "Current", "C1"),
    )


def plot_temperature(sol: Solution, ax: Axes | None = None) -> Figure:
    """Temperature in °C (left axis) and the heat the stack releases, W (right axis), against
    time in hours (docs/physics/thermal.md)."""
    for name in ("Temperature [K]", "Heat generation [W]"):
        if name not in sol:
            raise ValueError(f"the run has no {name!r}: it was written by an older ssbsim")
    return _two_axes_against_hours(
        sol,
        ax,
        (sol["Temperature [K]"] - 273.15, "Temperature [°C]", "Temperature", "C3"),
        (sol["Heat generation [W]"], "Heat generation [W]", "Heat generation", "C1"),
    )


def plot_overpotentials(sol: Solution, x: str = "time", ax: Axes | None = None) -> Figure:
    """The voltage as the open-circuit voltage plus its overpotentials, stacked: the OCV as a line,
    each contribution of :data:`OVERPOTENTIALS` the run has as a band from the sum before it, and
    the terminal voltage as a line where the bands end. ``x`` is "time" [h] or "capacity" (the
    discharge capacity, A.h)."""
    if "Open-circuit voltage [V]" not in sol:
        raise ValueError(
            "the run has no 'Open-circuit voltage [V]', so the voltage cannot be broken down"
        )
    if x not in ("time", "capacity"):
        raise ValueError(f"x must be 'time' or 'capacity', not {x!r}")
    fig, ax = _axes(ax)
    xs = _hours(sol) if x == "time" else sol["Discharge capacity [A.h]"]
    lower = sol["Open-circuit voltage [V]"]
    ax.plot(xs, lower, color="black", linestyle="--", label="Open-circuit voltage")
    for i, name in enumerate(n for n in OVERPOTENTIALS if n in sol):
        upper = lower + sol[name]
        ax.fill_between(
            xs, lower, upper, color=f"C{i}", alpha=0.6, linewidth=0, label=name.removesuffix(" [V]")
        )
        lower = upper
    ax.plot(xs, sol["Voltage [V]"], color="black", label="Voltage")
    ax.set_xlabel("Time [h]" if x == "time" else "Discharge capacity [A.h]")
    ax.set_ylabel("Voltage [V]")
    ax.legend(fontsize="small")
    return fig


def plot_cycles(sol: Solution, axes: Sequence[Axes] | None = None) -> Figure:
    """Per cycle: discharge and charge capacity (left) and coulombic and energy efficiency
    (right). Efficiencies are shown only for cycles that both charge and discharge."""
    cycles = sol.cycles
    if not cycles:
        raise ValueError("the run has no cycles in its summary")
    fig, (cap, eff) = _axes_row(axes, 2, figsize=(10.0, 4.0))
    n = [c["Cycle"] for c in cycles]
    for key in ("Discharge capacity [A.h]", "Charge capacity [A.h]"):
        cap.plot(n, [c[key] for c in cycles], "o-", label=key.removesuffix(" [A.h]"))
    cap.set_xlabel("Cycle")
    cap.set_ylabel("Capacity [A.h]")
    cap.legend()
    both = [
        c for c in cycles if c["Discharge capacity [A.h]"] > 0 and c["Charge capacity [A.h]"] > 0
    ]
    if both:
        for key in ("Coulombic efficiency", "Energy efficiency"):
            eff.plot([c["Cycle"] for c in both], [100 * c[key] for c in both], "o-", label=key)
        eff.legend()
    else:
        eff.text(
            0.5, 0.5, "no cycle both charges and discharges", transform=eff.transAxes, ha="center"
        )
    eff.set_xlabel("Cycle")
    eff.set_ylabel("Efficiency [%]")
    for ax in (cap, eff):
        ax.xaxis.get_major_locator().set_params(integer=True)
    return fig


def plot_profiles(
    sol: Solution,
    variable: str,
    times: Sequence[float] | None = None,
    ax: Axes | None = None,
    cmap: str = "viridis",
) -> Figure:
    """A profile variable along x [um] at the stored profiles nearest to ``times`` (s); by default
    all stored profiles, or 8 evenly picked when there are more. One line per time, coloured from
    early to late, labelled in min (runs up to 2 h) or h."""
    profiles = sol.profiles
    values = profiles[variable]
    if len(profiles) == 0:
        raise ValueError("the run stored no profiles")
    if times is None:
        picked = np.unique(
            np.linspace(0, len(profiles) - 1, min(len(profiles), 8)).round().astype(int)
        )
    else:
        picked = list(dict.fromkeys(profiles.index(t) for t in times))
    fig, ax = _axes(ax)
    x = profiles.x(variable) * 1e6
    in_minutes = profiles.times[-1] <= 7200
    colours = colormaps[cmap](np.linspace(0, 1, len(picked)))
    for colour, i in zip(colours, picked, strict=True):
        t = profiles.times[i] / (60 if in_minutes else 3600)
        ax.plot(x, values[i], color=colour, label=f"{t:.4g} {'min' if in_minutes else 'h'}")
    ax.set_xlabel("x [µm]")
    ax.set_ylabel(variable)
    ax.legend(title="Time", fontsize="small")
    return fig


def _impedance_values(imp: Impedance, area: bool) -> tuple[np.ndarray, str]:
    """Z in Ohm.cm2 (area-specific) or Ohm (whole cell), and its unit for labels."""
    return (imp.z_area * 1e4, "Ω·cm²") if area else (imp.z, "Ω")


def plot_nyquist(imp: Impedance, area: bool = True, ax: Axes | None = None) -> Figure:
    """Nyquist plot: -Im Z against Re Z, equal scales; area-specific (Ohm.cm2) or whole cell."""
    fig, ax = _axes(ax, figsize=(6.0, 5.0))
    z, unit = _impedance_values(imp, area)
    ax.plot(z.real, -z.imag, "o-", markersize=3)
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xlabel(f"Re Z [{unit}]")
    ax.set_ylabel(f"−Im Z [{unit}]")
    ax.grid(True, alpha=0.3)
    return fig


def plot_bode(imp: Impedance, area: bool = True, axes: Sequence[Axes] | None = None) -> Figure:
    """Bode plot: |Z| (log scale, left) and -phase(Z) in degrees (right, > 0 for a capacitive
    response) against the frequency on a log axis; area-specific (Ohm.cm2) or whole cell."""
    fig, (mag, phase) = _axes_row(axes, 2, figsize=(10.0, 4.0))
    z, unit = _impedance_values(imp, area)
    mag.loglog(imp.frequency, np.abs(z), "o-", markersize=3)
    mag.set_ylabel(f"|Z| [{unit}]")
    phase.semilogx(imp.frequency, -np.degrees(np.angle(z)), "o-", markersize=3)
    phase.set_ylabel("−Phase [°]")
    for ax in (mag, phase):
        ax.set_xlabel("Frequency [Hz]")
        ax.grid(True, which="both", alpha=0.3)
    return fig


def plot_energy_density(
    design: dict, reference: dict | None = None, axes: Sequence[Axes] | None = None
) -> Figure:
    """Energy density of a design (the "Design" object of ``ssbsim design``'s summary.json) at
    each level -- stack, + current collectors, + packaging -- in Wh/kg and Wh/L, beside the
    ``reference`` design (the liquid Li-ion cell) when given; and the share of each layer in the
    mass and the thickness (at full charge) of the packaged stack, counting every copy."""
    fig, (grav, vol, share) = _axes_row(axes, 3, figsize=(14.0, 4.5))
    designs = [(design.get("Name", "cell"), design)]
    if reference:
        designs.append((reference.get("Name", "reference"), reference))
    width = 0.8 / len(designs)
    for ax, key, unit in (
        (grav, "Gravimetric energy density [Wh.kg-1]", "Wh/kg"),
        (vol, "Volumetric energy density [Wh.L-1]", "Wh/L"),
    ):
        for i, (name, d) in enumerate(designs):
            values = [d[level][key] for level, _ in _ENERGY_LEVELS]
            bars = ax.bar(
                np.arange(3) + (i - (len(designs) - 1) / 2) * width, values, width, label=name
            )
            ax.bar_label(bars, fmt="%.0f", fontsize="small")
        ax.set_xticks(np.arange(3), [label for _, label in _ENERGY_LEVELS])
        ax.set_ylabel(f"Energy density [{unit}]")
    grav.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.12))
    layers = design.get("Layers", [])
    mass = np.array([layer["Areal mass [mg.cm-2]"] * layer["Count"] for layer in layers])
    thick = np.array(
        [
            layer.get("Thickness at full charge [um]", layer["Thickness [um]"]) * layer["Count"]
            for layer in layers
        ]
    )
    left = np.zeros(2)
    for i, layer in enumerate(layers):
        part = np.array([mass[i] / mass.sum(), thick[i] / thick.sum()]) * 100
        share.barh([0, 1], part, left=left, color=f"C{i}", label=layer["Layer"])
        left += part
    share.set_yticks([0, 1], ["mass", "thickness"])
    share.set_xlabel("Share of the packaged stack [%]")
    share.set_xlim(0, 100)
    share.invert_yaxis()
    share.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2)
    return fig


def plot_volume_slice(
    volume,
    axis: str = "z",
    index: int | None = None,
    phase_names: dict[int, str] | None = None,
    voxel_size: Sequence[float] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """One slice of a label volume, shape (nz, ny, nx), normal to ``axis`` at ``index`` (default:
    the middle). ``volume`` is the numpy array or an object with ``.labels``, ``.phase_names``
    (label -> name) and ``.voxel_size`` ((x, y, z) in m); the arguments override those. Each label
    has a fixed colour (:data:`PHASE_COLOURS`); axes in um when the voxel size is known, else in
    voxels."""
    labels = np.asarray(getattr(volume, "labels", volume))
    phase_names = phase_names if phase_names is not None else getattr(volume, "phase_names", None)
    voxel_size = voxel_size if voxel_size is not None else getattr(volume, "voxel_size", None)
    if labels.ndim != 3 or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"expected a 3-D integer label volume, got {labels.ndim}-D {labels.dtype}")
    if axis not in ("x", "y", "z"):
        raise ValueError(f"axis must be 'x', 'y' or 'z', not {axis!r}")
    normal = "zyx".index(axis)  # array dimension of the axis
    size = labels.shape[normal]
    index = size // 2 if index is None else index
    if not 0 <= index < size:
        raise IndexError(f"slice {index} is outside 0..{size - 1} along {axis}")
    plane = np.take(labels, index, axis=normal)  # rows: the slower remaining axis
    rows, cols = [a for a in "zyx" if a != axis]
    fig, ax = _axes(ax, figsize=(6.0, 5.0))
    palette = np.array([to_rgb(c) for c in PHASE_COLOURS])
    if voxel_size is not None:
        um = {a: s * 1e6 for a, s in zip("xyz", voxel_size, strict=True)}
        extent = (0, plane.shape[1] * um[cols], 0, plane.shape[0] * um[rows])
        unit = "µm"
    else:
        extent, unit = (0, plane.shape[1], 0, plane.shape[0]), "voxel"
    ax.imshow(palette[plane % len(palette)], origin="lower", extent=extent, interpolation="nearest")
    ax.set_xlabel(f"{cols} [{unit}]")
    ax.set_ylabel(f"{rows} [{unit}]")
    ax.set_title(
        f"{axis} = {index}" + (f" ({index * um[axis]:.4g} µm)" if voxel_size is not None else "")
    )
    names = phase_names or {}
    handles = [
        Patch(
            color=PHASE_COLOURS[label % len(PHASE_COLOURS)],
            label=names.get(label, f"label {label}"),
        )
        for label in np.unique(plane).tolist()
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1), fontsize="small")
    return fig
