#include "ssbsim/solver/CellRun.h"

#include <fmt/format.h>

#include <filesystem>

#include "ssbsim/cell/CellReader.h"
#include "ssbsim/core/Error.h"
#include "ssbsim/core/Quantity.h"
#include "ssbsim/models/BpxReader.h"
#include "ssbsim/models/CellModel.h"
#include "ssbsim/solver/DriveCycle.h"
#include "ssbsim/solver/Impedance.h"
#include "ssbsim/solver/Simulation.h"

namespace ssbsim::solver {

CellSetup readCellSetup(io::ConfigNode root, const materials::MaterialLibrary& library) {
    cell::CellSpec spec = cell::readCell(root, library);
    const auto simulationNode = root.find("simulation");
    SimulationSettings settings =
        readSimulationSettings(simulationNode ? &*simulationNode : nullptr);
    return {std::move(root), std::move(spec), std::move(settings)};
}

RunInput cellRunInput(const CellSetup& setup, const std::vector<std::string>& protocol) {
    RunInput in{models::buildParameters(setup.spec), setup.settings, {}, protocol};
    if (!in.protocol.empty()) {
        // Drive-cycle files named on the command line are relative to the working directory.
        in.experiment = parseExperiment(in.protocol);
        loadDriveCycles(in.experiment, "");
    } else if (auto e = setup.root.find("experiment")) {
        // In a cell file, relative to the file.
        in.experiment = readExperiment(*e);
        loadDriveCycles(in.experiment,
                        std::filesystem::path(setup.root.file()).parent_path().string());
        for (const auto& step : in.experiment.steps) in.protocol.push_back(step.text);
    } else {
        throw InputError(
            "no experiment: give --experiment \"Discharge at 1C until 3 V\" or an "
            "'experiment:' list in the cell file",
            setup.root.location());
    }
    return in;
}

RunInput bpxRunInput(const std::string& bpxFile, const std::vector<std::string>& protocol) {
    const models::BpxCell bpx = models::readBpxFile(bpxFile);
    if (protocol.empty())
        throw InputError(fmt::format("no experiment: give --experiment, e.g. \"Discharge at 1C "
                                     "until {} V\"",
                                     bpx.lowerVoltage),
                         SourceLocation{bpxFile, 0, 0, ""});
    RunInput in{bpx.parameters, {}, parseExperiment(protocol), protocol};
    loadDriveCycles(in.experiment, "");
    // PyBaMM's default mesh for the DFN: 20 volumes in every domain (docs/physics/bpx.md).
    in.settings.discretization = {
        .negativeCells = 20, .separatorCells = 20, .positiveCells = 20, .particleShells = 20};
    return in;
}

void setInitialStateOfCharge(RunInput& input, double stateOfCharge) {
    if (!(stateOfCharge >= 0.0 && stateOfCharge <= 1.0))
        throw InputError(
            fmt::format("--soc: expected a state of charge in [0, 1], got {}", stateOfCharge));
    input.settings.options.initialStateOfCharge = stateOfCharge;
}

void setProfilePeriod(RunInput& input, const std::string& period) {
    const double seconds = parseQuantity(period, "s");
    if (!(seconds > 0))
        throw InputError(fmt::format("--profile-period must be a positive time, got '{}'", period));
    input.settings.options.profilePeriod = seconds;
}

void setRelativeTolerance(RunInput& input, double tolerance) {
    if (!(tolerance >= minRelativeTolerance && tolerance <= maxRelativeTolerance))
        throw InputError(fmt::format(
            "--rtol: expected a relative tolerance in [1e-12, 1e-2], got {}", tolerance));
    input.settings.options.integrator.relativeTolerance = tolerance;
}

Solution runExperiment(const RunInput& input, const StepCallback& onStep) {
    models::CellModel model(input.parameters, input.settings.discretization);
    SimulationOptions options = input.settings.options;
    if (onStep) options.onStep = onStep;
    Simulation simulation(model, options);
    return simulation.run(input.experiment);
}

namespace {

void checkSpectrumOptions(const SpectrumOptions& options) {
    if (!(options.stateOfCharge >= 0.0 && options.stateOfCharge <= 1.0))
        throw InputError(fmt::format("--soc: expected a state of charge in [0, 1], got {}",
                                     options.stateOfCharge));
    if (!(options.fMin > 0.0))
        throw InputError(
            fmt::format("--f-min: expected a frequency > 0 Hz, got {:g}", options.fMin));
    if (!(options.fMax > options.fMin))
        throw InputError(fmt::format("--f-max ({:g} Hz) must be greater than --f-min ({:g} Hz)",
                                     options.fMax, options.fMin));
    if (options.pointsPerDecade < 1)
        throw InputError(fmt::format("--points-per-decade: expected at least 1, got {}",
                                     options.pointsPerDecade));
}

}  // namespace

ImpedanceSpectrum cellImpedance(const CellSetup& setup, const SpectrumOptions& options) {
    checkSpectrumOptions(options);
    models::CellModel model(models::buildParameters(setup.spec), setup.settings.discretization);
    // At rest: current control at 0 A, so the input is the applied current density I_set and
    // the voltage is free to answer.
    model.setControl({models::Control::Mode::Current, 0.0});
    const OperatingPoint rest = consistentOperatingPoint(
        model, model.restState(options.stateOfCharge), setup.settings.options.integrator);
    model.setCapacitances(true);  // the rest state is steady: it holds with them too
    ImpedanceSpectrum s;
    s.frequency = logFrequencies(options.fMin, options.fMax, options.pointsPerDecade);
    Impedance impedance(model, rest, model.currentIndex(), model.voltageGradient());
    s.areaSpecific = impedance.spectrum(s.frequency);
    // The stack's voltage is the unit cell's × cells in series, its current the current
    // density × area × cells in parallel (as in `run`).
    const models::CellParameters& p = model.parameters();
    const double toCell = p.cellsInSeries / (p.area * p.cellsInParallel);  // (Ω) / (Ω m²)
    for (const auto& z : s.areaSpecific) s.cell.push_back(z * toCell);
    return s;
}

}  // namespace ssbsim::solver
