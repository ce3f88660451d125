#pragma once
// Voxelization of ellipsoids (balls are the special case of equal semi-axes) into a labelled
// volume: a voxel belongs to the shape when its centre lies inside. The generators place their
// particles, pores and voids through this one function, so that every generated volume follows
// the same digitization rule. See docs/physics/microstructure.md#generators.

#include <array>
#include <cstddef>
#include <initializer_list>
#include <vector>

#include "ssbsim/io/VoxelVolume.h"

namespace ssbsim::micro {

/// Which labels an operation may touch: member[label].
using LabelMask = std::array<bool, 256>;

/// A mask holding exactly `labels`.
LabelMask labelMask(std::initializer_list<io::Label> labels);

/// An axis-aligned ellipsoid in metres, in the frame whose origin is the corner of voxel (0,0,0)
/// (voxel (i, j, k) has its centre at ((i+½)hx, (j+½)hy, (k+½)hz)).
struct Ellipsoid {
    std::array<double, 3> centre{};
    std::array<double, 3> semiAxes{};

    static Ellipsoid ball(const std::array<double, 3>& centre, double radius) {
        return {centre, {radius, radius, radius}};
    }
};

/// The voxels one paint() call changed, with their former labels, in visiting order.
struct Painting {
    std::vector<std::size_t> index;
    std::vector<io::Label> previous;

    std::size_t size() const { return index.size(); }
    bool empty() const { return index.empty(); }
};

/// Sets to `label` every voxel whose centre lies inside `shape` and whose label is in
/// `paintOver`. Along a periodic axis the shape wraps around (each voxel counted once even if
/// several periodic images cover it); along the others it is clipped. Returns what changed, so
/// that the caller can count the voxels or undo the painting.
Painting paint(io::VoxelVolume& volume, const Ellipsoid& shape, io::Label label,
               const LabelMask& paintOver, std::array<bool, 3> periodic);

/// Gives the voxels of `painting` back their former labels.
void unpaint(io::VoxelVolume& volume, const Painting& painting);

/// The voxel holding `point` (metres, same frame as Ellipsoid), wrapped along periodic axes and
/// clamped to the volume along the others.
std::size_t voxelAt(const io::VoxelVolume& volume, const std::array<double, 3>& point,
                    std::array<bool, 3> periodic);

}  // namespace ssbsim::micro
