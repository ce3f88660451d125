#pragma once
// The materials library: every material file of the bundled folder and of the user's folders.
// Search order and override rule: docs/materials-format.md.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ssbsim/io/ConfigNode.h"
#include "ssbsim/materials/Material.h"

namespace ssbsim::materials {

class MaterialLibrary {
public:
    /// The bundled folder, then SSBSIM_MATERIALS_PATH (colon-separated), then `extraFolders`.
    static std::vector<std::string> searchPath(const std::vector<std::string>& extraFolders);
    /// Reads every *.yaml file of the folders; a later folder's material replaces an earlier
    /// one of the same name. Throws InputError for a missing folder or a bad file.
    static MaterialLibrary load(const std::vector<std::string>& folders);

    /// By name or alias, case-insensitive; nullptr if unknown.
    const Material* find(std::string_view name) const;
    /// As find, but an unknown name is an InputError at `nameNode` listing close names.
    const Material& require(const io::ConfigNode& nameNode) const;
    /// Sorted by category, then name.
    std::vector<const Material*> all() const;
    const std::vector<std::string>& folders() const { return folders_; }

    /// Names close to `query` for "did you mean" hints.
    std::vector<std::string> similarNames(std::string_view query) const;

private:
    std::vector<std::unique_ptr<Material>> materials_;
    std::vector<std::string> folders_;
};

}  // namespace ssbsim::materials
