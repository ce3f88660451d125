#include "ssbsim/materials/PropertySchema.h"

#include <algorithm>

namespace ssbsim::materials {

const std::vector<PropertySpec>& propertySpecs() {
    using S = PropertyShape;
    static const std::vector<PropertySpec> specs = {
        {"density", S::Scalar, "g/cm^3", "mass density"},
        {"molar-mass", S::Scalar, "g/mol", "molar mass of the formula unit"},
        {"ionic-conductivity", S::Arrhenius, "mS/cm", "bulk Li+ conductivity"},
        {"grain-boundary-conductivity", S::Arrhenius, "mS/cm",
         "apparent grain-boundary conductivity (brick-layer)"},
        {"electronic-conductivity", S::Arrhenius, "S/cm", "electronic conductivity"},
        {"relative-permittivity", S::Scalar, "1", "relative dielectric permittivity"},
        {"grain-size", S::Scalar, "um", "mean grain size (brick-layer model)"},
        {"grain-boundary-thickness", S::Scalar, "nm", "electrical grain-boundary thickness"},
        {"electrochemical-stability-window", S::Range, "V", "stability window vs Li/Li+"},
        {"youngs-modulus", S::Scalar, "GPa", "Young's modulus"},
        {"shear-modulus", S::Scalar, "GPa", "shear modulus"},
        {"poissons-ratio", S::Scalar, "1", "Poisson's ratio"},
        {"yield-strength", S::Scalar, "MPa", "yield strength"},
        {"creep", S::PowerLawCreep, "", "power-law creep"},
        {"theoretical-capacity", S::Scalar, "mAh/g", "theoretical specific capacity"},
        {"practical-capacity", S::Scalar, "mAh/g", "practical specific capacity"},
        {"discharged-stoichiometry", S::Scalar, "1", "lithium fraction x at end of discharge"},
        {"open-circuit-potential", S::Table, "V", "open-circuit potential vs Li/Li+"},
        {"volume-change", S::Table, "%", "volume change vs lithium fraction"},
        {"diffusivity", S::Arrhenius, "cm^2/s", "chemical diffusivity of Li in the solid"},
        {"relative-diffusivity", S::Table, "1", "D(x)/D: concentration dependence of diffusivity"},
        {"lithium-transference-number", S::Scalar, "1", "Li+ transference number"},
        {"salt-diffusivity", S::Arrhenius, "cm^2/s", "salt diffusivity"},
        {"thermodynamic-factor", S::Scalar, "1", "thermodynamic factor 1 + dln f/dln c"},
        {"salt-concentration", S::Scalar, "mol/L", "reference salt concentration"},
        {"thermal-conductivity", S::Scalar, "W/(m*K)", "thermal conductivity"},
        {"specific-heat-capacity", S::Scalar, "J/(g*K)", "specific heat capacity"},
    };
    return specs;
}

const PropertySpec* findPropertySpec(std::string_view name) {
    const auto& specs = propertySpecs();
    const auto it = std::find_if(specs.begin(), specs.end(),
                                 [&](const PropertySpec& s) { return s.name == name; });
    return it == specs.end() ? nullptr : &*it;
}

const std::vector<std::pair<Category, std::string_view>>& categoryNames() {
    static const std::vector<std::pair<Category, std::string_view>> names = {
        {Category::SolidElectrolyte, "solid-electrolyte"},
        {Category::Cathode, "cathode"},
        {Category::Anode, "anode"},
        {Category::Coating, "coating"},
        {Category::ConductiveAdditive, "conductive-additive"},
        {Category::Binder, "binder"},
        {Category::CurrentCollector, "current-collector"},
        {Category::LiquidElectrolyte, "liquid-electrolyte"},
        {Category::SeparatorMembrane, "separator-membrane"},
    };
    return names;
}

std::string_view toString(Category category) {
    for (const auto& [c, name] : categoryNames())
        if (c == category) return name;
    return "unknown";
}

std::vector<std::string_view> requiredProperties(Category category, bool binarySalt) {
    std::vector<std::string_view> required;
    switch (category) {
        case Category::SolidElectrolyte:
            required = {"density",
                        "molar-mass",
                        "ionic-conductivity",
                        "electronic-conductivity",
                        "electrochemical-stability-window",
                        "youngs-modulus",
                        "shear-modulus"};
            break;
        case Category::Cathode:
            required = {"density",
                        "molar-mass",
                        "theoretical-capacity",
                        "practical-capacity",
                        "discharged-stoichiometry",
                        "open-circuit-potential",
                        "diffusivity",
                        "volume-change"};
            break;
        case Category::Anode:
            required = {"density",
                        "molar-mass",
                        "theoretical-capacity",
                        "practical-capacity",
                        "discharged-stoichiometry",
                        "open-circuit-potential"};
            break;
        case Category::Coating:
            required = {"density", "ionic-conductivity"};
            break;
        case Category::ConductiveAdditive:
        case Category::CurrentCollector:
            required = {"density", "electronic-conductivity"};
            break;
        case Category::Binder:
        case Category::SeparatorMembrane:
            required = {"density"};
            break;
        case Category::LiquidElectrolyte:
            required = {"density", "ionic-conductivity"};
            break;
    }
    if (binarySalt) {
        for (std::string_view p : {"lithium-transference-number", "salt-diffusivity",
                                   "thermodynamic-factor", "salt-concentration"})
            required.push_back(p);
    }
    return required;
}

}  // namespace ssbsim::materials
