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

MonotoneCubic::MonotoneCubic(const LinearTable& points) : x_(points.x()) {
    const std::vector<double>& y = points.y();
    const size_t n = x_.size();
    std::vector<double> h(n - 1), secant(n - 1);
    for (size_t i = 0; i + 1 < n; ++i) {
        h[i] = x_[i + 1] - x_[i];
        secant[i] = (y[i + 1] - y[i]) / h[i];
    }
    const std::vector<double> local = fritschCarlsonSlopes(h, secant);
    // The C2 spline where it keeps every piece monotone; a node where it would not takes the
    // Fritsch–Carlson slope and the spline is solved again with that node fixed (the set only
    // grows, so this ends).
    std::vector<bool> fixed(n, false);
    std::vector<double> slope;
    for (bool changed = true; changed;) {
        slope = splineSlopes(h, secant, fixed, local);
        changed = false;
        for (size_t i = 0; i < n; ++i)
            if (!fixed[i] &&
                !monotoneSlope(slope[i], secant[i > 0 ? i - 1 : 0], secant[i + 1 < n ? i : n - 2]))
                fixed[i] = changed = true;
    }
    tabulatePieces(y, slope);
}

void MonotoneCubic::tabulatePieces(const std::vector<double>& y, const std::vector<double>& slope) {
    const size_t n = x_.size();
    pieces_.resize(n - 1);
    inverseWidth_.resize(n - 1);
    for (size_t i = 0; i + 1 < n; ++i) {
        // Cubic Hermite piece through (x_i, y_i), (x_i+1, y_i+1) with the node tangents, in
        // powers of t = (x − x_i)/h.
        const double h = x_[i + 1] - x_[i], rise = y[i + 1] - y[i];
        const double m0 = h * slope[i], m1 = h * slope[i + 1];
        pieces_[i] = {y[i], m0, 3 * rise - 2 * m0 - m1, m0 + m1 - 2 * rise};
        inverseWidth_[i] = 1.0 / h;
    }
    ends_ = {y.front(), slope.front(), y.back(), slope.back()};
    const size_t bins = 2 * (n - 1);
    binsPerUnit_ = static_cast<double>(bins) / (x_.back() - x_.front());
    binInterval_.resize(bins);
    for (size_t b = 0, i = 0; b < bins; ++b) {
        const double edge = x_.front() + static_cast<double>(b) / binsPerUnit_;
        while (i + 2 < n && edge >= x_[i + 1]) ++i;
        binInterval_[b] = i;
    }
}

void MonotoneCubic::scale(double factor) {
    for (auto& c : pieces_)
        for (double& v : c) v *= factor;
    for (double& v : ends_) v *= factor;
}

size_t MonotoneCubic::interval(double x) const {
    const auto bin = static_cast<size_t>((x - x_.front()) * binsPerUnit_);
    size_t i = binInterval_[std::min(bin, binInterval_.size() - 1)];
    while (i + 2 < x_.size() && x >= x_[i + 1]) ++i;
    while (i > 0 && x < x_[i]) --i;  // rounding of the bin at a node
    return i;
}

std::pair<double, double> MonotoneCubic::withSlope(double x) const {
    if (std::isnan(x)) return {x, x};  // a failed Newton iterate: no interval to look up
    const auto [yFirst, slopeFirst, yLast, slopeLast] = ends_;
    if (x <= x_.front()) return {yFirst + slopeFirst * (x - x_.front()), slopeFirst};
    if (x >= x_.back()) return {yLast + slopeLast * (x - x_.back()), slopeLast};
    const size_t i = interval(x);
    const auto& c = pieces_[i];
    const double t = (x - x_[i]) * inverseWidth_[i];
    const double y = c[0] + t * (c[1] + t * (c[2] + t * c[3]));
    const double dydt = c[1] + t * (2 * c[2] + 3 * t * c[3]);
    return {y, dydt * inverseWidth_[i]};
}

}  // namespace ssbsim
