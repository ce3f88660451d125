#pragma once
// The part of the cathode active material (CAM) that can work in a cell: particles that touch
// the ionic network reaching the separator and belong to (or touch) the electronic network
// reaching the current collector. The cell model scales its active material by this fraction.
// See docs/physics/microstructure.md#accessible-fraction.
//
// A particle is a face-connected component of the active phases. It is
//   ionically connected     when one of its voxels lies in, or shares a face with, a component of
//                           the ionic phases that touches the separator face, or lies on that
//                           face itself (the separator beyond it is electrolyte);
//   electronically connected likewise with the electronic phases and the collector face (the
//                           collector beyond it conducts electrons).
// Lithium diffuses through the whole particle, so the test is per particle, and fractions are
// of the active voxels.

#include <array>
#include <cstdint>

#include "ssbsim/io/VoxelVolume.h"
#include "ssbsim/micro/Connectivity.h"

namespace ssbsim::micro {

/// One face of the volume: normal to `axis`, at index 0 (`far` false) or n−1 (`far` true).
struct VolumeFace {
    int axis = 2;
    bool far = true;
};

struct AccessibilityOptions {
    PhaseSet active{1};         ///< CAM
    PhaseSet ionic{2};          ///< solid electrolyte
    PhaseSet electronic{1, 3};  ///< CAM and carbon
    VolumeFace separator{2, true};
    VolumeFace collector{2, false};
    /// Periodic axes (not those of the two faces).
    std::array<bool, 3> periodic{false, false, false};
};

struct Accessibility {
    std::uint64_t activeVoxels = 0;
    std::uint32_t particles = 0;
    std::uint32_t accessibleParticles = 0;  ///< ionically and electronically connected
    double ionic = 0.0;       ///< fraction of active voxels in ionically connected particles
    double electronic = 0.0;  ///< fraction in electronically connected particles
    double both = 0.0;        ///< fraction in particles connected both ways: the accessible CAM
};

/// The accessible fractions of `volume` (all 0 when it holds no active voxel). Throws
/// std::invalid_argument for a bad axis or a face on a periodic axis.
Accessibility accessibleFraction(const io::VoxelVolume& volume,
                                 const AccessibilityOptions& options = {});

}  // namespace ssbsim::micro
