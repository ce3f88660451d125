// Voxel-volume files (docs/physics/microstructure.md#volume-files): lossless round trips through
// every format; files written by other tools (libtiff tiles and 16-bit samples, ImageJ metadata,
// numpy Fortran order and big-endian dtypes, HDF5 datasets of other integer types, VTK ascii,
// base64 and zlib-compressed arrays) read as the format specifications define them; every bad
// file - empty, truncated, corrupt, the wrong type, values that are not labels - gives an
// InputError naming the file, never a crash; writes are whole or nothing.
#include <expat.h>
#include <gtest/gtest.h>
#include <hdf5.h>
#include <tiffio.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "ssbsim/core/Error.h"
#include "ssbsim/io/Hdf5Volume.h"
#include "ssbsim/io/NpyVolume.h"
#include "ssbsim/io/RawVolume.h"
#include "ssbsim/io/TiffVolume.h"
#include "ssbsim/io/VolumeFile.h"
#include "ssbsim/io/VtiVolume.h"

namespace {

namespace fs = std::filesystem;
using ssbsim::InputError;
using ssbsim::io::Label;
using ssbsim::io::VolumeFormat;
using ssbsim::io::VoxelSizeSource;
using ssbsim::io::VoxelVolume;

// Each test gets its own empty folder, so that leftover temporaries are visible.
class VolumeFileTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        std::string name = std::string(info->test_suite_name()) + "-" + info->name();
        std::replace(name.begin(), name.end(), '/', '_');
        dir_ = fs::temp_directory_path() /
               ("ssbsim-volume-test-" + std::to_string(::getpid()) + "-" + name);
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    std::vector<std::string> filesInDir() const {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(dir_))
            names.push_back(entry.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

    fs::path dir_;
};

// An anisotropic, odd-sized volume with three named phases and one extreme label (255).
VoxelVolume sampleVolume() {
    VoxelVolume v({7, 5, 3}, {10e-9, 20e-9, 30e-9});
    for (std::size_t z = 0; z < 3; ++z)
        for (std::size_t y = 0; y < 5; ++y)
            for (std::size_t x = 0; x < 7; ++x)
                v(x, y, z) = static_cast<Label>((x + 2 * y + 4 * z) % 3);
    v(6, 4, 2) = 255;
    v.phaseNames() = {{0, "pore"}, {1, "CAM"}, {2, "SE \"Li6PS5Cl\": argyrodite"}};
    return v;
}

std::string readBytes(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::string& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
}

// Expects readVolume(file) to throw an InputError whose message names the file and contains
// `expected`.
void expectInputError(const std::string& file, const std::string& expected,
                      const ssbsim::io::VolumeReadOptions& options = {}) {
    try {
        ssbsim::io::readVolume(file, options);
        ADD_FAILURE() << "no error reading " << file;
    } catch (const InputError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find(e.where().file), std::string::npos) << message;
        EXPECT_FALSE(e.where().file.empty()) << message;
        EXPECT_NE(message.find(expected), std::string::npos) << message;
    }
}

// --- round trips ------------------------------------------------------------------------------

struct FormatCase {
    const char* name;  ///< file (or folder) name written and read back
    VolumeFormat format;
};

void PrintTo(const FormatCase& c, std::ostream* os) {
    *os << c.name;
}

class RoundTrip : public VolumeFileTest, public ::testing::WithParamInterface<FormatCase> {};

TEST_P(RoundTrip, KeepsLabelsBitForBitAndWhatTheFormatRecords) {
    const VoxelVolume original = sampleVolume();
    const std::string file = path(GetParam().name);
    ssbsim::io::writeVolume(file, original);
    const ssbsim::io::VolumeRead read = ssbsim::io::readVolumeFile(file);
    EXPECT_EQ(read.format, GetParam().format);
    EXPECT_EQ(read.volume.shape(), original.shape());
    EXPECT_EQ(read.volume.labels(), original.labels());
    EXPECT_EQ(read.storedType, "uint8");
    if (ssbsim::io::storesVoxelSize(read.format)) {
        EXPECT_EQ(read.voxelSizeSource, VoxelSizeSource::File);
        EXPECT_EQ(read.volume.voxelSize(), original.voxelSize());  // exact, not approximate
    } else {
        EXPECT_EQ(read.voxelSizeSource, VoxelSizeSource::Default);
        EXPECT_EQ(read.volume.voxelSize(), (VoxelVolume::Spacing{1e-6, 1e-6, 1e-6}));
    }
    if (ssbsim::io::storesPhaseNames(read.format)) {
        EXPECT_EQ(read.volume.phaseNames(), original.phaseNames());
    }
    // Nothing but the target (and a raw file's header) is left in the folder.
    const std::vector<std::string> files = filesInDir();
    EXPECT_EQ(files.size(), GetParam().format == VolumeFormat::Raw ? 2u : 1u);
}

TEST_P(RoundTrip, TheVoxelSizeOptionOverridesTheFile) {
    const std::string file = path(GetParam().name);
    ssbsim::io::writeVolume(file, sampleVolume());
    const VoxelVolume::Spacing given{1e-6, 1e-6, 2e-6};
    const ssbsim::io::VolumeRead read = ssbsim::io::readVolumeFile(file, {.voxelSize = given});
    EXPECT_EQ(read.voxelSizeSource, VoxelSizeSource::Option);
    EXPECT_EQ(read.volume.voxelSize(), given);
}

