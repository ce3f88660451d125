#pragma once
// Connected components of one phase (6-connectivity: voxels sharing a face) and the part of a
// phase that spans the volume between two opposite faces. Used by the metrics (percolating and
// accessible fractions) and by the transport solvers (dead ends carry no steady flux, a phase
// that does not span the volume gives tau = infinity). See docs/physics/microstructure.md.

#include <array>
#include <cstdint>
#include <vector>

#include "ssbsim/io/VoxelVolume.h"

namespace ssbsim::micro {

/// A set of phase labels treated as one conducting network (e.g. {CAM, carbon} for electrons).
using PhaseSet = std::vector<io::Label>;

struct Components {
    /// Per voxel: 0 outside the phase set, otherwise the component number 1..count.
    std::vector<std::uint32_t> id;
    std::uint32_t count = 0;
    std::vector<std::uint64_t> sizes;  ///< voxels per component, sizes[c - 1] for component c
};

/// Face-connected components of the voxels whose label is in `phases`. `periodic[a]` joins the
/// two faces normal to axis a.
Components connectedComponents(const io::VoxelVolume& volume, const PhaseSet& phases,
                               std::array<bool, 3> periodic = {false, false, false});

/// Per voxel: 1 where the voxel belongs to a component touching both faces normal to `axis`
/// (axis 0 = x, 1 = y, 2 = z), 0 elsewhere. The other two axes may be periodic.
std::vector<std::uint8_t> spanningMask(const io::VoxelVolume& volume, const PhaseSet& phases, int axis,
                               std::array<bool, 3> periodic = {false, false, false});

}  // namespace ssbsim::micro
