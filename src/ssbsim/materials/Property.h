#pragma once
// One property of a material as read from its file: a value of one of five shapes plus the
// source it was taken from. Values are SI. Shapes and names: docs/materials-format.md.

#include <array>
#include <string>
#include <variant>

#include "ssbsim/core/Error.h"
#include "ssbsim/core/LinearTable.h"
#include "ssbsim/materials/ArrheniusLaw.h"

namespace ssbsim::materials {

using Range = std::array<double, 2>;  ///< lower, upper

struct Property {
    std::string name;
    std::variant<double, Range, ArrheniusLaw, LinearTable, PowerLawCreep> value;
    std::string unit;      ///< unit the file used, kept for display
    std::string xMeaning;  ///< tables: what x is
    std::string source;
    std::string note;
    SourceLocation where;
};

}  // namespace ssbsim::materials
