#pragma once
// Composite cathode: polydisperse balls of cathode active material (CAM), a carbon additive and
// solid electrolyte (SE) at target volume fractions, the rest pore. See
// docs/physics/microstructure.md#composite-cathode.
//
// The phases are placed in this order, each by random sequential addition (SpherePacking.h):
//   1. CAM balls anywhere (hard cores optional: pressed composites have touching, slightly
//      interpenetrating particles);
//   2. carbon balls with centres in the pore space, optionally next to CAM (carbon black sits on
//      the CAM surface after mixing);
//   3. SE balls with centres in the remaining pore space, painted over pore only, so that the
//      SE fills the gaps and wraps around the CAM as a soft sulfide does when pressed.
// Each phase draws from its own random sub-stream, so the CAM arrangement for a seed does not
// change when the SE or carbon inputs do.

#include <array>
#include <cstdint>
#include <optional>

#include "ssbsim/micro/GeneratedVolume.h"
#include "ssbsim/micro/SizeDistribution.h"

namespace ssbsim::micro {

/// Labels of a generated composite cathode (also stored as phase names).
struct CompositeLabels {
    static constexpr io::Label pore = 0;
    static constexpr io::Label cam = 1;
    static constexpr io::Label se = 2;
    static constexpr io::Label carbon = 3;
};

/// One particulate phase.
struct ParticlePhaseSpec {
    double volumeFraction = 0.0;
    SizeDistribution diameters = SizeDistribution::constant(1e-6);
    double maxOverlap = 1.0;  ///< see SpherePacking.h
};

enum class CarbonPlacement { Random, OnCam };

struct CompositeSpec {
    io::VoxelVolume::Shape size{64, 64, 64};
    io::VoxelVolume::Spacing voxelSize{1e-6, 1e-6, 1e-6};
    std::uint64_t seed = 0;
    std::array<bool, 3> periodic{true, true, true};
    ParticlePhaseSpec cam;
    ParticlePhaseSpec se;
    std::optional<ParticlePhaseSpec> carbon;
    CarbonPlacement carbonPlacement = CarbonPlacement::OnCam;
};

/// The composite for `spec`; the voxel counts of CAM, carbon and SE equal round(fraction · N).
/// Throws InputError when a phase cannot be placed (see packBalls) or the fractions exceed 1.
GeneratedVolume generateComposite(const CompositeSpec& spec);

}  // namespace ssbsim::micro
