#pragma once
// Text presentation of materials for `ssbsim materials list|show`.

#include <string>
#include <vector>

#include "ssbsim/materials/Material.h"

namespace ssbsim::materials {

/// One line per material: name, category, formula, a headline property, aliases.
std::string formatMaterialList(const std::vector<const Material*>& materials);
/// Every property with value, unit and source; `withTables` prints every table point.
std::string formatMaterial(const Material& material, bool withTables);
/// A property's value in its display unit, e.g. "2 mS/cm at 25 degC, Ea = 0.38 eV".
std::string formatPropertyValue(const Property& property);

}  // namespace ssbsim::materials
