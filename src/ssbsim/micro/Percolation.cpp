#include "ssbsim/micro/Percolation.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace ssbsim::micro {

PhaseConnectivity phaseConnectivity(const io::VoxelVolume& volume, const PhaseSet& phases, int axis,
                                    std::array<bool, 3> periodic) {
    if (axis < 0 || axis > 2)
        throw std::invalid_argument(
            fmt::format("axis must be 0 (x), 1 (y) or 2 (z), got {}", axis));
    if (periodic[axis])
        throw std::invalid_argument(fmt::format(
            "connectivity along axis {}: that axis cannot be periodic, its faces are the ones "
            "to be connected",
            axis));
    const Components c = connectedComponents(volume, phases, periodic);

    // Which faces each component touches: bit 0 the face at index 0, bit 1 the far face.
    std::vector<std::uint8_t> touches(c.count + 1, 0);
    const auto& shape = volume.shape();
    const int u = (axis + 1) % 3, v = (axis + 2) % 3;
    std::array<std::size_t, 3> p{};
    for (p[v] = 0; p[v] < shape[v]; ++p[v])
        for (p[u] = 0; p[u] < shape[u]; ++p[u]) {
            p[axis] = 0;
            touches[c.id[volume.index(p[0], p[1], p[2])]] |= 1;
            p[axis] = shape[axis] - 1;
            touches[c.id[volume.index(p[0], p[1], p[2])]] |= 2;
        }

    PhaseConnectivity out;
    out.components = c.count;
    std::uint64_t percolating = 0, deadEnd = 0, isolated = 0, largest = 0;
    for (std::uint32_t k = 1; k <= c.count; ++k) {
        const std::uint64_t n = c.sizes[k - 1];
        out.voxels += n;
        largest = std::max(largest, n);
        switch (touches[k]) {
            case 3:
                percolating += n;
                break;
            case 0:
                isolated += n;
                break;
            default:
                deadEnd += n;
                break;
        }
    }
    if (out.voxels == 0) return out;
    const auto total = static_cast<double>(out.voxels);
    out.largestComponent = static_cast<double>(largest) / total;
    out.percolating = static_cast<double>(percolating) / total;
    out.deadEnd = static_cast<double>(deadEnd) / total;
    out.isolated = static_cast<double>(isolated) / total;
    return out;
}

}  // namespace ssbsim::micro
