#include "ssbsim/models/CellParameters.h"

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <tuple>

#include "ssbsim/cell/CellDesign.h"
#include "ssbsim/core/Constants.h"

namespace ssbsim::models {

namespace {

using cell::CellSpec;
using cell::CompositeElectrode;
using cell::CompositeLayer;
using materials::Category;

/// Bruggeman: σ_eff = σ ε^1.5 (docs/physics/cell-model.md#effective-conductivities).
double bruggeman(double conductivity, double volumeFraction) {
    return conductivity * std::pow(volumeFraction, 1.5);
}

/// Total ionic conductivity of an SE at T: bulk and apparent grain-boundary resistances in series
/// (brick-layer model, docs/physics/materials.md#arrhenius).
double totalIonicConductivity(const materials::Material& m, double temperature) {
    const double bulk = m.arrhenius("ionic-conductivity").at(temperature);
    if (!m.has("grain-boundary-conductivity")) return bulk;
    const double gb = m.arrhenius("grain-boundary-conductivity").at(temperature);
    return 1.0 / (1.0 / bulk + 1.0 / gb);
}

/// Σ over ion-conducting solids of the Bruggeman conductivity.
double layerIonicConductivity(const CompositeLayer& layer, double temperature) {
    double sigma = 0.0;
    for (const auto& c : layer.solids)
        if (c.material->category == Category::SolidElectrolyte)
            sigma += bruggeman(totalIonicConductivity(*c.material, temperature),
                               (1 - layer.porosity) * c.volumeFraction);
    return sigma;
}

/// The separator's grain boundaries as a lumped R_gb ∥ C_gb (brick-layer model,
/// docs/physics/impedance.md#interface-capacitances): when its only ion conductor is one single-ion
/// SE whose record separates a grain-boundary conductivity. R_gb = L/(ε^1.5 σ_gb,app), so that
/// R_bulk + R_gb is the Bruggeman resistance of the total conductivity; the relaxation time
/// τ_gb = ε0 ε_r d_g / (δ σ_gb,app) gives C_gb = τ_gb / R_gb when ε_r, d_g and δ are known.
void splitGrainBoundaries(const CompositeLayer& separator, double temperature,
                          SeparatorParameters& p) {
    const cell::Constituent* se = nullptr;
    for (const auto& c : separator.solids) {
        if (c.material->category != Category::SolidElectrolyte) continue;
        if (se) return;  // parallel conductors: no single series element
        se = &c;
    }
    if (!se || !se->material->has("grain-boundary-conductivity")) return;
    const materials::Material& m = *se->material;
    const double fraction = (1 - separator.porosity) * se->volumeFraction;
    const double bulk = m.arrhenius("ionic-conductivity").at(temperature);
    const double gb = m.arrhenius("grain-boundary-conductivity").at(temperature);
    p.ionicConductivity = bruggeman(bulk, fraction);
    p.grainBoundaryResistance = p.thickness / bruggeman(gb, fraction);
    if (m.has("relative-permittivity") && m.has("grain-size") &&
        m.has("grain-boundary-thickness")) {
        const double tau = constants::vacuumPermittivity * m.scalar("relative-permittivity") *
                           m.scalar("grain-size") / (m.scalar("grain-boundary-thickness") * gb);
        p.grainBoundaryCapacitance = tau / p.grainBoundaryResistance;
    }
}

/// Σ over electron-conducting solids (active material and additives) of the Bruggeman
/// conductivity: parallel percolating networks. A coating is a nanometre shell on each
/// particle, not a network of its own (its δ/σ is the film resistance), so it is not one.
double layerElectronicConductivity(const CompositeLayer& layer, double temperature) {
    double sigma = 0.0;
    for (const auto& c : layer.solids)
        if (c.material->category != Category::SolidElectrolyte &&
            c.material->category != Category::Coating && c.material->has("electronic-conductivity"))
            sigma += bruggeman(c.material->arrhenius("electronic-conductivity").at(temperature),
                               (1 - layer.porosity) * c.volumeFraction);
    return sigma;
}

/// The binary-salt electrolyte of a layer: the liquid in its pores, or a solid constituent that
/// conducts as a binary salt (a polymer such as PEO-LiTFSI). Null for single-ion conductors.
const materials::Material* layerSalt(const CompositeLayer& layer) {
    if (layer.poreElectrolyte) return layer.poreElectrolyte;
    for (const auto& c : layer.solids)
        if (c.material->transport == materials::Transport::BinarySalt) return c.material;
    return nullptr;
}

/// Volume fraction of the layer that the salt fills (pores, or the polymer's share).
double saltFraction(const CompositeLayer& layer, const materials::Material& salt) {
    if (layer.poreElectrolyte == &salt) return layer.porosity;
    double fraction = 0.0;
    for (const auto& c : layer.solids)
        if (c.material == &salt) fraction += (1 - layer.porosity) * c.volumeFraction;
    return fraction;
}

/// Bulk conductivity of a binary salt at T, S/m.
double saltConductivity(const materials::Material& salt, double temperature) {
    return salt.arrhenius("ionic-conductivity").at(temperature);
}

/// ε and β of a layer's binary salt; β from a measured effective conductivity when the
/// electrode gives one, else Bruggeman β = ε^1.5.
std::pair<double, double> saltTransport(const CompositeLayer& layer,
                                        const materials::Material& salt,
                                        double effectiveConductivity, double temperature) {
    const double eps = saltFraction(layer, salt);
    const double beta = effectiveConductivity > 0
                            ? effectiveConductivity / saltConductivity(salt, temperature)
                            : std::pow(eps, 1.5);
    return {eps, beta};
}

CompositeParameters compositeParameters(const CompositeElectrode& e, double temperature) {
    const materials::Material& am = e.active();
    const SourceLocation& where = e.kinetics.where;
    if (e.particleRadius <= 0) throw InputError("the cell model needs 'particle-radius'", where);
    if (e.kinetics.exchangeCurrentDensity <= 0)
        throw InputError("the cell model needs 'kinetics: {exchange-current-density: ...}'", where);
    if (!am.has("diffusivity"))
        throw InputError(fmt::format("the cell model needs the solid diffusivity of {}, and its "
                                     "library record ({}) has no 'diffusivity'",
                                     am.name, am.file),
                         where);
    CompositeParameters p;
    p.thickness = e.layer.thickness;
    const double activeVolume =
        (1 - e.layer.porosity) * e.layer.solids[e.activeIndex].volumeFraction;
    p.activeFraction = activeVolume * e.accessibleFraction;
    p.isolatedFraction = activeVolume - p.activeFraction;
    p.radius = e.particleRadius;
    p.contactFraction = e.contactFraction;
    // A measured active area replaces the spheres' 3 ε_AM f/R; the particles then take up Li
    // through the same effective share f = a R / (3 ε_AM) of their surface, so that the
    // electrode's a·j and the particles' flux still carry the same lithium.
    if (e.activeArea > 0) p.contactFraction = e.activeArea * p.radius / (3.0 * p.activeFraction);
    p.specificArea = 3.0 * p.activeFraction * p.contactFraction / p.radius;
    p.maxConcentration =
        am.scalar("theoretical-capacity") * am.scalar("density") / constants::faraday;
    p.diffusivity = am.arrhenius("diffusivity").at(temperature);
    if (am.has("relative-diffusivity"))
        p.relativeDiffusivity = MonotoneCubic(am.table("relative-diffusivity"));
    p.openCircuitPotential = MonotoneCubic(am.table("open-circuit-potential"));
    if (const materials::Material* salt = layerSalt(e.layer))
        std::tie(p.electrolyteFraction, p.transportEfficiency) =
            saltTransport(e.layer, *salt, e.effectiveIonicConductivity, temperature);
    else
        p.ionicConductivity = e.effectiveIonicConductivity > 0
                                  ? e.effectiveIonicConductivity
                                  : layerIonicConductivity(e.layer, temperature);
    p.electronicConductivity = e.effectiveElectronicConductivity > 0
                                   ? e.effectiveElectronicConductivity
                                   : layerElectronicConductivity(e.layer, temperature);
    if (p.ionicConductivity <= 0 && p.transportEfficiency <= 0)
        throw InputError(
            "the electrode has no ion-conducting solid: add a solid electrolyte or give "
            "'effective-ionic-conductivity'",
            where);
    if (p.electronicConductivity <= 0)
        throw InputError(
            fmt::format("no material of the electrode has an 'electronic-conductivity' "
                        "({} has none in the library): add a conductive additive or give "
                        "'effective-electronic-conductivity'",
                        am.name),
            where);
    p.exchangeCurrentDensity = e.kinetics.exchangeCurrentDensity;
    p.transferCoefficient = e.kinetics.transferCoefficient;
    p.filmResistance = e.kinetics.resistance;
    p.doubleLayerCapacitance = e.kinetics.doubleLayerCapacitance;
    p.activation.exchangeCurrentDensity = e.kinetics.activationEnergy;
    if (e.coating)  // a coating shell adds δ/σ in series (docs/physics/cell-model.md#kinetics)
        p.filmResistance += e.coating->thickness /
                            e.coating->material->arrhenius("ionic-conductivity").at(temperature);
    // Cathodes give up Li on charge, anodes take it up.
    const double window = am.scalar("practical-capacity") / am.scalar("theoretical-capacity");
    p.dischargedStoichiometry = am.scalar("discharged-stoichiometry");
    p.chargedStoichiometry =
        p.dischargedStoichiometry + (am.category == Category::Cathode ? -window : window);
    return p;
}

MetalAnodeParameters metalAnodeParameters(const cell::Anode& a) {
    if (a.kinetics.exchangeCurrentDensity <= 0)
        throw InputError(
            "the cell model needs 'kinetics: {exchange-current-density: ...}' of the "
            "anode interface",
            a.kinetics.where);
    MetalAnodeParameters p;
    p.exchangeCurrentDensity = a.kinetics.exchangeCurrentDensity;
    p.transferCoefficient = a.kinetics.transferCoefficient;
    p.interfaceResistance = a.kinetics.resistance;
    p.doubleLayerCapacitance = a.kinetics.doubleLayerCapacitance;
    p.exchangeActivation = a.kinetics.activationEnergy;
    if (a.kind == cell::AnodeKind::AlloyFoil) {
        const LinearTable& ocv = a.foil->material->table("open-circuit-potential");
        const double x = a.foil->material->scalar("discharged-stoichiometry");
        p.potential = ocv(x);
    }
    p.tracksLithium = a.platedMetal != nullptr;
    if (p.tracksLithium) {
        p.molarVolume = a.platedMetal->scalar("molar-mass") / a.platedMetal->scalar("density");
        p.initialThickness = a.foil ? a.foil->thickness : 0.0;
    }
    return p;
}

/// The one binary salt of the cell, if any: every layer's ionic phase must be the same kind
/// (docs/physics/electrolyte.md#assumptions).
std::optional<BinarySaltParameters> cellSalt(const CellSpec& spec, double temperature) {
    std::vector<const CompositeLayer*> layers = {&spec.cathode.layer, &spec.separator};
    if (spec.anode.composite) layers.push_back(&spec.anode.composite->layer);
    const materials::Material* salt = layerSalt(spec.separator);
    for (const CompositeLayer* layer : layers)
        if (layerSalt(*layer) != salt)
            throw InputError(
                "the cell model needs one electrolyte throughout: the separator and the "
                "composite electrodes must share the same binary salt, or all use single-ion "
                "solid electrolytes",
                spec.cathode.kinetics.where);
    if (!salt) return std::nullopt;
    BinarySaltParameters s;
    s.initialConcentration = salt->scalar("salt-concentration");
    s.conductivity = saltConductivity(*salt, temperature);
    s.diffusivity = salt->arrhenius("salt-diffusivity").at(temperature);
    s.transferenceNumber = salt->scalar("lithium-transference-number");
    s.thermodynamicFactor = salt->scalar("thermodynamic-factor");
    return s;
}

/// The cell's parameters with every material property at `temperature` (K).
CellParameters parametersAt(const CellSpec& spec, double temperature) {
    CellParameters p;
    p.temperature = temperature;
    p.salt = cellSalt(spec, temperature);
    p.positive = compositeParameters(spec.cathode, temperature);
    if (spec.anode.kind == cell::AnodeKind::Composite)
        p.negative = compositeParameters(*spec.anode.composite, temperature);
    else
        p.metal = metalAnodeParameters(spec.anode);
    p.separator.thickness = spec.separator.thickness;
    if (const materials::Material* salt = layerSalt(spec.separator))
        std::tie(p.separator.electrolyteFraction, p.separator.transportEfficiency) =
            saltTransport(spec.separator, *salt, 0.0, temperature);
    else
        p.separator.ionicConductivity = layerIonicConductivity(spec.separator, temperature);
    if (!p.salt && !p.negative) splitGrainBoundaries(spec.separator, temperature, p.separator);
    for (const auto& c : spec.separator.solids)  // every solid that conducts electrons leaks
        if (c.material->has("electronic-conductivity"))
            p.separator.electronicConductivity +=
                bruggeman(c.material->arrhenius("electronic-conductivity").at(temperature),
                          (1 - spec.separator.porosity) * c.volumeFraction);
    if (p.separator.ionicConductivity <= 0 && p.separator.transportEfficiency <= 0)
        throw InputError("the cell model needs an ion-conducting separator",
                         spec.cathode.kinetics.where);
    p.nominalCapacity = cell::designCell(spec).capacity;
    p.area = spec.area;
    p.cellsInParallel = spec.format == cell::StackFormat::Bipolar ? 1 : spec.cells;
    p.cellsInSeries = spec.format == cell::StackFormat::Bipolar ? spec.cells : 1;
    return p;
}

/// −R d ln p / d(1/T) from values at two temperatures: the activation energy of a single
/// Arrhenius law, the local slope of a sum of them (docs/physics/thermal.md#arrhenius-factors);
/// 0 for a parameter the cell does not have.
double activationEnergy(double low, double high, double tLow, double tHigh) {
    if (low <= 0 || high <= 0) return 0.0;
    return constants::gasConstant * std::log(high / low) / (1.0 / tLow - 1.0 / tHigh);
}

/// The lumped energy balance's parameters and the activation energies of everything the
/// material records make temperature dependent, from the cell built ±0.01 % around its
/// temperature.
void setLumpedThermal(const CellSpec& spec, CellParameters& p) {
    const double tLow = spec.temperature * (1 - 1e-4), tHigh = spec.temperature * (1 + 1e-4);
    const CellParameters lo = parametersAt(spec, tLow), hi = parametersAt(spec, tHigh);
    const auto slope = [&](double low, double high) {
        return activationEnergy(low, high, tLow, tHigh);
    };
    const auto conductanceSlope = [&](double low, double high) {  // of 1/R
        return low > 0 && high > 0 ? slope(1.0 / low, 1.0 / high) : 0.0;
    };
    const auto composite = [&](CompositeParameters& c, const CompositeParameters& l,
                               const CompositeParameters& h) {
        c.activation.ionicConductivity = slope(l.ionicConductivity, h.ionicConductivity);
        c.activation.electronicConductivity =
            slope(l.electronicConductivity, h.electronicConductivity);
        c.activation.diffusivity = slope(l.diffusivity, h.diffusivity);
        c.activation.filmConductance = conductanceSlope(l.filmResistance, h.filmResistance);
    };
    composite(p.positive, lo.positive, hi.positive);
    if (p.negative) composite(*p.negative, *lo.negative, *hi.negative);
    SeparatorParameters& sep = p.separator;
    sep.ionicActivation = slope(lo.separator.ionicConductivity, hi.separator.ionicConductivity);
    sep.electronicActivation =
        slope(lo.separator.electronicConductivity, hi.separator.electronicConductivity);
    sep.grainBoundaryActivation = conductanceSlope(lo.separator.grainBoundaryResistance,
                                                   hi.separator.grainBoundaryResistance);
    if (p.salt) {
        p.salt->conductivityActivation = slope(lo.salt->conductivity, hi.salt->conductivity);
        p.salt->diffusivityActivation = slope(lo.salt->diffusivity, hi.salt->diffusivity);
    }

    const cell::ThermalSpec& t = spec.thermal;
    const double unitCellArea = spec.area * spec.cells;
    p.thermal.lumped = true;
    p.thermal.ambientTemperature = t.ambientTemperature;
    p.thermal.heatCapacity = cell::designCell(spec).withPackaging.arealMass * spec.area *
                             t.specificHeatCapacity / unitCellArea;
    p.thermal.heatTransfer = t.heatTransferCoefficient * t.cooledArea / unitCellArea;
}

}  // namespace

CellParameters buildParameters(const CellSpec& spec) {
    CellParameters p = parametersAt(spec, spec.temperature);
    if (spec.thermal.lumped) setLumpedThermal(spec, p);
    return p;
}

}  // namespace ssbsim::models
