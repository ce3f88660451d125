#include "ssbsim/io/TiffVolume.h"

#include <fmt/format.h>
#include <tiffio.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <charconv>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace ssbsim::io {

namespace {

namespace fs = std::filesystem;
using Spacing = VoxelVolume::Spacing;

// Strips of about 64 KiB: small enough to stream, large enough that per-strip overhead is nil.
constexpr std::size_t kStripBytes = 65536;
// Deflate level 5: on the 500³ TauFactor volume 0.8 s and 4.3 MB, against 2.0 s and 3.8 MB for
// libtiff's default 6 and 0.7 s and 5.8 MB for 4 (docs/physics/microstructure.md#tiff).
constexpr int kDeflateLevel = 5;
// The most pixels a page may have (65536²): more is a corrupt header, not a slice.
constexpr std::size_t kMaxPagePixels = std::size_t{1} << 32;
// The most bytes reserved ahead of decoding (see appendPages).
constexpr std::size_t kReserveLimit = std::size_t{1} << 30;
// Above this many bytes of samples a classic TIFF (32-bit offsets) could overflow: use BigTIFF.
constexpr std::size_t kBigTiffAbove = std::size_t{1} << 31;
// The key under which we store the exact voxel size in ImageJ's description (ImageJ and tifffile
// keep unknown keys): TIFF resolutions are single-precision rationals, so the exact value in
// metres makes a round trip lossless.
constexpr std::string_view kExactVoxelSizeKey = "ssbsim_voxel_size_m";

// --- libtiff messages -----------------------------------------------------------------------
// libtiff prints errors and warnings to stderr by default. Each open file gets handlers that keep
// its first error for our exception and drop warnings (unknown private tags and the like, which
// do not affect the labels). Messages libtiff sends to its global handlers (a few early failures)
// are kept per thread.

struct TiffMessages {
    std::string error;
};

std::string formatMessage(const char* module, const char* format, va_list args) {
    std::array<char, 1024> buffer{};
    std::vsnprintf(buffer.data(), buffer.size(), format, args);
    if (module == nullptr || *module == '\0') return buffer.data();
    return fmt::format("{}: {}", module, buffer.data());
}

int keepFirstError(TIFF*, void* user, const char* module, const char* format, va_list args) {
    auto* messages = static_cast<TiffMessages*>(user);
    if (messages->error.empty()) messages->error = formatMessage(module, format, args);
    return 1;  // handled: libtiff must not also pass it to the global handler
}

int dropWarning(TIFF*, void*, const char*, const char*, va_list) {
    return 1;
}

thread_local std::string lastGlobalError;

void keepGlobalError(const char* module, const char* format, va_list args) {
    lastGlobalError = formatMessage(module, format, args);
}

void dropGlobalWarning(const char*, const char*, va_list) {}

void installGlobalHandlers() {
    static std::once_flag once;
    std::call_once(once, [] {
        TIFFSetErrorHandler(keepGlobalError);
        TIFFSetWarningHandler(dropGlobalWarning);
    });
}

// An open TIFF file with its message capture; closed by the destructor.
class TiffFile {
  public:
    TiffFile(const std::string& path, const char* mode) : path_(path) {
        installGlobalHandlers();
        lastGlobalError.clear();
        const std::unique_ptr<TIFFOpenOptions, void (*)(TIFFOpenOptions*)> options(
            TIFFOpenOptionsAlloc(), TIFFOpenOptionsFree);
        if (!options) throw std::bad_alloc();
        TIFFOpenOptionsSetErrorHandlerExtR(options.get(), keepFirstError, messages_.get());
        TIFFOpenOptionsSetWarningHandlerExtR(options.get(), dropWarning, nullptr);
        tif_ = TIFFOpenExt(path.c_str(), mode, options.get());
    }
    ~TiffFile() {
        if (tif_ != nullptr) TIFFClose(tif_);
    }
    TiffFile(const TiffFile&) = delete;
    TiffFile& operator=(const TiffFile&) = delete;

    bool isOpen() const { return tif_ != nullptr; }
    TIFF* get() const { return tif_; }
    const std::string& path() const { return path_; }

