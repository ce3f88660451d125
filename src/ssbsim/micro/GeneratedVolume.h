#pragma once
// What a generator returns: the volume, every particle (or pore, or void) it placed, and the
// targets it aimed at beside what the voxels achieve. See
// docs/physics/microstructure.md#generators.

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "ssbsim/io/VoxelVolume.h"

namespace ssbsim::micro {

/// One placed shape: a ball (equal semi-axes) or an ellipsoidal void cap, in metres from the
/// corner of voxel (0,0,0).
struct PlacedShape {
    io::Label label = 0;
    std::array<double, 3> centre{};
    std::array<double, 3> semiAxes{};
    /// The last shape of a phase is shrunk so that the voxel count lands on its target (see
    /// SpherePacking.h); its size is then not a draw from the size distribution.
    bool trimmed = false;
};

/// A number the generator was asked to reach and the value the voxels have.
struct GeneratorTarget {
    std::string quantity;  ///< e.g. "CAM volume fraction", "Li|SE contact fraction"
    double target = 0.0;
    double achieved = 0.0;
};

struct GeneratedVolume {
    io::VoxelVolume volume;
    std::vector<PlacedShape> shapes;
    std::vector<GeneratorTarget> targets;
    /// Further numbers the generator knows exactly (e.g. "grains"), for the report.
    std::vector<std::pair<std::string, double>> facts;
};

}  // namespace ssbsim::micro
