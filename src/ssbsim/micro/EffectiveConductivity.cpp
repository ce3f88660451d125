// Effective conductivity of a voxel volume (docs/physics/microstructure.md#effective-conductivity).
#include "ssbsim/micro/EffectiveConductivity.h"

#include <fmt/format.h>
#include <omp.h>

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "ssbsim/core/Error.h"
#include "ssbsim/micro/ConductanceNetwork.h"
#include "ssbsim/micro/VoxelMultigrid.h"
#include "ssbsim/micro/VoxelOperator.h"
#include "ssbsim/micro/VoxelPcg.h"

namespace ssbsim::micro {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void checkOptions(const TransportOptions& options) {
    if (options.axis < 0 || options.axis > 2)
        throw std::invalid_argument(fmt::format("transport axis must be 0 (x), 1 (y) or 2 (z), got {}", options.axis));
    if (!(options.fluxTolerance > 0) || !(options.residualTolerance > 0))
        throw InputError(fmt::format("solver tolerances must be > 0, got flux {} and residual {}",
                                     options.fluxTolerance, options.residualTolerance));
    if (options.maxIterations < 1)
        throw InputError(fmt::format("the iteration limit must be ≥ 1, got {}", options.maxIterations));
    if (options.threads < 0) throw InputError(fmt::format("threads must be ≥ 0, got {}", options.threads));
}

/// The solve proper, in the requested precision; returns the mean plane current.
template <class Real>
double solveNetwork(const ConductanceNetwork& network, const TransportOptions& options, TransportStats& stats) {
    const auto setupStart = Clock::now();
    const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
    const FineOperator<Real> op(network, threads);
    VoxelMultigrid<Real> multigrid(op);
    stats.levels = multigrid.levels();
    stats.setupSeconds += secondsSince(setupStart);

    const auto solveStart = Clock::now();
    const PcgOutcome outcome =
        solvePotential(op, multigrid, {options.fluxTolerance, options.residualTolerance, options.maxIterations, {}});
    stats.solveSeconds = secondsSince(solveStart);
    stats.iterations = outcome.iterations;
    stats.relativeResidual = outcome.relativeResidual;
    stats.fluxUniformity = outcome.fluxUniformity;
    stats.solverBytes = network.phaseClass.size() + op.bytes() + outcome.vectorBytes + multigrid.bytes();

    double mean = 0;
    for (double current : outcome.planeCurrents) mean += current;
    mean /= static_cast<double>(outcome.planeCurrents.size());
    if (!outcome.converged)
        throw SolverError(fmt::format(
            "transport solver: not converged after {} iterations (relative residual {:.3g}, required {:.3g}; "
            "plane currents uniform to {:.3g}, required {:.3g}); raise the iteration limit or the tolerances",
            outcome.iterations, outcome.relativeResidual, options.residualTolerance, outcome.fluxUniformity,
            options.fluxTolerance));
    return mean;
}

}  // namespace

ConductivityResult effectiveConductivity(const io::VoxelVolume& volume, const ConductivityProblem& problem,
                                         const TransportOptions& options) {
    checkOptions(options);
    const auto setupStart = Clock::now();
    const ConductanceNetwork network =
        ConductanceNetwork::build(volume, PhaseTable::from(problem), options.axis, options.sides);

    ConductivityResult result;
    const double voxels = static_cast<double>(volume.voxelCount());
    result.meanConductivity = network.meanConductivity;
    result.conductingFraction = static_cast<double>(network.conductingVoxels) / voxels;
    result.spanningFraction = network.conductingVoxels == 0 ? 0.0
                                                            : static_cast<double>(network.spanningVoxels) /
                                                                  static_cast<double>(network.conductingVoxels);
    result.stats.solvedVoxels = network.spanningVoxels;
    result.stats.setupSeconds = secondsSince(setupStart);
    if (network.spanningVoxels == 0) return result;  // σ_eff = 0, τ = ∞: nothing carries current

    const double meanCurrent = options.precision == Precision::Single
                                   ? solveNetwork<float>(network, options, result.stats)
                                   : solveNetwork<double>(network, options, result.stats);
    // Ī is in units of σ_ref·A_z/h_z per volt; σ_eff = Ī·L/(A·ΔV) = Ī·σ_ref·n_z/(n_x·n_y).
    const VoxelGrid& g = network.grid;
    result.effectiveConductivity = meanCurrent * network.referenceConductivity * static_cast<double>(g.nz) /
                                   static_cast<double>(g.nx * g.ny);
    if (result.effectiveConductivity > 0)
        result.tortuosityFactor = result.meanConductivity / result.effectiveConductivity;
    return result;
}

}  // namespace ssbsim::micro