TEST_P(RoundTrip, WritingTheSameVolumeTwiceGivesTheSameBytes) {
    if (GetParam().format == VolumeFormat::TiffSlices)
        GTEST_SKIP() << "a folder; its files are TIFF";
    const std::string first = path(std::string("a-") + GetParam().name);
    const std::string second = path(std::string("b-") + GetParam().name);
    ssbsim::io::writeVolume(first, sampleVolume());
    ssbsim::io::writeVolume(second, sampleVolume());
    EXPECT_EQ(readBytes(first), readBytes(second));
}

// Every format's reader must survive any truncation and single-byte corruption of a file it
// wrote: either an InputError or (a corrupted sample byte) a volume, never a crash or another
// exception. Run under AddressSanitizer in CI.
TEST_P(RoundTrip, TruncatedAndCorruptedFilesGiveInputErrors) {
    if (GetParam().format == VolumeFormat::TiffSlices) GTEST_SKIP() << "covered by the TIFF case";
    const std::string file = path(GetParam().name);
    ssbsim::io::writeVolume(file, sampleVolume());
    const std::string data = readBytes(file);  // for raw: the samples; the header stays intact
    const std::string bad = path(std::string("bad-") + GetParam().name);
    if (GetParam().format == VolumeFormat::Raw)
        fs::copy_file(ssbsim::io::rawHeaderPath(file), ssbsim::io::rawHeaderPath(bad));
    // The final newline of a .vti carries nothing; every other byte of every format does.
    const std::size_t tail = GetParam().format == VolumeFormat::Vti ? 1 : 0;
    // Truncations: 40 lengths spread over the file and the last few bytes before the tail cover
    // the header, the data and the trailer (every length would be slow under ASan).
    std::vector<std::size_t> lengths;
    for (std::size_t i = 0; i < 40; ++i) lengths.push_back(data.size() * i / 40);
    for (std::size_t k = 1; k <= 4; ++k) lengths.push_back(data.size() - tail - k);
    for (const std::size_t length : lengths) {
        writeBytes(bad, data.substr(0, length));
        EXPECT_THROW(ssbsim::io::readVolume(bad), InputError) << "truncated to " << length;
    }
    // libhdf5 1.10.8 itself leaks memory (LeakSanitizer) when an object header fails its
    // checksum: H5Fopen, a failing H5Oopen and H5Fclose in plain C reproduce it. Corrupt HDF5
    // files are therefore covered by the truncations above (and the checksums make the reader
    // report them); the other formats also get random byte flips.
    if (GetParam().format == VolumeFormat::Hdf5) return;
    std::mt19937 random(12345);  // fixed seed: the same mutations in every run
    for (int trial = 0; trial < 60; ++trial) {
        std::string mutated = data;
        const std::size_t at = random() % mutated.size();
        mutated[at] = static_cast<char>(mutated[at] ^ static_cast<char>(1 + random() % 255));
        writeBytes(bad, mutated);
        try {
            ssbsim::io::readVolume(bad);
        } catch (const InputError&) {
        }  // any other exception fails the test
    }
}

TEST_P(RoundTrip, AnEmptyFileIsAnInputError) {
    if (GetParam().format == VolumeFormat::TiffSlices) GTEST_SKIP() << "a folder";
    const std::string file = path(GetParam().name);
    ssbsim::io::writeVolume(file, sampleVolume());
    writeBytes(file, "");
    EXPECT_THROW(ssbsim::io::readVolume(file), InputError);
}

INSTANTIATE_TEST_SUITE_P(EveryFormat, RoundTrip,
                         ::testing::Values(FormatCase{"volume.tif", VolumeFormat::Tiff},
                                           FormatCase{"slices/", VolumeFormat::TiffSlices},
                                           FormatCase{"volume.raw", VolumeFormat::Raw},
                                           FormatCase{"volume.npy", VolumeFormat::Npy},
                                           FormatCase{"volume.h5", VolumeFormat::Hdf5},
                                           FormatCase{"volume.vti", VolumeFormat::Vti}),
                         [](const auto& info) {
                             std::string name = info.param.name;
                             std::erase_if(name, [](char c) { return !std::isalnum(c); });
                             return name;
                         });

// --- writing ----------------------------------------------------------------------------------

TEST_F(VolumeFileTest, AFailedWriteLeavesNothingBehind) {
    writeBytes(path("blocker"), "a file where a folder would have to be");
    EXPECT_ANY_THROW(ssbsim::io::writeVolume(path("blocker/volume.h5"), sampleVolume()));
    EXPECT_EQ(filesInDir(), std::vector<std::string>{"blocker"});
}

TEST_F(VolumeFileTest, WritingReplacesAnExistingFileWhole) {
    const std::string file = path("volume.vti");
    writeBytes(file, "old content");
    ssbsim::io::writeVolume(file, sampleVolume());
    EXPECT_EQ(ssbsim::io::readVolume(file).labels(), sampleVolume().labels());
    EXPECT_EQ(filesInDir(), std::vector<std::string>{"volume.vti"});
}

