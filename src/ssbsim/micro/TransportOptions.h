#pragma once
// Options and solver statistics shared by the voxel transport solvers (tortuosity factor and
// multiphase effective conductivity). See docs/physics/microstructure.md#transport.

#include <cstddef>

namespace ssbsim::micro {

/// The four faces parallel to the transport direction.
enum class SideBoundary {
    NoFlux,    ///< closed: no current leaves through the sides (TauFactor's Solver)
    Periodic,  ///< opposite sides joined (TauFactor's PeriodicSolver)
};

/// Storage of the solver vectors. Single halves the memory (about 25 instead of 49 bytes per
/// voxel) and changes τ by far less than 0.1 % (docs, "Precision"); Double is for validation.
enum class Precision { Single, Double };

struct TransportOptions {
    int axis = 0;  ///< transport direction: 0 = x, 1 = y, 2 = z (storage axes of io::VoxelVolume)
    SideBoundary sides = SideBoundary::NoFlux;
    /// Stop when the current through every lattice plane normal to the axis (the two electrode
    /// faces included) is within this relative deviation of their mean ...
    double fluxTolerance = 1e-3;
    /// ... and the preconditioned CG residual has dropped below this fraction of the driving term.
    double residualTolerance = 1e-5;
    int maxIterations = 500;  ///< a SolverError is thrown when the criteria are not met by then
    int threads = 0;          ///< 0: OpenMP's default (OMP_NUM_THREADS or all cores)
    Precision precision = Precision::Single;
};

struct TransportStats {
    int iterations = 0;            ///< preconditioned CG iterations (0 when nothing was solved)
    double relativeResidual = 0;   ///< ‖r‖ / ‖b‖ at the end (recursively updated residual)
    double fluxUniformity = 0;     ///< max over planes of |I_k − Ī| / Ī at the end
    int levels = 0;                ///< multigrid levels, the voxel lattice included
    std::size_t solvedVoxels = 0;  ///< voxels in the linear system (spanning conducting voxels)
    std::size_t solverBytes = 0;   ///< memory held by the solver's arrays during the solve
    double setupSeconds = 0;       ///< connectivity, lattice and multigrid hierarchy
    double solveSeconds = 0;       ///< the CG iterations
};

}  // namespace ssbsim::micro
