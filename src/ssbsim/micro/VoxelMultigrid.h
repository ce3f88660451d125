#pragma once
// Geometric multigrid preconditioner for the voxel resistor network
// (docs/physics/microstructure.md#transport-solver).
//
// Levels: the voxel lattice, then Galerkin aggregates of 2×2×2 blocks (VoxelOperator.h) until at
// most `coarsestCells` cells remain, which are solved directly (dense Cholesky). One application
// is a V-cycle from a zero guess with symmetric Gauss–Seidel smoothing: the pre-smoother visits
// the colours 0, 1(, 2), the post-smoother the reverse, so the preconditioner is symmetric and
// positive definite, as conjugate gradients require.

#include <cstddef>
#include <vector>

#include "ssbsim/micro/VoxelOperator.h"

namespace ssbsim::micro {

struct MultigridSettings {
    double coarseScale = 0.5;       ///< s in A_c = s·PᵀAP (VoxelOperator.h)
    int fineSweeps = 1;             ///< symmetric smoothing sweeps before and after, voxel lattice
    int coarseSweeps = 2;           ///< the same on the coarse levels (cheap there)
    std::size_t coarsestCells = 512;  ///< direct solve at or below this many cells
};

template <class Real>
class VoxelMultigrid {
  public:
    /// Builds the hierarchy below `fine`, which must outlive this object.
    explicit VoxelMultigrid(const FineOperator<Real>& fine, const MultigridSettings& settings = {});

    /// z = M⁻¹ r (one V-cycle); returns r·z.
    double precondition(const Real* r, Real* z);

    int levels() const { return static_cast<int>(coarse_.size()) + 1; }
    std::size_t bytes() const;  ///< memory of the coarse levels and the direct solver

  private:
    template <class Level>
    void cycle(const Level& level, std::size_t depth, const Real* b, Real* u);
    void solveCoarsest(const Real* b, Real* u) const;

    const FineOperator<Real>& fine_;
    MultigridSettings settings_;
    std::vector<CoarseOperator<Real>> coarse_;     ///< coarse_[k] is level k + 1
    std::vector<std::vector<Real>> b_, u_;         ///< right-hand side and solution per coarse level
    std::vector<std::size_t> coarsestCell_;        ///< cell of each row of the dense factor
    std::vector<double> cholesky_;                 ///< lower triangular L with L·Lᵀ = A_coarsest
};

}  // namespace ssbsim::micro
