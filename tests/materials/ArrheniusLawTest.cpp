// Arrhenius temperature dependence, checked against the closed form written with k_B in eV/K
// (CODATA 2018: k_B = 8.617333262e-5 eV/K), an independent path from the J/mol one in the code.
#include <gtest/gtest.h>

#include <cmath>

#include "ssbsim/materials/ArrheniusLaw.h"
#include "ssbsim/materials/MaterialLibrary.h"

using ssbsim::materials::ArrheniusLaw;

namespace {
constexpr double kB_eV = 8.617333262e-5;
constexpr double faradayEV = 96485.33212;  // J/mol per eV
}  // namespace

TEST(ArrheniusLaw, MatchesClosedForm) {
    const ArrheniusLaw law{2e-1, 298.15, 0.38 * faradayEV};
    EXPECT_DOUBLE_EQ(law.at(298.15), 2e-1);
    for (double T : {253.15, 333.15, 353.15}) {
        const double expected = 2e-1 * std::exp(-0.38 / kB_eV * (1 / T - 1 / 298.15));
        EXPECT_NEAR(law.at(T), expected, expected * 1e-9) << "T = " << T;
    }
    // 0.38 eV doubles the conductivity between 25 and 40 degC: exp(0.38/kB*(1/298.15-1/313.15))
    // = 2.0309
    EXPECT_NEAR(law.at(313.15) / law.at(298.15), 2.0309, 1e-4);
}

TEST(ArrheniusLaw, ZeroActivationEnergyIsConstant) {
    const ArrheniusLaw law{5.0, 298.15, 0.0};
    EXPECT_DOUBLE_EQ(law.at(200.0), 5.0);
    EXPECT_DOUBLE_EQ(law.at(400.0), 5.0);
}

TEST(ArrheniusLaw, ReadFromMaterialFileInEitherUnit) {
    // TestSE gives 2 mS/cm at 25 degC with 0.38 eV.
    const auto library = ssbsim::materials::MaterialLibrary::load({SSBSIM_TEST_DATA "/materials"});
    const auto& sigma = library.find("TestSE")->arrhenius("ionic-conductivity");
    EXPECT_NEAR(sigma.referenceValue, 0.2, 1e-15);  // S/m
    EXPECT_NEAR(sigma.activationEnergy, 0.38 * faradayEV, 0.38 * faradayEV * 1e-9);
    const double T = 333.15;
    EXPECT_NEAR(sigma.at(T), 0.2 * std::exp(-0.38 / kB_eV * (1 / T - 1 / 298.15)), 1e-9);
}
