#pragma once
// Polycrystalline solid electrolyte: Voronoi grains around random seed points, with the voxels
// within half a grain-boundary thickness of a boundary labelled as grain boundary, and optional
// pores. See docs/physics/microstructure.md#polycrystal.
//
// A voxel belongs to the grain of its nearest seed a; it is a grain-boundary voxel when the
// distance from its centre x to the nearest bisector plane between a and another seed b,
//     (|x − b|² − |x − a|²) / (2 |a − b|),
// is below δ/2 (δ the boundary thickness). Distances are in metres, so anisotropic voxels see
// the same geometry. Seeds are a Poisson point process (uniform, independent), which gives the
// Poisson–Voronoi grain size distribution; with periodic axes the grains tile across the faces.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "ssbsim/micro/GeneratedVolume.h"
#include "ssbsim/micro/SizeDistribution.h"

namespace ssbsim::micro {

struct PolycrystalLabels {
    static constexpr io::Label pore = 0;
    static constexpr io::Label grain = 1;
    static constexpr io::Label boundary = 2;
};

enum class PorePlacement { Random, GrainBoundaries };

struct PoreSpec {
    double volumeFraction = 0.0;
    SizeDistribution diameters = SizeDistribution::constant(1e-7);
    PorePlacement placement = PorePlacement::GrainBoundaries;
};

struct PolycrystalSpec {
    io::VoxelVolume::Shape size{64, 64, 64};
    io::VoxelVolume::Spacing voxelSize{1e-7, 1e-7, 1e-7};
    std::uint64_t seed = 0;
    std::array<bool, 3> periodic{true, true, true};
    /// Diameter of the sphere with the mean grain volume [m]: the number of seeds is
    /// round(V / (π d³ / 6)), at least 1.
    double grainDiameter = 1e-6;
    /// Full thickness δ of a grain boundary [m]; 0 gives grains without boundary voxels.
    double boundaryThickness = 0.0;
    std::optional<PoreSpec> pores;
};

/// The polycrystal for `spec`. When `grainIds` is given it receives, per voxel, the number
/// (1-based) of the grain whose seed is nearest, pores and boundary voxels included.
GeneratedVolume generatePolycrystal(const PolycrystalSpec& spec,
                                    std::vector<std::uint32_t>* grainIds = nullptr);

}  // namespace ssbsim::micro
