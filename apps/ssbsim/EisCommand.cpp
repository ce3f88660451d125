// ssbsim eis CELL.yaml: the small-signal impedance of the cell at rest at a state of charge, by
// linearization of the cell model (docs/physics/impedance.md). Writes impedance.csv and
// impedance.h5 (docs/outputs.md#impedance), both whole or not at all.

#include <fmt/format.h>

#include <cmath>
#include <complex>
#include <cstdlib>
#include <filesystem>

#include "AppContext.h"
#include "ssbsim/core/Error.h"
#include "ssbsim/io/CsvWriter.h"
#include "ssbsim/io/Hdf5Writer.h"
#include "ssbsim/models/CellModel.h"
#include "ssbsim/solver/Impedance.h"

namespace ssbsim::app {

namespace {

struct EisOptions {
    std::string cellFile;
    std::string output;
    double stateOfCharge = 0.5;
    double fMin = 1e-3;  ///< Hz
    double fMax = 1e6;   ///< Hz
    int pointsPerDecade = 10;
    bool quiet = false;
};

/// Z per frequency, area-specific (Ω m², one unit cell) and for the whole cell (Ω).
struct Spectrum {
    std::vector<double> frequency;  ///< Hz, descending
    std::vector<std::complex<double>> areaSpecific;
    std::vector<std::complex<double>> cell;
};

/// CLI11 check for --f-min and --f-max: a finite number > 0 (Hz).
CLI::Validator positiveFrequency() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            char* end = nullptr;
            const double f = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0' || !std::isfinite(f) || f <= 0.0)
                return fmt::format("expected a frequency > 0 in Hz (a plain number), got '{}'",
                                   text);
            return {};
        },
        "HZ>0");
}

Spectrum computeSpectrum(const CellSetup& setup, const EisOptions& options) {
    models::CellModel model(models::buildParameters(setup.spec), setup.settings.discretization);
    // At rest: current control at 0 A, so the input is the applied current density I_set and
    // the voltage is free to answer.
    model.setControl({models::Control::Mode::Current, 0.0});
    const solver::OperatingPoint rest = solver::consistentOperatingPoint(
        model, model.restState(options.stateOfCharge), setup.settings.options.integrator);

    model.setCapacitances(true);  // the rest state is steady: it holds with them too
    Spectrum s;
    s.frequency = solver::logFrequencies(options.fMin, options.fMax, options.pointsPerDecade);
    solver::Impedance impedance(model, rest, model.currentIndex(), model.voltageGradient());
    s.areaSpecific = impedance.spectrum(s.frequency);
    // The stack's voltage is the unit cell's × cells in series, its current the current
    // density × area × cells in parallel (as in `run`).
    const models::CellParameters& p = model.parameters();
    const double toCell = p.cellsInSeries / (p.area * p.cellsInParallel);  // (Ω) / (Ω m²)
    for (const auto& z : s.areaSpecific) s.cell.push_back(z * toCell);
    return s;
}

std::vector<double> realParts(const std::vector<std::complex<double>>& z) {
    std::vector<double> out;
    for (const auto& v : z) out.push_back(v.real());
    return out;
}

std::vector<double> imaginaryParts(const std::vector<std::complex<double>>& z) {
    std::vector<double> out;
    for (const auto& v : z) out.push_back(v.imag());
    return out;
}

/// The columns of impedance.csv and the datasets of impedance.h5, with their units.
struct Column {
    std::string name, unit;
    std::vector<double> values;
};

std::vector<Column> columnsOf(const Spectrum& s) {
    return {{"Frequency [Hz]", "Hz", s.frequency},
            {"Real impedance [Ohm.m2]", "Ohm.m2", realParts(s.areaSpecific)},
            {"Imaginary impedance [Ohm.m2]", "Ohm.m2", imaginaryParts(s.areaSpecific)},
            {"Real impedance [Ohm]", "Ohm", realParts(s.cell)},
            {"Imaginary impedance [Ohm]", "Ohm", imaginaryParts(s.cell)}};
}

