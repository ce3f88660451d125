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
#include "ssbsim/io/TextFile.h"
#include "ssbsim/solver/CellRun.h"

namespace ssbsim::app {

namespace {

struct EisOptions {
    std::string cellFile;
    std::string output;
    solver::SpectrumOptions spectrum;
    bool quiet = false;
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

std::vector<Column> columnsOf(const solver::ImpedanceSpectrum& s) {
    return {{"Frequency [Hz]", "Hz", s.frequency},
            {"Real impedance [Ohm.m2]", "Ohm.m2", realParts(s.areaSpecific)},
            {"Imaginary impedance [Ohm.m2]", "Ohm.m2", imaginaryParts(s.areaSpecific)},
            {"Real impedance [Ohm]", "Ohm", realParts(s.cell)},
            {"Imaginary impedance [Ohm]", "Ohm", imaginaryParts(s.cell)}};
}

void writeImpedance(const std::string& folder, const solver::ImpedanceSpectrum& s, const EisOptions& options) {
    std::filesystem::create_directories(folder);
    io::CsvWriter csv;
    io::Hdf5Writer h5(folder + "/impedance.h5");
    for (const Column& c : columnsOf(s)) {
        csv.addColumn(c.name, c.values);
        h5.writeVector("impedance/" + io::hdf5Name(c.name), c.values, c.unit);
    }
    h5.writeText("input/cell.yaml", io::readTextFile(options.cellFile));
    h5.setAttribute("/", "ssbsim version", SSBSIM_VERSION);
    h5.setAttribute("/", "input file", std::filesystem::absolute(options.cellFile).string());
    h5.setAttribute("/", "state of charge", options.spectrum.stateOfCharge);
    // Commit in an order that leaves no inconsistent set: the HDF5 file last.
    csv.write(folder + "/impedance.csv");
    h5.commit();
}

int runEis(const AppContext& context, const EisOptions& options) {
    const materials::MaterialLibrary library = context.loadLibrary();
    const solver::CellSetup setup = AppContext::loadCell(options.cellFile, library);
    const std::string outDir = AppContext::outputFolder(options.output, options.cellFile);
    const solver::ImpedanceSpectrum s = solver::cellImpedance(setup, options.spectrum);
    writeImpedance(outDir, s, options);
    if (!options.quiet) {
        // Area-specific values in the unit researchers quote (1 Ω m² = 1e4 Ω cm²).
        const std::complex<double> high = s.areaSpecific.front(), low = s.areaSpecific.back();
        fmt::print(
            "SoC {:g}: Re Z = {:.4g} Ohm.cm2 at {:g} Hz (high-frequency intercept), |Z| = {:.4g} "
            "Ohm.cm2 at {:g} Hz; wrote {}/impedance.csv, impedance.h5\n",
            options.spectrum.stateOfCharge, 1e4 * high.real(), s.frequency.front(), 1e4 * std::abs(low),
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
    cmd->add_option("--soc", options->spectrum.stateOfCharge, "State of charge at rest, 0..1")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    cmd->add_option("--f-min", options->spectrum.fMin, "Lowest frequency, Hz")
        ->check(positiveFrequency())
        ->capture_default_str();
    cmd->add_option("--f-max", options->spectrum.fMax, "Highest frequency, Hz")
        ->check(positiveFrequency())
        ->capture_default_str();
    cmd->add_option("--points-per-decade", options->spectrum.pointsPerDecade,
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
