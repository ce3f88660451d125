#!/usr/bin/env python3
"""PyBaMM reference runs for the ssbsim DFN / BPX comparison benchmark.

For every case x C-rate this builds PyBaMM's Doyle-Fuller-Newman model
(``pybamm.lithium_ion.DFN()``, default options: isothermal, symmetric
Butler-Volmer, Fickian spherical particles, no SEI, no contact resistance),
discretises it with finite volumes on ``x_n, x_s, x_p, r_n, r_p`` points
(default 20 each), starts it fully charged and discharges it at constant
current ``I = C-rate x nominal capacity`` until PyBaMM's "Minimum voltage [V]"
event (the lower voltage cut-off), with the IDAKLU solver (rtol 1e-6,
atol 1e-8 by default).

Cases
-----
bpx-nmc-pouch  ``<bpx-dir>/nmc_pouch_cell_BPX.json`` (About:Energy NMC111|graphite
               12.5 Ah pouch, BPX 0.1.0) read by ``ParameterValues.create_from_bpx``.
               Initial state: negative particles at the BPX 'Maximum stoichiometry',
               positive at the BPX 'Minimum stoichiometry' (the window the BPX file
               declares). NB: create_from_bpx itself, for a legacy 0.x file, calls
               ``set_initial_state(1)`` (bpx synthesises 'Initial state-of-charge' = 1),
               which re-solves the stoichiometries from the 4.2 V upper cut-off; those
               values are recorded as ``pybamm_create_from_bpx_stoichiometry`` and can
               be used instead with ``--bpx-initial pybamm``.
chen2020       PyBaMM's built-in ``ParameterValues("Chen2020")`` (LG M50), started with
               PyBaMM's initial-SOC mechanism ``set_initial_state(1.0)`` (the electrode
               SOH solve against the 4.2 V / 2.5 V OCV limits); the stoichiometries it
               sets are recorded.
chen2020-bpx   ``bench/data/chen2020_BPX.json`` (Chen2020 written as BPX 0.x) read by
               create_from_bpx, initial state as for bpx-nmc-pouch.

Timing: after building and discretising (``pybamm.Simulation.build``), the
discretised model is solved ``--repeat`` times with the same IDAKLU solver
object; each ``solver.solve`` call is wall-timed (``time.perf_counter``).
The first call also performs the solver set-up (CasADi function generation,
Jacobian sparsity), later calls reuse it; the best over the repeats and the
first call are both recorded, together with PyBaMM's own
``solution.solve_time`` / ``integration_time`` of the best call.

Output (``--out``, default ``bench/out/pybamm_reference.json``): one record per
case x C-rate with the voltage on a uniform grid of ``--grid-points`` times from
0 to the end time ("Time [s]", "Voltage [V]") and at the solver's native
(adaptive) output times ("native"), the current, the capacity discharged,
the starting stoichiometries, the mesh, tolerances, timings, PyBaMM version and
platform. When both ``chen2020`` and ``chen2020-bpx`` are run, a
"comparisons" list gives the RMS / max voltage difference between them.

Usage (from the repository root)::

    bench/.venv/bin/python bench/pybamm_reference.py                 # 2 cases x {0.5,1,2}C
    bench/.venv/bin/python bench/pybamm_reference.py --case chen2020-bpx   # BPX-vs-native check at 1C
    bench/.venv/bin/python bench/pybamm_reference.py --cases chen2020 --c-rates 1 --repeat 1
    bench/.venv/bin/python bench/pybamm_reference.py --write-chen2020-bpx bench/data/chen2020_BPX.json

``--case chen2020-bpx`` runs ``chen2020-bpx`` and ``chen2020`` (at 1C unless
``--c-rates`` is given), prints the RMS voltage difference and writes
``bench/out/chen2020_bpx_check.json`` unless ``--out`` is given.
``--write-chen2020-bpx PATH`` regenerates the BPX translation of Chen2020 from
PyBaMM's parameter set (checking every expression against PyBaMM's functions)
and exits.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import math
import os
import platform
import sys
import time
import warnings
from pathlib import Path

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "true")

import numpy as np  # noqa: E402
import pybamm  # noqa: E402

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
DEFAULT_BPX_DIR = REPO_ROOT.parent / "shared" / "reference" / "bpx"
CHEN2020_BPX = BENCH_DIR / "data" / "chen2020_BPX.json"
ALL_CASES = ("bpx-nmc-pouch", "chen2020", "chen2020-bpx")
MESH_KEYS = ("x_n", "x_s", "x_p", "r_n", "r_p")


# --------------------------------------------------------------------------- params
def _keep_warnings(log: list[str], caught) -> None:
    """Record user-facing warnings (PyBaMM / bpx); drop library deprecation noise."""
    log.extend(
        f"{w.category.__name__}: {w.message}"
        for w in caught
        if not issubclass(w.category, DeprecationWarning)
    )


def _bpx_parameter_values(path: Path, bpx_initial: str, log: list[str]):
    """create_from_bpx + the fully-charged initial state of the BPX window."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pv = pybamm.ParameterValues.create_from_bpx(str(path))
    _keep_warnings(log, caught)
    c_n_max = float(pv["Maximum concentration in negative electrode [mol.m-3]"])
    c_p_max = float(pv["Maximum concentration in positive electrode [mol.m-3]"])
    default_sto = {
        "negative": float(pv["Initial concentration in negative electrode [mol.m-3]"]) / c_n_max,
        "positive": float(pv["Initial concentration in positive electrode [mol.m-3]"]) / c_p_max,
    }
    window = {
        "negative_min": float(pv["Negative electrode minimum stoichiometry"]),
        "negative_max": float(pv["Negative electrode maximum stoichiometry"]),
        "positive_min": float(pv["Positive electrode minimum stoichiometry"]),
        "positive_max": float(pv["Positive electrode maximum stoichiometry"]),
    }
    if bpx_initial == "window":
        sto = {"negative": window["negative_max"], "positive": window["positive_min"]}
        pv.update(
            {
                "Initial concentration in negative electrode [mol.m-3]": sto["negative"] * c_n_max,
                "Initial concentration in positive electrode [mol.m-3]": sto["positive"] * c_p_max,
            }
        )
        method = (
            "BPX window: negative = 'Maximum stoichiometry', positive = 'Minimum "
            "stoichiometry' (c_s,0 = sto * c_max, uniform)"
        )
    else:
        sto = dict(default_sto)
        method = (
            "as left by create_from_bpx (legacy BPX 0.x -> 'Initial state-of-charge' = 1 "
            "-> ParameterValues.set_initial_state(1.0))"
        )
    with open(path, encoding="utf-8") as f:
        validation = json.load(f).get("Validation") or {}
    info = {
        "parameter_source": str(path),
        "_validation": validation,
        "initial_stoichiometry": {**sto, "method": method},
        "pybamm_create_from_bpx_stoichiometry": default_sto,
        "bpx_stoichiometry_window": window,
    }
    return pv, info


