// Runs one protocol on a cell (or BPX) file many times in one process, for profilers
// (perf record -g bench/engine_profile ...): the solver's share of a single CLI run is too short
// to sample. Prints the best and mean solver time and the step count.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>

#include "ssbsim/io/ConfigNode.h"
#include "ssbsim/materials/MaterialLibrary.h"
#include "ssbsim/solver/CellRun.h"

int main(int argc, char** argv) {
    CLI::App app{"Repeat a cell-engine run in one process (for profiling)"};
    std::string cellFile, bpxFile, protocol;
    int repeat = 50;
    bool plainKlu = false;
    bool predictorStart = false;
    bool suppressAlgebraic = false;
    bool idaStepBounds = false;
    double rtol = 0.0;
    app.add_option("cell", cellFile, "cell file");
    app.add_option("--bpx", bpxFile, "BPX file instead of a cell file");
    app.add_option("-e,--experiment", protocol, "protocol step");
    app.add_option("-n,--repeat", repeat, "runs");
    app.add_flag("--plain-klu", plainKlu, "KLU on the whole Jacobian (no particle condensation)");
    app.add_flag("--predictor-start", predictorStart,
                 "Newton from IDA's predictor (SUNDIALS' solver, no local start)");
    app.add_flag("--suppress-algebraic-error", suppressAlgebraic,
                 "local error test on the differential unknowns only (IDASetSuppressAlg)");
    app.add_flag("--ida-step-bounds", idaStepBounds,
                 "IDA's own fixed-step bounds (1, 2) instead of (1, 1.5)");
    app.add_option("--rtol", rtol, "relative tolerance (default: the file's)");
    CLI11_PARSE(app, argc, argv);

    using namespace ssbsim;
    const std::vector<std::string> steps =
        protocol.empty() ? std::vector<std::string>{} : std::vector<std::string>{protocol};
    const materials::MaterialLibrary library =
        materials::MaterialLibrary::load(materials::MaterialLibrary::searchPath({}));
    solver::RunInput input =
        bpxFile.empty()
            ? solver::cellRunInput(
                  solver::readCellSetup(io::ConfigNode::loadFile(cellFile), library), steps)
            : solver::bpxRunInput(bpxFile, steps);
    input.settings.options.integrator.condenseBlocks = !plainKlu;
    input.settings.options.integrator.localNewtonStart = !predictorStart;
    input.settings.options.integrator.suppressAlgebraicError = suppressAlgebraic;
    if (idaStepBounds) input.settings.options.integrator.keepStepBelow = 2.0;
    if (rtol > 0) solver::setRelativeTolerance(input, rtol);  // checked as `run --rtol` is
    double best = 1e300, total = 0.0;
    solver::IntegratorStats stats;
    for (int i = 0; i < repeat; ++i) {
        const solver::Solution solution = solver::runExperiment(input);
        best = std::min(best, solution.stats.seconds);
        total += solution.stats.seconds;
        stats = solution.stats;
    }
    fmt::print(
        "{} steps, {} Newton iterations, {} Jacobians, {} convergence failures; solver time best "
        "{:.3f} ms, mean {:.3f} ms\n",
        stats.steps, stats.nonlinearIterations, stats.jacobianEvaluations,
        stats.convergenceFailures, 1e3 * best, 1e3 * total / repeat);
}
