"""Results of a run, from the C++ engine or read back from a run folder (docs/python.md).

The C++ core computes every number; this module only holds them as numpy arrays by name. A run
folder is what ``ssbsim run`` writes: ``results.h5`` (time series, profiles, the input cell file
and the summary), ``summary.json`` and ``timeseries.csv`` (docs/outputs.md).
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


def _missing(kind: str, name: str, known: list[str]) -> KeyError:
    close = difflib.get_close_matches(name, known, n=3)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return KeyError(f"no {kind} named {name!r}{hint}")


@dataclass
class Profiles:
    """Variables along x at chosen times: ``profiles["Electrolyte potential [V]"]`` is an array
    of shape (len(times), len(x)), where x is ``positions[region]`` and the region is the first
    word of the name ("Electrolyte", "Positive" or "Negative")."""

    times: np.ndarray  #: s
    positions: dict[str, np.ndarray]  #: cell centres per region, m
    values: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def variables(self) -> list[str]:
        return list(self.values)

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self.values:
            raise _missing("profile", name, self.variables)
        return self.values[name]

    def __contains__(self, name: str) -> bool:
        return name in self.values

    def __len__(self) -> int:
        return len(self.times)

    @staticmethod
    def region(name: str) -> str:
        return name.split(" ", 1)[0]

    def x(self, name: str) -> np.ndarray:
        """Positions (m) of a profile variable's values."""
        return self.positions[self.region(name)]

    def index(self, time: float) -> int:
        """Index of the stored profile nearest to ``time`` (s)."""
        if len(self.times) == 0:
            raise IndexError("the run stored no profiles")
        return int(np.argmin(np.abs(self.times - time)))


@dataclass
class Solution:
    """Time series by name (``sol["Voltage [V]"]``), spatial profiles, per-step and per-cycle
    summaries, the input and the solver statistics of one run."""

    series: dict[str, np.ndarray]
    profiles: Profiles
    summary: dict  #: the content of summary.json
    cell_text: str = ""  #: the input file as read
    folder: Path | None = None  #: where the run was read from or saved to
    _core: object = field(default=None, repr=False, compare=False)  #: the engine's result

    def save(self, folder: str | Path) -> Path:
        """Writes results.h5, timeseries.csv and summary.json as ``ssbsim run`` does (a run
        made in Python; a run read from a folder is already saved there)."""
        if self._core is None:
            raise ValueError(f"this solution was read from {self.folder}; copy that folder")
        self._core.save(str(folder))
        self.folder = Path(folder)
        return self.folder

    @property
    def variables(self) -> list[str]:
        return list(self.series)

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self.series:
            raise _missing("variable", name, self.variables)
        return self.series[name]

    def __contains__(self, name: str) -> bool:
        return name in self.series

    @property
    def cycles(self) -> list[dict]:
        """One dict per cycle: "Discharge capacity [A.h]", "Coulombic efficiency", ..."""
        return self.summary.get("Cycles", [])

    @property
    def steps(self) -> list[dict]:
        """One dict per step: "Text", "Start time [s]", "End time [s]", "End reason", ..."""
        return self.summary.get("Steps", [])

    @property
    def completed(self) -> bool:
        return bool(self.summary.get("Completed", False))

    @property
    def stop_reason(self) -> str:
        return self.summary.get("Stop reason", "")

    @classmethod
    def load(cls, folder: str | Path) -> "Solution":
        """Reads a run folder written by ``ssbsim run`` (or ``Solution.save``)."""
        import h5py

        folder = Path(folder)
        path = folder / "results.h5"
        if not path.is_file():
            raise FileNotFoundError(f"{folder}: no results.h5 (not a run folder?)")
        with h5py.File(path, "r") as f:
            # Output order is the order of timeseries.csv's columns (HDF5 sorts names).
            csv = folder / "timeseries.csv"
            header = csv.read_text().split("\n", 1)[0] if csv.is_file() else ""
            names = _csv_names(header) if header else sorted(f["timeseries"])
            series = {n: np.asarray(f["timeseries"][_h5(n)][()]) for n in names}
            group = f["profiles"]
            positions = {
                k[: -len(" x [m]")]: np.asarray(group[k][()]) for k in group if k.endswith(" x [m]")
            }
            values = {
                k: np.asarray(group[k][()])
                for k in group
                if k != "Time [s]" and not k.endswith(" x [m]")
            }
            profiles = Profiles(np.asarray(group["Time [s]"][()]), positions, values)
            summary = json.loads(_text(f["summary.json"][()]))
            cell_text = _text(f["input/cell.yaml"][()]) if "input/cell.yaml" in f else ""
        return cls(series, profiles, summary, cell_text, folder)


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _h5(name: str) -> str:
    """HDF5 link name of an output name: '/' becomes U+2215, as io::hdf5Name does."""
    return name.replace("/", "\u2215")


def _csv_names(header: str) -> list[str]:
    import csv

    return next(csv.reader([header]))
