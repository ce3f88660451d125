"""The HTML report: its sections, figures and tables, self-containment, atomic writes, the command
line, and how it renders in headless Chromium (driven through the Chrome DevTools Protocol)."""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import CELL
from conftest import ssbsim as run_cli
from ssbsim import plot, report

PYTHON_DIR = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


class _Page(HTMLParser):
    """Tags, attributes, ids and image sources of an HTML document."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.images: list[str] = []
        self.ids: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))
            if name == "id":
                self.ids.append(value)
        if tag == "img":
            self.images.append(dict(attrs)["src"])


def _no_external_references(page: _Page, text: str) -> None:
    assert not {"script", "link", "iframe", "object", "embed", "base"} & set(page.tags)
    for tag, name, value in page.attrs:
        if name in ("src", "href", "action", "srcset", "poster", "data"):
            assert value.startswith(("data:", "#")), (
                f"<{tag} {name}={value[:60]!r}> is not self-contained"
            )
    assert "url(" not in text and "@import" not in text


@pytest.fixture(scope="module")
def run_report(run_folder) -> Path:
    return report.write_report(run_folder)


def test_report_of_a_run_with_impedance_and_design(run_folder, run_report):
    assert run_report == run_folder / "report.html"
    text = run_report.read_text()
    page = _Page(text)
    assert {"provenance", "run", "design", "impedance", "input"} <= set(page.ids)
    for heading in (
        "Cycles",
        "Steps",
        "Solver",
        "Profiles",
        "Layers of Sheet stack NMC811 | Li6PS5Cl | Li",
    ):
        assert f"<h3>{heading}</h3>" in text
    assert "<tr><th>Step</th><th>Cycle</th>" in text  # the columns that name a row come first
    assert "Discharge at 1C until 3 V" in text and "Nonlinear iterations" in text
    assert "Reference liquid Li-ion NMC811 | graphite" in text
    # Provenance: version and input file from the summaries, and what made the report.
    assert "0.1.0" in text and "examples/sheet-nmc811-lpscl-li.yaml" in text
    assert f"<td>{sys.version.split()[0]}</td>" in text and "Report time" in text and "Host" in text
    # The input cell file, escaped.
    assert "name: Sheet stack NMC811 | Li6PS5Cl | Li" in text and "c_e = 1 M" in text
    # Every figure is a PNG in figures/ and the same bytes embedded in the page.
    pngs = sorted((run_folder / "figures").glob("*.png"))
    names = {p.stem for p in pngs}
    assert {
        "run-voltage-current",
        "run-voltage-capacity",
        "run-cycles",
        "design-energy-density",
        "impedance-nyquist",
        "impedance-bode",
        "run-profile-positive-surface-stoichiometry",
    } <= names
    embedded = {base64.b64decode(src.split(",", 1)[1]) for src in page.images}
    assert embedded == {p.read_bytes() for p in pngs}
    assert all(src.startswith("data:image/png;base64,") for src in page.images)
    _no_external_references(page, text)
    assert not list(run_folder.rglob("*.tmp*"))


def test_report_shows_the_temperature_of_a_lumped_thermal_run(cli, run_folder, tmp_path):
    # The example with a lumped energy balance: the stack warms up, and the report plots it;
    # the isothermal run's report has no temperature figure.
    cell = tmp_path / "thermal.yaml"
    cell.write_text(
        CELL.read_text().replace(
            "  stack-pressure: 2 MPa\n",
            "  stack-pressure: 2 MPa\n  thermal: {model: lumped, heat-transfer-coefficient: "
            "10 W/m^2/K, specific-heat-capacity: 1 J/g/K}\n",
        )
    )
    run_cli(cli, "run", cell, "-e", "Discharge at 1C for 20 min", "-o", tmp_path / "out", "-q")
    text = report.write_report(tmp_path / "out").read_text()
    assert "Temperature of the stack" in text
    assert (tmp_path / "out" / "figures" / "run-temperature.png").is_file()
    assert not (run_folder / "figures" / "run-temperature.png").exists()


def test_report_of_a_design_summary_and_a_microstructure_analysis(
    design_folder, micro_folder, tmp_path
):
    path = report.write_report(design_folder, tmp_path / "sub" / "design.html")
    assert path == tmp_path / "sub" / "design.html"
    page = _Page(path.read_text())
    assert "design" in page.ids and "run" not in page.ids and len(page.images) == 1
    assert (design_folder / "figures" / "design-energy-density.png").is_file()

    text = report.write_report(micro_folder / "analysis").read_text()
    page = _Page(text)
    assert "micro" in page.ids and not page.images
    for column in (
        "Volume fraction",
        "Transport along z / Tortuosity factor",
        "Specific contact area [m-1]",
    ):
        assert f"<th>{column}</th>" in text
    assert "volume.tif" in text
    _no_external_references(page, text)


def test_report_escapes_text(tmp_path, design_folder):
    summary = json.loads((design_folder / "summary.json").read_text())
    summary["Design"]["Name"] = '<script>alert("x")</script> & <b>'
    (tmp_path / "design.json").write_text(json.dumps(summary))
    text = report.write_report(tmp_path).read_text()
    assert "<script" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in text


def test_a_failed_report_leaves_the_previous_one(run_folder, monkeypatch, tmp_path):
    folder = tmp_path / "eis"
    folder.mkdir()
    for name in ("impedance.csv", "impedance.h5"):
        shutil.copy(run_folder / name, folder)
    before = report.write_report(folder).read_bytes()

    def broken(*args, **kwargs):
        raise RuntimeError("plot failed")

    monkeypatch.setattr(plot, "plot_bode", broken)
    with pytest.raises(RuntimeError, match="plot failed"):
        report.write_report(folder)
    assert (folder / "report.html").read_bytes() == before
    assert not list(folder.rglob("*.tmp*"))


def test_report_rejects_folders_without_results(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such folder"):
        report.write_report(tmp_path / "missing")
    with pytest.raises(ValueError, match="nothing to report"):
        report.write_report(tmp_path)
    assert not (tmp_path / "report.html").exists()


def _report_cli(*args) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(PYTHON_DIR), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, "-m", "ssbsim.report", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
    )


def test_command_line(design_folder, tmp_path):
    output = tmp_path / "r.html"
    result = _report_cli(design_folder, "-o", output)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Report: {output}\n" and output.is_file()
    result = _report_cli(tmp_path / "missing")
    assert result.returncode == 2 and "no such folder" in result.stderr and not result.stdout
    result = _report_cli(tmp_path)
    assert result.returncode == 2 and "nothing to report" in result.stderr


# --- headless Chromium -----------------------------------------------------------------------


class _DevTools:
    """A minimal Chrome DevTools Protocol client over one page's websocket."""

    def __init__(self, url: str):
        import websocket

        self.socket = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []

    def call(self, method: str, **params) -> dict:
        """Sends a command and returns its result; events that arrive meanwhile are kept."""
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                assert "error" not in message, f"{method}: {message['error']}"
                return message["result"]
            self.events.append(message)

    def wait_for(self, method: str, timeout: float = 30) -> dict:
        """Waits for an event (or returns one that already arrived)."""
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == method for e in self.events):
            assert time.monotonic() < deadline, f"no {method} within {timeout} s"
            self.events.append(json.loads(self.socket.recv()))
        return next(e for e in self.events if e.get("method") == method)


