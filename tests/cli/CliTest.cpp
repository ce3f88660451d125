// The ssbsim program as users run it: each class of bad input gives one located message and
// exit code 2 and writes nothing; good input writes summary.json.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/RunCli.h"

namespace {

namespace fs = std::filesystem;

using ssbsim::testing::Outcome;
using ssbsim::testing::runCommand;
using ssbsim::testing::runSsbsim;

fs::path freshOutput(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("ssbsim-cli-" + name);
    fs::remove_all(dir);
    return dir;
}

struct BadInput {
    const char* file;
    int line;
    const char* keyPath;
    const char* expected;  ///< part of the message that says what was expected
};

void PrintTo(const BadInput& bad, std::ostream* os) {
    *os << bad.file;
}

class BadInputTest : public ::testing::TestWithParam<BadInput> {};

}  // namespace

TEST_P(BadInputTest, OneLocatedMessageExitCodeTwoNothingWritten) {
    const BadInput& bad = GetParam();
    const fs::path out = freshOutput(bad.file);
    const std::string path = std::string(SSBSIM_TEST_DATA "/bad/") + bad.file;
    const Outcome run = runSsbsim("design " + path + " -o " + out.string());
    EXPECT_EQ(run.code, 2) << run.out;
    EXPECT_NE(run.out.find(path + ":" + std::to_string(bad.line) + ":"), std::string::npos)
        << run.out;
    EXPECT_NE(run.out.find(bad.keyPath), std::string::npos) << run.out;
    EXPECT_NE(run.out.find(bad.expected), std::string::npos) << run.out;
    EXPECT_EQ(run.out.find("error:"), run.out.rfind("error:")) << "exactly one message:\n"
                                                               << run.out;
    EXPECT_FALSE(fs::exists(out)) << "nothing may be written for bad input";
}

INSTANTIATE_TEST_SUITE_P(
    EveryClass, BadInputTest,
    ::testing::Values(
        BadInput{"unknown-key.yaml", 11, "'cell.separator.thicknes'", "did you mean 'thickness'"},
        BadInput{"missing-key.yaml", 10, "'cell.separator.thickness'",
                 "missing required key 'thickness'"},
        BadInput{"wrong-unit.yaml", 11, "'cell.separator.thickness'", "expected a length"},
        BadInput{"negative-thickness.yaml", 11, "'cell.separator.thickness'", "expected > 0"},
        BadInput{"fractions-sum.yaml", 6, "'cell.cathode.materials'",
                 "sum to 1.1; expected 1 within 1e-06"},
        BadInput{"porosity.yaml", 12, "'cell.separator.porosity'", "expected in [0, 1)"},
        BadInput{"unknown-material.yaml", 6, "'cell.cathode.materials.TestCAN'",
                 "unknown material 'TestCAN' (did you mean TestCAM"},
        BadInput{"unknown-unit.yaml", 4, "'cell.area'", "unknown unit 'furlong'"},
        BadInput{"syntax.yaml", 8, "syntax.yaml", "invalid YAML"},
        BadInput{"wrong-category.yaml", 10, "'cell.separator.material'",
                 "'TestCC' is a current-collector material"},
        BadInput{"thermal-model.yaml", 6, "'cell.thermal.model'",
                 "expected 'lumped' or 'isothermal', got 'lumpy'"},
        BadInput{"thermal-unit.yaml", 7, "'cell.thermal.heat-transfer-coefficient'",
                 "expected a quantity (e.g. \"W/(m^2*K)\")"}),
    [](const auto& info) {
        std::string name = info.param.file;
        name = name.substr(0, name.find('.'));
        std::erase(name, '-');
        return name;
    });

TEST(Cli, GoodInputWritesSummary) {
    const fs::path out = freshOutput("good");
    const Outcome run = runSsbsim("design " SSBSIM_TEST_DATA "/bad/good.yaml -o " + out.string());
    ASSERT_EQ(run.code, 0) << run.out;
    EXPECT_NE(run.out.find("Energy density"), std::string::npos);
    std::ifstream in(out / "summary.json");
    std::stringstream json;
    json << in.rdbuf();
    EXPECT_NE(json.str().find("\"Gravimetric energy density [Wh.kg-1]\""), std::string::npos);
    EXPECT_NE(json.str().find("\"Reference liquid Li-ion cell\""), std::string::npos);
    fs::remove_all(out);
}

