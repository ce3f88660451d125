#pragma once
// The materials library: every material file of the bundled folder and of the user's folders.
// Search order and override rule: docs/materials-format.md.

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ssbsim/io/ConfigNode.h"
#include "ssbsim/materials/Material.h"
#include "ssbsim/materials/MaterialReader.h"

namespace ssbsim::materials {

class MaterialLibrary {
  public:
    /// The bundled folder, then SSBSIM_MATERIALS_PATH (colon-separated), then `extraFolders`.
    static std::vector<std::string> searchPath(const std::vector<std::string>& extraFolders);
    /// Indexes every *.yaml file of the folders by name and aliases; a later folder's material
    /// replaces an earlier one of the same name. A file is read whole, and checked, the first
    /// time its material is asked for. Throws InputError for a missing folder, a file without a
    /// readable name, a duplicate name in one folder, or (on first use) a bad file.
    static MaterialLibrary load(const std::vector<std::string>& folders);

    /// By name or alias, case-insensitive; nullptr if unknown.
    const Material* find(std::string_view name) const;
    /// As find, but an unknown name is an InputError listing close names.
    const Material& get(std::string_view name) const;
    /// As get, with the error placed at `nameNode`.
    const Material& require(const io::ConfigNode& nameNode) const;
    /// Every material, sorted by category, then name (reads every file).
    std::vector<const Material*> all() const;
    size_t size() const { return entries_.size(); }
    const std::vector<std::string>& folders() const { return folders_; }

  private:
    /// Names and aliases close to `query`, for "did you mean" hints.
    std::vector<std::string> similarNames(std::string_view query) const;
    struct Entry {
        MaterialHeader header;
        std::unique_ptr<std::once_flag> parsed = std::make_unique<std::once_flag>();
        mutable std::unique_ptr<Material> material;  ///< read on first use
        bool answersTo(std::string_view query) const;
    };
    const Material& materialOf(const Entry& entry) const;

    std::vector<Entry> entries_;
    std::vector<std::string> folders_;
};

}  // namespace ssbsim::materials
