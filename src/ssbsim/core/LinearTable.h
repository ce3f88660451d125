#pragma once
// Piecewise-linear table y(x) with exact integrals, used for open-circuit potentials and
// volume change vs stoichiometry (docs/physics/cell-design.md#average-voltage).

#include "ssbsim/core/Dual.h"

#include <cstddef>
#include <utility>
#include <vector>

namespace ssbsim {

class LinearTable {
  public:
    LinearTable() = default;
    /// x strictly increasing, at least two points, all finite; throws std::invalid_argument.
    LinearTable(std::vector<double> x, std::vector<double> y);

    /// y(x) by linear interpolation; throws std::out_of_range outside [xMin, xMax].
    double operator()(double x) const;
    /// Exact ∫_a^b y dx of the piecewise-linear function, a <= b inside the table.
    double integral(double a, double b) const;
    /// Mean of y over [a, b]; y(a) when a == b.
    double mean(double a, double b) const;

    /// y and dy/dx at x, continuing the end segments linearly outside the table. For solvers,
    /// whose Newton iterates may stray past a table end; physical limits are enforced by events.
    std::pair<double, double> extrapolatedWithSlope(double x) const;

    double xMin() const { return x_.front(); }
    double xMax() const { return x_.back(); }
    bool contains(double x) const;
    const std::vector<double>& x() const { return x_; }
    const std::vector<double>& y() const { return y_; }
    bool empty() const { return x_.empty(); }

  private:
    size_t segment(double x) const;  ///< i such that x in [x_i, x_{i+1}]
    void checkInside(double x) const;

    std::vector<double> x_, y_;
};

/// y(x) for any scalar type of core/Dual.h (double, Dual, Traced), extrapolating linearly.
template <class T>
T evaluate(const LinearTable& table, const T& x) {
    const auto [y, slope] = table.extrapolatedWithSlope(value(x));
    return chain(x, y, slope);
}

}  // namespace ssbsim
