#include "ssbsim/cell/CellDesign.h"

#include <fmt/format.h>

#include <algorithm>

#include "ssbsim/core/Constants.h"

namespace ssbsim::cell {

namespace {

using materials::Category;

/// Names of a layer's solids, e.g. "NMC811 + Li6PS5Cl + Super-C65".
std::string materialNames(const CompositeLayer& layer) {
    std::string out;
    for (const auto& c : layer.solids) out += (out.empty() ? "" : " + ") + c.material->name;
    if (layer.poreElectrolyte) out += " | " + layer.poreElectrolyte->name;
    return out;
}

/// Mean OCV over the x-window cycled; the table is piecewise linear, so this is exact
/// (docs/physics/cell-design.md#average-voltage).
double meanPotential(const Material& m, std::array<double, 2> window) {
    return m.table("open-circuit-potential").mean(window[0], window[1]);
}

/// Thickness of Li plated by `charge` (C/m^2): t = Q M / (F ρ).
double platedThickness(const Material& metal, double charge) {
    return charge * metal.scalar("molar-mass") / (constants::faraday * metal.scalar("density"));
}

/// Capacities, N/P, usable capacity, x-windows and mean potentials of one unit cell.
void computeElectrochemistry(const CellSpec& spec, CellDesign& d) {
    const CompositeElectrode& cathode = spec.cathode;
    const Material& cam = cathode.active();
    d.cathodeTheoreticalCapacity = cathode.theoreticalCapacity();
    d.cathodePracticalCapacity = cathode.practicalCapacity();

    const Material* anodeActive = nullptr;
    switch (spec.anode.kind) {
        case AnodeKind::Composite:
            anodeActive = &spec.anode.composite->active();
            d.anodeTheoreticalCapacity = spec.anode.composite->theoreticalCapacity();
            d.anodePracticalCapacity = spec.anode.composite->practicalCapacity();
            break;
        case AnodeKind::LiMetal:
        case AnodeKind::AlloyFoil: {
            const DenseLayer& foil = *spec.anode.foil;
            anodeActive = foil.material;
            d.anodeTheoreticalCapacity =
                foil.arealMass() * foil.material->scalar("theoretical-capacity");
            d.anodePracticalCapacity =
                foil.arealMass() * foil.material->scalar("practical-capacity");
            break;
        }
        case AnodeKind::AnodeFree:
            break;
    }
    d.npRatio = d.anodePracticalCapacity / d.cathodePracticalCapacity;
    // Li metal and anode-free cells plate Li: the anode never limits the capacity.
    const bool plating =
        spec.anode.kind == AnodeKind::LiMetal || spec.anode.kind == AnodeKind::AnodeFree;
    d.capacity = plating ? d.cathodePracticalCapacity
                         : std::min(d.cathodePracticalCapacity, d.anodePracticalCapacity);

    const double xc = cam.scalar("discharged-stoichiometry");
    d.cathodeWindow = {xc - d.capacity / d.cathodeTheoreticalCapacity, xc};
    d.cathodePotential = meanPotential(cam, d.cathodeWindow);
    if (plating) {
        d.anodePotential = 0.0;  // Li/Li+ by definition
    } else {
        const double xa = anodeActive->scalar("discharged-stoichiometry");
        d.anodeWindow = {xa, xa + d.capacity / d.anodeTheoreticalCapacity};
        d.anodePotential = meanPotential(*anodeActive, d.anodeWindow);
    }
    d.averageVoltage = d.cathodePotential - d.anodePotential;

    d.cathodeLoading = cathode.activeLoading();
    d.seMassFractionCathode = cathode.layer.massFractionOf(Category::SolidElectrolyte);
    d.seVolumeFractionCathode = cathode.layer.volumeFractionOf(Category::SolidElectrolyte);
    d.activeVolumeFractionCathode = cathode.layer.volumeFractionOf(Category::Cathode);
}

LayerSummary composite(std::string name, const CompositeLayer& l, double count) {
    return {std::move(name), materialNames(l), Level::Stack, l.thickness,
            l.thickness,     l.arealMass(),    count};
}

LayerSummary dense(std::string name, const DenseLayer& l, Level level, double count) {
    return {std::move(name), l.material->name, level, l.thickness,
            l.thickness,     l.arealMass(),    count};
}

/// Every layer of the stack with how many times it occurs (docs/physics/cell-design.md#stacks).
std::vector<LayerSummary> listLayers(const CellSpec& spec, const CellDesign& d) {
    const double n = spec.cells;
    std::vector<LayerSummary> layers;
    layers.push_back(composite("cathode composite", spec.cathode.layer, n));
    layers.push_back(composite("separator", spec.separator, n));
    const Anode& a = spec.anode;
    switch (a.kind) {
        case AnodeKind::Composite:
            layers.push_back(composite("anode composite", a.composite->layer, n));
            break;
        case AnodeKind::LiMetal:
            layers.push_back(dense("anode (Li metal)", *a.foil, Level::Stack, n));
            break;
        case AnodeKind::AlloyFoil:
            layers.push_back(dense("anode (alloy foil)", *a.foil, Level::Stack, n));
            break;
        case AnodeKind::AnodeFree:
            if (a.interlayer) layers.push_back(composite("anode interlayer", *a.interlayer, n));
            layers.push_back({"plated Li (charged)", "Li", Level::Stack, 0.0, 0.0, 0.0, n});
            break;
    }
    if (a.platedMetal)
        layers.back().chargedThickness += platedThickness(*a.platedMetal, d.capacity);

    // Collectors: a sheet stack of n cells shares double-coated collectors, (n+1)/2 positive
    // and n/2+1 negative; a bipolar stack has n−1 bipolar plates and two end collectors.
    double positive = 1, negative = 1;
    if (spec.format == StackFormat::Sheet) {
        positive = static_cast<double>((spec.cells + 1) / 2);
        negative = static_cast<double>(spec.cells / 2 + 1);
    }
    if (spec.positiveCollector)
        layers.push_back(dense("positive current collector", *spec.positiveCollector,
                               Level::CurrentCollector, positive));
    if (spec.negativeCollector)
        layers.push_back(dense("negative current collector", *spec.negativeCollector,
                               Level::CurrentCollector, negative));
    if (spec.bipolarCollector)
        layers.push_back(dense("bipolar current collector", *spec.bipolarCollector,
                               Level::CurrentCollector, n - 1));
    if (spec.packagingArealMass > 0 || spec.packagingThickness > 0)
        layers.push_back({"packaging", "", Level::Packaging, spec.packagingThickness,
                          spec.packagingThickness, spec.packagingArealMass, 1});
    return layers;
}

/// Energy density of the layers up to `upTo` (Randau et al. 2020, doi:10.1038/s41560-020-0565-1).
EnergyDensity energyDensity(const std::vector<LayerSummary>& layers, Level upTo,
                            double energyPerArea) {
    EnergyDensity e;
    for (const auto& l : layers) {
        if (static_cast<int>(l.level) > static_cast<int>(upTo)) continue;
        e.arealMass += l.count * l.arealMass;
        e.thickness += l.count * l.chargedThickness;
    }
    e.gravimetric = energyPerArea / e.arealMass;
    e.volumetric = energyPerArea / e.thickness;
    return e;
}

}  // namespace

CellDesign designCell(const CellSpec& spec) {
    CellDesign d;
    d.name = spec.name;
    d.format = spec.format;
    d.cells = spec.cells;
    d.area = spec.area;
    computeElectrochemistry(spec, d);
    d.layers = listLayers(spec, d);
    const double energyPerArea = spec.cells * d.capacity * d.averageVoltage;  // J/m^2
    d.stack = energyDensity(d.layers, Level::Stack, energyPerArea);
    d.withCollectors = energyDensity(d.layers, Level::CurrentCollector, energyPerArea);
    d.withPackaging = energyDensity(d.layers, Level::Packaging, energyPerArea);
    return d;
}

std::string_view toString(Level level) {
    switch (level) {
        case Level::Stack:
            return "stack";
        case Level::CurrentCollector:
            return "current collector";
        case Level::Packaging:
            return "packaging";
    }
    return "";
}

}  // namespace ssbsim::cell
