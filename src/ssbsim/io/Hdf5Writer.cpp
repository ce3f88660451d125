#include "ssbsim/io/Hdf5Writer.h"

#include "ssbsim/io/Hdf5Handle.h"

#include <fmt/format.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <utility>

namespace ssbsim::io {

namespace {

namespace fs = std::filesystem;

// Above this many elements a dataset is chunked and compressed; below, the chunk index and filter
// metadata would cost more than compression saves.
constexpr std::size_t kCompressAbove = 4096;
// Level 4 gets most of level 9's ratio on doubles at a fraction of its time.
constexpr unsigned kDeflateLevel = 4;
// 64 Ki doubles = 512 KiB per chunk: inside the 10 KiB - 1 MiB range the HDF5 Group recommends, and
// big enough that compressing a long time series is not dominated by per-chunk overhead.
constexpr std::size_t kChunkElements = 65536;

[[noreturn]] void fail(const std::string& what) {
    const std::string detail = hdf5Detail();
    throw std::runtime_error(detail.empty() ? what : fmt::format("{}: {}", what, detail));
}

// Every HDF5 call returns a negative value on failure; `what` builds the message only then.
template <typename What>
hid_t checkId(hid_t id, What what) {
    if (id < 0) fail(what());
    return id;
}

template <typename What>
H5Handle openHandle(hid_t id, H5Handle::Closer closer, What what) {
    return H5Handle(checkId(id, what), closer);
}

template <typename What>
int check(int status, What what) {  // herr_t and htri_t are both int
    if (status < 0) fail(what());
    return status;
}

// HDF5 prints its whole error stack to stderr by default; we report through exceptions instead.
void silenceHdf5Errors() {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

// File access: no error when the file system cannot lock files (e.g. some NFS mounts), since a
// results file is written by one process.
H5Handle fileAccess(const std::string& file) {
    H5Handle fapl = openHandle(H5Pcreate(H5P_FILE_ACCESS), H5Pclose,
                               [&] { return fmt::format("cannot open '{}'", file); });
#if H5_VERSION_GE(1, 10, 7)
    check(H5Pset_file_locking(fapl, true, true),
          [&] { return fmt::format("cannot set file locking for '{}'", file); });
#endif
    return fapl;
}

// For the file being written: closing fails, rather than silently keeping the file open and
// unflushed, if an object in it were still open. (Only here: HDF5 requires every open of one file
// to use the same close degree, and a reader may share the file with its caller's handles.)
H5Handle writerFileAccess(const std::string& file) {
    H5Handle fapl = fileAccess(file);
    check(H5Pset_fclose_degree(fapl, H5F_CLOSE_SEMI),
          [&] { return fmt::format("cannot set close degree for '{}'", file); });
    return fapl;
}

H5Handle openForReading(const std::string& file) {
    silenceHdf5Errors();
    const H5Handle fapl = fileAccess(file);
    return openHandle(H5Fopen(file.c_str(), H5F_ACC_RDONLY, fapl), H5Fclose,
                      [&] { return fmt::format("cannot open HDF5 file '{}'", file); });
}

// Splits "a/b/c" (or "/a/b/c") into its components; each must be a usable link name.
std::vector<std::string> splitPath(const std::string& path) {
    std::string_view rest(path);
    if (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
    std::vector<std::string> components;
    while (true) {
        const std::size_t slash = rest.find('/');
        const std::string_view component = rest.substr(0, slash);
        if (component.empty() || component == "." || component == "..")
            throw std::invalid_argument(fmt::format(
                "invalid HDF5 path '{}': empty, '.' or '..' component (use hdf5Name() for names "
                "that contain '/')",
                path));
        components.emplace_back(component);
        if (slash == std::string_view::npos) return components;
        rest.remove_prefix(slash + 1);
    }
}

std::string absolutePath(const std::vector<std::string>& components, std::size_t count) {
    std::string result;
    for (std::size_t i = 0; i < count; ++i) result += "/" + components[i];
    return result.empty() ? "/" : result;
}

bool isGroup(hid_t file, const std::string& path, const std::string& where) {
    const H5Handle object = openHandle(H5Oopen(file, path.c_str(), H5P_DEFAULT), H5Oclose, [&] {
        return fmt::format("cannot open '{}' in '{}'", path, where);
    });
    return H5Iget_type(object) == H5I_GROUP;
}

// H5Lexists fails, rather than answering false, when a component on the way is missing or is not
// a group: walk the path one component at a time.
bool linkExists(hid_t file, const std::vector<std::string>& components, const std::string& where) {
    for (std::size_t i = 1; i <= components.size(); ++i) {
        const std::string prefix = absolutePath(components, i);
        const int exists = check(H5Lexists(file, prefix.c_str(), H5P_DEFAULT), [&] {
            return fmt::format("cannot look up '{}' in '{}'", prefix, where);
        });
        if (exists == 0) return false;
        if (i < components.size() && !isGroup(file, prefix, where)) return false;
    }
    return true;
}

// Object creation without timestamps, so that writing the same results twice gives the same bytes.
H5Handle creationProperties(hid_t propertyClass, const std::string& where) {
    H5Handle plist = openHandle(H5Pcreate(propertyClass), H5Pclose, [&] {
        return fmt::format("cannot create properties in '{}'", where);
    });
    check(H5Pset_obj_track_times(plist, false),
          [&] { return fmt::format("cannot set properties in '{}'", where); });
    return plist;
}

// Creates the groups on the way to the last component, checking that existing ones are groups.
void createParentGroups(hid_t file, const std::vector<std::string>& components,
                        const std::string& path, const std::string& where) {
    for (std::size_t i = 1; i < components.size(); ++i) {
        const std::string group = absolutePath(components, i);
        if (check(H5Lexists(file, group.c_str(), H5P_DEFAULT),
                  [&] { return fmt::format("cannot look up '{}' in '{}'", group, where); }) > 0) {
            if (isGroup(file, group, where)) continue;
            throw std::runtime_error(
                fmt::format("cannot create dataset '{}' in '{}': '{}' is not a group", path, where,
                            group.substr(1)));
        }
        const H5Handle gcpl = creationProperties(H5P_GROUP_CREATE, where);
        // The new group's handle is closed at once: later calls reopen it by path.
        openHandle(H5Gcreate2(file, group.c_str(), H5P_DEFAULT, gcpl, H5P_DEFAULT), H5Gclose,
                   [&] { return fmt::format("cannot create group '{}' in '{}'", group, where); });
    }
}

bool deflateAvailable() {
    if (H5Zfilter_avail(H5Z_FILTER_DEFLATE) <= 0) return false;
    unsigned int config = 0;
    if (H5Zget_filter_info(H5Z_FILTER_DEFLATE, &config) < 0) return false;
    return (config & H5Z_FILTER_CONFIG_ENCODE_ENABLED) != 0;
}

std::size_t elementCount(const std::vector<hsize_t>& shape) {
    std::size_t count = 1;
    for (const hsize_t extent : shape) count *= extent;
    return count;
}

// Chunks of about kChunkElements that never exceed the dataset's extent (HDF5 requires this for
// fixed-size datasets): whole rows, as many as fit, so that reading a row touches one chunk.
std::vector<hsize_t> chunkShape(const std::vector<hsize_t>& shape) {
    std::vector<hsize_t> chunk(shape.size(), 1);
    hsize_t budget = kChunkElements;
    for (std::size_t i = shape.size(); i-- > 0;) {
        chunk[i] = std::max<hsize_t>(1, std::min(shape[i], budget));
        budget = std::max<hsize_t>(1, budget / chunk[i]);
    }
    return chunk;
}

H5Handle datasetProperties(const std::vector<hsize_t>& shape, const std::string& where) {
    H5Handle dcpl = creationProperties(H5P_DATASET_CREATE, where);
    if (elementCount(shape) <= kCompressAbove || !deflateAvailable()) return dcpl;
    const std::vector<hsize_t> chunk = chunkShape(shape);
    check(H5Pset_chunk(dcpl, static_cast<int>(chunk.size()), chunk.data()),
          [&] { return fmt::format("cannot set chunking in '{}'", where); });
    check(H5Pset_deflate(dcpl, kDeflateLevel),
          [&] { return fmt::format("cannot set compression in '{}'", where); });
    return dcpl;
}

// Creates the dataset `path` (and its parent groups) of the given file type and shape.
H5Handle createDataset(hid_t file, const std::string& path, hid_t fileType,
                       const std::vector<hsize_t>& shape, const std::string& where) {
    const std::vector<std::string> components = splitPath(path);
    if (linkExists(file, components, where))
        throw std::runtime_error(
            fmt::format("cannot create dataset '{}' in '{}': it already exists", path, where));
    createParentGroups(file, components, path, where);
    const H5Handle space = openHandle(
        shape.empty() ? H5Screate(H5S_SCALAR)
                      : H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr),
        H5Sclose,
        [&] { return fmt::format("cannot create dataspace for '{}' in '{}'", path, where); });
    const H5Handle dcpl = datasetProperties(shape, where);
    const std::string absolute = absolutePath(components, components.size());
    return openHandle(
        H5Dcreate2(file, absolute.c_str(), fileType, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
        H5Dclose, [&] { return fmt::format("cannot create dataset '{}' in '{}'", path, where); });
}

void writeData(hid_t dataset, hid_t memoryType, const void* data, const std::string& path,
               const std::string& where) {
    check(H5Dwrite(dataset, memoryType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
          [&] { return fmt::format("cannot write dataset '{}' in '{}'", path, where); });
}

// Variable-length UTF-8 strings: no length limit, and h5py returns attributes as `str` (datasets as
// bytes unless read through `.asstr()`).
H5Handle utf8StringType() {
    H5Handle type =
        openHandle(H5Tcopy(H5T_C_S1), H5Tclose, [] { return "cannot create a string type"; });
    check(H5Tset_size(type, H5T_VARIABLE), [] { return "cannot create a string type"; });
    check(H5Tset_cset(type, H5T_CSET_UTF8), [] { return "cannot create a string type"; });
    return type;
}

H5Handle openObject(hid_t file, const std::string& object, const std::string& where) {
    const bool root = object == "/";
    const std::vector<std::string> components =
        root ? std::vector<std::string>{} : splitPath(object);
    if (!root && !linkExists(file, components, where))
        throw std::runtime_error(fmt::format("no object '{}' in '{}'", object, where));
    const std::string absolute = absolutePath(components, components.size());
    return openHandle(H5Oopen(file, absolute.c_str(), H5P_DEFAULT), H5Oclose,
                      [&] { return fmt::format("cannot open '{}' in '{}'", object, where); });
}

// Writes a scalar attribute, replacing any attribute of the same name.
void writeAttribute(hid_t object, const std::string& name, hid_t fileType, hid_t memoryType,
                    const void* value, const std::string& where) {
    if (name.empty()) throw std::invalid_argument("an HDF5 attribute name cannot be empty");
    auto what = [&] { return fmt::format("cannot write attribute '{}' in '{}'", name, where); };
    if (check(H5Aexists(object, name.c_str()), what) > 0)
        check(H5Adelete(object, name.c_str()), what);
    const H5Handle space = openHandle(H5Screate(H5S_SCALAR), H5Sclose, what);
    const H5Handle attribute =
        openHandle(H5Acreate2(object, name.c_str(), fileType, space, H5P_DEFAULT, H5P_DEFAULT),
                   H5Aclose, what);
    check(H5Awrite(attribute, memoryType, value), what);
}

void writeStringAttribute(hid_t object, const std::string& name, const std::string& value,
                          const std::string& where) {
    const H5Handle type = utf8StringType();
    const char* text = value.c_str();
    writeAttribute(object, name, type, type, &text, where);
}

std::string readVariableString(hid_t attribute, hid_t type, const std::string& what) {
    char* text = nullptr;
    check(H5Aread(attribute, type, &text), [&] { return what; });
    std::string result = text != nullptr ? text : "";
    H5free_memory(text);
    return result;
}

std::string readFixedString(hid_t attribute, hid_t type, const std::string& what) {
    std::string result(H5Tget_size(type), '\0');
    check(H5Aread(attribute, type, result.data()), [&] { return what; });
    result.resize(std::min(result.find('\0'), result.size()));  // NUL-terminated or NUL-padded
    if (H5Tget_strpad(type) == H5T_STR_SPACEPAD) result.erase(result.find_last_not_of(' ') + 1);
    return result;
}

std::atomic<unsigned> temporaryCounter{0};

}  // namespace

std::string hdf5Name(std::string_view variable) {
    std::string name;
    name.reserve(variable.size());
    for (const char c : variable)
        name += c == '/' ? std::string_view("\u2215") : std::string_view(&c, 1);
    return name;
}

// ---------------------------------------------------------------------------------------------
// Hdf5Writer

class Hdf5Writer::Handle : public H5Handle {
  public:
    using H5Handle::H5Handle;
};

Hdf5Writer::Hdf5Writer(const std::string& path) : path_(path) {
    if (path.empty()) throw std::invalid_argument("an HDF5 output path cannot be empty");
    silenceHdf5Errors();
    const fs::path target(path);
    std::error_code ec;
    if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
    if (ec)
        throw std::runtime_error(fmt::format("cannot create '{}': cannot create folder '{}': {}",
                                             path, target.parent_path().string(), ec.message()));
    // Same folder as the target, so commit()'s rename never crosses file systems.
    temporary_ = fmt::format("{}.tmp{}-{}", path, ::getpid(), temporaryCounter++);
    const H5Handle fapl = writerFileAccess(path);
    const hid_t file = H5Fcreate(temporary_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
    if (file < 0) {
        const std::string what =
            fmt::format("cannot create '{}' (temporary '{}')", path, temporary_);
        removeTemporary();
        fail(what);
    }
    file_ = std::make_unique<Handle>(file, H5Fclose);
}

Hdf5Writer::~Hdf5Writer() {
    file_.reset();
    removeTemporary();
}

const Hdf5Writer::Handle& Hdf5Writer::openFile() const {
    if (!file_) throw std::logic_error(fmt::format("HDF5 file '{}' was already committed", path_));
    return *file_;
}

void Hdf5Writer::removeTemporary() noexcept {
    if (temporary_.empty()) return;
    std::error_code ignored;
    fs::remove(temporary_, ignored);
    temporary_.clear();
}

void Hdf5Writer::writeDoubles(const std::string& dataset, const std::vector<std::size_t>& shape,
                              const std::vector<double>& values, const std::string& unit) {
    const std::vector<hsize_t> dims(shape.begin(), shape.end());
    const H5Handle handle = createDataset(openFile(), dataset, H5T_IEEE_F64LE, dims, path_);
    // An empty buffer may have a null data(), which H5Dwrite rejects; there is nothing to write.
    if (!values.empty()) writeData(handle, H5T_NATIVE_DOUBLE, values.data(), dataset, path_);
    if (!unit.empty()) writeStringAttribute(handle, "unit", unit, path_);
}

void Hdf5Writer::writeVector(const std::string& dataset, const std::vector<double>& values,
                             const std::string& unit) {
    writeDoubles(dataset, {values.size()}, values, unit);
}

void Hdf5Writer::writeMatrix(const std::string& dataset, std::size_t rows, std::size_t cols,
                             const std::vector<double>& rowMajor, const std::string& unit) {
    if (rowMajor.size() != rows * cols)
        throw std::invalid_argument(fmt::format("matrix '{}' is {} x {} but has {} values", dataset,
                                                rows, cols, rowMajor.size()));
    writeDoubles(dataset, {rows, cols}, rowMajor, unit);
}

void Hdf5Writer::writeIntegers(const std::string& dataset, const std::vector<long long>& values) {
    const std::vector<hsize_t> dims{values.size()};
    const H5Handle handle = createDataset(openFile(), dataset, H5T_STD_I64LE, dims, path_);
    if (!values.empty()) writeData(handle, H5T_NATIVE_LLONG, values.data(), dataset, path_);
}

void Hdf5Writer::writeText(const std::string& dataset, const std::string& text) {
    const H5Handle type = utf8StringType();
    const H5Handle handle = createDataset(openFile(), dataset, type, {}, path_);
    const char* data = text.c_str();
    writeData(handle, type, &data, dataset, path_);
}

void Hdf5Writer::setAttribute(const std::string& object, const std::string& name,
                              const std::string& value) {
    const H5Handle handle = openObject(openFile(), object, path_);
    writeStringAttribute(handle, name, value, path_);
}

void Hdf5Writer::setAttribute(const std::string& object, const std::string& name, double value) {
    const H5Handle handle = openObject(openFile(), object, path_);
    writeAttribute(handle, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value, path_);
}

void Hdf5Writer::commit() {
    openFile();  // throws if already committed
    const std::unique_ptr<Handle> file = std::move(file_);
    if (file->close() < 0) {
        const std::string what = fmt::format("cannot finish writing '{}'", path_);
        removeTemporary();
        fail(what);
    }
    std::error_code ec;
    fs::rename(temporary_, path_, ec);
    if (ec) {
        removeTemporary();
        throw std::runtime_error(fmt::format("cannot write '{}': {}", path_, ec.message()));
    }
    temporary_.clear();
}

// ---------------------------------------------------------------------------------------------
// Readers

std::vector<double> readVector(const std::string& file, const std::string& dataset) {
    const H5Handle handle = openForReading(file);
    auto what = [&] { return fmt::format("cannot read dataset '{}' in '{}'", dataset, file); };
    const H5Handle data =
        openHandle(H5Dopen2(handle, dataset.c_str(), H5P_DEFAULT), H5Dclose, what);
    const H5Handle space = openHandle(H5Dget_space(data), H5Sclose, what);
    const hssize_t count = H5Sget_simple_extent_npoints(space);
    if (count < 0) fail(what());
    std::vector<double> values(static_cast<std::size_t>(count));
    if (!values.empty())
        check(H5Dread(data, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), what);
    return values;
}

std::string readStringAttribute(const std::string& file, const std::string& object,
                                const std::string& name) {
    const H5Handle handle = openForReading(file);
    const std::string what =
        fmt::format("cannot read attribute '{}' of '{}' in '{}'", name, object, file);
    auto whatFn = [&] { return what; };
    const H5Handle target =
        openHandle(H5Oopen(handle, object.c_str(), H5P_DEFAULT), H5Oclose, whatFn);
    const H5Handle attribute =
        openHandle(H5Aopen(target, name.c_str(), H5P_DEFAULT), H5Aclose, whatFn);
    const H5Handle type = openHandle(H5Aget_type(attribute), H5Tclose, whatFn);
    const H5Handle space = openHandle(H5Aget_space(attribute), H5Sclose, whatFn);
    if (H5Tget_class(type) != H5T_STRING || H5Sget_simple_extent_npoints(space) != 1)
        throw std::runtime_error(what + ": not a single string");
    return check(H5Tis_variable_str(type), whatFn) > 0 ? readVariableString(attribute, type, what)
                                                       : readFixedString(attribute, type, what);
}

}  // namespace ssbsim::io
