// ssbsim design CELL.yaml: capacities, N/P, layer masses, average voltage and energy densities
// (docs/physics/cell-design.md), beside a reference liquid Li-ion cell designed the same way.

#include <fmt/format.h>

#include <filesystem>

#include "AppContext.h"
#include "ssbsim/cell/CellReader.h"
#include "ssbsim/cell/DesignReport.h"
#include "ssbsim/io/AtomicFile.h"

namespace ssbsim::app {

namespace {

struct DesignOptions {
    std::string cellFile;
    std::string output;
    std::string reference =
        std::string(SSBSIM_DATA_DIR) + "/reference-cells/liquid-nmc811-graphite.yaml";
    bool noReference = false;
    bool quiet = false;
};

int runDesign(const AppContext& context, const DesignOptions& options) {
    const materials::MaterialLibrary library = context.loadLibrary();
    const cell::CellDesign design = cell::designCell(cell::readCellFile(options.cellFile, library));
    std::optional<cell::CellDesign> reference;
    if (!options.noReference)
        reference = cell::designCell(cell::readCellFile(options.reference, library));

    nlohmann::json summary = {
        {"ssbsim version", SSBSIM_VERSION},
        {"Input file", std::filesystem::absolute(options.cellFile).string()},
        {"Design", cell::designToJson(design)},
    };
    if (reference) {
        summary["Reference liquid Li-ion cell"] = cell::designToJson(*reference);
        summary["Reference file"] = std::filesystem::absolute(options.reference).string();
    }
    const std::string outDir = AppContext::outputFolder(options.output, options.cellFile);
    const std::string summaryPath = outDir + "/summary.json";
    // Everything is computed before anything is written: bad input leaves no output behind.
    io::writeFileAtomically(summaryPath, summary.dump(2) + "\n");
    if (!options.quiet) {
        fmt::print("{}", cell::formatDesignTable(design, reference ? &*reference : nullptr));
        fmt::print("\nWrote {}\n", summaryPath);
    }
    return 0;
}

}  // namespace

void addDesignCommand(CLI::App& app, AppContext& context) {
    auto options = std::make_shared<DesignOptions>();
    CLI::App* cmd =
        app.add_subcommand("design", "Design a cell: capacities, N/P, masses, energy densities");
    cmd->add_option("cell", options->cellFile, "Cell file (YAML)")->required();
    cmd->add_option("-o,--output", options->output,
                    "Output folder (default: out/<cell file name>)");
    cmd->add_option("--reference", options->reference, "Reference cell file to compare with");
    cmd->add_flag("--no-reference", options->noReference,
                  "Do not design the reference liquid cell");
    cmd->add_flag("-q,--quiet", options->quiet, "Print nothing on success");
    cmd->callback([&context, options] {
        context.run = [&context, options] { return runDesign(context, *options); };
    });
}

}  // namespace ssbsim::app
