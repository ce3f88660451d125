#pragma once
// The DAE iteration matrix J = ∂F/∂y + c_j ∂F/∂y' in compressed-sparse-column form, by forward
// automatic differentiation with column colouring (docs/physics/numerics.md#jacobian): the
// sparsity pattern is traced once, columns that share no row get one colour, and each pass of
// Dual numbers fills jacobianWidth colours at once.

#include <cstddef>
#include <vector>

#include "ssbsim/core/DaeProblem.h"

namespace ssbsim::solver {

class SparseJacobian {
  public:
    /// Traces the pattern of `problem` at (y, y') — structurally, so the state only needs to be
    /// one where the residual is defined.
    SparseJacobian(const DaeProblem& problem, const std::vector<double>& y,
                   const std::vector<double>& yp);

    size_t size() const { return columnStart_.size() - 1; }
    size_t nonZeros() const { return rows_.size(); }
    size_t colours() const { return colours_; }
    const std::vector<int>& columnStart() const { return columnStart_; }
    const std::vector<int>& rows() const { return rows_; }

    /// J = dy ∂F/∂y + cj ∂F/∂y' at (t, y, y'), written in CSC order into `values`. IDA's
    /// iteration matrix has dy = 1; dy = 0, cj = 1 gives ∂F/∂y' alone, exactly.
    void evaluate(double t, const double* y, const double* yp, double cj, double* values,
                  double dy = 1.0) const;

  private:
    const DaeProblem& problem_;
    std::vector<int> columnStart_, rows_;
    std::vector<int> colour_;  ///< of each column
    size_t colours_ = 0;
    mutable std::vector<JacobianDual> y_, yp_, r_;
};

}  // namespace ssbsim::solver
