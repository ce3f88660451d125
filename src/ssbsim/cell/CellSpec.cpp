#include "ssbsim/cell/CellSpec.h"

namespace ssbsim::cell {

double CompositeLayer::solidDensity() const {
    // 1/ρ_mix = Σ w_i/ρ_i (docs/physics/cell-design.md#composition)
    double specificVolume = 0.0;
    for (const auto& c : solids) specificVolume += c.massFraction / c.material->scalar("density");
    return 1.0 / specificVolume;
}

double CompositeLayer::arealMass() const {
    double mass = thickness * (1.0 - porosity) * solidDensity();
    if (poreElectrolyte) mass += thickness * porosity * poreElectrolyte->scalar("density");
    return mass;
}

double CompositeLayer::volumeFractionOf(materials::Category category) const {
    double sum = 0.0;
    for (const auto& c : solids)
        if (c.material->category == category) sum += c.volumeFraction;
    return sum * (1.0 - porosity);
}

double CompositeLayer::massFractionOf(materials::Category category) const {
    double sum = 0.0;
    for (const auto& c : solids)
        if (c.material->category == category) sum += c.massFraction;
    return sum;
}

double CompositeElectrode::activeLoading() const {
    return layer.thickness * (1.0 - layer.porosity) * layer.solidDensity() *
           layer.solids[activeIndex].massFraction;
}

double CompositeElectrode::practicalCapacity() const {
    return activeLoading() * active().scalar("practical-capacity");
}

double CompositeElectrode::theoreticalCapacity() const {
    return activeLoading() * active().scalar("theoretical-capacity");
}

double DenseLayer::arealMass() const {
    return thickness * material->scalar("density");
}

std::string_view toString(StackFormat format) {
    switch (format) {
        case StackFormat::Pellet:
            return "pellet";
        case StackFormat::Sheet:
            return "sheet";
        case StackFormat::Bipolar:
            return "bipolar";
    }
    return "";
}

std::string_view toString(AnodeKind kind) {
    switch (kind) {
        case AnodeKind::LiMetal:
            return "li-metal";
        case AnodeKind::AlloyFoil:
            return "alloy-foil";
        case AnodeKind::AnodeFree:
            return "anode-free";
        case AnodeKind::Composite:
            return "composite";
    }
    return "";
}

}  // namespace ssbsim::cell
