#include "ssbsim/micro/SurfaceArea.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ssbsim::micro {

namespace {

/// Memory for the gradient fields of one slab of planes (the volume is processed in slabs along z
/// so that memory stays bounded for any volume size).
constexpr std::size_t kSlabBytes = std::size_t{256} << 20;

/// Sampled Gaussian smoothing and derivative-of-Gaussian weights for offsets −R..R (voxels).
/// Smoothing weights sum to 1; derivative weights d_j satisfy Σ d_j·j = 1, so that Σ d_j f(x+j)
/// is exact for a linear f (the derivative per voxel step).
struct Kernel {
    int radius = 0;
    std::vector<float> smooth, derive;  // index j + radius
};

Kernel gaussianKernel(double sigmaVoxels) {
    Kernel k;
    k.radius = std::max(1, static_cast<int>(std::ceil(3.0 * sigmaVoxels)));
    double sum = 0.0, moment = 0.0;
    std::vector<double> g;
    for (int j = -k.radius; j <= k.radius; ++j) {
        const double w = std::exp(-0.5 * j * j / (sigmaVoxels * sigmaVoxels));
        g.push_back(w);
        sum += w;
        moment += w * j * j;
    }
    for (int j = -k.radius; j <= k.radius; ++j) {
        const double w = g[static_cast<std::size_t>(j + k.radius)];
        k.smooth.push_back(static_cast<float>(w / sum));
        k.derive.push_back(static_cast<float>(w * j / moment));
    }
    return k;
}

/// Index i + offset along an axis of n voxels: wrapped when periodic, clamped (the boundary
/// voxel repeated) otherwise.
std::size_t shifted(std::size_t i, int offset, std::size_t n, bool periodic) {
    const long long j = static_cast<long long>(i) + offset;
    const auto m = static_cast<long long>(n);
    if (periodic) return static_cast<std::size_t>(((j % m) + m) % m);
    return static_cast<std::size_t>(std::clamp(j, 0LL, m - 1));
}

/// For each tap j = −R..R and each index i of an axis of n voxels, the index i + j (wrapped or
/// clamped): [(j + R) * n + i].
std::vector<std::size_t> shiftTable(int radius, std::size_t n, bool periodic) {
    std::vector<std::size_t> table;
    table.reserve(static_cast<std::size_t>(2 * radius + 1) * n);
    for (int j = -radius; j <= radius; ++j)
        for (std::size_t i = 0; i < n; ++i) table.push_back(shifted(i, j, n, periodic));
    return table;
}

/// Gradients of the smoothed indicators of every phase on a slab of planes z0..z0+planes−1
/// (plane indices wrapped or clamped like the smoothing). Layout: [phase][component][plane][xy].
/// Planes are filtered independently, in parallel; no sum crosses threads, so the result is the
/// same for any thread count.
class GradientSlab {
  public:
    GradientSlab(const io::VoxelVolume& volume, const std::vector<io::Label>& phases,
                 const std::array<Kernel, 3>& kernels, std::array<bool, 3> periodic)
        : volume_(volume),
          phases_(phases),
          kernels_(kernels),
          periodic_(periodic),
          plane_(volume.extent(0) * volume.extent(1)),
          xShift_(shiftTable(kernels[0].radius, volume.extent(0), periodic[0])),
          yShift_(shiftTable(kernels[1].radius, volume.extent(1), periodic[1])) {}

    /// Fills the gradients of planes z0, z0+1, ..., z0+planes−1 (indices mapped into the volume).
    void compute(std::size_t z0, std::size_t planes) {
        planes_ = planes;
        grad_.assign(phases_.size() * 3 * planes * plane_, 0.0f);
        const int r = kernels_[2].radius;
        const auto window = static_cast<long long>(planes) + 2 * r;
        // Per input plane: A = SxSy χ, B = DxSy χ, C = SxDy χ (each plane_ floats).
        abc_.resize(3 * static_cast<std::size_t>(window) * plane_);
        for (std::size_t p = 0; p < phases_.size(); ++p) {
#pragma omp parallel
            {
                std::vector<float> sy(plane_), dy(plane_);
#pragma omp for schedule(static)
                for (long long w = 0; w < window; ++w) {
                    const std::size_t z =
                        shifted(z0, static_cast<int>(w) - r, volume_.extent(2), periodic_[2]);
                    filterPlane(phases_[p], z, &abc_[3 * static_cast<std::size_t>(w) * plane_], sy,
                                dy);
                }
            }
#pragma omp parallel for schedule(static)
            for (long long t = 0; t < static_cast<long long>(planes); ++t)
                combineAlongZ(p, static_cast<std::size_t>(t));
        }
    }