    /// Forgets earlier messages, so that detail() explains the next failing call.
    void clearMessages() {
        messages_->error.clear();
        lastGlobalError.clear();
    }
    /// What libtiff said about the last failure ("" if nothing).
    std::string detail() const {
        return !messages_->error.empty() ? messages_->error : lastGlobalError;
    }
    /// `what`, followed by libtiff's explanation when it gave one.
    std::string explain(const std::string& what) const {
        const std::string why = detail();
        return why.empty() ? what : fmt::format("{} ({})", what, why);
    }

  private:
    std::string path_;
    std::unique_ptr<TiffMessages> messages_ = std::make_unique<TiffMessages>();
    TIFF* tif_ = nullptr;
};

// --- reading ----------------------------------------------------------------------------------

enum class SampleKind { Unsigned, Signed };

// How the samples of one page are stored.
struct PageLayout {
    std::size_t width = 0, height = 0;
    unsigned bytesPerSample = 1;
    SampleKind kind = SampleKind::Unsigned;

    std::string typeName() const {
        return fmt::format("{}int{}", kind == SampleKind::Unsigned ? "u" : "", 8 * bytesPerSample);
    }
};

// What has been read so far from one file or a folder of slices.
struct TiffStack {
    std::vector<Label> labels;
    std::size_t width = 0, height = 0, pages = 0;
    std::string storedType;
    std::optional<Spacing> voxelSize;
};

InputError pageError(const std::string& path, std::size_t page, const std::string& problem) {
    return volumeError(path, fmt::format("page {}: {}", page + 1, problem));
}

bool isReducedResolution(TIFF* tif) {
    std::uint32_t subfileType = 0;
    return TIFFGetField(tif, TIFFTAG_SUBFILETYPE, &subfileType) == 1 &&
           (subfileType & FILETYPE_REDUCEDIMAGE) != 0;
}

// The layout of the current page, or an error saying why its samples cannot be labels.
PageLayout pageLayout(const TiffFile& file, std::size_t page) {
    TIFF* tif = file.get();
    std::uint32_t width = 0, height = 0;
    std::uint16_t bits = 0, samples = 0, format = 0, photometric = PHOTOMETRIC_MINISBLACK;
    if (TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width) != 1 ||
        TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height) != 1 || width == 0 || height == 0)
        throw pageError(file.path(), page, "no image size (corrupt or not an image)");
    TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &format);
    TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric);
    if (samples != 1 ||
        (photometric != PHOTOMETRIC_MINISBLACK && photometric != PHOTOMETRIC_MINISWHITE &&
         photometric != PHOTOMETRIC_PALETTE))
        throw pageError(file.path(), page,
                        fmt::format("{} samples per pixel (photometric {}): phase labels must be a "
                                    "single-channel grayscale or palette image",
                                    samples, photometric));
    if (format == SAMPLEFORMAT_IEEEFP)
        throw pageError(file.path(), page,
                        fmt::format("{}-bit floating-point samples: phase labels must be integers "
                                    "0..255 (segment the image first)",
                                    bits));
    if (format != SAMPLEFORMAT_UINT && format != SAMPLEFORMAT_INT)
        throw pageError(
            file.path(), page,
            fmt::format("sample format {}: expected unsigned or signed integers", format));
    if (std::size_t{width} * height > kMaxPagePixels)
        throw pageError(file.path(), page,
                        fmt::format("{}×{} pixels, more than any tomography slice (corrupt file?)",
                                    width, height));
    if (bits != 8 && bits != 16 && bits != 32)
        throw pageError(file.path(), page,
                        fmt::format("{}-bit samples: expected 8-, 16- or 32-bit integers", bits));
    return {.width = width,
            .height = height,
            .bytesPerSample = bits / 8u,
            .kind = format == SAMPLEFORMAT_INT ? SampleKind::Signed : SampleKind::Unsigned};
}

// Whether the current directory lies wholly inside the file. libtiff takes a "next directory"
// pointer cut off by the end of the file for "no more pages", which would turn a truncated stack
// into a shorter one without a word.
bool directoryComplete(TIFF* tif, std::uintmax_t fileSize) {
    const bool big = TIFFIsBigTIFF(tif) != 0;
    const std::uint64_t offset = TIFFCurrentDirOffset(tif);
    const std::size_t countBytes = big ? 8 : 2, entryBytes = big ? 20 : 12,
                      pointerBytes = big ? 8 : 4;
    std::array<unsigned char, 8> count{};
    if (offset + countBytes > fileSize ||
        ::pread(TIFFFileno(tif), count.data(), countBytes, static_cast<off_t>(offset)) !=
            static_cast<ssize_t>(countBytes))
        return false;
    std::uint64_t entries = 0;
    const bool swapped = TIFFIsByteSwapped(tif) != 0;
    const bool littleEndianFile = (std::endian::native == std::endian::little) != swapped;
    for (std::size_t i = 0; i < countBytes; ++i) {
        const std::size_t byte = littleEndianFile ? countBytes - 1 - i : i;
        entries = (entries << 8) | count[byte];
    }
    return offset + countBytes + entries * entryBytes + pointerBytes <= fileSize;
}

