// ssbsim run CELL.yaml --experiment "...": runs the cell model through a protocol and writes
// results.h5, timeseries.csv and summary.json (docs/outputs.md). Exit code 3 when the solver
// fails; the results up to the failure are written all the same.

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "AppContext.h"
#include "ssbsim/core/Error.h"
#include "ssbsim/core/Quantity.h"
#include "ssbsim/models/BpxReader.h"
#include "ssbsim/models/CellModel.h"
#include "ssbsim/solver/Experiment.h"
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
    bool quiet = false;
};

/// What a run starts from: the cell model's parameters, the settings and the protocol, from a
/// cell file (with the materials library) or a BPX file.
struct RunInput {
    std::string file;
    models::CellParameters parameters;
    solver::SimulationSettings settings;
    solver::Experiment experiment;
    std::vector<std::string> protocol;
};

RunInput readCellInput(const AppContext& context, const RunOptions& options) {
    const materials::MaterialLibrary library = context.loadLibrary();
    const CellSetup setup = AppContext::loadCell(options.cellFile, library);
    RunInput in{options.cellFile,
                models::buildParameters(setup.spec),
                setup.settings,
                {},
                options.experiment};
    if (!in.protocol.empty()) {
        in.experiment = solver::parseExperiment(in.protocol);
    } else if (auto e = setup.root.find("experiment")) {
        in.experiment = solver::readExperiment(*e);
        for (const auto& step : in.experiment.steps) in.protocol.push_back(step.text);
    } else {
        throw InputError(
            "no experiment: give --experiment \"Discharge at 1C until 3 V\" or an "
            "'experiment:' list in the cell file",
            setup.root.location());
    }
    return in;
}

RunInput readBpxInput(const RunOptions& options) {
    const models::BpxCell bpx = models::readBpxFile(options.bpxFile);
    RunInput in{options.bpxFile, bpx.parameters, {}, {}, options.experiment};
    if (in.protocol.empty())
        throw InputError(fmt::format("no experiment: give --experiment, e.g. \"Discharge at 1C "
                                     "until {} V\"",
                                     bpx.lowerVoltage),
                         SourceLocation{options.bpxFile, 0, 0, ""});
    // PyBaMM's default mesh for the DFN: 20 volumes in every domain (docs/physics/bpx.md).
    in.settings.discretization = {
        .negativeCells = 20, .separatorCells = 20, .positiveCells = 20, .particleShells = 20};
    in.experiment = solver::parseExperiment(in.protocol);
    return in;
}

int runRun(const AppContext& context, const RunOptions& options) {
    RunInput in = options.bpxFile.empty() ? readCellInput(context, options) : readBpxInput(options);
    solver::SimulationSettings& settings = in.settings;
    if (options.initialSoc >= 0) settings.options.initialStateOfCharge = options.initialSoc;
    if (!options.profilePeriod.empty()) {
        settings.options.profilePeriod = parseQuantity(options.profilePeriod, "s");
        if (!(settings.options.profilePeriod > 0))
            throw InputError(fmt::format("--profile-period must be a positive time, got '{}'",
                                         options.profilePeriod));
    }
    const solver::Experiment& experiment = in.experiment;
    models::CellModel model(in.parameters, settings.discretization);
    const bool terminal = !options.quiet && ::isatty(STDOUT_FILENO);
    settings.options.onStep = [&](const solver::StepSummary& step, size_t steps) {
        if (terminal)
            fmt::print("\r[{:>{}}/{}] {:<50.50} ended at t = {:.0f} s ({})\x1b[K", step.index + 1,
                       fmt::formatted_size("{}", steps), steps, step.text, step.endTime,
                       step.endReason);
        std::fflush(stdout);
    };
    solver::Simulation simulation(model, settings.options);
    const solver::Solution solution = simulation.run(experiment);
    if (terminal) fmt::print("\n");

    const std::string outDir = AppContext::outputFolder(options.output, in.file);
    solver::RunMetadata metadata{SSBSIM_VERSION, std::filesystem::absolute(in.file).string(),
                                 AppContext::readText(in.file), in.protocol,
                                 solution.stats.seconds};
    solver::writeResults(outDir, solution, metadata);
    if (!options.quiet) {
        for (const auto& c : solution.cycles)
            fmt::print("cycle {}: discharge {:.6g} A h, {:.6g} W h; charge {:.6g} A h\n",
                       c.cycle + 1, c.dischargeCapacity, c.dischargeEnergy, c.chargeCapacity);
        fmt::print("solver: {} steps, {:.3f} ms\n", solution.stats.steps,
                   1e3 * solution.stats.seconds);
        if (!solution.stopReason.empty()) fmt::print("{}\n", solution.stopReason);
        fmt::print("Wrote {}/results.h5, timeseries.csv, summary.json\n", outDir);
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
    cmd->add_flag("-q,--quiet", options->quiet, "Print nothing on success");
    cmd->callback([&context, options] {
        if (options->cellFile.empty() && options->bpxFile.empty())
            throw CLI::RequiredError("a cell file or --bpx");
        context.run = [&context, options] { return runRun(context, *options); };
    });
}

}  // namespace ssbsim::app