TEST(Cli, BundledExamplesDesign) {
    for (const char* example : {"pellet-nmc811-lpscl-liin.yaml", "sheet-nmc811-lpscl-li.yaml",
                                "bipolar-anode-free-nmc811-lpscl.yaml"}) {
        const fs::path out = freshOutput(example);
        const Outcome run = runSsbsim(std::string("design " SSBSIM_SOURCE_DIR "/examples/") +
                                      example + " -o " + out.string());
        EXPECT_EQ(run.code, 0) << example << "\n" << run.out;
        EXPECT_TRUE(fs::exists(out / "summary.json")) << example;
        fs::remove_all(out);
    }
}

TEST(Cli, BundledExamplesRunOrSayWhatTheyLack) {
    // The sheet and bipolar stacks run their own experiments: the sheet to its voltage limit,
    // the anode-free stack (all its Li plated at the start) until that Li is gone. The
    // pellet's cathode has no carbon, and its LiNbO3 coating is a shell on the particles, not
    // an electronic network: without an effective electronic conductivity the run stops
    // before any work (exit 2, nothing written) instead of pushing the current through the
    // coating (which once gave −1.1e7 V and a "completed" run).
    for (const auto& [example, reason] : {std::pair{"sheet-nmc811-lpscl-li.yaml", "voltage limit"},
                                          std::pair{"bipolar-anode-free-nmc811-lpscl.yaml",
                                                    "the lithium metal was stripped completely"}}) {
        const fs::path out = freshOutput(std::string("run-") + example);
        const Outcome run = runSsbsim(std::string("run " SSBSIM_SOURCE_DIR "/examples/") + example +
                                      " -q -o " + out.string());
        EXPECT_EQ(run.code, 0) << example << "\n" << run.out;
        std::ifstream in(out / "summary.json");
        EXPECT_EQ(nlohmann::json::parse(in).at("Steps").at(0).at("End reason"), reason) << example;
        fs::remove_all(out);
    }
    const fs::path out = freshOutput("run-pellet");
    const Outcome pellet = runSsbsim("run " SSBSIM_SOURCE_DIR
                                     "/examples/pellet-nmc811-lpscl-liin.yaml -e \"Discharge at "
                                     "C/10 until 2.5 V\" -o " +
                                     out.string());
    EXPECT_EQ(pellet.code, 2) << pellet.out;
    EXPECT_NE(pellet.out.find("pellet-nmc811-lpscl-liin.yaml:12:"), std::string::npos)
        << pellet.out;
    EXPECT_NE(pellet.out.find("effective-electronic-conductivity"), std::string::npos)
        << pellet.out;
    EXPECT_FALSE(fs::exists(out));
}

TEST(Cli, MaterialsListAndShow) {
    const Outcome list = runSsbsim("materials list --category cathode");
    EXPECT_EQ(list.code, 0);
    EXPECT_NE(list.out.find("NMC811"), std::string::npos);
    EXPECT_EQ(list.out.find("Li6PS5Cl "), std::string::npos);
    const Outcome show = runSsbsim("materials show lpscl");
    EXPECT_EQ(show.code, 0) << show.out;
    EXPECT_NE(show.out.find("ionic-conductivity"), std::string::npos);
    EXPECT_NE(show.out.find("mS/cm"), std::string::npos);
    EXPECT_NE(show.out.find("source:"), std::string::npos);
    const Outcome unknown = runSsbsim("materials show NMC812");
    EXPECT_EQ(unknown.code, 2);
    EXPECT_NE(unknown.out.find("did you mean NMC811"), std::string::npos) << unknown.out;
}

