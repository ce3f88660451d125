#include "AppContext.h"

#include <filesystem>


namespace ssbsim::app {

materials::MaterialLibrary AppContext::loadLibrary() const {
    return materials::MaterialLibrary::load(materials::MaterialLibrary::searchPath(materialsPaths));
}

solver::CellSetup AppContext::loadCell(const std::string& cellFile,
                                       const materials::MaterialLibrary& library) {
    return solver::readCellSetup(io::ConfigNode::loadFile(cellFile), library);
}

std::string AppContext::outputFolder(const std::string& given, const std::string& cellFile) {
    return given.empty() ? "out/" + std::filesystem::path(cellFile).stem().string() : given;
}

}  // namespace ssbsim::app