def _chen2020_parameter_values(log: list[str]):
    pv = pybamm.ParameterValues("Chen2020")
    native = {
        "negative": float(pv["Initial concentration in negative electrode [mol.m-3]"])
        / float(pv["Maximum concentration in negative electrode [mol.m-3]"]),
        "positive": float(pv["Initial concentration in positive electrode [mol.m-3]"])
        / float(pv["Maximum concentration in positive electrode [mol.m-3]"]),
    }
    x0, x100, y100, y0 = (float(v) for v in pybamm.lithium_ion.get_min_max_stoichiometries(pv))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pv.set_initial_state(1.0)  # what sim.solve(initial_soc=1) does
    _keep_warnings(log, caught)
    sto = {
        "negative": float(pv["Initial concentration in negative electrode [mol.m-3]"])
        / float(pv["Maximum concentration in negative electrode [mol.m-3]"]),
        "positive": float(pv["Initial concentration in positive electrode [mol.m-3]"])
        / float(pv["Maximum concentration in positive electrode [mol.m-3]"]),
    }
    info = {
        "parameter_source": "pybamm.ParameterValues('Chen2020')",
        "initial_stoichiometry": {
            **sto,
            "method": "ParameterValues.set_initial_state(1.0) (= initial_soc=1): electrode "
            "SOH solve at 'Open-circuit voltage at 100% SOC [V]'",
        },
        "chen2020_file_stoichiometry": native,
        "esoh_stoichiometry_window": {
            "negative_min": x0,
            "negative_max": x100,
            "positive_min": y100,
            "positive_max": y0,
        },
    }
    return pv, info