TEST_F(VolumeFileTest, ASliceFolderIsNeverWrittenOverExistingFiles) {
    fs::create_directories(path("slices"));
    writeBytes(path("slices/keep.txt"), "mine");
    EXPECT_THROW(ssbsim::io::writeVolume(path("slices/"), sampleVolume()), InputError);
    EXPECT_EQ(readBytes(path("slices/keep.txt")), "mine");
}

TEST_F(VolumeFileTest, UnknownExtensionsListTheKnownFormats) {
    writeBytes(path("volume.png"), "x");
    expectInputError(path("volume.png"), ".tif/.tiff, a folder of TIFF slices, .raw");
    EXPECT_THROW(ssbsim::io::writeVolume(path("volume.png"), sampleVolume()), InputError);
    EXPECT_THROW(ssbsim::io::writeVolume(path("volume.h5:/other"), sampleVolume()), InputError);
}

TEST_F(VolumeFileTest, MissingFilesAreInputErrors) {
    for (const char* name : {"none.tif", "none.raw", "none.npy", "none.h5", "none.vti"})
        expectInputError(path(name), "no such file");
}

// --- voxel size and phase-name options --------------------------------------------------------

TEST(VoxelSizeText, OneOrThreeEdgesWithUnits) {
    using ssbsim::io::parseVoxelSize;
    EXPECT_EQ(parseVoxelSize("0.5 um"), (VoxelVolume::Spacing{0.5e-6, 0.5e-6, 0.5e-6}));
    const VoxelVolume::Spacing fib = parseVoxelSize("10,10,30 nm");
    EXPECT_DOUBLE_EQ(fib[0], 10e-9);
    EXPECT_DOUBLE_EQ(fib[1], 10e-9);
    EXPECT_DOUBLE_EQ(fib[2], 30e-9);
    const VoxelVolume::Spacing mixed = parseVoxelSize("10 nm, 10 nm, 0.03 um");
    EXPECT_DOUBLE_EQ(mixed[2], 30e-9);
    EXPECT_EQ(parseVoxelSize("5e-7"), (VoxelVolume::Spacing{5e-7, 5e-7, 5e-7}));  // bare = metres
}

TEST(VoxelSizeText, MistakesSayWhatWasExpected) {
    auto message = [](const char* text) {
        try {
            ssbsim::io::parseVoxelSize(text);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(message("0.5").find("write the unit"), std::string::npos) << message("0.5");
    EXPECT_NE(message("1,2 um").find("three, x, y, z"), std::string::npos);
    EXPECT_NE(message("-1 um").find("> 0"), std::string::npos);
    EXPECT_NE(message("5 V").find("expected a length"), std::string::npos) << message("5 V");
}

TEST(PhaseNamesText, LabelEqualsName) {
    const auto names = ssbsim::io::parsePhaseNames("0=pore, 1 = CAM,2=SE");
    EXPECT_EQ(names, (std::map<Label, std::string>{{0, "pore"}, {1, "CAM"}, {2, "SE"}}));
    for (const char* bad : {"0=pore,0=CAM", "256=x", "a=pore", "1=", "pore"})
        EXPECT_THROW(ssbsim::io::parsePhaseNames(bad), InputError) << bad;
}

// --- TIFF -------------------------------------------------------------------------------------

// Writes a TIFF page by page through libtiff, as other programs do. `tile` = 0 writes strips of
// 3 rows; otherwise tiles of tile × tile pixels. Samples are the uint16 values of `value(x,y,z)`.
template <typename Value>
void writeTiff16(const std::string& file, std::uint32_t nx, std::uint32_t ny, std::uint32_t nz,
                 std::uint32_t tile, const char* mode, Value value) {
    TIFF* tif = TIFFOpen(file.c_str(), mode);
    ASSERT_NE(tif, nullptr);
    for (std::uint32_t z = 0; z < nz; ++z) {
        TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, nx);
        TIFFSetField(tif, TIFFTAG_IMAGELENGTH, ny);
        TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 16);
        TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
        TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
        TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
        TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
        TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
        if (tile > 0) {
            TIFFSetField(tif, TIFFTAG_TILEWIDTH, tile);
            TIFFSetField(tif, TIFFTAG_TILELENGTH, tile);
            std::vector<std::uint16_t> buffer(tile * tile);
            for (std::uint32_t y0 = 0; y0 < ny; y0 += tile)
                for (std::uint32_t x0 = 0; x0 < nx; x0 += tile) {
                    for (std::uint32_t j = 0; j < tile; ++j)
                        for (std::uint32_t i = 0; i < tile; ++i)
                            buffer[j * tile + i] = x0 + i < nx && y0 + j < ny
                                                       ? value(x0 + i, y0 + j, z)
                                                       : std::uint16_t{0};
                    ASSERT_GE(TIFFWriteTile(tif, buffer.data(), x0, y0, 0, 0), 0);
                }
        } else {
            TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 3);
            std::vector<std::uint16_t> row(nx);
            for (std::uint32_t y = 0; y < ny; ++y) {
                for (std::uint32_t x = 0; x < nx; ++x) row[x] = value(x, y, z);
                ASSERT_EQ(TIFFWriteScanline(tif, row.data(), y, 0), 1);
            }
        }
        ASSERT_EQ(TIFFWriteDirectory(tif), 1);
    }
    TIFFClose(tif);
}

std::uint16_t pattern(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
    return static_cast<std::uint16_t>((x * 7 + y * 13 + z * 29) % 256);
}

