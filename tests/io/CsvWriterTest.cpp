// timeseries.csv: RFC 4180 header quoting and numbers that read back to the same bits.
#include <gtest/gtest.h>
#include <unistd.h>

#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ssbsim/io/CsvWriter.h"

namespace {

namespace fs = std::filesystem;
using ssbsim::io::CsvWriter;

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, separator);) parts.push_back(part);
    return parts;
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(CsvWriter, HeaderQuotesNamesWithCommasOrQuotes) {
    CsvWriter csv;
    csv.addColumn("Time [s]", {0.0});
    csv.addColumn("Capacity [A.h, per cell]", {1.0});
    csv.addColumn("the \"real\" voltage [V]", {2.0});
    csv.addColumn("N/P ratio", {3.0});
    EXPECT_EQ(csv.str(),
              "Time [s],\"Capacity [A.h, per cell]\",\"the \"\"real\"\" voltage [V]\",N/P ratio\n"
              "0,1,2,3\n");
}

TEST(CsvWriter, ValuesRoundTripBitExactly) {
    std::vector<double> values{0.1,
                               1.0 / 3.0,
                               M_PI,
                               -0.0,
                               4.2,
                               1e22,
                               DBL_MAX,
                               DBL_MIN,
                               std::numeric_limits<double>::denorm_min(),
                               -2.5e-300,
                               std::nextafter(1.0, 2.0)};
    std::mt19937_64 random(42);
    while (values.size() < 2000) {  // arbitrary bit patterns, every exponent
        const double x = std::bit_cast<double>(random());
        if (std::isfinite(x)) values.push_back(x);
    }
    CsvWriter csv;
    csv.addColumn("x", values);
    const std::vector<std::string> lines = split(csv.str(), '\n');
    ASSERT_EQ(lines.size(), values.size() + 1);
    EXPECT_EQ(lines[0], "x");
    EXPECT_EQ(lines[1], "0.1");  // the shortest digits that read back to the same double
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double back = std::strtod(lines[i + 1].c_str(), nullptr);
        EXPECT_EQ(std::bit_cast<std::uint64_t>(back), std::bit_cast<std::uint64_t>(values[i]))
            << lines[i + 1];
    }
}

TEST(CsvWriter, RowsInterleaveColumns) {
    CsvWriter csv;
    csv.addColumn("t", {0.0, 0.5});
    csv.addColumn("v", {4.0, 3.75});
    EXPECT_EQ(csv.str(), "t,v\n0,4\n0.5,3.75\n");
}

TEST(CsvWriter, NonFiniteValuesAreReadableByStrtod) {
    CsvWriter csv;
    csv.addColumn("x", {std::nan(""), HUGE_VAL, -HUGE_VAL});
    const std::vector<std::string> lines = split(csv.str(), '\n');
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_TRUE(std::isnan(std::strtod(lines[1].c_str(), nullptr)));
    EXPECT_EQ(std::strtod(lines[2].c_str(), nullptr), HUGE_VAL);
    EXPECT_EQ(std::strtod(lines[3].c_str(), nullptr), -HUGE_VAL);
}

TEST(CsvWriter, UnequalColumnLengthsAreRejectedNamingTheColumn) {
    CsvWriter csv;
    csv.addColumn("Time [s]", {0.0, 1.0});
    try {
        csv.addColumn("Voltage [V]", {4.0});
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("Voltage [V]"), std::string::npos) << e.what();
    }
    EXPECT_EQ(csv.str(), "Time [s]\n0\n1\n");  // unchanged by the rejected column
}

TEST(CsvWriter, DuplicateColumnNamesAreRejected) {
    CsvWriter csv;
    csv.addColumn("t", {0.0});
    EXPECT_THROW(csv.addColumn("t", {1.0}), std::invalid_argument);
}

TEST(CsvWriter, ColumnsWithoutValuesGiveTheHeaderOnly) {
    CsvWriter csv;
    csv.addColumn("a", {});
    csv.addColumn("b", {});
    EXPECT_EQ(csv.str(), "a,b\n");
}

TEST(CsvWriter, WritesFileAtomically) {
    const fs::path dir =
        fs::temp_directory_path() / ("ssbsim-csv-test-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    CsvWriter csv;
    csv.addColumn("t", {0.0, 1.5});
    csv.write((dir / "out" / "timeseries.csv").string());
    EXPECT_EQ(readFile(dir / "out" / "timeseries.csv"), csv.str());

    CsvWriter empty;
    EXPECT_EQ(empty.str(), "");
    empty.write((dir / "empty.csv").string());
    ASSERT_TRUE(fs::exists(dir / "empty.csv"));
    EXPECT_EQ(fs::file_size(dir / "empty.csv"), 0u);
    fs::remove_all(dir);
}

}  // namespace
