#include "ssbsim/materials/MaterialLibrary.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "ssbsim/core/Suggest.h"
#include "ssbsim/materials/MaterialReader.h"

namespace ssbsim::materials {

namespace fs = std::filesystem;

std::vector<std::string> MaterialLibrary::searchPath(const std::vector<std::string>& extraFolders) {
    std::vector<std::string> folders = {SSBSIM_MATERIALS_DIR};
    if (const char* env = std::getenv("SSBSIM_MATERIALS_PATH")) {
        std::string_view rest(env);
        while (!rest.empty()) {
            const size_t colon = rest.find(':');
            const std::string_view entry = rest.substr(0, colon);
            if (!entry.empty()) folders.emplace_back(entry);
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
    }
    folders.insert(folders.end(), extraFolders.begin(), extraFolders.end());
    return folders;
}

MaterialLibrary MaterialLibrary::load(const std::vector<std::string>& folders) {
    MaterialLibrary library;
    library.folders_ = folders;
    for (const std::string& folder : folders) {
        std::error_code ec;
        if (!fs::is_directory(folder, ec))
            throw InputError(fmt::format("materials folder '{}' does not exist", folder));
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(folder))
            if (entry.is_regular_file() && entry.path().extension() == ".yaml")
                files.push_back(entry.path());
        std::sort(files.begin(), files.end());  // deterministic order
        std::map<std::string, std::string> namesInFolder;
        for (const fs::path& file : files) {
            const io::ConfigNode root = io::ConfigNode::loadFile(file.string());
            auto material = std::make_unique<Material>(readMaterial(root));
            const auto [it, fresh] = namesInFolder.emplace(material->name, file.string());
            if (!fresh)
                root["name"].fail(fmt::format("material '{}' is also defined in {}",
                                              material->name, it->second));
            // A user's folder may redefine a bundled material: the later definition wins.
            std::erase_if(library.materials_, [&](const std::unique_ptr<Material>& m) {
                return m->answersTo(material->name);
            });
            library.materials_.push_back(std::move(material));
        }
    }
    return library;
}

const Material* MaterialLibrary::find(std::string_view name) const {
    for (const auto& m : materials_)
        if (m->answersTo(name)) return m.get();
    return nullptr;
}

std::vector<std::string> MaterialLibrary::similarNames(std::string_view query) const {
    std::vector<std::string> names;
    for (const auto& m : materials_) {
        names.push_back(m->name);
        names.insert(names.end(), m->aliases.begin(), m->aliases.end());
    }
    return closeMatches(query, names);
}

const Material& MaterialLibrary::require(const io::ConfigNode& nameNode) const {
    const std::string name = nameNode.asString();
    if (const Material* m = find(name)) return *m;
    const auto close = similarNames(name);
    const std::string hint =
        close.empty() ? "" : fmt::format(" (did you mean {}?)", fmt::join(close, ", "));
    nameNode.fail(fmt::format(
        "unknown material '{}'{}; 'ssbsim materials list' shows the {} known materials, and "
        "--materials-path adds your own",
        name, hint, materials_.size()));
}

std::vector<const Material*> MaterialLibrary::all() const {
    std::vector<const Material*> out;
    for (const auto& m : materials_) out.push_back(m.get());
    std::sort(out.begin(), out.end(), [](const Material* a, const Material* b) {
        if (a->category != b->category) return a->category < b->category;
        return a->name < b->name;
    });
    return out;
}

}  // namespace ssbsim::materials
