// Transport on voxels: tortuosity factor and multiphase effective conductivity against analytic
// networks, TauFactor 2's own tests, and an independent plain-CG solve of the same network.
//
// TauFactor cases are from its test suite (tests/test_taufactor.py of TauFactor 2, Kench et al.,
// JOSS 2023, doi 10.21105/joss.05358), which asserts τ rounded to 5 decimals; numpy's axis 0 (the
// transport axis there) is our x.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "ssbsim/core/Error.h"
#include "ssbsim/io/VoxelVolume.h"
#include "ssbsim/micro/EffectiveConductivity.h"
#include "ssbsim/micro/Tortuosity.h"

namespace {

using ssbsim::io::Label;
using ssbsim::io::VoxelVolume;
using namespace ssbsim::micro;

constexpr double kInf = std::numeric_limits<double>::infinity();

TransportOptions exact(int axis = 0, SideBoundary sides = SideBoundary::NoFlux) {
    TransportOptions o;
    o.axis = axis;
    o.sides = sides;
    o.precision = Precision::Double;
    o.fluxTolerance = 1e-9;
    o.residualTolerance = 1e-11;
    return o;
}

VoxelVolume block(std::size_t nx, std::size_t ny, std::size_t nz, Label fill = 0) {
    return VoxelVolume({nx, ny, nz}, {1e-6, 1e-6, 1e-6}, fill);
}

/// The same volume with its axes cyclically renamed: storage axis a of `v` becomes axis (a+1)%3.
VoxelVolume rotated(const VoxelVolume& v) {
    const auto [nx, ny, nz] = v.shape();
    const auto h = v.voxelSize();
    VoxelVolume out({nz, nx, ny}, {h[2], h[0], h[1]});
    for (std::size_t z = 0; z < nz; ++z)
        for (std::size_t y = 0; y < ny; ++y)
            for (std::size_t x = 0; x < nx; ++x) out(z, x, y) = v(x, y, z);
    return out;
}

// TauFactor: img = zeros(20, 21, 21); img[i, i:i+2, i:i+2] = 1 for i in range(20).
VoxelVolume slantedStrip() {
    VoxelVolume v = block(20, 21, 21);
    for (std::size_t i = 0; i < 20; ++i)
        for (std::size_t y = i; y < i + 2; ++y)
            for (std::size_t z = i; z < i + 2; ++z) v(i, y, z) = 1;
    return v;
}

// --- independent reference: the same resistor network assembled link by link, plain CG ------------

struct ReferenceNetwork {
    const VoxelVolume& v;
    std::vector<double> sigma;  // per label
    double resistance;          // between different labels
    bool periodic;

    double link(std::size_t i, std::size_t j, int axis) const {
        const auto h = v.voxelSize();
        const double area = h[(axis + 1) % 3] * h[(axis + 2) % 3];
        const double si = sigma[v.labels()[i]], sj = sigma[v.labels()[j]];
        if (si <= 0 || sj <= 0) return 0;
        const double r = v.labels()[i] == v.labels()[j] ? 0.0 : resistance;
        return area / (0.5 * h[axis] / si + 0.5 * h[axis] / sj + r);
    }

