"""The materials library (docs/materials-format.md): every material with its properties,
values in SI, each with the text ``ssbsim materials show`` prints and its source."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Sequence

from . import _core

_PACKAGE_MATERIALS = Path(__file__).parent / "data" / "materials"


def search_path(extra: Sequence[str | Path] = ()) -> list[str]:
    """Folders read, in order: the bundled library, $SSBSIM_MATERIALS_PATH, then ``extra``
    (later folders override earlier ones by material name)."""
    folders = _core.materials_search_path([str(p) for p in extra])
    # An installed package carries its own copy of the library (pyproject.toml).
    if _PACKAGE_MATERIALS.is_dir():
        folders[0] = str(_PACKAGE_MATERIALS)
    return folders


def all_materials(category: str | None = None, materials_path: Sequence[str | Path] = ()) -> list[dict]:
    """Every material (dicts: name, aliases, category, transport, formula, description, file,
    properties), optionally of one category ("solid-electrolyte", "cathode", ...)."""
    found = _core.materials(search_path(materials_path))
    if category is not None:
        categories = sorted({m["category"] for m in found})
        if category not in categories:
            raise _core.InputError(
                f"unknown material category {category!r}; known: {', '.join(categories)}"
            )
        found = [m for m in found if m["category"] == category]
    return found


def get(name: str, materials_path: Sequence[str | Path] = ()) -> dict:
    """One material by name or alias (case-insensitive)."""
    found = _core.materials(search_path(materials_path))
    for m in found:
        if name.lower() in (n.lower() for n in [m["name"], *m["aliases"]]):
            return m
    names = [m["name"] for m in found]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    folders = ", ".join(search_path(materials_path))
    raise KeyError(f"no material named {name!r} in {folders}{hint}")
