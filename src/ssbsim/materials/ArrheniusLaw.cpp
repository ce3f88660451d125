#include "ssbsim/materials/ArrheniusLaw.h"

#include <cmath>

#include "ssbsim/core/Constants.h"

namespace ssbsim::materials {

double ArrheniusLaw::at(double temperature) const {
    using constants::gasConstant;
    return referenceValue * std::exp(-activationEnergy / gasConstant *
                                     (1.0 / temperature - 1.0 / referenceTemperature));
}

double PowerLawCreep::strainRate(double stress, double temperature) const {
    using constants::gasConstant;
    const double ratio = std::abs(stress) / referenceStress;
    const double rate = prefactor * std::pow(ratio, stressExponent) *
                        std::exp(-activationEnergy / (gasConstant * temperature));
    return stress < 0 ? -rate : rate;
}

}  // namespace ssbsim::materials
