#include "ssbsim/micro/SpherePacking.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "ssbsim/core/Error.h"

namespace ssbsim::micro {

namespace {

/// Centre draws per ball before the packing is declared full: the free volume left for a centre
/// is then below 1/20000 of the box, where random sequential addition is within a whisker of its
/// jamming limit.
constexpr int kCentreAttempts = 20000;
/// Balls in a row that add no voxel (all their voxels taken already) before giving up.
constexpr int kFruitlessBalls = 100000;
/// Bisection steps on the radius of the ball that would overshoot (radius to 2^-50 relative).
constexpr int kTrimSteps = 50;

/// Centres of the hard cores placed so far, bucketed in cells at least one core diameter wide,
/// so that a new core can only conflict with cores in its own and the adjacent cells.
class HardCoreGrid {
  public:
    HardCoreGrid(const std::array<double, 3>& box, double largestCore, std::array<bool, 3> periodic)
        : box_(box), periodic_(periodic) {
        for (int a = 0; a < 3; ++a) {
            const double cells = largestCore > 0.0 ? std::floor(box[a] / (2.0 * largestCore)) : 1.0;
            n_[a] = static_cast<long long>(std::clamp(cells, 1.0, 256.0));
            edge_[a] = box[a] / static_cast<double>(n_[a]);
        }
        cells_.resize(static_cast<std::size_t>(n_[0] * n_[1] * n_[2]));
    }

    bool fits(const std::array<double, 3>& centre, double core) const {
        const auto home = cellOf(centre);
        std::array<std::vector<long long>, 3> around;
        for (int a = 0; a < 3; ++a) around[a] = neighbours(home[a], a);
        for (long long cz : around[2])
            for (long long cy : around[1])
                for (long long cx : around[0])
                    for (std::size_t k : cells_[flat(cx, cy, cz)])
                        if (distance(centre, centres_[k]) < core + cores_[k]) return false;
        return true;
    }

    void add(const std::array<double, 3>& centre, double core) {
        const auto c = cellOf(centre);
        cells_[flat(c[0], c[1], c[2])].push_back(centres_.size());
        centres_.push_back(centre);
        cores_.push_back(core);
    }

  private:
    std::array<long long, 3> cellOf(const std::array<double, 3>& p) const {
        std::array<long long, 3> c{};
        for (int a = 0; a < 3; ++a) {
            long long i = static_cast<long long>(std::floor(p[a] / edge_[a]));
            c[a] = periodic_[a] ? ((i % n_[a]) + n_[a]) % n_[a] : std::clamp(i, 0LL, n_[a] - 1);
        }
        return c;
    }

    /// The distinct cells at i−1, i, i+1 along axis a (wrapped or clipped).
    std::vector<long long> neighbours(long long i, int a) const {
        std::vector<long long> out;
        for (long long d = -1; d <= 1; ++d) {
            long long j = i + d;
            if (periodic_[a])
                j = ((j % n_[a]) + n_[a]) % n_[a];
            else if (j < 0 || j >= n_[a])
                continue;
            if (std::find(out.begin(), out.end(), j) == out.end()) out.push_back(j);
        }
        return out;
    }

    std::size_t flat(long long x, long long y, long long z) const {
        return static_cast<std::size_t>(x + n_[0] * (y + n_[1] * z));
    }

    /// Euclidean distance, by the nearest periodic image along periodic axes.
    double distance(const std::array<double, 3>& p, const std::array<double, 3>& q) const {
        double sum = 0.0;
        for (int a = 0; a < 3; ++a) {
            double d = std::abs(p[a] - q[a]);
            if (periodic_[a]) d = std::min(d, box_[a] - d);
            sum += d * d;
        }
        return std::sqrt(sum);
    }

    std::array<double, 3> box_;
    std::array<bool, 3> periodic_;
    std::array<long long, 3> n_{};
    std::array<double, 3> edge_{};
    std::vector<std::vector<std::size_t>> cells_;
    std::vector<std::array<double, 3>> centres_;
    std::vector<double> cores_;
};

bool anySet(const LabelMask& mask) {
    return std::find(mask.begin(), mask.end(), true) != mask.end();
}

/// Draws ball centres: uniform in the box when any voxel may hold a centre (enlarged by the
/// ball's radius along non-periodic axes, so that the faces are covered like the interior);
/// otherwise uniform over the voxels that currently obey the centre rules (a voxel picked at
/// random from a candidate list, then a point uniform inside it). Candidates that stopped
/// obeying the rules (painted over meanwhile) are dropped when drawn, so each draw costs O(1)
/// amortized however small the remaining space is.
class CentreSampler {
  public:
    CentreSampler(const io::VoxelVolume& volume, const PackingTarget& target,
                  std::array<bool, 3> periodic)
        : volume_(volume), target_(target), periodic_(periodic) {
        for (int a = 0; a < 3; ++a)
            box_[a] = volume.voxelSize()[a] * static_cast<double>(volume.extent(a));
        restricted_ = anySet(target.centreOn) || anySet(target.centreNextTo);
        if (!restricted_) return;
        for (std::size_t i = 0; i < volume.voxelCount(); ++i)
            if (allowed(i)) candidates_.push_back(i);
    }

    const std::array<double, 3>& box() const { return box_; }

