#pragma once
// What every sub-command shares: global options and the materials library they select.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "ssbsim/materials/MaterialLibrary.h"

namespace ssbsim::app {

struct AppContext {
    std::vector<std::string> materialsPaths;  ///< --materials-path (repeatable)
    std::function<int()> run;                 ///< set by the sub-command that was chosen

    materials::MaterialLibrary loadLibrary() const;
    /// `given`, or out/<cell file name without extension> when empty.
    static std::string outputFolder(const std::string& given, const std::string& cellFile);
};

/// One registration function per sub-command (one file each).
void addDesignCommand(CLI::App& app, AppContext& context);
void addMaterialsCommand(CLI::App& app, AppContext& context);
void addRunCommand(CLI::App& app, AppContext& context);

}  // namespace ssbsim::app
