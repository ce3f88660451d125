// Quantities with units at the input edge: every unit named in issue #2 and its error cases.
#include <gtest/gtest.h>

#include "ssbsim/core/Error.h"
#include "ssbsim/core/Quantity.h"

using ssbsim::InputError;
using ssbsim::parseQuantity;

namespace {
constexpr double rel = 1e-12;  // conversions are exact up to rounding
}

TEST(Quantity, UnitsNamedInTheIssue) {
    EXPECT_NEAR(parseQuantity("75 um", "m"), 75e-6, 75e-6 * rel);
    EXPECT_NEAR(parseQuantity("3.5 mg/cm^2", "kg/m^2"), 3.5e-6 / 1e-4, 0.035 * rel);
    EXPECT_NEAR(parseQuantity("5 MPa", "Pa"), 5e6, 5e6 * rel);
    EXPECT_NEAR(parseQuantity("25 degC", "K"), 298.15, 298.15 * rel);
    EXPECT_NEAR(parseQuantity("2 mS/cm", "S/m"), 0.2, 0.2 * rel);
    // 1.6 mAh/cm^2 = 1.6e-3 A * 3600 s / 1e-4 m^2 = 57600 C/m^2
    EXPECT_NEAR(parseQuantity("1.6 mAh/cm^2", "C/m^2"), 57600, 57600 * rel);
}

TEST(Quantity, BareNumberIsSI) {
    EXPECT_DOUBLE_EQ(parseQuantity("7.5e-5", "m"), 7.5e-5);
    EXPECT_DOUBLE_EQ(parseQuantity("298.15", "K"), 298.15);
    EXPECT_DOUBLE_EQ(parseQuantity("0.3", "1"), 0.3);
}

TEST(Quantity, OtherSpellings) {
    EXPECT_NEAR(parseQuantity("75 µm", "m"), 75e-6, 1e-18);
    EXPECT_NEAR(parseQuantity("75um", "m"), 75e-6, 1e-18);
    EXPECT_NEAR(parseQuantity("0.5 mA/cm2", "A/m^2"), 5.0, 5 * rel);
    EXPECT_NEAR(parseQuantity("10 ohm cm2", "ohm*m^2"), 1e-3, 1e-3 * rel);
    EXPECT_NEAR(parseQuantity("10 Ohm.cm^2", "ohm*m^2"), 1e-3, 1e-3 * rel);
    EXPECT_NEAR(parseQuantity("8.314 J/(mol*K)", "J/mol/K"), 8.314, 8.314 * rel);
    EXPECT_NEAR(parseQuantity("30 %", "1"), 0.3, 0.3 * rel);
    EXPECT_NEAR(parseQuantity("2 h", "s"), 7200, 7200 * rel);
    EXPECT_NEAR(parseQuantity("90 min", "s"), 5400, 5400 * rel);
    EXPECT_NEAR(parseQuantity("1 eV", "J"), 1.602176634e-19, 1.602176634e-19 * rel);
    EXPECT_NEAR(parseQuantity("36.7 kJ/mol", "J/mol"), 36700, 36700 * rel);
    EXPECT_NEAR(parseQuantity("1e-10 cm^2/s", "m^2/s"), 1e-14, 1e-14 * rel);
    EXPECT_NEAR(parseQuantity("200 mAh/g", "C/kg"), 200 * 3.6 * 1e3, 720000 * rel);
    EXPECT_NEAR(parseQuantity("2.7 g/cm^3", "kg/m^3"), 2700, 2700 * rel);
    EXPECT_NEAR(parseQuantity("1 mol/L", "mol/m^3"), 1000, 1000 * rel);
    EXPECT_NEAR(parseQuantity("1 M", "mol/m^3"), 1000, 1000 * rel);
    EXPECT_NEAR(parseQuantity("350 Wh/kg", "J/kg"), 350 * 3600, 1260000 * rel);
    EXPECT_NEAR(parseQuantity("1 bar", "Pa"), 1e5, 1e5 * rel);
    EXPECT_NEAR(parseQuantity("-20 degC", "K"), 253.15, 253.15 * rel);
    EXPECT_NEAR(parseQuantity("4.25e4 1/s", "1/s"), 4.25e4, 4.25e4 * rel);
    EXPECT_NEAR(parseQuantity("+3 V", "V"), 3, 3 * rel);
}

TEST(Quantity, ErrorsSayWhatWasExpected) {
    auto message = [](const char* text, const char* unit) {
        try {
            parseQuantity(text, unit);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(message("75 V", "m").find("expected a length"), std::string::npos);
    EXPECT_NE(message("75 V", "m").find("(voltage)"), std::string::npos);
    EXPECT_NE(message("75 furlongs", "m").find("unknown unit 'furlongs'"), std::string::npos);
    EXPECT_NE(message("um", "m").find("expected a number"), std::string::npos);
    EXPECT_NE(message("abc", "m").find("expected a number"), std::string::npos);
    EXPECT_NE(message("", "m").find("expected a number"), std::string::npos);
    EXPECT_NE(message("75 um^", "m").find("integer exponent"), std::string::npos);
    EXPECT_NE(message("75 (um", "m").find("missing ')'"), std::string::npos);
    EXPECT_NE(message("3 J/degC", "J/K").find("unknown unit"), std::string::npos);
    EXPECT_NE(message("2 mS/cm", "S/m^2").find("(conductivity)"), std::string::npos);
    EXPECT_NE(message("25 degC", "m").find("expected a length"), std::string::npos);
    EXPECT_NE(message("0.3 m", "1").find("dimensionless"), std::string::npos);
    EXPECT_NE(message("nan", "m").find("expected a number"), std::string::npos);
    EXPECT_NE(message("75 m m m / / s", "m").find("cannot read unit"), std::string::npos);
}