void expectPattern(const VoxelVolume& v) {
    for (std::size_t z = 0; z < v.extent(2); ++z)
        for (std::size_t y = 0; y < v.extent(1); ++y)
            for (std::size_t x = 0; x < v.extent(0); ++x)
                ASSERT_EQ(v(x, y, z),
                          pattern(static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y),
                                  static_cast<std::uint32_t>(z)))
                    << x << "," << y << "," << z;
}

TEST_F(VolumeFileTest, SixteenBitTiledTiffFromLibtiff) {
    // 37 × 23 pixels in 16 × 16 tiles: the right and bottom tiles are partial.
    const std::string file = path("tiled16.tif");
    writeTiff16(file, 37, 23, 4, 16, "w", pattern);
    const ssbsim::io::VolumeRead read = ssbsim::io::readVolumeFile(file);
    EXPECT_EQ(read.volume.shape(), (VoxelVolume::Shape{37, 23, 4}));
    EXPECT_EQ(read.storedType, "uint16");
    EXPECT_EQ(read.voxelSizeSource, VoxelSizeSource::Default);
    expectPattern(read.volume);
}

TEST_F(VolumeFileTest, SixteenBitBigEndianStripsFromLibtiff) {
    const std::string file = path("strips16-big-endian.tif");
    writeTiff16(file, 19, 11, 3, 0, "wb", pattern);  // "b": big-endian file
    expectPattern(ssbsim::io::readVolume(file));
}

TEST_F(VolumeFileTest, SixteenBitValuesAbove255AreNotLabels) {
    const std::string file = path("grayscale.tif");
    writeTiff16(file, 9, 8, 2, 0, "w", [](std::uint32_t x, std::uint32_t y, std::uint32_t z) {
        return static_cast<std::uint16_t>(x == 4 && y == 5 && z == 1 ? 300 : 1);
    });
    expectInputError(file,
                     "value 300 at voxel (x=4, y=5, z=1) is not a phase label: labels must "
                     "be integers 0..255 (segment the image first)");
}

TEST_F(VolumeFileTest, ColourFloatAndMixedSizeTiffsAreRejected) {
    {
        TIFF* tif = TIFFOpen(path("rgb.tif").c_str(), "w");
        TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, 4);
        TIFFSetField(tif, TIFFTAG_IMAGELENGTH, 2);
        TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
        TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 3);
        TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
        TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
        std::vector<unsigned char> row(12, 0);
        for (std::uint32_t y = 0; y < 2; ++y) TIFFWriteScanline(tif, row.data(), y, 0);
        TIFFClose(tif);
    }
    expectInputError(path("rgb.tif"), "single-channel");
    {
        TIFF* tif = TIFFOpen(path("float.tif").c_str(), "w");
        TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, 2);
        TIFFSetField(tif, TIFFTAG_IMAGELENGTH, 1);
        TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 32);
        TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
        TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_IEEEFP);
        TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
        float row[2] = {0.5f, 1.0f};
        TIFFWriteScanline(tif, row, 0, 0);
        TIFFClose(tif);
    }
    expectInputError(path("float.tif"), "floating-point");
    {
        // Page 2 is smaller than page 1.
        TIFF* tif = TIFFOpen(path("mixed.tif").c_str(), "w");
        for (std::uint32_t width : {6u, 5u}) {
            TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, width);
            TIFFSetField(tif, TIFFTAG_IMAGELENGTH, 2);
            TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
            TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
            TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
            std::vector<unsigned char> row(width, 1);
            for (std::uint32_t y = 0; y < 2; ++y) TIFFWriteScanline(tif, row.data(), y, 0);
            TIFFWriteDirectory(tif);
        }
        TIFFClose(tif);
    }
    expectInputError(path("mixed.tif"), "page 2: 5×2 pixels, but the first page is 6×2");
}

TEST_F(VolumeFileTest, ImageJMetadataGivesTheVoxelSize) {
    // As Fiji writes it: 0.5 µm pixels (2 pixels per micron), 0.3 µm between slices.
    const auto h = ssbsim::io::imageJVoxelSize(
        "ImageJ=1.54f\nimages=4\nslices=4\nunit=micron\nspacing=0.3\nloop=false\n", 2.0, 2.0);
    ASSERT_TRUE(h.has_value());
    EXPECT_DOUBLE_EQ((*h)[0], 0.5e-6);
    EXPECT_DOUBLE_EQ((*h)[1], 0.5e-6);
    EXPECT_DOUBLE_EQ((*h)[2], 0.3e-6);
    // tifffile writes the micro sign escaped; nm works too; "pixel" is no physical unit.
    EXPECT_DOUBLE_EQ((*ssbsim::io::imageJVoxelSize("ImageJ=\nunit=\\u00B5m\n", 4.0, 4.0))[0],
                     0.25e-6);
    EXPECT_DOUBLE_EQ((*ssbsim::io::imageJVoxelSize("ImageJ=\nunit=nm\nspacing=30\n", 0.1, 0.1))[2],
                     30e-9);
    EXPECT_FALSE(ssbsim::io::imageJVoxelSize("ImageJ=\nunit=pixel\n", 1.0, 1.0).has_value());
    EXPECT_FALSE(ssbsim::io::imageJVoxelSize("a scanner's description", 1.0, 1.0).has_value());
}

