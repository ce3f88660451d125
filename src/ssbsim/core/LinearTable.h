#pragma once
// Piecewise-linear table y(x) with exact integrals, used for open-circuit potentials and
// volume change vs stoichiometry (docs/physics/cell-design.md#average-voltage).

#include <cstddef>
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

}  // namespace ssbsim
