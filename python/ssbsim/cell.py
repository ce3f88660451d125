"""Cells and runs through the C++ engine (docs/python.md#cells-and-runs).

``Cell.load`` reads a cell file as ``ssbsim run`` does, ``Cell.from_dict`` / ``Cell.from_yaml``
build one in code, ``Cell.from_bpx`` reads a BPX file. ``Cell.run`` runs a protocol given as
PyBaMM-style strings and returns a :class:`~ssbsim.solution.Solution` whose arrays are views of
the C++ results; the same input gives the same numbers as the CLI, bit for bit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable, Sequence

from . import _core
from .impedance import Impedance
from .materials import search_path
from .solution import Profiles, Solution

StepCallback = Callable[[int, int, str, float, str], None]


class Cell:
    """A cell ready for the engine: from a cell file, a dict or YAML text, or a BPX file."""

    def __init__(self, core: _core.CellInput):
        self._core = core

    @classmethod
    def load(cls, path: str | Path, materials_path: Sequence[str | Path] = ()) -> "Cell":
        """Reads a cell file (docs/input-format.md); ``InputError`` names the bad key."""
        return cls(_core.load_cell(str(path), search_path(materials_path)))

    @classmethod
    def from_yaml(cls, text: str, name: str = "<cell>", materials_path=()) -> "Cell":
        """A cell from the text of a cell file; messages name it ``name``."""
        return cls(_core.cell_from_text(text, name, search_path(materials_path)))

    @classmethod
    def from_dict(cls, cell: dict, name: str = "<dict>", materials_path=()) -> "Cell":
        """A cell from a dict shaped as a cell file ({"cell": {...}, "simulation": {...}});
        quantities as strings with units ("30 um"). Errors point into its YAML form (``text``)."""
        # JSON is YAML: the text keeps one key per line, so messages point at the key.
        return cls.from_yaml(json.dumps(cell, indent=2), name, materials_path)

    @classmethod
    def from_bpx(cls, path: str | Path) -> "Cell":
        """A Battery Parameter eXchange file (DFN on PyBaMM's default mesh); runs only."""
        return cls(_core.load_bpx(str(path)))

    @property
    def file(self) -> str:
        return self._core.file

    @property
    def text(self) -> str:
        """The input as read (stored with results)."""
        return self._core.text

    def design(self) -> dict:
        """What ``ssbsim design`` reports: capacities, masses, thicknesses, energy densities."""
        return json.loads(self._core.design_json())

    def run(
        self,
        experiment: str | Iterable[str] | None = None,
        *,
        initial_soc: float | None = None,
        profile_period: str | None = None,
        profile_times: Sequence[float] | None = None,
        relative_tolerance: float | None = None,
        on_step: StepCallback | None = None,
    ) -> Solution:
        """Runs ``experiment`` (steps or cycles as strings, as ``ssbsim run -e``; default: the
        cell file's ``experiment:``). ``profile_period`` ("10 min") and ``profile_times`` (s)
        store spatial profiles besides step ends; ``relative_tolerance`` is the solver's (as
        ``ssbsim run --rtol``; default the cell file's, else 1e-5); ``on_step(index, steps,
        text, end_time, end_reason)`` is called after each step. A solver failure returns the
        results so far with ``completed`` False and the reason in ``stop_reason``."""
        protocol = [experiment] if isinstance(experiment, str) else list(experiment or [])
        times = None if profile_times is None else [float(t) for t in profile_times]
        result = self._core.run(protocol, initial_soc, profile_period, times, relative_tolerance,
                                on_step)
        return _solution(result)

    def impedance(
        self, soc: float = 0.5, f_min: float = 1e-3, f_max: float = 1e6, points_per_decade: int = 10
    ) -> Impedance:
        """Small-signal impedance at rest (as ``ssbsim eis``), high to low frequency."""
        f, z_area, z = self._core.impedance(soc, f_min, f_max, points_per_decade)
        return Impedance(f, z_area, z)


def run(cell: Cell | str | Path, experiment=None, **options) -> Solution:
    """``Cell.load(cell).run(experiment, ...)`` for a path, or ``cell.run`` for a Cell."""
    if not isinstance(cell, Cell):
        cell = Cell.load(cell)
    return cell.run(experiment, **options)


def _solution(result: _core.RunResult) -> Solution:
    series = {name: result.series(name) for name in result.names}
    profiles = Profiles(
        result.profile_times,
        dict(result.positions),
        {name: result.profile(name) for name in result.profile_names},
    )
    summary = json.loads(result.summary_json)
    return Solution(series, profiles, summary, result.cell_text, _core=result)
