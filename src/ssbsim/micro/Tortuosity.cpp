// Tortuosity factor as the single-phase case of the voxel resistor network
// (docs/physics/microstructure.md#tortuosity).
#include "ssbsim/micro/Tortuosity.h"

#include <array>

#include "ssbsim/micro/EffectiveConductivity.h"

namespace ssbsim::micro {

TortuosityResult tortuosityFactor(const io::VoxelVolume& volume, const PhaseSet& phase,
                                  const TransportOptions& options) {
    // σ = D = 1 in every label of the phase (each listed once), 0 elsewhere, ideal contacts:
    // σ_mean = ε and σ_eff = D_eff/D, so the multiphase τ = σ_mean/σ_eff is TauFactor's τ.
    ConductivityProblem problem;
    std::array<bool, 256> listed{};
    for (io::Label label : phase) {
        if (listed[label]) continue;
        listed[label] = true;
        problem.phases.push_back({label, 1.0});
    }
    const ConductivityResult c = effectiveConductivity(volume, problem, options);

    TortuosityResult result;
    result.tortuosityFactor = c.tortuosityFactor;
    result.effectiveDiffusivityFactor = c.effectiveConductivity;
    result.volumeFraction = c.conductingFraction;
    result.spanningFraction = c.spanningFraction;
    result.stats = c.stats;
    return result;
}

}  // namespace ssbsim::micro
