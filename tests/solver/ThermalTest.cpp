// The lumped thermal model (docs/physics/thermal.md) against Newton's law of cooling, the
// energy balance of an adiabatic discharge, the isothermal limit, and the Arrhenius laws of the
// material records.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ssbsim/cell/CellDesign.h"
#include "ssbsim/cell/CellReader.h"
#include "ssbsim/core/Constants.h"
#include "ssbsim/models/CellModel.h"
#include "ssbsim/solver/CellRun.h"
#include "ssbsim/solver/Simulation.h"
#include "support/TestCells.h"

using namespace ssbsim;

namespace {

const std::string thermalCell = SSBSIM_TEST_DATA "/cells/engine-thermal.yaml";

cell::CellSpec thermalSpec() {
    return cell::readCellFile(thermalCell, ssbsim::testing::testLibrary());
}

solver::Solution simulate(const models::CellParameters& p, std::vector<std::string> protocol,
                          double initialSoc = 1.0) {
    models::CellModel model(p, {});
    solver::SimulationOptions options;
    options.integrator.relativeTolerance = 1e-6;
    options.initialStateOfCharge = initialSoc;
    return solver::Simulation(model, options).run(solver::parseExperiment(protocol));
}

}  // namespace

TEST(Thermal, StackHeatCapacityAndCoolingPerUnitCellArea) {
    // C = m c_p / A_cells and H = h A_cooled / A_cells, with A_cooled = both faces by default.
    const cell::CellSpec spec = thermalSpec();
    const models::CellParameters p = models::buildParameters(spec);
    ASSERT_TRUE(p.thermal.lumped);
    EXPECT_DOUBLE_EQ(p.thermal.ambientTemperature, 303.15);
    EXPECT_DOUBLE_EQ(p.thermal.heatTransfer, 5.0 * 2.0);
    const double arealMass = cell::designCell(spec).withPackaging.arealMass;
    EXPECT_NEAR(p.thermal.heatCapacity, arealMass * 1000.0, 1e-12 * p.thermal.heatCapacity);
}

TEST(Thermal, ActivationEnergiesAreThoseOfTheMaterialRecords) {
    // Single Arrhenius laws: the ±0.01 % finite difference returns E itself (TestSE: 0.38 eV;
    // the kinetics' values as given; TestCAM's diffusivity has none).
    const models::CellParameters p = models::buildParameters(thermalSpec());
    const double se = 0.38 * constants::elementaryCharge * constants::avogadro;
    EXPECT_NEAR(p.separator.ionicActivation, se, 1e-7 * se);
    EXPECT_NEAR(p.positive.activation.exchangeCurrentDensity, 30e3, 1e-9);
    EXPECT_NEAR(p.metal.exchangeActivation, 0.3 * constants::elementaryCharge * constants::avogadro,
                1e-6);
    EXPECT_EQ(p.positive.activation.diffusivity, 0.0);
    // The cathode's effective electronic conductivity is given as a number: constant.
    EXPECT_EQ(p.positive.activation.electronicConductivity, 0.0);
}

TEST(Thermal, ArrheniusFactorsReproduceTheCellBuiltAtThatTemperature) {
    // The residual of the lumped model at T = 45 °C equals, row by row, that of an isothermal
    // model whose parameters were built from the material records at 45 °C (i0 of the kinetics
    // blocks scaled by hand: they are given at the cell temperature).
    const cell::CellSpec spec = thermalSpec();
    const models::CellParameters lumped = models::buildParameters(spec);
    cell::CellSpec hot = spec;
    hot.temperature = 318.15;
    hot.thermal = {};
    models::CellParameters iso = models::buildParameters(hot);
    const auto factor = [&](double e) {
        return std::exp(-e / constants::gasConstant * (1 / 318.15 - 1 / 298.15));
    };
    iso.positive.exchangeCurrentDensity *= factor(lumped.positive.activation.exchangeCurrentDensity);
    iso.metal.exchangeCurrentDensity *= factor(lumped.metal.exchangeActivation);

    const models::CellModel a(lumped, {}), b(iso, {});
    ASSERT_EQ(a.size(), b.size() + 2);  // + temperature and the positive mean stoichiometry
    // A state away from equilibrium: rest state at half charge with a current and offsets.
    std::vector<double> y = b.restState(0.5), yp(a.size(), 0.0);
    for (size_t i = 0; i < y.size(); ++i) y[i] += 1e-3 * std::sin(1.0 + static_cast<double>(i));
    y[b.currentIndex()] = 15.0;
    std::vector<double> ya = y;
    ya.resize(a.size());
    const std::vector<double> rest = a.restState(0.5);
    std::copy(rest.begin() + static_cast<long>(y.size()), rest.end(),
              ya.begin() + static_cast<long>(y.size()));
    ya[ya.size() - 2] = 20.0;  // the temperature rise comes before the mean stoichiometry
    std::vector<double> ra(a.size()), rb(b.size());
    a.residual(0.0, ya.data(), yp.data(), ra.data());
    b.residual(0.0, y.data(), yp.data(), rb.data());
    for (size_t i = 0; i < rb.size(); ++i)
        EXPECT_NEAR(ra[i], rb[i], 1e-9 * std::max(1.0, std::abs(rb[i]))) << b.describeUnknown(i);
}