    /// The gradient component `axis` of phase index p at plane offset t, voxel xy.
    float at(std::size_t p, int axis, std::size_t t, std::size_t xy) const {
        return grad_[((p * 3 + static_cast<std::size_t>(axis)) * planes_ + t) * plane_ + xy];
    }

  private:
    /// The 2-D (x, y) filtering of the indicator of `label` on plane z into A, B, C; `sy`, `dy`
    /// are scratch planes.
    void filterPlane(io::Label label, std::size_t z, float* out, std::vector<float>& sy,
                     std::vector<float>& dy) const {
        const std::size_t nx = volume_.extent(0), ny = volume_.extent(1);
        const Kernel& kx = kernels_[0];
        const Kernel& ky = kernels_[1];
        const io::Label* labels = volume_.data() + z * plane_;
        std::fill(sy.begin(), sy.end(), 0.0f);
        std::fill(dy.begin(), dy.end(), 0.0f);
        const auto taps = static_cast<std::size_t>(2 * ky.radius + 1);
        for (std::size_t y = 0; y < ny; ++y) {
            float* syRow = &sy[y * nx];
            float* dyRow = &dy[y * nx];
            for (std::size_t j = 0; j < taps; ++j) {
                const io::Label* row = labels + yShift_[j * ny + y] * nx;
                const float s = ky.smooth[j], d = ky.derive[j];
                for (std::size_t x = 0; x < nx; ++x) {
                    const float hit = row[x] == label ? 1.0f : 0.0f;
                    syRow[x] += s * hit;
                    dyRow[x] += d * hit;
                }
            }
        }
        float* a = out;
        float* b = out + plane_;
        float* c = out + 2 * plane_;
        std::fill(out, out + 3 * plane_, 0.0f);
        const auto xTaps = static_cast<std::size_t>(2 * kx.radius + 1);
        for (std::size_t y = 0; y < ny; ++y) {
            const float* syRow = &sy[y * nx];
            const float* dyRow = &dy[y * nx];
            float* aRow = a + y * nx;
            float* bRow = b + y * nx;
            float* cRow = c + y * nx;
            for (std::size_t i = 0; i < xTaps; ++i) {
                const std::size_t* shift = &xShift_[i * nx];
                const float s = kx.smooth[i], d = kx.derive[i];
                for (std::size_t x = 0; x < nx; ++x) {
                    const float v = syRow[shift[x]];
                    aRow[x] += s * v;
                    bRow[x] += d * v;
                    cRow[x] += s * dyRow[shift[x]];
                }
            }
        }
    }

    /// Gradient at plane offset t from the filtered planes t..t+2r of the window; per metre.
    void combineAlongZ(std::size_t p, std::size_t t) {
        const Kernel& kz = kernels_[2];
        const auto& h = volume_.voxelSize();
        float* gx = &grad_[((p * 3 + 0) * planes_ + t) * plane_];
        float* gy = &grad_[((p * 3 + 1) * planes_ + t) * plane_];
        float* gz = &grad_[((p * 3 + 2) * planes_ + t) * plane_];
        for (int j = -kz.radius; j <= kz.radius; ++j) {
            const std::size_t w = t + static_cast<std::size_t>(j + kz.radius);
            const float* a = &abc_[(3 * w) * plane_];
            const float* b = a + plane_;
            const float* c = a + 2 * plane_;
            const float s = kz.smooth[static_cast<std::size_t>(j + kz.radius)];
            const float d = kz.derive[static_cast<std::size_t>(j + kz.radius)];
            for (std::size_t xy = 0; xy < plane_; ++xy) {
                gx[xy] += s * b[xy];
                gy[xy] += s * c[xy];
                gz[xy] += d * a[xy];
            }
        }
        const auto ix = static_cast<float>(1.0 / h[0]), iy = static_cast<float>(1.0 / h[1]),
                   iz = static_cast<float>(1.0 / h[2]);
        for (std::size_t xy = 0; xy < plane_; ++xy) {
            gx[xy] *= ix;
            gy[xy] *= iy;
            gz[xy] *= iz;
        }
    }

