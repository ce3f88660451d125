#pragma once
// What one voxel-volume file holds, as each format reader returns it: the labels, the voxel size
// if the file records one, and the sample type it was stored with. VolumeFile.h turns it into
// the caller's VoxelVolume (applying --voxel-size or the default). See
// docs/physics/microstructure.md#volume-files.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <istream>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "ssbsim/core/Error.h"
#include "ssbsim/io/VoxelVolume.h"

namespace ssbsim::io {

struct StoredVolume {
    /// Labels and phase names; its voxel size is `voxelSize` when the file has one, and a
    /// placeholder (1 m edges, VoxelVolume's default) otherwise.
    VoxelVolume volume;
    /// The voxel edges [m] along x, y, z recorded in the file, if any.
    std::optional<VoxelVolume::Spacing> voxelSize;
    /// Sample type as stored, in numpy's spelling: "uint8", "uint16", "int32", "bool", ...
    std::string storedType;
};

/// The error for a bad volume file: it names the file, what is wrong and what was expected.
inline InputError volumeError(const std::string& file, const std::string& problem) {
    return InputError(problem, SourceLocation{.file = file, .line = 0, .column = 0, .keyPath = ""});
}

/// The most voxels a file may declare: 2^36 (69 GB of labels, and the transport solvers need
/// tens of bytes per voxel more). A header that claims more is corrupt or beyond any machine here;
/// refusing it before allocating turns a forged size into a message instead of a crash.
inline constexpr std::size_t kMaxVoxelCount = std::size_t{1} << 36;

/// Throws the error for `file` if the extents are zero or their product exceeds kMaxVoxelCount.
inline void checkVolumeSize(const std::string& file, std::size_t nx, std::size_t ny,
                            std::size_t nz) {
    if (nx == 0 || ny == 0 || nz == 0)
        throw volumeError(file, fmt::format("the volume is {}×{}×{} voxels: every extent must be "
                                            "at least 1",
                                            nx, ny, nz));
    if (nx > kMaxVoxelCount / ny || nx * ny > kMaxVoxelCount / nz)
        throw volumeError(file, fmt::format("the volume is {}×{}×{} voxels, more than the {} "
                                            "ssbsim can hold (corrupt header?)",
                                            nx, ny, nz, kMaxVoxelCount));
}

/// Copies `count` integer samples into labels. Returns the position of the first sample outside
/// 0..255 (the copy stops there), or `count` when every sample is a valid label.
template <typename Sample>
std::size_t narrowToLabels(const Sample* in, std::size_t count, Label* out) {
    static_assert(std::is_integral_v<Sample>);
    for (std::size_t i = 0; i < count; ++i) {
        if constexpr (std::is_signed_v<Sample>) {
            if (in[i] < 0) return i;
        }
        if (static_cast<std::make_unsigned_t<Sample>>(in[i]) > 255u) return i;
        out[i] = static_cast<Label>(in[i]);
    }
    return count;
}

/// Outcome of readLabelSamples: how many samples were converted before the first one that is not
/// a label (== count when all were), that sample's value, and whether the stream ran dry.
struct SampleCheck {
    std::size_t converted = 0;
    std::string badValue;
    bool readFailed = false;
};

/// Converts `count` samples of type `Sample` stored at `bytes` (any alignment) into labels,
/// reversing the bytes of each when `swapBytes` (stored in the other byte order). Stops at the
/// first sample outside 0..255.
template <typename Sample>
SampleCheck convertLabelSamples(const unsigned char* bytes, std::size_t count, bool swapBytes,
                                Label* out) {
    constexpr std::size_t kBlock = std::size_t{1} << 16;
    std::array<unsigned char, sizeof(Sample)> one{};
    std::vector<Sample> samples(std::min(count, kBlock));
    SampleCheck check;
    while (check.converted < count) {
        const std::size_t n = std::min(kBlock, count - check.converted);
        const unsigned char* in = bytes + check.converted * sizeof(Sample);
        if (swapBytes && sizeof(Sample) > 1) {
            for (std::size_t i = 0; i < n; ++i) {
                std::reverse_copy(in + i * sizeof(Sample), in + (i + 1) * sizeof(Sample),
                                  one.begin());
                std::memcpy(&samples[i], one.data(), sizeof(Sample));
            }
        } else {
            std::memcpy(samples.data(), in, n * sizeof(Sample));
        }
        const std::size_t good = narrowToLabels(samples.data(), n, out + check.converted);
        check.converted += good;
        if (good < n) {
            check.badValue = fmt::format("{}", samples[good]);
            return check;
        }
    }
    return check;
}

/// The same for samples read from `in`, in blocks so that memory stays at the labels' size.
template <typename Sample>
SampleCheck readLabelSamples(std::istream& in, std::size_t count, bool swapBytes, Label* out) {
    constexpr std::size_t kBlock = std::size_t{1} << 20;
    std::vector<unsigned char> bytes(std::min(count, kBlock) * sizeof(Sample));
    SampleCheck check;
    while (check.converted < count) {
        const std::size_t n = std::min(kBlock, count - check.converted);
        if (!in.read(reinterpret_cast<char*>(bytes.data()),
                     static_cast<std::streamsize>(n * sizeof(Sample)))) {
            check.readFailed = true;
            return check;
        }
        const SampleCheck block =
            convertLabelSamples<Sample>(bytes.data(), n, swapBytes, out + check.converted);
        check.converted += block.converted;
        if (block.converted < n) {
            check.badValue = block.badValue;
            return check;
        }
    }
    return check;
}

/// The message for a sample that is not a label, e.g. a grayscale image read as labels.
template <typename Value>
std::string notALabelProblem(Value value, std::size_t x, std::size_t y, std::size_t z) {
    return fmt::format(
        "value {} at voxel (x={}, y={}, z={}) is not a phase label: labels must be integers "
        "0..255 (segment the image first)",
        value, x, y, z);
}

}  // namespace ssbsim::io
