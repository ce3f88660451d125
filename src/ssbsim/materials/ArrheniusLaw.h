#pragma once
// Temperature dependence of a thermally activated property (conductivity, diffusivity):
//   p(T) = p_ref * exp(-E_a/R * (1/T - 1/T_ref))      docs/physics/materials.md#arrhenius

namespace ssbsim::materials {

struct ArrheniusLaw {
    double referenceValue = 0.0;           ///< p(T_ref), SI
    double referenceTemperature = 298.15;  ///< K
    double activationEnergy = 0.0;         ///< J/mol (0: temperature independent)

    /// p(T); T in K, > 0.
    double at(double temperature) const;
};

/// Strain rate of power-law creep: ε̇ = A (σ/σ_ref)^n exp(-Q/(R T)) docs/physics/materials.md#creep
struct PowerLawCreep {
    double prefactor = 0.0;         ///< A, 1/s
    double referenceStress = 1e6;   ///< σ_ref, Pa
    double stressExponent = 1.0;    ///< n
    double activationEnergy = 0.0;  ///< Q, J/mol

    double strainRate(double stress, double temperature) const;
};

}  // namespace ssbsim::materials
