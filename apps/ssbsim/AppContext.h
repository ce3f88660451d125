#pragma once
// What every sub-command shares: global options, the materials library they select and the
// reading of a cell file for the cell engine.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "ssbsim/materials/MaterialLibrary.h"
#include "ssbsim/solver/CellRun.h"

namespace ssbsim::app {

struct AppContext {
    std::vector<std::string> materialsPaths;  ///< --materials-path (repeatable)
    std::function<int()> run;                 ///< set by the sub-command that was chosen

    materials::MaterialLibrary loadLibrary() const;
    /// Reads and validates `cellFile`; InputError at the bad key. The spec points into
    /// `library`'s materials: the library must outlive the setup.
    static solver::CellSetup loadCell(const std::string& cellFile,
                                      const materials::MaterialLibrary& library);
    /// `given`, or out/<cell file name without extension> when empty, checked as below.
    static std::string outputFolder(const std::string& given, const std::string& cellFile);
    /// InputError when a file stands where `folder` or one of its parents would be; called
    /// before the work, so that no result is computed without a place to go.
    static void checkOutputFolder(const std::string& folder);
};

/// One registration function per sub-command (one file each).
void addDesignCommand(CLI::App& app, AppContext& context);
void addMaterialsCommand(CLI::App& app, AppContext& context);
void addRunCommand(CLI::App& app, AppContext& context);
void addEisCommand(CLI::App& app, AppContext& context);
void addReportCommand(CLI::App& app, AppContext& context);
/// `micro` groups the microstructure sub-commands, each added to it by its own function.
void addMicroCommand(CLI::App& app, AppContext& context);
void addMicroConvertCommand(CLI::App& micro, AppContext& context);
void addMicroGenerateCommand(CLI::App& micro, AppContext& context);
void addMicroAnalyzeCommand(CLI::App& micro, AppContext& context);

}  // namespace ssbsim::app