// Reads the strips of the current page into `out` (rows of width × bytesPerSample bytes).
void readStrips(const TiffFile& file, const PageLayout& layout, std::size_t page,
                unsigned char* out) {
    TIFF* tif = file.get();
    std::uint32_t rowsPerStrip = 0;
    TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &rowsPerStrip);
    const std::size_t stripRows = std::clamp<std::size_t>(rowsPerStrip, 1, layout.height);
    const std::size_t rowBytes = layout.width * layout.bytesPerSample;
    const std::size_t strips = (layout.height + stripRows - 1) / stripRows;
    if (TIFFNumberOfStrips(tif) < strips)
        throw pageError(file.path(), page,
                        fmt::format("{} strips for {} rows of {} rows each (corrupt file)",
                                    TIFFNumberOfStrips(tif), layout.height, stripRows));
    for (std::size_t s = 0; s < strips; ++s) {
        const std::size_t firstRow = s * stripRows;
        const auto bytes =
            static_cast<tmsize_t>(std::min(stripRows, layout.height - firstRow) * rowBytes);
        const tmsize_t got = TIFFReadEncodedStrip(tif, static_cast<std::uint32_t>(s),
                                                  out + firstRow * rowBytes, bytes);
        if (got != bytes)
            throw pageError(file.path(), page,
                            file.explain(fmt::format("cannot read strip {} of {}{}", s + 1, strips,
                                                     got >= 0 ? " (truncated)" : "")));
    }
}

// Reads the tiles of the current page into `out`, clipping the tiles at the right and bottom
// edges (tiles are multiples of 16 pixels, pages need not be).
void readTiles(const TiffFile& file, const PageLayout& layout, std::size_t page,
               unsigned char* out) {
    TIFF* tif = file.get();
    std::uint32_t tileWidth = 0, tileHeight = 0;
    TIFFGetField(tif, TIFFTAG_TILEWIDTH, &tileWidth);
    TIFFGetField(tif, TIFFTAG_TILELENGTH, &tileHeight);
    const std::size_t b = layout.bytesPerSample;
    const std::size_t tileBytes = std::size_t{tileWidth} * tileHeight * b;
    if (tileWidth == 0 || tileHeight == 0 || tileBytes > (std::size_t{1} << 30))
        throw pageError(
            file.path(), page,
            fmt::format("invalid tile size {}×{} (corrupt file)", tileWidth, tileHeight));
    std::vector<unsigned char> tile(tileBytes);
    for (std::size_t y0 = 0; y0 < layout.height; y0 += tileHeight)
        for (std::size_t x0 = 0; x0 < layout.width; x0 += tileWidth) {
            const std::uint32_t index = TIFFComputeTile(tif, static_cast<std::uint32_t>(x0),
                                                        static_cast<std::uint32_t>(y0), 0, 0);
            const tmsize_t got =
                TIFFReadEncodedTile(tif, index, tile.data(), static_cast<tmsize_t>(tileBytes));
            if (got != static_cast<tmsize_t>(tileBytes))
                throw pageError(file.path(), page,
                                file.explain(fmt::format("cannot read the tile at x={}, y={}{}", x0,
                                                         y0, got >= 0 ? " (truncated)" : "")));
            const std::size_t rows = std::min<std::size_t>(tileHeight, layout.height - y0);
            const std::size_t columns = std::min<std::size_t>(tileWidth, layout.width - x0);
            for (std::size_t r = 0; r < rows; ++r)
                std::memcpy(out + ((y0 + r) * layout.width + x0) * b,
                            tile.data() + r * tileWidth * b, columns * b);
        }
}

