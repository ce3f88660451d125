#pragma once
// The linear operator A of the voxel resistor network on each multigrid level, and the kernels
// the multigrid-preconditioned CG needs (docs/physics/microstructure.md#transport-solver).
//
// Row i of A u = b is Kirchhoff's current law at voxel i: Σ_j g_ij (u_i − u_j) + g_b,i u_i = b_i,
// summed over the face neighbours j, with g_b the link to an electrode (z faces only) and b the
// current the inlet electrode (potential 1) drives into the voxel. Voxels that are not solved
// have an empty row and keep u = 0 in every vector (an invariant all kernels rely on: it lets
// them treat solved and unsolved voxels alike, without branches).
//
// - FineOperator: the voxel lattice itself, matrix-free: g_ij comes from a table indexed by the
//   two phase classes (ConductanceNetwork), one byte per voxel. With a single conducting class
//   (the tortuosity case) the table collapses to one weight per axis and the kernels vectorize.
// - CoarseOperator: a coarser level, A_c = s·PᵀAP with P the piecewise-constant prolongation from
//   2×2×2 blocks. Such a product is again a 7-point network whose link conductance is the sum of
//   the fine links between two blocks, stored per cell. The factor s = ½ restores the coarse
//   problem's scale (summing 4 fine links gives twice the conductance of a coarse voxel of the
//   same material, 2h·2h/2h vs 4·h·h/h), a known cure for the weak coarse-grid correction of
//   unsmoothed aggregation (Braess, Computing 55, 379 (1995), doi 10.1007/BF02238488).
//
// Kernels run in parallel over lattice rows with OpenMP's static schedule; sums are formed per
// fixed block of rows and added in block order, so results are bitwise reproducible for any
// number of threads.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "ssbsim/micro/ConductanceNetwork.h"
#include "ssbsim/micro/VoxelGrid.h"

namespace ssbsim::micro {

template <class Real>
class CoarseOperator;

template <class Real>
class FineOperator {
  public:
    /// Keeps a pointer to network.phaseClass: the network must outlive the operator.
    FineOperator(const ConductanceNetwork& network, int threads);

    const VoxelGrid& grid() const { return grid_; }
    int threads() const { return threads_; }
    bool solved(std::size_t i) const { return phaseClass_[i] != 0; }

    /// y = A u on every voxel (0 on voxels that are not solved); returns u·y.
    double apply(const Real* u, Real* y) const;
    /// One Gauss–Seidel sweep of A u = b over the voxels of one colour (VoxelGrid.h).
    void smooth(int colour, const Real* b, Real* u) const;
    /// The first sweep from u = 0: u = b/A_ii on the voxels of `colour` (their neighbours are
    /// still 0) and u = 0 elsewhere; saves filling u with zeros and reading the neighbours.
    void smoothFromZero(int colour, const Real* b, Real* u) const;
    /// coarseB = Pᵀ(b − A u): the residual summed over each 2×2×2 block.
    void restrictResidual(const Real* b, const Real* u, Real* coarseB) const;
    /// u += P coarseU on the solved voxels.
    void prolongAdd(const Real* coarseU, Real* u) const;
    /// The next coarser level, A_c = scale·PᵀAP.
    CoarseOperator<Real> coarsen(Real scale) const;

    /// r = b − A u, with b the inlet electrode's current at potential 1; returns (r·r, b·b).
    /// Evaluated in double whatever Real is: the true residual of a single-precision potential,
    /// free of the cancellation in diag·u_i − Σ g u_j (docs, "Precision").
    std::pair<double, double> residual(const Real* u, Real* r) const;
    /// The current through every lattice plane normal to z, in units of the network's
    /// referenceConductance × 1 V: [inlet face, face between slices 0 and 1, ..., outlet face].
    std::vector<double> planeCurrents(const Real* u) const;

    // Data read by the stencils in VoxelOperator.cpp.
    const std::uint8_t* phaseClass() const { return phaseClass_; }
    std::size_t classes() const { return classes_; }
    /// link(a)[ci·classes + cj]: conductance across a face normal to axis a.
    const Real* link(int axis) const { return link_[axis].data(); }
    /// electrode()[k·classes + c]: k electrode faces (0, 1, or 2 when n_z = 1) × boundary[c].
    const Real* electrode() const { return electrode_.data(); }
    const std::uint8_t* zeroClasses() const { return zeroClasses_.data(); }
    const Real* zeroValues() const { return zeroValues_.data(); }
    /// 1/A_ii per voxel, 0 on unsolved voxels: Gauss–Seidel multiplies instead of dividing and
    /// needs no neighbour classes for the diagonal.
    const Real* inverseDiagonal() const { return inverseDiagonal_.data(); }
    std::size_t bytes() const { return inverseDiagonal_.size() * sizeof(Real); }

  private:
    VoxelGrid grid_;
    int threads_;
    const std::uint8_t* phaseClass_;
    std::size_t classes_;
    std::vector<Real> link_[3];
    std::vector<Real> electrode_;
    std::vector<Real> inverseDiagonal_;
    std::vector<std::uint8_t> zeroClasses_;  ///< a row of class 0 for missing neighbours
    std::vector<Real> zeroValues_;           ///< a row of zeros for missing neighbours
};

template <class Real>
class CoarseOperator {
  public:
    CoarseOperator(const VoxelGrid& grid, int threads);

    const VoxelGrid& grid() const { return grid_; }
    int threads() const { return threads_; }
    bool solved(std::size_t i) const { return diag[i] > 0; }
    std::size_t bytes() const { return 5 * sizeof(Real) * grid_.cells() + electrode.size() * sizeof(Real); }

    void smooth(int colour, const Real* b, Real* u) const;
    void smoothFromZero(int colour, const Real* b, Real* u) const;
    void restrictResidual(const Real* b, const Real* u, Real* coarseB) const;
    void prolongAdd(const Real* coarseU, Real* u) const;
    CoarseOperator<Real> coarsen(Real scale) const;

    /// The operator as a dense symmetric matrix over its solved cells (row-major, n × n), and the
    /// cell index of each row; for the direct solve on the coarsest level.
    std::vector<double> denseMatrix(std::vector<std::size_t>& cellOfRow) const;

    // Data read by the stencils and filled by coarsening (VoxelOperator.cpp).
    /// g[a][i]: conductance of the face between cell i and its + neighbour along axis a (0 where
    /// there is none). A face's conductance is stored at the cell on its minus side.
    std::vector<Real> g[3];
    std::vector<Real> diag;
    std::vector<Real> inverseDiagonal;  ///< 1/diag, 0 on unsolved cells
    /// Links to the inlet (first slice, nx·ny values) and outlet (last slice) electrodes.
    std::vector<Real> electrode;
    const Real* zeroValues() const { return zeroValues_.data(); }

  private:
    VoxelGrid grid_;
    int threads_;
    std::vector<Real> zeroValues_;
};

}  // namespace ssbsim::micro
