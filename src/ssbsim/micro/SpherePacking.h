#pragma once
// Random sequential addition of polydisperse balls into a voxel volume until one phase holds a
// target number of voxels. See docs/physics/microstructure.md#sphere-packing.
//
// Balls are drawn one by one (diameter from the size distribution, then a centre uniform in the
// box) and painted over the labels they may replace. A centre may be required to lie on given
// labels (e.g. in the pore space left by earlier phases) and next to others (carbon on CAM), and
// balls of the same packing may be kept apart by a hard core: centres at least
// (1 − maxOverlap)(r_i + r_j) apart (maxOverlap = 0: hard spheres, 1: fully overlapping
// Boolean model).
//
// Hitting the target: the ball that would overshoot it is shrunk (bisection on its radius) to
// the largest radius whose voxels still fit, and placement continues until the phase holds its
// target to within one voxel, so the voxelized fraction equals the target to 1/N. Only that
// last ball per pass deviates from the size distribution (PlacedShape::trimmed).

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ssbsim/core/Random.h"
#include "ssbsim/micro/GeneratedVolume.h"
#include "ssbsim/micro/SizeDistribution.h"
#include "ssbsim/micro/VoxelPainter.h"

namespace ssbsim::micro {

struct PackingTarget {
    std::string what;  ///< name used in messages, e.g. "cam" (the YAML section)
    io::Label label = 1;
    std::uint64_t voxels = 0;  ///< voxels of `label` to add
    SizeDistribution diameters = SizeDistribution::constant(1.0);
    LabelMask paintOver{};  ///< labels a ball may replace
    /// The voxel at a ball's centre must hold one of these labels (all false: anywhere).
    LabelMask centreOn{};
    /// When not all false: a face neighbour of the centre voxel must hold one of these labels.
    LabelMask centreNextTo{};
    double maxOverlap = 1.0;  ///< in [0, 1], see above
};

/// Adds balls of `target.label` to `volume` until it holds target.voxels more voxels of that
/// label. Unrestricted centres are uniform in the box, enlarged by the ball's radius along
/// non-periodic axes so that the faces are covered as densely as the interior; restricted ones
/// are uniform over the voxels that obey the rules. Throws InputError naming `target.what` when
/// no further ball can be placed (20 000 centres in a row hit a hard core, or no voxel is left
/// where a centre may go).
std::vector<PlacedShape> packBalls(io::VoxelVolume& volume, const PackingTarget& target,
                                   std::array<bool, 3> periodic, Random& random);

}  // namespace ssbsim::micro