template <typename Sample>
std::size_t narrowSamples(const unsigned char* in, std::size_t count, Label* out) {
    std::vector<Sample> samples(count);
    std::memcpy(samples.data(), in, count * sizeof(Sample));
    return narrowToLabels(samples.data(), count, out);
}

// Converts a page of wider samples (libtiff returns them in native byte order) to labels.
void narrowPage(const std::string& path, const PageLayout& layout, std::size_t z,
                const std::vector<unsigned char>& samples, Label* out) {
    const std::size_t n = layout.width * layout.height;
    const bool isSigned = layout.kind == SampleKind::Signed;
    std::size_t bad = n;
    long long value = 0;
    switch (layout.bytesPerSample) {
        case 1:
            bad = isSigned ? narrowSamples<std::int8_t>(samples.data(), n, out)
                           : narrowSamples<std::uint8_t>(samples.data(), n, out);
            if (bad < n) value = static_cast<std::int8_t>(samples[bad]);
            break;
        case 2: {
            bad = isSigned ? narrowSamples<std::int16_t>(samples.data(), n, out)
                           : narrowSamples<std::uint16_t>(samples.data(), n, out);
            std::int16_t s = 0;
            std::uint16_t u = 0;
            if (bad < n) {
                std::memcpy(&s, samples.data() + 2 * bad, 2);
                std::memcpy(&u, samples.data() + 2 * bad, 2);
                value = isSigned ? s : u;
            }
            break;
        }
        default: {
            bad = isSigned ? narrowSamples<std::int32_t>(samples.data(), n, out)
                           : narrowSamples<std::uint32_t>(samples.data(), n, out);
            std::int32_t s = 0;
            std::uint32_t u = 0;
            if (bad < n) {
                std::memcpy(&s, samples.data() + 4 * bad, 4);
                std::memcpy(&u, samples.data() + 4 * bad, 4);
                value = isSigned ? static_cast<long long>(s) : static_cast<long long>(u);
            }
            break;
        }
    }
    if (bad < n)
        throw volumeError(
            path, fmt::format("{}-bit image: {}", 8 * layout.bytesPerSample,
                              notALabelProblem(value, bad % layout.width, bad / layout.width, z)));
}

// Reads the current page, the `z`-th of the volume, into `out`.
void readPage(const TiffFile& file, const PageLayout& layout, std::size_t page, std::size_t z,
              Label* out) {
    const bool direct = layout.bytesPerSample == 1 && layout.kind == SampleKind::Unsigned;
    std::vector<unsigned char> wide;
    if (!direct) wide.resize(layout.width * layout.height * layout.bytesPerSample);
    unsigned char* target = direct ? out : wide.data();
    if (TIFFIsTiled(file.get()) != 0)
        readTiles(file, layout, page, target);
    else
        readStrips(file, layout, page, target);
    if (!direct) narrowPage(file.path(), layout, z, wide, out);
}

// --- ImageJ metadata --------------------------------------------------------------------------

// The key=value lines of an ImageJ description.
std::map<std::string, std::string, std::less<>> imageJFields(std::string_view description) {
    std::map<std::string, std::string, std::less<>> fields;
    while (!description.empty()) {
        const std::size_t end = std::min(description.find('\n'), description.size());
        const std::string_view line = description.substr(0, end);
        const std::size_t equals = line.find('=');
        if (equals != std::string_view::npos)
            fields.emplace(std::string(line.substr(0, equals)),
                           std::string(line.substr(equals + 1)));
        description.remove_prefix(std::min(end + 1, description.size()));
    }
    return fields;
}

