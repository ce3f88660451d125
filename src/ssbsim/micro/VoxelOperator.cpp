// Kernels of the voxel resistor network operator (docs/physics/microstructure.md#transport-solver).
//
// Each level is read through a stencil: the conductances of one voxel to its six neighbours and
// its diagonal, from pointers into the current lattice row and the four rows around it
// (missing neighbours read a row of zeros). A row is processed as its two end voxels, which need
// the side boundary (closed or periodic), and its interior, which does not; with the binary and
// coarse stencils the interior loop has no branches and no table lookups, so the compiler
// vectorizes it. The kernels are written once over the stencil type.
#include "ssbsim/micro/VoxelOperator.h"

#include <algorithm>
#include <type_traits>
#include <unordered_map>

#include "ssbsim/micro/OrderedSum.h"

namespace ssbsim::micro {

namespace {

int teamFor(const VoxelGrid& g, int threads) { return teamSize(g.cells(), threads); }

/// Row r of a grid (y fastest) as its links.
RowLinks rowAt(const VoxelGrid& g, std::size_t r) { return RowLinks(g, r % g.ny, r / g.ny); }

/// Calls f(x, std::false_type) for the two end voxels of a row and f(x, std::true_type) for the
/// interior 0 < x < nx − 1, whose x neighbours are x ± 1. Every caller writes only to an output
/// row that none of its inputs overlaps, which `ivdep` tells the vectorizer (it would otherwise
/// need more run-time overlap checks than it allows: class bytes may alias anything).
template <class F>
void eachVoxel(std::size_t nx, F&& f) {
    f(std::size_t{0}, std::false_type{});
#pragma GCC ivdep
    for (std::size_t x = 1; x + 1 < nx; ++x) f(x, std::true_type{});
    if (nx > 1) f(nx - 1, std::false_type{});
}

/// Rows of a vector around one lattice row; missing neighbours point at zeros.
template <class Real>
struct ValueRows {
    const Real *self, *yMinus, *yPlus, *zMinus, *zPlus;

    ValueRows(const RowLinks& r, const Real* u, const Real* zeros)
        : self(u + r.self),
          yMinus(r.hasYMinus ? u + r.yMinus : zeros),
          yPlus(r.hasYPlus ? u + r.yPlus : zeros),
          zMinus(r.hasZMinus ? u + r.zMinus : zeros),
          zPlus(r.hasZPlus ? u + r.zPlus : zeros) {}
};

/// x neighbours of an end voxel: their values (0 where missing) and, for the lattice, classes.
template <class Acc, class Real>
void endNeighbours(const VoxelGrid& g, std::size_t x, const Real* row, Acc& minus, Acc& plus) {
    const ColumnLinks col(g, x);
    minus = col.hasMinus ? Acc(row[col.minus]) : Acc(0);
    plus = col.hasPlus ? Acc(row[col.plus]) : Acc(0);
}

// --- stencils ---------------------------------------------------------------------------------

/// The voxel lattice with any number of phase classes: conductances from the class table.
template <class Real>
struct TableStencil {
    static constexpr bool vectorizes = false;
    const FineOperator<Real>& op;

    struct Row {
        const std::uint8_t *c, *cYMinus, *cYPlus, *cZMinus, *cZPlus;
        ValueRows<Real> u;
        const Real* electrode;  ///< per class: conductance to the electrodes this row touches
        const Real* inverseDiagonal;
    };

    const VoxelGrid& grid() const { return op.grid(); }
    bool solved(std::size_t i) const { return op.solved(i); }

    Row row(const RowLinks& r, const Real* u) const {
        const std::uint8_t* c = op.phaseClass();
        const std::uint8_t* zeros = op.zeroClasses();
        return {c + r.self,
                r.hasYMinus ? c + r.yMinus : zeros,
                r.hasYPlus ? c + r.yPlus : zeros,
                r.hasZMinus ? c + r.zMinus : zeros,
                r.hasZPlus ? c + r.zPlus : zeros,
                ValueRows<Real>(r, u, op.zeroValues()),
                op.electrode() + static_cast<std::size_t>(int(r.firstSlice) + int(r.lastSlice)) * op.classes(),
                op.inverseDiagonal() + r.self};
    }