TEST_F(VolumeFileTest, ImageJHyperstacksWithChannelsAreRejected) {
    const std::string file = path("hyperstack.tif");
    TIFF* tif = TIFFOpen(file.c_str(), "w");
    for (int page = 0; page < 2; ++page) {
        TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, 3);
        TIFFSetField(tif, TIFFTAG_IMAGELENGTH, 1);
        TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
        TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
        TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
        if (page == 0)
            TIFFSetField(tif, TIFFTAG_IMAGEDESCRIPTION, "ImageJ=1.54f\nimages=2\nchannels=2\n");
        unsigned char row[3] = {0, 1, 2};
        TIFFWriteScanline(tif, row, 0, 0);
        TIFFWriteDirectory(tif);
    }
    TIFFClose(tif);
    expectInputError(file, "hyperstack with 2 channels");
}

TEST(NaturalOrder, NumbersCompareByValue) {
    using ssbsim::io::naturalLess;
    EXPECT_TRUE(naturalLess("slice_2.tif", "slice_10.tif"));
    EXPECT_FALSE(naturalLess("slice_10.tif", "slice_2.tif"));
    EXPECT_TRUE(naturalLess("slice_002.tif", "slice_010.tif"));
    EXPECT_TRUE(naturalLess("a9b", "a10a"));
    EXPECT_TRUE(naturalLess("img1_z9", "img1_z10"));
    EXPECT_FALSE(naturalLess("x", "x"));
}

TEST_F(VolumeFileTest, SliceFolderIsReadInNaturalOrder) {
    // Slices named 1, 2, 10 (lexical order would put 10 before 2), each page filled with its
    // position in the stack; a macOS "._" companion file must be skipped.
    fs::create_directories(path("stack"));
    const std::vector<std::pair<const char*, Label>> slices = {
        {"slice_10.tif", 3}, {"slice_1.tif", 1}, {"slice_2.tif", 2}};
    for (const auto& [name, value] : slices) {
        VoxelVolume page({4, 3, 1}, {1e-6, 1e-6, 1e-6}, value);
        ssbsim::io::writeTiffVolume(path(std::string("stack/") + name), page);
    }
    writeBytes(path("stack/._slice_3.tif"), "AppleDouble junk");
    writeBytes(path("stack/notes.txt"), "not a slice");
    const VoxelVolume v = ssbsim::io::readVolume(path("stack"));
    ASSERT_EQ(v.shape(), (VoxelVolume::Shape{4, 3, 3}));
    EXPECT_EQ(v(0, 0, 0), 1);
    EXPECT_EQ(v(3, 2, 1), 2);
    EXPECT_EQ(v(2, 1, 2), 3);
}

TEST_F(VolumeFileTest, SliceFolderProblemsNameTheFile) {
    fs::create_directories(path("empty"));
    expectInputError(path("empty"), "no TIFF slices");
    fs::create_directories(path("mixed"));
    ssbsim::io::writeTiffVolume(path("mixed/a1.tif"), VoxelVolume({4, 3, 1}, {1, 1, 1}));
    ssbsim::io::writeTiffVolume(path("mixed/a2.tif"), VoxelVolume({4, 4, 1}, {1, 1, 1}));
    expectInputError(path("mixed"), "a2.tif");
    fs::create_directories(path("multi"));
    ssbsim::io::writeTiffVolume(path("multi/a1.tif"), VoxelVolume({4, 3, 2}, {1, 1, 1}));
    expectInputError(path("multi"), "2 pages: a slice folder holds one page per file");
}

// --- NumPy ------------------------------------------------------------------------------------

// A .npy file as numpy.save writes it (version 1.0 unless the header needs more).
std::string npy(const std::string& dict, const std::string& data, int major = 1) {
    std::string header = dict;
    const std::size_t prefix = major == 1 ? 10 : 12;
    header.append((64 - (prefix + header.size() + 1) % 64) % 64, ' ');
    header += '\n';
    std::string out = "\x93NUMPY";
    out += static_cast<char>(major);
    out += '\0';
    const std::size_t n = header.size();
    out += static_cast<char>(n & 0xff);
    out += static_cast<char>((n >> 8) & 0xff);
    if (major > 1) out += std::string(2, '\0');
    return out + header + data;
}

TEST_F(VolumeFileTest, NpyFortranOrderIsTransposed) {
    // numpy.asfortranarray of a (nz, ny, nx) = (2, 3, 4) array: the first index (z) varies fastest.
    std::string data;
    for (std::size_t x = 0; x < 4; ++x)
        for (std::size_t y = 0; y < 3; ++y)
            for (std::size_t z = 0; z < 2; ++z) data += static_cast<char>(x + 4 * y + 12 * z);
    writeBytes(path("fortran.npy"),
               npy("{'descr': '|u1', 'fortran_order': True, 'shape': (2, 3, 4), }", data));
    const VoxelVolume v = ssbsim::io::readVolume(path("fortran.npy"));
    ASSERT_EQ(v.shape(), (VoxelVolume::Shape{4, 3, 2}));
    for (std::size_t i = 0; i < v.voxelCount(); ++i) EXPECT_EQ(v.labels()[i], i);  // x fastest
}