std::optional<double> parseNumber(std::string_view text) {
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// Metres per ImageJ length unit; nothing for "pixel" or anything unknown.
std::optional<double> imageJUnit(std::string_view unit) {
    static const std::map<std::string, double, std::less<>> units = {
        {"micron", 1e-6},   {"um", 1e-6},      {"\u00B5m", 1e-6}, {"\u03BCm", 1e-6},
        {"\\u00B5m", 1e-6}, {"microns", 1e-6}, {"nm", 1e-9},      {"nanometer", 1e-9},
        {"mm", 1e-3},       {"cm", 1e-2},      {"m", 1.0},        {"meter", 1.0},
        {"inch", 0.0254}};
    const auto found = units.find(unit);
    if (found == units.end()) return std::nullopt;
    return found->second;
}

// The ImageJ hyperstack dimensions other than z must be 1 for a label volume.
void checkImageJSingleChannel(const std::string& path, std::string_view description) {
    if (!description.starts_with("ImageJ=")) return;
    const auto fields = imageJFields(description);
    for (const char* key : {"channels", "frames"}) {
        const auto found = fields.find(key);
        if (found == fields.end()) continue;
        const std::optional<double> count = parseNumber(found->second);
        if (count && *count > 1)
            throw volumeError(path, fmt::format("an ImageJ hyperstack with {} {}: a label volume "
                                                "has one channel and one frame",
                                                found->second, key));
    }
}

// --- reading a whole file ---------------------------------------------------------------------

// The first page's ImageJ metadata (voxel size) and hyperstack check.
void readFirstPageMetadata(const TiffFile& file, TiffStack& stack) {
    TIFF* tif = file.get();
    char* description = nullptr;
    if (TIFFGetField(tif, TIFFTAG_IMAGEDESCRIPTION, &description) != 1 || description == nullptr)
        return;
    checkImageJSingleChannel(file.path(), description);
    float xResolution = 0.0f, yResolution = 0.0f;
    TIFFGetField(tif, TIFFTAG_XRESOLUTION, &xResolution);
    TIFFGetField(tif, TIFFTAG_YRESOLUTION, &yResolution);
    stack.voxelSize = imageJVoxelSize(description, xResolution, yResolution);
}

// Appends every full-resolution page of the TIFF file `path` to `stack`; returns how many.
std::size_t appendPages(const std::string& path, TiffStack& stack) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw volumeError(path, fs::exists(path, ec) ? "not a regular file"
                                                     : "no such file (expected a TIFF file)");
    TiffFile file(path, "r");
    if (!file.isOpen()) throw volumeError(path, file.explain("not a readable TIFF file"));
    TIFF* tif = file.get();
    const std::uintmax_t fileSize = fs::file_size(path, ec);
    std::size_t page = 0, added = 0;
    const bool firstFile = stack.pages == 0;
    while (true) {
        if (!directoryComplete(tif, fileSize))
            throw pageError(path, page,
                            "its directory is cut off by the end of the file (truncated)");
        if (!isReducedResolution(tif)) {
            const PageLayout layout = pageLayout(file, page);
            if (stack.pages == 0) {
                stack.width = layout.width;
                stack.height = layout.height;
                stack.storedType = layout.typeName();
                // Reserve for the pages this file declares, up to 1 GiB: beyond that the labels
                // grow with the pages actually decoded, so a forged count cannot claim memory.
                const std::size_t declared =
                    std::min<std::size_t>(TIFFNumberOfDirectories(tif), 65536);
                checkVolumeSize(path, layout.width, layout.height, 1);
                stack.labels.reserve(
                    std::min(declared * layout.width * layout.height, kReserveLimit));
            } else if (layout.width != stack.width || layout.height != stack.height) {
                throw pageError(
                    path, page,
                    fmt::format("{}×{} pixels, but the first page is {}×{}: every page "
                                "of a volume must have the same size",
                                layout.width, layout.height, stack.width, stack.height));
            }
            if (firstFile && added == 0) readFirstPageMetadata(file, stack);
            checkVolumeSize(path, stack.width, stack.height, stack.pages + 1);
            const std::size_t pageVoxels = stack.width * stack.height;
            stack.labels.resize(stack.labels.size() + pageVoxels);
            readPage(file, layout, page, stack.pages,
                     stack.labels.data() + stack.pages * pageVoxels);
            ++stack.pages;
            ++added;
        }
        ++page;
        file.clearMessages();
        if (TIFFLastDirectory(tif) != 0) break;
        // Another page is announced: failing to read it (a truncated file often fails without a
        // libtiff error) must not pass for the end of the volume.
        if (TIFFReadDirectory(tif) != 1)
            throw volumeError(
                path, file.explain(fmt::format("cannot read page {} (truncated or corrupt file)",
                                               page + 1)));
    }
    if (added == 0) throw volumeError(path, "no full-resolution image page");
    return added;
}

StoredVolume toStoredVolume(TiffStack&& stack) {
    return {.volume = VoxelVolume({stack.width, stack.height, stack.pages}, {1, 1, 1},
                                  std::move(stack.labels)),
            .voxelSize = stack.voxelSize,
            .storedType = stack.storedType};
}

// --- writing ----------------------------------------------------------------------------------

