// `ssbsim micro convert` as users run it: a volume goes through two formats and back unchanged,
// the voxel size and phase names given on the command line are kept, the report counts the
// voxels of every label, and bad input exits with code 2 naming the file and writing nothing.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "support/RunCli.h"

namespace {

namespace fs = std::filesystem;

using ssbsim::testing::Outcome;
using ssbsim::testing::runSsbsim;

std::string readBytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class MicroConvert : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("ssbsim-cli-micro-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        // A 7 × 5 × 3 raw volume without a voxel size: 105 voxels of labels 0, 1, 2 as
        // (x + y + z) mod 3, i.e. 35 of each.
        for (int z = 0; z < 3; ++z)
            for (int y = 0; y < 5; ++y)
                for (int x = 0; x < 7; ++x) samples_ += static_cast<char>((x + y + z) % 3);
        writeBytes(dir_ / "in.raw", samples_);
        writeBytes(dir_ / "in.raw.yaml", "shape: {x: 7, y: 5, z: 3}\ndata-type: uint8\n");
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string at(const std::string& name) const { return (dir_ / name).string(); }

    fs::path dir_;
    std::string samples_;
};

}  // namespace

TEST_F(MicroConvert, ThroughVtiAndBackKeepsLabelsVoxelSizeAndNames) {
    const Outcome first = runSsbsim("micro convert " + at("in.raw") + " " + at("out.vti") +
                                 " --voxel-size '10,10,30 nm' --phases 0=pore,1=CAM,2=SE");
    ASSERT_EQ(first.code, 0) << first.out;
    EXPECT_TRUE(contains(first.out, "7 x 5 x 3 voxels")) << first.out;
    EXPECT_TRUE(contains(first.out, "voxel size 10 x 10 x 30 nm (from --voxel-size)")) << first.out;
    for (const char* row : {"0  pore", "1  CAM", "2  SE"})
        EXPECT_TRUE(contains(first.out, row)) << row;
    EXPECT_TRUE(contains(first.out, "35   33.333 %")) << first.out;

    const Outcome back = runSsbsim("micro convert " + at("out.vti") + " " + at("back.raw"));
    ASSERT_EQ(back.code, 0) << back.out;
    EXPECT_TRUE(contains(back.out, "voxel size 10 x 10 x 30 nm (from the file)")) << back.out;
    EXPECT_EQ(readBytes(dir_ / "back.raw"), samples_);
    const std::string header = readBytes(dir_ / "back.raw.yaml");
    EXPECT_TRUE(contains(header, "1: \"CAM\"")) << header;
    EXPECT_TRUE(contains(header, "voxel-size: {x: 1e-08 m, y: 1e-08 m, z: 3")) << header;
}

TEST_F(MicroConvert, SaysWhenTheOutputFormatDropsTheVoxelSize) {
    const Outcome run = runSsbsim("micro convert " + at("in.raw") + " " + at("out.npy"));
    ASSERT_EQ(run.code, 0) << run.out;
    EXPECT_TRUE(contains(run.out, "default: the file records none; give --voxel-size")) << run.out;
    EXPECT_TRUE(contains(run.out, "note: NumPy .npy records no voxel size")) << run.out;
    EXPECT_TRUE(fs::exists(dir_ / "out.npy"));
}

TEST_F(MicroConvert, BadInputExitsWithCodeTwoAndWritesNothing) {
    // A .npy whose header promises more data than the file holds.
    std::string npy = "\x93NUMPY\x01";
    npy += '\0';
    std::string dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (3, 5, 7), }";
    dict.append((64 - (10 + dict.size() + 1) % 64) % 64, ' ');  // data starts at a multiple of 64
    dict += '\n';
    npy += static_cast<char>(dict.size() & 0xff);
    npy += static_cast<char>(dict.size() >> 8);
    writeBytes(dir_ / "cut.npy", npy + dict + std::string(50, '\1'));
    const struct {
        std::string args, expected;
    } cases[] = {
        {at("cut.npy") + " " + at("out.h5"), "truncated .npy file"},
        {at("missing.tif") + " " + at("out.h5"), "no such file"},
        {at("in.raw") + " " + at("out.png"), "unknown volume format '.png'"},
        {at("in.raw") + " " + at("out.h5") + " --voxel-size 0.5", "write the unit"},
        {at("in.raw") + " " + at("out.h5") + " --phases 1:CAM", "LABEL=NAME"},
    };
    for (const auto& c : cases) {
        const Outcome run = runSsbsim("micro convert " + c.args);
        EXPECT_EQ(run.code, 2) << c.args << "\n" << run.out;
        EXPECT_TRUE(contains(run.out, c.expected)) << c.args << "\n" << run.out;
        EXPECT_FALSE(fs::exists(dir_ / "out.h5")) << c.args;
        EXPECT_FALSE(fs::exists(dir_ / "out.png")) << c.args;
    }
    // The truncated file is named in its message.
    EXPECT_TRUE(
        contains(runSsbsim("micro convert " + at("cut.npy") + " " + at("out.h5")).out, at("cut.npy")));
}
