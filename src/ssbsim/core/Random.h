#pragma once
// Seeded random numbers whose every output is the same on every platform and compiler, so that a
// generator input (seed included) always gives the same bytes (ARCHITECTURE.md, determinism).
//
// The engine is xoshiro256** (Blackman & Vigna, ACM Trans. Math. Softw. 47, 36 (2021),
// doi 10.1145/3460772), its state filled from the seed by SplitMix64 as its authors recommend.
// The std:: distributions are not used: their algorithms are implementation-defined, so
// std::normal_distribution gives different numbers with libstdc++ and libc++. The transforms
// below use only integer arithmetic and the IEEE-754 operations + − × ÷ and sqrt, which are
// correctly rounded everywhere; log and exp are computed here by fixed series for the same reason
// (libm's log/exp may differ in the last bit between libraries). See
// docs/physics/microstructure.md#random-numbers.

#include <array>
#include <cstdint>

namespace ssbsim {

/// One step of SplitMix64 (Steele, Lea & Flood, OOPSLA 2014, doi 10.1145/2660193.2660195):
/// advances `state` and returns the next output.
std::uint64_t splitMix64(std::uint64_t& state);

/// The seed of an independent sub-stream `stream` of `seed`: generators draw each phase from its
/// own sub-stream, so that changing one phase's input leaves the others' random choices as they
/// were.
std::uint64_t substreamSeed(std::uint64_t seed, std::uint64_t stream);

class Random {
  public:
    using State = std::array<std::uint64_t, 4>;

    /// The generator for `seed`: its state is four successive SplitMix64 outputs from `seed`.
    explicit Random(std::uint64_t seed);
    /// A generator started from a raw xoshiro256** state (not all zero), for reference tests.
    static Random fromState(const State& state);

    /// The next 64 random bits.
    std::uint64_t next();
    /// Uniform on [0, 1): the top 53 bits of next() times 2^-53 (every double k·2^-53).
    double uniform();
    /// Uniform on [lo, hi).
    double uniform(double lo, double hi);
    /// Uniform integer in [0, n), n > 0, without modulo bias (rejection below 2^64 mod n).
    std::uint64_t below(std::uint64_t n);
    /// Standard normal deviate by Marsaglia's polar method (SIAM Rev. 6, 260 (1964),
    /// doi 10.1137/1006063), using portableLog.
    double normal();
    /// Log-normal deviate: exp(ln(median) + logSd·N(0,1)); `logSd` is the standard deviation of
    /// the natural logarithm.
    double logNormal(double median, double logSd);

  private:
    Random() = default;
    State s_{};
};

/// Natural logarithm of a finite x > 0 from + − × ÷ only: x = m·2^e with m in [√½, √2), then
/// ln m = 2·atanh((m−1)/(m+1)) by its series. Within 2 ulp of the exact value; the same bits on
/// every IEEE-754 machine. Returns NaN for x ≤ 0 or NaN, +inf for +inf.
double portableLog(double x);

/// e^x from + − × ÷ only: x = k·ln2 + r with |r| ≤ ln2/2, e^r by its Taylor series, times 2^k.
/// Within 2 ulp of the exact value for normal results; 0 below −745, +inf above 709.78.
double portableExp(double x);

}  // namespace ssbsim
