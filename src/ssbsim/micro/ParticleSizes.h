#pragma once
// Particle size distribution of a phase: the equivalent-sphere diameter of each particle and the
// volume-weighted quantiles D10, D50, D90 that laser diffraction reports. See
// docs/physics/microstructure.md#particle-sizes.
//
// In an image, a particle is a face-connected component of the phase, so particles that touch
// merge into one (a watershed split of touching particles is not done here), and particles cut
// by a non-periodic face of the volume appear smaller than they are (they can be left out). For a
// generated volume the generator's own list of diameters (GeneratedVolume::shapes) is exact.

#include <array>
#include <cstdint>
#include <vector>

#include "ssbsim/io/VoxelVolume.h"
#include "ssbsim/micro/Connectivity.h"

namespace ssbsim::micro {

struct ParticleSizes {
    /// Equivalent-sphere diameter (6V/π)^(1/3) of each particle kept [m], in component order.
    std::vector<double> diameters;
    /// Particles left out because they touch a non-periodic face (excludeBoundary).
    std::uint32_t excluded = 0;
};

/// The particles of `phases` (components as in Connectivity.h). With `excludeBoundary`, those
/// touching a non-periodic face of the volume are left out.
ParticleSizes particleSizes(const io::VoxelVolume& volume, const PhaseSet& phases,
                            std::array<bool, 3> periodic = {false, false, false},
                            bool excludeBoundary = false);

struct SizeQuantiles {
    double d10 = 0.0, d50 = 0.0, d90 = 0.0;  ///< volume-weighted [m]
    double numberMean = 0.0;                 ///< mean diameter by number [m]
};

/// Volume-weighted quantiles of `diameters`: D_q is the smallest diameter d such that the
/// particles no larger than d hold at least the fraction q of the total volume (volume ∝ d³).
/// All zero for an empty list.
SizeQuantiles sizeQuantiles(std::vector<double> diameters);

}  // namespace ssbsim::micro
