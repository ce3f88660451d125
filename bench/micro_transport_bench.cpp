// micro_transport_bench VOLUME: tortuosity factor of one phase of a segmented volume along one
// or all axes, with the timings, iterations and memory the speed targets of issue 3 are about
// (docs/physics/microstructure.md#transport-solver). One JSON object per axis on stdout, read by
// bench/micro_transport.py, which runs TauFactor 2 and PoreSpy on the same volumes.
//
//   micro_transport_bench tf500.npy --phase 255 --axis all [--crop 256] [--threads 2]
//       [--sides no-flux|periodic] [--precision single|double]
//       [--flux-tolerance 1e-3] [--residual-tolerance 1e-5]
//
// Peak memory is the process's maximum resident set (VmHWM), the volume itself included.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ssbsim/core/Error.h"
#include "ssbsim/io/VolumeFile.h"
#include "ssbsim/micro/Tortuosity.h"

namespace {

using ssbsim::io::VoxelVolume;

/// The corner of `volume` of at most n voxels per axis (x, y, z < n): numpy's vol[:n, :n, :n].
VoxelVolume cropCorner(const VoxelVolume& volume, std::size_t n) {
    const auto& s = volume.shape();
    const VoxelVolume::Shape shape{std::min(n, s[0]), std::min(n, s[1]), std::min(n, s[2])};
    VoxelVolume out(shape, volume.voxelSize());
    for (std::size_t z = 0; z < shape[2]; ++z)
        for (std::size_t y = 0; y < shape[1]; ++y)
            for (std::size_t x = 0; x < shape[0]; ++x) out(x, y, z) = volume(x, y, z);
    return out;
}

/// VmHWM of /proc/self/status: the peak resident set of this program. (getrusage's ru_maxrss
/// would include the parent's peak, which a child inherits at fork on Linux.)
double peakResidentBytes() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) * 1024.0;  // kB
    return std::nan("");
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app("Tortuosity factor of a voxel volume, with timings (ssbsim bench)");
    std::string file;
    std::vector<int> phase{1};
    std::string axes = "all", sides = "no-flux", precision = "single";
    std::size_t crop = 0;
    ssbsim::micro::TransportOptions options;
    app.add_option("volume", file, "segmented volume (.tif, .npy, .raw, .h5, .vti)")->required();
    app.add_option("--phase", phase, "label(s) of the transporting phase")->check(CLI::Range(0, 255));
    app.add_option("--axis", axes, "x, y, z or all")->check(CLI::IsMember({"x", "y", "z", "all"}));
    app.add_option("--crop", crop, "use the corner of N voxels per axis (0: whole volume)");
    app.add_option("--sides", sides, "side boundaries")->check(CLI::IsMember({"no-flux", "periodic"}));
    app.add_option("--precision", precision, "solver vectors")->check(CLI::IsMember({"single", "double"}));
    app.add_option("--threads", options.threads, "OpenMP threads (0: default)");
    app.add_option("--flux-tolerance", options.fluxTolerance, "max relative spread of the plane currents");
    app.add_option("--residual-tolerance", options.residualTolerance, "relative residual");
    app.add_option("--max-iterations", options.maxIterations, "CG iteration limit");
    CLI11_PARSE(app, argc, argv);

    try {
        const auto readStart = std::chrono::steady_clock::now();
        VoxelVolume volume = ssbsim::io::readVolume(file);
        if (crop > 0) volume = cropCorner(volume, crop);
        const double readSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - readStart).count();
        options.sides = sides == "periodic" ? ssbsim::micro::SideBoundary::Periodic
                                            : ssbsim::micro::SideBoundary::NoFlux;
        options.precision =
            precision == "double" ? ssbsim::micro::Precision::Double : ssbsim::micro::Precision::Single;
        ssbsim::micro::PhaseSet labels;
        for (int p : phase) labels.push_back(static_cast<ssbsim::io::Label>(p));

        for (int axis = 0; axis < 3; ++axis) {
            const std::string name(1, "xyz"[axis]);
            if (axes != "all" && axes != name) continue;
            options.axis = axis;
            const auto start = std::chrono::steady_clock::now();
            const auto t = ssbsim::micro::tortuosityFactor(volume, labels, options);
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            nlohmann::json out = {
                {"file", file},
                {"shape", volume.shape()},
                {"voxels", volume.voxelCount()},
                {"axis", name},
                {"tau", t.tortuosityFactor},
                {"effective_diffusivity_factor", t.effectiveDiffusivityFactor},
                {"volume_fraction", t.volumeFraction},
                {"spanning_fraction", t.spanningFraction},
                {"iterations", t.stats.iterations},
                {"levels", t.stats.levels},
                {"relative_residual", t.stats.relativeResidual},
                {"flux_uniformity", t.stats.fluxUniformity},
                {"read_s", readSeconds},
                {"setup_s", t.stats.setupSeconds},
                {"solve_s", t.stats.solveSeconds},
                {"total_s", seconds},
                {"solver_bytes_per_voxel", static_cast<double>(t.stats.solverBytes) / static_cast<double>(volume.voxelCount())},
                {"peak_rss_bytes_per_voxel", peakResidentBytes() / static_cast<double>(volume.voxelCount())},
                {"precision", precision},
                {"sides", sides},
                {"threads", options.threads}};
            if (!std::isfinite(t.tortuosityFactor)) out["tau"] = "inf";
            std::cout << out.dump() << std::endl;
        }
    } catch (const ssbsim::InputError& e) {
        std::cerr << e.what() << '\n';
        return 2;
    } catch (const ssbsim::SolverError& e) {
        std::cerr << "solver error: " << e.what() << '\n';
        return 3;
    }
    return 0;
}
