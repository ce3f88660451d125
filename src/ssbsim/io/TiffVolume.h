#pragma once
// Voxel volumes as TIFF: one multi-page file (one page per z) or a folder of single-page slices.
// Reading goes through libtiff, so every compression it decodes works, with strips or tiles;
// samples must be 8/16/32-bit integers (grayscale or palette) whose values are labels 0..255.
// The voxel size is read from and written to ImageJ's metadata (ImageDescription "unit=",
// "spacing=" and the X/Y resolution), which Fiji and tifffile understand. See
// docs/physics/microstructure.md#tiff.
//
// The writers write straight to their target; use io::writeVolume (VolumeFile.h) for a write
// that is whole or nothing.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ssbsim/io/StoredVolume.h"

namespace ssbsim::io {

/// Reads a multi-page TIFF; pages marked as reduced-resolution previews are skipped.
StoredVolume readTiffVolume(const std::string& path);
/// Reads the single-page TIFF slices (*.tif, *.tiff; hidden files skipped) of `folder` in the
/// order of sliceFilesInOrder; the voxel size comes from the first slice's ImageJ metadata.
StoredVolume readTiffSlices(const std::string& folder);

/// Writes an 8-bit deflate-compressed multi-page TIFF (BigTIFF above 2 GiB) with ImageJ metadata.
void writeTiffVolume(const std::string& path, const VoxelVolume& volume);
/// Writes one 8-bit page per z into `folder` as slice_0000.tif, slice_0001.tif, ...
void writeTiffSlices(const std::string& folder, const VoxelVolume& volume);

/// The TIFF files in `folder`, sorted by natural order of their names.
std::vector<std::string> sliceFilesInOrder(const std::string& folder);
/// Natural order: runs of digits compare by their number ("slice_2" < "slice_10"), the rest
/// character by character.
bool naturalLess(std::string_view a, std::string_view b);

/// The voxel size [m] that an ImageJ ImageDescription together with the X/Y resolution (pixels
/// per unit) records; nothing when the text is not ImageJ's or has no physical unit.
std::optional<VoxelVolume::Spacing> imageJVoxelSize(std::string_view description,
                                                    double xResolution, double yResolution);
/// The ImageJ ImageDescription for a stack of `pages` pages with this voxel size (unit micron).
std::string imageJDescription(std::size_t pages, const VoxelVolume::Spacing& voxelSize);

}  // namespace ssbsim::io
