// Drive cycles ("Run <file>"): reading the CSV file and running it
// (docs/experiments.md#drive-cycles).
#include "ssbsim/solver/DriveCycle.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "ssbsim/core/Error.h"
#include "ssbsim/models/CellModel.h"
#include "ssbsim/solver/Simulation.h"
#include "support/ErrorOf.h"
#include "support/TestCells.h"

using namespace ssbsim;
using namespace ssbsim::solver;
namespace fs = std::filesystem;

namespace {

class DriveCycleFiles : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("ssbsim-drive-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string write(const std::string& name, const std::string& text) const {
        const fs::path path = dir_ / name;
        std::ofstream(path) << text;
        return path.string();
    }

    fs::path dir_;
};

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

Solution simulate(const models::CellParameters& p, const Experiment& experiment) {
    models::CellModel model(p, {});
    SimulationOptions options;
    options.integrator.relativeTolerance = 1e-6;
    return Simulation(model, options).run(experiment);
}

}  // namespace

TEST_F(DriveCycleFiles, ReadsUnitsFromTheHeader) {
    const DriveCycle c = readDriveCycle(write("mA.csv",
                                              "# a comment, then the header\n"
                                              "Time [min], Current [mA]\n"
                                              "0, 500\n"
                                              "1.5, -250\r\n"
                                              "\n"
                                              "3, 0\n"));
    EXPECT_EQ(c.amount, Amount::Current);
    ASSERT_EQ(c.time.size(), 3u);
    EXPECT_DOUBLE_EQ(c.time[1], 90.0);
    EXPECT_DOUBLE_EQ(c.value[0], 0.5);
    EXPECT_DOUBLE_EQ(c.value[1], -0.25);  // negative: a charging current
    EXPECT_DOUBLE_EQ(c.duration(), 180.0);

    EXPECT_EQ(readDriveCycle(write("w.csv", "Time [s],Power [W]\n0,1\n1,2\n")).amount,
              Amount::Power);
    EXPECT_EQ(readDriveCycle(write("c.csv", "Time [h],C-rate\n0,1\n1,2\n")).amount, Amount::CRate);
    const DriveCycle density =
        readDriveCycle(write("d.csv", "Time [s],Current density [mA/cm2]\n0,1\n1,2\n"));
    EXPECT_EQ(density.amount, Amount::CurrentDensity);
    EXPECT_DOUBLE_EQ(density.value[0], 10.0);  // 1 mA/cm2 = 10 A/m^2
    EXPECT_EQ(readDriveCycle(write("v.csv", "Time [s],Voltage [V]\n0,4\n1,3.9\n")).amount,
              Amount::Voltage);
}

TEST_F(DriveCycleFiles, BadFilesSayWhereAndWhat) {
    struct Bad {
        std::string text;
        int line, column;
        std::string fragment;
    };
    const Bad cases[] = {
        {"0,1\n1,2\n", 1, 1, "expected a header line, e.g. \"Time [s],Current [A]\""},
        {"Time [s],Current [kg]\n0,1\n1,2\n", 1, 10, "expected the unit of a current"},
        {"Time [m],Current [A]\n0,1\n1,2\n", 1, 1, "expected a time unit for the first column"},
        {"Time [s],Current\n0,1\n1,2\n", 1, 10, "expected a value column with a unit"},
        {"Time [s],Current [A]\n0,1\n5,2\n5,3\n", 4, 1, "expected a time after the line before's"},
        {"Time [s],Current [A]\n1,1\n5,2\n", 2, 1, "expected the first time to be 0"},
        {"Time [s],Current [A]\n0,1\n5, x\n", 3, 4, "expected a number (value), found \"x\""},
        {"Time [s],Current [A]\n0,1,2\n", 2, 1, "expected two columns, time and value, found 3"},
        {"Time [s],Current [A]\n0,1\n", 2, 1, "expected at least two rows"},
        {"", 1, 1, "found an empty file"},
    };
    for (const Bad& bad : cases) {
        const std::string path = write("bad.csv", bad.text);
        const auto e = ssbsim::testing::errorOf([&] { readDriveCycle(path); });
        EXPECT_EQ(e.where().file, path);
        EXPECT_EQ(e.where().line, bad.line) << bad.text;
        EXPECT_EQ(e.where().column, bad.column) << bad.text;
        EXPECT_TRUE(contains(e.problem(), bad.fragment)) << e.problem();
    }
    const auto missing =
        ssbsim::testing::errorOf([&] { readDriveCycle((dir_ / "none.csv").string()); });
    EXPECT_TRUE(contains(missing.problem(), "cannot open")) << missing.problem();
}

