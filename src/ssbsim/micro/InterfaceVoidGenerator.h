#pragma once
// A Li-metal | solid-electrolyte interface with voids: an SE slab (z below the interface plane)
// under a Li slab, with ellipsoidal void caps in the Li resting on the SE, placed until the
// contact fraction (the part of the interface plane where Li touches SE) equals a target.
// Voids of this kind form on stripping when vacancies are not refilled fast enough (Kasemchainan
// et al., Nat. Mater. 18, 1105 (2019), doi 10.1038/s41563-019-0438-9). See
// docs/physics/microstructure.md#li-interface.
//
// Each void is half an ellipsoid centred on the interface plane z = k·hz: footprint radius a
// (diameter from the size distribution) and depth c = aspect·a into the Li. The contact fraction
// is measured on the voxels: Li voxels in the first Li layer (index k) over nx·ny; the void that
// would overshoot the target is scaled down (bisection on its size) so that the count lands on
// round((1 − contact)·nx·ny) exactly.

#include <array>
#include <cstdint>

#include "ssbsim/micro/GeneratedVolume.h"
#include "ssbsim/micro/SizeDistribution.h"

namespace ssbsim::micro {

struct InterfaceLabels {
    static constexpr io::Label voids = 0;
    static constexpr io::Label li = 1;
    static constexpr io::Label se = 2;
};

struct InterfaceVoidSpec {
    io::VoxelVolume::Shape size{64, 64, 32};
    io::VoxelVolume::Spacing voxelSize{1e-7, 1e-7, 1e-7};
    std::uint64_t seed = 0;
    /// Along x and y; the stack direction z is never periodic.
    std::array<bool, 2> periodic{true, true};
    /// SE slab thickness [m]: the interface lies at layer k = round(seThickness / hz), which must
    /// leave at least one layer of SE and of Li.
    double seThickness = 1e-6;
    /// Target contact fraction, in (0, 1].
    double contactFraction = 1.0;
    /// Footprint diameters of the voids on the interface plane.
    SizeDistribution voidDiameters = SizeDistribution::constant(1e-6);
    /// Void depth / footprint radius.
    double aspectRatio = 0.5;
};

/// The interface for `spec`. Throws InputError when the geometry cannot hold the voids (see the
/// checks in the source) or no further void can lower the contact.
GeneratedVolume generateInterfaceVoids(const InterfaceVoidSpec& spec);

}  // namespace ssbsim::micro
