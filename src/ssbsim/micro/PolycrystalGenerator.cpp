#include "ssbsim/micro/PolycrystalGenerator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <tuple>
#include <utility>

#include "ssbsim/core/Error.h"
#include "ssbsim/micro/SpherePacking.h"

namespace ssbsim::micro {

namespace {

using L = PolycrystalLabels;
using Point = std::array<double, 3>;

constexpr std::uint64_t kSeedStream = 1, kPoreStream = 2;
/// Seeds beyond this many would need more memory than the volume itself is worth.
constexpr double kMaxGrains = 1e8;

/// Seeds, or periodic images of them, at their positions; stored as separate coordinate arrays
/// because the per-voxel loops over them dominate the generator's cost.
struct SeedImages {
    std::vector<double> x, y, z;
    std::vector<std::uint32_t> id;  ///< 1-based grain number

    void clear() {
        x.clear();
        y.clear();
        z.clear();
        id.clear();
    }
    void add(const Point& p, std::uint32_t grain) {
        x.push_back(p[0]);
        y.push_back(p[1]);
        z.push_back(p[2]);
        id.push_back(grain);
    }
    std::size_t size() const { return id.size(); }
};

/// The seed points bucketed in a grid of cells about one mean seed spacing wide, so that the
/// seeds near a voxel are found by looking at the cells around the voxel's cell.
class SeedGrid {
  public:
    SeedGrid(std::vector<Point> seeds, const Point& box, std::array<bool, 3> periodic)
        : seeds_(std::move(seeds)), box_(box), periodic_(periodic) {
        const double volume = box[0] * box[1] * box[2];
        const double spacing = std::cbrt(volume / static_cast<double>(seeds_.size()));
        for (int a = 0; a < 3; ++a) {
            n_[a] = static_cast<long long>(std::clamp(std::floor(box[a] / spacing), 1.0, 512.0));
            edge_[a] = box[a] / static_cast<double>(n_[a]);
        }
        minEdge_ = std::min({edge_[0], edge_[1], edge_[2]});
        cells_.resize(static_cast<std::size_t>(n_[0] * n_[1] * n_[2]));
        for (std::size_t k = 0; k < seeds_.size(); ++k)
            cells_[flat(cellOf(seeds_[k]))].push_back(static_cast<std::uint32_t>(k));
    }

    long long cells(int a) const { return n_[a]; }
    double minEdge() const { return minEdge_; }

    std::array<long long, 3> cellOf(const Point& p) const {
        std::array<long long, 3> c{};
        for (int a = 0; a < 3; ++a)
            c[a] = std::clamp(static_cast<long long>(std::floor(p[a] / edge_[a])), 0LL, n_[a] - 1);
        return c;
    }

    /// The seeds (periodic images included) in the block of cells within `ring` of `home`. Every
    /// point outside the block lies at least ring·minEdge() from any point of the home cell.
    void imagesAround(const std::array<long long, 3>& home, long long ring, SeedImages& out) const {
        out.clear();
        std::array<long long, 3> c{}, cell{};
        Point shift{};
        for (c[2] = home[2] - ring; c[2] <= home[2] + ring; ++c[2]) {
            if (!wrap(c, 2, cell, shift)) continue;
            for (c[1] = home[1] - ring; c[1] <= home[1] + ring; ++c[1]) {
                if (!wrap(c, 1, cell, shift)) continue;
                for (c[0] = home[0] - ring; c[0] <= home[0] + ring; ++c[0]) {
                    if (!wrap(c, 0, cell, shift)) continue;
                    for (std::uint32_t k : cells_[flat(cell)])
                        out.add({seeds_[k][0] + shift[0], seeds_[k][1] + shift[1],
                                 seeds_[k][2] + shift[2]},
                                k + 1);
                }
            }
        }
    }

    /// Whether the block within `ring` of the home cell holds every seed there is (only possible
    /// without periodic axes).
    bool coversAll(long long ring) const {
        return !periodic_[0] && !periodic_[1] && !periodic_[2] &&
               ring >= std::max({n_[0], n_[1], n_[2]});
    }

  private:
    std::size_t flat(const std::array<long long, 3>& c) const {
        return static_cast<std::size_t>(c[0] + n_[0] * (c[1] + n_[1] * c[2]));
    }