void writeImpedance(const std::string& folder, const Spectrum& s, const EisOptions& options) {
    std::filesystem::create_directories(folder);
    io::CsvWriter csv;
    io::Hdf5Writer h5(folder + "/impedance.h5");
    for (const Column& c : columnsOf(s)) {
        csv.addColumn(c.name, c.values);
        h5.writeVector("impedance/" + io::hdf5Name(c.name), c.values, c.unit);
    }
    h5.writeText("input/cell.yaml", AppContext::readText(options.cellFile));
    h5.setAttribute("/", "ssbsim version", SSBSIM_VERSION);
    h5.setAttribute("/", "input file", std::filesystem::absolute(options.cellFile).string());
    h5.setAttribute("/", "state of charge", options.stateOfCharge);
    // Commit in an order that leaves no inconsistent set: the HDF5 file last.
    csv.write(folder + "/impedance.csv");
    h5.commit();
}

/// What the CLI11 checks of single options cannot see: the range as a whole, and a NaN that
/// passes CLI::Range.
void checkOptions(const EisOptions& options) {
    if (!(options.stateOfCharge >= 0.0 && options.stateOfCharge <= 1.0))
        throw InputError(fmt::format("--soc: expected a state of charge in [0, 1], got {}",
                                     options.stateOfCharge));
    if (!(options.fMax > options.fMin))
        throw InputError(fmt::format("--f-max ({:g} Hz) must be greater than --f-min ({:g} Hz)",
                                     options.fMax, options.fMin));
}

int runEis(const AppContext& context, const EisOptions& options) {
    checkOptions(options);
    const materials::MaterialLibrary library = context.loadLibrary();
    const CellSetup setup = AppContext::loadCell(options.cellFile, library);
    const Spectrum s = computeSpectrum(setup, options);
    const std::string outDir = AppContext::outputFolder(options.output, options.cellFile);
    writeImpedance(outDir, s, options);
    if (!options.quiet) {
        // Area-specific values in the unit researchers quote (1 Ω m² = 1e4 Ω cm²).
        const std::complex<double> high = s.areaSpecific.front(), low = s.areaSpecific.back();
        fmt::print(
            "SoC {:g}: Re Z = {:.4g} Ohm.cm2 at {:g} Hz (high-frequency intercept), |Z| = {:.4g} "
            "Ohm.cm2 at {:g} Hz; wrote {}/impedance.csv, impedance.h5\n",
            options.stateOfCharge, 1e4 * high.real(), s.frequency.front(), 1e4 * std::abs(low),
            s.frequency.back(), outDir);
    }
    return 0;
}

}  // namespace

void addEisCommand(CLI::App& app, AppContext& context) {
    auto options = std::make_shared<EisOptions>();
    CLI::App* cmd = app.add_subcommand(
        "eis", "Impedance spectrum of the cell at rest (small-signal linearization)");
    cmd->add_option("cell", options->cellFile, "Cell file (YAML)")->required();
    cmd->add_option("--soc", options->stateOfCharge, "State of charge at rest, 0..1")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    cmd->add_option("--f-min", options->fMin, "Lowest frequency, Hz")
        ->check(positiveFrequency())
        ->capture_default_str();
    cmd->add_option("--f-max", options->fMax, "Highest frequency, Hz")
        ->check(positiveFrequency())
        ->capture_default_str();
    cmd->add_option("--points-per-decade", options->pointsPerDecade,
                    "Frequencies per decade (log-spaced, high to low)")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    cmd->add_option("-o,--output", options->output,
                    "Output folder (default: out/<cell file name>)");
    cmd->add_flag("-q,--quiet", options->quiet, "Print nothing on success");
    cmd->callback([&context, options] {
        context.run = [&context, options] { return runEis(context, *options); };
    });
}

}  // namespace ssbsim::app