    /// A centre for a ball of `radius`, or nothing when no voxel may hold one any more.
    std::optional<std::array<double, 3>> draw(double radius, Random& random) {
        std::array<double, 3> c{};
        if (!restricted_) {
            for (int a = 0; a < 3; ++a)
                c[a] = periodic_[a] ? random.uniform(0.0, box_[a])
                                    : random.uniform(-radius, box_[a] + radius);
            return c;
        }
        while (!candidates_.empty()) {
            const std::size_t k = random.below(candidates_.size());
            const std::size_t i = candidates_[k];
            if (!allowed(i)) {
                candidates_[k] = candidates_.back();
                candidates_.pop_back();
                continue;
            }
            const auto [nx, ny, nz] = volume_.shape();
            const std::array<std::size_t, 3> v{i % nx, (i / nx) % ny, i / (nx * ny)};
            for (int a = 0; a < 3; ++a)
                c[a] = (static_cast<double>(v[a]) + random.uniform()) * volume_.voxelSize()[a];
            return c;
        }
        return std::nullopt;
    }

  private:
    bool allowed(std::size_t i) const {
        const auto& labels = volume_.labels();
        if (anySet(target_.centreOn) && !target_.centreOn[labels[i]]) return false;
        if (!anySet(target_.centreNextTo)) return true;
        const auto [nx, ny, nz] = volume_.shape();
        const std::array<std::size_t, 3> n{nx, ny, nz};
        const std::array<std::size_t, 3> v{i % nx, (i / nx) % ny, i / (nx * ny)};
        const std::array<std::size_t, 3> stride{1, nx, nx * ny};
        for (int a = 0; a < 3; ++a) {
            if (n[a] == 1) continue;
            const bool atLow = v[a] == 0, atHigh = v[a] == n[a] - 1;
            if (!atLow || periodic_[a]) {
                const std::size_t j = atLow ? i + (n[a] - 1) * stride[a] : i - stride[a];
                if (target_.centreNextTo[labels[j]]) return true;
            }
            if (!atHigh || periodic_[a]) {
                const std::size_t j = atHigh ? i - (n[a] - 1) * stride[a] : i + stride[a];
                if (target_.centreNextTo[labels[j]]) return true;
            }
        }
        return false;
    }

    const io::VoxelVolume& volume_;
    const PackingTarget& target_;
    std::array<bool, 3> periodic_;
    std::array<double, 3> box_{};
    bool restricted_ = false;
    std::vector<std::size_t> candidates_;
};

/// Paints the ball shrunk to the largest radius ≤ `radius` whose new voxels number at most
/// `room`; returns the voxels painted and sets `radius` to the radius used.
Painting paintTrimmed(io::VoxelVolume& volume, const PackingTarget& target,
                      const std::array<double, 3>& centre, double& radius, std::uint64_t room,
                      std::array<bool, 3> periodic) {
    double lo = 0.0, hi = radius;  // count(lo) = 0 ≤ room < count(hi)
    for (int step = 0; step < kTrimSteps; ++step) {
        const double mid = 0.5 * (lo + hi);
        const auto trial =
            paint(volume, Ellipsoid::ball(centre, mid), target.label, target.paintOver, periodic);
        unpaint(volume, trial);
        if (trial.size() <= room)
            lo = mid;
        else
            hi = mid;
    }
    radius = lo;
    return paint(volume, Ellipsoid::ball(centre, lo), target.label, target.paintOver, periodic);
}

}  // namespace

std::vector<PlacedShape> packBalls(io::VoxelVolume& volume, const PackingTarget& target,
                                   std::array<bool, 3> periodic, Random& random) {
    CentreSampler centres(volume, target, periodic);
    const bool hardCores = target.maxOverlap < 1.0;
    HardCoreGrid cores(
        centres.box(),
        hardCores ? 0.5 * (1.0 - target.maxOverlap) * target.diameters.largest() : 0.0, periodic);
    const auto percentOf = [&](std::uint64_t voxels) {
        return 100.0 * static_cast<double>(voxels) / static_cast<double>(volume.voxelCount());
    };

    std::vector<PlacedShape> placed;
    std::uint64_t painted = 0;
    int fruitless = 0;
    while (painted < target.voxels) {
        double radius = 0.5 * target.diameters.draw(random);
        const double core = (1.0 - target.maxOverlap) * radius;
        std::optional<std::array<double, 3>> centre;
        for (int attempt = 0; attempt < kCentreAttempts; ++attempt) {
            centre = centres.draw(radius, random);
            if (!centre || !hardCores || cores.fits(*centre, core)) break;
            centre.reset();
        }
        if (!centre)
            throw InputError(fmt::format(
                "{}: no room for another particle at {:.2f} vol % of the {:.2f} vol % asked for "
                "({}); lower the volume fraction{}",
                target.what, percentOf(painted), percentOf(target.voxels),
                hardCores ? fmt::format("{} random tries all hit the hard core of a placed "
                                        "particle",
                                        kCentreAttempts)
                          : std::string("no voxel left where a centre may go"),
                hardCores ? " or raise max-overlap" : ""));

        Painting changed = paint(volume, Ellipsoid::ball(*centre, radius), target.label,
                                 target.paintOver, periodic);
        bool trimmed = false;
        const std::uint64_t room = target.voxels - painted;
        if (changed.size() > room) {
            // Overshoot: restore the former labels, then paint the shrunk ball.
            unpaint(volume, changed);
            changed = paintTrimmed(volume, target, *centre, radius, room, periodic);
            trimmed = true;
        }
        if (changed.empty()) {
            if (++fruitless == kFruitlessBalls)
                throw InputError(fmt::format(
                    "{}: {} particles in a row found no free voxel, at {:.2f} vol % of the "
                    "{:.2f} vol % asked for; lower the volume fraction",
                    target.what, kFruitlessBalls, percentOf(painted), percentOf(target.voxels)));
            continue;
        }
        fruitless = 0;
        painted += changed.size();
        if (hardCores) cores.add(*centre, (1.0 - target.maxOverlap) * radius);
        placed.push_back({target.label, *centre, {radius, radius, radius}, trimmed});
    }
    return placed;
}

}  // namespace ssbsim::micro
