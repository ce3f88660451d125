// Multigrid V-cycle for the voxel resistor network (docs/physics/microstructure.md#transport-solver).
#include "ssbsim/micro/VoxelMultigrid.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ssbsim/core/Error.h"
#include "ssbsim/micro/OrderedSum.h"

namespace ssbsim::micro {

namespace {

/// In-place Cholesky factorization of the n × n symmetric positive definite matrix `a`
/// (row-major); leaves L in the lower triangle. The coarsest operator is SPD because every
/// solved cell belongs to a network touching an electrode.
void choleskyFactor(std::vector<double>& a, std::size_t n) {
    for (std::size_t j = 0; j < n; ++j) {
        double d = a[j * n + j];
        for (std::size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
        if (!(d > 0))
            throw SolverError(fmt::format("multigrid: the coarsest operator is not positive definite (pivot {} of {} is {})",
                                          j, n, d));
        const double l = std::sqrt(d);
        a[j * n + j] = l;
        for (std::size_t i = j + 1; i < n; ++i) {
            double s = a[i * n + j];
            for (std::size_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
            a[i * n + j] = s / l;
        }
    }
}

}  // namespace

template <class Real>
VoxelMultigrid<Real>::VoxelMultigrid(const FineOperator<Real>& fine, const MultigridSettings& settings)
    : fine_(fine), settings_(settings) {
    coarse_.push_back(fine.coarsen(static_cast<Real>(settings.coarseScale)));
    while (coarse_.back().grid().cells() > settings.coarsestCells)
        coarse_.push_back(coarse_.back().coarsen(static_cast<Real>(settings.coarseScale)));
    for (const auto& level : coarse_) {
        b_.emplace_back(level.grid().cells(), Real(0));
        u_.emplace_back(level.grid().cells(), Real(0));
    }
    cholesky_ = coarse_.back().denseMatrix(coarsestCell_);
    choleskyFactor(cholesky_, coarsestCell_.size());
}

template <class Real>
std::size_t VoxelMultigrid<Real>::bytes() const {
    std::size_t total = cholesky_.size() * sizeof(double);
    for (std::size_t k = 0; k < coarse_.size(); ++k)
        total += coarse_[k].bytes() + (b_[k].size() + u_[k].size()) * sizeof(Real);
    return total;
}

template <class Real>
double VoxelMultigrid<Real>::precondition(const Real* r, Real* z) {
    const std::size_t n = fine_.grid().cells();
    cycle(fine_, 0, r, z);  // writes all of z
    return orderedSum(n, fine_.threads(),
                      [&](std::size_t i) { return static_cast<double>(r[i]) * static_cast<double>(z[i]); });
}

template <class Real>
template <class Level>
void VoxelMultigrid<Real>::cycle(const Level& level, std::size_t depth, const Real* b, Real* u) {
    // u = M⁻¹b from u = 0: the first colour of the first sweep sets every u.
    const int colours = level.grid().colours();
    const int sweeps = std::max(1, depth == 0 ? settings_.fineSweeps : settings_.coarseSweeps);
    level.smoothFromZero(0, b, u);
    for (int c = 1; c < colours; ++c) level.smooth(c, b, u);
    for (int s = 1; s < sweeps; ++s)
        for (int c = 0; c < colours; ++c) level.smooth(c, b, u);

    level.restrictResidual(b, u, b_[depth].data());
    if (depth + 1 == coarse_.size())
        solveCoarsest(b_[depth].data(), u_[depth].data());
    else
        cycle(coarse_[depth], depth + 1, b_[depth].data(), u_[depth].data());
    level.prolongAdd(u_[depth].data(), u);

    for (int s = 0; s < sweeps; ++s)
        for (int c = colours - 1; c >= 0; --c) level.smooth(c, b, u);
}

template <class Real>
void VoxelMultigrid<Real>::solveCoarsest(const Real* b, Real* u) const {
    const std::size_t n = coarsestCell_.size();
    std::vector<double> y(n);
    for (std::size_t i = 0; i < n; ++i) {  // L y = b
        double s = b[coarsestCell_[i]];
        for (std::size_t k = 0; k < i; ++k) s -= cholesky_[i * n + k] * y[k];
        y[i] = s / cholesky_[i * n + i];
    }
    for (std::size_t i = n; i-- > 0;) {  // Lᵀ x = y
        double s = y[i];
        for (std::size_t k = i + 1; k < n; ++k) s -= cholesky_[k * n + i] * y[k];
        y[i] = s / cholesky_[i * n + i];
    }
    for (std::size_t i = 0; i < n; ++i) u[coarsestCell_[i]] = static_cast<Real>(y[i]);
}

template class VoxelMultigrid<float>;
template class VoxelMultigrid<double>;

}  // namespace ssbsim::micro
