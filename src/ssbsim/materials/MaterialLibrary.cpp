#include "ssbsim/materials/MaterialLibrary.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
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
            Entry entry;
            entry.header = readMaterialHeader(file.string());
            const auto [it, fresh] = namesInFolder.emplace(entry.header.name, file.string());
            if (!fresh)
                throw InputError(fmt::format("material '{}' is also defined in {}",
                                             entry.header.name, it->second),
                                 SourceLocation{file.string(), 0, 0, "name"});
            // A user's folder may redefine a bundled material: the later definition wins.
            std::erase_if(library.entries_,
                          [&](const Entry& e) { return e.answersTo(entry.header.name); });
            library.entries_.push_back(std::move(entry));
        }
    }
    return library;
}

bool MaterialLibrary::Entry::answersTo(std::string_view query) const {
    auto same = [query](std::string_view name) {
        return name.size() == query.size() &&
               std::equal(name.begin(), name.end(), query.begin(), [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) ==
                          std::tolower(static_cast<unsigned char>(b));
               });
    };
    return same(header.name) || std::any_of(header.aliases.begin(), header.aliases.end(), same);
}

const Material& MaterialLibrary::materialOf(const Entry& entry) const {
    std::call_once(*entry.parsed, [&entry] {
        entry.material =
            std::make_unique<Material>(readMaterial(io::ConfigNode::loadFile(entry.header.file)));
    });
    return *entry.material;
}

const Material* MaterialLibrary::find(std::string_view name) const {
    for (const Entry& e : entries_)
        if (e.answersTo(name)) return &materialOf(e);
    return nullptr;
}

std::vector<std::string> MaterialLibrary::similarNames(std::string_view query) const {
    std::vector<std::string> names;
    for (const Entry& e : entries_) {
        names.push_back(e.header.name);
        names.insert(names.end(), e.header.aliases.begin(), e.header.aliases.end());
    }
    return closeMatches(query, names);
}

const Material& MaterialLibrary::get(std::string_view name) const {
    if (const Material* m = find(name)) return *m;
    const auto close = similarNames(name);
    const std::string hint =
        close.empty() ? "" : fmt::format(" (did you mean {}?)", fmt::join(close, ", "));
    throw InputError(fmt::format(
        "unknown material '{}'{}; 'ssbsim materials list' shows the {} known materials, and "
        "--materials-path adds your own",
        name, hint, entries_.size()));
}

const Material& MaterialLibrary::require(const io::ConfigNode& nameNode) const {
    try {
        return get(nameNode.asString());
    } catch (const InputError& e) {
        throw e.at(nameNode.location());
    }
}

std::vector<const Material*> MaterialLibrary::all() const {
    std::vector<const Material*> out;
    for (const Entry& e : entries_) out.push_back(&materialOf(e));
    std::sort(out.begin(), out.end(), [](const Material* a, const Material* b) {
        if (a->category != b->category) return a->category < b->category;
        return a->name < b->name;
    });
    return out;
}

}  // namespace ssbsim::materials
