#include "ssbsim/core/Random.h"

#include <cmath>
#include <limits>

namespace ssbsim {

namespace {

std::uint64_t rotateLeft(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

// ln 2 split so that e·kLn2High is exact for |e| < 2^11 (fdlibm's split: the high part has
// its last 32 bits zero).
constexpr double kLn2High = 6.93147180369123816490e-01;
constexpr double kLn2Low = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kSqrtHalf = 0.70710678118654752440;

/// ln m for m in [√½, √2): 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …) with s = (m−1)/(m+1), |s| ≤ 0.172.
/// Thirteen terms bring the truncation below 2^-60 relative (s² ≤ 0.0295).
double logOfMantissa(double m) {
    const double s = (m - 1.0) / (m + 1.0);
    const double s2 = s * s;
    double series = 1.0 / 25.0;
    for (int k = 11; k >= 0; --k) series = 1.0 / (2.0 * k + 1.0) + s2 * series;
    return 2.0 * s * series;
}

/// e^r for |r| ≤ ln2/2 by its Taylor series to r^17/17! (truncation below 2^-60 relative).
double expOfReduced(double r) {
    double series = 1.0;
    for (int n = 17; n >= 1; --n) series = 1.0 + r * series / n;
    return series;
}

}  // namespace

std::uint64_t splitMix64(std::uint64_t& state) {
    state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint64_t substreamSeed(std::uint64_t seed, std::uint64_t stream) {
    // Two SplitMix64 steps decorrelate neighbouring (seed, stream) pairs.
    std::uint64_t state = seed ^ (stream * 0xD1B54A32D192ED03ULL);
    splitMix64(state);
    return splitMix64(state);
}

Random::Random(std::uint64_t seed) {
    std::uint64_t sm = seed;
    for (std::uint64_t& word : s_) word = splitMix64(sm);
}

Random Random::fromState(const State& state) {
    Random r;
    r.s_ = state;
    return r;
}

std::uint64_t Random::next() {
    // xoshiro256** 1.0, transcribed from the authors' reference C code.
    const std::uint64_t result = rotateLeft(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotateLeft(s_[3], 45);
    return result;
}

double Random::uniform() {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double Random::uniform(double lo, double hi) {
    return lo + (hi - lo) * uniform();
}

std::uint64_t Random::below(std::uint64_t n) {
    // Values below 2^64 mod n would make the low residues more likely; skip them.
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
        const std::uint64_t r = next();
        if (r >= threshold) return r % n;
    }
}

double Random::normal() {
    for (;;) {
        const double u = 2.0 * uniform() - 1.0;
        const double v = 2.0 * uniform() - 1.0;
        const double s = u * u + v * v;
        if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * portableLog(s) / s);
    }
}

double Random::logNormal(double median, double logSd) {
    return median * portableExp(logSd * normal());
}

double portableLog(double x) {
    if (std::isnan(x) || x <= 0.0) return std::numeric_limits<double>::quiet_NaN();
    if (std::isinf(x)) return x;
    int e = 0;
    double m = std::frexp(x, &e);  // exact: x = m·2^e, m in [0.5, 1)
    if (m < kSqrtHalf) {
        m *= 2.0;
        --e;
    }
    const double k = static_cast<double>(e);
    return k * kLn2High + (k * kLn2Low + logOfMantissa(m));
}

double portableExp(double x) {
    if (std::isnan(x)) return x;
    if (x > 709.782712893384) return std::numeric_limits<double>::infinity();
    if (x < -745.2) return 0.0;
    const double k = std::floor(x * kInvLn2 + 0.5);
    const double r = (x - k * kLn2High) - k * kLn2Low;
    return std::ldexp(expOfReduced(r), static_cast<int>(k));  // ldexp is exact
}

}  // namespace ssbsim
