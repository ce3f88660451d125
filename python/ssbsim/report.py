"""A self-contained HTML report of an ssbsim output folder (docs/plots-and-report.md).

``python -m ssbsim.report OUTDIR [-o FILE]`` writes the figures that apply to OUTDIR/figures/*.png
and one HTML file (default OUTDIR/report.html) with those figures embedded, inline CSS and no
external references, so it can be mailed or archived alone. A folder may hold any of: a run
(results.h5), a design (design.json, or a summary.json with "Design"), an impedance spectrum
(impedance.csv) and a microstructure analysis (analysis.json).
"""

from __future__ import annotations

import argparse
import base64
import datetime
import html
import io
import json
import os
import platform
import re
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from ssbsim import plot
from ssbsim.impedance import Impedance
from ssbsim.solution import Solution

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 75em; padding: 0 1em;
       color: #222; line-height: 1.4; }
h1 { border-bottom: 2px solid #1f77b4; padding-bottom: .2em; }
h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
table { border-collapse: collapse; margin: .5em 0 1.5em; font-size: .9em; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #f0f4f8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
pre { background: #f6f8fa; border: 1px solid #ddd; padding: 1em; overflow-x: auto;
      font-size: .85em; }
figure { margin: 1em 0 2em; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #555; font-size: .9em; }
nav li { display: inline; margin-right: 1.5em; }
"""

_ROW_NAMES = ("Step", "Cycle", "Label", "Name", "Layer")


@dataclass
class _Section:
    anchor: str
    title: str
    body: str
    provenance: dict[str, str] = field(default_factory=dict)  # "ssbsim version", "Input file"
    cell_text: str = ""


def write_report(folder: str | Path, output: str | Path | None = None) -> Path:
    """Writes the figures of ``folder`` to ``folder/figures/*.png`` and the report to ``output``
    (default ``folder/report.html``); returns the report's path. Each file is written whole or
    not at all. Raises FileNotFoundError for a missing folder and ValueError when it holds
    nothing to report."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder")
    output = Path(output) if output is not None else folder / "report.html"
    figures = _Figures(folder / "figures")
    builders = (
        (folder / "results.h5", _run_section),
        (_design_file(folder), _design_section),
        (folder / "impedance.csv", _impedance_section),
        (folder / "analysis.json", _micro_section),
    )
    sections = [build(path, figures) for path, build in builders if path and path.is_file()]
    if not sections:
        raise ValueError(
            f"{folder}: nothing to report (expected results.h5, design.json, a summary.json with"
            ' "Design", impedance.csv or analysis.json)'
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(output, _page(folder, sections).encode())
    return output


def main(argv: list[str] | None = None) -> int:
    """``python -m ssbsim.report OUTDIR [-o FILE]``: exit code 0, or 2 for a bad folder."""
    parser = argparse.ArgumentParser(
        prog="python -m ssbsim.report",
        description="Write an HTML report of an ssbsim output folder.",
    )
    parser.add_argument(
        "folder", type=Path, help="output folder of ssbsim run/eis/design/micro analyze"
    )
    parser.add_argument(
        "-o", "--output", type=Path, help="report file (default FOLDER/report.html)"
    )
    args = parser.parse_args(argv)
    try:
        path = write_report(args.folder, args.output)
    except (OSError, ValueError, KeyError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"Report: {path}")
    return 0


# --- sections ------------------------------------------------------------------------------


def _run_section(path: Path, figures: _Figures) -> _Section:
    sol = Solution.load(path.parent)
    summary = sol.summary
    body = [
        figures.add("run-voltage-current", plot.plot_voltage_current(sol), "Voltage and current"),
        figures.add(
            "run-voltage-capacity",
            plot.plot_voltage_capacity(sol),
            "Voltage against the capacity of each charge and discharge step",
        ),
    ]
    if "Open-circuit voltage [V]" in sol:
        body.append(
            figures.add(
                "run-overpotentials",
                plot.plot_overpotentials(sol),
                "Voltage breakdown: open-circuit voltage and overpotentials",
            )
        )
    if "Temperature [K]" in sol and np.ptp(sol["Temperature [K]"]) > 0:  # a lumped thermal run
        body.append(
            figures.add(
                "run-temperature",
                plot.plot_temperature(sol),
                "Temperature of the stack and the heat it releases",
            )
        )
    if sol.cycles:
        body.append("<h3>Cycles</h3>" + _records(sol.cycles))
        body.append(
            figures.add("run-cycles", plot.plot_cycles(sol), "Capacity and efficiency per cycle")
        )
    body.append("<h3>Steps</h3>" + _records(sol.steps))
    outcome = {
        k: summary[k]
        for k in ("Completed", "Solver failed", "Stop reason", "Simulated time [s]")
        if k in summary
    }
    body.append("<h3>Solver</h3>" + _key_values({**outcome, **summary.get("Solver", {})}))
    if len(sol.profiles):
        body.append("<h3>Profiles</h3>")
        for name in sol.profiles.variables:
            body.append(
                figures.add(
                    f"run-profile-{_slug(name)}",
                    plot.plot_profiles(sol, name),
                    f"{name} along the cell",
                )
            )
    provenance = {
        "ssbsim version": summary.get("ssbsim version", ""),
        "Input file": summary.get("Input file", ""),
    }
    return _Section("run", "Run", "\n".join(body), provenance, sol.cell_text)


def _design_file(folder: Path) -> Path | None:
    """design.json, else a summary.json of ``ssbsim design`` (one with "Design")."""
    if (folder / "design.json").is_file():
        return folder / "design.json"
    summary = folder / "summary.json"
    if summary.is_file() and "Design" in _read_json(summary):
        return summary
    return None


def _design_section(path: Path, figures: _Figures) -> _Section:
    summary = _read_json(path)
    design = summary.get("Design", summary)
    reference = summary.get("Reference liquid Li-ion cell")
    columns = [design] + ([reference] if reference else [])
    body = [
        figures.add(
            "design-energy-density",
            plot.plot_energy_density(design, reference),
            "Energy density at each level, and the share of each layer in mass and thickness",
        ),
        _compare(columns),
    ]
    for d in columns:
        body.append(
            f"<h3>Layers of {_esc(d.get('Name', 'the cell'))}</h3>" + _records(d.get("Layers", []))
        )
    provenance = {
        "ssbsim version": summary.get("ssbsim version", ""),
        "Input file": summary.get("Input file", ""),
    }
    return _Section("design", "Design", "\n".join(body), provenance)


def _impedance_section(path: Path, figures: _Figures) -> _Section:
    imp = Impedance.load(path)
    attrs, cell_text = _impedance_h5(path.parent / "impedance.h5")
    facts = {"State of charge": attrs.get("state of charge", ""), "Frequencies": len(imp)}
    if len(imp):
        facts["Frequency range [Hz]"] = (
            f"{_fmt(imp.frequency.min())} .. {_fmt(imp.frequency.max())}"
        )
    body = [
        _key_values(facts),
        figures.add("impedance-nyquist", plot.plot_nyquist(imp), "Nyquist plot (area-specific)"),
        figures.add("impedance-bode", plot.plot_bode(imp), "Bode plot (area-specific)"),
    ]
    provenance = {
        "ssbsim version": attrs.get("ssbsim version", ""),
        "Input file": attrs.get("input file", ""),
    }
    return _Section("impedance", "Impedance", "\n".join(body), provenance, cell_text)


def _impedance_h5(path: Path) -> tuple[dict, str]:
    """The root attributes and the cell file text of impedance.h5, when it is there."""
    if not path.is_file():
        return {}, ""
    import h5py

    with h5py.File(path, "r") as f:
        attrs = {k: _scalar(v) for k, v in f.attrs.items()}
        text = f["input/cell.yaml"][()] if "input/cell.yaml" in f else b""
    return attrs, text.decode() if isinstance(text, bytes) else str(text)


def _micro_section(path: Path, figures: _Figures) -> _Section:
    analysis = _read_json(path)
    body = []
    for key, value in analysis.items():
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            body.append(f"<h3>{_esc(key)}</h3>" + _records(value))
        elif isinstance(value, dict):
            body.append(f"<h3>{_esc(key)}</h3>" + _key_values(value))
        else:
            body.append(_key_values({key: value}))
    volume = analysis.get("Volume", {})
    return _Section(
        "micro", "Microstructure analysis", "\n".join(body), {"Volume file": volume.get("File", "")}
    )


# --- figures and files ---------------------------------------------------------------------


class _Figures:
    """Writes each figure to ``folder/NAME.png`` and returns the HTML that embeds the same PNG."""

    def __init__(self, folder: Path):
        self.folder = folder

    def add(self, name: str, fig: Figure, caption: str) -> str:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=100)
        png = buffer.getvalue()
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_atomic(self.folder / f"{name}.png", png)
        data = base64.b64encode(png).decode("ascii")
        return (
            f'<figure><img src="data:image/png;base64,{data}" alt="{_esc(caption)}">'
            f"<figcaption>{_esc(caption)} ({_esc(name)}.png)</figcaption></figure>"
        )


def _write_atomic(path: Path, data: bytes) -> None:
    """Writes ``data`` to a temporary file beside ``path`` and renames it over ``path``."""
    temporary = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as e:
        raise ValueError(f"{path}: not valid JSON ({e})") from None


# --- HTML ----------------------------------------------------------------------------------


def _page(folder: Path, sections: list[_Section]) -> str:
    """The whole HTML document."""
    name = folder.resolve().name
    cell_text = next((s.cell_text for s in sections if s.cell_text), "")
    if cell_text:
        sections = sections + [
            _Section("input", "Input cell file", f"<pre>{_esc(cell_text)}</pre>")
        ]
    nav = "".join(f'<li><a href="#{s.anchor}">{_esc(s.title)}</a></li>' for s in sections)
    parts = "\n".join(
        f'<section id="{s.anchor}"><h2>{_esc(s.title)}</h2>\n{s.body}</section>' for s in sections
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ssbsim report: {_esc(name)}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>ssbsim report: {_esc(name)}</h1>
<h2 id="provenance">Provenance</h2>
{_key_values(_provenance(folder, sections))}
<nav><ul>{nav}</ul></nav>
{parts}
</body>
</html>
"""


def _provenance(folder: Path, sections: list[_Section]) -> dict:
    """Where the results came from (values of all sections, each once) and what made the report."""
    found: dict[str, list[str]] = {}
    for section in sections:
        for key, value in section.provenance.items():
            if value and str(value) not in found.setdefault(key, []):
                found[key].append(str(value))
    return {
        "Folder": str(folder.resolve()),
        **{key: "; ".join(values) for key, values in found.items() if values},
        "Report time": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "Python": platform.python_version(),
        "numpy": np.__version__,
        "matplotlib": matplotlib.__version__,
        "Host": socket.gethostname(),
    }


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _scalar(value):
    """An HDF5 attribute as a plain Python value."""
    if isinstance(value, bytes):
        return value.decode()
    return value.item() if isinstance(value, np.generic) else value


def _fmt(value) -> str:
    """A value as table text: 6 significant digits for floats, yes/no for booleans."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list):
        return ", ".join(_fmt(v) for v in value)
    return str(value)


def _cell(value) -> str:
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    return (
        f'<td class="num">{_esc(_fmt(value))}</td>' if numeric else f"<td>{_esc(_fmt(value))}</td>"
    )


def _flatten(d: dict, prefix: str = "") -> dict:
    """Nested dicts as one level, the keys joined with " / "."""
    flat = {}
    for key, value in d.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key} / "))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _table(header: list[str], rows: list[list]) -> str:
    head = "".join(f"<th>{_esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>\n" for row in rows)
    return f"<table>\n<tr>{head}</tr>\n{body}</table>"


def _key_values(d: dict) -> str:
    """A two-column table of a (nested) dict."""
    return _table(["Name", "Value"], [[k, v] for k, v in _flatten(d).items()])


def _records(records: list[dict]) -> str:
    """A table with one row per dict and one column per key (the union, in order of appearance,
    after the keys that name a row: "Step", "Cycle", "Label", "Name", "Layer")."""
    flat = [_flatten(r) for r in records]
    keys = list(dict.fromkeys(k for r in flat for k in r))
    header = [k for k in _ROW_NAMES if k in keys] + [k for k in keys if k not in _ROW_NAMES]
    return _table(header, [[r.get(k, "") for k in header] for r in flat])


def _compare(designs: list[dict]) -> str:
    """The scalar entries of one or more designs side by side (the layers are tabled apart)."""
    flat = [_flatten({k: v for k, v in d.items() if k != "Layers"}) for d in designs]
    keys = list(dict.fromkeys(k for f in flat for k in f))
    header = [""] + [d.get("Name", "cell") for d in designs]
    return _table(header, [[k] + [f.get(k, "") for f in flat] for k in keys])


if __name__ == "__main__":
    sys.exit(main())
