#pragma once
// A cell as designed: layers, compositions and stack, validated and in SI units.
// Input format: docs/input-format.md; derived quantities: docs/physics/cell-design.md.

#include <optional>
#include <string>
#include <vector>

#include "ssbsim/materials/Material.h"

namespace ssbsim::cell {

using materials::Material;

enum class StackFormat { Pellet, Sheet, Bipolar };
enum class AnodeKind { LiMetal, AlloyFoil, AnodeFree, Composite };

/// One solid constituent of a composite layer.
struct Constituent {
    const Material* material = nullptr;
    double massFraction = 0.0;    ///< of all solids in the layer
    double volumeFraction = 0.0;  ///< of all solids in the layer
};

/// A porous layer of mixed solids, optionally with a liquid in its pores.
struct CompositeLayer {
    std::vector<Constituent> solids;
    double porosity = 0.0;
    double thickness = 0.0;                     ///< m
    const Material* poreElectrolyte = nullptr;  ///< liquid filling the pores, if any

    double solidDensity() const;  ///< kg/m^3 of the solid mixture
    double arealMass() const;     ///< kg/m^2, solids plus pore liquid
    /// Volume fraction of the whole layer (pores included) taken by `m`'s category.
    double volumeFractionOf(materials::Category category) const;
    double massFractionOf(materials::Category category) const;  ///< of solids
};

/// Conformal coating of thickness `thickness` on the active particles.
struct Coating {
    const Material* material = nullptr;
    double thickness = 0.0;  ///< m
};

/// Interface kinetics (docs/physics/cell-model.md#kinetics). Zero exchange current density
/// means "not given": the designer does not need it, the cell model asks for it.
struct Kinetics {
    double exchangeCurrentDensity = 0.0;  ///< A/m^2 (composites: of active surface at x = 1/2)
    double transferCoefficient = 0.5;     ///< anodic α_a; α_c = 1 − α_a
    double resistance = 0.0;              ///< Ω m^2: film (composites) or interface (dense anodes)
    /// F/m^2 of interface (active contact area, or electrode area for dense anodes); only the
    /// impedance sees it (docs/physics/impedance.md#interface-capacitances). 20 µF/cm^2 as PyBaMM's default.
    double doubleLayerCapacitance = 0.2;
    /// J/mol: i0(T) = i0 exp(−E/R (1/T − 1/T_cell)) in a lumped thermal run (0: constant i0).
    double activationEnergy = 0.0;
    SourceLocation where;                 ///< of the electrode, for "missing kinetics" errors
};

/// A composite electrode: one active material among the solids.
struct CompositeElectrode {
    CompositeLayer layer;
    size_t activeIndex = 0;          ///< into layer.solids
    double particleRadius = 0.0;     ///< m (0: not given)
    std::optional<Coating> coating;  ///< included in layer.solids as its own constituent
    Kinetics kinetics;
    double contactFraction = 1.0;     ///< share of active surface touching the SE
    double accessibleFraction = 1.0;  ///< share of active material reached by both networks
    /// Effective conductivities (S/m) measured or computed from the microstructure; 0: Bruggeman.
    double effectiveIonicConductivity = 0.0;
    double effectiveElectronicConductivity = 0.0;
    /// Contact area of accessible active material with the ionic phase per electrode volume
    /// (m^2/m^3, e.g. from `ssbsim micro analyze`); 0: 3 ε_AM f_contact / R.
    double activeArea = 0.0;

    const Material& active() const { return *layer.solids[activeIndex].material; }
    /// kg/m^2 of active material.
    double activeLoading() const;
    /// C/m^2: active loading times the material's practical specific capacity.
    double practicalCapacity() const;
    /// C/m^2: active loading times the material's theoretical specific capacity.
    double theoreticalCapacity() const;
};

/// A dense layer of one material (foil, current collector, interlayer).
struct DenseLayer {
    const Material* material = nullptr;
    double thickness = 0.0;  ///< m
    double arealMass() const;
};

struct Anode {
    AnodeKind kind = AnodeKind::LiMetal;
    std::optional<DenseLayer> foil;               ///< Li metal or alloy foil
    std::optional<CompositeLayer> interlayer;     ///< anode-free host layer (e.g. Ag-C)
    std::optional<CompositeElectrode> composite;  ///< composite anodes
    const Material* platedMetal = nullptr;        ///< Li plated on charge (li-metal, anode-free)
    Kinetics kinetics;                            ///< dense anodes: Li|SE or alloy|SE interface
};

/// The `thermal:` block: isothermal at the cell temperature (default), or one lumped energy
/// balance for the whole stack (docs/physics/thermal.md).
struct ThermalSpec {
    bool lumped = false;
    double ambientTemperature = 298.15;  ///< K (default: the cell temperature)
    double heatTransferCoefficient = 0.0;  ///< W/(m^2 K) to the ambient
    double cooledArea = 0.0;               ///< m^2 of stack surface cooled (default: both faces)
    double specificHeatCapacity = 0.0;     ///< J/(kg K), mass average of the whole stack
};

struct CellSpec {
    std::string name;
    std::string file;
    StackFormat format = StackFormat::Pellet;
    int cells = 1;      ///< unit cells in the stack (parallel for sheet, series for bipolar)
    double area = 0.0;  ///< m^2, electrode area
    double temperature = 298.15;  ///< K
    double stackPressure = 0.0;   ///< Pa (0: not given)
    ThermalSpec thermal;

    CompositeElectrode cathode;
    CompositeLayer separator;
    Anode anode;
    std::optional<DenseLayer> positiveCollector, negativeCollector, bipolarCollector;
    double packagingArealMass = 0.0;  ///< kg/m^2 for the whole stack
    double packagingThickness = 0.0;  ///< m for the whole stack
};

std::string_view toString(StackFormat format);
std::string_view toString(AnodeKind kind);

}  // namespace ssbsim::cell
