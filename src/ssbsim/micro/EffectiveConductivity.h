#pragma once
// Effective conductivity of a multiphase voxel volume: the voxel resistor network of Ketter et al.,
// Nat. Commun. 16, 1411 (2025), doi 10.1038/s41467-025-56514-5. Each pair of face neighbours is
// joined by two half-voxel resistors in series (the harmonic mean of their conductivities) plus
// an interface resistance where the labels differ; the two faces normal to the transport axis
// are held at fixed potentials half a voxel beyond the last voxels, as in TauFactor 2.
// Single-phase tortuosity (Tortuosity.h) is the special case σ = 1 in the phase, 0 elsewhere.
// See docs/physics/microstructure.md#effective-conductivity.

#include <limits>
#include <vector>

#include "ssbsim/io/VoxelVolume.h"
#include "ssbsim/micro/TransportOptions.h"

namespace ssbsim::micro {

struct PhaseConductivity {
    io::Label label = 0;
    double conductivity = 0.0;  ///< σ [S/m], ≥ 0
};

/// Interface resistance between two particular labels, overriding the default.
struct InterfaceResistance {
    io::Label first = 0, second = 0;
    double resistance = 0.0;  ///< area-specific resistance [Ω m²], ≥ 0
};

struct ConductivityProblem {
    /// Conductivity per label; labels not listed (and σ = 0) do not conduct. Each label may be
    /// listed once.
    std::vector<PhaseConductivity> phases;
    /// Area-specific resistance of every face between voxels of two different conducting labels
    /// [Ω m²]; 0 for ideal contact.
    double interfaceResistance = 0.0;
    std::vector<InterfaceResistance> pairResistances;  ///< per-pair overrides of the default
};

struct ConductivityResult {
    /// σ_eff [S/m]: current per unit cross-section over the potential gradient along the axis.
    double effectiveConductivity = 0.0;
    /// σ_mean = Σ_i ε_i σ_i [S/m], the conductivity of the same phases arranged in parallel.
    double meanConductivity = 0.0;
    /// τ = σ_mean / σ_eff (TauFactor 2's multiphase definition); +∞ when nothing spans.
    double tortuosityFactor = std::numeric_limits<double>::infinity();
    double conductingFraction = 0.0;  ///< volume fraction of the labels with σ > 0
    /// Fraction of the conducting voxels in networks that touch both electrode faces (counted
    /// through faces with a finite, nonzero link conductance).
    double spanningFraction = 0.0;
    TransportStats stats;
};

/// Solves the steady potential field and returns σ_eff along options.axis. Throws InputError for
/// negative or non-finite conductivities and resistances or a label listed twice,
/// std::invalid_argument for an axis outside 0..2, and SolverError when the solver does not meet
/// the stopping criteria within options.maxIterations. A volume in which no conducting network
/// spans the axis gives σ_eff = 0 and τ = ∞ without calling the solver.
ConductivityResult effectiveConductivity(const io::VoxelVolume& volume,
                                         const ConductivityProblem& problem,
                                         const TransportOptions& options = {});

}  // namespace ssbsim::micro
