#pragma once
// The cell's temperature as the residual sees it (docs/physics/thermal.md): fixed at the
// reference temperature (isothermal), or the lumped temperature unknown. Every
// temperature-dependent parameter is its value at the reference times an Arrhenius factor
//   p(T) = p(T_ref) exp(−E/R (1/T − 1/T_ref)),
// and the thermal voltage RT/F scales with T.

#include "ssbsim/core/Constants.h"

namespace ssbsim::models {

template <class T>
class CellTemperature {
  public:
    /// Isothermal at the reference temperature (K): every factor is exactly 1.
    explicit CellTemperature(double reference) : kelvin_(reference), reference_(reference) {}
    /// The lumped temperature unknown (K).
    CellTemperature(const T& kelvin, double reference)
        : kelvin_(kelvin),
          reference_(reference),
          varies_(true),
          shift_((1.0 / kelvin - 1.0 / reference) / constants::gasConstant) {}

    const T& kelvin() const { return kelvin_; }

    /// p(T)/p(T_ref) of a parameter with activation energy E (J/mol).
    T arrhenius(double activationEnergy) const {
        if (!varies_ || activationEnergy == 0.0) return T(1.0);
        return exp(-activationEnergy * shift_);
    }

    /// T/T_ref, the factor on RT/F.
    T ratio() const { return varies_ ? kelvin_ / reference_ : T(1.0); }

  private:
    T kelvin_;
    double reference_;
    bool varies_ = false;
    T shift_ = T(0.0);  ///< (1/T − 1/T_ref)/R
};

}  // namespace ssbsim::models
