#include "ssbsim/micro/AccessibleFraction.h"

#include <fmt/format.h>

#include <stdexcept>
#include <vector>

namespace ssbsim::micro {

namespace {

void checkFace(const VolumeFace& face, const std::array<bool, 3>& periodic, const char* what) {
    if (face.axis < 0 || face.axis > 2)
        throw std::invalid_argument(
            fmt::format("{} face: axis must be 0 (x), 1 (y) or 2 (z), got {}", what, face.axis));
    if (periodic[face.axis])
        throw std::invalid_argument(
            fmt::format("{} face: axis {} is periodic, so it has no face", what, face.axis));
}

bool onFace(const io::VoxelVolume& volume, const std::array<std::size_t, 3>& p,
            const VolumeFace& face) {
    return p[face.axis] == (face.far ? volume.extent(face.axis) - 1 : 0);
}

/// Per voxel: whether it belongs to a component of `phases` that touches `face`.
std::vector<std::uint8_t> networkReaching(const io::VoxelVolume& volume, const PhaseSet& phases,
                                          const VolumeFace& face,
                                          const std::array<bool, 3>& periodic) {
    const Components c = connectedComponents(volume, phases, periodic);
    std::vector<std::uint8_t> reaches(c.count + 1, 0);
    const auto& shape = volume.shape();
    const int u = (face.axis + 1) % 3, v = (face.axis + 2) % 3;
    std::array<std::size_t, 3> p{};
    p[face.axis] = face.far ? shape[face.axis] - 1 : 0;
    for (p[v] = 0; p[v] < shape[v]; ++p[v])
        for (p[u] = 0; p[u] < shape[u]; ++p[u]) reaches[c.id[volume.index(p[0], p[1], p[2])]] = 1;
    reaches[0] = 0;  // voxels outside the phases
    std::vector<std::uint8_t> mask(volume.voxelCount());
    for (std::size_t i = 0; i < mask.size(); ++i) mask[i] = reaches[c.id[i]];
    return mask;
}

/// Whether voxel p is in `network`, shares a face with a voxel in it, or lies on `face`.
bool connects(const io::VoxelVolume& volume, const std::array<std::size_t, 3>& p,
              const std::vector<std::uint8_t>& network, const VolumeFace& face,
              const std::array<bool, 3>& periodic) {
    if (network[volume.index(p[0], p[1], p[2])] || onFace(volume, p, face)) return true;
    for (int a = 0; a < 3; ++a) {
        const std::size_t n = volume.extent(a);
        if (n == 1) continue;
        for (int step : {-1, 1}) {
            std::array<std::size_t, 3> q = p;
            if (step < 0) {
                if (p[a] == 0 && !periodic[a]) continue;
                q[a] = p[a] == 0 ? n - 1 : p[a] - 1;
            } else {
                if (p[a] == n - 1 && !periodic[a]) continue;
                q[a] = p[a] == n - 1 ? 0 : p[a] + 1;
            }
            if (network[volume.index(q[0], q[1], q[2])]) return true;
        }
    }
    return false;
}

}  // namespace

Accessibility accessibleFraction(const io::VoxelVolume& volume,
                                 const AccessibilityOptions& options) {
    checkFace(options.separator, options.periodic, "separator");
    checkFace(options.collector, options.periodic, "collector");
    const Components particles = connectedComponents(volume, options.active, options.periodic);
    const auto ionicNet =
        networkReaching(volume, options.ionic, options.separator, options.periodic);
    const auto electronicNet =
        networkReaching(volume, options.electronic, options.collector, options.periodic);

    // Per particle: bit 0 ionically connected, bit 1 electronically connected.
    std::vector<std::uint8_t> linked(particles.count + 1, 0);
    const auto [nx, ny, nz] = volume.shape();
    for (std::size_t z = 0; z < nz; ++z)
        for (std::size_t y = 0; y < ny; ++y)
            for (std::size_t x = 0; x < nx; ++x) {
                const std::uint32_t k = particles.id[volume.index(x, y, z)];
                if (k == 0 || linked[k] == 3) continue;
                const std::array<std::size_t, 3> p{x, y, z};
                if (!(linked[k] & 1) &&
                    connects(volume, p, ionicNet, options.separator, options.periodic))
                    linked[k] |= 1;
                if (!(linked[k] & 2) &&
                    connects(volume, p, electronicNet, options.collector, options.periodic))
                    linked[k] |= 2;
            }

    Accessibility out;
    out.particles = particles.count;
    std::uint64_t ionic = 0, electronic = 0, both = 0;
    for (std::uint32_t k = 1; k <= particles.count; ++k) {
        const std::uint64_t n = particles.sizes[k - 1];
        out.activeVoxels += n;
        if (linked[k] & 1) ionic += n;
        if (linked[k] & 2) electronic += n;
        if (linked[k] == 3) {
            both += n;
            ++out.accessibleParticles;
        }
    }
    if (out.activeVoxels == 0) return out;
    const auto total = static_cast<double>(out.activeVoxels);
    out.ionic = static_cast<double>(ionic) / total;
    out.electronic = static_cast<double>(electronic) / total;
    out.both = static_cast<double>(both) / total;
    return out;
}

}  // namespace ssbsim::micro