    const io::VoxelVolume& volume_;
    const std::vector<io::Label>& phases_;
    const std::array<Kernel, 3>& kernels_;
    std::array<bool, 3> periodic_;
    std::size_t plane_;
    std::vector<std::size_t> xShift_, yShift_;
    std::size_t planes_ = 0;
    std::vector<float> grad_, abc_;
};

/// Planes per slab: as many as fit in kSlabBytes, at least one.
std::size_t slabPlanes(const io::VoxelVolume& volume, std::size_t phases) {
    const std::size_t perPlane =
        volume.extent(0) * volume.extent(1) * sizeof(float) * 3 * (phases + 1);
    return std::clamp<std::size_t>(kSlabBytes / std::max<std::size_t>(perPlane, 1), 1,
                                   volume.extent(2));
}

}  // namespace

InterfaceAreas::InterfaceAreas(std::vector<io::Label> phases, double volume,
                               std::array<double, 3> edgeFactor)
    : phases_(std::move(phases)),
      volume_(volume),
      edgeFactor_(edgeFactor),
      byAxis_(phases_.size() * phases_.size(), {0.0, 0.0, 0.0}) {}

std::size_t InterfaceAreas::slot(io::Label a) const {
    const auto it = std::lower_bound(phases_.begin(), phases_.end(), a);
    return it != phases_.end() && *it == a ? static_cast<std::size_t>(it - phases_.begin())
                                           : phases_.size();
}

void InterfaceAreas::add(std::size_t i, std::size_t j, int axis, double area) {
    if (i > j) std::swap(i, j);
    byAxis_[i * phases_.size() + j][static_cast<std::size_t>(axis)] += area;
}

double InterfaceAreas::pairArea(std::size_t i, std::size_t j, bool corrected) const {
    const std::size_t n = phases_.size();
    if (i >= n || j >= n || i == j) return 0.0;
    if (i > j) std::swap(i, j);
    const auto& a = byAxis_[i * n + j];
    double sum = 0.0;
    for (int k = 0; k < 3; ++k)
        sum += a[static_cast<std::size_t>(k)] * (corrected ? edgeFactor_[k] : 1.0);
    return sum;
}

double InterfaceAreas::contactArea(io::Label a, io::Label b) const {
    return pairArea(slot(a), slot(b), false);
}

double InterfaceAreas::surfaceArea(io::Label a) const {
    double sum = 0.0;
    for (std::size_t j = 0; j < phases_.size(); ++j) sum += pairArea(slot(a), j, false);
    return sum;
}

double InterfaceAreas::specificContactArea(io::Label a, io::Label b) const {
    return volume_ > 0.0 ? pairArea(slot(a), slot(b), true) / volume_ : 0.0;
}

double InterfaceAreas::specificSurfaceArea(io::Label a) const {
    double sum = 0.0;
    for (std::size_t j = 0; j < phases_.size(); ++j) sum += pairArea(slot(a), j, true);
    return volume_ > 0.0 ? sum / volume_ : 0.0;
}

