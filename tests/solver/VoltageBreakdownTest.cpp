// The voltage breakdown (docs/physics/cell-model.md#voltage-breakdown): the open-circuit voltage
// and six losses sum to the voltage exactly, for every kind of cell the engine builds, and the
// electrolyte's ohmic loss meets porous-electrode theory in the uniform-reaction limit.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "ssbsim/models/BpxReader.h"
#include "ssbsim/models/CellModel.h"
#include "ssbsim/solver/Simulation.h"
#include "support/TestCells.h"

using namespace ssbsim;

namespace {

const std::array<std::string, 6> losses = {
    "Particle concentration overpotential [V]", "Reaction overpotential [V]",
    "Interface film overpotential [V]",         "Electrolyte concentration overpotential [V]",
    "Electrolyte ohmic overpotential [V]",      "Solid-phase ohmic overpotential [V]"};

solver::Solution simulate(const models::CellParameters& p, std::vector<std::string> protocol,
                          models::Discretization mesh = {}) {
    models::CellModel model(p, mesh);
    solver::SimulationOptions options;
    options.integrator.relativeTolerance = 1e-6;
    return solver::Simulation(model, options).run(solver::parseExperiment(protocol));
}

/// Index of the last sample of a step (0-based step index).
size_t lastSampleOf(const solver::Solution& s, size_t step) {
    const auto& steps = s["Step number"];
    size_t last = 0;
    for (size_t k = 0; k < steps.size(); ++k)
        if (steps[k] == static_cast<double>(step + 1)) last = k;
    return last;
}

/// V = OCV + Σ losses at every stored time, to rounding (1e-9 V); and the signs: each loss
/// is ≤ 0 at the end of a discharge step and ≥ 0 at the end of a charge step, strictly for
/// the reaction and the two ohmic losses.
void expectExactBreakdown(const solver::Solution& s, size_t discharge, size_t charge) {
    ASSERT_FALSE(s.failed) << s.stopReason;
    const auto& v = s["Voltage [V]"];
    const auto& ocv = s["Open-circuit voltage [V]"];
    double worst = 0.0;
    for (size_t k = 0; k < v.size(); ++k) {
        double sum = ocv[k];
        for (const auto& name : losses) sum += s[name][k];
        worst = std::max(worst, std::abs(v[k] - sum));
    }
    EXPECT_LE(worst, 1e-9) << "over " << v.size() << " samples";
    for (const auto& [step, sign] : {std::pair{discharge, -1.0}, std::pair{charge, 1.0}}) {
        const size_t k = lastSampleOf(s, step);
        for (const auto& name : losses)
            EXPECT_GE(sign * s[name][k], 0.0) << name << " step " << step;
        for (const char* name :
             {"Reaction overpotential [V]", "Electrolyte ohmic overpotential [V]",
              "Solid-phase ohmic overpotential [V]"})
            EXPECT_GT(sign * s[name][k], 0.0) << name << " step " << step;
    }
}

const std::vector<std::string> cycle = {"Discharge at 1C for 20 minutes", "Rest for 10 minutes",
                                        "Charge at 1C for 10 minutes"};

}  // namespace

TEST(VoltageBreakdown, SumsToTheVoltageWithASingleIonSeparatorAndLiMetal) {
    const auto s = simulate(ssbsim::testing::testCellParameters("engine.yaml"), cycle);
    expectExactBreakdown(s, 0, 2);
    // A single-ion conductor has no diffusion potential.
    for (double e : s["Electrolyte concentration overpotential [V]"]) EXPECT_EQ(e, 0.0);
}

TEST(VoltageBreakdown, SumsToTheVoltageOfTheSheetExampleWithACoatingFilm) {
    // The bundled NMC811 | Li6PS5Cl | Li sheet stack: a LiNbO3 coating adds a film resistance.
    const auto p = models::buildParameters(cell::readCellFile(
        SSBSIM_SOURCE_DIR "/examples/sheet-nmc811-lpscl-li.yaml", ssbsim::testing::testLibrary()));
    ASSERT_GT(p.positive.filmResistance, 0.0);
    const auto s = simulate(p, cycle);
    expectExactBreakdown(s, 0, 2);
    EXPECT_LT(s["Interface film overpotential [V]"][lastSampleOf(s, 0)], 0.0);
}

TEST(VoltageBreakdown, SeparatorGrainBoundariesCountAsElectrolyteOhmic) {
    const auto p = ssbsim::testing::testCellParameters("engine-gb.yaml");
    ASSERT_GT(p.separator.grainBoundaryResistance, 0.0);
    const auto s = simulate(p, cycle);
    expectExactBreakdown(s, 0, 2);
    // The grain boundaries (R_gb = 3/4 of the total separator resistance) carry I + i_leak.
    const size_t k = lastSampleOf(s, 0);
    const double i = s["Current density [A.m-2]"][k] + s["Leakage current density [A.m-2]"][k];
    EXPECT_LT(s["Electrolyte ohmic overpotential [V]"][k],
              -i * p.separator.grainBoundaryResistance);
}

