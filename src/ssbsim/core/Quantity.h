#pragma once
// Quantities written by users: a number in SI, or "number unit" ("75 um", "25 degC").

#include <string_view>

#include "ssbsim/core/Unit.h"

namespace ssbsim {

/// Converts `text` to SI, checking that its unit has the dimension of `expectedUnit`
/// (e.g. "m", "mAh/cm^2"). A bare number is taken as already SI. Throws InputError
/// (without location) naming the expected unit and what was found.
double parseQuantity(std::string_view text, std::string_view expectedUnit);

/// Converts `value` given in unit `unitText` to SI, checking its dimension as above.
double convertToSI(double value, std::string_view unitText, std::string_view expectedUnit);

/// "a length (e.g. um)" — how error messages describe what was expected.
std::string describeExpected(std::string_view expectedUnit);

}  // namespace ssbsim
