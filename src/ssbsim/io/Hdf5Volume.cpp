#include "ssbsim/io/Hdf5Volume.h"

#include "ssbsim/io/Hdf5Handle.h"

#include <fmt/format.h>
#include <hdf5.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <vector>

namespace ssbsim::io {

namespace {

namespace fs = std::filesystem;

// About 1 MiB per chunk, inside the 10 KiB - 1 MiB range the HDF5 Group recommends.
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
// Small datasets stay contiguous: chunk index and filter metadata would cost more than they save.
constexpr std::size_t kCompressAbove = 4096;
constexpr unsigned kDeflateLevel = 4;  // most of level 9's ratio at a fraction of its time
// Samples converted per block when reading wider integer types (64 MiB of int64).
constexpr std::size_t kReadBlock = std::size_t{1} << 23;

constexpr const char* kVoxelSizeAttribute = "voxel size [m]";
constexpr const char* kElementSizeAttribute = "element_size_um";
constexpr const char* kPhaseLabelsAttribute = "phase labels";
constexpr const char* kPhaseNamesAttribute = "phase names";

std::string withDetail(const std::string& what) {
    const std::string detail = hdf5Detail();
    return detail.empty() ? what : fmt::format("{} ({})", what, detail);
}

// HDF5 prints its error stack to stderr by default; we report through exceptions.
void silenceHdf5Errors() {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

H5Handle fileAccess() {
    H5Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
#if H5_VERSION_GE(1, 10, 7)
    // No error where the file system cannot lock files (some network mounts).
    if (fapl.valid()) H5Pset_file_locking(fapl, false, true);
#endif
    return fapl;
}

// --- reading ----------------------------------------------------------------------------------

// "/a (uint16, 3-D), /b (int32, 2-D)": the datasets a file holds, for a message.
std::string listDatasets(hid_t file) {
    std::vector<std::string> found;
    auto visit = [](hid_t group, const char* name, const H5L_info_t*, void* data) -> herr_t {
        const H5Handle object(H5Oopen(group, name, H5P_DEFAULT), H5Oclose);
        if (object.valid() && H5Iget_type(object) == H5I_DATASET) {
            const H5Handle space(H5Dget_space(object), H5Sclose);
            static_cast<std::vector<std::string>*>(data)->push_back(
                fmt::format("/{} ({}-D)", name, H5Sget_simple_extent_ndims(space)));
        }
        // Enough to choose from; a file with thousands of datasets would flood the message.
        return static_cast<std::vector<std::string>*>(data)->size() >= 20 ? 1 : 0;
    };
    const herr_t status = H5Lvisit(file, H5_INDEX_NAME, H5_ITER_INC, visit, &found);
    H5Eclear2(H5E_DEFAULT);
    if (status < 0 && found.empty()) return "groups that cannot be read (corrupt file?)";
    if (found.empty()) return "no datasets";
    std::string list;
    for (const std::string& name : found) list += (list.empty() ? "" : ", ") + name;
    return list;
}

struct DatasetLayout {
    VoxelVolume::Shape shape{};
    std::string typeName;  ///< numpy's spelling
};

DatasetLayout datasetLayout(hid_t dataset, hid_t type, const std::string& file,
                            const std::string& name) {
    const H5T_class_t typeClass = H5Tget_class(type);
    const std::size_t size = H5Tget_size(type);
    DatasetLayout layout;
    if (typeClass == H5T_INTEGER) {
        const bool isSigned = H5Tget_sign(type) == H5T_SGN_2;
        layout.typeName = fmt::format("{}int{}", isSigned ? "" : "u", 8 * size);
    } else if (typeClass == H5T_ENUM && size == 1) {
        layout.typeName = "enum8";  // h5py's bool is an enum {FALSE=0, TRUE=1} of int8
    } else {
        throw volumeError(file, fmt::format("dataset '{}' is not an integer dataset (HDF5 type "
                                            "class {}): phase labels must be integers 0..255",
                                            name, static_cast<int>(typeClass)));
    }
    const H5Handle space(H5Dget_space(dataset), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space);
    if (rank != 2 && rank != 3)
        throw volumeError(file, fmt::format("dataset '{}' has rank {}: expected shape (nz, ny, nx) "
                                            "or (ny, nx)",
                                            name, rank));
    hsize_t dims[3] = {1, 1, 1};
    H5Sget_simple_extent_dims(space, dims + (3 - rank), nullptr);
    for (const hsize_t d : dims)
        if (d > kMaxVoxelCount) throw volumeError(file, "an extent larger than ssbsim can hold");
    layout.shape = {dims[2], dims[1], dims[0]};
    checkVolumeSize(file, dims[2], dims[1], dims[0]);
    return layout;
}

// Reads planes [z0, z0 + count) of a rank-2 or rank-3 dataset with the memory type `memType`.
void readPlanes(hid_t dataset, hid_t memType, const VoxelVolume::Shape& shape, std::size_t z0,
                std::size_t planes, void* out, const std::string& file, const std::string& name) {
    const H5Handle fileSpace(H5Dget_space(dataset), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(fileSpace);
    const hsize_t start3[3] = {z0, 0, 0};
    const hsize_t count3[3] = {planes, shape[1], shape[0]};
    const hsize_t* start = start3 + (3 - rank);
    const hsize_t* count = count3 + (3 - rank);
    const H5Handle memSpace(H5Screate_simple(rank, count, nullptr), H5Sclose);
    if (H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, start, nullptr, count, nullptr) < 0 ||
        H5Dread(dataset, memType, memSpace, fileSpace, H5P_DEFAULT, out) < 0)
        throw volumeError(file, withDetail(fmt::format("cannot read dataset '{}' (planes {}..{})",
                                                       name, z0, z0 + planes - 1)));
}

// Wider integer samples: read in blocks of planes as 64-bit integers and check every label.
template <typename Wide>
void readWide(hid_t dataset, hid_t memType, StoredVolume& stored, const std::string& file,
              const std::string& name) {
    const auto [nx, ny, nz] = stored.volume.shape();
    const std::size_t plane = nx * ny;
    const std::size_t planesPerBlock = std::max<std::size_t>(1, kReadBlock / plane);
    std::vector<Wide> block(std::min(planesPerBlock, nz) * plane);
    for (std::size_t z0 = 0; z0 < nz; z0 += planesPerBlock) {
        const std::size_t planes = std::min(planesPerBlock, nz - z0);
        readPlanes(dataset, memType, stored.volume.shape(), z0, planes, block.data(), file, name);
        const std::size_t n = planes * plane;
        const std::size_t good = narrowToLabels(block.data(), n, stored.volume.data() + z0 * plane);
        if (good < n)
            throw volumeError(file,
                              fmt::format("dataset '{}': {}", name,
                                          notALabelProblem(block[good], good % nx, (good / nx) % ny,
                                                           z0 + good / plane)));
    }
}

// A double array attribute of exactly `n` values, if present.
std::optional<std::vector<double>> doubleAttribute(hid_t object, const char* name, std::size_t n) {
    if (H5Aexists(object, name) <= 0) return std::nullopt;
    const H5Handle attribute(H5Aopen(object, name, H5P_DEFAULT), H5Aclose);
    const H5Handle space(H5Aget_space(attribute), H5Sclose);
    if (!attribute.valid() || H5Sget_simple_extent_npoints(space) != static_cast<hssize_t>(n))
        return std::nullopt;
    std::vector<double> values(n);
    if (H5Aread(attribute, H5T_NATIVE_DOUBLE, values.data()) < 0) return std::nullopt;
    return values;
}

std::optional<VoxelVolume::Spacing> readVoxelSize(hid_t dataset, const std::string& file) {
    auto checked = [&](VoxelVolume::Spacing h, const char* attribute) {
        for (const double edge : h)
            if (!(edge > 0.0))
                throw volumeError(file, fmt::format("attribute '{}' holds a voxel edge of {}: "
                                                    "expected > 0",
                                                    attribute, edge));
        return h;
    };
    if (const auto h = doubleAttribute(dataset, kVoxelSizeAttribute, 3))
        return checked({(*h)[0], (*h)[1], (*h)[2]}, kVoxelSizeAttribute);
    if (const auto um = doubleAttribute(dataset, kElementSizeAttribute, 3))  // z, y, x in µm
        return checked({(*um)[2] * 1e-6, (*um)[1] * 1e-6, (*um)[0] * 1e-6}, kElementSizeAttribute);
    H5Eclear2(H5E_DEFAULT);
    return std::nullopt;
}

std::map<Label, std::string> readPhaseNames(hid_t dataset, const std::string& file) {
    std::map<Label, std::string> names;
    if (H5Aexists(dataset, kPhaseLabelsAttribute) <= 0 ||
        H5Aexists(dataset, kPhaseNamesAttribute) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        return names;
    }
    const H5Handle labelsAttr(H5Aopen(dataset, kPhaseLabelsAttribute, H5P_DEFAULT), H5Aclose);
    const H5Handle namesAttr(H5Aopen(dataset, kPhaseNamesAttribute, H5P_DEFAULT), H5Aclose);
    const H5Handle labelsSpace(H5Aget_space(labelsAttr), H5Sclose);
    const H5Handle namesSpace(H5Aget_space(namesAttr), H5Sclose);
    const hssize_t n = H5Sget_simple_extent_npoints(labelsSpace);
    if (n < 0 || n > 256 || H5Sget_simple_extent_npoints(namesSpace) != n)
        throw volumeError(file, "attributes 'phase labels' and 'phase names' differ in length");
    std::vector<std::uint8_t> labels(static_cast<std::size_t>(n));
    std::vector<char*> texts(static_cast<std::size_t>(n), nullptr);
    const H5Handle stringType(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(stringType, H5T_VARIABLE);
    H5Tset_cset(stringType, H5T_CSET_UTF8);
    if (n > 0 && (H5Aread(labelsAttr, H5T_NATIVE_UINT8, labels.data()) < 0 ||
                  H5Aread(namesAttr, stringType, texts.data()) < 0))
        throw volumeError(file, withDetail("cannot read the phase names (expected uint8 labels "
                                           "and variable-length strings)"));
    for (std::size_t i = 0; i < texts.size(); ++i) {
        names[labels[i]] = texts[i] != nullptr ? texts[i] : "";
        H5free_memory(texts[i]);
    }
    return names;
}

// --- writing ----------------------------------------------------------------------------------

void check(herr_t status, const std::string& path, const char* what) {
    if (status < 0)
        throw std::runtime_error(withDetail(fmt::format("cannot write '{}': {}", path, what)));
}

hid_t checkId(hid_t id, const std::string& path, const char* what) {
    if (id < 0)
        throw std::runtime_error(withDetail(fmt::format("cannot write '{}': {}", path, what)));
    return id;
}

bool deflateAvailable() {
    unsigned int config = 0;
    return H5Zfilter_avail(H5Z_FILTER_DEFLATE) > 0 &&
           H5Zget_filter_info(H5Z_FILTER_DEFLATE, &config) >= 0 &&
           (config & H5Z_FILTER_CONFIG_ENCODE_ENABLED) != 0;
}

// Chunks of about kChunkBytes: whole rows, then whole planes, never beyond the extents.
std::vector<hsize_t> chunkShape(const VoxelVolume::Shape& shape) {
    const auto [nx, ny, nz] = shape;
    const std::size_t rows = std::clamp<std::size_t>(kChunkBytes / nx, 1, ny);
    const std::size_t planes = std::clamp<std::size_t>(kChunkBytes / (rows * nx), 1, nz);
    return {planes, rows, nx};
}

void writeArrayAttribute(hid_t object, const char* name, hid_t fileType, hid_t memType,
                         std::size_t n, const void* values, const std::string& path) {
    const hsize_t dims[1] = {n};
    const H5Handle space(checkId(H5Screate_simple(1, dims, nullptr), path, name), H5Sclose);
    const H5Handle attribute(
        checkId(H5Acreate2(object, name, fileType, space, H5P_DEFAULT, H5P_DEFAULT), path, name),
        H5Aclose);
    check(H5Awrite(attribute, memType, values), path, name);
}

void writeStringAttribute(hid_t object, const char* name, const std::string& value,
                          const std::string& path) {
    const H5Handle type(checkId(H5Tcopy(H5T_C_S1), path, name), H5Tclose);
    check(H5Tset_size(type, H5T_VARIABLE), path, name);
    check(H5Tset_cset(type, H5T_CSET_UTF8), path, name);
    const H5Handle space(checkId(H5Screate(H5S_SCALAR), path, name), H5Sclose);
    const H5Handle attribute(
        checkId(H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT), path, name),
        H5Aclose);
    const char* text = value.c_str();
    check(H5Awrite(attribute, type, &text), path, name);
}

void writePhaseNames(hid_t dataset, const std::map<Label, std::string>& phaseNames,
                     const std::string& path) {
    std::vector<std::uint8_t> labels;
    std::vector<const char*> names;
    for (const auto& [label, name] : phaseNames) {
        labels.push_back(label);
        names.push_back(name.c_str());
    }
    writeArrayAttribute(dataset, kPhaseLabelsAttribute, H5T_STD_U8LE, H5T_NATIVE_UINT8,
                        labels.size(), labels.data(), path);
    const H5Handle type(checkId(H5Tcopy(H5T_C_S1), path, kPhaseNamesAttribute), H5Tclose);
    check(H5Tset_size(type, H5T_VARIABLE), path, kPhaseNamesAttribute);
    check(H5Tset_cset(type, H5T_CSET_UTF8), path, kPhaseNamesAttribute);
    writeArrayAttribute(dataset, kPhaseNamesAttribute, type, type, names.size(), names.data(),
                        path);
}

}  // namespace

std::pair<std::string, std::string> splitHdf5Path(const std::string& path) {
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const std::string_view suffix : {".h5:", ".hdf5:"}) {
        const std::size_t at = lower.rfind(suffix);
        if (at != std::string::npos) {
            const std::size_t colon = at + suffix.size() - 1;
            std::string dataset = path.substr(colon + 1);
            if (dataset.empty()) dataset = kLabelsDataset;
            return {path.substr(0, colon), dataset};
        }
    }
    return {path, kLabelsDataset};
}

StoredVolume readHdf5Volume(const std::string& file, const std::string& dataset) {
    silenceHdf5Errors();
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        throw volumeError(file, "no such file (expected an HDF5 file)");
    if (H5Fis_hdf5(file.c_str()) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        throw volumeError(file, "not an HDF5 file (no HDF5 signature)");
    }
    const H5Handle fapl = fileAccess();
    const H5Handle handle(H5Fopen(file.c_str(), H5F_ACC_RDONLY, fapl), H5Fclose);
    if (!handle.valid())
        throw volumeError(file, withDetail("cannot open the HDF5 file (corrupt or truncated?)"));
    const H5Handle data(H5Oopen(handle, dataset.c_str(), H5P_DEFAULT), H5Oclose);
    if (!data.valid()) {
        // A link that exists but cannot be opened is damaged; a missing one is a wrong name.
        const std::string detail = hdf5Detail();
        if (H5Lexists(handle, dataset.c_str(), H5P_DEFAULT) > 0)
            throw volumeError(file,
                              fmt::format("cannot open dataset '{}' (corrupt file?){}", dataset,
                                          detail.empty() ? "" : fmt::format(": {}", detail)));
        H5Eclear2(H5E_DEFAULT);
        throw volumeError(file, fmt::format("no dataset '{}'; the file holds {} (name one as "
                                            "FILE.h5:/path/to/dataset)",
                                            dataset, listDatasets(handle)));
    }
    if (H5Iget_type(data) != H5I_DATASET)
        throw volumeError(file, fmt::format("'{}' is a group, not a dataset; the file holds {}",
                                            dataset, listDatasets(handle)));
    const H5Handle fileType(H5Dget_type(data), H5Tclose);
    const DatasetLayout layout = datasetLayout(data, fileType, file, dataset);
    StoredVolume stored{.volume = VoxelVolume(layout.shape, {1, 1, 1}),
                        .voxelSize = readVoxelSize(data, file),
                        .storedType = layout.typeName};
    stored.volume.phaseNames() = readPhaseNames(data, file);
    const bool isSigned = H5Tget_sign(fileType) == H5T_SGN_2;
    const std::size_t size = H5Tget_size(fileType);
    if (layout.typeName == "enum8") {
        const H5Handle memType(H5Tget_native_type(fileType, H5T_DIR_ASCEND), H5Tclose);
        readPlanes(data, memType, layout.shape, 0, layout.shape[2], stored.volume.data(), file,
                   dataset);
    } else if (size == 1 && !isSigned) {
        readPlanes(data, H5T_NATIVE_UINT8, layout.shape, 0, layout.shape[2], stored.volume.data(),
                   file, dataset);
    } else if (!isSigned && size == 8) {
        readWide<unsigned long long>(data, H5T_NATIVE_ULLONG, stored, file, dataset);
    } else {
        readWide<long long>(data, H5T_NATIVE_LLONG, stored, file, dataset);
    }
    return stored;
}

void writeHdf5Volume(const std::string& path, const VoxelVolume& volume) {
    silenceHdf5Errors();
    const H5Handle fapl = fileAccess();
    // The HDF5 1.8 file format checksums its metadata, so a corrupted file is reported as such
    // instead of being misread; every HDF5 library since 1.8 (2008) and h5py read it.
    check(H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_LATEST), path, "format version");
    H5Handle file(checkId(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl), path, "create"),
            H5Fclose);
    {
        const auto [nx, ny, nz] = volume.shape();
        const hsize_t dims[3] = {nz, ny, nx};
        const H5Handle space(checkId(H5Screate_simple(3, dims, nullptr), path, "dataspace"), H5Sclose);
        const H5Handle dcpl(checkId(H5Pcreate(H5P_DATASET_CREATE), path, "properties"), H5Pclose);
        check(H5Pset_obj_track_times(dcpl, false), path, "properties");  // same volume, same bytes
        if (volume.voxelCount() > kCompressAbove && deflateAvailable()) {
            const std::vector<hsize_t> chunk = chunkShape(volume.shape());
            check(H5Pset_chunk(dcpl, 3, chunk.data()), path, "chunking");
            check(H5Pset_deflate(dcpl, kDeflateLevel), path, "compression");
        }
        const H5Handle dataset(checkId(H5Dcreate2(file, kLabelsDataset, H5T_STD_U8LE, space, H5P_DEFAULT,
                                            dcpl, H5P_DEFAULT),
                                 path, kLabelsDataset),
                         H5Dclose);
        check(H5Dwrite(dataset, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, volume.data()),
              path, kLabelsDataset);
        const auto& h = volume.voxelSize();
        writeArrayAttribute(dataset, kVoxelSizeAttribute, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 3,
                            h.data(), path);
        const double um[3] = {h[2] * 1e6, h[1] * 1e6, h[0] * 1e6};
        writeArrayAttribute(dataset, kElementSizeAttribute, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 3,
                            um, path);
        writeStringAttribute(dataset, "axes", "z, y, x (x varies fastest)", path);
        if (!volume.phaseNames().empty()) writePhaseNames(dataset, volume.phaseNames(), path);
    }
    check(file.close(), path, "close");
}

}  // namespace ssbsim::io
