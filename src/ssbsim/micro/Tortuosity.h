#pragma once
// Tortuosity factor of one phase (or a set of labels treated as one phase) along an axis, with
// the definitions of TauFactor 2 (Kench et al., JOSS 8, 5358 (2023), doi 10.21105/joss.05358;
// Cooper et al., SoftwareX 5, 203 (2016), doi 10.1016/j.softx.2016.09.002):
//
//   steady diffusion in the phase, concentration 1 and 0 held half a voxel beyond the two faces
//   normal to the axis, no flux into the other labels;
//   τ = ε·D·(ΔC/L) / J̄,   D_eff/D = ε/τ,
//
// with ε the volume fraction of the phase in the whole volume (isolated clusters included) and J̄
// the mean flux per unit cross-section of the volume. Only the networks that touch both faces are
// solved; when none does, τ = +∞ and D_eff = 0 without a solve. This is the multiphase solver of
// EffectiveConductivity.h with σ = 1 in the phase and 0 elsewhere (no separate numerics).
// See docs/physics/microstructure.md#tortuosity.

#include <limits>

#include "ssbsim/io/VoxelVolume.h"
#include "ssbsim/micro/Connectivity.h"
#include "ssbsim/micro/TransportOptions.h"

namespace ssbsim::micro {

struct TortuosityResult {
    double tortuosityFactor = std::numeric_limits<double>::infinity();  ///< τ
    double effectiveDiffusivityFactor = 0.0;                            ///< D_eff/D = ε/τ
    double volumeFraction = 0.0;                                        ///< ε of the phase
    /// Fraction of the phase's voxels in networks touching both faces normal to the axis.
    double spanningFraction = 0.0;
    TransportStats stats;
};

/// Throws as effectiveConductivity() does (invalid axis, options, or no convergence).
TortuosityResult tortuosityFactor(const io::VoxelVolume& volume, const PhaseSet& phase,
                                  const TransportOptions& options = {});

}  // namespace ssbsim::micro
