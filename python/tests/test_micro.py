"""The microstructure toolkit through Python: numpy views share the volume's memory; files,
generators and solvers give the CLI's numbers; analytic transport limits."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest
from conftest import MICRO_INPUT, REPO

import ssbsim
from ssbsim import micro


def test_labels_are_a_view_of_the_volume():
    vol = micro.volume(np.zeros((4, 5, 6), np.uint8), voxel_size=(1e-6, 2e-6, 3e-6))
    labels = vol.labels
    assert labels.shape == (4, 5, 6) and labels.dtype == np.uint8
    assert np.shares_memory(labels, vol.labels)  # two views of one C++ buffer
    labels[:2] = 1  # writes reach the C++ volume...
    fractions = {f["label"]: f["fraction"] for f in micro.volume_fractions(vol)}
    assert fractions == {0: 0.5, 1: 0.5}
    del vol  # ...and the view keeps it alive
    assert labels.sum() == 60
    assert labels.base is not None


def test_volume_keeps_voxel_size_and_names():
    vol = micro.volume(np.ones((2, 2, 2)), voxel_size=0.5e-6, phase_names={1: "SE"})
    assert vol.voxel_size == pytest.approx((0.5e-6,) * 3)
    assert vol.phase_names == {1: "SE"}
    with pytest.raises(ValueError, match="3-D"):
        micro.volume(np.ones((2, 2)))
    with pytest.raises(ValueError, match="0..255"):
        micro.volume(np.full((2, 2, 2), 300))
    with pytest.raises(ValueError, match="voxel_size"):
        micro.volume(np.ones((2, 2, 2)), voxel_size=-1)


def test_file_round_trip_and_numpy_files(tmp_path):
    labels = np.random.default_rng(3).integers(0, 4, size=(5, 6, 7), dtype=np.uint8)
    vol = micro.volume(labels, voxel_size=(1e-6, 1e-6, 2e-6), phase_names={0: "pore", 1: "CAM"})
    micro.write(tmp_path / "v.h5", vol)
    back = micro.read(tmp_path / "v.h5")
    assert np.array_equal(back.labels, labels)
    assert back.voxel_size == pytest.approx((1e-6, 1e-6, 2e-6))
    assert back.phase_names == {0: "pore", 1: "CAM"}
    micro.write(tmp_path / "v.npy", vol)
    assert np.array_equal(np.load(tmp_path / "v.npy"), labels)  # numpy reads what we wrote


def test_bad_volume_file_raises_the_cli_message(cli, tmp_path):
    bad = tmp_path / "bad.npy"
    bad.write_bytes(b"\x93NUMPY\x01\x00garbage")
    cli_result = subprocess.run(
        [str(cli), "micro", "convert", str(bad), str(tmp_path / "out.tif")],
        capture_output=True, text=True,
    )
    assert cli_result.returncode == 2
    with pytest.raises(ssbsim.InputError) as raised:
        micro.read(bad)
    assert str(raised.value) == cli_result.stderr.strip()
    assert not (tmp_path / "out.tif").exists()


def slab(layers, size=8):
    """Layers of labels along z (numpy axis 0), each one voxel thick, on a size × size plane."""
    return np.repeat(np.asarray(layers, np.uint8), size * size).reshape(len(layers), size, size)


def test_series_layers_give_the_harmonic_mean():
    # σ_eff of layers in series along z: n / Σ 1/σ_i (exact for the resistor network).
    vol = micro.volume(slab([1, 2, 1, 2]), voxel_size=1e-6)
    sigma = {1: 1.0, 2: 3.0}
    result = micro.effective_conductivity(vol, sigma, axis="z", double_precision=True,
                                          residual_tolerance=1e-12, flux_tolerance=1e-12)
    assert result["effective conductivity [S.m-1]"] == pytest.approx(4 / (2 / 1 + 2 / 3), rel=1e-9)
    parallel = micro.effective_conductivity(vol, sigma, axis="x", double_precision=True,
                                            residual_tolerance=1e-12, flux_tolerance=1e-12)
    assert parallel["effective conductivity [S.m-1]"] == pytest.approx(2.0, rel=1e-9)


def test_tortuosity_of_straight_channels_is_one():
    labels = np.zeros((10, 10, 10), np.uint8)
    labels[:, :, :4] = 2  # SE fills x < 4 over all z
    vol = micro.volume(labels)
    result = micro.tortuosity_factor(vol, [2], axis="z")
    assert result["tortuosity factor"] == pytest.approx(1.0, abs=1e-6)
    assert result["volume fraction"] == pytest.approx(0.4)
    blocked = micro.tortuosity_factor(vol, [2], axis="x")  # SE does not span x
    assert blocked["tortuosity factor"] == float("inf")
    with pytest.raises(ssbsim.InputError, match="axis"):
        micro.tortuosity_factor(vol, [2], axis="w")


def test_generator_and_metrics_equal_the_cli(cli, tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(MICRO_INPUT)
    subprocess.run([str(cli), "micro", "generate", str(spec), "-o", str(tmp_path / "g.npy")],
                   check=True, capture_output=True)
    vol, targets, facts = micro.generate(spec)
    assert np.array_equal(vol.labels, np.load(tmp_path / "g.npy"))  # same seed, same voxels
    assert all(abs(t["achieved"] - t["target"]) < 0.01 for t in targets)

    out = tmp_path / "analysis"
    subprocess.run([str(cli), "micro", "analyze", str(tmp_path / "g.npy"), "--voxel-size",
                    "0.25 um", "-o", str(out), "-q"], check=True, capture_output=True)
    analysis = json.loads((out / "analysis.json").read_text())
    tau = micro.tortuosity_factor(vol, [2], axis="z")["tortuosity factor"]
    se = next(p for p in analysis["Phases"] if p["Label"] == 2)
    assert tau == se["Transport along z"]["Tortuosity factor"]  # same solver, same numbers


def test_metrics_of_a_generated_cathode():
    vol, _, _ = micro.generate(json.loads(json.dumps(_spec_dict())))
    access = micro.accessible_fraction(vol)
    assert 0 < access["both"] <= min(access["ionic"], access["electronic"]) <= 1
    areas = micro.interface_areas(vol)
    assert areas.specific_contact_area(1, 2) > 0
    assert areas.contact_area(1, 2) == areas.contact_area(2, 1)
    sizes = micro.particle_sizes(vol, [1])
    assert sizes["D10 [m]"] <= sizes["D50 [m]"] <= sizes["D90 [m]"]
    conn = micro.connectivity(vol, [2], axis="z")
    total = conn["percolating"] + conn["dead end"] + conn["isolated"]
    assert total == pytest.approx(1.0)


def _spec_dict():
    return {
        "generator": "composite-cathode",
        "size": [32, 32, 32],
        "voxel-size": "0.25 um",
        "seed": 11,
        "cam": {"volume-fraction": 0.4, "diameter": {"median": "2 um", "log-sd": 0.2}},
        "se": {"volume-fraction": 0.4, "diameter": {"median": "1 um", "log-sd": 0.3}},
    }
