#pragma once
// A differential-algebraic system F(t, y, y') = 0 as the solver layer sees it. The residual is
// evaluated with three scalar types (core/Dual.h): double for F itself, Dual for Jacobian
// columns by automatic differentiation, Traced once for the sparsity pattern.

#include <cstddef>
#include <string>
#include <vector>

#include "ssbsim/core/Dual.h"

namespace ssbsim {

/// Width of the dual numbers used for Jacobian colouring.
inline constexpr int jacobianWidth = 8;
using JacobianDual = Dual<jacobianWidth>;

/// A contiguous range of unknowns.
struct UnknownRange {
    size_t offset = 0;
    size_t size = 0;
};

class DaeProblem {
  public:
    virtual ~DaeProblem() = default;

    virtual size_t size() const = 0;
    /// true for differential unknowns (y' appears), false for algebraic ones.
    virtual std::vector<bool> differential() const = 0;
    virtual std::vector<double> absoluteTolerances() const = 0;
    /// Name of unknown i with its index in its block, for diagnostics.
    virtual std::string describeUnknown(size_t i) const = 0;
    /// Ranges of unknowns whose own Jacobian block is tridiagonal and which touch no other
    /// such range (the shells of a particle): the linear solver eliminates them first
    /// (solver/CondensedSystem). None by default.
    virtual std::vector<UnknownRange> condensableBlocks() const { return {}; }

    /// A first iterate for the Newton iteration of an implicit step better than the predictor
    /// (solver/LocalStartNewton, docs/physics/numerics.md#newton-start). Given the predicted
    /// y and y' (y' = y'_p + α (y − y_p) within the step) and the residual there, the problem
    /// may write corrections y − y_p into `correction` (zero on entry) for unknowns whose
    /// local equations it can solve with the others held at their predicted values. Returns
    /// whether it wrote any. Nothing by default.
    virtual bool startNewton(double /*t*/, const double* /*yPredicted*/,
                             const double* /*ypPredicted*/, double /*alpha*/,
                             const double* /*residual*/, double* /*correction*/) const {
        return false;
    }

    virtual void residual(double t, const double* y, const double* yp, double* r) const = 0;
    virtual void residual(double t, const JacobianDual* y, const JacobianDual* yp,
                          JacobianDual* r) const = 0;
    virtual void residual(double t, const Traced* y, const Traced* yp, Traced* r) const = 0;
};

}  // namespace ssbsim
