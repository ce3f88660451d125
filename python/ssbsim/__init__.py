"""ssbsim: a simulator of all-solid-state lithium batteries (docs/python.md).

    import ssbsim
    cell = ssbsim.Cell.load("examples/sheet-nmc811-lpscl-li.yaml")
    sol = cell.run(["Discharge at 1C until 3 V"])
    sol["Voltage [V]"]

Reading results, plots and reports are pure Python and work without the compiled engine
(ssbsim._core), e.g. on a laptop with results from a cluster; the engine's names are imported
on first use.
"""

import importlib
import pkgutil

# A build folder's python/ssbsim/ (holding _core) joins the source tree's package when both are
# on sys.path (scripts/test: PYTHONPATH=python:build/python).
__path__ = pkgutil.extend_path(__path__, __name__)

from .impedance import Impedance  # noqa: E402
from .solution import Profiles, Solution  # noqa: E402

__all__ = ["Cell", "Impedance", "InputError", "Profiles", "Solution", "SolverError", "Volume",
           "materials", "micro", "plot", "report", "run", "__version__"]

# Name → module that defines it (or the module itself); cell, materials and micro import the
# compiled engine, plot and report do not.
_ENGINE_NAMES = {
    "Cell": "ssbsim.cell",
    "run": "ssbsim.cell",
    "InputError": "ssbsim._core",
    "SolverError": "ssbsim._core",
    "__version__": "ssbsim._core",
    "Volume": "ssbsim.micro",
    "materials": "ssbsim.materials",
    "micro": "ssbsim.micro",
    "plot": "ssbsim.plot",
    "report": "ssbsim.report",
}


def __getattr__(name):
    if name not in _ENGINE_NAMES:
        raise AttributeError(f"module 'ssbsim' has no attribute {name!r}")
    module = importlib.import_module(_ENGINE_NAMES[name])
    return module if module.__name__ == f"ssbsim.{name}" else getattr(module, name)
