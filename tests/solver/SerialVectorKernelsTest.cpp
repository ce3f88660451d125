// The optimized kernels against SUNDIALS' own serial ones (the oracle): every operation
// replaced by useOptimizedKernels gives the same numbers, to rounding, on the same input.
#include <gtest/gtest.h>
#include <nvector/nvector_serial.h>

#include <cmath>
#include <type_traits>
#include <vector>

#include "ssbsim/solver/SerialVectorKernels.h"

namespace {

using ssbsim::solver::allFinite;
using ssbsim::solver::useOptimizedKernels;

constexpr sunindextype kLength = 37;  // odd, so that unrolled or vectorized tails are exercised

/// One set of vectors with SUNDIALS' kernels and one with ours, holding the same entries.
class Pair {
  public:
    explicit Pair(SUNContext context, bool optimized) {
        for (N_Vector& v : v_) {
            v = N_VNew_Serial(kLength, context);
            if (optimized) useOptimizedKernels(v);
        }
        for (int k = 0; k < 5; ++k)
            for (sunindextype i = 0; i < kLength; ++i) {
                const double x = static_cast<double>(i + 1);
                NV_Ith_S(v_[k], i) = std::sin(1.3 * x + 0.7 * k) * (k + 1.5) + 0.1 * k;
            }
        // An id vector: differential (1) and algebraic (0) entries mixed.
        for (sunindextype i = 0; i < kLength; ++i) NV_Ith_S(v_[5], i) = i % 3 == 0 ? 0.0 : 1.0;
    }
    ~Pair() {
        for (N_Vector v : v_) N_VDestroy(v);
    }
    N_Vector operator[](int k) const { return v_[k]; }

  private:
    N_Vector v_[6]{};
};

class SerialVectorKernels : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_EQ(SUNContext_Create(nullptr, &context_), 0); }
    void TearDown() override { SUNContext_Free(&context_); }

    /// Runs `operation` on SUNDIALS' vectors and on ours and compares what it returned (if
    /// anything) and every vector afterwards, to 1e-14 relative.
    template <class Operation>
    void expectSame(Operation operation) {
        Pair reference(context_, false), optimized(context_, true);
        if constexpr (std::is_void_v<std::invoke_result_t<Operation, Pair&>>) {
            operation(reference);
            operation(optimized);
        } else {
            const double expected = static_cast<double>(operation(reference));
            const double actual = static_cast<double>(operation(optimized));
            EXPECT_NEAR(actual, expected, 1e-14 * (1.0 + std::abs(expected)));
        }
        for (int k = 0; k < 6; ++k)
            for (sunindextype i = 0; i < kLength; ++i)
                EXPECT_NEAR(NV_Ith_S(optimized[k], i), NV_Ith_S(reference[k], i),
                            1e-14 * (1.0 + std::abs(NV_Ith_S(reference[k], i))))
                    << "vector " << k << ", entry " << i;
    }

    SUNContext context_ = nullptr;
};

TEST_F(SerialVectorKernels, ElementwiseOperationsEqualSundials) {
    expectSame([](Pair& v) { N_VLinearSum(0.3, v[0], -1.7, v[1], v[2]); });
    expectSame([](Pair& v) { N_VConst(2.5, v[2]); });
    expectSame([](Pair& v) { N_VProd(v[0], v[1], v[2]); });
    expectSame([](Pair& v) { N_VDiv(v[0], v[4], v[2]); });
    expectSame([](Pair& v) { N_VScale(-0.4, v[0], v[2]); });
    expectSame([](Pair& v) { N_VAbs(v[0], v[2]); });
    expectSame([](Pair& v) { N_VInv(v[4], v[2]); });
    expectSame([](Pair& v) { N_VAddConst(v[0], 0.9, v[2]); });
}

TEST_F(SerialVectorKernels, ReductionsEqualSundials) {
    expectSame([](Pair& v) { return N_VDotProd(v[0], v[1]); });
    expectSame([](Pair& v) { return N_VMaxNorm(v[0]); });
    expectSame([](Pair& v) { return N_VWrmsNorm(v[0], v[1]); });
    expectSame([](Pair& v) { return N_VWSqrSumLocal(v[0], v[1]); });
    // IDA's error test without the algebraic unknowns (IDASetSuppressAlg).
    expectSame([](Pair& v) { return N_VWrmsNormMask(v[0], v[1], v[5]); });
    expectSame([](Pair& v) { return N_VWSqrSumMaskLocal(v[0], v[1], v[5]); });
}

TEST_F(SerialVectorKernels, FusedOperationsEqualSundials) {
    double c[5] = {0.5, -1.25, 2.0, 0.75, -3.0};
    // Every count from 1 to 5 (the kernel takes the vectors in pairs), out of place and in
    // place (IDA's predictor writes into its first operand).
    for (int count = 1; count <= 4; ++count)
        expectSame([&](Pair& v) {
            N_Vector x[4] = {v[0], v[1], v[3], v[4]};
            return N_VLinearCombination(count, c, x, v[2]);
        });
    for (int count = 1; count <= 5; ++count)
        expectSame([&](Pair& v) {
            N_Vector x[5] = {v[2], v[0], v[1], v[3], v[4]};
            return N_VLinearCombination(count, c, x, v[2]);
        });
    expectSame([&](Pair& v) {
        N_Vector y[2] = {v[1], v[3]}, z[2] = {v[2], v[4]};
        return N_VScaleAddMulti(2, c, v[0], y, z);
    });
    expectSame([&](Pair& v) {
        N_Vector x[2] = {v[0], v[1]}, z[2] = {v[2], v[3]};
        return N_VScaleVectorArray(2, c, x, z);
    });
    expectSame([](Pair& v) {
        N_Vector x[2] = {v[0], v[1]}, y[2] = {v[3], v[4]}, z[2] = {v[2], v[1]};
        return N_VLinearSumVectorArray(2, 0.25, x, -2.0, y, z);
    });
    expectSame([](Pair& v) {
        N_Vector z[2] = {v[2], v[3]};
        return N_VConstVectorArray(2, -4.0, z);
    });
}

TEST(ResidualCheck, AllFiniteFindsEveryInfinityAndNaN) {
    std::vector<double> x(kLength);
    for (sunindextype i = 0; i < kLength; ++i) x[i] = 1e300 * std::sin(static_cast<double>(i));
    EXPECT_TRUE(allFinite(x.data(), kLength));
    EXPECT_TRUE(allFinite(x.data(), 0));
    const double bad[] = {INFINITY, -INFINITY, NAN};
    for (sunindextype at : {sunindextype{0}, sunindextype{5}, kLength - 1})  // tail included
        for (double b : bad) {
            std::vector<double> y = x;
            y[at] = b;
            EXPECT_FALSE(allFinite(y.data(), kLength)) << "entry " << at << " = " << b;
        }
}

}  // namespace
