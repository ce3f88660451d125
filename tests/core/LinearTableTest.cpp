// Piecewise-linear tables: interpolation and exact integrals (used for OCV averages).
#include <gtest/gtest.h>

#include <stdexcept>

#include "ssbsim/core/LinearTable.h"

using ssbsim::LinearTable;

TEST(LinearTable, InterpolatesLinearly) {
    const LinearTable t({0.0, 0.5, 1.0}, {4.2, 3.8, 3.6});
    EXPECT_DOUBLE_EQ(t(0.0), 4.2);
    EXPECT_DOUBLE_EQ(t(0.5), 3.8);
    EXPECT_DOUBLE_EQ(t(1.0), 3.6);
    EXPECT_NEAR(t(0.25), 4.0, 1e-15);
    EXPECT_NEAR(t(0.75), 3.7, 1e-15);
}

TEST(LinearTable, IntegralIsExactForPiecewiseLinear) {
    // The hat through (0,0), (1,2), (3,0) encloses a triangle of area 3.
    const LinearTable hat({0.0, 1.0, 3.0}, {0.0, 2.0, 0.0});
    EXPECT_NEAR(hat.integral(0.0, 3.0), 3.0, 1e-14);
    // [0.5,1]: trapezoid (1+2)/2*0.5 = 0.75; [1,2]: (2+1)/2*1 = 1.5
    EXPECT_NEAR(hat.integral(0.5, 2.0), 2.25, 1e-14);
    EXPECT_NEAR(hat.mean(0.5, 2.0), 1.5, 1e-14);
    EXPECT_NEAR(hat.integral(1.2, 1.7), 0.5 * (hat(1.2) + hat(1.7)) * 0.5, 1e-14);
    EXPECT_DOUBLE_EQ(hat.mean(1.0, 1.0), 2.0);
}

TEST(LinearTable, RejectsBadTablesAndOutsidePoints) {
    EXPECT_THROW(LinearTable({0.0, 0.0}, {1.0, 2.0}), std::invalid_argument);
    EXPECT_THROW(LinearTable({0.0, 1.0, 0.5}, {1.0, 2.0, 3.0}), std::invalid_argument);
    EXPECT_THROW(LinearTable({0.0}, {1.0}), std::invalid_argument);
    EXPECT_THROW(LinearTable({0.0, 1.0}, {1.0}), std::invalid_argument);
    const LinearTable t({0.0, 1.0}, {1.0, 2.0});
    EXPECT_THROW(t(1.1), std::out_of_range);
    EXPECT_THROW(t.integral(-0.5, 0.5), std::out_of_range);
    EXPECT_NO_THROW(t(1.0 + 1e-14));  // rounding at the edge is inside
}
