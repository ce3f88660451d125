#pragma once
// Everything the cell model needs, in SI at the operating temperature, derived once from a
// CellSpec (docs/physics/cell-model.md#parameters).

#include <string>

#include "ssbsim/cell/CellSpec.h"
#include "ssbsim/core/MonotoneCubic.h"

namespace ssbsim::models {

/// Composite electrode (porous-electrode theory with a solid electrolyte as the ionic phase).
struct CompositeParameters {
    double thickness = 0.0;               ///< m
    double activeFraction = 0.0;          ///< ε_AM of active material reached by both networks
    double isolatedFraction = 0.0;        ///< ε_AM that is cut off and keeps its lithium
    double contactFraction = 1.0;         ///< f_contact: share of active surface touching the SE
    double specificArea = 0.0;            ///< a = 3 ε_AM f_contact / R, m^2/m^3
    double radius = 0.0;                  ///< m
    double maxConcentration = 0.0;        ///< c_max = q_th ρ / F, mol/m^3 (x = c / c_max)
    double diffusivity = 0.0;             ///< m^2/s
    MonotoneCubic relativeDiffusivity;    ///< D(x)/D; empty: constant D
    MonotoneCubic openCircuitPotential;   ///< V vs Li over x, C1 through the table's points
    double ionicConductivity = 0.0;       ///< effective, S/m
    double electronicConductivity = 0.0;  ///< effective, S/m
    double exchangeCurrentDensity = 0.0;  ///< A/m^2 at x = 1/2
    double transferCoefficient = 0.5;
    double filmResistance = 0.0;  ///< Ω m^2 of active surface (given + coating δ/σ)
    double dischargedStoichiometry = 1.0;
    double windowWidth = 0.0;  ///< Δx between full charge and full discharge
};

/// Dense separator of a single-ion conductor.
struct SeparatorParameters {
    double thickness = 0.0;               ///< m
    double ionicConductivity = 0.0;       ///< effective, S/m
    double electronicConductivity = 0.0;  ///< effective, S/m: leakage (self-discharge) path
};

/// Li metal, alloy foil or anode-free negative electrode: one interface, no thickness in x.
struct MetalAnodeParameters {
    double exchangeCurrentDensity = 0.0;  ///< A/m^2 of electrode area
    double transferCoefficient = 0.5;
    double interfaceResistance = 0.0;  ///< Ω m^2
    double potential = 0.0;            ///< V vs Li (0 for Li, 0.62 V for Li-In)
    bool tracksLithium = false;        ///< Li metal and anode-free: inventory can run out
    double molarVolume = 0.0;          ///< m^3/mol of the plated metal
    double initialThickness = 0.0;     ///< m of metal at full discharge
};

struct CellParameters {
    CompositeParameters positive;
    SeparatorParameters separator;
    MetalAnodeParameters negative;
    double temperature = 298.15;   ///< K
    double nominalCapacity = 0.0;  ///< C/m^2 of one unit cell (1C = this per hour)
    double area = 0.0;             ///< m^2
    int cellsInParallel = 1;       ///< sheet stacks
    int cellsInSeries = 1;         ///< bipolar stacks
};

/// Throws InputError, located at the electrode in the cell file, when the cell model needs a
/// value the file does not give (e.g. exchange current densities) or a cell kind it does not
/// model yet.
CellParameters buildParameters(const cell::CellSpec& spec);

}  // namespace ssbsim::models