    /// Off-diagonal sum Σ_j g_ij u_j and diagonal of voxel x, in arithmetic Acc. Branch-free for
    /// unsolved voxels (class 0): table row 0 and electrode 0 are zero.
    template <class Acc, bool Interior>
    Acc coupleAs(const Row& r, std::size_t x, Acc& diag) const {
        const std::size_t k = op.classes();
        const std::size_t c = r.c[x];
        std::size_t cxm = 0, cxp = 0;
        Acc uxm, uxp;
        if constexpr (Interior) {
            cxm = r.c[x - 1];
            cxp = r.c[x + 1];
            uxm = Acc(r.u.self[x - 1]);
            uxp = Acc(r.u.self[x + 1]);
        } else {
            const ColumnLinks col(grid(), x);
            if (col.hasMinus) cxm = r.c[col.minus];
            if (col.hasPlus) cxp = r.c[col.plus];
            endNeighbours(grid(), x, r.u.self, uxm, uxp);
        }
        const Real* tx = op.link(0) + c * k;
        const Real* ty = op.link(1) + c * k;
        const Real* tz = op.link(2) + c * k;
        const Acc gxm = tx[cxm], gxp = tx[cxp];
        const Acc gym = ty[r.cYMinus[x]], gyp = ty[r.cYPlus[x]];
        const Acc gzm = tz[r.cZMinus[x]], gzp = tz[r.cZPlus[x]];
        diag = gxm + gxp + gym + gyp + gzm + gzp + Acc(r.electrode[c]);
        return gxm * uxm + gxp * uxp + gym * Acc(r.u.yMinus[x]) + gyp * Acc(r.u.yPlus[x]) +
               gzm * Acc(r.u.zMinus[x]) + gzp * Acc(r.u.zPlus[x]);
    }
    Real edge(const Row& r, std::size_t x, Real& diag) const { return coupleAs<Real, false>(r, x, diag); }
    Real interior(const Row& r, std::size_t x, Real& diag) const { return coupleAs<Real, true>(r, x, diag); }

    /// Gauss–Seidel value of voxel x for right-hand side b (0 on unsolved voxels).
    template <bool Interior>
    Real relax(const Row& r, std::size_t x, Real b, std::bool_constant<Interior>) const {
        Real diag;
        return (b + coupleAs<Real, Interior>(r, x, diag)) * r.inverseDiagonal[x];
    }

    void plusLinks(const RowLinks& row, std::size_t x, Real (&g)[3], Real& inlet, Real& outlet) const {
        const std::uint8_t* cls = op.phaseClass();
        const std::size_t k = op.classes();
        const std::size_t c = cls[row.self + x];
        const ColumnLinks col(grid(), x);
        g[0] = op.link(0)[c * k + (col.hasPlus ? cls[row.self + col.plus] : 0)];
        g[1] = op.link(1)[c * k + (row.hasYPlus ? cls[row.yPlus + x] : 0)];
        g[2] = op.link(2)[c * k + (row.hasZPlus ? cls[row.zPlus + x] : 0)];
        inlet = row.firstSlice ? op.electrode()[k + c] : Real(0);
        outlet = row.lastSlice ? op.electrode()[k + c] : Real(0);
    }
};

/// The voxel lattice with one conducting class (classes 0 and 1): every link of a solved pair
/// along axis a has the same conductance w_a, so the interior needs no table and, with u = 0 on
/// unsolved voxels, Σ_j g_ij u_j = m_i·Σ_a w_a (u_{i−a} + u_{i+a}) with m_i = class_i ∈ {0, 1}.
template <class Real>
struct BinaryStencil : TableStencil<Real> {
    static constexpr bool vectorizes = true;
    using Row = typename TableStencil<Real>::Row;
    Real wx, wy, wz;

    explicit BinaryStencil(const FineOperator<Real>& op)
        : TableStencil<Real>{op}, wx(op.link(0)[3]), wy(op.link(1)[3]), wz(op.link(2)[3]) {}

    Real interior(const Row& r, std::size_t x, Real& diag) const {
        const Real m = r.c[x];
        const Real neighbours = wx * (Real(r.c[x - 1]) + Real(r.c[x + 1])) +
                                wy * (Real(r.cYMinus[x]) + Real(r.cYPlus[x])) +
                                wz * (Real(r.cZMinus[x]) + Real(r.cZPlus[x]));
        diag = m * (neighbours + r.electrode[1]);
        return m * sum(r, x);
    }

