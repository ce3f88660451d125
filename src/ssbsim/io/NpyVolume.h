#pragma once
// Voxel volumes as NumPy .npy files (format versions 1, 2 and 3). An array of shape (nz, ny, nx)
// in C order has exactly our memory layout (x fastest); Fortran order is transposed on reading;
// a 2-D array (ny, nx) is one slice. Sample types: bool and the integer types u1, u2, u4, u8, i1,
// i2, i4, i8 in either byte order, every value a label 0..255. The format stores no voxel size.
// See docs/physics/microstructure.md#npy and
// https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html.

#include <string>

#include "ssbsim/io/StoredVolume.h"

namespace ssbsim::io {

StoredVolume readNpyVolume(const std::string& path);

/// Writes a version 1.0 file with dtype '|u1' and shape (nz, ny, nx) in C order, straight to
/// `path` (io::writeVolume makes it whole or nothing).
void writeNpyVolume(const std::string& path, const VoxelVolume& volume);

/// The header writeNpyVolume writes (magic, version, length and the padded dict).
std::string npyHeader(const VoxelVolume::Shape& shape);

}  // namespace ssbsim::io