    /// Cell index along axis a, wrapped (with the image shift) or rejected outside.
    bool wrap(const std::array<long long, 3>& c, int a, std::array<long long, 3>& cell,
              Point& shift) const {
        if (!periodic_[a]) {
            if (c[a] < 0 || c[a] >= n_[a]) return false;
            cell[a] = c[a];
            shift[a] = 0.0;
            return true;
        }
        const long long q = c[a] >= 0 ? c[a] / n_[a] : -((-c[a] + n_[a] - 1) / n_[a]);
        cell[a] = c[a] - q * n_[a];
        shift[a] = static_cast<double>(q) * box_[a];
        return true;
    }

    std::vector<Point> seeds_;
    Point box_;
    std::array<bool, 3> periodic_;
    std::array<long long, 3> n_{};
    Point edge_{};
    double minEdge_ = 0.0;
    std::vector<std::vector<std::uint32_t>> cells_;
};

/// The index in `images` of the seed nearest to x (the first of equals), and its squared distance.
std::pair<std::size_t, double> nearestOf(const Point& x, const SeedImages& images) {
    std::size_t best = images.size();
    double bestSq = std::numeric_limits<double>::infinity();
    const double* px = images.x.data();
    const double* py = images.y.data();
    const double* pz = images.z.data();
    for (std::size_t k = 0, n = images.size(); k < n; ++k) {
        const double dx = px[k] - x[0], dy = py[k] - x[1], dz = pz[k] - x[2];
        const double d = dx * dx + dy * dy + dz * dz;
        if (d < bestSq) {
            bestSq = d;
            best = k;
        }
    }
    return {best, bestSq};
}

/// Whether x lies within δ/2 of the bisector plane between its nearest seed a and another seed
/// b of `images`: (|x − b|² − |x − a|²) / (2|a − b|) < δ/2. Only seeds with
/// |x − b| < |x − a| + δ can qualify (the bisector distance is at least (|x − b| − |x − a|)/2).
bool onBoundary(const Point& x, const SeedImages& images, std::size_t a, double aSq,
                double thickness) {
    const double reach = std::sqrt(aSq) + thickness;
    const double* px = images.x.data();
    const double* py = images.y.data();
    const double* pz = images.z.data();
    const std::uint32_t* id = images.id.data();
    for (std::size_t k = 0, n = images.size(); k < n; ++k) {
        if (id[k] == id[a]) continue;
        const double dx = px[k] - x[0], dy = py[k] - x[1], dz = pz[k] - x[2];
        const double bSq = dx * dx + dy * dy + dz * dz;
        if (bSq >= reach * reach) continue;
        const double ex = px[k] - px[a], ey = py[k] - py[a], ez = pz[k] - pz[a];
        if ((bSq - aSq) / (2.0 * std::sqrt(ex * ex + ey * ey + ez * ez)) < 0.5 * thickness)
            return true;
    }
    return false;
}

/// For each cell along one axis, the first voxel whose centre lies in it (one entry more: n).
std::vector<std::size_t> voxelStarts(const SeedGrid& grid, int axis, std::size_t n, double h) {
    std::vector<std::size_t> start(static_cast<std::size_t>(grid.cells(axis)) + 1, n);
    for (std::size_t i = n; i-- > 0;) {
        Point p{};
        p[axis] = (static_cast<double>(i) + 0.5) * h;
        start[static_cast<std::size_t>(grid.cellOf(p)[axis])] = i;
    }
    for (std::size_t c = start.size() - 1; c-- > 0;) start[c] = std::min(start[c], start[c + 1]);
    return start;
}

std::size_t grainCount(const PolycrystalSpec& spec, const Point& box) {
    const double grainVolume = std::numbers::pi / 6.0 * std::pow(spec.grainDiameter, 3);
    const double n = std::round(box[0] * box[1] * box[2] / grainVolume);
    if (n > kMaxGrains)
        throw InputError(fmt::format(
            "grain-diameter {:g} m gives {:g} grains in this volume, more than {:g}; the grains "
            "would be smaller than the voxels",
            spec.grainDiameter, n, kMaxGrains));
    return static_cast<std::size_t>(std::max(1.0, n));
}

double fractionOf(const io::VoxelVolume& volume, io::Label label) {
    std::size_t n = 0;
    for (io::Label l : volume.labels()) n += l == label;
    return static_cast<double>(n) / static_cast<double>(volume.voxelCount());
}

}  // namespace

GeneratedVolume generatePolycrystal(const PolycrystalSpec& spec,
                                    std::vector<std::uint32_t>* grainIds) {
    GeneratedVolume out;
    out.volume = io::VoxelVolume(spec.size, spec.voxelSize, L::grain);
    io::VoxelVolume& v = out.volume;
    v.phaseNames() = {{L::grain, "grain"}, {L::boundary, "grain boundary"}};
    if (spec.pores) v.phaseNames()[L::pore] = "pore";

    Point box{};
    for (int a = 0; a < 3; ++a) box[a] = spec.voxelSize[a] * static_cast<double>(spec.size[a]);
    Random seedRandom(substreamSeed(spec.seed, kSeedStream));
    std::vector<Point> seeds(grainCount(spec, box));
    for (Point& s : seeds)
        for (int a = 0; a < 3; ++a) s[a] = seedRandom.uniform(0.0, box[a]);
    const std::size_t grains = seeds.size();
    const SeedGrid grid(std::move(seeds), box, spec.periodic);

    if (grainIds) grainIds->assign(v.voxelCount(), 0);
    // Voxels are visited cell by cell: the seeds within one ring of cells serve every voxel of
    // the cell unless its nearest seed is so far that a farther ring could matter (then the
    // ring grows for that voxel alone).
    std::array<std::vector<std::size_t>, 3> starts;
    for (int a = 0; a < 3; ++a) starts[a] = voxelStarts(grid, a, spec.size[a], spec.voxelSize[a]);
    SeedImages near, wide;
    std::array<long long, 3> c{};
    for (c[2] = 0; c[2] < grid.cells(2); ++c[2])
        for (c[1] = 0; c[1] < grid.cells(1); ++c[1])
            for (c[0] = 0; c[0] < grid.cells(0); ++c[0]) {
                grid.imagesAround(c, 1, near);
                const auto range = [&](int a) {
                    return std::pair{starts[a][static_cast<std::size_t>(c[a])],
                                     starts[a][static_cast<std::size_t>(c[a]) + 1]};
                };
                const auto [x0, x1] = range(0);
                const auto [y0, y1] = range(1);
                const auto [z0, z1] = range(2);
                for (std::size_t z = z0; z < z1; ++z)
                    for (std::size_t y = y0; y < y1; ++y)
                        for (std::size_t x = x0; x < x1; ++x) {
                            const Point p{(static_cast<double>(x) + 0.5) * spec.voxelSize[0],
                                          (static_cast<double>(y) + 0.5) * spec.voxelSize[1],
                                          (static_cast<double>(z) + 0.5) * spec.voxelSize[2]};
                            const SeedImages* images = &near;
                            auto [a, aSq] = nearestOf(p, near);
                            for (long long ring = 1; static_cast<double>(ring) * grid.minEdge() <
                                                         std::sqrt(aSq) + spec.boundaryThickness &&
                                                     !grid.coversAll(ring);) {
                                grid.imagesAround(c, ++ring, wide);
                                images = &wide;
                                std::tie(a, aSq) = nearestOf(p, wide);
                            }
                            const std::size_t i = v.index(x, y, z);
                            if (grainIds) (*grainIds)[i] = images->id[a];
                            if (spec.boundaryThickness > 0.0 &&
                                onBoundary(p, *images, a, aSq, spec.boundaryThickness))
                                v.labels()[i] = L::boundary;
                        }
            }

    if (spec.pores) {
        Random poreRandom(substreamSeed(spec.seed, kPoreStream));
        PackingTarget target{.what = "pores",
                             .label = L::pore,
                             .voxels = static_cast<std::uint64_t>(std::llround(
                                 spec.pores->volumeFraction * static_cast<double>(v.voxelCount()))),
                             .diameters = spec.pores->diameters,
                             .paintOver = labelMask({L::grain, L::boundary})};
        if (spec.pores->placement == PorePlacement::GrainBoundaries)
            target.centreOn = labelMask({L::boundary});
        for (const PlacedShape& s : packBalls(v, target, spec.periodic, poreRandom))
            out.shapes.push_back(s);
        out.targets.push_back({"porosity", spec.pores->volumeFraction, fractionOf(v, L::pore)});
    }
    out.facts.emplace_back("grains", static_cast<double>(grains));
    out.facts.emplace_back("grain-boundary volume fraction", fractionOf(v, L::boundary));
    return out;
}

}  // namespace ssbsim::micro