InterfaceAreas interfaceAreas(const io::VoxelVolume& volume, const SurfaceAreaOptions& options) {
    if (!(options.smoothing > 0.0))
        throw std::invalid_argument(
            fmt::format("surface area: smoothing must be > 0 voxels, got {}", options.smoothing));
    const auto& shape = volume.shape();
    const auto& h = volume.voxelSize();
    const std::array<bool, 3> periodic = options.periodic;

    // Phases present, and a compact index per label.
    std::array<std::uint64_t, 256> counts{};
    for (io::Label l : volume.labels()) ++counts[l];
    std::vector<io::Label> phases;
    std::array<std::size_t, 256> slotOf{};
    for (std::size_t l = 0; l < 256; ++l)
        if (counts[l] > 0) {
            slotOf[l] = phases.size();
            phases.push_back(static_cast<io::Label>(l));
        }

    std::array<double, 3> edgeFactor{1.0, 1.0, 1.0};
    for (int a = 0; a < 3; ++a)
        if (!periodic[a] && shape[a] > 1)
            edgeFactor[a] = static_cast<double>(shape[a]) / static_cast<double>(shape[a] - 1);
    InterfaceAreas areas(phases, static_cast<double>(volume.voxelCount()) * h[0] * h[1] * h[2],
                         edgeFactor);
    if (phases.size() < 2) return areas;

    // The same σ in voxels along every axis: an anisotropic Gaussian in metres when the voxels
    // are. A plane's smoothed indicator still depends on n·x only, so its gradient stays parallel
    // to n; a coarse axis keeps enough smoothing to see past its staircase (σ fixed in metres
    // measured +3.8 % on a ball with 1:1:3 voxels, σ in voxels +1.7 %).
    const Kernel kernel = gaussianKernel(options.smoothing);
    const std::array<Kernel, 3> kernels{kernel, kernel, kernel};
    const std::array<double, 3> faceArea{h[1] * h[2], h[0] * h[2], h[0] * h[1]};
    const auto [nx, ny, nz] = shape;
    const std::size_t plane = nx * ny;
    const io::Label* labels = volume.data();

    GradientSlab slab(volume, phases, kernels, periodic);
    const std::size_t step = slabPlanes(volume, phases.size());
    for (std::size_t z0 = 0; z0 < nz; z0 += step) {
        const std::size_t z1 = std::min(nz, z0 + step);
        // One more plane for the faces between z1 − 1 and z1 (wrapped to 0 when periodic).
        slab.compute(z0, z1 - z0 + 1);

        // Each plane z sums its own faces (in parallel over planes); the plane sums are then
        // added in z order, so the result does not depend on the number of threads.
        const std::size_t nPhases = phases.size();
        std::vector<double> sums((z1 - z0) * nPhases * nPhases * 3, 0.0);
#pragma omp parallel for schedule(static)
        for (long long zz = static_cast<long long>(z0); zz < static_cast<long long>(z1); ++zz) {
            const auto z = static_cast<std::size_t>(zz);
            const std::size_t t = z - z0;
            double* acc = &sums[t * nPhases * nPhases * 3];
            // Adds the face between voxel (t, xy) and voxel (u, xy2), normal to `axis`.
            const auto face = [&](int axis, io::Label l0, io::Label l1, std::size_t u,
                                  std::size_t xy, std::size_t xy2) {
                std::size_t i = slotOf[l0], j = slotOf[l1];
                double n[3];
                double norm2 = 0.0;
                for (int a = 0; a < 3; ++a) {
                    n[a] =
                        0.5 * (static_cast<double>(slab.at(i, a, t, xy)) + slab.at(i, a, u, xy2) -
                               slab.at(j, a, t, xy) - slab.at(j, a, u, xy2));
                    norm2 += n[a] * n[a];
                }
                // A vanishing gradient (a perfectly symmetric neighbourhood) has no normal:
                // count the face as it is.
                const double weight = norm2 > 0.0 ? std::abs(n[axis]) / std::sqrt(norm2) : 1.0;
                if (i > j) std::swap(i, j);
                acc[(i * nPhases + j) * 3 + static_cast<std::size_t>(axis)] +=
                    faceArea[static_cast<std::size_t>(axis)] * weight;
            };
            const bool zFace = z + 1 < nz || (periodic[2] && nz > 1);
            const io::Label* here = labels + z * plane;
            const io::Label* above = labels + ((z + 1) % nz) * plane;
            for (std::size_t y = 0; y < ny; ++y) {
                const bool yFace = y + 1 < ny || (periodic[1] && ny > 1);
                const std::size_t y1 = (y + 1) % ny;
                for (std::size_t x = 0; x < nx; ++x) {
                    const std::size_t xy = y * nx + x;
                    const io::Label l0 = here[xy];
                    if (x + 1 < nx || (periodic[0] && nx > 1)) {
                        const std::size_t xy2 = y * nx + (x + 1) % nx;
                        if (l0 != here[xy2]) face(0, l0, here[xy2], t, xy, xy2);
                    }
                    if (yFace) {
                        const std::size_t xy2 = y1 * nx + x;
                        if (l0 != here[xy2]) face(1, l0, here[xy2], t, xy, xy2);
                    }
                    if (zFace && l0 != above[xy]) face(2, l0, above[xy], t + 1, xy, xy);
                }
            }
        }
        for (std::size_t t = 0; t < z1 - z0; ++t)
            for (std::size_t i = 0; i < nPhases; ++i)
                for (std::size_t j = i + 1; j < nPhases; ++j)
                    for (int axis = 0; axis < 3; ++axis)
                        areas.add(i, j, axis,
                                  sums[((t * nPhases + i) * nPhases + j) * 3 +
                                       static_cast<std::size_t>(axis)]);
    }
    return areas;
}

}  // namespace ssbsim::micro