def parameter_values_for(case: str, bpx_dir: Path, bpx_initial: str, log: list[str]):
    if case == "bpx-nmc-pouch":
        return _bpx_parameter_values(bpx_dir / "nmc_pouch_cell_BPX.json", bpx_initial, log)
    if case == "chen2020":
        return _chen2020_parameter_values(log)
    if case == "chen2020-bpx":
        return _bpx_parameter_values(CHEN2020_BPX, bpx_initial, log)
    raise ValueError(f"unknown case {case!r}; expected one of {ALL_CASES}")


# --------------------------------------------------------------------------- runs
def _seconds(timer) -> float | None:
    if timer is None:
        return None
    value = getattr(timer, "value", timer)
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def run_case(case: str, c_rate: float, args) -> tuple[dict, object]:
    log: list[str] = []
    pv, info = parameter_values_for(case, args.bpx_dir, args.bpx_initial, log)
    q_nom = float(pv["Nominal cell capacity [A.h]"])
    current = c_rate * q_nom
    pv.update({"Current function [A]": current})
    area = float(pv["Electrode width [m]"]) * float(pv["Electrode height [m]"])
    n_par = float(pv["Number of electrodes connected in parallel to make a cell"])
    v_min = float(pv["Lower voltage cut-off [V]"])

    var_pts = {k: getattr(args, k) for k in MESH_KEYS}
    model = pybamm.lithium_ion.DFN()
    solver = pybamm.IDAKLUSolver(rtol=args.rtol, atol=args.atol)
    t0 = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sim = pybamm.Simulation(model, parameter_values=pv, var_pts=var_pts, solver=solver)
        sim.build()
    build_s = time.perf_counter() - t0
    _keep_warnings(log, caught)
    built = sim.built_model

    # Generous end time; the "Minimum voltage [V]" event stops the discharge.
    t_end = args.t_end_factor * 3600.0 / c_rate
    walls, sol, best = [], None, math.inf
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        s = solver.solve(built, t_eval=[0.0, t_end])
        dt = time.perf_counter() - t0
        walls.append(dt)
        if dt < best:
            best, sol = dt, s

    t_native = np.asarray(sol.t, dtype=float)
    t_final = float(t_native[-1])
    v_var = sol["Voltage [V]"]
    v_native = np.asarray(v_var.entries, dtype=float)
    t_grid = np.linspace(0.0, t_final, args.grid_points)
    v_grid = np.asarray(v_var(t=t_grid), dtype=float)
    cap = float(sol["Discharge capacity [A.h]"].entries[-1])
    termination = str(sol.termination)
    if "Minimum voltage" not in termination:
        log.append(
            f"RunWarning: discharge ended by '{termination}', not the lower cut-off; "
            "raise --t-end-factor"
        )
        print(f"warning: {case} {c_rate:g}C ended by {termination!r}", file=sys.stderr)

    validation = info.pop("_validation", {})
    record = {
        "case": case,
        "c_rate": c_rate,
        **info,
        "nominal_capacity_Ah": q_nom,
        "current_A": current,
        "current_sign": "positive = discharge (PyBaMM convention)",
        "electrode_area_m2": area,
        "electrode_pairs": n_par,
        "current_density_A_m2": current / (area * n_par),
        "lower_voltage_cutoff_V": v_min,
        "upper_voltage_cutoff_V": float(pv["Upper voltage cut-off [V]"]),
        "temperature_K": float(pv["Ambient temperature [K]"]),
        "initial_electrolyte_concentration_mol_m3": float(
            pv["Initial concentration in electrolyte [mol.m-3]"]
        ),
        "mesh": var_pts,
        "n_states": int(built.concatenated_initial_conditions.shape[0])
        if getattr(built, "concatenated_initial_conditions", None) is not None
        else None,
        "solver": {"name": solver.name, "rtol": args.rtol, "atol": args.atol},
        "t_end_requested_s": t_end,
        "end_time_s": t_final,
        "termination": termination,
        "capacity_discharged_Ah": cap,
        "initial_voltage_V": float(v_native[0]),
        "final_voltage_V": float(v_native[-1]),
        "timing": {
            "build_and_discretise_s": build_s,
            "repeat": args.repeat,
            "solve_wall_s": walls,
            "solve_wall_s_first": walls[0],
            "solve_wall_s_best": best,
            "pybamm_solve_time_s": _seconds(getattr(sol, "solve_time", None)),
            "pybamm_integration_time_s": _seconds(getattr(sol, "integration_time", None)),
        },
        "solver_statistics": _solver_statistics(sol),
        "Time [s]": t_grid.tolist(),
        "Voltage [V]": v_grid.tolist(),
        "native": {"Time [s]": t_native.tolist(), "Voltage [V]": v_native.tolist()},
        "warnings": sorted(set(log)),
    }
    for name, data in validation.items():
        if _validation_c_rate(name) == c_rate:
            record["bpx_validation_comparison"] = _against_data(name, data, sol)
    return record, sol


