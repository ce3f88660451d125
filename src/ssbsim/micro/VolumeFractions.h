#pragma once
// Volume fractions of the phases of a segmented volume. See
// docs/physics/microstructure.md#volume-fractions.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ssbsim/io/VoxelVolume.h"
#include "ssbsim/micro/Connectivity.h"

namespace ssbsim::micro {

/// Voxels per label, indexed by label 0..255.
std::array<std::uint64_t, 256> labelCounts(const io::VoxelVolume& volume);

struct PhaseFraction {
    io::Label label = 0;
    std::string name;  ///< the volume's phase name, empty when it has none
    std::uint64_t voxels = 0;
    double fraction = 0.0;  ///< voxels / all voxels
};

/// One entry per label present in the volume, in increasing label order.
std::vector<PhaseFraction> volumeFractions(const io::VoxelVolume& volume);

/// The fraction of voxels whose label is in `phases`.
double volumeFraction(const io::VoxelVolume& volume, const PhaseSet& phases);

}  // namespace ssbsim::micro
