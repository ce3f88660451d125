#pragma once
// Conjugate gradients preconditioned with the voxel multigrid, stopped on a physical criterion
// (docs/physics/microstructure.md#transport-solver).
//
// The potential starts as the linear profile between the electrodes (exact for a uniform block).
// After each iteration the recursively updated residual is compared with the driving term; once
// ‖r‖ ≤ residualTolerance·‖b‖, the currents through all lattice planes normal to the transport
// axis are computed from the potential itself, and the solve stops when they agree: in a steady
// state every plane carries the same current, so their spread measures the error of the
// quantity we want. Four vectors are stored (potential, residual, search direction, and one that
// holds first the preconditioned residual and then the operator applied to the search direction).
//
// Single precision: the initial residual is formed in double (in float, diag·u_i − Σ g u_j of the
// nearly linear start loses most digits, with the same sign across a slice, and the plane
// currents then disagree by 0.1–1 % on a 500³ volume however long CG runs). Should the
// recursively updated residual still drift from the true one, it is replaced by the true residual
// when it meets its tolerance while the plane currents do not agree.

#include <functional>
#include <vector>

#include "ssbsim/micro/VoxelMultigrid.h"
#include "ssbsim/micro/VoxelOperator.h"

namespace ssbsim::micro {

struct PcgCriteria {
    double fluxTolerance = 1e-3;
    double residualTolerance = 1e-5;
    int maxIterations = 500;
    /// Called after every iteration with (iteration, ‖r‖/‖b‖, plane-current uniformity or NaN
    /// when it was not computed); for progress reports and solver studies.
    std::function<void(int, double, double)> monitor;
};

struct PcgOutcome {
    /// Current through each plane, FineOperator::planeCurrents.
    std::vector<double> planeCurrents;
    int iterations = 0;
    double relativeResidual = 0;
    double fluxUniformity = 0;  ///< max_k |I_k − Ī| / Ī
    bool converged = false;
    int residualReplacements = 0;  ///< times the recursive residual was replaced by the true one
    std::size_t vectorBytes = 0;
};

/// max_k |I_k − Ī| / Ī, or +∞ when the mean current is not positive.
double fluxUniformity(const std::vector<double>& planeCurrents);

/// Solves A u = b of `op` for the potential. Throws SolverError on a breakdown (a non-positive
/// curvature, NaN); a solve that does not meet the criteria returns converged = false.
template <class Real>
PcgOutcome solvePotential(const FineOperator<Real>& op, VoxelMultigrid<Real>& preconditioner,
                          const PcgCriteria& criteria);

}  // namespace ssbsim::micro