TEST(Thermal, RestingCellRelaxesToAmbientExponentially) {
    // With no current and an insulating separator (no self-discharge heat), C dT/dt =
    // −H (T − T_amb): T = T_amb + (T0 − T_amb) exp(−H t / C), Newton's law of cooling.
    models::CellParameters p = models::buildParameters(thermalSpec());
    p.separator.electronicConductivity = 0.0;
    const double tau = p.thermal.heatCapacity / p.thermal.heatTransfer;
    const solver::Solution s = simulate(p, {"Rest for 120 s"});
    ASSERT_FALSE(s.failed) << s.stopReason;
    const auto& t = s["Time [s]"];
    const auto& temperature = s["Temperature [K]"];
    ASSERT_GT(t.size(), 10u);
    EXPECT_GT(t.back() / tau, 3.0) << "the rest must cover several time constants";
    double worst = 0.0;
    for (size_t k = 0; k < t.size(); ++k)
        worst = std::max(worst, std::abs(temperature[k] -
                                         (303.15 - 5.0 * std::exp(-t[k] / tau))));
    EXPECT_LT(worst, 1e-4) << "K, over " << t.size() << " samples";
}

TEST(Thermal, AdiabaticDischargeKeepsTheEnergyBalance) {
    // Without cooling, C (T_end − T_0) = ∫ [(I + i_leak) U_ocv − I V] dt: the model integrates
    // the heat with its own mean stoichiometries, the check with the particles' mean (the
    // output "Heat generation [W]"), by the trapezoid rule over the samples.
    models::CellParameters p = models::buildParameters(thermalSpec());
    p.thermal.heatTransfer = 0.0;
    const solver::Solution s = simulate(p, {"Discharge at 1C until 3.5 V", "Rest for 10 min"});
    ASSERT_FALSE(s.failed) << s.stopReason;
    const auto& t = s["Time [s]"];
    const auto& q = s["Heat generation [W]"];
    double heat = 0.0;  // J
    for (size_t k = 1; k < t.size(); ++k) heat += 0.5 * (q[k] + q[k - 1]) * (t[k] - t[k - 1]);
    const double stored = p.thermal.heatCapacity * p.area *
                          (s["Temperature [K]"].back() - s["Temperature [K]"].front());
    EXPECT_GT(s["Temperature [K]"].back() - 298.15, 1.0) << "the test needs a real rise";
    EXPECT_NEAR(stored, heat, 1e-3 * heat);
}

TEST(Thermal, StrongCoolingAtTheCellTemperatureIsTheIsothermalRun) {
    // H → ∞ with T_amb = T0 pins T to T0 (T − T0 = q/H ≲ 1e-5 K here): the discharge lasts as
    // long as the isothermal run's and has its voltage.
    models::CellParameters p = models::buildParameters(thermalSpec());
    p.thermal.ambientTemperature = p.temperature;
    p.thermal.heatTransfer = 1e6;
    models::CellParameters iso = p;
    iso.thermal = {};
    const std::vector<std::string> protocol = {"Discharge at 2C until 3.5 V"};
    const solver::Solution a = simulate(p, protocol), b = simulate(iso, protocol);
    ASSERT_FALSE(a.failed) << a.stopReason;
    ASSERT_FALSE(b.failed) << b.stopReason;
    EXPECT_NEAR(a["Time [s]"].back(), b["Time [s]"].back(), 1e-4 * b["Time [s]"].back());
    const auto& ta = a["Time [s]"];
    const auto& va = a["Voltage [V]"];
    const auto& tb = b["Time [s]"];
    const auto& vb = b["Voltage [V]"];
    double worst = 0.0;
    for (size_t k = 0; k + 1 < tb.size(); ++k) {  // a's voltage at b's times, linear interpolation
        const auto it = std::upper_bound(ta.begin(), ta.end(), tb[k]);
        if (it == ta.begin() || it == ta.end()) continue;
        const size_t j = static_cast<size_t>(it - ta.begin());
        const double w = (tb[k] - ta[j - 1]) / (ta[j] - ta[j - 1]);
        if (tb[k] > 0.98 * tb.back()) break;  // the steep end
        worst = std::max(worst, std::abs((1 - w) * va[j - 1] + w * va[j] - vb[k]));
    }
    // Linear interpolation between a's samples (IDA's steps, ~10–60 s) adds up to V'' Δt²/8.
    EXPECT_LT(worst, 5e-4) << "V";
}

TEST(Thermal, IsothermalRunsHoldTheSetTemperature) {
    const solver::Solution s =
        simulate(ssbsim::testing::testCellParameters("engine.yaml"), {"Discharge at 1C for 10 min"});
    ASSERT_FALSE(s.failed) << s.stopReason;
    for (double t : s["Temperature [K]"]) EXPECT_EQ(t, 298.15);
    EXPECT_GT(s["Heat generation [W]"].back(), 0.0) << "a discharge releases heat";
}

TEST(Thermal, ImpedanceHoldsTheTemperature) {
    // The small signal is isothermal (docs/physics/thermal.md#impedance): a lumped cell has the
    // impedance of the same cell without the thermal block.
    const auto setup = [](const cell::CellSpec& spec) {
        solver::CellSetup s{io::ConfigNode::loadFile(thermalCell), spec, {}};
        return s;
    };
    cell::CellSpec spec = thermalSpec();
    const solver::ImpedanceSpectrum lumped = solver::cellImpedance(setup(spec), {});
    spec.thermal = {};
    const solver::ImpedanceSpectrum iso = solver::cellImpedance(setup(spec), {});
    ASSERT_EQ(lumped.frequency.size(), iso.frequency.size());
    for (size_t k = 0; k < iso.frequency.size(); ++k)
        EXPECT_LT(std::abs(lumped.areaSpecific[k] - iso.areaSpecific[k]),
                  1e-9 * std::abs(iso.areaSpecific[k]))
            << iso.frequency[k] << " Hz";
}
