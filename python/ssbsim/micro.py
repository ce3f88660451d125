"""The microstructure toolkit (docs/physics/microstructure.md): voxel volumes whose labels numpy
sees without a copy, volume files, seeded generators, metrics and transport solvers.

Phases are uint8 labels; the generators' composite cathode uses 0 pore, 1 CAM, 2 SE, 3 carbon.
Axes are named "x", "y", "z"; ``Volume.labels`` has numpy shape (nz, ny, nx).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np

from . import _core

Volume = _core.Volume
InterfaceAreas = _core.InterfaceAreas

def volume(labels, voxel_size: float | Sequence[float] = 1e-6, phase_names=None) -> Volume:
    """A Volume from an integer array of shape (nz, ny, nx) with values 0..255 (copied once
    into the volume; ``Volume.labels`` then shares the volume's memory). ``voxel_size`` in m,
    one edge or (x, y, z)."""
    array = np.asarray(labels)
    if array.ndim != 3:
        raise ValueError(f"labels: expected a 3-D array (nz, ny, nx), got shape {array.shape}")
    if array.dtype != np.uint8:
        if array.size and (array.min() < 0 or array.max() > 255):
            raise ValueError("labels: phase labels must be integers in 0..255")
        array = array.astype(np.uint8)
    return Volume(np.ascontiguousarray(array), _spacing(voxel_size), dict(phase_names or {}))


def read(path: str | Path, voxel_size: float | Sequence[float] | None = None) -> Volume:
    """Reads a volume file (.tif, slice folder, .raw, .npy, .h5, .vti) as ``ssbsim micro``."""
    return _core.read_volume(str(path), None if voxel_size is None else _spacing(voxel_size))


def write(path: str | Path, vol: Volume) -> None:
    """Writes a volume in the format its name selects, whole or not at all."""
    _core.write_volume(str(path), vol)


def generate(spec: str | Path | Mapping) -> tuple[Volume, list[dict], dict]:
    """Runs a generator input (a YAML file as in data/micro/, or a dict shaped like one):
    returns the volume, the targets with what was achieved, and further facts."""
    if isinstance(spec, Mapping):
        return _core.generate(json.dumps(spec, indent=2), "<dict>")
    path = Path(spec)
    return _core.generate(path.read_text(), str(path))


def volume_fractions(vol: Volume) -> list[dict]:
    return _core.volume_fractions(vol)


def connectivity(vol: Volume, phases: Iterable[int], axis: str = "z", periodic=(False,) * 3) -> dict:
    """Face-connected components of the phase set and their share that percolates along
    ``axis``, dead-ends on one face, or is isolated."""
    return _core.connectivity(vol, list(phases), axis, tuple(periodic))


def accessible_fraction(
    vol: Volume, active=(1,), ionic=(2,), electronic=(1, 3), axis: str = "z", periodic=(False,) * 3
) -> dict:
    """Share of the active phase in particles reached ionically from the separator face
    (far face along ``axis``) and electronically from the collector face (near face)."""
    return _core.accessible_fraction(
        vol, list(active), list(ionic), list(electronic), axis, tuple(periodic)
    )


def interface_areas(vol: Volume, smoothing: float = 1.5, periodic=(False,) * 3) -> InterfaceAreas:
    """Areas of every interface (normal-weighted face counting)."""
    return _core.interface_areas(vol, smoothing, tuple(periodic))


def particle_sizes(vol: Volume, phases=(1,), periodic=(False,) * 3, exclude_boundary=False) -> dict:
    """Equivalent-sphere diameters of the particles of a phase set, with D10/D50/D90."""
    return _core.particle_sizes(vol, list(phases), tuple(periodic), exclude_boundary)


def tortuosity_factor(
    vol: Volume,
    phases: Iterable[int],
    axis: str = "z",
    periodic_sides: bool = False,
    flux_tolerance: float = 1e-3,
    residual_tolerance: float = 1e-5,
    double_precision: bool = False,
    threads: int = 0,
) -> dict:
    """Tortuosity factor τ of the phase set along ``axis`` (TauFactor's definition)."""
    return _core.tortuosity_factor(
        vol, list(phases), axis, periodic_sides, flux_tolerance, residual_tolerance,
        double_precision, threads,
    )


def effective_conductivity(
    vol: Volume,
    conductivities: Mapping[int, float],
    axis: str = "z",
    interface_resistance: float = 0.0,
    pair_resistances: Mapping[tuple[int, int], float] | None = None,
    periodic_sides: bool = False,
    flux_tolerance: float = 1e-3,
    residual_tolerance: float = 1e-5,
    double_precision: bool = False,
    threads: int = 0,
) -> dict:
    """σ_eff [S/m] of the resistor network with σ per label (S/m) and area-specific
    resistances (Ω m²) between different conducting labels."""
    return _core.effective_conductivity(
        vol, dict(conductivities), interface_resistance, dict(pair_resistances or {}), axis,
        periodic_sides, flux_tolerance, residual_tolerance, double_precision, threads,
    )


def _spacing(voxel_size) -> tuple[float, float, float]:
    edges = np.atleast_1d(np.asarray(voxel_size, dtype=float))
    if edges.size == 1:
        edges = np.repeat(edges, 3)
    if edges.size != 3 or not np.all(edges > 0):
        raise ValueError(f"voxel_size: expected one or three edges > 0 in m, got {voxel_size!r}")
    return tuple(float(e) for e in edges)
