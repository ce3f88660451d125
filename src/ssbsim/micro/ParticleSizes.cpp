#include "ssbsim/micro/ParticleSizes.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ssbsim::micro {

ParticleSizes particleSizes(const io::VoxelVolume& volume, const PhaseSet& phases,
                            std::array<bool, 3> periodic, bool excludeBoundary) {
    const Components c = connectedComponents(volume, phases, periodic);
    std::vector<std::uint8_t> atBoundary(c.count + 1, 0);
    if (excludeBoundary) {
        const auto [nx, ny, nz] = volume.shape();
        for (std::size_t z = 0; z < nz; ++z)
            for (std::size_t y = 0; y < ny; ++y)
                for (std::size_t x = 0; x < nx; ++x) {
                    const bool onFace = (!periodic[0] && (x == 0 || x == nx - 1)) ||
                                        (!periodic[1] && (y == 0 || y == ny - 1)) ||
                                        (!periodic[2] && (z == 0 || z == nz - 1));
                    if (onFace) atBoundary[c.id[volume.index(x, y, z)]] = 1;
                }
    }
    const auto& h = volume.voxelSize();
    const double voxel = h[0] * h[1] * h[2];
    ParticleSizes out;
    for (std::uint32_t k = 1; k <= c.count; ++k) {
        if (atBoundary[k]) {
            ++out.excluded;
            continue;
        }
        const double v = static_cast<double>(c.sizes[k - 1]) * voxel;
        out.diameters.push_back(std::cbrt(6.0 * v / std::numbers::pi));
    }
    return out;
}

SizeQuantiles sizeQuantiles(std::vector<double> diameters) {
    SizeQuantiles q;
    if (diameters.empty()) return q;
    std::sort(diameters.begin(), diameters.end());
    double total = 0.0, sum = 0.0;
    for (double d : diameters) {
        total += d * d * d;
        sum += d;
    }
    q.numberMean = sum / static_cast<double>(diameters.size());
    const auto quantile = [&](double fraction) {
        double cumulative = 0.0;
        for (double d : diameters) {
            cumulative += d * d * d;
            if (cumulative >= fraction * total) return d;
        }
        return diameters.back();
    };
    q.d10 = quantile(0.1);
    q.d50 = quantile(0.5);
    q.d90 = quantile(0.9);
    return q;
}

}  // namespace ssbsim::micro
