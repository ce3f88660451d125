#pragma once
// Reading and writing segmented voxel volumes in the formats tomography tools use; the format is
// chosen by the file name. See docs/physics/microstructure.md#volume-files for each layout.
//
//   NAME.tif / NAME.tiff  multi-page TIFF, one page per z (8/16/32-bit integer grayscale or
//                         palette; strips or tiles; any compression libtiff decodes)
//   FOLDER/               a folder of single-page TIFF slices, in the natural order of the
//                         numbers in their names (slice_2 before slice_10)
//   NAME.raw              raw samples, x fastest, described by the YAML header NAME.raw.yaml
//   NAME.npy              NumPy array of shape (nz, ny, nx) or (ny, nx)
//   NAME.h5 / NAME.hdf5   dataset /labels of shape (nz, ny, nx); NAME.h5:/group/data reads another
//                         integer dataset
//   NAME.vti              VTK XML ImageData (ParaView)
//
// Every problem with a file (missing, truncated, corrupt, a sample type or value that is not a
// phase label) throws InputError naming the file and what was expected. Writes are atomic: the
// target is replaced whole or left as it was.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "ssbsim/io/StoredVolume.h"
#include "ssbsim/io/VoxelVolume.h"

namespace ssbsim::io {

enum class VolumeFormat { Tiff, TiffSlices, Raw, Npy, Hdf5, Vti };

/// "multi-page TIFF", "folder of TIFF slices", ... for messages.
std::string_view formatName(VolumeFormat format);
/// Whether the format records the voxel size / the phase names (so a round trip keeps them).
bool storesVoxelSize(VolumeFormat format);
bool storesPhaseNames(VolumeFormat format);

/// The format a path is read as: an existing folder holds TIFF slices; otherwise the extension
/// decides (case-insensitive; "NAME.h5:/dataset" is HDF5). Throws InputError for an unknown
/// extension, listing the known ones.
VolumeFormat formatForReading(const std::string& path);
/// The format a path is written as: a path ending in '/' or naming an existing folder gets TIFF
/// slices; otherwise as for reading.
VolumeFormat formatForWriting(const std::string& path);

/// Voxel edge used when neither the file nor the caller gives one: 1 µm, the order of the voxels
/// of laboratory X-ray tomography of composite electrodes. Metrics in physical units (surface
/// areas, particle sizes) are only meaningful with the true voxel size.
inline constexpr double kDefaultVoxelSize = 1e-6;

struct VolumeReadOptions {
    /// Voxel edges [m] along x, y, z; overrides the size the file records, and supplies it for
    /// files that record none (otherwise kDefaultVoxelSize).
    std::optional<VoxelVolume::Spacing> voxelSize;
};

/// Where the voxel size of a read volume came from.
enum class VoxelSizeSource { File, Option, Default };

/// A volume as read, with what the caller may want to report about the file.
struct VolumeRead {
    VoxelVolume volume;
    VolumeFormat format = VolumeFormat::Tiff;
    std::string storedType;  ///< sample type in the file ("uint8", "uint16", "bool", ...)
    VoxelSizeSource voxelSizeSource = VoxelSizeSource::Default;
};

/// Reads `path` in the format its name selects.
VolumeRead readVolumeFile(const std::string& path, const VolumeReadOptions& options = {});
/// The same, returning only the volume.
VoxelVolume readVolume(const std::string& path, const VolumeReadOptions& options = {});

/// Writes `volume` to `path` in the format its name selects (for .raw also NAME.raw.yaml), whole
/// or not at all. A slice folder must not exist or be empty. Throws InputError for an unknown
/// extension or a non-empty slice folder, std::runtime_error when the file system refuses.
void writeVolume(const std::string& path, const VoxelVolume& volume);

/// Parses a voxel size as users write it: "0.5 um" (cubic voxels), "10,10,30 nm" (x, y, z in one
/// unit) or "10 nm, 10 nm, 0.03 um"; a bare number is in metres, as everywhere in ssbsim. Each
/// edge must be > 0 and at most 1 cm (larger is almost surely a unit mistake). Throws InputError
/// (without location) saying what was expected.
VoxelVolume::Spacing parseVoxelSize(std::string_view text);

/// Parses phase names by label as users write them: "0=pore,1=CAM,2=SE" (labels 0..255, each
/// once; names non-empty, surrounding spaces dropped). Throws InputError (without location).
std::map<Label, std::string> parsePhaseNames(std::string_view text);

}  // namespace ssbsim::io
