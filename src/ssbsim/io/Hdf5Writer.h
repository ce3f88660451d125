#pragma once
// Writes results.h5 whole or not at all, through the HDF5 C API.
//
// Layout choices (read by h5py and by readVector/readStringAttribute below):
// - numbers are IEEE double (little endian) or 64-bit signed integers; strings are variable-length
//   UTF-8 (h5py returns string attributes as `str`, a text dataset `d` as `d.asstr()[()]`);
// - datasets with more than 4096 elements are chunked and deflate-compressed (level 4) when the
//   library has the deflate filter, contiguous otherwise;
// - objects carry no creation/modification times, so the same results give the same bytes.
//
// HDF5 link names cannot contain '/', which separates groups; use hdf5Name() to turn a variable
// name such as "N/P ratio" into a valid link name before building a dataset path from it.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ssbsim::io {

/// The HDF5 link name for an ssbsim variable name: every '/' becomes the division slash U+2215
/// ("∕", UTF-8 E2 88 95), which looks the same to a reader but is not a path separator.
/// "N/P ratio" -> "N∕P ratio"; names without '/' are returned unchanged.
std::string hdf5Name(std::string_view variable);

/// Builds an HDF5 file in a temporary file next to `path` (same folder, so the final rename is
/// atomic); commit() renames it over `path`. Destroying a writer that was not committed removes
/// the temporary, so a crash or an exception never leaves a half-written file at `path`.
///
/// Dataset and object paths are '/'-separated ("timeseries/Voltage [V]"; a leading '/' is
/// allowed); each component must already be a valid link name (see hdf5Name). Missing groups on
/// the way are created. Every failure throws: std::invalid_argument for a malformed path or shape,
/// std::runtime_error naming the file and object for an HDF5 failure (an existing dataset, a
/// missing object, an unwritable folder), std::logic_error for use after commit().
/// Not thread-safe: use one writer from one thread at a time.
class Hdf5Writer {
  public:
    /// Creates the parent folders of `path` and the temporary file.
    explicit Hdf5Writer(const std::string& path);
    ~Hdf5Writer();
    Hdf5Writer(const Hdf5Writer&) = delete;
    Hdf5Writer& operator=(const Hdf5Writer&) = delete;

    /// A 1-D double dataset; a non-empty `unit` is stored as the string attribute "unit".
    void writeVector(const std::string& dataset, const std::vector<double>& values,
                     const std::string& unit = "");
    /// A 2-D double dataset of shape (rows, cols) from `rowMajor` (size rows * cols, C order,
    /// which is also numpy's order).
    void writeMatrix(const std::string& dataset, std::size_t rows, std::size_t cols,
                     const std::vector<double>& rowMajor, const std::string& unit = "");
    /// A 1-D 64-bit signed integer dataset (cycle numbers, step indices, counts).
    void writeIntegers(const std::string& dataset, const std::vector<long long>& values);
    /// A scalar variable-length UTF-8 string dataset (e.g. the input YAML). The text ends at its
    /// first NUL character, as HDF5 strings are C strings.
    void writeText(const std::string& dataset, const std::string& text);

    /// Sets (or replaces) a string attribute on an existing object: "/" is the file's root group,
    /// anything else a group or dataset path.
    void setAttribute(const std::string& object, const std::string& name, const std::string& value);
    /// Sets (or replaces) a scalar double attribute on an existing object.
    void setAttribute(const std::string& object, const std::string& name, double value);

    /// Closes the file and renames it over the target path. Call once, after the last write.
    void commit();

  private:
    class Handle;  // an HDF5 identifier closed by its destructor (Hdf5Writer.cpp)

    void writeDoubles(const std::string& dataset, const std::vector<std::size_t>& shape,
                      const std::vector<double>& values, const std::string& unit);
    const Handle& openFile() const;  // throws std::logic_error after commit()
    void removeTemporary() noexcept;

    std::string path_;
    std::string temporary_;
    std::unique_ptr<Handle> file_;  // null once committed or abandoned
};

/// Reads a double (or integer, converted) dataset of any rank, flattened in row-major order.
std::vector<double> readVector(const std::string& file, const std::string& dataset);

/// Reads the string attribute `name` of `object` ("/" for the root group); fixed- or
/// variable-length strings.
std::string readStringAttribute(const std::string& file, const std::string& object,
                                const std::string& name);

}  // namespace ssbsim::io