TEST_F(DriveCycleFiles, RunStepsTakeControlAndDurationFromTheFile) {
    write("power.csv", "Time [s],Power [W]\n0,1\n60,3\n");
    Experiment e = parseExperiment({"Run power.csv until 3 V", "Run power.csv for 30 s"});
    EXPECT_EQ(e.steps[0].driveCycleFile, "power.csv");
    loadDriveCycles(e, dir_.string());
    EXPECT_EQ(e.steps[0].control, Control::Power);
    EXPECT_DOUBLE_EQ(*e.steps[0].duration, 60.0);
    EXPECT_DOUBLE_EQ(*e.steps[1].duration, 30.0);
    EXPECT_EQ(e.steps[0].driveCycle, e.steps[1].driveCycle);  // read once

    Experiment tooLong = parseExperiment({"Run power.csv for 2 minutes"});
    const auto e1 = ssbsim::testing::errorOf([&] { loadDriveCycles(tooLong, dir_.string()); });
    EXPECT_TRUE(contains(e1.problem(), "expected a duration within the drive cycle's 60 s"))
        << e1.problem();
    write("volts.csv", "Time [s],Voltage [V]\n0,4\n60,3.9\n");
    Experiment onVoltage = parseExperiment({"Run volts.csv until 3 V"});
    const auto e2 = ssbsim::testing::errorOf([&] { loadDriveCycles(onVoltage, dir_.string()); });
    EXPECT_TRUE(contains(e2.problem(), "a voltage drive cycle cannot end on a voltage"))
        << e2.problem();
    const auto e3 = ssbsim::testing::errorOf([&] { parseExperiment({"Run until 3 V"}); });
    EXPECT_TRUE(contains(e3.problem(), "expected a drive-cycle file after Run")) << e3.problem();
    const auto e4 = ssbsim::testing::errorOf([&] { parseExperiment({"Run US06 (A)"}); });
    EXPECT_TRUE(contains(e4.problem(), "PyBaMM's named cycles")) << e4.problem();
    EXPECT_EQ(parseExperiment({"Run a.csv (1 second period)"}).steps[0].period, 1.0);
}

TEST_F(DriveCycleFiles, ConstantCycleEqualsAConstantCurrentStep) {
    // Interpolating between two equal values gives the constant step's set value, so both
    // runs take the same steps and agree to rounding: 1e-12 V, and 1e-15 A h on a capacity of
    // 3.3e-4 A h (1 cm^2 at 1C for 10 minutes).
    const auto p = ssbsim::testing::testCellParameters("engine.yaml");
    const double amps = p.nominalCapacity / 3600.0 * p.area * p.cellsInParallel;  // 1C
    write("flat.csv", "Time [s],Current [A]\n0," + std::to_string(amps) + "\n600," +
                          std::to_string(amps) + "\n");
    Experiment cycle = parseExperiment({"Run flat.csv"});
    loadDriveCycles(cycle, dir_.string());
    const Solution a = simulate(p, cycle);
    const Solution b =
        simulate(p, parseExperiment({"Discharge at " + std::to_string(amps) + " A for 600 s"}));
    ASSERT_FALSE(a.failed || b.failed);
    EXPECT_DOUBLE_EQ(a["Time [s]"].back(), 600.0);
    EXPECT_NEAR(a["Voltage [V]"].back(), b["Voltage [V]"].back(), 1e-12);
    EXPECT_NEAR(a["Discharge capacity [A.h]"].back(), b["Discharge capacity [A.h]"].back(), 1e-15);
}

TEST_F(DriveCycleFiles, ChargeFollowsThePiecewiseLinearCurrentExactly) {
    // I(t) piecewise linear through (0, I1), (100 s, 3 I1), (150 s, −I1), (400 s, I1): its
    // integral is exact by the trapezoid rule on each piece, and IDA stops at every corner,
    // so the recorded discharge capacity (trapezoids over the steps) equals it to rounding.
    // With steps straddling the corners (the stops removed) it missed by 1.4e-9 relative, and
    // the period samples' current by 2e-5 relative.
    const auto p = ssbsim::testing::testCellParameters("engine.yaml");
    const double i1 = 0.5 * p.nominalCapacity / 3600.0 * p.area * p.cellsInParallel;
    const std::string csv = "Time [s],Current [A]\n0," + std::to_string(i1) + "\n100," +
                            std::to_string(3 * i1) + "\n150," + std::to_string(-i1) + "\n400," +
                            std::to_string(i1) + "\n";
    write("pieces.csv", csv);
    Experiment cycle = parseExperiment({"Run pieces.csv (10 second period)"});
    loadDriveCycles(cycle, dir_.string());
    const Solution s = simulate(p, cycle);
    ASSERT_FALSE(s.failed) << s.stopReason;
    const DriveCycle& c = *cycle.steps[0].driveCycle;
    double charge = 0.0;  // A s
    for (size_t k = 1; k < c.time.size(); ++k)
        charge += 0.5 * (c.value[k] + c.value[k - 1]) * (c.time[k] - c.time[k - 1]);
    EXPECT_NEAR(s["Discharge capacity [A.h]"].back() * 3600.0, charge, std::abs(charge) * 1e-10);
    // And the current at the period samples is the interpolated set value.
    const auto& t = s["Time [s]"];
    const auto& I = s["Current [A]"];
    for (size_t k = 1; k < t.size(); ++k) {
        const double expected = t[k] <= 100   ? i1 + 2 * i1 * t[k] / 100
                                : t[k] <= 150 ? 3 * i1 - 4 * i1 * (t[k] - 100) / 50
                                              : -i1 + 2 * i1 * (t[k] - 150) / 250;
        EXPECT_NEAR(I[k], expected, i1 * 1e-9) << "t = " << t[k];
    }
}
