#include "ssbsim/solver/SerialVectorKernels.h"

#include <algorithm>
#include <cmath>

namespace ssbsim::solver {

namespace {

using Real = sunrealtype;

// Each kernel is compiled twice, for AVX2+FMA (x86-64-v3) and for the baseline, and the
// loader picks one for the CPU it runs on (GCC function multiversioning); 4 doubles per
// instruction instead of 2 take ~20 % off IDA's instructions (numerics.md#performance).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define SSBSIM_KERNEL __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define SSBSIM_KERNEL
#endif

Real* data(N_Vector v) {
    return NV_DATA_S(v);
}
sunindextype length(N_Vector v) {
    return NV_LENGTH_S(v);
}

SSBSIM_KERNEL
void linearSum(Real a, N_Vector x, Real b, N_Vector y, N_Vector z) {
    const Real *xd = data(x), *yd = data(y);
    Real* zd = data(z);
    const sunindextype n = length(x);
    for (sunindextype i = 0; i < n; ++i) zd[i] = a * xd[i] + b * yd[i];
}

SSBSIM_KERNEL
void constant(Real c, N_Vector z) {
    std::fill_n(data(z), length(z), c);
}

SSBSIM_KERNEL
void product(N_Vector x, N_Vector y, N_Vector z) {
    const Real *xd = data(x), *yd = data(y);
    Real* zd = data(z);
    for (sunindextype i = 0, n = length(x); i < n; ++i) zd[i] = xd[i] * yd[i];
}

SSBSIM_KERNEL
void divide(N_Vector x, N_Vector y, N_Vector z) {
    const Real *xd = data(x), *yd = data(y);
    Real* zd = data(z);
    for (sunindextype i = 0, n = length(x); i < n; ++i) zd[i] = xd[i] / yd[i];
}

SSBSIM_KERNEL
void scale(Real c, N_Vector x, N_Vector z) {
    const Real* xd = data(x);
    Real* zd = data(z);
    for (sunindextype i = 0, n = length(x); i < n; ++i) zd[i] = c * xd[i];
}

SSBSIM_KERNEL
void absolute(N_Vector x, N_Vector z) {
    const Real* xd = data(x);
    Real* zd = data(z);
    for (sunindextype i = 0, n = length(x); i < n; ++i) zd[i] = std::abs(xd[i]);
}

SSBSIM_KERNEL
void inverse(N_Vector x, N_Vector z) {
    const Real* xd = data(x);
    Real* zd = data(z);
    for (sunindextype i = 0, n = length(x); i < n; ++i) zd[i] = 1.0 / xd[i];
}

SSBSIM_KERNEL
void addConstant(N_Vector x, Real b, N_Vector z) {
    const Real* xd = data(x);
    Real* zd = data(z);
    for (sunindextype i = 0, n = length(x); i < n; ++i) zd[i] = xd[i] + b;
}

/// Σ term(i) in four interleaved partial sums, which the compiler keeps in one SIMD register
/// (a single running sum is a dependency chain it may not reorder).
template <class Term>
inline Real sumOf(sunindextype n, Term term) {
    Real s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    sunindextype i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += term(i);
        s1 += term(i + 1);
        s2 += term(i + 2);
        s3 += term(i + 3);
    }
    for (; i < n; ++i) s0 += term(i);
    return (s0 + s1) + (s2 + s3);
}

SSBSIM_KERNEL
Real weightedSquareSum(N_Vector x, N_Vector w) {
    const Real *xd = data(x), *wd = data(w);
    return sumOf(length(x), [=](sunindextype i) {
        const Real p = xd[i] * wd[i];
        return p * p;
    });
}

SSBSIM_KERNEL
Real weightedRmsNorm(N_Vector x, N_Vector w) {
    return std::sqrt(weightedSquareSum(x, w) / static_cast<Real>(length(x)));
}

/// Σ (x_i w_i)² over the entries with id_i > 0 (IDA's error test without the algebraic
/// unknowns, IDASetSuppressAlg).
SSBSIM_KERNEL
Real weightedSquareSumMask(N_Vector x, N_Vector w, N_Vector id) {
    const Real *xd = data(x), *wd = data(w), *idd = data(id);
    return sumOf(length(x), [=](sunindextype i) {
        // × 0 or 1 rather than a branch, which would keep the loop scalar (the same sum for
        // finite entries; IDA's error estimates are finite)
        const Real p = xd[i] * wd[i];
        return static_cast<Real>(idd[i] > 0.0) * (p * p);
    });
}

SSBSIM_KERNEL
Real weightedRmsNormMask(N_Vector x, N_Vector w, N_Vector id) {
    return std::sqrt(weightedSquareSumMask(x, w, id) / static_cast<Real>(length(x)));
}

SSBSIM_KERNEL
Real maxNorm(N_Vector x) {
    const Real* xd = data(x);
    Real m = 0.0;
    for (sunindextype i = 0, n = length(x); i < n; ++i) m = std::max(m, std::abs(xd[i]));
    return m;
}

SSBSIM_KERNEL
Real dotProduct(N_Vector x, N_Vector y) {
    const Real *xd = data(x), *yd = data(y);
    return sumOf(length(x), [=](sunindextype i) { return xd[i] * yd[i]; });
}

/// z = Σ c_k x_k (IDA's predictor, interpolation and error estimates).
SSBSIM_KERNEL
int linearCombination(int count, Real* c, N_Vector* x, N_Vector z) {
    // Two vectors per pass over z: half the loads and stores of z. Only x_0 may be z
    // (SUNDIALS' contract), and each entry is read before it is written.
    const sunindextype n = length(z);
    Real* zd = data(z);
    const Real* x0 = data(x[0]);
    int k = 1;
    if (count == 1) {
        for (sunindextype i = 0; i < n; ++i) zd[i] = c[0] * x0[i];
    } else {
        const Real* x1 = data(x[1]);
        for (sunindextype i = 0; i < n; ++i) zd[i] = c[0] * x0[i] + c[1] * x1[i];
        k = 2;
    }
    for (; k + 1 < count; k += 2) {
        const Real *xa = data(x[k]), *xb = data(x[k + 1]);
        const Real ca = c[k], cb = c[k + 1];
        for (sunindextype i = 0; i < n; ++i) zd[i] += ca * xa[i] + cb * xb[i];
    }
    if (k < count) {
        const Real* xa = data(x[k]);
        for (sunindextype i = 0; i < n; ++i) zd[i] += c[k] * xa[i];
    }
    return 0;
}

/// z_k = a_k x + y_k for each k.
SSBSIM_KERNEL
int scaleAddMulti(int count, Real* a, N_Vector x, N_Vector* y, N_Vector* z) {
    const sunindextype n = length(x);
    const Real* xd = data(x);
    for (int k = 0; k < count; ++k) {
        const Real* yd = data(y[k]);
        Real* zd = data(z[k]);
        for (sunindextype i = 0; i < n; ++i) zd[i] = a[k] * xd[i] + yd[i];
    }
    return 0;
}

SSBSIM_KERNEL
int scaleVectorArray(int count, Real* c, N_Vector* x, N_Vector* z) {
    for (int k = 0; k < count; ++k) scale(c[k], x[k], z[k]);
    return 0;
}

SSBSIM_KERNEL
int linearSumVectorArray(int count, Real a, N_Vector* x, Real b, N_Vector* y, N_Vector* z) {
    for (int k = 0; k < count; ++k) linearSum(a, x[k], b, y[k], z[k]);
    return 0;
}

SSBSIM_KERNEL
int constantVectorArray(int count, Real c, N_Vector* z) {
    for (int k = 0; k < count; ++k) constant(c, z[k]);
    return 0;
}

}  // namespace

