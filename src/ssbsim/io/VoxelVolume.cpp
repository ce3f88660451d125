#include "ssbsim/io/VoxelVolume.h"

#include <fmt/format.h>

#include <stdexcept>

namespace ssbsim::io {

namespace {
void checkSpacing(const VoxelVolume::Spacing& voxelSize) {
    for (double h : voxelSize)
        if (!(h > 0.0))
            throw std::invalid_argument(fmt::format("voxel size must be positive, got {}", h));
}
}  // namespace

VoxelVolume::VoxelVolume(Shape shape, Spacing voxelSize, Label fill)
    : shape_(shape), voxelSize_(voxelSize) {
    for (std::size_t n : shape)
        if (n == 0) throw std::invalid_argument("a voxel volume needs at least one voxel along each axis");
    checkSpacing(voxelSize);
    labels_.assign(shape[0] * shape[1] * shape[2], fill);
}

VoxelVolume::VoxelVolume(Shape shape, Spacing voxelSize, std::vector<Label> labels)
    : shape_(shape), voxelSize_(voxelSize) {
    for (std::size_t n : shape)
        if (n == 0) throw std::invalid_argument("a voxel volume needs at least one voxel along each axis");
    checkSpacing(voxelSize);
    if (labels.size() != shape[0] * shape[1] * shape[2])
        throw std::invalid_argument(fmt::format("{} labels for a volume of {}×{}×{} voxels",
                                                labels.size(), shape[0], shape[1], shape[2]));
    labels_ = std::move(labels);
}

void VoxelVolume::setVoxelSize(Spacing voxelSize) {
    checkSpacing(voxelSize);
    voxelSize_ = voxelSize;
}

}  // namespace ssbsim::io
