#pragma once
// Reads one material file (docs/materials-format.md) into a validated Material.

#include "ssbsim/io/ConfigNode.h"
#include "ssbsim/materials/Material.h"

namespace ssbsim::materials {

/// Throws InputError with file, line and key for anything that does not follow the format.
Material readMaterial(const io::ConfigNode& root);

/// An activation energy given per particle ("0.3 eV") or per mole ("29 kJ/mol"), in J/mol;
/// InputError at the node otherwise.
double readActivationEnergy(const io::ConfigNode& node);

/// Identity of a material file: what the library needs to index it before reading it whole.
struct MaterialHeader {
    std::string name;
    std::vector<std::string> aliases;
    std::string file;
};

/// Reads name and aliases from the part of a material file before its top-level `properties:`
/// line (the whole file when there is no such line), so a library of many files can be indexed
/// without parsing every property table (issue #2: `ssbsim design` in < 50 ms).
MaterialHeader readMaterialHeader(const std::string& file);

}  // namespace ssbsim::materials
