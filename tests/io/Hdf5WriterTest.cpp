// results.h5 writing: round trips through our reader and through the HDF5 C API, compression of
// large datasets, whole-or-nothing commit, and errors that name the file and object.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ssbsim/io/Hdf5Writer.h"

namespace {

namespace fs = std::filesystem;
using ssbsim::io::Hdf5Writer;
using ssbsim::io::readStringAttribute;
using ssbsim::io::readVector;

// Each test gets its own empty folder, so file counts and names are exact.
class Hdf5WriterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() /
               ("ssbsim-hdf5-test-" + std::to_string(::getpid()) + "-" + info->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string file(const std::string& name = "results.h5") const {
        return (dir_ / name).string();
    }
    std::vector<std::string> filesInDir() const {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(dir_))
            names.push_back(entry.path().filename().string());
        return names;
    }

    fs::path dir_;
};

// Minimal RAII for the checks made directly through the HDF5 C API.
struct Id {
    hid_t id;
    herr_t (*close)(hid_t);
    ~Id() {
        if (id >= 0) close(id);
    }
    operator hid_t() const { return id; }
};

std::vector<hsize_t> datasetShape(hid_t dataset) {
    const Id space{H5Dget_space(dataset), H5Sclose};
    std::vector<hsize_t> dims(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space)));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    return dims;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(Hdf5Name, ReplacesSlashByDivisionSlash) {
    EXPECT_EQ(ssbsim::io::hdf5Name("N/P ratio"), "N\u2215P ratio");
    EXPECT_EQ(ssbsim::io::hdf5Name("N/P ratio"), "N\xE2\x88\x95P ratio");
    EXPECT_EQ(ssbsim::io::hdf5Name("a//b/"), "a\u2215\u2215b\u2215");
    EXPECT_EQ(ssbsim::io::hdf5Name("Current density [A.m-2]"), "Current density [A.m-2]");
    EXPECT_EQ(ssbsim::io::hdf5Name(""), "");
}

TEST_F(Hdf5WriterTest, HdfNameGivesAValidDatasetName) {
    Hdf5Writer writer(file());
    writer.writeVector("summary/" + ssbsim::io::hdf5Name("N/P ratio"), {1.1});
    writer.commit();
    EXPECT_EQ(readVector(file(), "summary/N\u2215P ratio"), std::vector<double>{1.1});
}

