#pragma once
// A generator input file: which generator, the volume (size, voxel size, periodicity), the seed
// and the generator's own section, read with units and located errors. The format is specified
// in docs/physics/microstructure.md#generator-input; data/micro/*.yaml are examples.

#include <string>
#include <string_view>
#include <variant>

#include "ssbsim/io/ConfigNode.h"
#include "ssbsim/micro/CompositeGenerator.h"
#include "ssbsim/micro/GeneratedVolume.h"
#include "ssbsim/micro/InterfaceVoidGenerator.h"
#include "ssbsim/micro/PolycrystalGenerator.h"

namespace ssbsim::micro {

using GeneratorSpec = std::variant<CompositeSpec, PolycrystalSpec, InterfaceVoidSpec>;

/// Reads a generator input from its YAML tree; InputError at the offending key for an unknown
/// key, a missing one, a wrong unit or a value out of range.
GeneratorSpec readGeneratorSpec(const io::ConfigNode& root);

/// The value of `generator:` that selects `spec`'s kind ("composite-cathode", "polycrystal",
/// "li-interface").
std::string_view generatorName(const GeneratorSpec& spec);

/// Runs the generator `spec` selects.
GeneratedVolume generate(const GeneratorSpec& spec);

}  // namespace ssbsim::micro
