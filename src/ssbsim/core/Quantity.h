#pragma once
// Quantities written by users: a number in SI, or "number unit" ("75 um", "25 degC").

#include <optional>
#include <string_view>
#include <utility>

#include "ssbsim/core/Unit.h"

namespace ssbsim {

/// Converts `text` to SI, checking that its unit has the dimension of `expectedUnit`
/// (e.g. "m", "mAh/cm^2"). A bare number is taken as already SI. Throws InputError
/// (without location) naming the expected unit and what was found.
double parseQuantity(std::string_view text, std::string_view expectedUnit);

/// Converts `value` given in unit `unitText` to SI, checking its dimension as above.
double convertToSI(double value, std::string_view unitText, std::string_view expectedUnit);

/// The finite number a text starts with, blanks before it skipped (std::from_chars, so "1e-3"
/// and ".5" work; a leading '+' too), and the text after it; nullopt when there is none.
std::optional<std::pair<double, std::string_view>> leadingNumber(std::string_view text);

/// "a length (e.g. um)" — how error messages describe what was expected.
std::string describeExpected(std::string_view expectedUnit);

}  // namespace ssbsim
