#pragma once
// Geometry of one level of the voxel multigrid (docs/physics/microstructure.md#transport-solver).
//
// The solver works in its own orientation: transport along z, with fixed potentials beyond the
// two z faces, and the four side faces (x and y) either closed (no flux) or periodic. Storage is
// x fastest, index = x + nx·(y + ny·z), like io::VoxelVolume. A coarser level merges 2×2×2
// cells into one (an extent of 1 stays 1; an odd extent leaves a last cell with one child).
//
// Colouring for Gauss–Seidel: cells of one colour must not be face neighbours, so a colour can be
// updated in parallel and in any order. With closed sides or even periodic extents the lattice is
// bipartite and two colours (parity of x + y + z) suffice. A periodic axis with an odd extent is
// an odd cycle; its last cell gets colour 2 on that axis, and a cell's colour is the sum of its
// per-axis colours modulo 3. Neighbours differ on exactly one axis by 1 or 2 (never by 0 mod 3),
// so the three colours are proper.

#include <cstddef>
#include <limits>

namespace ssbsim::micro {

struct VoxelGrid {
    std::size_t nx = 0, ny = 0, nz = 0;
    /// Periodic sides; only meaningful with an extent of at least 2 (see withSides()).
    bool periodicX = false, periodicY = false;

    /// A grid whose periodic flags are dropped on axes with a single cell, where the periodic
    /// neighbour would be the cell itself.
    static VoxelGrid withSides(std::size_t nx, std::size_t ny, std::size_t nz, bool periodicX,
                               bool periodicY) {
        return {nx, ny, nz, periodicX && nx >= 2, periodicY && ny >= 2};
    }

    std::size_t cells() const { return nx * ny * nz; }
    std::size_t slice() const { return nx * ny; }
    std::size_t rowStart(std::size_t y, std::size_t z) const { return nx * (y + ny * z); }

    /// The grid of the next coarser level (2×2×2 aggregation).
    VoxelGrid coarser() const {
        return withSides(half(nx), half(ny), half(nz), periodicX, periodicY);
    }
    static std::size_t half(std::size_t n) { return (n + 1) / 2; }

    // --- colouring -------------------------------------------------------------------------
    bool oddCycleX() const { return periodicX && nx % 2 == 1; }
    bool oddCycleY() const { return periodicY && ny % 2 == 1; }
    int colours() const { return oddCycleX() || oddCycleY() ? 3 : 2; }
    int colourY(std::size_t y) const { return oddCycleY() && y + 1 == ny ? 2 : static_cast<int>(y & 1u); }
    int colourZ(std::size_t z) const { return static_cast<int>(z & 1u); }

    /// Calls f(x) for every x of row (y, z) whose cell has colour `colour`.
    template <class F>
    void forEachOfColour(int colour, std::size_t y, std::size_t z, F&& f) const {
        const int k = colours();
        const int target = ((colour - colourY(y) - colourZ(z)) % k + k) % k;  // wanted colour on x
        const bool lastIsTwo = oddCycleX();
        if (target == 2) {
            if (lastIsTwo) f(nx - 1);
            return;
        }
        const std::size_t end = lastIsTwo ? nx - 1 : nx;
        for (std::size_t x = static_cast<std::size_t>(target); x < end; x += 2) f(x);
    }
};

/// Indices of the rows next to row (y, z), or the row itself where there is no neighbour (a closed
/// side or a z face): the caller then gives that link conductance 0.
struct RowLinks {
    std::size_t y = 0, z = 0;
    std::size_t self = 0, yMinus = 0, yPlus = 0, zMinus = 0, zPlus = 0;
    bool hasYMinus = false, hasYPlus = false, hasZMinus = false, hasZPlus = false;
    bool firstSlice = false, lastSlice = false;

    RowLinks(const VoxelGrid& g, std::size_t row_y, std::size_t row_z)
        : y(row_y), z(row_z), self(g.rowStart(row_y, row_z)) {
        const std::size_t nx = g.nx;
        hasYMinus = y > 0 || g.periodicY;
        hasYPlus = y + 1 < g.ny || g.periodicY;
        yMinus = y > 0 ? self - nx : (g.periodicY ? self + nx * (g.ny - 1) : self);
        yPlus = y + 1 < g.ny ? self + nx : (g.periodicY ? self - nx * (g.ny - 1) : self);
        hasZMinus = z > 0;
        hasZPlus = z + 1 < g.nz;
        zMinus = hasZMinus ? self - g.slice() : self;
        zPlus = hasZPlus ? self + g.slice() : self;
        firstSlice = z == 0;
        lastSlice = z + 1 == g.nz;
    }
};

/// x neighbours of cell x in a row: index within the row, and whether the link exists.
struct ColumnLinks {
    std::size_t minus, plus;
    bool hasMinus, hasPlus;

    ColumnLinks(const VoxelGrid& g, std::size_t x) {
        hasMinus = x > 0 || g.periodicX;
        hasPlus = x + 1 < g.nx || g.periodicX;
        minus = x > 0 ? x - 1 : (g.periodicX ? g.nx - 1 : x);
        plus = x + 1 < g.nx ? x + 1 : (g.periodicX ? 0 : x);
    }
};

}  // namespace ssbsim::micro
