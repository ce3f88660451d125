#pragma once
// Internal to io/: what the HDF5 writer and the HDF5 volume reader share — an identifier closed
// when it goes out of scope, and the most specific message of HDF5's error stack.

#include <hdf5.h>

#include <string>
#include <utility>

namespace ssbsim::io {

/// An HDF5 identifier that is closed when it goes out of scope, so that every early exit (an
/// exception included) releases what it opened.
class H5Handle {
  public:
    using Closer = herr_t (*)(hid_t);
    H5Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
    ~H5Handle() {
        if (id_ >= 0) closer_(id_);
    }
    H5Handle(const H5Handle&) = delete;
    H5Handle& operator=(const H5Handle&) = delete;
    H5Handle(H5Handle&& other) noexcept
        : id_(std::exchange(other.id_, -1)), closer_(other.closer_) {}
    H5Handle& operator=(H5Handle&&) = delete;

    bool valid() const { return id_ >= 0; }
    operator hid_t() const { return id_; }  // NOLINT(google-explicit-constructor): reads like hid_t
    /// Closes now and reports the status, for callers that must know the close succeeded (a
    /// file's close flushes it).
    herr_t close() {
        const hid_t id = std::exchange(id_, -1);
        return id >= 0 ? closer_(id) : 0;
    }

  private:
    hid_t id_;
    Closer closer_;
};

/// The innermost message on HDF5's error stack (the most specific one, e.g. "truncated file" or
/// the errno text of a failed open), then clears the stack so the next failure starts fresh.
inline std::string hdf5Detail() {
    std::string detail;
    auto innermost = [](unsigned n, const H5E_error2_t* error, void* data) -> herr_t {
        if (n == 0 && error->desc != nullptr) *static_cast<std::string*>(data) = error->desc;
        return 0;
    };
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &detail);
    H5Eclear2(H5E_DEFAULT);
    // A failed open reads "unable to open file: name = ..., errno = 2, error message = 'No such
    // file or directory', flags = ...": keep just the system's message.
    const std::string marker = "error message = '";
    const std::size_t start = detail.find(marker);
    if (start == std::string::npos) return detail;
    const std::size_t end = detail.find('\'', start + marker.size());
    return detail.substr(start + marker.size(), end - start - marker.size());
}

}  // namespace ssbsim::io
