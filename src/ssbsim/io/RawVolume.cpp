#include "ssbsim/io/RawVolume.h"

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>

#include "ssbsim/io/ConfigNode.h"

namespace ssbsim::io {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kHeaderSuffix = ".yaml";

struct RawHeader {
    VoxelVolume::Shape shape{};
    std::optional<VoxelVolume::Spacing> voxelSize;
    unsigned bytesPerSample = 1;  ///< 1 (uint8) or 2 (uint16)
    bool bigEndian = false;
    std::size_t headerBytes = 0;
    std::map<Label, std::string> phaseNames;
};

// A whole number in [min, max] at `node`.
std::size_t wholeNumber(const ConfigNode& node, double min, double max) {
    const double v = node.asNumber();
    if (!(v >= min && v <= max) || v != std::floor(v))
        node.fail(
            fmt::format("expected a whole number in [{}, {}], got {}", min, max, node.asString()));
    return static_cast<std::size_t>(v);
}

VoxelVolume::Shape readShape(const ConfigNode& node) {
    if (!node.isMap())
        node.fail("expected the voxels along each axis as a map {x: NX, y: NY, z: NZ}");
    node.expectKeys({"x", "y", "z"});
    VoxelVolume::Shape shape{};
    const char* axes[] = {"x", "y", "z"};
    for (int a = 0; a < 3; ++a)
        shape[static_cast<std::size_t>(a)] =
            wholeNumber(node[axes[a]], 1, static_cast<double>(kMaxVoxelCount));
    return shape;
}

VoxelVolume::Spacing readVoxelSize(const ConfigNode& node) {
    if (!node.isMap()) {
        const double h = node.asQuantity("m", Bounds::positive());
        return {h, h, h};
    }
    node.expectKeys({"x", "y", "z"});
    return {node["x"].asQuantity("m", Bounds::positive()),
            node["y"].asQuantity("m", Bounds::positive()),
            node["z"].asQuantity("m", Bounds::positive())};
}

std::map<Label, std::string> readPhaseNames(const ConfigNode& node) {
    if (!node.isMap()) node.fail("expected phase names by label, e.g. {0: pore, 1: CAM, 2: SE}");
    std::map<Label, std::string> names;
    for (const auto& [key, value] : node.entries()) {
        const std::size_t label = wholeNumber(node.keyNode(key), 0, 255);
        names[static_cast<Label>(label)] = value.asString();
    }
    return names;
}

RawHeader readHeader(const std::string& headerPath) {
    const ConfigNode root = ConfigNode::loadFile(headerPath);
    if (!root.isMap())
        root.fail(
            "expected a raw-volume header with the keys shape, data-type and optionally "
            "voxel-size, byte-order, header-bytes, phases");
    root.expectKeys({"shape", "voxel-size", "data-type", "byte-order", "header-bytes", "phases"});
    RawHeader header;
    header.shape = readShape(root["shape"]);
    if (const auto size = root.find("voxel-size")) header.voxelSize = readVoxelSize(*size);
    const ConfigNode type = root["data-type"];
    const std::string typeName = type.asString();
    if (typeName == "uint8")
        header.bytesPerSample = 1;
    else if (typeName == "uint16")
        header.bytesPerSample = 2;
    else
        type.fail(fmt::format("unknown data type '{}': expected uint8 or uint16", typeName));
    if (const auto order = root.find("byte-order")) {
        const std::string name = order->asString();
        if (name != "little" && name != "big")
            order->fail(fmt::format("unknown byte order '{}': expected little or big", name));
        header.bigEndian = name == "big";
    }
    if (const auto skip = root.find("header-bytes"))
        header.headerBytes = wholeNumber(*skip, 0, 1e15);
    if (const auto phases = root.find("phases")) header.phaseNames = readPhaseNames(*phases);
    return header;
}

std::string dataPathOf(const std::string& path) {
    if (path.ends_with(std::string(".raw") + std::string(kHeaderSuffix)))
        return path.substr(0, path.size() - kHeaderSuffix.size());
    return path;
}

std::string describeLayout(const RawHeader& h) {
    return fmt::format("{}×{}×{} {}", h.shape[0], h.shape[1], h.shape[2],
                       h.bytesPerSample == 1 ? "uint8" : "uint16");
}

// A YAML double-quoted scalar: any name survives (quotes, colons, non-ASCII).
std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out += fmt::format("\\{}", c);
        else if (static_cast<unsigned char>(c) < 0x20)
            out += fmt::format("\\x{:02x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        else
            out += c;
    }
    return out + "\"";
}

}  // namespace

