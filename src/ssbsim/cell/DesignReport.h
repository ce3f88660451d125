#pragma once
// Presentation of a CellDesign: a table for the terminal and summary.json.
// Numbers are shown in the units battery researchers use; each name carries its unit.

#include <nlohmann/json.hpp>

#include <string>

#include "ssbsim/cell/CellDesign.h"

namespace ssbsim::cell {

/// Terminal table; `reference` (may be null) is shown beside for comparison.
std::string formatDesignTable(const CellDesign& design, const CellDesign* reference);

/// The summary.json object of one design.
nlohmann::json designToJson(const CellDesign& design);

}  // namespace ssbsim::cell
