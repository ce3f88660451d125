#include "ssbsim/solver/SerialVectorKernels.h"

#include <algorithm>
#include <cmath>

namespace ssbsim::solver {

namespace {

using Real = sunrealtype;

Real* data(N_Vector v) {
    return NV_DATA_S(v);
}
sunindextype length(N_Vector v) {
    return NV_LENGTH_S(v);
}

void linearSum(Real a, N_Vector x, Real b, N_Vector y, N_Vector z) {
    const Real *xd = data(x), *yd = data(y);
    Real* zd = data(z);
    const sunindextype n = length(x);
    for (sunindextype i = 0; i < n; ++i) zd[i] = a * xd[i] + b * yd[i];
}

void constant(Real c, N_Vector z) {
    std::fill_n(data(z), length(z), c);
}

void product(N_Vector x, N_Vector y, N_Vector z) {
    const Real *xd = data(x), *yd = data(y);
    Real* zd = data(z);
    for (sunindextype i = 0, n = length(x); i < n; ++i) zd[i] = xd[i] * yd[i];
}

void divide(N_Vector x, N_Vector y, N_Vector z) {
    const Real *xd = data(x), *yd = data(y);
    Real* zd = data(z);
    for (sunindextype i = 0, n = length(x); i < n; ++i) zd[i] = xd[i] / yd[i];
}

void scale(Real c, N_Vector x, N_Vector z) {
    const Real* xd = data(x);
    Real* zd = data(z);
    for (sunindextype i = 0, n = length(x); i < n; ++i) zd[i] = c * xd[i];
}

void absolute(N_Vector x, N_Vector z) {
    const Real* xd = data(x);
    Real* zd = data(z);
    for (sunindextype i = 0, n = length(x); i < n; ++i) zd[i] = std::abs(xd[i]);
}

void inverse(N_Vector x, N_Vector z) {
    const Real* xd = data(x);
    Real* zd = data(z);
    for (sunindextype i = 0, n = length(x); i < n; ++i) zd[i] = 1.0 / xd[i];
}

void addConstant(N_Vector x, Real b, N_Vector z) {
    const Real* xd = data(x);
    Real* zd = data(z);
    for (sunindextype i = 0, n = length(x); i < n; ++i) zd[i] = xd[i] + b;
}

Real weightedSquareSum(N_Vector x, N_Vector w) {
    const Real *xd = data(x), *wd = data(w);
    Real sum = 0.0;
    for (sunindextype i = 0, n = length(x); i < n; ++i) {
        const Real p = xd[i] * wd[i];
        sum += p * p;
    }
    return sum;
}

Real weightedRmsNorm(N_Vector x, N_Vector w) {
    return std::sqrt(weightedSquareSum(x, w) / static_cast<Real>(length(x)));
}

/// Σ (x_i w_i)² over the entries with id_i > 0 (IDA's error test without the algebraic
/// unknowns, IDASetSuppressAlg).
Real weightedSquareSumMask(N_Vector x, N_Vector w, N_Vector id) {
    const Real *xd = data(x), *wd = data(w), *idd = data(id);
    Real sum = 0.0;
    for (sunindextype i = 0, n = length(x); i < n; ++i) {
        const Real p = idd[i] > 0.0 ? xd[i] * wd[i] : 0.0;
        sum += p * p;
    }
    return sum;
}

Real weightedRmsNormMask(N_Vector x, N_Vector w, N_Vector id) {
    return std::sqrt(weightedSquareSumMask(x, w, id) / static_cast<Real>(length(x)));
}

Real maxNorm(N_Vector x) {
    const Real* xd = data(x);
    Real m = 0.0;
    for (sunindextype i = 0, n = length(x); i < n; ++i) m = std::max(m, std::abs(xd[i]));
    return m;
}

Real dotProduct(N_Vector x, N_Vector y) {
    const Real *xd = data(x), *yd = data(y);
    Real sum = 0.0;
    for (sunindextype i = 0, n = length(x); i < n; ++i) sum += xd[i] * yd[i];
    return sum;
}

/// z = Σ c_k x_k (IDA's predictor, interpolation and error estimates).
int linearCombination(int count, Real* c, N_Vector* x, N_Vector z) {
    const sunindextype n = length(z);
    Real* zd = data(z);
    if (x[0] == z) {  // z = c_0 z + Σ_{k≥1} c_k x_k, in place
        if (c[0] != 1.0)
            for (sunindextype i = 0; i < n; ++i) zd[i] *= c[0];
    } else {
        const Real* x0 = data(x[0]);
        for (sunindextype i = 0; i < n; ++i) zd[i] = c[0] * x0[i];
    }
    for (int k = 1; k < count; ++k) {
        const Real* xk = data(x[k]);
        const Real ck = c[k];
        for (sunindextype i = 0; i < n; ++i) zd[i] += ck * xk[i];
    }
    return 0;
}

/// z_k = a_k x + y_k for each k.
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

int scaleVectorArray(int count, Real* c, N_Vector* x, N_Vector* z) {
    for (int k = 0; k < count; ++k) scale(c[k], x[k], z[k]);
    return 0;
}

int linearSumVectorArray(int count, Real a, N_Vector* x, Real b, N_Vector* y, N_Vector* z) {
    for (int k = 0; k < count; ++k) linearSum(a, x[k], b, y[k], z[k]);
    return 0;
}

int constantVectorArray(int count, Real c, N_Vector* z) {
    for (int k = 0; k < count; ++k) constant(c, z[k]);
    return 0;
}

}  // namespace

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
