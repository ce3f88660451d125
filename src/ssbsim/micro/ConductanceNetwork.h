#pragma once
// The voxel resistor network of a transport problem, in the solver's orientation (transport along
// z, see VoxelGrid.h): which voxels are solved, which conducting phase each holds, and the
// conductance of every kind of link. Matrix-free: a link's conductance is looked up from the two
// phase classes it joins, so the lattice costs one byte per voxel.
// See docs/physics/microstructure.md#effective-conductivity.

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ssbsim/io/VoxelVolume.h"
#include "ssbsim/micro/EffectiveConductivity.h"
#include "ssbsim/micro/VoxelGrid.h"

namespace ssbsim::micro {

/// Per label: conductivity σ [S/m] and the interface resistance to every other label [Ω m²],
/// validated (finite, ≥ 0, each label once).
struct PhaseTable {
    std::array<double, 256> conductivity{};
    /// resistance[a][b], symmetric; 0 on the diagonal (no interface inside one phase).
    std::vector<std::array<double, 256>> resistance = std::vector<std::array<double, 256>>(256);

    /// Throws InputError naming the offending label and value.
    static PhaseTable from(const ConductivityProblem& problem);
};

struct ConductanceNetwork {
    VoxelGrid grid;  ///< internal orientation: transport along z
    /// Per voxel (internal order): 0 = not solved (insulating or not spanning), 1..classes-1 =
    /// the conducting label it holds, numbered in increasing label order.
    std::vector<std::uint8_t> phaseClass;
    std::size_t classes = 1;                  ///< number of classes, 0 included
    std::vector<io::Label> labelOfClass;      ///< labelOfClass[c] for c ≥ 1
    /// link[a][ci·classes + cj]: conductance of a face normal to internal axis a between a voxel
    /// of class ci and one of class cj, in units of referenceConductance (0 when either is 0).
    std::array<std::vector<double>, 3> link;
    /// boundary[c]: conductance from a voxel of class c on a z face to the electrode half a voxel
    /// beyond it, in the same units.
    std::vector<double> boundary;
    /// σ_ref·A_z/h_z [S]: the link conductance of two voxels of σ_ref = max σ along z.
    double referenceConductance = 0.0;
    double referenceConductivity = 0.0;  ///< σ_ref [S/m]
    std::size_t conductingVoxels = 0;    ///< voxels whose label conducts (spanning or not)
    std::size_t spanningVoxels = 0;      ///< of those, the ones in spanning networks (solved)
    double meanConductivity = 0.0;       ///< Σ_i ε_i σ_i [S/m] over the whole volume

    /// Builds the network of `volume` for transport along `axis` (0..2, storage axes).
    static ConductanceNetwork build(const io::VoxelVolume& volume, const PhaseTable& phases, int axis,
                                    SideBoundary sides);
};

/// Conductance [S] between the centres of two face-neighbour voxels of conductivities sigmaA and
/// sigmaB [S/m] through a face of area `area` [m²] with centres `spacing` [m] apart and an
/// area-specific interface resistance [Ω m²] between them: two half voxels and the interface in
/// series. 0 when either conductivity is 0.
double linkConductance(double sigmaA, double sigmaB, double spacing, double area, double interfaceResistance);

}  // namespace ssbsim::micro
