#include "AppContext.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ssbsim/cell/CellReader.h"

namespace ssbsim::app {

materials::MaterialLibrary AppContext::loadLibrary() const {
    return materials::MaterialLibrary::load(materials::MaterialLibrary::searchPath(materialsPaths));
}

CellSetup AppContext::loadCell(const std::string& cellFile,
                               const materials::MaterialLibrary& library) {
    io::ConfigNode root = io::ConfigNode::loadFile(cellFile);
    cell::CellSpec spec = cell::readCell(root, library);
    const auto simulationNode = root.find("simulation");
    solver::SimulationSettings settings =
        solver::readSimulationSettings(simulationNode ? &*simulationNode : nullptr);
    return {std::move(root), std::move(spec), std::move(settings)};
}

std::string AppContext::readText(const std::string& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string AppContext::outputFolder(const std::string& given, const std::string& cellFile) {
    return given.empty() ? "out/" + std::filesystem::path(cellFile).stem().string() : given;
}

}  // namespace ssbsim::app
