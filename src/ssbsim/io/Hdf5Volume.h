#pragma once
// Voxel volumes in HDF5, readable from h5py as f["labels"][z, y, x]:
//
//   /labels                 uint8, shape (nz, ny, nx), chunked and deflate-compressed
//     voxel size [m]        attribute, 3 doubles: x, y, z
//     element_size_um       attribute, 3 doubles: z, y, x in µm (the Fiji HDF5 plugin's key)
//     phase labels          attribute, uint8[n]  } phase names by label, when the volume has
//     phase names           attribute, string[n] } any (variable-length UTF-8)
//
// Reading accepts any integer dataset of rank 3 (nz, ny, nx) or 2 (ny, nx) whose values are
// labels 0..255 ("FILE.h5:/group/dataset"), and takes the voxel size from "voxel size [m]" or
// else "element_size_um". See docs/physics/microstructure.md#hdf5.

#include <string>
#include <utility>

#include "ssbsim/io/StoredVolume.h"

namespace ssbsim::io {

/// The dataset read when a path names none.
inline constexpr const char* kLabelsDataset = "/labels";

/// Splits "NAME.h5:/group/data" (or .hdf5) into the file and the dataset; a path without a
/// dataset part gives kLabelsDataset.
std::pair<std::string, std::string> splitHdf5Path(const std::string& path);

StoredVolume readHdf5Volume(const std::string& file, const std::string& dataset = kLabelsDataset);

/// Writes the layout above straight to `path` (io::writeVolume makes it whole or nothing). The
/// objects carry no timestamps, so the same volume gives the same bytes.
void writeHdf5Volume(const std::string& path, const VoxelVolume& volume);

}  // namespace ssbsim::io
