// ssbsim run CELL.yaml --experiment "...": runs the cell model through a protocol and writes
// results.h5, timeseries.csv and summary.json (docs/outputs.md). Exit code 3 when the solver
// fails; the results up to the failure are written all the same.

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <optional>

#include "AppContext.h"
#include "ssbsim/core/Error.h"
#include "ssbsim/core/Quantity.h"
#include "ssbsim/cell/CellDesign.h"
#include "ssbsim/cell/DesignReport.h"
#include "ssbsim/io/AtomicFile.h"
#include "ssbsim/io/TextFile.h"
#include "ssbsim/solver/CellRun.h"
#include "ssbsim/solver/ResultsWriter.h"

namespace ssbsim::app {

namespace {

struct RunOptions {
    std::string cellFile;
    std::string bpxFile;
    std::vector<std::string> experiment;
    std::string output;
    double initialSoc = -1;  ///< < 0: from the file or the default
    std::string profilePeriod;  ///< e.g. "10 min"; empty: from the file or none
    double relativeTolerance = -1;  ///< < 0: from the file or the default
    bool quiet = false;
};

/// The run's input and the file it came from; for a cell file also its design, stored beside
/// the results (design.json) for the report.
struct RunSource {
    std::string file;
    solver::RunInput input;
    std::optional<nlohmann::json> design;
};

RunSource readRunSource(const AppContext& context, const RunOptions& options) {
    if (!options.bpxFile.empty())
        return {options.bpxFile, solver::bpxRunInput(options.bpxFile, options.experiment), {}};
    const materials::MaterialLibrary library = context.loadLibrary();
    const solver::CellSetup setup = AppContext::loadCell(options.cellFile, library);
    return {options.cellFile, solver::cellRunInput(setup, options.experiment),
            cell::designToJson(cell::designCell(setup.spec))};
}

/// design.json: what `ssbsim design` reports for the cell, for the run's report.
void writeDesign(const std::string& folder, const nlohmann::json& design, const std::string& file) {
    std::filesystem::create_directories(folder);
    const nlohmann::json summary = {
        {"ssbsim version", SSBSIM_VERSION}, {"Input file", file}, {"Design", design}};
    io::writeFileAtomically(folder + "/design.json", summary.dump(2) + "\n");
}

int runRun(const AppContext& context, const RunOptions& options) {
    RunSource source = readRunSource(context, options);
    solver::RunInput& in = source.input;
    if (options.initialSoc >= 0) solver::setInitialStateOfCharge(in, options.initialSoc);
    if (!options.profilePeriod.empty()) solver::setProfilePeriod(in, options.profilePeriod);
    if (options.relativeTolerance >= 0)
        solver::setRelativeTolerance(in, options.relativeTolerance);
    const bool terminal = !options.quiet && ::isatty(STDOUT_FILENO);
    const auto progress = [&](const solver::StepSummary& step, size_t steps) {
        if (terminal)
            fmt::print("\r[{:>{}}/{}] {:<50.50} ended at t = {:.0f} s ({})\x1b[K", step.index + 1,
                       fmt::formatted_size("{}", steps), steps, step.text, step.endTime,
                       step.endReason);
        std::fflush(stdout);
    };
    const std::string outDir = AppContext::outputFolder(options.output, source.file);
    const solver::Solution solution = solver::runExperiment(in, progress);
    if (terminal) fmt::print("\n");

    solver::RunMetadata metadata{SSBSIM_VERSION, std::filesystem::absolute(source.file).string(),
                                 io::readTextFile(source.file), in.protocol,
                                 solution.stats.seconds};
    if (source.design) writeDesign(outDir, *source.design, metadata.cellFile);
    solver::writeResults(outDir, solution, metadata);
    if (!options.quiet) {
        for (const auto& c : solution.cycles)
            fmt::print("cycle {}: discharge {:.6g} A h, {:.6g} W h; charge {:.6g} A h\n",
                       c.cycle + 1, c.dischargeCapacity, c.dischargeEnergy, c.chargeCapacity);
        fmt::print("solver: {} steps, {:.3f} ms\n", solution.stats.steps,
                   1e3 * solution.stats.seconds);
        if (!solution.stopReason.empty()) fmt::print("{}\n", solution.stopReason);
        fmt::print("Wrote {}/results.h5, timeseries.csv, summary.json{}\n", outDir,
                   source.design ? ", design.json" : "");
    }
    if (solution.failed) {
        fmt::print(stderr, "solver failure: {}\n", solution.stopReason);
        return 3;
    }
    return 0;
}

}  // namespace

void addRunCommand(CLI::App& app, AppContext& context) {
    auto options = std::make_shared<RunOptions>();
    CLI::App* cmd = app.add_subcommand("run", "Run a cell through an experiment");
    CLI::Option* cell = cmd->add_option("cell", options->cellFile, "Cell file (YAML)");
    CLI::Option* bpx = cmd->add_option(
        "--bpx", options->bpxFile, "Battery Parameter eXchange file (JSON) instead of a cell file");
    cell->excludes(bpx);
    bpx->excludes(cell);

    cmd->add_option("-e,--experiment", options->experiment,
                    "Protocol step or cycle, e.g. \"Discharge at 1C until 3 V\" (repeatable)");
    cmd->add_option("-o,--output", options->output,
                    "Output folder (default: out/<cell file name>)");
    cmd->add_option("--soc", options->initialSoc, "Initial state of charge, 0..1 (default 1)");
    cmd->add_option("--profile-period", options->profilePeriod,
                    "Store spatial profiles every TIME (e.g. \"10 min\"), besides step ends");
    cmd->add_option("--rtol", options->relativeTolerance,
                    "Solver relative tolerance, 1e-12..1e-2 (default 1e-5)");
    cmd->add_flag("-q,--quiet", options->quiet, "Print nothing on success");
    cmd->callback([&context, options] {
        if (options->cellFile.empty() && options->bpxFile.empty())
            throw CLI::RequiredError("a cell file or --bpx");
        context.run = [&context, options] { return runRun(context, *options); };
    });
}

}  // namespace ssbsim::app
