#pragma once
// Everything the cell model needs, in SI at the operating temperature, derived once from a
// CellSpec (docs/physics/cell-model.md#parameters).

#include <optional>
#include <string>

#include "ssbsim/cell/CellSpec.h"
#include "ssbsim/core/MonotoneCubic.h"

namespace ssbsim::models {

/// Activation energies (J/mol) of a composite electrode's temperature-dependent parameters,
/// p(T) = p(T_ref) exp(−E/R (1/T − 1/T_ref)) (docs/physics/thermal.md#arrhenius-factors).
struct CompositeActivation {
    double ionicConductivity = 0.0;
    double electronicConductivity = 0.0;
    double diffusivity = 0.0;
    double exchangeCurrentDensity = 0.0;
    double filmConductance = 0.0;  ///< of 1/R_film
};

/// Composite electrode (porous-electrode theory; the ionic phase is a single-ion solid
/// electrolyte or a binary-salt electrolyte in the pores).
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
    MonotoneCubic openCircuitPotential;   ///< V vs Li over x, C2 through the table's points
    double ionicConductivity = 0.0;       ///< effective, S/m (single-ion electrolytes)
    double electronicConductivity = 0.0;  ///< effective, S/m
    /// A/m^2 of active surface at x = 1/2 (and, for binary electrolytes, c_e = c_e0).
    double exchangeCurrentDensity = 0.0;
    double transferCoefficient = 0.5;
    double filmResistance = 0.0;           ///< Ω m^2 of active surface (given + coating δ/σ)
    double doubleLayerCapacitance = 0.2;   ///< F/m^2 of active contact area (impedance only)
    double dischargedStoichiometry = 1.0;  ///< x at full discharge
    double chargedStoichiometry = 0.0;     ///< x at full charge
    double electrolyteFraction = 0.0;      ///< ε_e of a binary electrolyte (pores or polymer)
    double transportEfficiency = 0.0;      ///< β = ε_e/τ: κ_eff = β κ(c_e), D_eff = β D(c_e)
    CompositeActivation activation;        ///< used by the lumped thermal model only

    /// x at a state of charge in [0, 1] of the design window (1 = charged).
    double stoichiometry(double stateOfCharge) const {
        return dischargedStoichiometry +
               stateOfCharge * (chargedStoichiometry - dischargedStoichiometry);
    }
};

/// Separator: a dense single-ion conductor or a porous membrane filled with a binary salt.
struct SeparatorParameters {
    double thickness = 0.0;               ///< m
    double ionicConductivity = 0.0;       ///< effective, S/m (single-ion electrolytes)
    double electronicConductivity = 0.0;  ///< effective, S/m: leakage (self-discharge) path
    /// Grain boundaries of a single-ion SE as one lumped element in series (brick layer,
    /// docs/physics/impedance.md#interface-capacitances); ionicConductivity is then the bulk's.
    double grainBoundaryResistance = 0.0;   ///< Ω m^2 (0: grain boundaries not separated)
    double grainBoundaryCapacitance = 0.0;  ///< F/m^2 (impedance only; 0: not known)
    double electrolyteFraction = 0.0;     ///< ε_e (binary electrolytes)
    double transportEfficiency = 0.0;     ///< β = ε_e/τ (binary electrolytes)
    /// Activation energies, J/mol (lumped thermal model only).
    double ionicActivation = 0.0, electronicActivation = 0.0, grainBoundaryActivation = 0.0;
};

/// Binary-salt electrolyte (concentrated-solution theory, docs/physics/electrolyte.md). Absent
/// for single-ion solid electrolytes, which carry current by migration alone.
struct BinarySaltParameters {
    double initialConcentration = 0.0;  ///< c_e0, mol/m^3
    double conductivity = 0.0;          ///< κ at c_e0, S/m (bulk, before β)
    MonotoneCubic conductivityCurve;    ///< κ(c_e), S/m over mol/m^3; empty: constant κ
    double diffusivity = 0.0;           ///< D at c_e0, m^2/s (bulk, before β)
    MonotoneCubic diffusivityCurve;     ///< D(c_e); empty: constant D
    double transferenceNumber = 0.0;    ///< t+ (Li+, constant)
    double thermodynamicFactor = 1.0;   ///< 1 + d ln f± / d ln c_e (constant)
    /// Activation energies of κ and D, J/mol (lumped thermal model only).
    double conductivityActivation = 0.0, diffusivityActivation = 0.0;
};

/// Li metal, alloy foil or anode-free negative electrode: one interface, no thickness in x.
struct MetalAnodeParameters {
    double exchangeCurrentDensity = 0.0;  ///< A/m^2 of electrode area
    double transferCoefficient = 0.5;
    double interfaceResistance = 0.0;  ///< Ω m^2
    double doubleLayerCapacitance = 0.2;  ///< F/m^2 of electrode area (impedance only)
    double potential = 0.0;            ///< V vs Li (0 for Li, 0.62 V for Li-In)
    bool tracksLithium = false;        ///< Li metal and anode-free: inventory can run out
    double molarVolume = 0.0;          ///< m^3/mol of the plated metal
    double initialThickness = 0.0;     ///< m of metal at full discharge
    double exchangeActivation = 0.0;   ///< J/mol of i0 (lumped thermal model only)
};

/// Isothermal at CellParameters::temperature, or one lumped energy balance for the stack,
/// per unit-cell area: C dT/dt = (I + i_leak) U_ocv − I V − H (T − T_amb)
/// (docs/physics/thermal.md).
struct ThermalParameters {
    bool lumped = false;
    double ambientTemperature = 298.15;  ///< K (lumped only)
    double heatCapacity = 0.0;           ///< C, J/(K m^2) of unit-cell area
    double heatTransfer = 0.0;           ///< H = h A_cooled / (A · cells), W/(K m^2)
};

struct CellParameters {
    CompositeParameters positive;
    std::optional<CompositeParameters> negative;  ///< composite anode; empty: `metal`
    MetalAnodeParameters metal;                   ///< dense anode when `negative` is empty
    SeparatorParameters separator;
    std::optional<BinarySaltParameters> salt;  ///< empty: single-ion solid electrolyte
    /// K: of an isothermal run, or the initial and reference temperature of a lumped one.
    double temperature = 298.15;
    ThermalParameters thermal;
    double nominalCapacity = 0.0;              ///< C/m^2 of one unit cell (1C = this per hour)
    double area = 0.0;                         ///< m^2
    int cellsInParallel = 1;                   ///< sheet stacks
    int cellsInSeries = 1;                     ///< bipolar stacks
};

/// Throws InputError, located at the electrode in the cell file, when the cell model needs a
/// value the file does not give (e.g. exchange current densities) or a cell kind it does not
/// model yet.
CellParameters buildParameters(const cell::CellSpec& spec);

}  // namespace ssbsim::models
