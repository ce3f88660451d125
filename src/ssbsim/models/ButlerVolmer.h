#pragma once
// Butler–Volmer kinetics (docs/physics/cell-model.md#kinetics):
//   j = i0 [exp(α_a f η) − exp(−α_c f η)],   f = F/(RT),  α_c = 1 − α_a
// (in a lumped thermal run f is the reference temperature's over `ratio` = T/T_ref),
// with i0 = i0(½) · 2 √(x(1−x)) · √(c_e/c_e0) for intercalation (the last factor with a binary
// salt only): the form of PyBaMM and BPX, i0 = F k √(c_e c_s (c_max − c_s)).

#include "ssbsim/core/Constants.h"

namespace ssbsim::models {

class ButlerVolmer {
  public:
    ButlerVolmer() = default;
    ButlerVolmer(double transferCoefficient, double temperature)
        : alphaA_(transferCoefficient),
          f_(constants::faraday / (constants::gasConstant * temperature)) {}

    template <class T>
    T current(const T& exchangeCurrentDensity, const T& overpotential, const T& ratio) const {
        const T fEta = f_ * overpotential / ratio;
        return exchangeCurrentDensity * (exp(alphaA_ * fEta) - exp(-(1.0 - alphaA_) * fEta));
    }

    /// Residual (in V) that holds when a current j flows at overpotential η. For symmetric
    /// kinetics it is the inverted law η − (2/f) asinh(j / 2 i0), whose Newton iterations
    /// converge from far better guesses than the exponential form when i0 is small (particles
    /// nearly full or empty); otherwise (j − i0[...]) / i0 scaled to volts by 1/f.
    template <class T>
    T residual(const T& exchangeCurrentDensity, const T& overpotential, const T& j,
               const T& ratio) const {
        if (alphaA_ == 0.5)
            return overpotential - (2.0 / f_) * ratio * asinh(j / (2.0 * exchangeCurrentDensity));
        return (current(exchangeCurrentDensity, overpotential, ratio) - j) * ratio /
               (f_ * exchangeCurrentDensity);
    }

    /// i0(x) = i0(½) · 2 √(x(1−x)) for intercalation at surface stoichiometry x, kept inside
    /// (0, 1) so that Newton iterates that stray past the ends stay finite.
    template <class T>
    static T intercalationExchange(double i0Half, const T& x) {
        constexpr double edge = 1e-6;
        // x * 0 + edge keeps x's dependencies (sparsity) while its derivative vanishes.
        const T xc =
            value(x) < edge ? x * 0.0 + edge : (value(x) > 1 - edge ? x * 0.0 + (1 - edge) : x);
        return 2.0 * i0Half * sqrt(xc * (1.0 - xc));
    }

    /// √(c_e / c_e0): the salt concentration's share of i0 for a binary electrolyte, with the
    /// same guard against iterates that stray below zero.
    template <class T>
    static T saltFactor(const T& c, double initialConcentration) {
        const double floor = 1e-9 * initialConcentration;
        const T cc = value(c) < floor ? c * 0.0 + floor : c;
        return sqrt(cc / initialConcentration);
    }

  private:
    double alphaA_ = 0.5;
    double f_ = 0.0;
};

}  // namespace ssbsim::models