    using TableStencil<Real>::relax;
    /// Gauss–Seidel value: no classes needed, the inverse diagonal is 0 on unsolved voxels.
    Real relax(const Row& r, std::size_t x, Real b, std::true_type) const {
        return (b + sum(r, x)) * r.inverseDiagonal[x];
    }

  private:
    Real sum(const Row& r, std::size_t x) const {
        return wx * (r.u.self[x - 1] + r.u.self[x + 1]) + wy * (r.u.yMinus[x] + r.u.yPlus[x]) +
               wz * (r.u.zMinus[x] + r.u.zPlus[x]);
    }
};

/// A coarse level: conductances stored per cell and face.
template <class Real>
struct CoarseStencil {
    static constexpr bool vectorizes = true;
    const CoarseOperator<Real>& op;

    /// gYMinus and gZMinus: the rows of the faces below and behind this row (zeros if none).
    struct Row {
        const Real *gx, *gy, *gz, *gYMinus, *gZMinus, *diag, *inverseDiagonal;
        ValueRows<Real> u;
    };

    const VoxelGrid& grid() const { return op.grid(); }
    bool solved(std::size_t i) const { return op.solved(i); }

    Row row(const RowLinks& r, const Real* u) const {
        const Real* zeros = op.zeroValues();
        return {op.g[0].data() + r.self,
                op.g[1].data() + r.self,
                op.g[2].data() + r.self,
                r.hasYMinus ? op.g[1].data() + r.yMinus : zeros,
                r.hasZMinus ? op.g[2].data() + r.zMinus : zeros,
                op.diag.data() + r.self,
                op.inverseDiagonal.data() + r.self,
                ValueRows<Real>(r, u, zeros)};
    }

    Real rest(const Row& r, std::size_t x) const {
        return r.gYMinus[x] * r.u.yMinus[x] + r.gy[x] * r.u.yPlus[x] + r.gZMinus[x] * r.u.zMinus[x] +
               r.gz[x] * r.u.zPlus[x];
    }
    Real interior(const Row& r, std::size_t x, Real& diag) const {
        diag = r.diag[x];  // an unsolved cell has diag 0 and no links
        return r.gx[x - 1] * r.u.self[x - 1] + r.gx[x] * r.u.self[x + 1] + rest(r, x);
    }
    Real edge(const Row& r, std::size_t x, Real& diag) const {
        diag = r.diag[x];
        const ColumnLinks col(grid(), x);
        const Real gxm = col.hasMinus ? r.gx[col.minus] : Real(0);
        Real uxm, uxp;
        endNeighbours(grid(), x, r.u.self, uxm, uxp);
        return gxm * uxm + r.gx[x] * uxp + rest(r, x);  // gx = 0 past a closed end
    }

    /// Gauss–Seidel value of cell x (0 on unsolved cells, whose inverse diagonal is 0).
    template <bool Interior>
    Real relax(const Row& r, std::size_t x, Real b, std::bool_constant<Interior>) const {
        Real diag;
        const Real offDiagonal = Interior ? interior(r, x, diag) : edge(r, x, diag);
        return (b + offDiagonal) * r.inverseDiagonal[x];
    }

