"""An impedance spectrum, from the C++ engine or read back from ``impedance.csv`` (docs/outputs.md).

The C++ core computes every number; this module only holds them as numpy arrays. Sign as in the
engine: Z = -dV/dI with the current positive on discharge, so a capacitive response has Im Z < 0.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_COLUMNS = (
    "Frequency [Hz]",
    "Real impedance [Ohm.m2]",
    "Imaginary impedance [Ohm.m2]",
    "Real impedance [Ohm]",
    "Imaginary impedance [Ohm]",
)


@dataclass
class Impedance:
    """One row per frequency, in the order the engine wrote them (f-max down to f-min)."""

    frequency: np.ndarray  #: Hz
    z_area: (
        np.ndarray
    )  #: complex, area-specific impedance per electrode area of one unit cell, Ohm.m2
    z: np.ndarray  #: complex, impedance of the whole cell, Ohm

    def __len__(self) -> int:
        return len(self.frequency)

    @classmethod
    def load(cls, path: str | Path) -> Impedance:
        """Reads ``impedance.csv`` written by ``ssbsim eis``; ``path`` is the file or its folder."""
        path = Path(path)
        if path.is_dir():
            path = path / "impedance.csv"
        with path.open(newline="") as f:
            rows = list(csv.reader(f))
        if not rows:
            raise ValueError(f"{path}: empty file, expected the header {','.join(_COLUMNS)}")
        header, rows = rows[0], [r for r in rows[1:] if r]
        missing = [c for c in _COLUMNS if c not in header]
        if missing:
            raise ValueError(f"{path}: no column {missing[0]!r} (not an impedance.csv?)")
        try:
            data = np.array(rows, dtype=float).reshape(len(rows), len(header))
        except ValueError as e:
            raise ValueError(f"{path}: {e}") from None
        f, re_a, im_a, re, im = (data[:, header.index(c)] for c in _COLUMNS)
        return cls(f, re_a + 1j * im_a, re + 1j * im)