def _solver_statistics(sol) -> dict:
    """IDA's counts for the solve (steps, Newton iterations, ...), where PyBaMM reports them."""
    stats = getattr(sol, "solver_statistics", None)
    if stats is None:
        return {}
    names = ("number_of_steps", "number_of_nonlinear_solver_iterations",
             "number_of_linear_solver_setups", "number_of_nonlinear_solver_fails",
             "number_of_error_test_failures")
    return {n: int(getattr(stats, n)) for n in names if hasattr(stats, n)}


def _validation_c_rate(name: str) -> float | None:
    """'1C discharge' -> 1.0, 'C/20 discharge' -> 0.05, else None."""
    head = name.split()[0] if name.split() else ""
    try:
        if head.startswith("C/"):
            return 1.0 / float(head[2:])
        if head.endswith("C"):
            return float(head[:-1])
    except ValueError:
        pass
    return None


def _against_data(name: str, data: dict, sol) -> dict:
    """PyBaMM voltage vs a BPX 'Validation' curve, at its times 0 < t <= t_end."""
    t = np.asarray(data["Time [s]"], dtype=float)
    v = np.asarray(data["Voltage [V]"], dtype=float)
    keep = (t > 0.0) & (t <= float(sol.t[-1]))
    vm = np.asarray(sol["Voltage [V]"](t=t[keep]), dtype=float)
    d = vm - v[keep]
    return {
        "validation_entry": name,
        "points": int(keep.sum()),
        "note": "BPX file's own validation data; t = 0 (rest value) excluded",
        "rms_dV_V": float(np.sqrt(np.mean(d**2))),
        "max_abs_dV_V": float(np.max(np.abs(d))),
        "data_end_time_s": float(t[-1]),
    }


def compare(sol_a, sol_b, n: int = 2000) -> dict:
    """RMS / max |V_a - V_b| on a common uniform grid over the shorter run."""
    t_stop = min(float(sol_a.t[-1]), float(sol_b.t[-1]))
    t = np.linspace(0.0, t_stop, n)
    va = np.asarray(sol_a["Voltage [V]"](t=t), dtype=float)
    vb = np.asarray(sol_b["Voltage [V]"](t=t), dtype=float)
    d = va - vb
    return {
        "grid_points": n,
        "t_common_end_s": t_stop,
        "rms_dV_V": float(np.sqrt(np.mean(d**2))),
        "max_abs_dV_V": float(np.max(np.abs(d))),
        "t_at_max_abs_dV_s": float(t[int(np.argmax(np.abs(d)))]),
        "end_time_a_s": float(sol_a.t[-1]),
        "end_time_b_s": float(sol_b.t[-1]),
        "capacity_a_Ah": float(sol_a["Discharge capacity [A.h]"].entries[-1]),
        "capacity_b_Ah": float(sol_b["Discharge capacity [A.h]"].entries[-1]),
    }


def _versions() -> dict:
    out = {"pybamm": pybamm.__version__, "numpy": np.__version__}
    for mod in ("bpx", "casadi", "pybammsolvers", "scipy"):
        try:
            out[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001 - informational only
            try:
                from importlib.metadata import version

                out[mod] = version(mod)
            except Exception:  # noqa: BLE001
                out[mod] = None
    return out


def _platform() -> dict:
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
    }


