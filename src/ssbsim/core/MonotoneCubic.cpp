#include "ssbsim/core/MonotoneCubic.h"

#include <algorithm>
#include <cmath>

namespace ssbsim {

namespace {

/// Fritsch–Carlson node slopes: 0 at local extrema of the data, the weighted harmonic mean of
/// the neighbouring secants otherwise, the secant at both ends. Every piece is monotone.
std::vector<double> fritschCarlsonSlopes(const std::vector<double>& h,
                                         const std::vector<double>& secant) {
    const size_t n = h.size() + 1;
    std::vector<double> m(n);
    m[0] = secant[0];
    m[n - 1] = secant[n - 2];
    for (size_t i = 1; i + 1 < n; ++i) {
        if (secant[i - 1] * secant[i] <= 0) {
            m[i] = 0.0;
        } else {
            const double w0 = 2 * h[i] + h[i - 1], w1 = h[i] + 2 * h[i - 1];
            m[i] = (w0 + w1) / (w0 / secant[i - 1] + w1 / secant[i]);
        }
    }
    return m;
}

/// Hyman's sufficient condition for the pieces on both sides of a node to stay monotone: the
/// slope has the sign of both secants and is at most 3 times each (a local extremum of the data
/// needs a zero slope).
bool monotoneSlope(double m, double left, double right) {
    if (left * right <= 0) return m == 0.0;
    return m / left >= 0 && m / left <= 3 && m / right <= 3;
}

/// Node slopes of the natural cubic spline (C2; zero curvature at both ends, so that the linear
/// continuation outside the points is C2 too), with the slopes of `fixed` nodes set to `given`:
/// the tridiagonal system h_i m_{i−1} + 2 (h_{i−1} + h_i) m_i + h_{i−1} m_{i+1} =
/// 3 (h_i s_{i−1} + h_{i−1} s_i), solved by the Thomas algorithm (diagonally dominant).
std::vector<double> splineSlopes(const std::vector<double>& h, const std::vector<double>& secant,
                                 const std::vector<bool>& fixed, const std::vector<double>& given) {
    const size_t n = h.size() + 1;
    std::vector<double> lower(n, 0.0), diagonal(n, 1.0), upper(n, 0.0), rhs(n);
    for (size_t i = 0; i < n; ++i) {
        if (fixed[i]) {
            rhs[i] = given[i];
        } else if (i == 0) {
            diagonal[i] = 2.0, upper[i] = 1.0, rhs[i] = 3.0 * secant[0];
        } else if (i + 1 == n) {
            diagonal[i] = 2.0, lower[i] = 1.0, rhs[i] = 3.0 * secant[n - 2];
        } else {
            lower[i] = h[i];
            diagonal[i] = 2.0 * (h[i - 1] + h[i]);
            upper[i] = h[i - 1];
            rhs[i] = 3.0 * (h[i] * secant[i - 1] + h[i - 1] * secant[i]);
        }
    }
    for (size_t i = 1; i < n; ++i) {
        const double w = lower[i] / diagonal[i - 1];
        diagonal[i] -= w * upper[i - 1];
        rhs[i] -= w * rhs[i - 1];
    }
    std::vector<double> m(n);
    m[n - 1] = rhs[n - 1] / diagonal[n - 1];
    for (size_t i = n - 1; i-- > 0;) m[i] = (rhs[i] - upper[i] * m[i + 1]) / diagonal[i];
    return m;
}

}  // namespace

MonotoneCubic::MonotoneCubic(const LinearTable& points) : x_(points.x()), y_(points.y()) {
    const size_t n = x_.size();
    // Tabulated functions (BPX expressions) are equally spaced: then the interval is found by
    // division instead of bisection.
    const double step = (x_.back() - x_.front()) / static_cast<double>(n - 1);
    bool uniform = true;
    for (size_t i = 0; i + 1 < n && uniform; ++i)
        uniform = std::abs(x_[i + 1] - x_[i] - step) <= 1e-9 * step;
    if (uniform) uniformStep_ = step;
    std::vector<double> h(n - 1), secant(n - 1);
    for (size_t i = 0; i + 1 < n; ++i) {
        h[i] = x_[i + 1] - x_[i];
        secant[i] = (y_[i + 1] - y_[i]) / h[i];
    }
    const std::vector<double> local = fritschCarlsonSlopes(h, secant);
    // The C2 spline where it keeps every piece monotone; a node where it would not takes the
    // Fritsch–Carlson slope and the spline is solved again with that node fixed (the set only
    // grows, so this ends).
    std::vector<bool> fixed(n, false);
    for (bool changed = true; changed;) {
        slope_ = splineSlopes(h, secant, fixed, local);
        changed = false;
        for (size_t i = 0; i < n; ++i)
            if (!fixed[i] && !monotoneSlope(slope_[i], secant[i > 0 ? i - 1 : 0],
                                            secant[i + 1 < n ? i : n - 2]))
                fixed[i] = changed = true;
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