TEST(Cli, MaterialsPathFromEnvironment) {
    // A user folder named by SSBSIM_MATERIALS_PATH adds its materials to the bundled ones.
    const fs::path dir = freshOutput("env-materials");
    fs::create_directories(dir);
    std::ofstream(dir / "MyBinder.yaml")
        << "name: MyBinder\ncategory: binder\nproperties:\n"
           "  density: {value: 1.1, unit: g/cm^3, source: my lab}\n";
    const Outcome run = runCommand("SSBSIM_MATERIALS_PATH=" + dir.string() +
                                   " " SSBSIM_CLI " materials show MyBinder");
    EXPECT_EQ(run.code, 0) << run.out;
    EXPECT_NE(run.out.find("1.1 g/cm^3"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("source: my lab"), std::string::npos) << run.out;
    fs::remove_all(dir);
}

TEST(Cli, BadCommandLineIsExitCodeTwo) {
    EXPECT_EQ(runSsbsim("design").code, 2);
    EXPECT_EQ(runSsbsim("frobnicate").code, 2);
    EXPECT_EQ(runSsbsim("design /nonexistent/cell.yaml").code, 2);
}

TEST(Cli, RunWritesResultsAndSummary) {
    const fs::path out = freshOutput("run");
    const Outcome run =
        runSsbsim("run " SSBSIM_TEST_DATA "/cells/engine.yaml -q -o " + out.string() +
                  " -e \"Discharge at 1C until 3.7 V\" -e \"Rest for 10 minutes\"");
    ASSERT_EQ(run.code, 0) << run.out;
    for (const char* file : {"results.h5", "timeseries.csv", "summary.json"})
        EXPECT_TRUE(fs::exists(out / file)) << file;
    std::ifstream in(out / "summary.json");
    std::stringstream json;
    json << in.rdbuf();
    EXPECT_NE(json.str().find("\"End reason\": \"voltage limit\""), std::string::npos)
        << json.str();
    EXPECT_NE(json.str().find("\"Completed\": true"), std::string::npos);
    fs::remove_all(out);
}

/// The "Solver" statistics of a run's summary.json.
nlohmann::json solverSummary(const fs::path& out) {
    std::ifstream in(out / "summary.json");
    return nlohmann::json::parse(in).at("Solver");
}

TEST(Cli, RunTakesTheRelativeToleranceFromTheCommandLine) {
    const std::string run = "run " SSBSIM_TEST_DATA
                            "/cells/engine.yaml -q -e \"Discharge at 1C "
                            "until 3.7 V\" -o ";
    const fs::path tight = freshOutput("rtol-default"), loose = freshOutput("rtol-loose");
    ASSERT_EQ(runSsbsim(run + tight.string()).code, 0);
    ASSERT_EQ(runSsbsim(run + loose.string() + " --rtol 1e-3").code, 0);
    const nlohmann::json tightSolver = solverSummary(tight), looseSolver = solverSummary(loose);
    EXPECT_EQ(tightSolver.at("Relative tolerance"), 1e-5);  // the default
    EXPECT_EQ(looseSolver.at("Relative tolerance"), 1e-3);
    // The tolerance reaches IDA: a looser one takes fewer steps.
    EXPECT_LT(looseSolver.at("Steps").get<long>(), tightSolver.at("Steps").get<long>())
        << looseSolver << tightSolver;
    // Outside the cell file's bounds [1e-12, 1e-2]: exit code 2, nothing written.
    const fs::path bad = freshOutput("rtol-bad");
    const Outcome rejected = runSsbsim(run + bad.string() + " --rtol 0.5");
    EXPECT_EQ(rejected.code, 2);
    EXPECT_NE(rejected.out.find("--rtol: expected a relative tolerance in [1e-12, 1e-2]"),
              std::string::npos)
        << rejected.out;
    EXPECT_FALSE(fs::exists(bad));
    fs::remove_all(tight);
    fs::remove_all(loose);
}

TEST(Cli, AFileWhereTheOutputFolderGoesIsExitCodeTwoBeforeTheWork) {
    const fs::path file = freshOutput("output-is-a-file");
    std::ofstream(file) << "keep me\n";
    const std::string cell = " " SSBSIM_TEST_DATA "/cells/engine.yaml -q -o ";
    const std::string example = " " SSBSIM_SOURCE_DIR "/examples/sheet-nmc811-lpscl-li.yaml -q -o ";
    for (const std::string& out : {file.string(), (file / "inside").string()}) {
        const Outcome run = runSsbsim("run" + cell + out + " -e \"Discharge at 1C until 3.7 V\"");
        EXPECT_EQ(run.code, 2) << run.out;
        EXPECT_NE(run.out.find("is a file, not a folder"), std::string::npos) << run.out;
        for (const char* command : {"eis", "design"}) {
            const Outcome other = runSsbsim(command + example + out);
            EXPECT_EQ(other.code, 2) << command;
            EXPECT_NE(other.out.find("is a file, not a folder"), std::string::npos) << other.out;
        }
    }
    std::ifstream in(file);
    std::string kept;
    std::getline(in, kept);
    EXPECT_EQ(kept, "keep me");
    fs::remove(file);
}

TEST(Cli, RunRejectsBadExperimentsAndMissingKinetics) {
    const fs::path out = freshOutput("run-bad");
    const Outcome typo = runSsbsim("run " SSBSIM_TEST_DATA "/cells/engine.yaml -o " + out.string() +
                                   " -e \"Dischage at 1C until 3 V\"");
    EXPECT_EQ(typo.code, 2);
    EXPECT_NE(typo.out.find("did you mean \"Discharge\""), std::string::npos) << typo.out;
    // The design files carry no kinetics: the engine says which key it needs and where.
    const Outcome noKinetics = runSsbsim("run " SSBSIM_TEST_DATA "/cells/hand-pellet.yaml -o " +
                                         out.string() + " -e \"Discharge at 1C until 3 V\"");
    EXPECT_EQ(noKinetics.code, 2);
    EXPECT_NE(noKinetics.out.find("hand-pellet.yaml:"), std::string::npos) << noKinetics.out;
    EXPECT_NE(noKinetics.out.find("particle-radius"), std::string::npos) << noKinetics.out;
    const Outcome noExperiment =
        runSsbsim("run " SSBSIM_TEST_DATA "/cells/engine.yaml -o " + out.string());
    EXPECT_EQ(noExperiment.code, 2);
    EXPECT_NE(noExperiment.out.find("no experiment"), std::string::npos) << noExperiment.out;
    EXPECT_FALSE(fs::exists(out));
}

TEST(Cli, RunReadsADriveCycleBesideTheCellFile) {
    // "Run cycle.csv" in a cell file's experiment is read from the cell file's folder, not the
    // working directory; a bad row is exit code 2 at the CSV's file and line, nothing written.
    const fs::path dir = freshOutput("drive");
    fs::create_directories(dir);
    std::ifstream cell(SSBSIM_TEST_DATA "/cells/engine.yaml");
    std::stringstream text;
    text << cell.rdbuf() << "experiment:\n  - Run cycle.csv until 3 V\n";
    std::ofstream(dir / "cell.yaml") << text.str();
    std::ofstream(dir / "cycle.csv") << "Time [s],Current [mA]\n0,0.5\n30,1\n60,-0.5\n";
    const fs::path out = dir / "out";
    const Outcome run = runSsbsim("run " + (dir / "cell.yaml").string() + " -q -o " + out.string());
    ASSERT_EQ(run.code, 0) << run.out;
    std::ifstream csv(out / "timeseries.csv");
    std::string header, line, last;
    std::getline(csv, header);
    while (std::getline(csv, line)) last = line;
    EXPECT_EQ(last.substr(0, last.find(',')), "60") << last;  // ends with the cycle

    std::ofstream(dir / "cycle.csv") << "Time [s],Current [mA]\n0,0.5\n30,1\n20,-0.5\n";
    const fs::path out2 = dir / "out2";
    const Outcome bad =
        runSsbsim("run " + (dir / "cell.yaml").string() + " -q -o " + out2.string());
    EXPECT_EQ(bad.code, 2) << bad.out;
    EXPECT_NE(bad.out.find((dir / "cycle.csv").string() + ":4:"), std::string::npos) << bad.out;
    EXPECT_NE(bad.out.find("expected a time after the line before's"), std::string::npos)
        << bad.out;
    EXPECT_FALSE(fs::exists(out2));

    // The bundled pulsed load, twice, on the sheet example (C-rates fit any cell).
    const Outcome bundled =
        runSsbsim("run " SSBSIM_SOURCE_DIR "/examples/sheet-nmc811-lpscl-li.yaml -q -o " +
                  (dir / "out3").string() +
                  " -e \"[Run " SSBSIM_SOURCE_DIR "/examples/pulse-cycle.csv] * 2\"");
    ASSERT_EQ(bundled.code, 0) << bundled.out;
    std::ifstream summary(dir / "out3" / "summary.json");
    const auto steps = nlohmann::json::parse(summary).at("Steps");
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps.at(1).at("End reason"), "time");
    fs::remove_all(dir);
}

