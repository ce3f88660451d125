#include "ssbsim/core/Quantity.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

#include "ssbsim/core/Error.h"

namespace ssbsim {

namespace {

void checkDimension(const Unit& unit, std::string_view unitText, std::string_view expectedUnit) {
    const Unit expected = parseUnit(expectedUnit);
    if (unit.dimension == expected.dimension) return;
    const std::string found = unit.dimension.name();
    throw InputError(fmt::format("expected {}, got unit '{}'{}", describeExpected(expectedUnit),
                                 unitText, found.empty() ? "" : fmt::format(" ({})", found)));
}

}  // namespace

std::string describeExpected(std::string_view expectedUnit) {
    const Unit expected = parseUnit(expectedUnit);
    if (expected.dimension.dimensionless()) return "a dimensionless number (e.g. 0.3 or \"30 %\")";
    const std::string name = expected.dimension.name();
    return fmt::format("a {} (e.g. \"{}\")", name.empty() ? "quantity" : name, expectedUnit);
}

double convertToSI(double value, std::string_view unitText, std::string_view expectedUnit) {
    if (unitText.find_first_not_of(" \t") == std::string_view::npos)
        return value;  // bare number: SI
    const Unit unit = parseUnit(unitText);
    checkDimension(unit, unitText, expectedUnit);
    return unit.toSI(value);
}

std::optional<std::pair<double, std::string_view>> leadingNumber(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (!text.empty() && *first == '+') ++first;  // from_chars does not accept a leading '+'
    double value = 0.0;
    const auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || !std::isfinite(value)) return std::nullopt;
    return std::pair{value, std::string_view(end, static_cast<size_t>(last - end))};
}

double parseQuantity(std::string_view text, std::string_view expectedUnit) {
    const auto number = leadingNumber(text);
    if (!number) {
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
            text.remove_prefix(1);
        throw InputError(fmt::format("expected a number with a unit, {}, got \"{}\"",
                                     describeExpected(expectedUnit), text));
    }
    return convertToSI(number->first, number->second, expectedUnit);
}

}  // namespace ssbsim