    void plusLinks(const RowLinks& row, std::size_t x, Real (&g)[3], Real& inlet, Real& outlet) const {
        const std::size_t i = row.self + x;
        for (int a = 0; a < 3; ++a) g[a] = op.g[a][i];
        const std::size_t inSlice = x + grid().nx * row.y;
        inlet = row.firstSlice ? op.electrode[inSlice] : Real(0);
        outlet = row.lastSlice ? op.electrode[grid().slice() + inSlice] : Real(0);
    }
};

/// Off-diagonal sum of voxel x of a row, through the interior or end variant.
template <class S, class Row, class Real, bool Interior>
Real couple(const S& s, const Row& row, std::size_t x, Real& diag, std::bool_constant<Interior>) {
    if constexpr (Interior)
        return s.interior(row, x, diag);
    else
        return s.edge(row, x, diag);
}

// --- kernels ----------------------------------------------------------------------------------

template <class S, class Real>
double applyKernel(const S& s, int threads, const Real* u, Real* y) {
    const VoxelGrid& g = s.grid();
    return orderedSum(g.ny * g.nz, teamFor(g, threads), [&](std::size_t r) {
        const RowLinks links = rowAt(g, r);
        const auto row = s.row(links, u);
        Real* out = y + links.self;
        eachVoxel(g.nx, [&](std::size_t x, auto interior) {
            Real diag;
            const Real offDiagonal = couple(s, row, x, diag, interior);
            out[x] = diag * row.u.self[x] - offDiagonal;
        });
        double dot = 0;
        for (std::size_t x = 0; x < g.nx; ++x) dot += static_cast<double>(row.u.self[x]) * static_cast<double>(out[x]);
        return dot;
    });
}

template <class S, class Real>
void smoothKernel(const S& s, int threads, int colour, const Real* b, Real* u) {
    const VoxelGrid& g = s.grid();
    const std::size_t rows = g.ny * g.nz;
#pragma omp parallel num_threads(teamFor(g, threads))
    {
        std::vector<Real> fresh(S::vectorizes ? g.nx : 0);
#pragma omp for schedule(static)
        for (std::size_t r = 0; r < rows; ++r) {
            const RowLinks links = rowAt(g, r);
            const auto row = s.row(links, u);
            const Real* rhs = b + links.self;
            Real* out = u + links.self;
            auto relaxed = [&](std::size_t x, auto interior) { return s.relax(row, x, rhs[x], interior); };
            if constexpr (S::vectorizes) {
                // Voxels of one colour have no neighbour of that colour, so the whole row can be
                // relaxed from the old values in one vectorized pass and only the colour kept.
                eachVoxel(g.nx, [&](std::size_t x, auto interior) { fresh[x] = relaxed(x, interior); });
                g.forEachOfColour(colour, links.y, links.z, [&](std::size_t x) { out[x] = fresh[x]; });
            } else {
                g.forEachOfColour(colour, links.y, links.z, [&](std::size_t x) {
                    out[x] = x - 1 < g.nx - 2 ? relaxed(x, std::true_type{}) : relaxed(x, std::false_type{});
                });
            }
        }
    }
}

template <class Real>
void smoothFromZeroKernel(const VoxelGrid& g, int threads, int colour, const Real* b, const Real* inverseDiagonal,
                          Real* u) {
    const std::size_t rows = g.ny * g.nz;
#pragma omp parallel for schedule(static) num_threads(teamFor(g, threads))
    for (std::size_t r = 0; r < rows; ++r) {
        const std::size_t y = r % g.ny, z = r / g.ny;
        const std::size_t start = g.rowStart(y, z);
        Real* out = u + start;
        std::fill(out, out + g.nx, Real(0));
        g.forEachOfColour(colour, y, z, [&](std::size_t x) { out[x] = b[start + x] * inverseDiagonal[start + x]; });
    }
}

template <class S, class Real>
void restrictKernel(const S& s, int threads, const Real* b, const Real* u, Real* coarseB) {
    const VoxelGrid& g = s.grid();
    const VoxelGrid c = g.coarser();
    // A coarse slice gathers fine slices 2Z and 2Z + 1: parallel over coarse slices, no races.
#pragma omp parallel num_threads(teamFor(g, threads))
    {
        std::vector<Real> residual(g.nx);
#pragma omp for schedule(static)
        for (std::size_t cz = 0; cz < c.nz; ++cz) {
            Real* out = coarseB + c.slice() * cz;
            std::fill(out, out + c.slice(), Real(0));
            for (std::size_t z = 2 * cz; z < std::min(2 * cz + 2, g.nz); ++z)
                for (std::size_t y = 0; y < g.ny; ++y) {
                    const RowLinks links(g, y, z);
                    const auto row = s.row(links, u);
                    const Real* rhs = b + links.self;
                    eachVoxel(g.nx, [&](std::size_t x, auto interior) {
                        Real diag;
                        const Real offDiagonal = couple(s, row, x, diag, interior);
                        residual[x] = rhs[x] - (diag * row.u.self[x] - offDiagonal);  // 0 if unsolved
                    });
                    Real* outRow = out + c.nx * (y / 2);
                    for (std::size_t x = 0; x < g.nx; ++x) outRow[x / 2] += residual[x];
                }
        }
    }
}

template <class S, class Real>
void prolongKernel(const S& s, int threads, const Real* coarseU, Real* u) {
    const VoxelGrid& g = s.grid();
    const VoxelGrid c = g.coarser();
    const std::size_t rows = g.ny * g.nz;
#pragma omp parallel for schedule(static) num_threads(teamFor(g, threads))
    for (std::size_t r = 0; r < rows; ++r) {
        const std::size_t y = r % g.ny, z = r / g.ny;
        const std::size_t start = g.rowStart(y, z);
        const Real* coarseRow = coarseU + c.rowStart(y / 2, z / 2);
        for (std::size_t x = 0; x < g.nx; ++x) u[start + x] += s.solved(start + x) ? coarseRow[x / 2] : Real(0);
    }
}

template <class S, class Real>
CoarseOperator<Real> coarsenKernel(const S& s, int threads, Real scale) {
    const VoxelGrid& g = s.grid();
    CoarseOperator<Real> coarse(g.coarser(), threads);
    const VoxelGrid& c = coarse.grid();
    for (auto& a : coarse.g) a.assign(c.cells(), Real(0));
    coarse.diag.assign(c.cells(), Real(0));
    coarse.inverseDiagonal.assign(c.cells(), Real(0));
    coarse.electrode.assign(2 * c.slice(), Real(0));

    // A fine link joins two different blocks when its ends have different parents; it then adds
    // to the coarse link stored at the block of its minus end.
#pragma omp parallel for schedule(static) num_threads(teamFor(g, threads))
    for (std::size_t cz = 0; cz < c.nz; ++cz)
        for (std::size_t z = 2 * cz; z < std::min(2 * cz + 2, g.nz); ++z)
            for (std::size_t y = 0; y < g.ny; ++y) {
                const RowLinks row(g, y, z);
                for (std::size_t x = 0; x < g.nx; ++x) {
                    if (!s.solved(row.self + x)) continue;
                    Real link[3], inlet, outlet;
                    s.plusLinks(row, x, link, inlet, outlet);
                    const std::size_t parent = c.rowStart(y / 2, cz) + x / 2;
                    // + neighbours (a missing one has link 0); periodic sides wrap to 0.
                    const std::size_t xNext = x + 1 < g.nx ? x + 1 : 0;
                    const std::size_t yNext = y + 1 < g.ny ? y + 1 : 0;
                    if (link[0] != 0 && xNext / 2 != x / 2) coarse.g[0][parent] += scale * link[0];
                    if (link[1] != 0 && yNext / 2 != y / 2) coarse.g[1][parent] += scale * link[1];
                    if (link[2] != 0 && (z + 1) / 2 != cz) coarse.g[2][parent] += scale * link[2];
                    const std::size_t inSlice = c.nx * (y / 2) + x / 2;
                    if (inlet != 0) coarse.electrode[inSlice] += scale * inlet;
                    if (outlet != 0) coarse.electrode[c.slice() + inSlice] += scale * outlet;
                }
            }

    // Diagonal: the sum of all links of a block, the electrodes included.
    const std::size_t rows = c.ny * c.nz;
#pragma omp parallel for schedule(static) num_threads(teamFor(c, threads))
    for (std::size_t r = 0; r < rows; ++r) {
        const RowLinks row = rowAt(c, r);
        for (std::size_t x = 0; x < c.nx; ++x) {
            const std::size_t i = row.self + x;
            const ColumnLinks col(c, x);
            Real d = coarse.g[0][i] + coarse.g[1][i] + coarse.g[2][i];
            if (col.hasMinus) d += coarse.g[0][row.self + col.minus];
            if (row.hasYMinus) d += coarse.g[1][row.yMinus + x];
            if (row.hasZMinus) d += coarse.g[2][row.zMinus + x];
            const std::size_t inSlice = c.nx * row.y + x;
            if (row.firstSlice) d += coarse.electrode[inSlice];
            if (row.lastSlice) d += coarse.electrode[c.slice() + inSlice];
            coarse.diag[i] = d;
            coarse.inverseDiagonal[i] = d > 0 ? Real(1) / d : Real(0);
        }
    }
    return coarse;
}

}  // namespace

// --- the voxel lattice ------------------------------------------------------------------------

template <class Real>
FineOperator<Real>::FineOperator(const ConductanceNetwork& network, int threads)
    : grid_(network.grid),
      threads_(threads),
      phaseClass_(network.phaseClass.data()),
      classes_(network.classes) {
    for (int a = 0; a < 3; ++a) {
        link_[a].assign(classes_ * classes_, Real(0));
        if (!network.link[a].empty())
            std::transform(network.link[a].begin(), network.link[a].end(), link_[a].begin(),
                           [](double v) { return static_cast<Real>(v); });
    }
    // Rows touch 0, 1 or (a single slice) 2 electrodes.
    electrode_.assign(3 * classes_, Real(0));
    for (std::size_t k = 0; k < 3; ++k)
        for (std::size_t c = 0; c < network.boundary.size(); ++c)
            electrode_[k * classes_ + c] = static_cast<Real>(static_cast<double>(k) * network.boundary[c]);
    zeroClasses_.assign(grid_.nx, 0);
    zeroValues_.assign(grid_.nx, Real(0));

    // The diagonal is the sum of a voxel's links: the + links of the voxel and of its three −
    // neighbours, plus its electrodes.
    inverseDiagonal_.assign(grid_.cells(), Real(0));
    const TableStencil<Real> s{*this};
    const std::size_t rows = grid_.ny * grid_.nz;
#pragma omp parallel for schedule(static) num_threads(teamFor(grid_, threads_))
    for (std::size_t r = 0; r < rows; ++r) {
        const RowLinks links = rowAt(grid_, r);
        for (std::size_t x = 0; x < grid_.nx; ++x) {
            const std::size_t c = phaseClass_[links.self + x];
            if (c == 0) continue;
            const ColumnLinks col(grid_, x);
            Real g[3], inlet, outlet;
            s.plusLinks(links, x, g, inlet, outlet);
            Real diag = g[0] + g[1] + g[2] + inlet + outlet;
            if (col.hasMinus) diag += link_[0][c * classes_ + phaseClass_[links.self + col.minus]];
            if (links.hasYMinus) diag += link_[1][c * classes_ + phaseClass_[links.yMinus + x]];
            if (links.hasZMinus) diag += link_[2][c * classes_ + phaseClass_[links.zMinus + x]];
            inverseDiagonal_[links.self + x] = Real(1) / diag;
        }
    }
}

// One conducting class: the binary stencil; otherwise table lookups.
#define SSBSIM_FINE_DISPATCH(CALL)                                \
    if (classes_ == 2) {                                          \
        const BinaryStencil<Real> stencil(*this);                 \
        return CALL;                                              \
    } else {                                                      \
        const TableStencil<Real> stencil{*this};                  \
        return CALL;                                              \
    }

template <class Real>
double FineOperator<Real>::apply(const Real* u, Real* y) const {
    SSBSIM_FINE_DISPATCH(applyKernel(stencil, threads_, u, y))
}
template <class Real>
void FineOperator<Real>::smooth(int colour, const Real* b, Real* u) const {
    SSBSIM_FINE_DISPATCH(smoothKernel(stencil, threads_, colour, b, u))
}
template <class Real>
void FineOperator<Real>::smoothFromZero(int colour, const Real* b, Real* u) const {
    smoothFromZeroKernel(grid_, threads_, colour, b, inverseDiagonal_.data(), u);
}
template <class Real>
void FineOperator<Real>::restrictResidual(const Real* b, const Real* u, Real* coarseB) const {
    SSBSIM_FINE_DISPATCH(restrictKernel(stencil, threads_, b, u, coarseB))
}
template <class Real>
void FineOperator<Real>::prolongAdd(const Real* coarseU, Real* u) const {
    prolongKernel(TableStencil<Real>{*this}, threads_, coarseU, u);
}
template <class Real>
CoarseOperator<Real> FineOperator<Real>::coarsen(Real scale) const {
    return coarsenKernel(TableStencil<Real>{*this}, threads_, scale);
}
#undef SSBSIM_FINE_DISPATCH

template <class Real>
std::pair<double, double> FineOperator<Real>::residual(const Real* u, Real* r) const {
    const TableStencil<Real> s{*this};
    const int team = teamFor(grid_, threads_);
    const double rr = orderedSum(grid_.ny * grid_.nz, team, [&](std::size_t k) {
        const RowLinks links = rowAt(grid_, k);
        const auto row = s.row(links, u);
        double rowSum = 0;
        for (std::size_t x = 0; x < grid_.nx; ++x) {
            double diag;
            const double offDiagonal = s.template coupleAs<double, false>(row, x, diag);
            // The inlet electrode at potential 1 drives g_b·1 into voxels of the first slice.
            const double b = links.firstSlice ? static_cast<double>(electrode_[classes_ + row.c[x]]) : 0.0;
            const double v = b - (diag * static_cast<double>(row.u.self[x]) - offDiagonal);  // 0 if unsolved
            r[links.self + x] = static_cast<Real>(v);
            rowSum += v * v;
        }
        return rowSum;
    });
    const double bb = orderedSum(grid_.slice(), team, [&](std::size_t i) {
        const double b = electrode_[classes_ + phaseClass_[i]];
        return b * b;
    });
    return {rr, bb};
}

template <class Real>
std::vector<double> FineOperator<Real>::planeCurrents(const Real* u) const {
    // planes[0]: inlet face; planes[z + 1]: face between slices z and z + 1, or the outlet face.
    std::vector<double> planes(grid_.nz + 1, 0.0);
#pragma omp parallel for schedule(static) num_threads(teamFor(grid_, threads_))
    for (std::size_t z = 0; z < grid_.nz; ++z) {
        double inlet = 0, next = 0;
        for (std::size_t y = 0; y < grid_.ny; ++y) {
            const RowLinks row(grid_, y, z);
            for (std::size_t x = 0; x < grid_.nx; ++x) {
                const std::size_t i = row.self + x;
                const std::size_t c = phaseClass_[i];
                if (c == 0) continue;
                const double ui = u[i];
                const double electrode = electrode_[classes_ + c];
                if (row.firstSlice) inlet += electrode * (1.0 - ui);
                if (row.lastSlice)
                    next += electrode * ui;
                else
                    next += link_[2][c * classes_ + phaseClass_[row.zPlus + x]] * (ui - u[row.zPlus + x]);
            }
        }
        if (z == 0) planes[0] = inlet;
        planes[z + 1] = next;
    }
    return planes;
}

// --- coarse levels ----------------------------------------------------------------------------

template <class Real>
CoarseOperator<Real>::CoarseOperator(const VoxelGrid& grid, int threads)
    : grid_(grid), threads_(threads), zeroValues_(grid.nx, Real(0)) {}

template <class Real>
void CoarseOperator<Real>::smooth(int colour, const Real* b, Real* u) const {
    smoothKernel(CoarseStencil<Real>{*this}, threads_, colour, b, u);
}
template <class Real>
void CoarseOperator<Real>::smoothFromZero(int colour, const Real* b, Real* u) const {
    smoothFromZeroKernel(grid_, threads_, colour, b, inverseDiagonal.data(), u);
}
template <class Real>
void CoarseOperator<Real>::restrictResidual(const Real* b, const Real* u, Real* coarseB) const {
    restrictKernel(CoarseStencil<Real>{*this}, threads_, b, u, coarseB);
}
template <class Real>
void CoarseOperator<Real>::prolongAdd(const Real* coarseU, Real* u) const {
    prolongKernel(CoarseStencil<Real>{*this}, threads_, coarseU, u);
}
template <class Real>
CoarseOperator<Real> CoarseOperator<Real>::coarsen(Real scale) const {
    return coarsenKernel(CoarseStencil<Real>{*this}, threads_, scale);
}

template <class Real>
std::vector<double> CoarseOperator<Real>::denseMatrix(std::vector<std::size_t>& cellOfRow) const {
    cellOfRow.clear();
    std::unordered_map<std::size_t, std::size_t> rowOfCell;
    for (std::size_t i = 0; i < grid_.cells(); ++i)
        if (solved(i)) {
            rowOfCell[i] = cellOfRow.size();
            cellOfRow.push_back(i);
        }
    const std::size_t n = cellOfRow.size();
    std::vector<double> a(n * n, 0.0);
    for (std::size_t z = 0; z < grid_.nz; ++z)
        for (std::size_t y = 0; y < grid_.ny; ++y) {
            const RowLinks row(grid_, y, z);
            for (std::size_t x = 0; x < grid_.nx; ++x) {
                const std::size_t i = row.self + x;
                if (!solved(i)) continue;
                const std::size_t ri = rowOfCell[i];
                a[ri * n + ri] = diag[i];
                const ColumnLinks col(grid_, x);
                const std::size_t plus[3] = {row.self + col.plus, row.yPlus + x, row.zPlus + x};
                for (int axis = 0; axis < 3; ++axis) {
                    const double link = g[axis][i];
                    if (link == 0) continue;
                    const std::size_t rj = rowOfCell.at(plus[axis]);
                    a[ri * n + rj] -= link;
                    a[rj * n + ri] -= link;
                }
            }
        }
    return a;
}

template class FineOperator<float>;
template class FineOperator<double>;
template class CoarseOperator<float>;
template class CoarseOperator<double>;

}  // namespace ssbsim::micro
