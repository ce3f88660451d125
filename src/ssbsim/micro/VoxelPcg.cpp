// Preconditioned conjugate gradients on the voxel lattice (docs/physics/microstructure.md#transport-solver).
#include "ssbsim/micro/VoxelPcg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ssbsim/core/Error.h"
#include "ssbsim/micro/OrderedSum.h"

namespace ssbsim::micro {

double fluxUniformity(const std::vector<double>& planeCurrents) {
    if (planeCurrents.empty()) return std::numeric_limits<double>::infinity();
    double mean = 0;
    for (double i : planeCurrents) mean += i;
    mean /= static_cast<double>(planeCurrents.size());
    if (!(mean > 0)) return std::numeric_limits<double>::infinity();
    double worst = 0;
    for (double i : planeCurrents) worst = std::max(worst, std::abs(i - mean) / mean);
    return worst;
}

namespace {

/// The linear potential between the electrodes (1 half a voxel before slice 0, 0 half a voxel
/// after the last slice) on the solved voxels, 0 elsewhere.
template <class Real>
void linearProfile(const FineOperator<Real>& op, Real* u) {
    const VoxelGrid& g = op.grid();
#pragma omp parallel for schedule(static) num_threads(teamSize(g.cells(), op.threads()))
    for (std::size_t z = 0; z < g.nz; ++z) {
        const Real value = static_cast<Real>(1.0 - (static_cast<double>(z) + 0.5) / static_cast<double>(g.nz));
        for (std::size_t i = g.slice() * z; i < g.slice() * (z + 1); ++i) u[i] = op.solved(i) ? value : Real(0);
    }
}

void checkCurvature(double value, const char* what, int iteration) {
    if (!(value > 0) || !std::isfinite(value))
        throw SolverError(fmt::format("conjugate gradients broke down at iteration {}: {} = {} (expected > 0)",
                                      iteration, what, value));
}

}  // namespace

template <class Real>
PcgOutcome solvePotential(const FineOperator<Real>& op, VoxelMultigrid<Real>& preconditioner,
                          const PcgCriteria& criteria) {
    const std::size_t n = op.grid().cells();
    const int threads = op.threads();
    std::vector<Real> u(n), r(n), p(n), zq(n);
    PcgOutcome out;
    out.vectorBytes = 4 * n * sizeof(Real);

    linearProfile(op, u.data());
    const auto [rr0, bb] = op.residual(u.data(), r.data());
    const double bNorm = std::sqrt(bb);
    double rr = rr0;

    // The criteria: the cheap residual test first, then the plane currents from u.
    auto converged = [&]() {
        out.relativeResidual = std::sqrt(rr) / bNorm;
        if (out.relativeResidual > criteria.residualTolerance) return false;
        out.planeCurrents = op.planeCurrents(u.data());
        out.fluxUniformity = fluxUniformity(out.planeCurrents);
        return out.fluxUniformity <= criteria.fluxTolerance;
    };

    // Search direction from the preconditioned residual (also after a residual replacement).
    double rz = 0;
    auto restart = [&](int iteration) {
        rz = preconditioner.precondition(r.data(), zq.data());
        checkCurvature(rz, "r·M⁻¹r", iteration);
        std::copy(zq.begin(), zq.end(), p.begin());
    };

    if (!converged()) {
        restart(0);
        for (out.iterations = 1; out.iterations <= criteria.maxIterations; ++out.iterations) {
            const double pq = op.apply(p.data(), zq.data());  // zq = A p
            checkCurvature(pq, "p·Ap", out.iterations);
            const Real alpha = static_cast<Real>(rz / pq);
            rr = orderedSum(n, threads, [&](std::size_t i) {
                u[i] += alpha * p[i];
                r[i] -= alpha * zq[i];
                return static_cast<double>(r[i]) * static_cast<double>(r[i]);
            });
            const bool done = converged();
            if (criteria.monitor)
                criteria.monitor(out.iterations, out.relativeResidual,
                                 out.relativeResidual <= criteria.residualTolerance ? out.fluxUniformity
                                                                                   : std::nan(""));
            if (done) {
                out.converged = true;
                break;
            }
            if (out.relativeResidual <= criteria.residualTolerance) {
                // The recursively updated residual says converged but the plane currents do not
                // agree: in single precision it has drifted from the true residual, by rounding in
                // A·p while p was large. Replace it by the true one (computed in double) and
                // restart the directions (van der Vorst & Ye, SIAM J. Sci. Comput. 22, 835
                // (2000), doi 10.1137/S1064827599353865).
                rr = op.residual(u.data(), r.data()).first;
                ++out.residualReplacements;
                restart(out.iterations);
                continue;
            }
            const double rzNext = preconditioner.precondition(r.data(), zq.data());  // zq = M⁻¹ r
            checkCurvature(rzNext, "r·M⁻¹r", out.iterations);
            const Real beta = static_cast<Real>(rzNext / rz);
            rz = rzNext;
#pragma omp parallel for schedule(static) num_threads(teamSize(n, threads))
            for (std::size_t i = 0; i < n; ++i) p[i] = zq[i] + beta * p[i];
        }
        if (!out.converged) {
            // Report the state actually reached, not that of the last residual-passing check.
            out.iterations = criteria.maxIterations;
            out.planeCurrents = op.planeCurrents(u.data());
            out.fluxUniformity = fluxUniformity(out.planeCurrents);
        }
    } else {
        out.converged = true;
    }
    return out;
}

template PcgOutcome solvePotential<float>(const FineOperator<float>&, VoxelMultigrid<float>&, const PcgCriteria&);
template PcgOutcome solvePotential<double>(const FineOperator<double>&, VoxelMultigrid<double>&,
                                           const PcgCriteria&);

}  // namespace ssbsim::micro
