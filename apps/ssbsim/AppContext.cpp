#include "AppContext.h"

#include <fmt/format.h>

#include <filesystem>

#include "ssbsim/core/Error.h"

namespace ssbsim::app {

materials::MaterialLibrary AppContext::loadLibrary() const {
    return materials::MaterialLibrary::load(materials::MaterialLibrary::searchPath(materialsPaths));
}

solver::CellSetup AppContext::loadCell(const std::string& cellFile,
                                       const materials::MaterialLibrary& library) {
    return solver::readCellSetup(io::ConfigNode::loadFile(cellFile), library);
}

std::string AppContext::outputFolder(const std::string& given, const std::string& cellFile) {
    const std::string folder =
        given.empty() ? "out/" + std::filesystem::path(cellFile).stem().string() : given;
    checkOutputFolder(folder);
    return folder;
}

void AppContext::checkOutputFolder(const std::string& folder) {
    namespace fs = std::filesystem;
    // The nearest part of the path that exists must be a folder; a file there would only show
    // when the results are written, after the work.
    std::error_code ec;
    for (fs::path p = fs::absolute(folder, ec); !p.empty(); p = p.parent_path()) {
        if (fs::exists(p, ec)) {
            if (!fs::is_directory(p, ec))
                throw InputError(fmt::format("output folder '{}': '{}' is a file, not a folder",
                                             folder, p.string()));
            break;
        }
        if (p == p.parent_path()) break;
    }
}

}  // namespace ssbsim::app