# --------------------------------------------------------------------------- BPX writer
# Chen2020 functions (pybamm/input/parameters/lithium_ion/Chen2020.py) as BPX strings.
_NEG_OCP = (
    "1.9793 * exp(-39.3631 * x) + 0.2482 - 0.0909 * tanh(29.8538 * (x - 0.1234)) "
    "- 0.04478 * tanh(14.9159 * (x - 0.2769)) - 0.0205 * tanh(30.4444 * (x - 0.6103))"
)
_POS_OCP = (
    "-0.8090 * x + 4.4875 - 0.0428 * tanh(18.5138 * (x - 0.5542)) "
    "- 17.7326 * tanh(15.7890 * (x - 0.3117)) + 17.5842 * tanh(15.9308 * (x - 0.3120))"
)
_E_COND = "0.1297 * (x / 1000) ** 3 - 2.51 * (x / 1000) ** 1.5 + 3.329 * (x / 1000)"
_E_DIFF = "8.794e-11 * (x / 1000) ** 2 - 3.972e-10 * (x / 1000) + 4.862e-10"
# m_ref [A.m-2.(m3.mol-1)^1.5] and E_r [J.mol-1] inside Chen2020's j0 functions
_J0 = {"negative": (6.48e-7, 35000.0), "positive": (3.42e-6, 17800.0)}