std::size_t stripRowsFor(const VoxelVolume& volume) {
    return std::clamp<std::size_t>(kStripBytes / volume.extent(0), 1, volume.extent(1));
}

void setPageTags(TIFF* tif, const VoxelVolume& volume, std::size_t z, std::size_t pages,
                 const std::string& description) {
    const std::size_t nx = volume.extent(0), ny = volume.extent(1);
    const auto& h = volume.voxelSize();
    TIFFSetField(tif, TIFFTAG_SUBFILETYPE, pages > 1 ? FILETYPE_PAGE : 0);
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(nx));
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, static_cast<std::uint32_t>(ny));
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_UINT);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
    TIFFSetField(tif, TIFFTAG_ZIPQUALITY, kDeflateLevel);
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, static_cast<std::uint32_t>(stripRowsFor(volume)));
    if (pages > 1)
        TIFFSetField(tif, TIFFTAG_PAGENUMBER,
                     static_cast<std::uint16_t>(std::min<std::size_t>(z, 65535)),
                     static_cast<std::uint16_t>(std::min<std::size_t>(pages, 65535)));
    // The metadata goes on the first page only, where ImageJ and tifffile read it, so that the
    // file ends with the last page's directory: a truncated file then fails to read instead of
    // silently losing metadata nobody reads. ImageJ reads the pixel size as pixels per unit
    // (unit=micron in the description).
    if (z == 0 || pages == 1) {
        TIFFSetField(tif, TIFFTAG_XRESOLUTION, 1e-6 / h[0]);
        TIFFSetField(tif, TIFFTAG_YRESOLUTION, 1e-6 / h[1]);
        TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_NONE);
        TIFFSetField(tif, TIFFTAG_IMAGEDESCRIPTION, description.c_str());
    }
}

void writePage(const TiffFile& file, const VoxelVolume& volume, std::size_t z, std::size_t pages,
               const std::string& description) {
    TIFF* tif = file.get();
    const std::size_t nx = volume.extent(0), ny = volume.extent(1);
    setPageTags(tif, volume, z, pages, description);
    const std::size_t stripRows = stripRowsFor(volume);
    const Label* plane = volume.data() + volume.index(0, 0, z);
    for (std::size_t row = 0, strip = 0; row < ny; row += stripRows, ++strip) {
        const std::size_t bytes = std::min(stripRows, ny - row) * nx;
        // libtiff's API takes a non-const buffer but does not modify it when compressing.
        void* data = const_cast<Label*>(plane + row * nx);
        if (TIFFWriteEncodedStrip(tif, static_cast<std::uint32_t>(strip), data,
                                  static_cast<tmsize_t>(bytes)) < 0)
            throw std::runtime_error(
                file.explain(fmt::format("cannot write '{}': page {}", file.path(), z + 1)));
    }
    if (TIFFWriteDirectory(tif) != 1)
        throw std::runtime_error(
            file.explain(fmt::format("cannot write '{}': page {}", file.path(), z + 1)));
}

void writePages(const std::string& path, const VoxelVolume& volume, std::size_t firstZ,
                std::size_t count) {
    const bool big = volume.voxelCount() > kBigTiffAbove && count > 1;
    TiffFile file(path, big ? "w8" : "w");
    if (!file.isOpen())
        throw std::runtime_error(file.explain(fmt::format("cannot create '{}'", path)));
    const std::string description = imageJDescription(count, volume.voxelSize());
    for (std::size_t z = firstZ; z < firstZ + count; ++z)
        writePage(file, volume, z, count, description);
}

}  // namespace

// --- public -----------------------------------------------------------------------------------

