#pragma once
// Reads one material file (docs/materials-format.md) into a validated Material.

#include "ssbsim/io/ConfigNode.h"
#include "ssbsim/materials/Material.h"

namespace ssbsim::materials {

/// Throws InputError with file, line and key for anything that does not follow the format.
Material readMaterial(const io::ConfigNode& root);

}  // namespace ssbsim::materials
