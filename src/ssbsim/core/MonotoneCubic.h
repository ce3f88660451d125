#pragma once
// Monotone piecewise-cubic Hermite interpolation through the points of a table: the natural
// cubic spline (C2) wherever its node slopes pass Hyman's monotonicity test (Hyman, SIAM J. Sci.
// Stat. Comput. 4, 645 (1983), doi:10.1137/0904045); a node where they do not takes the
// Fritsch–Carlson slope (SIAM J. Numer. Anal. 17, 238 (1980), doi:10.1137/0717021) and keeps a
// continuous first derivative only (C1). Time integrators need the smoothness: a jump of dU/dx
// (linear table) or of d²U/dx² (C1 cubic) at every point crossed forces BDF step and order cuts
// (docs/physics/numerics.md#interpolated-tables). Between points it stays within the
// neighbouring values, so a monotone table stays monotone.

#include <array>
#include <utility>
#include <vector>

#include "ssbsim/core/Dual.h"
#include "ssbsim/core/LinearTable.h"

namespace ssbsim {

class MonotoneCubic {
  public:
    MonotoneCubic() = default;
    explicit MonotoneCubic(const LinearTable& points);

    /// y and dy/dx; outside the points the end tangents continue linearly.
    std::pair<double, double> withSlope(double x) const;
    double operator()(double x) const { return withSlope(x).first; }
    bool empty() const { return x_.empty(); }
    /// Multiplies the curve by a constant (e.g. an Arrhenius factor).
    void scale(double factor);
    double xMin() const { return x_.front(); }
    double xMax() const { return x_.back(); }

  private:
    /// The pieces' coefficients, the end values and the interval lookup, from the points'
    /// values and node slopes.
    void tabulatePieces(const std::vector<double>& y, const std::vector<double>& slope);
    /// Index of the interval holding x (x inside the points).
    size_t interval(double x) const;

    std::vector<double> x_;  ///< the points
    /// y and dy/dx at the first and the last point, continued linearly outside.
    std::array<double, 4> ends_{};
    /// Piece i as a polynomial in t = (x − x_i)/h_i: y = c0 + c1 t + c2 t² + c3 t³.
    std::vector<std::array<double, 4>> pieces_;
    std::vector<double> inverseWidth_;  ///< 1/h_i
    /// Interval lookup in O(1): the points' range cut into equal bins, each with the interval
    /// that holds its left edge; a point is at most a few intervals from its bin's.
    double binsPerUnit_ = 0.0;
    std::vector<size_t> binInterval_;
};

/// y(x) for any scalar type of core/Dual.h.
template <class T>
T evaluate(const MonotoneCubic& curve, const T& x) {
    const auto [y, slope] = curve.withSlope(value(x));
    return chain(x, y, slope);
}

}  // namespace ssbsim
