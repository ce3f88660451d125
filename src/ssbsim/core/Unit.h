#pragma once
// Unit expressions such as "mAh/cm^2", "J/(mol*K)", "ohm cm2", "degC".
// Grammar and the list of symbols: docs/input-format.md#units.

#include <string>
#include <string_view>

#include "ssbsim/core/Dimension.h"

namespace ssbsim {

/// A unit: value_SI = value * factor + offset. offset is non-zero only for degC.
struct Unit {
    double factor = 1.0;
    double offset = 0.0;
    Dimension dimension;

    double toSI(double value) const { return value * factor + offset; }
    double fromSI(double value) const { return (value - offset) / factor; }
};

/// Parses a unit expression. Throws InputError (without location) on unknown symbols or syntax.
Unit parseUnit(std::string_view text);

}  // namespace ssbsim