def chen2020_bpx_dict() -> dict:
    """Translate PyBaMM's Chen2020 set into a BPX 0.x object (schema of nmc_pouch_cell_BPX)."""
    p = pybamm.ParameterValues("Chen2020")
    F = float(pybamm.constants.F.value)
    ce0 = float(p["Initial concentration in electrolyte [mol.m-3]"])
    x0, x100, y100, y0 = (float(v) for v in pybamm.lithium_ion.get_min_max_stoichiometries(p))

    def electrode(dom: str, ocp: str, sto_min: float, sto_max: float) -> dict:
        D = dom.capitalize()
        eps = float(p[f"{D} electrode porosity"])
        eps_s = float(p[f"{D} electrode active material volume fraction"])
        R = float(p[f"{D} particle radius [m]"])
        b_e = float(p[f"{D} electrode Bruggeman coefficient (electrolyte)"])
        b_s = float(p[f"{D} electrode Bruggeman coefficient (electrode)"])
        c_max = float(p[f"Maximum concentration in {dom} electrode [mol.m-3]"])
        m_ref, e_r = _J0[dom]
        sigma = float(p[f"{D} electrode conductivity [S.m-1]"]) * (1.0 - eps) ** b_s
        return {
            "Particle radius [m]": R,
            "Thickness [m]": float(p[f"{D} electrode thickness [m]"]),
            "Diffusivity [m2.s-1]": float(p[f"{D} particle diffusivity [m2.s-1]"]),
            "OCP [V]": ocp,
            "Entropic change coefficient [V.K-1]": float(p[f"{D} electrode OCP entropic change [V.K-1]"]),
            "Conductivity [S.m-1]": sigma,
            "Surface area per unit volume [m-1]": 3.0 * eps_s / R,
            "Porosity": eps,
            "Transport efficiency": eps**b_e,
            # PyBaMM: j0 = m_ref sqrt(c_e c_s (c_max - c_s)); BPX -> PyBaMM (bpx.py):
            # k = k_norm F / (c_max sqrt(c_e0))  =>  k_norm = m_ref c_max sqrt(c_e0) / F
            "Reaction rate constant [mol.m-2.s-1]": m_ref * c_max * math.sqrt(ce0) / F,
            "Minimum stoichiometry": sto_min,
            "Maximum stoichiometry": sto_max,
            "Maximum concentration [mol.m-3]": c_max,
            "Diffusivity activation energy [J.mol-1]": 0.0,
            "Reaction rate constant activation energy [J.mol-1]": e_r,
        }

    # Lumped thermal properties (inert in the isothermal DFN; BPX 0.x has only lumped ones):
    # layer-thickness weighted density and conductivity, mass weighted heat capacity.
    layers = [
        ("Negative current collector", "Negative current collector"),
        ("Negative electrode", "Negative electrode"),
        ("Separator", "Separator"),
        ("Positive electrode", "Positive electrode"),
        ("Positive current collector", "Positive current collector"),
    ]
    L = np.array([float(p[f"{a} thickness [m]"]) for a, _ in layers])
    rho = np.array([float(p[f"{b} density [kg.m-3]"]) for _, b in layers])
    cp = np.array([float(p[f"{b} specific heat capacity [J.kg-1.K-1]"]) for _, b in layers])
    lam = np.array([float(p[f"{b} thermal conductivity [W.m-1.K-1]"]) for _, b in layers])
    rho_av = float(np.sum(rho * L) / np.sum(L))
    cp_av = float(np.sum(rho * cp * L) / np.sum(rho * L))
    lam_av = float(np.sum(lam * L) / np.sum(L))

    eps_sep = float(p["Separator porosity"])
    return {
        "Header": {
            "BPX": "0.1.0",
            "Title": "PyBaMM Chen2020 parameter set (LG M50 21700: graphite-SiOx | NMC811) as BPX",
            "Description": (
                "Translation of PyBaMM's built-in 'Chen2020' parameter set (pybamm "
                f"{pybamm.__version__}, pybamm/input/parameters/lithium_ion/Chen2020.py; C.-H. Chen "
                "et al., J. Electrochem. Soc. 167 (2020) 080534, doi:10.1149/1945-7111/ab9050) into "
                "BPX, for the ssbsim DFN benchmark. Electrolyte conductivity and diffusivity from "
                "Nyman et al. 2008 (doi:10.1016/j.electacta.2008.04.023). Surface area per unit "
                "volume = 3 eps_s / R; transport efficiency = porosity^1.5 (Bruggeman 1.5); "
                "reaction rate constant = m_ref c_max sqrt(1000 mol.m-3) / F; stoichiometry window "
                "= PyBaMM electrode-SOH limits at 2.5 V / 4.2 V. Lumped thermal properties are "
                "layer averages (inert for isothermal runs). Generated by bench/pybamm_reference.py "
                "--write-chen2020-bpx."
            ),
            "Model": "DFN",
        },
        "Parameterisation": {
            "Cell": {
                "Ambient temperature [K]": float(p["Ambient temperature [K]"]),
                "Initial temperature [K]": float(p["Initial temperature [K]"]),
                "Reference temperature [K]": float(p["Reference temperature [K]"]),
                "Lower voltage cut-off [V]": float(p["Lower voltage cut-off [V]"]),
                "Upper voltage cut-off [V]": float(p["Upper voltage cut-off [V]"]),
                "Nominal cell capacity [A.h]": float(p["Nominal cell capacity [A.h]"]),
                "Specific heat capacity [J.K-1.kg-1]": cp_av,
                "Thermal conductivity [W.m-1.K-1]": lam_av,
                "Density [kg.m-3]": rho_av,
                "Electrode area [m2]": float(p["Electrode height [m]"]) * float(p["Electrode width [m]"]),
                "Number of electrode pairs connected in parallel to make a cell": int(
                    p["Number of electrodes connected in parallel to make a cell"]
                ),
                "External surface area [m2]": float(p["Cell cooling surface area [m2]"]),
                "Volume [m3]": float(p["Cell volume [m3]"]),
            },
            "Electrolyte": {
                "Initial concentration [mol.m-3]": ce0,
                "Cation transference number": float(p["Cation transference number"]),
                "Conductivity [S.m-1]": _E_COND,
                "Diffusivity [m2.s-1]": _E_DIFF,
                "Conductivity activation energy [J.mol-1]": 0.0,
                "Diffusivity activation energy [J.mol-1]": 0.0,
            },
            "Negative electrode": electrode("negative", _NEG_OCP, x0, x100),
            "Positive electrode": electrode("positive", _POS_OCP, y100, y0),
            "Separator": {
                "Thickness [m]": float(p["Separator thickness [m]"]),
                "Porosity": eps_sep,
                "Transport efficiency": eps_sep ** float(p["Separator Bruggeman coefficient (electrolyte)"]),
            },
        },
    }


def _num(sym) -> float:
    """Evaluate a constant pybamm expression (or plain number) to a float."""
    val = sym.evaluate() if isinstance(sym, pybamm.Symbol) else sym
    return float(np.asarray(val, dtype=float).squeeze())


