#pragma once
// Voxel volumes as raw samples plus a small YAML header beside them (NAME.raw + NAME.raw.yaml),
// the form most tomography software can export. The header says what the bytes are:
//
//   shape: {x: 500, y: 500, z: 200}        # voxels; x varies fastest in the file, then y, then z
//   voxel-size: {x: 10 nm, y: 10 nm, z: 30 nm}   # or one value for cubic voxels; optional
//   data-type: uint8                       # uint8 | uint16
//   byte-order: little                     # little | big (matters for uint16 only; optional)
//   header-bytes: 0                        # bytes to skip at the start of NAME.raw (optional)
//   phases: {0: pore, 1: CAM, 2: SE}       # optional phase names by label
//
// The file size must equal header-bytes + voxels × sample size. See
// docs/physics/microstructure.md#raw.

#include <string>

#include "ssbsim/io/StoredVolume.h"

namespace ssbsim::io {

/// NAME.raw.yaml for NAME.raw.
std::string rawHeaderPath(const std::string& dataPath);

/// Reads NAME.raw described by NAME.raw.yaml; `path` may name either of the two.
StoredVolume readRawVolume(const std::string& path);

/// Writes the uint8 samples to `dataPath` and their header to `headerPath`, straight to the
/// targets (io::writeVolume makes it whole or nothing).
void writeRawVolume(const std::string& dataPath, const std::string& headerPath,
                    const VoxelVolume& volume);

/// The header text writeRawVolume writes.
std::string rawHeaderText(const VoxelVolume& volume);

}  // namespace ssbsim::io
