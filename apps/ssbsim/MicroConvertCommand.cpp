// ssbsim micro convert IN OUT: a voxel volume from one file format to another (TIFF stack or
// slice folder, raw + YAML header, .npy, HDF5, .vti), with the voxel size and phase names the
// user supplies where the input lacks them. Prints what was read: shape, voxel size and the
// voxels per label. See docs/physics/microstructure.md#volume-files.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

#include "AppContext.h"
#include "ssbsim/io/VolumeFile.h"

namespace ssbsim::app {

namespace {

struct ConvertOptions {
    std::string input;
    std::string output;
    std::string voxelSize;  ///< "" = from the file, else parsed by io::parseVoxelSize
    std::string phases;     ///< "" = from the file, else "0=pore,1=CAM,..."
    bool quiet = false;
};

std::string_view sourceName(io::VoxelSizeSource source) {
    switch (source) {
        case io::VoxelSizeSource::File:
            return "from the file";
        case io::VoxelSizeSource::Option:
            return "from --voxel-size";
        case io::VoxelSizeSource::Default:
            return "default: the file records none; give --voxel-size";
    }
    return "";
}

/// "10 x 10 x 30 nm" or "0.5 x 0.5 x 0.5 um": nm below a micrometre, else um.
std::string formatVoxelSize(const io::VoxelVolume::Spacing& h) {
    const bool nano = std::max({h[0], h[1], h[2]}) < 1e-6;
    const double scale = nano ? 1e9 : 1e6;
    return fmt::format("{:.6g} x {:.6g} x {:.6g} {}", h[0] * scale, h[1] * scale, h[2] * scale,
                       nano ? "nm" : "um");
}

/// One line per label present: label, name, voxels and volume fraction.
std::string labelTable(const io::VoxelVolume& volume) {
    std::array<std::size_t, 256> counts{};
    for (const io::Label l : volume.labels()) ++counts[l];
    std::string table =
        fmt::format("  {:>5}  {:<16}  {:>12}  {:>9}\n", "label", "phase", "voxels", "fraction");
    const auto total = static_cast<double>(volume.voxelCount());
    for (std::size_t label = 0; label < counts.size(); ++label) {
        if (counts[label] == 0) continue;
        const auto named = volume.phaseNames().find(static_cast<io::Label>(label));
        table += fmt::format("  {:>5}  {:<16}  {:>12}  {:>7.3f} %\n", label,
                             named == volume.phaseNames().end() ? "-" : named->second,
                             counts[label], 100.0 * static_cast<double>(counts[label]) / total);
    }
    return table;
}

int runConvert(const ConvertOptions& options) {
    // Check every option and the output's format before reading a possibly large input.
    io::VolumeReadOptions readOptions;
    if (!options.voxelSize.empty()) readOptions.voxelSize = io::parseVoxelSize(options.voxelSize);
    const std::optional<std::map<io::Label, std::string>> phases =
        options.phases.empty() ? std::nullopt : std::optional(io::parsePhaseNames(options.phases));
    const io::VolumeFormat outFormat = io::formatForWriting(options.output);

    io::VolumeRead read = io::readVolumeFile(options.input, readOptions);
    if (phases)
        for (const auto& [label, name] : *phases) read.volume.phaseNames()[label] = name;
    io::writeVolume(options.output, read.volume);
    if (options.quiet) return 0;

    const auto [nx, ny, nz] = read.volume.shape();
    fmt::print("read {} ({}, {}): {} x {} x {} voxels\n", options.input,
               io::formatName(read.format), read.storedType, nx, ny, nz);
    fmt::print("voxel size {} ({})\n", formatVoxelSize(read.volume.voxelSize()),
               sourceName(read.voxelSizeSource));
    fmt::print("{}", labelTable(read.volume));
    fmt::print("wrote {} ({})\n", options.output, io::formatName(outFormat));
    if (!io::storesVoxelSize(outFormat))
        fmt::print("note: {} records no voxel size: give --voxel-size when reading it\n",
                   io::formatName(outFormat));
    if (!io::storesPhaseNames(outFormat) && !read.volume.phaseNames().empty())
        fmt::print("note: {} records no phase names\n", io::formatName(outFormat));
    return 0;
}

}  // namespace

void addMicroConvertCommand(CLI::App& micro, AppContext& context) {
    auto options = std::make_shared<ConvertOptions>();
    CLI::App* convert = micro.add_subcommand(
        "convert",
        "Convert a voxel volume between formats (.tif, slice folder/, .raw, .npy, .h5, .vti)");
    convert
        ->add_option("input", options->input,
                     "Volume to read: FILE.tif, FOLDER of TIFF slices, FILE.raw (+ FILE.raw.yaml), "
                     "FILE.npy, FILE.h5[:/dataset], FILE.vti")
        ->required();
    convert
        ->add_option("output", options->output,
                     "Volume to write; the extension picks the format (FOLDER/ for TIFF slices)")
        ->required();
    convert->add_option(
        "--voxel-size", options->voxelSize,
        "Voxel edge, e.g. \"0.5 um\" or \"10,10,30 nm\" (x,y,z); overrides the file's");
    convert->add_option("--phases", options->phases,
                        "Phase names by label, e.g. \"0=pore,1=CAM,2=SE\"");
    convert->add_flag("-q,--quiet", options->quiet, "Print nothing on success");
    convert->callback(
        [&context, options] { context.run = [options] { return runConvert(*options); }; });
}

}  // namespace ssbsim::app
