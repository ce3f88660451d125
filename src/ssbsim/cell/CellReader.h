#pragma once
// Reads a cell file (docs/input-format.md) into a validated CellSpec.

#include <string>

#include "ssbsim/cell/CellSpec.h"
#include "ssbsim/io/ConfigNode.h"
#include "ssbsim/materials/MaterialLibrary.h"

namespace ssbsim::cell {

/// Every problem (unknown key, missing key, wrong unit, unphysical or inconsistent value,
/// unknown material) is an InputError with file, line, key path and what was expected.
CellSpec readCell(const io::ConfigNode& root, const materials::MaterialLibrary& library);
CellSpec readCellFile(const std::string& file, const materials::MaterialLibrary& library);

}  // namespace ssbsim::cell