def check_chen2020_bpx_functions(bpx_obj: dict) -> dict:
    """Max |BPX expression - PyBaMM Chen2020 function| on sto / c_e grids."""
    from bpx import Function

    p = pybamm.ParameterValues("Chen2020")
    par = bpx_obj["Parameterisation"]
    pre = "from pybamm import exp, tanh, cosh\n\n"  # the preamble pybamm/parameters/bpx.py uses
    out = {}
    sto = np.linspace(0.001, 0.999, 499)
    ce = np.linspace(1.0, 4000.0, 400)
    T = pybamm.Scalar(298.15)
    pairs = [
        ("Negative electrode OCP [V]", par["Negative electrode"]["OCP [V]"], sto,
         lambda x: p["Negative electrode OCP [V]"](x)),
        ("Positive electrode OCP [V]", par["Positive electrode"]["OCP [V]"], sto,
         lambda x: p["Positive electrode OCP [V]"](x)),
        ("Electrolyte conductivity [S.m-1]", par["Electrolyte"]["Conductivity [S.m-1]"], ce,
         lambda x: p["Electrolyte conductivity [S.m-1]"](x, T)),
        ("Electrolyte diffusivity [m2.s-1]", par["Electrolyte"]["Diffusivity [m2.s-1]"], ce,
         lambda x: p["Electrolyte diffusivity [m2.s-1]"](x, T)),
    ]
    for name, expr, grid, ref in pairs:
        f = Function.validate(expr).to_python_function(preamble=pre)
        a = np.array([_num(f(pybamm.Scalar(float(x)))) for x in grid])
        b = np.array([_num(ref(pybamm.Scalar(float(x)))) for x in grid])
        out[name] = float(np.max(np.abs(a - b)))
    # exchange-current density through the BPX mapping vs Chen2020's function
    F = float(pybamm.constants.F.value)
    ce0 = float(par["Electrolyte"]["Initial concentration [mol.m-3]"])
    for dom in ("negative", "positive"):
        D = dom.capitalize()
        e = par[f"{D} electrode"]
        c_max = e["Maximum concentration [mol.m-3]"]
        k = e["Reaction rate constant [mol.m-2.s-1]"] * F / (c_max * math.sqrt(ce0))
        worst = 0.0
        for c_e in (300.0, 1000.0, 2000.0):
            for s in (0.05, 0.5, 0.95):
                cs = s * c_max
                ref = _num(
                    p[f"{D} electrode exchange-current density [A.m-2]"](
                        pybamm.Scalar(c_e), pybamm.Scalar(cs), pybamm.Scalar(c_max), T
                    )
                )
                val = k * math.sqrt(c_e * cs * (c_max - cs))
                worst = max(worst, abs(val - ref) / abs(ref))
        out[f"{D} exchange-current density (relative)"] = worst
    return out


