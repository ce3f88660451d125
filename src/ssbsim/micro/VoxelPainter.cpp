#include "ssbsim/micro/VoxelPainter.h"

#include <algorithm>
#include <cmath>

namespace ssbsim::micro {

namespace {

/// The voxel indices (unwrapped, possibly outside 0..n-1) whose centre (i+½)h can lie within
/// [c − s, c + s].
std::array<long long, 2> candidateRange(double c, double s, double h) {
    return {static_cast<long long>(std::ceil((c - s) / h - 0.5)),
            static_cast<long long>(std::floor((c + s) / h - 0.5))};
}

/// Index along one axis: wrapped when periodic, -1 when outside a clipped axis.
long long wrapOrClip(long long i, long long n, bool periodic) {
    if (periodic) return ((i % n) + n) % n;
    return (i < 0 || i >= n) ? -1 : i;
}

}  // namespace

LabelMask labelMask(std::initializer_list<io::Label> labels) {
    LabelMask mask{};
    for (io::Label l : labels) mask[l] = true;
    return mask;
}

Painting paint(io::VoxelVolume& volume, const Ellipsoid& shape, io::Label label,
               const LabelMask& paintOver, std::array<bool, 3> periodic) {
    Painting changed;
    if (paintOver[label]) return changed;  // painting a label over itself changes nothing
    for (double s : shape.semiAxes)
        if (!(s > 0.0)) return changed;  // a degenerate shape contains no voxel centre
    const auto& h = volume.voxelSize();
    std::array<std::array<long long, 2>, 3> range{};
    std::array<long long, 3> n{};
    for (int a = 0; a < 3; ++a) {
        range[a] = candidateRange(shape.centre[a], shape.semiAxes[a], h[a]);
        n[a] = static_cast<long long>(volume.extent(a));
    }
    for (long long k = range[2][0]; k <= range[2][1]; ++k) {
        const long long z = wrapOrClip(k, n[2], periodic[2]);
        if (z < 0) continue;
        const double dz =
            ((static_cast<double>(k) + 0.5) * h[2] - shape.centre[2]) / shape.semiAxes[2];
        const double restZ = 1.0 - dz * dz;
        if (restZ < 0.0) continue;
        for (long long j = range[1][0]; j <= range[1][1]; ++j) {
            const long long y = wrapOrClip(j, n[1], periodic[1]);
            if (y < 0) continue;
            const double dy =
                ((static_cast<double>(j) + 0.5) * h[1] - shape.centre[1]) / shape.semiAxes[1];
            const double restY = restZ - dy * dy;
            if (restY < 0.0) continue;
            for (long long i = range[0][0]; i <= range[0][1]; ++i) {
                const long long x = wrapOrClip(i, n[0], periodic[0]);
                if (x < 0) continue;
                const double dx =
                    ((static_cast<double>(i) + 0.5) * h[0] - shape.centre[0]) / shape.semiAxes[0];
                if (dx * dx > restY) continue;
                const std::size_t index =
                    volume.index(static_cast<std::size_t>(x), static_cast<std::size_t>(y),
                                 static_cast<std::size_t>(z));
                io::Label& voxel = volume.labels()[index];
                if (!paintOver[voxel]) continue;
                changed.index.push_back(index);
                changed.previous.push_back(voxel);
                voxel = label;
            }
        }
    }
    return changed;
}

void unpaint(io::VoxelVolume& volume, const Painting& painting) {
    for (std::size_t k = 0; k < painting.size(); ++k)
        volume.labels()[painting.index[k]] = painting.previous[k];
}

std::size_t voxelAt(const io::VoxelVolume& volume, const std::array<double, 3>& point,
                    std::array<bool, 3> periodic) {
    std::array<std::size_t, 3> c{};
    for (int a = 0; a < 3; ++a) {
        const auto n = static_cast<long long>(volume.extent(a));
        long long i = static_cast<long long>(std::floor(point[a] / volume.voxelSize()[a]));
        i = periodic[a] ? ((i % n) + n) % n : std::min(std::max(i, 0LL), n - 1);
        c[a] = static_cast<std::size_t>(i);
    }
    return volume.index(c[0], c[1], c[2]);
}

}  // namespace ssbsim::micro
