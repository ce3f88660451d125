#include "ssbsim/io/TextFile.h"

#include <fstream>
#include <sstream>

#include "ssbsim/core/Error.h"

namespace ssbsim::io {

std::string readTextFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cannot open the file", SourceLocation{path, 0, 0, ""});
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace ssbsim::io