std::string rawHeaderPath(const std::string& dataPath) {
    return dataPath + std::string(kHeaderSuffix);
}

StoredVolume readRawVolume(const std::string& path) {
    const std::string dataPath = dataPathOf(path);
    const std::string headerPath = rawHeaderPath(dataPath);
    std::error_code ec;
    if (!fs::is_regular_file(dataPath, ec))
        throw volumeError(dataPath,
                          "no such file (expected raw samples with a NAME.raw.yaml header)");
    if (!fs::is_regular_file(headerPath, ec))
        throw volumeError(dataPath,
                          fmt::format("no header '{}' beside the raw file: write one, e.g.\n"
                                      "  shape: {{x: 500, y: 500, z: 200}}\n"
                                      "  voxel-size: 0.5 um\n  data-type: uint8",
                                      headerPath));
    const RawHeader header = readHeader(headerPath);
    const auto [nx, ny, nz] = header.shape;
    checkVolumeSize(headerPath, nx, ny, nz);
    const std::size_t count = nx * ny * nz;
    const std::uintmax_t expected = header.headerBytes + count * header.bytesPerSample;
    const std::uintmax_t actual = fs::file_size(dataPath, ec);
    if (ec || actual != expected)
        throw volumeError(
            dataPath, fmt::format("the file has {} bytes, but its header says {}{} = {} bytes{}",
                                  actual, describeLayout(header),
                                  header.headerBytes > 0
                                      ? fmt::format(" after {} header bytes", header.headerBytes)
                                      : "",
                                  expected, actual < expected ? " (truncated?)" : ""));

    StoredVolume stored{.volume = VoxelVolume(header.shape, {1, 1, 1}),
                        .voxelSize = header.voxelSize,
                        .storedType = header.bytesPerSample == 1 ? "uint8" : "uint16"};
    stored.volume.phaseNames() = header.phaseNames;
    std::ifstream in(dataPath, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(header.headerBytes));
    const bool swap = header.bigEndian != (std::endian::native == std::endian::big);
    const SampleCheck check =
        header.bytesPerSample == 1
            ? readLabelSamples<std::uint8_t>(in, count, false, stored.volume.data())
            : readLabelSamples<std::uint16_t>(in, count, swap, stored.volume.data());
    if (check.readFailed) throw volumeError(dataPath, "cannot read the samples (I/O error)");
    if (check.converted < count) {
        const std::size_t i = check.converted;
        throw volumeError(dataPath,
                          notALabelProblem(check.badValue, i % nx, (i / nx) % ny, i / (nx * ny)));
    }
    return stored;
}

std::string rawHeaderText(const VoxelVolume& volume) {
    const auto [nx, ny, nz] = volume.shape();
    const auto& h = volume.voxelSize();
    std::string text = fmt::format(
        "# Raw voxel volume written by ssbsim: uint8 labels, x fastest, then y, then z.\n"
        "# See docs/physics/microstructure.md#raw.\n"
        "shape: {{x: {}, y: {}, z: {}}}\n"
        "voxel-size: {{x: {} m, y: {} m, z: {} m}}\n"
        "data-type: uint8\n"
        "byte-order: little\n",
        nx, ny, nz, h[0], h[1], h[2]);
    if (!volume.phaseNames().empty()) {
        text += "phases:\n";
        for (const auto& [label, name] : volume.phaseNames())
            text += fmt::format("  {}: {}\n", static_cast<unsigned>(label), quoted(name));
    }
    return text;
}

void writeRawVolume(const std::string& dataPath, const std::string& headerPath,
                    const VoxelVolume& volume) {
    {
        std::ofstream out(dataPath, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(volume.data()),
                  static_cast<std::streamsize>(volume.voxelCount()));
        out.flush();
        if (!out) throw std::runtime_error(fmt::format("cannot write '{}'", dataPath));
    }
    std::ofstream out(headerPath, std::ios::binary | std::ios::trunc);
    out << rawHeaderText(volume);
    out.flush();
    if (!out) throw std::runtime_error(fmt::format("cannot write '{}'", headerPath));
}

}  // namespace ssbsim::io
