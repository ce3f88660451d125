#pragma once
// Reading a whole text file, e.g. an input file to store beside the results it gave.

#include <string>

namespace ssbsim::io {

/// The file's bytes as text; InputError naming the file when it cannot be opened.
std::string readTextFile(const std::string& path);

}  // namespace ssbsim::io
