// The binary-salt electrolyte and composite negative electrodes of the cell engine (issue #5,
// docs/physics/electrolyte.md) against analytic limits and conservation.
#include <gtest/gtest.h>

#include <cmath>

#include "ssbsim/cell/CellReader.h"
#include "ssbsim/core/Constants.h"
#include "ssbsim/models/CellModel.h"
#include "ssbsim/solver/Simulation.h"
#include "support/TestCells.h"

using namespace ssbsim;

namespace {

solver::Solution simulate(models::CellModel& model, std::vector<std::string> protocol) {
    solver::SimulationOptions options;
    options.integrator.relativeTolerance = 1e-8;
    solver::Simulation simulation(model, options);
    return simulation.run(solver::parseExperiment(protocol));
}

}  // namespace

TEST(BinaryElectrolyte, SeparatorSteadyStateIsTheAnalyticLinearProfile) {
    // At steady state no salt accumulates, so the Li+ flux equals i/F everywhere; in the
    // separator i = I (+ leakage) and N+ = −D_eff ∂c/∂x + t+ i/F gives the linear profile
    //   ∂c/∂x = −(1 − t+) I / (F D_eff)
    // (Doyle, Fuller & Newman, J. Electrochem. Soc. 140, 1526 (1993), doi:10.1149/1.2221597).
    // Relaxation time L²/D = (50 µm)² / 1e-10 m²/s = 25 s; after 1500 s at C/5 with a linear OCV
    // the reaction distribution is steady as well.
    const auto p = ssbsim::testing::testCellParameters("polymer.yaml");
    ASSERT_TRUE(p.salt.has_value());
    EXPECT_DOUBLE_EQ(p.separator.transportEfficiency, 1.0);  // dense polymer: ε = 1
    const models::Discretization mesh{
        .separatorCells = 10, .positiveCells = 10, .particleShells = 8};
    models::CellModel model(p, mesh);
    const auto s = simulate(model, {"Discharge at C/5 for 1500 seconds"});
    ASSERT_FALSE(s.failed) << s.stopReason;
    const auto& c = s.profiles.back().values.at("Electrolyte concentration [mol.m-3]");
    const auto& x = s.positions.at("Electrolyte");
    const double I = p.nominalCapacity / 3600.0 / 5.0 + s["Leakage current density [A.m-2]"].back();
    const double slope =
        -(1 - p.salt->transferenceNumber) * I / (constants::faraday * p.salt->diffusivity);
    for (size_t i = 0; i + 1 < mesh.separatorCells; ++i) {
        const double observed = (c[i + 1] - c[i]) / (x[i + 1] - x[i]);
        EXPECT_NEAR(observed, slope, std::abs(slope) * 1e-4) << "face " << i;
    }
    // The salt only moves: its total stays c_e0 times the electrolyte volume.
    double salt = 0.0, volume = 0.0;
    for (size_t i = 0; i < c.size(); ++i) {
        const double dx = model.grid().width(i);
        const double eps = i < mesh.separatorCells ? p.separator.electrolyteFraction
                                                   : p.positive.electrolyteFraction;
        salt += eps * c[i] * dx;
        volume += eps * dx;
    }
    EXPECT_NEAR(salt, p.salt->initialConcentration * volume,
                1e-10 * p.salt->initialConcentration * volume);
}

TEST(BinaryElectrolyte, LithiumIsConservedOverACycle) {
    // Particles, metal and salt exchange Li+; none is created or lost.
    const auto p = ssbsim::testing::testCellParameters("polymer.yaml");
    models::CellModel model(p, {.separatorCells = 6, .positiveCells = 8, .particleShells = 6});
    const auto s = simulate(model, {"Discharge at 1C until 3.4 V", "Rest for 10 minutes",
                                    "Charge at 1C until 4.1 V", "Hold at 4.1 V for 10 minutes"});
    ASSERT_FALSE(s.failed) << s.stopReason;
    const auto& li = s["Lithium inventory [mol.m-2]"];
    for (double v : li) EXPECT_NEAR(v, li.front(), 1e-10 * li.front());
}

TEST(CompositeNegative, SlowDischargeDeliversTheCathodeWindowAndConservesLithium) {
    // N/P = 1.2: the cathode's window limits. At C/100 with linear OCVs overpotentials are
    // ~1 mV, so the charge delivered until the run ends (a surface leaves its OCV table) is the
    // Li the accessible cathode particles took up, within 0.5 %.
    const auto p = ssbsim::testing::testCellParameters("composite-anode.yaml");
    ASSERT_TRUE(p.negative.has_value());
    models::CellModel model(
        p, {.negativeCells = 8, .separatorCells = 5, .positiveCells = 8, .particleShells = 6});
    const auto s = simulate(model, {"Discharge at C/100 for 200 hours"});
    // The run ends on the cathode's table edge or the anode's: take the delivered charge there.
    const auto& xp = s["Positive electrode stoichiometry"];
    const double xp0 = p.positive.stoichiometry(1.0);
    // The cathode also takes up the Li+ that the electronic leakage through the separator
    // sends (self-discharge, docs/physics/cell-model.md#leakage).
    const auto& t = s["Time [s]"];
    const auto& leak = s["Leakage current density [A.m-2]"];
    double leaked = 0.0;
    for (size_t k = 1; k < t.size(); ++k)
        leaked += 0.5 * (leak[k] + leak[k - 1]) * (t[k] - t[k - 1]);
    const double delivered = s["Discharge capacity [A.h]"].back() * 3600.0 / p.area + leaked;
    const double expected = (xp.back() - xp0) * p.positive.maxConcentration *
                            p.positive.activeFraction * p.positive.thickness * constants::faraday;
    EXPECT_NEAR(delivered, expected, 5e-3 * expected);
    const auto& li = s["Lithium inventory [mol.m-2]"];
    for (double v : li) EXPECT_NEAR(v, li.front(), 1e-10 * li.front());
    // The anode gave up what the cathode took.
    const auto& xn = s["Negative electrode stoichiometry"];
    const double anodeLoss = (p.negative->stoichiometry(1.0) - xn.back()) *
                             p.negative->maxConcentration * p.negative->activeFraction *
                             p.negative->thickness * constants::faraday;
    EXPECT_NEAR(anodeLoss, expected, 5e-3 * expected);
}

TEST(BinaryElectrolyte, SaltDepletionEndsTheExperimentWithAClearReason) {
    // Limiting current of the separator 2 F D c0 / ((1 − t+) L) ≈ 550 A/m^2 < 80C of this cell
    // (1 mAh/cm^2, 10 A/m^2 per C): the salt at the positive side runs out and the run ends on
    // that event
    // instead of a solver failure.
    const auto p = ssbsim::testing::testCellParameters("polymer.yaml");
    models::CellModel model(p, {.separatorCells = 6, .positiveCells = 8, .particleShells = 6});
    const auto s = simulate(model, {"Discharge at 80C until 0.01 V"});
    EXPECT_FALSE(s.failed) << s.stopReason;
    EXPECT_NE(s.stopReason.find("salt was depleted"), std::string::npos) << s.stopReason;
}
