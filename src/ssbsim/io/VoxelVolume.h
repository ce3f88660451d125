#pragma once
// A segmented voxel volume: one phase label per voxel and the (possibly anisotropic) voxel size.
// See docs/physics/microstructure.md#volumes.
//
// Storage order: x fastest, then y, then z (index = x + nx·(y + ny·z)). A TIFF stack has one
// page per z, rows along y and columns along x; numpy sees the same memory as an array of shape
// (nz, ny, nx) in C order.

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ssbsim::io {

using Label = std::uint8_t;

class VoxelVolume {
  public:
    using Shape = std::array<std::size_t, 3>;    ///< nx, ny, nz
    using Spacing = std::array<double, 3>;       ///< voxel edge lengths along x, y, z [m]

    VoxelVolume() = default;
    /// A volume of `shape` filled with `fill`. Throws std::invalid_argument for a zero extent or
    /// a non-positive voxel size.
    VoxelVolume(Shape shape, Spacing voxelSize, Label fill = 0);
    /// A volume of `shape` holding `labels` (x fastest), taken over without a copy. Throws
    /// std::invalid_argument as above, or when labels.size() is not nx·ny·nz.
    VoxelVolume(Shape shape, Spacing voxelSize, std::vector<Label> labels);

    const Shape& shape() const { return shape_; }
    std::size_t extent(int axis) const { return shape_[axis]; }
    std::size_t voxelCount() const { return labels_.size(); }
    const Spacing& voxelSize() const { return voxelSize_; }
    void setVoxelSize(Spacing voxelSize);

    std::size_t index(std::size_t x, std::size_t y, std::size_t z) const {
        return x + shape_[0] * (y + shape_[1] * z);
    }
    Label& operator()(std::size_t x, std::size_t y, std::size_t z) { return labels_[index(x, y, z)]; }
    Label operator()(std::size_t x, std::size_t y, std::size_t z) const { return labels_[index(x, y, z)]; }

    std::vector<Label>& labels() { return labels_; }
    const std::vector<Label>& labels() const { return labels_; }
    Label* data() { return labels_.data(); }
    const Label* data() const { return labels_.data(); }

    /// Optional names of the phases ("CAM", "SE", "pore", ...) by label; formats that can carry
    /// them (HDF5, .vti, raw header) store them.
    std::map<Label, std::string>& phaseNames() { return phaseNames_; }
    const std::map<Label, std::string>& phaseNames() const { return phaseNames_; }

  private:
    Shape shape_{0, 0, 0};
    Spacing voxelSize_{1.0, 1.0, 1.0};
    std::vector<Label> labels_;
    std::map<Label, std::string> phaseNames_;
};

}  // namespace ssbsim::io
