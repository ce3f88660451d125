#include "ssbsim/core/LinearTable.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ssbsim {

namespace {
// Points just outside the table by rounding (e.g. a window computed as 1 - 0.7) count as inside.
constexpr double edgeTolerance = 1e-12;
}  // namespace

LinearTable::LinearTable(std::vector<double> x, std::vector<double> y)
    : x_(std::move(x)), y_(std::move(y)) {
    if (x_.size() != y_.size()) throw std::invalid_argument("table columns differ in length");
    if (x_.size() < 2) throw std::invalid_argument("a table needs at least two points");
    for (size_t i = 0; i < x_.size(); ++i) {
        if (!std::isfinite(x_[i]) || !std::isfinite(y_[i]))
            throw std::invalid_argument(fmt::format("table point {} is not finite", i + 1));
        if (i > 0 && !(x_[i] > x_[i - 1]))
            throw std::invalid_argument(
                fmt::format("table x must increase strictly, but point {} has x = {} after x = {}",
                            i + 1, x_[i], x_[i - 1]));
    }
}

bool LinearTable::contains(double x) const {
    return x >= xMin() - edgeTolerance && x <= xMax() + edgeTolerance;
}

void LinearTable::checkInside(double x) const {
    if (!contains(x))
        throw std::out_of_range(
            fmt::format("x = {} lies outside the table range [{}, {}]", x, xMin(), xMax()));
}

size_t LinearTable::segment(double x) const {
    const auto it = std::upper_bound(x_.begin(), x_.end(), x);
    const auto i = static_cast<size_t>(std::max<std::ptrdiff_t>(it - x_.begin() - 1, 0));
    return std::min(i, x_.size() - 2);
}

double LinearTable::operator()(double x) const {
    checkInside(x);
    const size_t i = segment(x);
    const double t = (x - x_[i]) / (x_[i + 1] - x_[i]);
    return y_[i] + t * (y_[i + 1] - y_[i]);
}

double LinearTable::integral(double a, double b) const {
    checkInside(a);
    checkInside(b);
    if (a > b) throw std::invalid_argument("integral bounds must satisfy a <= b");
    a = std::clamp(a, xMin(), xMax());
    b = std::clamp(b, xMin(), xMax());
    // Trapezoid rule on each segment piece is exact for a piecewise-linear function.
    double sum = 0.0;
    for (size_t i = segment(a); i + 1 < x_.size() && x_[i] < b; ++i) {
        const double lo = std::max(a, x_[i]);
        const double hi = std::min(b, x_[i + 1]);
        if (hi > lo) sum += 0.5 * (hi - lo) * ((*this)(lo) + (*this)(hi));
    }
    return sum;
}

double LinearTable::mean(double a, double b) const {
    if (b == a) return (*this)(a);
    return integral(a, b) / (b - a);
}

}  // namespace ssbsim
