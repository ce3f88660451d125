// Monotone cubic interpolation of tables: C2 where monotone, no overshoot at steep ends.
#include "ssbsim/core/MonotoneCubic.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace ssbsim;

namespace {

/// y'' just left and right of a node, from the cubic pieces on both sides (central differences
/// of the returned slope).
std::pair<double, double> curvatureAround(const MonotoneCubic& f, double x) {
    const double d = 1e-7;
    return {(f.withSlope(x - d).second - f.withSlope(x - 2 * d).second) / d,
            (f.withSlope(x + 2 * d).second - f.withSlope(x + d).second) / d};
}

}  // namespace

TEST(MonotoneCubic, SmoothDataGiveTheC2Spline) {
    // Points of sin on [0, 1.5] (monotone, no steep part): every node passes the monotonicity
    // test, so y'' is continuous at every interior node and the curve is a fourth-order
    // accurate interpolant.
    std::vector<double> x, y;
    for (int i = 0; i <= 15; ++i) x.push_back(0.1 * i), y.push_back(std::sin(0.1 * i));
    const MonotoneCubic f{LinearTable(x, y)};
    for (size_t i = 1; i + 1 < x.size(); ++i) {
        const auto [left, right] = curvatureAround(f, x[i]);
        EXPECT_NEAR(left, right, 1e-4) << "x = " << x[i];
    }
    for (double t = 0.3; t < 1.2; t += 0.01) EXPECT_NEAR(f(t), std::sin(t), 2e-5);
}

TEST(MonotoneCubic, SteepEndStaysMonotone) {
    // An OCV-like table that ends in a cliff (the NMC811 table's last 0.001 in x): a plain C2
    // spline rings there and overshoots; the interpolant must stay monotone between all points.
    const std::vector<double> x = {0.90, 0.92, 0.94, 0.96, 0.98, 0.99, 0.995, 0.999, 1.0};
    const std::vector<double> y = {3.588, 3.577, 3.567, 3.557, 3.545, 3.536, 3.528, 3.484, 3.024};
    const MonotoneCubic f{LinearTable(x, y)};
    double previous = f(x.front());
    for (double t = x.front(); t <= x.back(); t += 1e-5) {
        const double v = f(t);
        EXPECT_LE(v, previous + 1e-12) << "x = " << t;
        EXPECT_LE(f.withSlope(t).second, 1e-12) << "x = " << t;
        previous = v;
    }
    for (size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(f(x[i]), y[i], 1e-12);
}

TEST(MonotoneCubic, FlatAndTwoPointTables) {
    const MonotoneCubic flat{LinearTable({0.0, 1.0, 2.0}, {2.0, 2.0, 2.0})};
    EXPECT_DOUBLE_EQ(flat(0.7), 2.0);
    EXPECT_DOUBLE_EQ(flat.withSlope(1.3).second, 0.0);
    const MonotoneCubic line{LinearTable({0.0, 1.0}, {1.0, 3.0})};
    EXPECT_DOUBLE_EQ(line(0.25), 1.5);
    EXPECT_DOUBLE_EQ(line.withSlope(-1.0).second, 2.0);  // continued linearly outside
    EXPECT_TRUE(std::isnan(line(std::nan(""))));         // passed through, not looked up
}

TEST(MonotoneCubic, EveryPointFallsInItsOwnInterval) {
    // Points spaced geometrically (from 0.3 down to 3e-5 wide, clustered at the end like an OCV
    // table's cliff) of an increasing function: between two points the curve stays within their
    // values. The interval is found through equal bins of the range, the last of which holds
    // about twenty points here; a point evaluated on a neighbouring piece would leave that range.
    std::vector<double> x = {0.0}, y = {0.0};
    for (double h = 0.3; h > 2e-5; h *= 0.7) {
        x.push_back(x.back() + h);
        y.push_back(std::log1p(10 * x.back()) + x.back() * x.back());
    }
    const MonotoneCubic f{LinearTable(x, y)};
    for (size_t i = 0; i + 1 < x.size(); ++i)
        for (int k = 0; k <= 16; ++k) {
            const double t = x[i] + (x[i + 1] - x[i]) * k / 16.0;
            EXPECT_GE(f(t), y[i] - 1e-14) << "x = " << t;
            EXPECT_LE(f(t), y[i + 1] + 1e-14) << "x = " << t;
        }
}