SSBSIM_KERNEL
bool allFinite(const sunrealtype* x, sunindextype n) {
    // x − x is 0 for a finite x and NaN for ±inf or NaN, so the sum is NaN exactly when one
    // entry is not finite; unlike a test per entry, the sum vectorizes.
    const Real sum = sumOf(n, [=](sunindextype i) { return x[i] - x[i]; });
    return sum == sum;
}

void useOptimizedKernels(N_Vector v) {
    N_Vector_Ops ops = v->ops;
    ops->nvlinearsum = linearSum;
    ops->nvconst = constant;
    ops->nvprod = product;
    ops->nvdiv = divide;
    ops->nvscale = scale;
    ops->nvabs = absolute;
    ops->nvinv = inverse;
    ops->nvaddconst = addConstant;
    ops->nvdotprod = dotProduct;
    ops->nvdotprodlocal = dotProduct;
    ops->nvmaxnorm = maxNorm;
    ops->nvmaxnormlocal = maxNorm;
    ops->nvwrmsnorm = weightedRmsNorm;
    ops->nvwsqrsumlocal = weightedSquareSum;
    ops->nvwrmsnormmask = weightedRmsNormMask;
    ops->nvwsqrsummasklocal = weightedSquareSumMask;
    ops->nvlinearcombination = linearCombination;
    ops->nvscaleaddmulti = scaleAddMulti;
    ops->nvscalevectorarray = scaleVectorArray;
    ops->nvlinearsumvectorarray = linearSumVectorArray;
    ops->nvconstvectorarray = constantVectorArray;
}

}  // namespace ssbsim::solver