TEST(Cli, EisWritesTheImpedanceSpectrum) {
    const fs::path out = freshOutput("eis");
    const Outcome run = runSsbsim(
        "eis " SSBSIM_SOURCE_DIR "/examples/sheet-nmc811-lpscl-li.yaml -o " + out.string());
    ASSERT_EQ(run.code, 0) << run.out;
    EXPECT_NE(run.out.find("high-frequency intercept"), std::string::npos) << run.out;
    EXPECT_TRUE(fs::exists(out / "impedance.h5"));
    std::ifstream in(out / "impedance.csv");
    std::string header;
    std::getline(in, header);
    EXPECT_EQ(header,
              "Frequency [Hz],Real impedance [Ohm.m2],Imaginary impedance [Ohm.m2],"
              "Real impedance [Ohm],Imaginary impedance [Ohm]");
    // Defaults: 1 MHz down to 1 mHz, 10 per decade: 9 decades × 10 + 1 rows.
    size_t rows = 0;
    std::string first, line;
    for (; std::getline(in, line); ++rows)
        if (rows == 0) first = line;
    EXPECT_EQ(rows, 91u);
    EXPECT_EQ(first.substr(0, first.find(',')), "1000000");
    fs::remove_all(out);
}

TEST(Cli, EisRejectsBadFrequenciesWithExitCodeTwo) {
    const fs::path out = freshOutput("eis-bad");
    const std::string eis =
        "eis " SSBSIM_SOURCE_DIR "/examples/sheet-nmc811-lpscl-li.yaml -o " + out.string() + " ";
    const Outcome zero = runSsbsim(eis + "--f-min 0");
    EXPECT_EQ(zero.code, 2);
    EXPECT_NE(zero.out.find("--f-min: expected a frequency > 0 in Hz"), std::string::npos)
        << zero.out;
    const Outcome reversed = runSsbsim(eis + "--f-min 10 --f-max 1");
    EXPECT_EQ(reversed.code, 2);
    EXPECT_NE(reversed.out.find("--f-max (1 Hz) must be greater than --f-min (10 Hz)"),
              std::string::npos)
        << reversed.out;
    EXPECT_EQ(runSsbsim(eis + "--soc 1.5").code, 2);
    EXPECT_EQ(runSsbsim(eis + "--points-per-decade 0").code, 2);
    EXPECT_FALSE(fs::exists(out)) << "nothing may be written for bad input";
}

TEST(Cli, RunReadsABpxFile) {
    const fs::path out = freshOutput("bpx");
    const std::string bpx = SSBSIM_SOURCE_DIR "/data/bpx/nmc_pouch_cell_BPX.json";
    const Outcome run = runSsbsim("run --bpx " + bpx + " -q -o " + out.string() +
                                  " -e \"Discharge at 2C for 10 minutes\"");
    ASSERT_EQ(run.code, 0) << run.out;
    EXPECT_TRUE(fs::exists(out / "results.h5"));
    // No protocol: a located error and nothing written.
    const fs::path none = freshOutput("bpx-none");
    const Outcome bad = runSsbsim("run --bpx " + bpx + " -o " + none.string());
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.out.find("no experiment"), std::string::npos) << bad.out;
    EXPECT_FALSE(fs::exists(none));
    EXPECT_EQ(runSsbsim("run examples/x.yaml --bpx " + bpx).code, 2);  // one input only
}
