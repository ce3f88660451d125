#include "ssbsim/io/VolumeFile.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <functional>
#include <new>
#include <stdexcept>
#include <vector>

#include "ssbsim/core/Quantity.h"
#include "ssbsim/io/Hdf5Volume.h"
#include "ssbsim/io/NpyVolume.h"
#include "ssbsim/io/RawVolume.h"
#include "ssbsim/io/TiffVolume.h"
#include "ssbsim/io/VtiVolume.h"

namespace ssbsim::io {

namespace {

namespace fs = std::filesystem;

// Larger voxels are not a microstructure; a bare "0.5" (read as 0.5 m) is the usual mistake.
constexpr double kMaxVoxelEdge = 1e-2;

constexpr std::string_view kKnownFormats =
    ".tif/.tiff, a folder of TIFF slices, .raw (with NAME.raw.yaml), .npy, .h5/.hdf5 or .vti";

std::string lowerCase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::optional<VolumeFormat> formatOfName(const std::string& path) {
    const std::string name = lowerCase(path);
    if (name.find(".h5:") != std::string::npos || name.find(".hdf5:") != std::string::npos)
        return VolumeFormat::Hdf5;
    if (name.ends_with(".raw.yaml")) return VolumeFormat::Raw;
    const std::string extension = lowerCase(fs::path(path).extension().string());
    if (extension == ".tif" || extension == ".tiff") return VolumeFormat::Tiff;
    if (extension == ".raw") return VolumeFormat::Raw;
    if (extension == ".npy") return VolumeFormat::Npy;
    if (extension == ".h5" || extension == ".hdf5") return VolumeFormat::Hdf5;
    if (extension == ".vti") return VolumeFormat::Vti;
    return std::nullopt;
}

InputError unknownFormat(const std::string& path) {
    const std::string extension = fs::path(path).extension().string();
    return volumeError(
        path, fmt::format("unknown volume format{}: expected {}",
                          extension.empty() ? "" : fmt::format(" '{}'", extension), kKnownFormats));
}

StoredVolume readStored(const std::string& path, VolumeFormat format) {
    switch (format) {
        case VolumeFormat::Tiff:
            return readTiffVolume(path);
        case VolumeFormat::TiffSlices:
            return readTiffSlices(path);
        case VolumeFormat::Raw:
            return readRawVolume(path);
        case VolumeFormat::Npy:
            return readNpyVolume(path);
        case VolumeFormat::Hdf5: {
            const auto [file, dataset] = splitHdf5Path(path);
            return readHdf5Volume(file, dataset);
        }
        case VolumeFormat::Vti:
            return readVtiVolume(path);
    }
    throw std::logic_error("unhandled volume format");
}

// --- whole-or-nothing writes ------------------------------------------------------------------

std::atomic<unsigned> temporaryCounter{0};

// A temporary name beside `target` (same folder, so the final rename is atomic).
std::string temporaryBeside(const std::string& target) {
    return fmt::format("{}.tmp{}-{}", target, ::getpid(), temporaryCounter++);
}

void removeQuietly(const std::string& path) {
    std::error_code ignored;
    fs::remove_all(path, ignored);
}

void renameOver(const std::string& from, const std::string& to) {
    std::error_code ec;
    fs::rename(from, to, ec);
    if (ec) {
        removeQuietly(from);
        throw std::runtime_error(fmt::format("cannot write '{}': {}", to, ec.message()));
    }
}

void createParentFolder(const std::string& path) {
    const fs::path parent = fs::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (ec)
        throw std::runtime_error(fmt::format("cannot write '{}': cannot create folder '{}': {}",
                                             path, parent.string(), ec.message()));
}

// Runs `write` on temporary names for each of `targets`, then renames them over the targets in
// order; any failure removes the temporaries and leaves the targets as they were.
void writeStaged(const std::vector<std::string>& targets,
                 const std::function<void(const std::vector<std::string>&)>& write) {
    for (const std::string& target : targets) createParentFolder(target);
    std::vector<std::string> temporaries;
    for (const std::string& target : targets) temporaries.push_back(temporaryBeside(target));
    try {
        write(temporaries);
    } catch (...) {
        for (const std::string& t : temporaries) removeQuietly(t);
        throw;
    }
    for (std::size_t i = 0; i < targets.size(); ++i) renameOver(temporaries[i], targets[i]);
}

std::string withoutTrailingSlash(std::string path) {
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    return path;
}

void writeSliceFolder(const std::string& path, const VoxelVolume& volume) {
    const std::string folder = withoutTrailingSlash(path);
    std::error_code ec;
    if (fs::exists(folder, ec) && !(fs::is_directory(folder, ec) && fs::is_empty(folder, ec)))
        throw volumeError(folder,
                          "the folder for TIFF slices exists and is not empty: choose a new "
                          "or empty folder (nothing is overwritten)");
    // rename(2) replaces an empty folder, so the finished folder appears whole.
    writeStaged({folder},
                [&](const std::vector<std::string>& t) { writeTiffSlices(t[0], volume); });
}

// One voxel edge as written: "0.5 um", or a bare number (metres).
double parseEdge(std::string_view text) {
    const double h = parseQuantity(text, "m");
    if (!(h > 0.0)) throw InputError(fmt::format("voxel size must be > 0, got \"{}\"", text));
    if (h > kMaxVoxelEdge)
        throw InputError(
            fmt::format("voxel size \"{}\" is {} m, larger than 1 cm: a bare number "
                        "is in metres; write the unit, e.g. \"0.5 um\"",
                        text, h));
    return h;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

bool isBareNumber(std::string_view text) {
    double v = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    return ec == std::errc() && end == text.data() + text.size();
}

// The unit of "30 nm" ("nm"); empty for a bare number.
std::string_view unitOf(std::string_view text) {
    double v = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc()) return {};
    return trim(text.substr(static_cast<std::size_t>(end - text.data())));
}

}  // namespace

std::string_view formatName(VolumeFormat format) {
    switch (format) {
        case VolumeFormat::Tiff:
            return "multi-page TIFF";
        case VolumeFormat::TiffSlices:
            return "folder of TIFF slices";
        case VolumeFormat::Raw:
            return "raw + YAML header";
        case VolumeFormat::Npy:
            return "NumPy .npy";
        case VolumeFormat::Hdf5:
            return "HDF5";
        case VolumeFormat::Vti:
            return "VTK ImageData (.vti)";
    }
    return "unknown";
}

bool storesVoxelSize(VolumeFormat format) {
    return format != VolumeFormat::Npy;
}

bool storesPhaseNames(VolumeFormat format) {
    return format == VolumeFormat::Raw || format == VolumeFormat::Hdf5 ||
           format == VolumeFormat::Vti;
}

VolumeFormat formatForReading(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return VolumeFormat::TiffSlices;
    if (const auto format = formatOfName(path)) return *format;
    throw unknownFormat(path);
}

VolumeFormat formatForWriting(const std::string& path) {
    std::error_code ec;
    if (path.ends_with('/') || fs::is_directory(path, ec)) return VolumeFormat::TiffSlices;
    const std::optional<VolumeFormat> format = formatOfName(path);
    if (!format) throw unknownFormat(path);
    if (*format == VolumeFormat::Hdf5 && splitHdf5Path(path).first != path)
        throw volumeError(path,
                          fmt::format("ssbsim writes HDF5 volumes to the dataset {}: give the "
                                      "file name without ':/dataset'",
                                      kLabelsDataset));
    if (*format == VolumeFormat::Raw && lowerCase(path).ends_with(".raw.yaml"))
        throw volumeError(path,
                          "give the .raw file to write (its .raw.yaml header is written "
                          "beside it)");
    return *format;
}

VolumeRead readVolumeFile(const std::string& path, const VolumeReadOptions& options) {
    const VolumeFormat format = formatForReading(path);
    StoredVolume stored;
    try {
        stored = readStored(path, format);
    } catch (const std::bad_alloc&) {
        throw volumeError(path, "not enough memory for the volume this file declares");
    }
    VolumeRead read{.volume = std::move(stored.volume),
                    .format = format,
                    .storedType = stored.storedType,
                    .voxelSizeSource = VoxelSizeSource::Default};
    if (options.voxelSize) {
        read.volume.setVoxelSize(*options.voxelSize);
        read.voxelSizeSource = VoxelSizeSource::Option;
    } else if (stored.voxelSize) {
        read.volume.setVoxelSize(*stored.voxelSize);
        read.voxelSizeSource = VoxelSizeSource::File;
    } else {
        read.volume.setVoxelSize({kDefaultVoxelSize, kDefaultVoxelSize, kDefaultVoxelSize});
    }
    return read;
}

VoxelVolume readVolume(const std::string& path, const VolumeReadOptions& options) {
    return readVolumeFile(path, options).volume;
}

void writeVolume(const std::string& path, const VoxelVolume& volume) {
    if (volume.voxelCount() == 0)
        throw std::invalid_argument(fmt::format("cannot write '{}': the volume is empty", path));
    const VolumeFormat format = formatForWriting(path);
    switch (format) {
        case VolumeFormat::TiffSlices:
            writeSliceFolder(path, volume);
            return;
        case VolumeFormat::Raw:
            // Data first, header last: a header is only ever beside complete data.
            writeStaged({path, rawHeaderPath(path)}, [&](const std::vector<std::string>& t) {
                writeRawVolume(t[0], t[1], volume);
            });
            return;
        case VolumeFormat::Tiff:
            writeStaged({path}, [&](const auto& t) { writeTiffVolume(t[0], volume); });
            return;
        case VolumeFormat::Npy:
            writeStaged({path}, [&](const auto& t) { writeNpyVolume(t[0], volume); });
            return;
        case VolumeFormat::Hdf5:
            writeStaged({path}, [&](const auto& t) { writeHdf5Volume(t[0], volume); });
            return;
        case VolumeFormat::Vti:
            writeStaged({path}, [&](const auto& t) { writeVtiVolume(t[0], volume); });
            return;
    }
}

VoxelVolume::Spacing parseVoxelSize(std::string_view text) {
    std::vector<std::string_view> parts;
    while (true) {
        const std::size_t comma = text.find(',');
        parts.push_back(trim(text.substr(0, comma)));
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    if (parts.size() == 1) {
        const double h = parseEdge(parts[0]);
        return {h, h, h};
    }
    if (parts.size() != 3)
        throw InputError(
            fmt::format("expected one voxel edge (\"0.5 um\") or three, x, y, z "
                        "(\"10,10,30 nm\"), got {} values",
                        parts.size()));
    // "10,10,30 nm": a unit on the last value only applies to all three.
    const std::string_view sharedUnit = unitOf(parts[2]);
    VoxelVolume::Spacing h{};
    for (std::size_t a = 0; a < 3; ++a) {
        const bool bare = isBareNumber(parts[a]) && a < 2 && !sharedUnit.empty();
        h[a] = bare ? parseEdge(fmt::format("{} {}", parts[a], sharedUnit)) : parseEdge(parts[a]);
    }
    return h;
}

std::map<Label, std::string> parsePhaseNames(std::string_view text) {
    std::map<Label, std::string> names;
    auto bad = [&](std::string_view entry, std::string_view why) {
        return InputError(
            fmt::format("phase names: '{}' {}; expected LABEL=NAME pairs separated "
                        "by commas, e.g. \"0=pore,1=CAM,2=SE\"",
                        entry, why));
    };
    while (true) {
        const std::size_t comma = text.find(',');
        const std::string_view entry = trim(text.substr(0, comma));
        const std::size_t equals = entry.find('=');
        if (equals == std::string_view::npos) throw bad(entry, "has no '='");
        const std::string_view label = trim(entry.substr(0, equals));
        const std::string_view name = trim(entry.substr(equals + 1));
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(label.data(), label.data() + label.size(), value);
        if (ec != std::errc() || end != label.data() + label.size() || value > 255)
            throw bad(entry, "does not start with a label 0..255");
        if (name.empty()) throw bad(entry, "has an empty name");
        if (!names.emplace(static_cast<Label>(value), std::string(name)).second)
            throw bad(entry, "repeats a label");
        if (comma == std::string_view::npos) return names;
        text.remove_prefix(comma + 1);
    }
}

}  // namespace ssbsim::io