TEST_F(VolumeFileTest, NpyBigEndianUint16AndVersion2Header) {
    std::string data;
    for (int i = 0; i < 6; ++i) {
        data += '\0';                        // high byte first
        data += static_cast<char>(250 + i);  // ... up to 255, the largest label
    }
    writeBytes(path("big.npy"),
               npy("{'descr': '>u2', 'fortran_order': False, 'shape': (2, 3), }", data, 2));
    const ssbsim::io::VolumeRead read = ssbsim::io::readVolumeFile(path("big.npy"));
    EXPECT_EQ(read.volume.shape(), (VoxelVolume::Shape{3, 2, 1}));  // 2-D (ny, nx): one slice
    EXPECT_EQ(read.storedType, "uint16");
    for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(read.volume.labels()[i], 250 + i);
}

TEST_F(VolumeFileTest, NpyBoolAndWideIntegersWithRangeCheck) {
    writeBytes(path("mask.npy"),
               npy("{'descr': '|b1', 'fortran_order': False, 'shape': (1, 1, 3), }",
                   std::string("\x01\x00\x01", 3)));
    EXPECT_EQ(ssbsim::io::readVolume(path("mask.npy")).labels(), (std::vector<Label>{1, 0, 1}));
    // int64 little endian: 2, -1 (not a label).
    std::string data(16, '\0');
    data[0] = 2;
    std::fill(data.begin() + 8, data.end(), '\xff');
    writeBytes(path("negative.npy"),
               npy("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 1, 2), }", data));
    expectInputError(path("negative.npy"),
                     "value -1 at voxel (x=1, y=0, z=0) is not a phase label");
}

TEST_F(VolumeFileTest, NpyProblemsSayWhatWasExpected) {
    writeBytes(path("float.npy"),
               npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 1), }", "\0\0\0\0"));
    expectInputError(path("float.npy"), "floating-point samples");
    writeBytes(path("record.npy"),
               npy("{'descr': [('a', '<u1')], 'fortran_order': False, 'shape': (1,), }", "\0"));
    expectInputError(path("record.npy"), "structured dtype");
    writeBytes(path("line.npy"),
               npy("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", "abc"));
    expectInputError(path("line.npy"), "a 1-D array");
    writeBytes(path("long.npy"),
               npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 1, 2), }", "abc"));
    expectInputError(path("long.npy"), "extra bytes after the array");
    writeBytes(path("text.npy"), "just text");
    expectInputError(path("text.npy"), "not a NumPy .npy file");
}

TEST_F(VolumeFileTest, NpyHeaderIsAlignedToSixtyFourBytes) {
    const std::string header = ssbsim::io::npyHeader({7, 5, 3});
    EXPECT_EQ(header.size() % 64, 0u);
    EXPECT_NE(header.find("'shape': (3, 5, 7)"), std::string::npos);  // numpy's (nz, ny, nx)
    EXPECT_EQ(header.back(), '\n');
}

// --- raw + header -----------------------------------------------------------------------------

TEST_F(VolumeFileTest, RawUint16BigEndianAfterAFileHeader) {
    writeBytes(path("scan.raw.yaml"),
               "shape: {x: 3, y: 2, z: 1}\n"
               "voxel-size: {x: 0.5 um, y: 0.5 um, z: 1.5 um}\n"
               "data-type: uint16\n"
               "byte-order: big\n"
               "header-bytes: 4\n"
               "phases: {0: pore, 7: CAM}\n");
    std::string data = "HDR!";
    for (int v : {0, 7, 0, 7, 7, 255}) {
        data += '\0';
        data += static_cast<char>(v);
    }
    writeBytes(path("scan.raw"), data);
    const ssbsim::io::VolumeRead read = ssbsim::io::readVolumeFile(path("scan.raw"));
    EXPECT_EQ(read.volume.labels(), (std::vector<Label>{0, 7, 0, 7, 7, 255}));
    EXPECT_EQ(read.volume.voxelSize(), (VoxelVolume::Spacing{0.5e-6, 0.5e-6, 1.5e-6}));
    EXPECT_EQ(read.volume.phaseNames().at(7), "CAM");
    // The header's own name selects the same volume.
    EXPECT_EQ(ssbsim::io::readVolume(path("scan.raw.yaml")).labels(), read.volume.labels());
}

TEST_F(VolumeFileTest, RawProblemsAreLocated) {
    writeBytes(path("a.raw"), std::string(6, '\0'));
    expectInputError(path("a.raw"), "no header");
    writeBytes(path("a.raw.yaml"), "shape: {x: 3, y: 2, z: 1}\ndata-type: float32\n");
    try {
        ssbsim::io::readVolume(path("a.raw"));
        ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().line, 2) << e.what();  // the YAML line of the bad key
        EXPECT_NE(std::string(e.what()).find("expected uint8 or uint16"), std::string::npos);
    }
    writeBytes(path("a.raw.yaml"), "shape: {x: 3, y: 2, z: 2}\ndata-type: uint8\n");
    expectInputError(path("a.raw"),
                     "the file has 6 bytes, but its header says 3×2×2 uint8 = 12 bytes");
}

// --- HDF5 -------------------------------------------------------------------------------------