def write_chen2020_bpx(path: Path) -> None:
    obj = chen2020_bpx_dict()
    diffs = check_chen2020_bpx_functions(obj)
    for name, d in diffs.items():
        print(f"  max |BPX - Chen2020| {name}: {d:.3e}")
        if d > 1e-12 * (1.0 if "relative" in name else 5.0):
            raise SystemExit(f"BPX translation of {name} differs from PyBaMM by {d}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=4)
        f.write("\n")
    # make sure bpx + pybamm accept it
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pybamm.ParameterValues.create_from_bpx(str(path))
    print(f"wrote {path}")


# --------------------------------------------------------------------------- main
def _floats(text: str) -> list[float]:
    return [float(v) for v in text.replace(",", " ").split()]


def _names(text: str) -> list[str]:
    names = [v for v in text.replace(",", " ").split() if v]
    for n in names:
        if n not in ALL_CASES:
            raise argparse.ArgumentTypeError(f"unknown case {n!r}; choose from {ALL_CASES}")
    return names


def parse_args(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="See the module docstring (head of this file) for details.",
    )
    ap.add_argument("--cases", type=_names, default=None,
                    help=f"comma-separated cases from {ALL_CASES} (default: bpx-nmc-pouch,chen2020)")
    ap.add_argument("--case", choices=["chen2020-bpx"], default=None,
                    help="'chen2020-bpx': validate bench/data/chen2020_BPX.json against native "
                    "Chen2020 (runs both, default 1C, prints the RMS voltage difference)")
    ap.add_argument("--c-rates", type=_floats, default=None,
                    help="comma-separated C-rates (default 0.5,1,2; 1 for --case chen2020-bpx)")
    ap.add_argument("--bpx-dir", type=Path, default=DEFAULT_BPX_DIR,
                    help=f"folder with nmc_pouch_cell_BPX.json (default {DEFAULT_BPX_DIR})")
    ap.add_argument("--bpx-initial", choices=["window", "pybamm"], default="window",
                    help="initial state of BPX cases: 'window' = BPX max (neg) / min (pos) "
                    "stoichiometry (default); 'pybamm' = what create_from_bpx leaves")
    for k in MESH_KEYS:
        ap.add_argument(f"--{k.replace('_', '-')}", dest=k, type=int, default=20,
                        help=f"finite-volume points in {k} (default 20)")
    ap.add_argument("--rtol", type=float, default=1e-6, help="IDAKLU relative tolerance (1e-6)")
    ap.add_argument("--atol", type=float, default=1e-8, help="IDAKLU absolute tolerance (1e-8)")
    ap.add_argument("--repeat", type=int, default=3, help="solves per case, best time kept (3)")
    ap.add_argument("--grid-points", type=int, default=200,
                    help="uniform output time grid 0..t_end (200 points)")
    ap.add_argument("--t-end-factor", type=float, default=1.5,
                    help="requested end time = factor * 3600 / C-rate; the cut-off event ends "
                    "the run first (1.5)")
    ap.add_argument("--out", type=Path, default=None,
                    help="output JSON (default bench/out/pybamm_reference.json, or "
                    "bench/out/chen2020_bpx_check.json for --case chen2020-bpx)")
    ap.add_argument("--write-chen2020-bpx", type=Path, default=None, metavar="PATH",
                    help="write the BPX translation of PyBaMM's Chen2020 set to PATH and exit")
    args = ap.parse_args(argv)
    if args.case == "chen2020-bpx":
        args.cases = args.cases or ["chen2020-bpx", "chen2020"]
        args.c_rates = args.c_rates or [1.0]
        args.out = args.out or BENCH_DIR / "out" / "chen2020_bpx_check.json"
    args.cases = args.cases or ["bpx-nmc-pouch", "chen2020"]
    args.c_rates = args.c_rates or [0.5, 1.0, 2.0]
    args.out = args.out or BENCH_DIR / "out" / "pybamm_reference.json"
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.write_chen2020_bpx is not None:
        write_chen2020_bpx(args.write_chen2020_bpx)
        return 0

    results, sols = [], {}
    for case in args.cases:
        for rate in args.c_rates:
            rec, sol = run_case(case, rate, args)
            results.append(rec)
            sols[(case, rate)] = sol
            tm = rec["timing"]
            print(
                f"{case:14s} {rate:4g}C  I={rec['current_A']:7.3f} A  "
                f"sto0=({rec['initial_stoichiometry']['negative']:.6f}, "
                f"{rec['initial_stoichiometry']['positive']:.6f})  "
                f"V0={rec['initial_voltage_V']:.5f} V  t_end={rec['end_time_s']:9.2f} s  "
                f"Q={rec['capacity_discharged_Ah']:.5f} Ah  "
                f"solve best={tm['solve_wall_s_best'] * 1e3:8.1f} ms "
                f"(first {tm['solve_wall_s_first'] * 1e3:.1f} ms, "
                f"integration {1e3 * (tm['pybamm_integration_time_s'] or float('nan')):.1f} ms)",
                flush=True,
            )

    comparisons = []
    if "chen2020" in args.cases and "chen2020-bpx" in args.cases:
        for rate in args.c_rates:
            c = compare(sols[("chen2020-bpx", rate)], sols[("chen2020", rate)])
            c.update({"a": "chen2020-bpx", "b": "chen2020", "c_rate": rate})
            comparisons.append(c)
            print(
                f"chen2020-bpx vs chen2020 at {rate:g}C: RMS dV = {c['rms_dV_V']:.3e} V, "
                f"max |dV| = {c['max_abs_dV_V']:.3e} V at t = {c['t_at_max_abs_dV_s']:.1f} s, "
                f"end times {c['end_time_a_s']:.3f} / {c['end_time_b_s']:.3f} s"
            )

    model = pybamm.lithium_ion.DFN()
    out = {
        "description": "PyBaMM DFN reference discharges for the ssbsim DFN/BPX benchmark "
        "(bench/pybamm_reference.py)",
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "versions": _versions(),
        "platform": _platform(),
        "model": {
            "name": model.name,
            "options": {k: str(v) for k, v in model.options.items()},
        },
        "results": results,
        "comparisons": comparisons,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