def _start_chromium(profile: Path) -> tuple[subprocess.Popen, int]:
    """Starts headless Chromium and returns it with the DevTools port it chose."""
    browser = subprocess.Popen(
        [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "--window-size=1280,1000",
            "--hide-scrollbars",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 60
    while not (port_file.is_file() and port_file.read_text().strip()):
        assert browser.poll() is None, f"chromium exited with {browser.returncode}"
        assert time.monotonic() < deadline, "chromium wrote no DevToolsActivePort within 60 s"
        time.sleep(0.1)
    return browser, int(port_file.read_text().split()[0])


def _stop(browser: subprocess.Popen) -> None:
    """Ends the browser and the processes it started (its own process group)."""
    if browser.poll() is None:
        os.killpg(browser.pid, signal.SIGTERM)
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.wait()


def test_report_renders_in_headless_chromium(run_report):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"no {CHROMIUM}: run scripts/install-deps to install Chromium for this test")
    output = Path(os.environ.get("SSBSIM_TEST_OUTPUT", PYTHON_DIR / "tests" / "output"))
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        browser, port = _start_chromium(Path(profile))
        devtools = None
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/json/list", timeout=30
            ) as response:
                pages = [t for t in json.load(response) if t["type"] == "page"]
            devtools = _DevTools(pages[0]["webSocketDebuggerUrl"])
            for domain in ("Page", "Runtime", "Log"):
                devtools.call(f"{domain}.enable")
            devtools.call("Page.navigate", url=run_report.resolve().as_uri())
            devtools.wait_for("Page.loadEventFired")
            images = devtools.call(
                "Runtime.evaluate",
                returnByValue=True,
                expression="Array.from(document.images, i => [i.alt, i.complete, i.naturalWidth])",
            )["result"]["value"]
            metrics = devtools.call("Page.getLayoutMetrics")["cssContentSize"]
            shot = devtools.call(
                "Page.captureScreenshot",
                format="png",
                captureBeyondViewport=True,
                clip={
                    "x": 0,
                    "y": 0,
                    "width": metrics["width"],
                    "height": metrics["height"],
                    "scale": 1,
                },
            )
        finally:
            if devtools:
                devtools.socket.close()
            _stop(browser)
    (output / "report-screenshot.png").write_bytes(base64.b64decode(shot["data"]))
    assert len(images) == len(list((run_report.parent / "figures").glob("*.png")))
    broken = [alt for alt, complete, width in images if not (complete and width > 0)]
    assert not broken, f"images that did not load: {broken}"
    errors = [
        e
        for e in devtools.events
        if (
            e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert")
        )
        or e["method"] == "Runtime.exceptionThrown"
        or (e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
    ]
    assert not errors, f"the browser reported errors: {errors}"
