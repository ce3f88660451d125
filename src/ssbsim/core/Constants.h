#pragma once
// Physical constants, CODATA 2018 exact values where defined (SI).

namespace ssbsim::constants {

inline constexpr double faraday = 96485.33212;               // C/mol
inline constexpr double gasConstant = 8.314462618;           // J/(mol K)
inline constexpr double boltzmann = 1.380649e-23;            // J/K
inline constexpr double elementaryCharge = 1.602176634e-19;  // C
inline constexpr double avogadro = 6.02214076e23;            // 1/mol
inline constexpr double zeroCelsius = 273.15;                // K
inline constexpr double vacuumPermittivity = 8.8541878188e-12;  // F/m (CODATA 2022)

}  // namespace ssbsim::constants