TEST(VoltageBreakdown, LiInCounterElectrodeEntersTheOpenCircuitVoltage) {
    // Voltages vs Li-In: the OCV is U_p(x̄) − 0.62 V.
    const auto p = ssbsim::testing::testCellParameters("engine-liin.yaml");
    EXPECT_NEAR(p.metal.potential, 0.62, 1e-12);
    const auto s = simulate(p, cycle);
    expectExactBreakdown(s, 0, 2);
    const auto& x = s["Positive electrode stoichiometry"];
    const auto& ocv = s["Open-circuit voltage [V]"];
    for (size_t k = 0; k < x.size(); ++k)
        EXPECT_NEAR(ocv[k], p.positive.openCircuitPotential(x[k]) - 0.62, 1e-12);
}

TEST(VoltageBreakdown, SumsToTheVoltageWithACompositeNegativeElectrode) {
    const auto p = ssbsim::testing::testCellParameters("composite-anode.yaml");
    const auto s = simulate(
        p, cycle,
        {.negativeCells = 8, .separatorCells = 5, .positiveCells = 8, .particleShells = 6});
    expectExactBreakdown(s, 0, 2);
}

TEST(VoltageBreakdown, SumsToTheVoltageWithABinarySaltAndLiMetal) {
    const auto s = simulate(ssbsim::testing::testCellParameters("polymer.yaml"), cycle,
                            {.separatorCells = 8, .positiveCells = 10, .particleShells = 6});
    expectExactBreakdown(s, 0, 2);
    // Salt piles up at the negative side on discharge: a diffusion potential against it.
    EXPECT_LT(s["Electrolyte concentration overpotential [V]"][lastSampleOf(s, 0)], 0.0);
}

TEST(VoltageBreakdown, SumsToTheVoltageOfABpxDfnCellAtOneC) {
    // Binary salt, graphite | NMC (data/bpx/nmc_pouch_cell_BPX.json): discharge at 1C to the
    // cut-off, rest, charge.
    const auto bpx = models::readBpxFile(SSBSIM_SOURCE_DIR "/data/bpx/nmc_pouch_cell_BPX.json");
    const auto s = simulate(
        bpx.parameters,
        {"Discharge at 1C until 2.7 V", "Rest for 10 minutes", "Charge at 1C for 10 minutes"},
        {10, 10, 10, 10});
    expectExactBreakdown(s, 0, 2);
    EXPECT_LT(s["Electrolyte concentration overpotential [V]"][lastSampleOf(s, 0)], 0.0);
}

TEST(VoltageBreakdown, ElectrolyteOhmicLossInTheUniformReactionLimit) {
    // Porous-electrode theory (Newman & Tobias, J. Electrochem. Soc. 109, 1183 (1962),
    // doi:10.1149/1.2425269): when the electrolyte resistance of the electrode is small against
    // the charge-transfer resistance and the solid phases are ideal, the reaction is uniform,
    // the ionic current falls linearly from I at the separator to 0 at the collector, and the
    // x-averaged electrolyte potential of the electrode lies I L_p/(3 κ_p) below its separator
    // face: the electrolyte ohmic loss of a single-ion SE + Li-metal cell is
    //   −I (L_s/κ_s + L_p/(3 κ_p)).
    // With linear kinetics the relative deviation is ν²/15 on the electrode's share, ν² = (L_p/κ_p)
    // / R_ct; in the Tafel regime R_ct ≤ 2RT/(F I). Here: fast solid diffusion (D × 1e4), σ × 1e4,
    // slow kinetics (i0 = 1e-3 A/m²) at C/10, ν² ≈ 0.01 (< 0.1 % deviation); no leakage, so that
    // the rest is a true open circuit.
    auto p = ssbsim::testing::testCellParameters("engine.yaml");
    p.separator.electronicConductivity = 0.0;
    p.positive.diffusivity *= 1e4;
    p.positive.electronicConductivity *= 1e4;
    p.positive.exchangeCurrentDensity = 1e-3;
    const auto s =
        simulate(p, {"Discharge at C/10 for 30 minutes", "Rest for 2 hours"}, {10, 10, 20, 6});
    ASSERT_FALSE(s.failed) << s.stopReason;
    const double I = 0.1 * p.nominalCapacity / 3600.0;
    const double expected = -I * (p.separator.thickness / p.separator.ionicConductivity +
                                  p.positive.thickness / (3.0 * p.positive.ionicConductivity));
    const auto& ohmic = s["Electrolyte ohmic overpotential [V]"];
    const size_t end = lastSampleOf(s, 0);
    for (size_t k = 1; k <= end; ++k) EXPECT_NEAR(ohmic[k], expected, 0.01 * std::abs(expected));
    // After the long rest the voltage is the open-circuit voltage.
    EXPECT_NEAR(s["Voltage [V]"].back(), s["Open-circuit voltage [V]"].back(), 1e-6);
}
