#pragma once
// How a phase (or a set of phases forming one network) is connected between two opposite faces:
// the fraction that percolates, the dead ends hanging from one face and the isolated clusters.
// The same classification TauFactor and PoreSpy report, on face-connected (6-neighbour)
// components. See docs/physics/microstructure.md#percolation.

#include <array>
#include <cstdint>

#include "ssbsim/io/VoxelVolume.h"
#include "ssbsim/micro/Connectivity.h"

namespace ssbsim::micro {

struct PhaseConnectivity {
    std::uint64_t voxels = 0;       ///< voxels of the phase set
    std::uint32_t components = 0;   ///< face-connected components
    double largestComponent = 0.0;  ///< fraction of the voxels in the largest component
    double percolating = 0.0;       ///< fraction in components touching both faces
    double deadEnd = 0.0;           ///< fraction in components touching exactly one face
    double isolated = 0.0;          ///< fraction in components touching neither face
};

/// Connectivity of `phases` between the faces normal to `axis` (0 = x, 1 = y, 2 = z). The other
/// axes may be periodic; `axis` itself may not (std::invalid_argument). The three fractions add
/// up to 1 (all 0 for an absent phase).
PhaseConnectivity phaseConnectivity(const io::VoxelVolume& volume, const PhaseSet& phases, int axis,
                                    std::array<bool, 3> periodic = {false, false, false});

}  // namespace ssbsim::micro