TEST_F(VolumeFileTest, Hdf5IntegerDatasetAnywhereWithFijiElementSize) {
    // An int32 dataset at /scan/segmented (shape (nz, ny, nx) = (2, 2, 3)) with the Fiji HDF5
    // plugin's element_size_um (z, y, x in µm).
    const std::string file = path("other.h5");
    const hid_t h5 = H5Fcreate(file.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    const hid_t group = H5Gcreate2(h5, "/scan", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const hsize_t dims[3] = {2, 2, 3};
    const hid_t space = H5Screate_simple(3, dims, nullptr);
    const hid_t data = H5Dcreate2(h5, "/scan/segmented", H5T_STD_I32BE, space, H5P_DEFAULT,
                                  H5P_DEFAULT, H5P_DEFAULT);
    const std::int32_t values[12] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    H5Dwrite(data, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, values);
    const hsize_t three[1] = {3};
    const hid_t attrSpace = H5Screate_simple(1, three, nullptr);
    const hid_t attr =
        H5Acreate2(data, "element_size_um", H5T_IEEE_F64LE, attrSpace, H5P_DEFAULT, H5P_DEFAULT);
    const double um[3] = {0.3, 0.2, 0.1};
    H5Awrite(attr, H5T_NATIVE_DOUBLE, um);
    for (const hid_t id : {attr, attrSpace}) H5Idec_ref(id);
    H5Dclose(data);
    H5Sclose(space);
    H5Gclose(group);
    H5Fclose(h5);

    const ssbsim::io::VolumeRead read = ssbsim::io::readVolumeFile(file + ":/scan/segmented");
    EXPECT_EQ(read.volume.shape(), (VoxelVolume::Shape{3, 2, 2}));
    EXPECT_EQ(read.storedType, "int32");
    for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(read.volume.labels()[i], i);
    EXPECT_DOUBLE_EQ(read.volume.voxelSize()[0], 0.1e-6);
    EXPECT_DOUBLE_EQ(read.volume.voxelSize()[2], 0.3e-6);
    // Without a dataset the default /labels is missing: the message lists what is there.
    expectInputError(file, "no dataset '/labels'; the file holds /scan/segmented (3-D)");
}

TEST_F(VolumeFileTest, Hdf5NonIntegerAndNonHdf5FilesAreRejected) {
    const std::string file = path("float.h5");
    const hid_t h5 = H5Fcreate(file.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    const hsize_t dims[2] = {2, 2};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t data =
        H5Dcreate2(h5, "/labels", H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dclose(data);
    H5Sclose(space);
    H5Fclose(h5);
    expectInputError(file, "not an integer dataset");
    writeBytes(path("text.h5"), "plain text");
    expectInputError(path("text.h5"), "not an HDF5 file");
}

// --- VTK ImageData ----------------------------------------------------------------------------

struct XmlCheck {
    bool wellFormed = false;
    std::string rootName;
};

// Parses `xml` with expat directly, independently of the reader.
XmlCheck parseWithExpat(const std::string& xml) {
    XmlCheck check;
    XML_Parser parser = XML_ParserCreate(nullptr);
    XML_SetUserData(parser, &check);
    XML_SetStartElementHandler(parser, [](void* user, const XML_Char* name, const XML_Char**) {
        auto* c = static_cast<XmlCheck*>(user);
        if (c->rootName.empty()) c->rootName = name;
    });
    check.wellFormed =
        XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
    XML_ParserFree(parser);
    return check;
}

TEST_F(VolumeFileTest, WrittenVtiIsWellFormedXmlWithTheDataParaViewNeeds) {
    const VoxelVolume v = sampleVolume();
    const std::string header = ssbsim::io::vtiXmlHeader(v);
    ASSERT_EQ(header.back(), '_');  // the appended-data marker
    const XmlCheck check =
        parseWithExpat(header.substr(0, header.size() - 1) + "</AppendedData></VTKFile>");
    EXPECT_TRUE(check.wellFormed);
    EXPECT_EQ(check.rootName, "VTKFile");
    for (const char* expected :
         {"type=\"ImageData\"", "header_type=\"UInt64\"", "WholeExtent=\"0 7 0 5 0 3\"",
          "Spacing=\"1e-08 2e-08 3e-08\"", "<CellData Scalars=\"phase\">", "RangeMax=\"255\"",
          // "CAM" as VTK writes an ascii String array: byte values, each string ended by 0
          "112 111 114 101 0 67 65 77 0"})
        EXPECT_NE(header.find(expected), std::string::npos) << expected;
}

std::string base64(const std::string& bytes) {
    static const char* alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? alphabet[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? alphabet[n & 63] : '=';
    }
    return out;
}

std::string littleEndian32(std::uint32_t v) {
    std::string out;
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
    return out;
}

// A 3 × 2 × 1 point-data image (extent 0..2, 0..1, 0..0) with one array.
std::string vti(const std::string& rootAttributes, const std::string& array,
                const std::string& appended = "") {
    return "<?xml version=\"1.0\"?>\n<VTKFile type=\"ImageData\" version=\"0.1\" " +
           rootAttributes +
           ">\n <ImageData WholeExtent=\"0 2 0 1 0 0\" Origin=\"0 0 0\" Spacing=\"1 1 1\">\n"
           "  <Piece Extent=\"0 2 0 1 0 0\">\n   <PointData Scalars=\"labels\">\n" +
           array + "\n   </PointData>\n  </Piece>\n </ImageData>\n" + appended + "</VTKFile>\n";
}

TEST_F(VolumeFileTest, VtiAsciiPointDataFromOtherTools) {
    writeBytes(path("ascii.vti"), vti("byte_order=\"LittleEndian\"",
                                      "<DataArray type=\"Int32\" Name=\"labels\" "
                                      "format=\"ascii\">0 1 2\n 3 4 5</DataArray>"));
    const ssbsim::io::VolumeRead read = ssbsim::io::readVolumeFile(path("ascii.vti"));
    EXPECT_EQ(read.volume.shape(), (VoxelVolume::Shape{3, 2, 1}));
    EXPECT_EQ(read.volume.labels(), (std::vector<Label>{0, 1, 2, 3, 4, 5}));
    EXPECT_EQ(read.storedType, "int32");
    EXPECT_EQ(read.voxelSizeSource, VoxelSizeSource::Default);  // VTK Spacing carries no unit
}

TEST_F(VolumeFileTest, VtiInlineBase64HeaderJointOrSeparate) {
    const std::string data("\x00\x01\x02\x03\x04\x05", 6);
    // VTK encodes the UInt32 byte count together with the data ...
    writeBytes(path("joint.vti"),
               vti("byte_order=\"LittleEndian\" header_type=\"UInt32\"",
                   "<DataArray type=\"UInt8\" Name=\"labels\" format=\"binary\">" +
                       base64(littleEndian32(6) + data) + "</DataArray>"));
    // ... other writers (e.g. meshio) encode them separately.
    writeBytes(path("separate.vti"),
               vti("byte_order=\"LittleEndian\"",
                   "<DataArray type=\"UInt8\" Name=\"labels\" format=\"binary\">" +
                       base64(littleEndian32(6)) + base64(data) + "</DataArray>"));
    for (const char* name : {"joint.vti", "separate.vti"})
        EXPECT_EQ(ssbsim::io::readVolume(path(name)).labels(),
                  (std::vector<Label>{0, 1, 2, 3, 4, 5}))
            << name;
}

TEST_F(VolumeFileTest, VtiZlibCompressedAppendedBigEndian) {
    // ParaView's default: zlib blocks in raw appended data; here big-endian UInt16 samples in two
    // blocks of 8 and 4 bytes, as vtkZLibDataCompressor lays them out.
    std::string samples;
    for (int v : {0, 1, 2, 3, 4, 5}) {
        samples += '\0';
        samples += static_cast<char>(v);
    }
    std::string blocks, sizes;
    for (const auto& [start, length] : {std::pair{0, 8}, std::pair{8, 4}}) {
        uLongf size = compressBound(static_cast<uLong>(length));
        std::string out(size, '\0');
        ASSERT_EQ(compress(reinterpret_cast<Bytef*>(out.data()), &size,
                           reinterpret_cast<const Bytef*>(samples.data() + start),
                           static_cast<uLong>(length)),
                  Z_OK);
        blocks += out.substr(0, size);
        for (int i = 3; i >= 0; --i) sizes += static_cast<char>((size >> (8 * i)) & 0xff);
    }
    auto bigEndian32 = [](std::uint32_t v) {
        std::string out;
        for (int i = 3; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xff);
        return out;
    };
    const std::string header = bigEndian32(2) + bigEndian32(8) + bigEndian32(4) + sizes;
    writeBytes(
        path("zlib.vti"),
        vti("byte_order=\"BigEndian\" compressor=\"vtkZLibDataCompressor\"",
            "<DataArray type=\"UInt16\" Name=\"labels\" format=\"appended\" offset=\"0\"/>",
            " <AppendedData encoding=\"raw\">\n  _" + header + blocks + "\n </AppendedData>\n"));
    EXPECT_EQ(ssbsim::io::readVolume(path("zlib.vti")).labels(),
              (std::vector<Label>{0, 1, 2, 3, 4, 5}));
}

TEST_F(VolumeFileTest, VtiProblemsSayWhatWasExpected) {
    writeBytes(path("poly.vti"),
               "<?xml version=\"1.0\"?>\n<VTKFile type=\"PolyData\"></VTKFile>\n");
    expectInputError(path("poly.vti"), "of type PolyData: expected ImageData");
    writeBytes(path("lz4.vti"),
               vti("compressor=\"vtkLZ4DataCompressor\"",
                   "<DataArray type=\"UInt8\" Name=\"labels\" format=\"binary\">AAAA</DataArray>"));
    expectInputError(path("lz4.vti"), "vtkLZ4DataCompressor is not supported");
    writeBytes(path("float.vti"), vti("",
                                      "<DataArray type=\"Float32\" Name=\"labels\" "
                                      "format=\"ascii\">0 1 2 3 4 5</DataArray>"));
    expectInputError(path("float.vti"), "segment the image first");
    writeBytes(
        path("short.vti"),
        vti("", "<DataArray type=\"UInt8\" Name=\"labels\" format=\"ascii\">0 1 2</DataArray>"));
    expectInputError(path("short.vti"), "3 ascii values, its extent needs 6");
    writeBytes(path("broken.vti"),
               "<?xml version=\"1.0\"?>\n<VTKFile type=\"ImageData\">\n<ImageData>\n");
    try {
        ssbsim::io::readVolume(path("broken.vti"));
        ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("not well-formed XML"), std::string::npos) << e.what();
        EXPECT_GT(e.where().line, 0);
    }
}

}  // namespace
