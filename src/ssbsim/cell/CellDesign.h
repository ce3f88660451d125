#pragma once
// Derived quantities of a designed cell: capacities, N/P, masses and thicknesses of every
// layer, average voltage from the OCV curves and energy densities at three levels.
// Formulas: docs/physics/cell-design.md.

#include <array>
#include <string>
#include <vector>

#include "ssbsim/cell/CellSpec.h"

namespace ssbsim::cell {

/// What a layer counts toward (docs/physics/cell-design.md#levels).
enum class Level { Stack, CurrentCollector, Packaging };

struct LayerSummary {
    std::string name;      ///< "cathode composite", "separator", ...
    std::string material;  ///< main material(s)
    Level level = Level::Stack;
    double thickness = 0.0;         ///< m, as made
    double chargedThickness = 0.0;  ///< m, with plated Li at full charge
    double arealMass = 0.0;         ///< kg/m^2 of one layer
    double count = 1.0;             ///< layers of this kind in the whole stack
};

struct EnergyDensity {
    double arealMass = 0.0;    ///< kg/m^2 of everything counted, whole stack
    double thickness = 0.0;    ///< m, whole stack at full charge
    double gravimetric = 0.0;  ///< J/kg
    double volumetric = 0.0;   ///< J/m^3
};

struct CellDesign {
    std::string name;
    StackFormat format = StackFormat::Pellet;
    int cells = 1;
    double area = 0.0;  ///< m^2

    double cathodeTheoreticalCapacity = 0.0;  ///< C/m^2
    double cathodePracticalCapacity = 0.0;    ///< C/m^2
    double anodeTheoreticalCapacity = 0.0;    ///< C/m^2 (0 for anode-free)
    double anodePracticalCapacity = 0.0;      ///< C/m^2 (Li inventory for li-metal)
    double npRatio = 0.0;                     ///< anode/cathode practical capacity
    double capacity = 0.0;                    ///< C/m^2 of one unit cell, the smaller usable one

    double cathodeLoading = 0.0;           ///< kg/m^2 of cathode active material
    double seMassFractionCathode = 0.0;    ///< of cathode solids
    double seVolumeFractionCathode = 0.0;  ///< of cathode volume, pores included
    double activeVolumeFractionCathode = 0.0;

    std::array<double, 2> cathodeWindow{};  ///< x range cycled in the cathode
    std::array<double, 2> anodeWindow{};    ///< x range cycled in the anode (intercalation/alloy)
    double cathodePotential = 0.0;          ///< V vs Li, mean over the window
    double anodePotential = 0.0;            ///< V vs Li, mean over the window
    double averageVoltage = 0.0;            ///< V of one unit cell

    std::vector<LayerSummary> layers;
    EnergyDensity stack, withCollectors, withPackaging;

    double voltage() const { return averageVoltage * (format == StackFormat::Bipolar ? cells : 1); }
    double charge() const {
        return capacity * area * (format == StackFormat::Bipolar ? 1 : cells);
    }                                                                           ///< C
    double energy() const { return capacity * averageVoltage * area * cells; }  ///< J
};

CellDesign designCell(const CellSpec& spec);

std::string_view toString(Level level);

}  // namespace ssbsim::cell
