// Connected components and spanning masks: hand-built volumes with known answers, and random
// volumes checked voxel by voxel against a plain breadth-first flood fill.
#include <gtest/gtest.h>

#include <cstdint>
#include <queue>
#include <random>
#include <stdexcept>
#include <vector>

#include "ssbsim/io/VoxelVolume.h"
#include "ssbsim/micro/Connectivity.h"

namespace {

using ssbsim::io::Label;
using ssbsim::io::VoxelVolume;
using ssbsim::micro::connectedComponents;
using ssbsim::micro::spanningMask;

VoxelVolume cube(std::size_t n, Label fill = 0) { return VoxelVolume({n, n, n}, {1e-6, 1e-6, 1e-6}, fill); }

// Reference: breadth-first flood fill from each unvisited phase voxel in scan order. Numbers
// components in the order of their first voxel, as connectedComponents promises.
std::vector<std::uint32_t> floodFill(const VoxelVolume& v, Label phase, std::array<bool, 3> periodic) {
    const auto [nx, ny, nz] = v.shape();
    std::vector<std::uint32_t> id(v.voxelCount(), 0);
    std::uint32_t count = 0;
    for (std::size_t start = 0; start < id.size(); ++start) {
        if (v.labels()[start] != phase || id[start] != 0) continue;
        id[start] = ++count;
        std::queue<std::size_t> queue;
        queue.push(start);
        while (!queue.empty()) {
            const std::size_t i = queue.front();
            queue.pop();
            const std::array<std::size_t, 3> c{i % nx, (i / nx) % ny, i / (nx * ny)};
            for (int axis = 0; axis < 3; ++axis)
                for (int step : {-1, 1}) {
                    auto d = c;
                    const auto n = static_cast<long>(v.extent(axis));
                    long moved = static_cast<long>(c[axis]) + step;
                    if (moved < 0 || moved >= n) {
                        if (!periodic[axis]) continue;
                        moved = (moved + n) % n;
                    }
                    d[axis] = static_cast<std::size_t>(moved);
                    const std::size_t j = v.index(d[0], d[1], d[2]);
                    if (v.labels()[j] == phase && id[j] == 0) {
                        id[j] = count;
                        queue.push(j);
                    }
                }
        }
    }
    return id;
}

TEST(Connectivity, EmptyAndFullVolumes) {
    const auto empty = connectedComponents(cube(4, 0), {1});
    EXPECT_EQ(empty.count, 0u);
    EXPECT_TRUE(empty.sizes.empty());

    const auto full = connectedComponents(cube(4, 1), {1});
    EXPECT_EQ(full.count, 1u);
    ASSERT_EQ(full.sizes.size(), 1u);
    EXPECT_EQ(full.sizes[0], 64u);
}

TEST(Connectivity, DiagonalNeighboursAreNotConnected) {
    // Two voxels sharing only an edge, and two sharing only a corner: 6-connectivity keeps them apart.
    VoxelVolume v = cube(3);
    v(0, 0, 0) = 1;
    v(1, 1, 0) = 1;
    v(2, 2, 1) = 1;
    const auto c = connectedComponents(v, {1});
    EXPECT_EQ(c.count, 3u);
    EXPECT_EQ(c.id[v.index(0, 0, 0)], 1u);
    EXPECT_EQ(c.id[v.index(1, 1, 0)], 2u);
    EXPECT_EQ(c.id[v.index(2, 2, 1)], 3u);
}

TEST(Connectivity, UShapeMergesTwoProvisionalLabels) {
    // Two arms along y joined at the far end: the scan labels the arms separately first.
    VoxelVolume v({5, 4, 1}, {1, 1, 1}, 0);
    for (std::size_t y = 0; y < 4; ++y) {
        v(0, y, 0) = 1;
        v(4, y, 0) = 1;
    }
    for (std::size_t x = 0; x < 5; ++x) v(x, 3, 0) = 1;
    const auto c = connectedComponents(v, {1});
    EXPECT_EQ(c.count, 1u);
    EXPECT_EQ(c.sizes[0], 11u);
}

TEST(Connectivity, PhaseSetJoinsLabels) {
    // Labels 1 and 2 alternate along a line: separate as single phases, one network together.
    VoxelVolume v({6, 1, 1}, {1, 1, 1}, 0);
    for (std::size_t x = 0; x < 6; ++x) v(x, 0, 0) = static_cast<Label>(1 + x % 2);
    EXPECT_EQ(connectedComponents(v, {1}).count, 3u);
    EXPECT_EQ(connectedComponents(v, {1, 2}).count, 1u);
}

TEST(Connectivity, PeriodicJoinsOppositeFaces) {
    VoxelVolume v({5, 1, 1}, {1, 1, 1}, 0);
    v(0, 0, 0) = 1;
    v(4, 0, 0) = 1;
    EXPECT_EQ(connectedComponents(v, {1}).count, 2u);
    const auto wrapped = connectedComponents(v, {1}, {true, false, false});
    EXPECT_EQ(wrapped.count, 1u);
    EXPECT_EQ(wrapped.sizes[0], 2u);
    EXPECT_EQ(connectedComponents(v, {1}, {false, true, true}).count, 2u);
}

TEST(Connectivity, MatchesFloodFillOnRandomVolumes) {
    // Near the site-percolation threshold of the simple cubic lattice (0.3116) components have
    // every shape, which exercises all union paths.
    std::mt19937 rng(7);
    for (double fraction : {0.25, 0.31, 0.5}) {
        for (std::array<bool, 3> periodic : {std::array<bool, 3>{false, false, false},
                                             std::array<bool, 3>{true, false, true}}) {
            VoxelVolume v({13, 11, 9}, {1, 1, 1}, 0);
            std::bernoulli_distribution solid(fraction);
            for (auto& l : v.labels()) l = solid(rng) ? 1 : 0;
            const auto c = connectedComponents(v, {1}, periodic);
            const auto expected = floodFill(v, 1, periodic);
            ASSERT_EQ(c.id, expected) << "fraction " << fraction;
            std::vector<std::uint64_t> sizes(c.count, 0);
            for (auto i : expected)
                if (i != 0) ++sizes[i - 1];
            EXPECT_EQ(c.sizes, sizes);
        }
    }
}

TEST(Connectivity, SpanningMaskKeepsOnlyComponentsTouchingBothFaces) {
    // A straight rod along x spans; a dead-end branch off it is part of the spanning component;
    // an isolated blob is not. Along y nothing spans.
    VoxelVolume v({6, 5, 3}, {1, 1, 1}, 0);
    for (std::size_t x = 0; x < 6; ++x) v(x, 1, 1) = 1;
    v(2, 2, 1) = 1;  // dead end
    v(4, 4, 0) = 1;  // isolated
    const auto mask = spanningMask(v, {1}, 0);
    EXPECT_EQ(mask[v.index(0, 1, 1)], 1);
    EXPECT_EQ(mask[v.index(5, 1, 1)], 1);
    EXPECT_EQ(mask[v.index(2, 2, 1)], 1);
    EXPECT_EQ(mask[v.index(4, 4, 0)], 0);
    EXPECT_EQ(mask[v.index(0, 0, 0)], 0);
    std::size_t total = 0;
    for (auto m : mask) total += m;
    EXPECT_EQ(total, 7u);

    for (auto m : spanningMask(v, {1}, 1)) EXPECT_EQ(m, 0);
}

TEST(Connectivity, SpanningThroughPeriodicSides) {
    // A staircase that only connects the x faces by wrapping around in y.
    VoxelVolume v({4, 3, 1}, {1, 1, 1}, 0);
    v(0, 2, 0) = 1;
    v(1, 2, 0) = 1;
    v(1, 0, 0) = 1;  // joins (1, 2) through the periodic y boundary
    v(2, 0, 0) = 1;
    v(3, 0, 0) = 1;
    auto count = [](const std::vector<std::uint8_t>& m) {
        std::size_t n = 0;
        for (auto b : m) n += b;
        return n;
    };
    EXPECT_EQ(count(spanningMask(v, {1}, 0)), 0u);
    EXPECT_EQ(count(spanningMask(v, {1}, 0, {false, true, false})), 5u);
}

TEST(Connectivity, RejectsBadAxis) {
    const VoxelVolume v = cube(2, 1);
    EXPECT_THROW(spanningMask(v, {1}, 3), std::invalid_argument);
    EXPECT_THROW(spanningMask(v, {1}, -1), std::invalid_argument);
    EXPECT_THROW(spanningMask(v, {1}, 0, {true, false, false}), std::invalid_argument);
}

}  // namespace
