#include "ssbsim/core/MonotoneCubic.h"

#include <algorithm>
#include <cmath>

namespace ssbsim {

MonotoneCubic::MonotoneCubic(const LinearTable& points) : x_(points.x()), y_(points.y()) {
    const size_t n = x_.size();
    // Tabulated functions (BPX expressions) are equally spaced: then the interval is found by
    // division instead of bisection.
    const double step = (x_.back() - x_.front()) / static_cast<double>(n - 1);
    bool uniform = true;
    for (size_t i = 0; i + 1 < n && uniform; ++i)
        uniform = std::abs(x_[i + 1] - x_[i] - step) <= 1e-9 * step;
    if (uniform) uniformStep_ = step;
    std::vector<double> secant(n - 1);
    for (size_t i = 0; i + 1 < n; ++i) secant[i] = (y_[i + 1] - y_[i]) / (x_[i + 1] - x_[i]);
    slope_.resize(n);
    slope_[0] = secant[0];
    slope_[n - 1] = secant[n - 2];
    for (size_t i = 1; i + 1 < n; ++i) {
        // Fritsch–Carlson: zero tangent at local extrema, weighted harmonic mean otherwise.
        if (secant[i - 1] * secant[i] <= 0) {
            slope_[i] = 0.0;
        } else {
            const double h0 = x_[i] - x_[i - 1], h1 = x_[i + 1] - x_[i];
            const double w0 = 2 * h1 + h0, w1 = h1 + 2 * h0;
            slope_[i] = (w0 + w1) / (w0 / secant[i - 1] + w1 / secant[i]);
        }
    }
}

size_t MonotoneCubic::interval(double x) const {
    if (uniformStep_ > 0) {
        const auto i = static_cast<size_t>((x - x_.front()) / uniformStep_);
        return std::min(i, x_.size() - 2);
    }
    return static_cast<size_t>(std::upper_bound(x_.begin(), x_.end(), x) - x_.begin()) - 1;
}

std::pair<double, double> MonotoneCubic::withSlope(double x) const {
    if (x <= x_.front()) return {y_.front() + slope_.front() * (x - x_.front()), slope_.front()};
    if (x >= x_.back()) return {y_.back() + slope_.back() * (x - x_.back()), slope_.back()};
    const size_t i = interval(x);
    const double h = x_[i + 1] - x_[i];
    const double t = (x - x_[i]) / h;
    const double t2 = t * t, t3 = t2 * t;
    // Cubic Hermite basis and its derivative.
    const double h00 = 2 * t3 - 3 * t2 + 1, h10 = t3 - 2 * t2 + t, h01 = -2 * t3 + 3 * t2,
                 h11 = t3 - t2;
    const double d00 = 6 * t2 - 6 * t, d10 = 3 * t2 - 4 * t + 1, d01 = -6 * t2 + 6 * t,
                 d11 = 3 * t2 - 2 * t;
    const double y = h00 * y_[i] + h10 * h * slope_[i] + h01 * y_[i + 1] + h11 * h * slope_[i + 1];
    const double dy = (d00 * y_[i] + d01 * y_[i + 1]) / h + d10 * slope_[i] + d11 * slope_[i + 1];
    return {y, dy};
}

}  // namespace ssbsim
