// ssbsim micro generate SPEC.yaml -o OUT: a synthetic microstructure (composite cathode,
// polycrystalline solid electrolyte, Li|SE interface with voids) from a generator input, written
// in the format OUT's name selects (docs/physics/microstructure.md#generators). Prints the
// targets beside what the voxels achieve. The same input (and --seed) gives the same bytes.

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <variant>

#include "AppContext.h"
#include "ssbsim/io/CsvWriter.h"
#include "ssbsim/io/VolumeFile.h"
#include "ssbsim/micro/GeneratorSpec.h"
#include "ssbsim/micro/VolumeFractions.h"

namespace ssbsim::app {

namespace {

struct GenerateOptions {
    std::string specFile;
    std::string output;
    std::optional<std::uint64_t> seed;  ///< overrides the input's seed
    std::string shapesFile;             ///< "" = none
    bool quiet = false;
};

/// The placed particles, pores or voids: one row each, metres, 1 for a trimmed shape.
void writeShapes(const std::string& path, const micro::GeneratedVolume& g) {
    std::vector<double> label, cx, cy, cz, ax, ay, az, trimmed;
    for (const micro::PlacedShape& s : g.shapes) {
        label.push_back(s.label);
        cx.push_back(s.centre[0]);
        cy.push_back(s.centre[1]);
        cz.push_back(s.centre[2]);
        ax.push_back(s.semiAxes[0]);
        ay.push_back(s.semiAxes[1]);
        az.push_back(s.semiAxes[2]);
        trimmed.push_back(s.trimmed ? 1.0 : 0.0);
    }
    io::CsvWriter csv;
    csv.addColumn("Label", label);
    csv.addColumn("Centre x [m]", cx);
    csv.addColumn("Centre y [m]", cy);
    csv.addColumn("Centre z [m]", cz);
    csv.addColumn("Semi-axis x [m]", ax);
    csv.addColumn("Semi-axis y [m]", ay);
    csv.addColumn("Semi-axis z [m]", az);
    csv.addColumn("Trimmed", trimmed);
    csv.write(path);
}

void printReport(const GenerateOptions& options, std::string_view generator,
                 const micro::GeneratedVolume& g) {
    const auto [nx, ny, nz] = g.volume.shape();
    const auto& h = g.volume.voxelSize();
    fmt::print("{}: {} x {} x {} voxels of {:.6g} x {:.6g} x {:.6g} um, {} shapes placed\n",
               generator, nx, ny, nz, h[0] * 1e6, h[1] * 1e6, h[2] * 1e6, g.shapes.size());
    fmt::print("  {:<34} {:>10} {:>10}\n", "target", "asked", "achieved");
    for (const micro::GeneratorTarget& t : g.targets)
        fmt::print("  {:<34} {:>8.3f} % {:>8.3f} %\n", t.quantity, 100.0 * t.target,
                   100.0 * t.achieved);
    for (const auto& [what, value] : g.facts) fmt::print("  {}: {:.6g}\n", what, value);
    fmt::print("  {:>5}  {:<16} {:>10}\n", "label", "phase", "fraction");
    for (const micro::PhaseFraction& f : micro::volumeFractions(g.volume))
        fmt::print("  {:>5}  {:<16} {:>8.3f} %\n", f.label, f.name.empty() ? "-" : f.name,
                   100.0 * f.fraction);
    fmt::print("wrote {}{}\n", options.output,
               options.shapesFile.empty() ? "" : fmt::format(", {}", options.shapesFile));
}

int runGenerate(const GenerateOptions& options) {
    micro::GeneratorSpec spec =
        micro::readGeneratorSpec(io::ConfigNode::loadFile(options.specFile));
    if (options.seed) std::visit([&](auto& s) { s.seed = *options.seed; }, spec);
    (void)io::formatForWriting(options.output);  // an unknown extension fails before the work

    const micro::GeneratedVolume g = micro::generate(spec);
    if (!options.shapesFile.empty()) writeShapes(options.shapesFile, g);
    io::writeVolume(options.output, g.volume);
    if (!options.quiet) printReport(options, micro::generatorName(spec), g);
    return 0;
}

}  // namespace

void addMicroGenerateCommand(CLI::App& micro, AppContext& context) {
    auto options = std::make_shared<GenerateOptions>();
    CLI::App* cmd = micro.add_subcommand(
        "generate",
        "Generate a synthetic microstructure (composite cathode, polycrystal, Li|SE "
        "interface) from a YAML input");
    cmd->add_option("spec", options->specFile, "Generator input (YAML, see data/micro/)")
        ->required();
    cmd->add_option(
           "-o,--output", options->output,
           "Volume file to write: .tif, .npy, .h5, .vti, .raw, or a folder/ of TIFF slices")
        ->required();
    cmd->add_option("--seed", options->seed, "Seed to use instead of the input's (0..2^64-1)");
    cmd->add_option("--shapes", options->shapesFile,
                    "Also write the placed particles/pores/voids (centre, semi-axes in m) as CSV");
    cmd->add_flag("-q,--quiet", options->quiet, "Print nothing on success");
    cmd->callback(
        [&context, options] { context.run = [options] { return runGenerate(*options); }; });
}

}  // namespace ssbsim::app
