#pragma once
// Which properties a material file may hold, their shape and unit, and which ones each
// category requires (docs/materials-format.md). The single place that knows the names.

#include <string_view>
#include <vector>

namespace ssbsim::materials {

enum class PropertyShape { Scalar, Range, Arrhenius, Table, PowerLawCreep };

enum class Category {
    SolidElectrolyte,
    Cathode,
    Anode,
    Coating,
    ConductiveAdditive,
    Binder,
    CurrentCollector,
    LiquidElectrolyte,
    SeparatorMembrane,
};

struct PropertySpec {
    std::string_view name;
    PropertyShape shape;
    std::string_view unit;  ///< display unit; inputs may use any unit of the same dimension
    std::string_view meaning;
};

const std::vector<PropertySpec>& propertySpecs();
const PropertySpec* findPropertySpec(std::string_view name);

const std::vector<std::pair<Category, std::string_view>>& categoryNames();
std::string_view toString(Category category);

/// Properties a file of this category must give; binary-salt electrolytes need more.
std::vector<std::string_view> requiredProperties(Category category, bool binarySalt);

}  // namespace ssbsim::materials