std::optional<Spacing> imageJVoxelSize(std::string_view description, double xResolution,
                                       double yResolution) {
    if (!description.starts_with("ImageJ=")) return std::nullopt;
    const auto fields = imageJFields(description);
    if (const auto exact = fields.find(kExactVoxelSizeKey); exact != fields.end()) {
        Spacing h{};
        std::string_view rest = exact->second;
        bool ok = true;
        for (double& edge : h) {
            const std::size_t comma = std::min(rest.find(','), rest.size());
            const std::optional<double> value = parseNumber(rest.substr(0, comma));
            ok = ok && value && *value > 0.0;
            edge = value.value_or(0.0);
            rest.remove_prefix(std::min(comma + 1, rest.size()));
        }
        if (ok) return h;
    }
    const auto unitField = fields.find("unit");
    if (unitField == fields.end()) return std::nullopt;
    const std::optional<double> unit = imageJUnit(unitField->second);
    if (!unit || !(xResolution > 0.0)) return std::nullopt;
    if (!(yResolution > 0.0)) yResolution = xResolution;
    // ImageJ's voxel depth is 1 (in the unit) unless "spacing" says otherwise.
    double depth = 1.0;
    if (const auto spacing = fields.find("spacing"); spacing != fields.end())
        depth = parseNumber(spacing->second).value_or(1.0);
    if (!(depth > 0.0)) depth = 1.0;
    return Spacing{*unit / xResolution, *unit / yResolution, *unit * depth};
}

std::string imageJDescription(std::size_t pages, const Spacing& voxelSize) {
    std::string text = fmt::format("ImageJ=1.11a\nimages={}\n", pages);
    if (pages > 1) text += fmt::format("slices={}\n", pages);
    text += fmt::format("unit=micron\nspacing={}\nloop=false\n{}={},{},{}\n", voxelSize[2] / 1e-6,
                        kExactVoxelSizeKey, voxelSize[0], voxelSize[1], voxelSize[2]);
    return text;
}

bool naturalLess(std::string_view a, std::string_view b) {
    auto isDigit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (isDigit(a[i]) && isDigit(b[j])) {
            std::size_t iEnd = i, jEnd = j;
            while (iEnd < a.size() && isDigit(a[iEnd])) ++iEnd;
            while (jEnd < b.size() && isDigit(b[jEnd])) ++jEnd;
            // Compare the numbers without leading zeros: first by length, then digit by digit.
            std::string_view x = a.substr(i, iEnd - i), y = b.substr(j, jEnd - j);
            x.remove_prefix(std::min(x.find_first_not_of('0'), x.size()));
            y.remove_prefix(std::min(y.find_first_not_of('0'), y.size()));
            if (x.size() != y.size()) return x.size() < y.size();
            if (x != y) return x < y;
            i = iEnd;
            j = jEnd;
        } else {
            if (a[i] != b[j]) return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    if (a.size() - i != b.size() - j) return a.size() - i < b.size() - j;
    return a < b;  // equal up to leading zeros: any fixed order
}

std::vector<std::string> sliceFilesInOrder(const std::string& folder) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::string extension = it->path().extension().string();
        std::transform(extension.begin(), extension.end(), extension.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::error_code typeError;
        if (name.starts_with('.') || !it->is_regular_file(typeError)) continue;
        if (extension == ".tif" || extension == ".tiff") names.push_back(name);
    }
    if (ec) throw volumeError(folder, fmt::format("cannot list the folder: {}", ec.message()));
    std::sort(names.begin(), names.end(), naturalLess);
    std::vector<std::string> paths;
    for (const std::string& name : names) paths.push_back((fs::path(folder) / name).string());
    return paths;
}

StoredVolume readTiffVolume(const std::string& path) {
    TiffStack stack;
    appendPages(path, stack);
    return toStoredVolume(std::move(stack));
}

StoredVolume readTiffSlices(const std::string& folder) {
    const std::vector<std::string> files = sliceFilesInOrder(folder);
    if (files.empty()) throw volumeError(folder, "no TIFF slices (*.tif, *.tiff) in this folder");
    TiffStack stack;
    for (const std::string& file : files) {
        const std::size_t pages = appendPages(file, stack);
        if (pages != 1)
            throw volumeError(file, fmt::format("{} pages: a slice folder holds one page per file "
                                                "(read a multi-page TIFF by its file name)",
                                                pages));
    }
    return toStoredVolume(std::move(stack));
}

void writeTiffVolume(const std::string& path, const VoxelVolume& volume) {
    writePages(path, volume, 0, volume.extent(2));
}

void writeTiffSlices(const std::string& folder, const VoxelVolume& volume) {
    const std::size_t nz = volume.extent(2);
    const int digits = std::max(4, static_cast<int>(fmt::format("{}", nz - 1).size()));
    fs::create_directories(folder);
    for (std::size_t z = 0; z < nz; ++z)
        writePages((fs::path(folder) / fmt::format("slice_{:0{}}.tif", z, digits)).string(), volume,
                   z, 1);
}

}  // namespace ssbsim::io