TEST_F(Hdf5WriterTest, VectorRoundTripWithUnit) {
    const std::vector<double> voltage{4.2, 3.7000000000000002, -0.0, 1e-310, 1.0 / 3.0};
    Hdf5Writer writer(file());
    writer.writeVector("timeseries/Voltage [V]", voltage, "V");
    writer.writeVector("/timeseries/Time [s]", {0.0, 1.0});  // leading '/' is the same path
    writer.commit();

    EXPECT_EQ(readVector(file(), "timeseries/Voltage [V]"), voltage);  // bit-exact
    EXPECT_EQ(readStringAttribute(file(), "timeseries/Voltage [V]", "unit"), "V");
    EXPECT_EQ(readVector(file(), "/timeseries/Time [s]"), (std::vector<double>{0.0, 1.0}));

    const Id f{H5Fopen(file().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
    const Id d{H5Dopen2(f, "/timeseries/Voltage [V]", H5P_DEFAULT), H5Dclose};
    const Id type{H5Dget_type(d), H5Tclose};
    EXPECT_EQ(H5Tget_class(type), H5T_FLOAT);
    EXPECT_EQ(H5Tget_size(type), 8u);
    EXPECT_EQ(datasetShape(d), std::vector<hsize_t>{voltage.size()});
    EXPECT_EQ(H5Aexists_by_name(f, "/timeseries/Time [s]", "unit", H5P_DEFAULT), 0);
}

TEST_F(Hdf5WriterTest, EmptyVectorRoundTrip) {
    Hdf5Writer writer(file());
    writer.writeVector("timeseries/Nothing [V]", {});
    writer.writeIntegers("none", {});
    writer.commit();
    EXPECT_TRUE(readVector(file(), "timeseries/Nothing [V]").empty());
    EXPECT_TRUE(readVector(file(), "none").empty());
}

TEST_F(Hdf5WriterTest, MatrixRoundTripKeepsShapeAndRowMajorOrder) {
    const std::vector<double> values{1, 2, 3, 4, 5, 6};
    Hdf5Writer writer(file());
    writer.writeMatrix("profiles/Concentration [mol.m-3]", 2, 3, values, "mol.m-3");
    writer.commit();

    EXPECT_EQ(readVector(file(), "profiles/Concentration [mol.m-3]"), values);
    EXPECT_EQ(readStringAttribute(file(), "profiles/Concentration [mol.m-3]", "unit"), "mol.m-3");
    const Id f{H5Fopen(file().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
    const Id d{H5Dopen2(f, "profiles/Concentration [mol.m-3]", H5P_DEFAULT), H5Dclose};
    EXPECT_EQ(datasetShape(d), (std::vector<hsize_t>{2, 3}));
    double rows[2][3] = {};
    ASSERT_GE(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows), 0);
    EXPECT_EQ(rows[0][2], 3.0);  // row 0, column 2
    EXPECT_EQ(rows[1][0], 4.0);
}

TEST_F(Hdf5WriterTest, MatrixOfWrongSizeIsRejected) {
    Hdf5Writer writer(file());
    EXPECT_THROW(writer.writeMatrix("m", 2, 3, {1, 2, 3}), std::invalid_argument);
}

TEST_F(Hdf5WriterTest, IntegersRoundTripAsSigned64Bit) {
    const std::vector<long long> cycles{0, 1, -7, 9007199254740993LL};  // 2^53 + 1: not a double
    Hdf5Writer writer(file());
    writer.writeIntegers("cycles/Cycle number", cycles);
    writer.commit();

    const Id f{H5Fopen(file().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
    const Id d{H5Dopen2(f, "cycles/Cycle number", H5P_DEFAULT), H5Dclose};
    const Id type{H5Dget_type(d), H5Tclose};
    EXPECT_EQ(H5Tget_class(type), H5T_INTEGER);
    EXPECT_EQ(H5Tget_size(type), 8u);
    EXPECT_EQ(H5Tget_sign(type), H5T_SGN_2);
    std::vector<long long> back(cycles.size());
    ASSERT_GE(H5Dread(d, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, back.data()), 0);
    EXPECT_EQ(back, cycles);
    EXPECT_EQ(readVector(file(), "cycles/Cycle number")[2], -7.0);  // converted by the reader
}

TEST_F(Hdf5WriterTest, TextIsAScalarVariableLengthUtf8String) {
    const std::string yaml = "cell:\n  thickness: 75 \u00b5m  # \"quoted\", commas\n";
    Hdf5Writer writer(file());
    writer.writeText("input/cell.yaml", yaml);
    writer.commit();

    const Id f{H5Fopen(file().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
    const Id d{H5Dopen2(f, "input/cell.yaml", H5P_DEFAULT), H5Dclose};
    const Id type{H5Dget_type(d), H5Tclose};
    const Id space{H5Dget_space(d), H5Sclose};
    EXPECT_EQ(H5Sget_simple_extent_type(space), H5S_SCALAR);
    EXPECT_EQ(H5Tget_class(type), H5T_STRING);
    EXPECT_GT(H5Tis_variable_str(type), 0);
    EXPECT_EQ(H5Tget_cset(type), H5T_CSET_UTF8);
    char* text = nullptr;
    ASSERT_GE(H5Dread(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &text), 0);
    ASSERT_NE(text, nullptr);
    EXPECT_EQ(std::string(text), yaml);
    H5free_memory(text);
}

TEST_F(Hdf5WriterTest, StringAndDoubleAttributes) {
    Hdf5Writer writer(file());
    writer.writeVector("timeseries/Voltage [V]", {4.0});
    writer.setAttribute("/", "ssbsim version", "0.1.0");
    writer.setAttribute("timeseries", "description", "one row per time step");
    writer.setAttribute("timeseries/Voltage [V]", "unit", "volt");  // replaces
    writer.setAttribute("/", "Temperature [K]", 298.15);
    writer.setAttribute("/", "Temperature [K]", 300.0);  // replaces
    writer.commit();

    EXPECT_EQ(readStringAttribute(file(), "/", "ssbsim version"), "0.1.0");
    EXPECT_EQ(readStringAttribute(file(), "timeseries", "description"), "one row per time step");
    EXPECT_EQ(readStringAttribute(file(), "timeseries/Voltage [V]", "unit"), "volt");

    const Id f{H5Fopen(file().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
    const Id a{H5Aopen_by_name(f, "/", "Temperature [K]", H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
    const Id type{H5Aget_type(a), H5Tclose};
    EXPECT_EQ(H5Tget_class(type), H5T_FLOAT);
    double temperature = 0;
    ASSERT_GE(H5Aread(a, H5T_NATIVE_DOUBLE, &temperature), 0);
    EXPECT_EQ(temperature, 300.0);
    const Id s{H5Aopen_by_name(f, "/", "ssbsim version", H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
    const Id stype{H5Aget_type(s), H5Tclose};
    EXPECT_GT(H5Tis_variable_str(stype), 0);
    EXPECT_EQ(H5Tget_cset(stype), H5T_CSET_UTF8);
}

TEST_F(Hdf5WriterTest, AttributeOnMissingObjectNamesIt) {
    Hdf5Writer writer(file());
    try {
        writer.setAttribute("timeseries/Voltage [V]", "unit", "V");
        FAIL() << "expected std::runtime_error";
    } catch (const std::runtime_error& e) {
        EXPECT_TRUE(contains(e.what(), "timeseries/Voltage [V]")) << e.what();
        EXPECT_TRUE(contains(e.what(), file())) << e.what();
    }
    EXPECT_THROW(writer.setAttribute("/", "", 1.0), std::invalid_argument);
}

TEST_F(Hdf5WriterTest, ReaderErrorsNameFileAndObject) {
    Hdf5Writer writer(file());
    writer.writeVector("v", {1.0});
    writer.commit();
    try {
        readVector(file(), "missing");
        FAIL() << "expected std::runtime_error";
    } catch (const std::runtime_error& e) {
        EXPECT_TRUE(contains(e.what(), "'missing'")) << e.what();
        EXPECT_TRUE(contains(e.what(), file())) << e.what();
    }
    EXPECT_THROW(readStringAttribute(file(), "v", "unit"), std::runtime_error);
    EXPECT_THROW(readVector(file("absent.h5"), "v"), std::runtime_error);
}

TEST_F(Hdf5WriterTest, LargeDatasetsAreChunkedAndCompressed) {
    std::vector<double> large(10000);
    for (std::size_t i = 0; i < large.size(); ++i)
        large[i] = 3.0 + 0.25 * static_cast<double>(i / 100);
    std::vector<double> matrix(100 * 50);
    for (std::size_t i = 0; i < matrix.size(); ++i) matrix[i] = 1e-3 * static_cast<double>(i);
    Hdf5Writer writer(file());
    writer.writeVector("large", large, "V");
    writer.writeMatrix("wide", 100, 50, matrix);
    writer.writeVector("small", std::vector<double>(4096, 1.0));
    writer.commit();

    EXPECT_EQ(readVector(file(), "large"), large);
    EXPECT_EQ(readVector(file(), "wide"), matrix);
    EXPECT_LT(fs::file_size(file()), large.size() * sizeof(double));  // compressed

    const Id f{H5Fopen(file().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
    for (const char* name : {"large", "wide"}) {
        const Id d{H5Dopen2(f, name, H5P_DEFAULT), H5Dclose};
        const Id dcpl{H5Dget_create_plist(d), H5Pclose};
        EXPECT_EQ(H5Pget_layout(dcpl), H5D_CHUNKED) << name;
        ASSERT_EQ(H5Pget_nfilters(dcpl), 1) << name;
        unsigned flags = 0;
        std::size_t count = 1;
        unsigned level = 0;
        unsigned config = 0;
        EXPECT_EQ(H5Pget_filter2(dcpl, 0, &flags, &count, &level, 0, nullptr, &config),
                  H5Z_FILTER_DEFLATE);
        EXPECT_EQ(level, 4u);
    }
    const Id d{H5Dopen2(f, "small", H5P_DEFAULT), H5Dclose};
    const Id dcpl{H5Dget_create_plist(d), H5Pclose};
    EXPECT_EQ(H5Pget_layout(dcpl), H5D_CONTIGUOUS);  // 4096 elements: not "more than 4096"
}

TEST_F(Hdf5WriterTest, CommitRenamesTheTemporaryOverThePath) {
    Hdf5Writer writer(file());
    writer.writeVector("v", {1.0});
    EXPECT_FALSE(fs::exists(file()));
    ASSERT_EQ(filesInDir().size(), 1u);  // the temporary, next to the target
    EXPECT_TRUE(contains(filesInDir().front(), "results.h5.tmp"));
    writer.commit();
    EXPECT_EQ(filesInDir(), std::vector<std::string>{"results.h5"});
    EXPECT_THROW(writer.writeVector("w", {2.0}), std::logic_error);
    EXPECT_THROW(writer.commit(), std::logic_error);
}

TEST_F(Hdf5WriterTest, CommitReplacesAnExistingFile) {
    std::ofstream(file()) << "old results";
    Hdf5Writer writer(file());
    writer.writeVector("v", {1.0});
    writer.commit();
    EXPECT_EQ(readVector(file(), "v"), std::vector<double>{1.0});
    EXPECT_EQ(filesInDir().size(), 1u);
}

TEST_F(Hdf5WriterTest, UncommittedWriterLeavesNoFileAndNoTemporary) {
    {
        Hdf5Writer writer(file());
        writer.writeVector("timeseries/Voltage [V]", std::vector<double>(10000, 4.0));
    }
    EXPECT_TRUE(filesInDir().empty());
}

TEST_F(Hdf5WriterTest, ExceptionWhileWritingLeavesNothing) {
    try {
        Hdf5Writer writer(file());
        writer.writeVector("v", {1.0});
        writer.writeVector("v", {2.0});  // already exists
        writer.commit();
        FAIL() << "expected std::runtime_error";
    } catch (const std::runtime_error& e) {
        EXPECT_TRUE(contains(e.what(), "already exists")) << e.what();
    }
    EXPECT_TRUE(filesInDir().empty());
}

TEST_F(Hdf5WriterTest, CreatesMissingParentFolders) {
    const std::string nested = (dir_ / "out" / "cell" / "results.h5").string();
    Hdf5Writer writer(nested);
    writer.writeVector("v", {1.0});
    writer.commit();
    EXPECT_EQ(readVector(nested, "v"), std::vector<double>{1.0});
}

TEST_F(Hdf5WriterTest, FolderThatCannotBeCreatedThrowsWithThePath) {
    const std::string bad = "/proc/ssbsim-no-such-folder/results.h5";
    try {
        Hdf5Writer writer(bad);
        FAIL() << "expected std::runtime_error";
    } catch (const std::runtime_error& e) {
        EXPECT_TRUE(contains(e.what(), bad)) << e.what();
        EXPECT_TRUE(contains(e.what(), "cannot create folder")) << e.what();
    }
}

TEST_F(Hdf5WriterTest, FileThatCannotBeCreatedThrowsWithThePath) {
    const std::string bad = "/proc/results.h5";  // the folder exists, but holds no new files
    try {
        Hdf5Writer writer(bad);
        FAIL() << "expected std::runtime_error";
    } catch (const std::runtime_error& e) {
        EXPECT_TRUE(contains(e.what(), bad)) << e.what();
    }
}

TEST_F(Hdf5WriterTest, MalformedPathsAreRejected) {
    Hdf5Writer writer(file());
    for (const std::string path : {"", "/", "a//b", "a/", "./a", "a/../b"})
        EXPECT_THROW(writer.writeVector(path, {1.0}), std::invalid_argument) << "'" << path << "'";
    EXPECT_THROW(writer.setAttribute("a//b", "x", 1.0), std::invalid_argument);
    EXPECT_THROW(Hdf5Writer(""), std::invalid_argument);
}

TEST_F(Hdf5WriterTest, DatasetCannotBeUsedAsAGroup) {
    Hdf5Writer writer(file());
    writer.writeVector("v", {1.0});
    try {
        writer.writeVector("v/w", {2.0});
        FAIL() << "expected std::runtime_error";
    } catch (const std::runtime_error& e) {
        EXPECT_TRUE(contains(e.what(), "not a group")) << e.what();
    }
}

TEST_F(Hdf5WriterTest, SameResultsGiveTheSameBytes) {
    for (const std::string name : {"a.h5", "b.h5"}) {
        Hdf5Writer writer(file(name));
        writer.writeText("input/cell.yaml", "cell: {}\n");
        writer.writeVector("timeseries/Voltage [V]", std::vector<double>(5000, 3.7), "V");
        writer.writeIntegers("cycles/Cycle number", {1, 2, 3});
        writer.setAttribute("/", "ssbsim version", "0.1.0");
        writer.commit();
    }
    EXPECT_EQ(fileBytes(file("a.h5")), fileBytes(file("b.h5")));
}

}  // namespace
