#pragma once
// Scalar types that the residual of a model is evaluated with (docs/physics/numerics.md#jacobian):
//   double      the residual itself;
//   Dual<W>     forward-mode automatic differentiation with W directional derivatives, used
//               with column colouring to fill a sparse Jacobian in ceil(colours/W) passes;
//   Traced      the value plus the set of unknowns it depends on, evaluated once to find the
//               Jacobian's sparsity pattern exactly (no structural zero is missed because a
//               derivative happens to vanish at the initial state).
// Residual code is written once as a template on the scalar type and reads value(x) to branch.

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace ssbsim {

template <int W>
struct Dual {
    double v = 0.0;
    std::array<double, W> d{};

    Dual() = default;
    Dual(double value) : v(value) {}  // NOLINT: constants mix freely with duals

    Dual& operator+=(const Dual& o) {
        v += o.v;
        for (int k = 0; k < W; ++k) d[k] += o.d[k];
        return *this;
    }
    Dual& operator-=(const Dual& o) {
        v -= o.v;
        for (int k = 0; k < W; ++k) d[k] -= o.d[k];
        return *this;
    }
    Dual& operator*=(const Dual& o) {
        for (int k = 0; k < W; ++k) d[k] = d[k] * o.v + v * o.d[k];
        v *= o.v;
        return *this;
    }
    Dual& operator/=(const Dual& o) {
        const double inv = 1.0 / o.v;
        for (int k = 0; k < W; ++k) d[k] = (d[k] - v * inv * o.d[k]) * inv;
        v *= inv;
        return *this;
    }
    friend Dual operator+(Dual a, const Dual& b) { return a += b; }
    friend Dual operator-(Dual a, const Dual& b) { return a -= b; }
    friend Dual operator*(Dual a, const Dual& b) { return a *= b; }
    friend Dual operator/(Dual a, const Dual& b) { return a /= b; }
    // With a constant: the same values as through Dual(b) (whose derivatives are zero), in a
    // third of the operations — the Jacobian's passes are mostly such products.
    Dual& operator*=(double b) {
        v *= b;
        for (auto& x : d) x *= b;
        return *this;
    }
    friend Dual operator+(Dual a, double b) { return a.v += b, a; }
    friend Dual operator+(double b, Dual a) { return a.v += b, a; }
    friend Dual operator-(Dual a, double b) { return a.v -= b, a; }
    friend Dual operator-(double b, const Dual& a) { return -a + b; }
    friend Dual operator*(Dual a, double b) { return a *= b; }
    friend Dual operator*(double b, Dual a) { return a *= b; }
    friend Dual operator/(Dual a, double b) { return a *= 1.0 / b; }
    friend Dual operator-(Dual a) {
        a.v = -a.v;
        for (auto& x : a.d) x = -x;
        return a;
    }
    /// f(a) with f'(a) = slope: the chain rule for every elementary function below.
    friend Dual chain(const Dual& a, double f, double slope) {
        Dual r(f);
        for (int k = 0; k < W; ++k) r.d[k] = slope * a.d[k];
        return r;
    }
    friend Dual exp(const Dual& a) {
        const double e = std::exp(a.v);
        return chain(a, e, e);
    }
    friend Dual log(const Dual& a) { return chain(a, std::log(a.v), 1.0 / a.v); }
    friend Dual sqrt(const Dual& a) {
        const double s = std::sqrt(a.v);
        return chain(a, s, 0.5 / s);
    }
    friend Dual pow(const Dual& a, double p) {
        const double f = std::pow(a.v, p);
        return chain(a, f, p * std::pow(a.v, p - 1.0));
    }
    friend Dual sinh(const Dual& a) { return chain(a, std::sinh(a.v), std::cosh(a.v)); }
    friend Dual asinh(const Dual& a) {
        return chain(a, std::asinh(a.v), 1.0 / std::sqrt(a.v * a.v + 1.0));
    }
    friend Dual tanh(const Dual& a) {
        const double t = std::tanh(a.v);
        return chain(a, t, 1.0 - t * t);
    }
    friend double value(const Dual& a) { return a.v; }
    /// Whether a depends on no unknown (all its derivatives are zero).
    friend bool isConstant(const Dual& a) {
        return std::all_of(a.d.begin(), a.d.end(), [](double x) { return x == 0.0; });
    }
};

/// A value and the sorted indices of the unknowns it depends on.
struct Traced {
    double v = 0.0;
    std::vector<int> deps;

    Traced() = default;
    Traced(double value) : v(value) {}  // NOLINT: constants depend on nothing

    /// The union of both dependency sets (the value is set by the caller).
    static Traced merged(const Traced& a, const Traced& b, double value) {
        Traced r(value);
        r.deps.reserve(a.deps.size() + b.deps.size());
        std::set_union(a.deps.begin(), a.deps.end(), b.deps.begin(), b.deps.end(),
                       std::back_inserter(r.deps));
        return r;
    }
    friend Traced operator+(const Traced& a, const Traced& b) { return merged(a, b, a.v + b.v); }
    friend Traced operator-(const Traced& a, const Traced& b) { return merged(a, b, a.v - b.v); }
    friend Traced operator*(const Traced& a, const Traced& b) { return merged(a, b, a.v * b.v); }
    friend Traced operator/(const Traced& a, const Traced& b) { return merged(a, b, a.v / b.v); }
    Traced& operator+=(const Traced& b) { return *this = *this + b; }
    Traced& operator-=(const Traced& b) { return *this = *this - b; }
    Traced& operator*=(const Traced& b) { return *this = *this * b; }
    Traced& operator/=(const Traced& b) { return *this = *this / b; }
    friend Traced operator-(Traced a) {
        a.v = -a.v;
        return a;
    }
    friend Traced chain(const Traced& a, double f, double /*slope*/) {
        Traced r = a;
        r.v = f;
        return r;
    }
    friend Traced exp(const Traced& a) { return chain(a, std::exp(a.v), 0); }
    friend Traced log(const Traced& a) { return chain(a, std::log(a.v), 0); }
    friend Traced sqrt(const Traced& a) { return chain(a, std::sqrt(a.v), 0); }
    friend Traced pow(const Traced& a, double p) { return chain(a, std::pow(a.v, p), 0); }
    friend Traced sinh(const Traced& a) { return chain(a, std::sinh(a.v), 0); }
    friend Traced asinh(const Traced& a) { return chain(a, std::asinh(a.v), 0); }
    friend Traced tanh(const Traced& a) { return chain(a, std::tanh(a.v), 0); }
    friend double value(const Traced& a) { return a.v; }
    friend bool isConstant(const Traced& a) { return a.deps.empty(); }
};

inline double value(double a) {
    return a;
}
inline bool isConstant(double) {
    return true;
}
inline double chain(double, double f, double) {
    return f;
}

}  // namespace ssbsim
