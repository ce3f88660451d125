#pragma once
// Voxel volumes as VTK XML ImageData (.vti), which ParaView opens directly. We write one piece
// whose voxels are cells (extent 0..n, origin 0, spacing = voxel size) carrying the UInt8 cell
// array "phase", stored as raw appended binary with UInt64 byte counts; phase names go into the
// field data ("phase labels" UInt8, "phase names" String). Reading accepts what VTK and ParaView
// write: point or cell data, ascii, inline base64 or appended (raw or base64) arrays, UInt32 or
// UInt64 headers, either byte order, zlib-compressed blocks, any integer type holding labels
// 0..255. See docs/physics/microstructure.md#vti and
// https://docs.vtk.org/en/latest/design_documents/VTKFileFormats.html.

#include <string>

#include "ssbsim/io/StoredVolume.h"

namespace ssbsim::io {

StoredVolume readVtiVolume(const std::string& path);

/// Writes the layout above straight to `path` (io::writeVolume makes it whole or nothing).
void writeVtiVolume(const std::string& path, const VoxelVolume& volume);

/// The XML part of the file (everything before the appended binary data, ending with the
/// '_' marker) that writeVtiVolume writes.
std::string vtiXmlHeader(const VoxelVolume& volume);

}  // namespace ssbsim::io
