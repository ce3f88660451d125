#pragma once
// Output files are written whole or not at all: content goes to a temporary file in the same
// folder, which is then renamed over the target (rename is atomic on POSIX file systems).

#include <string>

namespace ssbsim::io {

/// Writes `content` to `path`, creating parent folders. Throws std::runtime_error on failure,
/// leaving no partial file behind.
void writeFileAtomically(const std::string& path, const std::string& content);

}  // namespace ssbsim::io
