// `ssbsim micro analyze` as users run it, on a volume whose answers are known exactly: two
// slabs along z, SE for x < 10 and CAM for x ≥ 10 (20 × 20 × 20 voxels of 1 µm, periodic in x
// and y). Along z each phase is a straight prism, so τ = 1 and σ_eff = ε σ = σ/2
// (parallel layers); the CAM slab touches the collector face and the SE slab, which reaches the
// separator face, so all CAM is accessible; the CAM|SE contact is two planes of 20 × 20 µm²
// (x = 10 and, through the periodic boundary, x = 0) in 8000 µm³: a = 1e5 m⁻¹. With --to-cell
// these values land in a cell file that `ssbsim run` accepts.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "support/RunCli.h"

namespace {

namespace fs = std::filesystem;

using ssbsim::testing::runSsbsim;

/// A NumPy .npy file (format 1.0) of unsigned bytes with shape (nz, ny, nx).
void writeNpy(const fs::path& file, int n, const std::string& bytes) {
    std::string header = "{'descr': '|u1', 'fortran_order': False, 'shape': (" +
                         std::to_string(n) + ", " + std::to_string(n) + ", " + std::to_string(n) +
                         "), }";
    while ((10 + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    std::ofstream out(file, std::ios::binary);
    out << "\x93NUMPY" << '\x01' << '\x00';
    out << static_cast<char>(header.size() & 0xff) << static_cast<char>(header.size() >> 8);
    out << header << bytes;
}

class MicroAnalyze : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("ssbsim-cli-analyze-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        std::string bytes;
        for (int z = 0; z < n_; ++z)
            for (int y = 0; y < n_; ++y)
                for (int x = 0; x < n_; ++x) bytes += static_cast<char>(x < n_ / 2 ? 2 : 1);
        writeNpy(dir_ / "slabs.npy", n_, bytes);
    }
    void TearDown() override { fs::remove_all(dir_); }

    fs::path dir_;
    const int n_ = 20;
};

TEST_F(MicroAnalyze, SlabsGiveTheirExactMetricsAndACellFileThatRuns) {
    const std::string cell = SSBSIM_TEST_DATA "/cells/engine.yaml";  // TestSE: 2 mS/cm at 25 °C
    const auto run = runSsbsim("micro analyze " + (dir_ / "slabs.npy").string() +
                            " --voxel-size '1 um' --phases 1=CAM,2=SE --periodic" +
                            " --sigma-cam '10 S/m' --to-cell " + cell + " -o " +
                            (dir_ / "out").string() + " -q");
    ASSERT_EQ(run.code, 0) << run.out;
    std::ifstream in(dir_ / "out/analysis.json");
    const auto report = nlohmann::json::parse(in);
    const auto& sigma = report["Effective conductivity"];
    EXPECT_NEAR(sigma["Ionic [S.m-1]"].get<double>(), 0.1, 1e-4);  // ½ · 0.2 S/m; flux tol 1e-3
    EXPECT_NEAR(sigma["Electronic [S.m-1]"].get<double>(), 5.0, 5e-3);
    const auto& e = report["Electrode"];
    EXPECT_DOUBLE_EQ(e["Accessible fraction"].get<double>(), 1.0);
    EXPECT_NEAR(e["Active area [m-1]"].get<double>(), 1e5, 1e5 * 1e-6);  // planes: exact
    for (const auto& phase : report["Phases"]) {
        EXPECT_DOUBLE_EQ(phase["Volume fraction"].get<double>(), 0.5);
        EXPECT_NEAR(phase["Transport along z"]["Tortuosity factor"].get<double>(), 1.0, 1e-3);
    }

    // The cell file carries the values, and the engine runs with them.
    std::ifstream yaml(dir_ / "out/cell.yaml");
    const std::string text{std::istreambuf_iterator<char>(yaml), std::istreambuf_iterator<char>()};
    EXPECT_NE(text.find("accessible-fraction: 1"), std::string::npos) << text;
    EXPECT_NE(text.find("active-area: 100000 1/m"), std::string::npos) << text;
    EXPECT_NE(text.find("effective-ionic-conductivity: 0.1"), std::string::npos) << text;
    const auto engine = runSsbsim("run " + (dir_ / "out/cell.yaml").string() +
                               " -e 'Discharge at 1C for 1 minute' -o " +
                               (dir_ / "run").string() + " -q");
    EXPECT_EQ(engine.code, 0) << engine.out;
}

TEST_F(MicroAnalyze, BadInputExitsWithCodeTwoAndWritesNothing) {
    const auto missing = runSsbsim("micro analyze " + (dir_ / "none.npy").string() + " -o " +
                                (dir_ / "out").string());
    EXPECT_EQ(missing.code, 2) << missing.out;
    EXPECT_NE(missing.out.find("none.npy"), std::string::npos) << missing.out;
    const auto axis = runSsbsim("micro analyze " + (dir_ / "slabs.npy").string() + " --axis w -o " +
                             (dir_ / "out").string());
    EXPECT_EQ(axis.code, 2) << axis.out;
    EXPECT_NE(axis.out.find("--axis must be x, y or z"), std::string::npos) << axis.out;
    EXPECT_FALSE(fs::exists(dir_ / "out"));
    std::ofstream(dir_ / "a-file") << "kept\n";
    const auto blocked = runSsbsim("micro analyze " + (dir_ / "slabs.npy").string() + " -o " +
                                (dir_ / "a-file").string());
    EXPECT_EQ(blocked.code, 2) << blocked.out;
    EXPECT_NE(blocked.out.find("is a file, not a folder"), std::string::npos) << blocked.out;
}

}  // namespace