    /// σ_eff along x by unpreconditioned CG on all conducting voxels (isolated ones pinned by a
    /// tiny leak to 0 so the matrix stays definite; they carry no current either way).
    double sigmaEff() const {
        const auto [nx, ny, nz] = v.shape();
        const auto h = v.voxelSize();
        const std::size_t n = v.voxelCount();
        auto neighbours = [&](std::size_t i, auto&& f) {
            const std::size_t x = i % nx, y = (i / nx) % ny, z = i / (nx * ny);
            if (x + 1 < nx) f(i + 1, 0);
            if (x > 0) f(i - 1, 0);
            const std::size_t ext[3] = {nx, ny, nz};
            const std::size_t c[3] = {x, y, z};
            const std::size_t stride[3] = {1, nx, nx * ny};
            for (int a = 1; a < 3; ++a) {
                if (c[a] + 1 < ext[a])
                    f(i + stride[a], a);
                else if (periodic && ext[a] > 1)
                    f(i - stride[a] * (ext[a] - 1), a);
                if (c[a] > 0)
                    f(i - stride[a], a);
                else if (periodic && ext[a] > 1)
                    f(i + stride[a] * (ext[a] - 1), a);
            }
        };
        const double electrode = h[1] * h[2] / (0.5 * h[0]);
        auto boundary = [&](std::size_t i) {
            const std::size_t x = i % nx;
            return sigma[v.labels()[i]] * electrode * ((x == 0) + (x + 1 == nx));
        };
        auto apply = [&](const std::vector<double>& u, std::vector<double>& out) {
            for (std::size_t i = 0; i < n; ++i) {
                double s = (boundary(i) + 1e-30) * u[i];
                neighbours(i, [&](std::size_t j, int a) { s += link(i, j, a) * (u[i] - u[j]); });
                out[i] = s;
            }
        };
        std::vector<double> b(n, 0.0), u(n, 0.0), r, p, q(n);
        for (std::size_t i = 0; i < n; ++i)
            if (i % nx == 0) b[i] = sigma[v.labels()[i]] * electrode;
        r = b;
        p = r;
        double rr = 0;
        for (double x : r) rr += x * x;
        const double rr0 = rr;
        for (int it = 0; it < 20000 && rr > 1e-28 * rr0; ++it) {
            apply(p, q);
            double pq = 0;
            for (std::size_t i = 0; i < n; ++i) pq += p[i] * q[i];
            const double alpha = rr / pq;
            double next = 0;
            for (std::size_t i = 0; i < n; ++i) {
                u[i] += alpha * p[i];
                r[i] -= alpha * q[i];
                next += r[i] * r[i];
            }
            for (std::size_t i = 0; i < n; ++i) p[i] = r[i] + next / rr * p[i];
            rr = next;
        }
        double current = 0;  // into the inlet face
        for (std::size_t i = 0; i < n; i += nx) current += sigma[v.labels()[i]] * electrode * (1.0 - u[i]);
        return current * (static_cast<double>(nx) * h[0]) / (static_cast<double>(ny) * h[1] * static_cast<double>(nz) * h[2]);
    }
};

VoxelVolume randomVolume(std::size_t nx, std::size_t ny, std::size_t nz, std::vector<double> fractions,
                         unsigned seed) {
    VoxelVolume v = block(nx, ny, nz);
    std::mt19937 rng(seed);
    std::discrete_distribution<int> label(fractions.begin(), fractions.end());
    for (auto& l : v.labels()) l = static_cast<Label>(label(rng));
    return v;
}

// --- single phase: TauFactor's cases ------------------------------------------------------------

TEST(Tortuosity, UniformBlockIsOne) {
    // TauFactor test_solver_on_uniform_block: ones(20,20,20) with img[:, 0] = 0 (a solid sheet
    // parallel to x). The linear start is exact, so no iteration is needed.
    VoxelVolume v = block(20, 20, 20, 1);
    for (std::size_t x = 0; x < 20; ++x)
        for (std::size_t z = 0; z < 20; ++z) v(x, 0, z) = 0;
    const TortuosityResult t = tortuosityFactor(v, {1}, exact(0));
    EXPECT_NEAR(t.tortuosityFactor, 1.0, 1e-12);
    EXPECT_NEAR(t.volumeFraction, 0.95, 1e-15);
    EXPECT_NEAR(t.effectiveDiffusivityFactor, 0.95, 1e-12);
    EXPECT_EQ(t.spanningFraction, 1.0);
    EXPECT_EQ(t.stats.iterations, 0);
    // Along z the sheet is parallel to the transport too; along y it covers the inlet face, so
    // the phase does not reach that electrode at all.
    EXPECT_NEAR(tortuosityFactor(v, {1}, exact(2)).tortuosityFactor, 1.0, 1e-12);
    EXPECT_EQ(tortuosityFactor(v, {1}, exact(1)).tortuosityFactor, kInf);
}

TEST(Tortuosity, StripsOfOnesAreOne) {
    // TauFactor test_solver_on_strip_of_ones: img[:, 0:10, 0:10] = 1 in 20³, ε = 1/4.
    VoxelVolume v = block(20, 20, 20);
    for (std::size_t x = 0; x < 20; ++x)
        for (std::size_t y = 0; y < 10; ++y)
            for (std::size_t z = 0; z < 10; ++z) v(x, y, z) = 1;
    for (SideBoundary sides : {SideBoundary::NoFlux, SideBoundary::Periodic}) {
        const TortuosityResult t = tortuosityFactor(v, {1}, exact(0, sides));
        EXPECT_NEAR(t.tortuosityFactor, 1.0, 1e-12);
        EXPECT_NEAR(t.effectiveDiffusivityFactor, 0.25, 1e-12);
    }
    // The same strip turned to run along y and along z.
    const VoxelVolume alongY = rotated(v);
    EXPECT_NEAR(tortuosityFactor(alongY, {1}, exact(1)).tortuosityFactor, 1.0, 1e-12);
    EXPECT_NEAR(tortuosityFactor(rotated(alongY), {1}, exact(2)).tortuosityFactor, 1.0, 1e-12);
    // Across the strip nothing spans.
    EXPECT_EQ(tortuosityFactor(v, {1}, exact(1)).tortuosityFactor, kInf);
}

TEST(Tortuosity, SlantedStripMatchesTauFactor) {
    // TauFactor test_solver_on_slanted_strip_of_ones: round(τ, 5) == 7.51667. Each 2×2 block
    // touches the next through one voxel, a series network: τ = 7.516666... (a direct sparse
    // solve gives 7.5166666666665).
    const VoxelVolume v = slantedStrip();
    const TortuosityResult t = tortuosityFactor(v, {1}, exact(0));
    EXPECT_NEAR(t.tortuosityFactor, 7.51667, 5e-6);
    EXPECT_NEAR(t.volumeFraction, 80.0 / (20.0 * 21 * 21), 1e-15);
    // Periodic sides add no connection here (TauFactor's periodic solver agrees).
    EXPECT_NEAR(tortuosityFactor(v, {1}, exact(0, SideBoundary::Periodic)).tortuosityFactor, 7.51667, 5e-6);
    // Transport along y and z of the rotated volume: the same network.
    const VoxelVolume alongY = rotated(v);
    const VoxelVolume alongZ = rotated(alongY);
    EXPECT_NEAR(tortuosityFactor(alongY, {1}, exact(1)).tortuosityFactor, 7.51667, 5e-6);
    EXPECT_NEAR(tortuosityFactor(alongZ, {1}, exact(2)).tortuosityFactor, 7.51667, 5e-6);
}

TEST(Tortuosity, SinglePrecisionWithinTolerance) {
    // Default options: single-precision vectors, flux uniformity 1e-3. τ must stay within 0.1 %
    // of the double-precision answer.
    const VoxelVolume v = slantedStrip();
    const TortuosityResult t = tortuosityFactor(v, {1});
    EXPECT_NEAR(t.tortuosityFactor, 7.516667, 7.516667e-3);
    EXPECT_LE(t.stats.fluxUniformity, 1e-3);
}

TEST(Tortuosity, DeadEndPoreIsInfinite) {
    // TauFactor test_deadend: zeros(10, 50, 50) with img[:8, 25, 25] = 1.
    VoxelVolume v = block(10, 50, 50);
    for (std::size_t x = 0; x < 8; ++x) v(x, 25, 25) = 1;
    const TortuosityResult t = tortuosityFactor(v, {1});
    EXPECT_EQ(t.tortuosityFactor, kInf);
    EXPECT_EQ(t.effectiveDiffusivityFactor, 0.0);
    EXPECT_EQ(t.spanningFraction, 0.0);
    EXPECT_EQ(t.stats.iterations, 0);
    EXPECT_EQ(t.stats.solvedVoxels, 0u);
    // A phase that is absent altogether, and a non-percolating sheet (TauFactor: img[:2] = 1).
    EXPECT_EQ(tortuosityFactor(v, {7}).tortuosityFactor, kInf);
    VoxelVolume sheet = block(20, 20, 20);
    for (std::size_t x = 0; x < 2; ++x)
        for (std::size_t y = 0; y < 20; ++y)
            for (std::size_t z = 0; z < 20; ++z) sheet(x, y, z) = 1;
    EXPECT_EQ(tortuosityFactor(sheet, {1}).tortuosityFactor, kInf);
}

TEST(Tortuosity, DeadEndBranchCarriesNoCurrent) {
    // A straight rod with a side branch: the branch is solved (it is connected) but carries no
    // steady current, so D_eff is that of the rod alone while ε counts the branch.
    VoxelVolume v = block(12, 5, 5);
    for (std::size_t x = 0; x < 12; ++x) v(x, 2, 2) = 1;
    for (std::size_t y = 3; y < 5; ++y) v(6, y, 2) = 1;
    const TortuosityResult t = tortuosityFactor(v, {1}, exact(0));
    const double rodDeff = 1.0 / 25.0;  // one voxel of 25 in the cross-section, τ = 1 on its own
    EXPECT_NEAR(t.effectiveDiffusivityFactor, rodDeff, 1e-12);
    EXPECT_NEAR(t.tortuosityFactor, (14.0 / 300.0) / rodDeff, 1e-10);
    EXPECT_EQ(t.stats.solvedVoxels, 14u);
}

// A path that reaches the far face only through the periodic side: rod along x at y = 0 up to
// x = n/2, one step through the periodic y boundary at x = n/2, rod at y = ny−1 to the end.
VoxelVolume wrapAroundPath(std::size_t n, std::size_t ny) {
    VoxelVolume v = block(n, ny, 1);
    for (std::size_t x = 0; x <= n / 2; ++x) v(x, 0, 0) = 1;
    for (std::size_t x = n / 2; x < n; ++x) v(x, ny - 1, 0) = 1;
    return v;
}

TEST(Tortuosity, PeriodicSidesConnectWhatNoFluxSidesSeparate) {
    // Closed sides: the two rods touch only diagonally, nothing spans. Periodic sides: a series
    // chain of n − 1 x links, two half links to the electrodes and one y link, each 1/σ in voxel
    // units: R = n + 1; D_eff = n/((n+1)·ny), ε = (n+1)/(n·ny), τ = ((n+1)/n)².
    const std::size_t n = 10, ny = 4;
    const VoxelVolume v = wrapAroundPath(n, ny);
    EXPECT_EQ(tortuosityFactor(v, {1}, exact(0)).tortuosityFactor, kInf);
    const TortuosityResult t = tortuosityFactor(v, {1}, exact(0, SideBoundary::Periodic));
    EXPECT_NEAR(t.tortuosityFactor, 1.21, 1e-12);
    EXPECT_NEAR(t.effectiveDiffusivityFactor, 10.0 / 44.0, 1e-12);
}

TEST(Tortuosity, AnisotropicVoxelsWeightEachLink) {
    // The wrap-around chain with voxels hx × hy × hz: the x links in series give n·hx/(hy·hz)
    // (n − 1 links and two halves), the y link hy/(hx·hz), per unit D. D_eff = I·L/A with
    // L = n·hx and A = ny·hy·hz; τ = ε/D_eff.
    const std::size_t n = 10, ny = 4;
    VoxelVolume v = wrapAroundPath(n, ny);
    const double hx = 1e-6, hy = 3e-6, hz = 0.5e-6;
    v.setVoxelSize({hx, hy, hz});
    const double resistance = n * hx / (hy * hz) + hy / (hx * hz);
    const double dEff = (1.0 / resistance) * (n * hx) / (ny * hy * hz);
    const double eps = (n + 1.0) / (n * ny);
    const TortuosityResult t = tortuosityFactor(v, {1}, exact(0, SideBoundary::Periodic));
    EXPECT_NEAR(t.effectiveDiffusivityFactor, dEff, 1e-12 * dEff);
    EXPECT_NEAR(t.tortuosityFactor, eps / dEff, 1e-10);
}

TEST(Tortuosity, PhaseSetActsAsOneNetwork) {
    // Labels 1 and 2 alternate along x: neither spans alone, together they form a uniform rod.
    VoxelVolume v = block(8, 3, 3);
    for (std::size_t x = 0; x < 8; ++x) v(x, 1, 1) = static_cast<Label>(1 + x % 2);
    EXPECT_EQ(tortuosityFactor(v, {1}).tortuosityFactor, kInf);
    const TortuosityResult t = tortuosityFactor(v, {1, 2}, exact(0));
    EXPECT_NEAR(t.tortuosityFactor, 1.0, 1e-12);
    EXPECT_NEAR(t.volumeFraction, 1.0 / 9.0, 1e-15);
}

// --- multiphase: analytic series and parallel networks --------------------------------------------

TEST(EffectiveConductivity, SeriesLayersWithInterfaceResistance) {
    // Layers normal to x of thickness L_i and conductivity σ_i: σ_eff = L / (Σ L_i/σ_i + m·R)
    // with m = 2 interfaces; exact for the voxel network (each voxel is two half resistors).
    const double h = 2e-6;
    VoxelVolume v({12, 3, 4}, {h, h, h}, 0);
    const double sigma[3] = {2.0, 0.1, 0.5};  // S/m
    for (std::size_t x = 0; x < 12; ++x)
        for (std::size_t y = 0; y < 3; ++y)
            for (std::size_t z = 0; z < 4; ++z) v(x, y, z) = static_cast<Label>(x < 3 ? 1 : (x < 8 ? 2 : 3));
    ConductivityProblem p{{{1, sigma[0]}, {2, sigma[1]}, {3, sigma[2]}}, 0.0, {}};
    const double thickness[3] = {3 * h, 5 * h, 4 * h};
    double seriesResistance = 0;
    for (int i = 0; i < 3; ++i) seriesResistance += thickness[i] / sigma[i];
    const double length = 12 * h;
    {
        const ConductivityResult c = effectiveConductivity(v, p, exact(0));
        EXPECT_NEAR(c.effectiveConductivity, length / seriesResistance, 1e-10 * length / seriesResistance);
        const double mean = (3 * sigma[0] + 5 * sigma[1] + 4 * sigma[2]) / 12;
        EXPECT_NEAR(c.meanConductivity, mean, 1e-15);
        EXPECT_NEAR(c.tortuosityFactor, mean * seriesResistance / length, 1e-10);
    }
    p.interfaceResistance = 3e-6;  // Ω m²: the two interfaces add 5 % to the layers' 1.19e-4 Ω m²
    {
        const double expected = length / (seriesResistance + 2 * p.interfaceResistance);
        const ConductivityResult c = effectiveConductivity(v, p, exact(0));
        EXPECT_NEAR(c.effectiveConductivity, expected, 1e-10 * expected);
    }
    // A per-pair override: only the 1|2 interface resists.
    p.pairResistances = {{2, 3, 0.0}};
    {
        const double expected = length / (seriesResistance + p.interfaceResistance);
        EXPECT_NEAR(effectiveConductivity(v, p, exact(0)).effectiveConductivity, expected, 1e-10 * expected);
    }
}

TEST(EffectiveConductivity, ParallelLayersAddUp) {
    // Slabs parallel to x: σ_eff = Σ ε_i σ_i, τ = 1, whatever the interface resistance (no current
    // crosses an interface). Transport along x and along z.
    VoxelVolume v = block(10, 6, 8);
    for (std::size_t z = 0; z < 8; ++z)
        for (std::size_t y = 0; y < 6; ++y)
            for (std::size_t x = 0; x < 10; ++x) v(x, y, z) = static_cast<Label>(y < 1 ? 0 : (y < 4 ? 1 : 2));
    ConductivityProblem p{{{1, 3.0}, {2, 0.25}}, 1e-3, {}};
    const double expected = (3.0 / 6.0) * 3.0 + (2.0 / 6.0) * 0.25;
    for (int axis : {0, 2}) {
        const ConductivityResult c = effectiveConductivity(v, p, exact(axis));
        EXPECT_NEAR(c.effectiveConductivity, expected, 1e-12);
        EXPECT_NEAR(c.tortuosityFactor, 1.0, 1e-12);
        EXPECT_NEAR(c.conductingFraction, 5.0 / 6.0, 1e-15);
    }
}

TEST(EffectiveConductivity, ScalesWithConductivityAndMatchesTortuosity) {
    const VoxelVolume v = slantedStrip();
    const ConductivityResult c = effectiveConductivity(v, {{{1, 0.004}}, 0.0, {}}, exact(0));
    const TortuosityResult t = tortuosityFactor(v, {1}, exact(0));
    EXPECT_NEAR(c.tortuosityFactor, t.tortuosityFactor, 1e-9);
    EXPECT_NEAR(c.effectiveConductivity, 0.004 * t.effectiveDiffusivityFactor, 1e-15);
}

TEST(EffectiveConductivity, MatchesPlainConjugateGradients) {
    // Random three-phase volumes (one insulating label) with an interface resistance, closed and
    // periodic sides, odd extents (three-colour smoothing on the periodic levels): the multigrid
    // solve agrees with unpreconditioned CG on the link-by-link network.
    const double h = 1e-6;
    for (bool periodic : {false, true}) {
        VoxelVolume v = randomVolume(13, 11, 9, {0.2, 0.5, 0.3}, periodic ? 5u : 4u);
        v.setVoxelSize({h, 1.5 * h, 0.8 * h});
        const ConductivityProblem p{{{1, 1.0}, {2, 0.05}}, 0.5 * h / 1.0, {}};
        const ReferenceNetwork reference{v, std::vector<double>{0.0, 1.0, 0.05}, p.interfaceResistance, periodic};
        const double expected = reference.sigmaEff();
        const ConductivityResult c =
            effectiveConductivity(v, p, exact(0, periodic ? SideBoundary::Periodic : SideBoundary::NoFlux));
        EXPECT_NEAR(c.effectiveConductivity, expected, 1e-9 * expected) << "periodic " << periodic;
        EXPECT_LT(c.stats.iterations, 40);
    }
}

TEST(EffectiveConductivity, MultigridIterationsStayFew) {
    // A random pore space just above the percolation threshold of the simple cubic lattice
    // (0.3116): tortuous, many dead ends. The default single-precision solve agrees with the
    // double one to 0.1 % and needs few iterations.
    const VoxelVolume v = randomVolume(24, 24, 24, {0.6, 0.4}, 11u);
    const TortuosityResult single = tortuosityFactor(v, {1});
    const TortuosityResult reference = tortuosityFactor(v, {1}, exact(0));
    ASSERT_TRUE(std::isfinite(reference.tortuosityFactor));
    EXPECT_NEAR(single.tortuosityFactor, reference.tortuosityFactor, 1e-3 * reference.tortuosityFactor);
    EXPECT_LT(single.stats.iterations, 40);  // 29 today; a real electrode needs ~10 (bench)
    EXPECT_GE(single.stats.levels, 3);
}

// --- input errors ----------------------------------------------------------------------------------

TEST(EffectiveConductivity, RejectsBadInput) {
    const VoxelVolume v = block(4, 4, 4, 1);
    EXPECT_THROW(effectiveConductivity(v, {{{1, -1.0}}, 0.0, {}}), ssbsim::InputError);
    EXPECT_THROW(effectiveConductivity(v, {{{1, std::nan("")}}, 0.0, {}}), ssbsim::InputError);
    EXPECT_THROW(effectiveConductivity(v, {{{1, 1.0}, {1, 2.0}}, 0.0, {}}), ssbsim::InputError);
    EXPECT_THROW(effectiveConductivity(v, {{{1, 1.0}}, -1.0, {}}), ssbsim::InputError);
    EXPECT_THROW(effectiveConductivity(v, {{{1, 1.0}}, 0.0, {{1, 1, 1.0}}}), ssbsim::InputError);
    TransportOptions o;
    o.axis = 3;
    EXPECT_THROW(effectiveConductivity(v, {{{1, 1.0}}, 0.0, {}}, o), std::invalid_argument);
    o.axis = 0;
    o.fluxTolerance = 0;
    EXPECT_THROW(effectiveConductivity(v, {{{1, 1.0}}, 0.0, {}}, o), ssbsim::InputError);
}

TEST(EffectiveConductivity, UnconvergedSolveIsASolverError) {
    TransportOptions o = exact(0);
    o.maxIterations = 1;
    try {
        tortuosityFactor(randomVolume(16, 16, 16, {0.6, 0.4}, 11u), {1}, o);
        FAIL() << "no SolverError";
    } catch (const ssbsim::SolverError& e) {
        EXPECT_NE(std::string(e.what()).find("not converged after 1 iterations"), std::string::npos) << e.what();
    }
}

}  // namespace
