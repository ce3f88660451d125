#include "ssbsim/core/Dimension.h"

#include <utility>

namespace ssbsim {

std::string Dimension::siString() const {
    static constexpr const char* symbols[Count] = {"m", "kg", "s", "A", "K", "mol"};
    std::string out;
    for (int i = 0; i < Count; ++i) {
        if (exponent[i] == 0) continue;
        if (!out.empty()) out += '.';
        out += symbols[i];
        if (exponent[i] != 1) out += std::to_string(exponent[i]);
    }
    return out.empty() ? "1" : out;
}

std::string Dimension::name() const {
    static const std::pair<Dimension, const char*> named[] = {
        {Dimension{}, "dimensionless number"},
        {of(1, 0, 0), "length"},
        {of(2, 0, 0), "area"},
        {of(3, 0, 0), "volume"},
        {of(0, 1, 0), "mass"},
        {of(0, 0, 1), "time"},
        {of(0, 0, -1), "frequency or rate"},
        {of(0, 0, 0, 1), "current"},
        {of(0, 0, 0, 0, 1), "temperature"},
        {of(0, 0, 0, 0, 0, 1), "amount of substance"},
        {of(2, 1, -3, -1), "voltage"},
        {of(-1, 1, -2), "pressure or stress"},
        {of(-3, -1, 3, 2), "conductivity"},
        {of(-2, 1, 0), "areal mass"},
        {of(-3, 1, 0), "density"},
        {of(0, 1, 0, 0, 0, -1), "molar mass"},
        {of(0, 0, 1, 1), "charge"},
        {of(-2, 0, 1, 1), "areal capacity"},
        {of(0, -1, 1, 1), "specific capacity"},
        {of(-2, 0, 0, 1), "current density"},
        {of(2, 0, -1), "diffusivity"},
        {of(2, 1, -2), "energy"},
        {of(2, 1, -2, 0, 0, -1), "molar energy"},
        {of(2, 1, -3), "power"},
        {of(2, 1, -3, -2), "resistance"},
        {of(4, 1, -3, -2), "areal resistance"},
        {of(-2, -1, 4, 2), "capacitance"},
        {of(-4, -1, 4, 2), "areal capacitance"},
        {of(-3, 0, 0, 0, 0, 1), "concentration"},
        {of(1, 1, -3, 0, -1), "thermal conductivity"},
        {of(2, 0, -2, 0, -1), "specific heat capacity"},
        {of(-1, 0, 0), "inverse length"},
    };
    for (const auto& [dimension, label] : named)
        if (dimension == *this) return label;
    return {};
}

}  // namespace ssbsim
