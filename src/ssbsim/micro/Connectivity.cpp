// Connected components by one raster scan with union-find over provisional labels (the classic
// two-pass labelling of Rosenfeld & Pfaltz, J. ACM 13, 471 (1966), doi 10.1145/321356.321357),
// no recursion, so a 500^3 volume needs O(N) time and 4 bytes per voxel plus one parent entry per
// provisional label. See docs/physics/microstructure.md#connectivity.
//
// Determinism: provisional labels are created in scan order (x fastest) and a union keeps the
// smaller root, so every set's root is its first label in scan order. Final component numbers
// follow their roots, i.e. component 1 holds the first phase voxel in scan order, component 2 the
// first voxel not connected to component 1, and so on, independent of the periodic options.
#include "ssbsim/micro/Connectivity.h"

#include <fmt/format.h>

#include <cstddef>
#include <limits>
#include <stdexcept>

namespace ssbsim::micro {

namespace {

using Id = std::uint32_t;

/// 256-entry membership table, one lookup per voxel instead of a search of `phases`.
std::array<bool, 256> membershipTable(const PhaseSet& phases) {
    std::array<bool, 256> member{};
    for (io::Label p : phases) member[p] = true;
    return member;
}

/// Disjoint sets over provisional labels 1..size(); entry 0 is unused (0 means "no label").
class ProvisionalLabels {
  public:
    ProvisionalLabels() { parent_.push_back(0); }

    Id make() {
        if (parent_.size() > std::numeric_limits<Id>::max() - 1)
            throw std::length_error("connected components: more than 2^32 - 2 provisional labels");
        const auto label = static_cast<Id>(parent_.size());
        parent_.push_back(label);
        return label;
    }

    Id find(Id label) {
        // Path halving: every visited node skips to its grandparent.
        while (parent_[label] != label) {
            parent_[label] = parent_[parent_[label]];
            label = parent_[label];
        }
        return label;
    }

    /// Joins the sets of a and b; the smaller root survives (see the determinism note above).
    Id unite(Id a, Id b) {
        a = find(a);
        b = find(b);
        if (a == b) return a;
        if (a < b) {
            parent_[b] = a;
            return a;
        }
        parent_[a] = b;
        return b;
    }

    std::size_t size() const { return parent_.size() - 1; }

  private:
    std::vector<Id> parent_;
};

/// First pass: every phase voxel gets a provisional label shared with its -x, -y and -z
/// neighbours; labels of neighbours that meet are united.
void labelProvisionally(const io::VoxelVolume& volume, const std::array<bool, 256>& member,
                        std::vector<Id>& id, ProvisionalLabels& sets) {
    const auto [nx, ny, nz] = volume.shape();
    const std::size_t slice = nx * ny;
    const io::Label* label = volume.data();
    for (std::size_t z = 0; z < nz; ++z)
        for (std::size_t y = 0; y < ny; ++y) {
            const std::size_t row = nx * (y + ny * z);
            for (std::size_t x = 0; x < nx; ++x) {
                const std::size_t i = row + x;
                if (!member[label[i]]) continue;
                Id own = x > 0 ? id[i - 1] : 0;
                const Id below = y > 0 ? id[i - nx] : 0;
                const Id behind = z > 0 ? id[i - slice] : 0;
                for (Id other : {below, behind}) {
                    if (other == 0) continue;
                    own = own == 0 ? other : (own == other ? own : sets.unite(own, other));
                }
                id[i] = own != 0 ? own : sets.make();
            }
        }
}

/// Joins voxels on the two faces normal to `axis` (periodic wrap-around).
void joinPeriodicFaces(const io::VoxelVolume& volume, int axis, const std::vector<Id>& id,
                       ProvisionalLabels& sets) {
    const auto& shape = volume.shape();
    const std::size_t n = shape[axis];
    if (n < 2) return;  // a one-voxel-thick volume is its own periodic neighbour
    const int u = (axis + 1) % 3;
    const int v = (axis + 2) % 3;
    std::array<std::size_t, 3> c{};
    for (c[v] = 0; c[v] < shape[v]; ++c[v])
        for (c[u] = 0; c[u] < shape[u]; ++c[u]) {
            c[axis] = 0;
            const Id first = id[volume.index(c[0], c[1], c[2])];
            c[axis] = n - 1;
            const Id last = id[volume.index(c[0], c[1], c[2])];
            if (first != 0 && last != 0) sets.unite(first, last);
        }
}

void checkAxis(int axis) {
    if (axis < 0 || axis > 2)
        throw std::invalid_argument(fmt::format("axis must be 0 (x), 1 (y) or 2 (z), got {}", axis));
}

}  // namespace

Components connectedComponents(const io::VoxelVolume& volume, const PhaseSet& phases,
                               std::array<bool, 3> periodic) {
    Components result;
    result.id.assign(volume.voxelCount(), 0);
    if (volume.voxelCount() == 0) return result;

    ProvisionalLabels sets;
    labelProvisionally(volume, membershipTable(phases), result.id, sets);
    for (int axis = 0; axis < 3; ++axis)
        if (periodic[axis]) joinPeriodicFaces(volume, axis, result.id, sets);

    // Second pass: roots in increasing order get component numbers 1, 2, ...
    std::vector<Id> number(sets.size() + 1, 0);
    for (Id label = 1; label <= sets.size(); ++label) {
        const Id root = sets.find(label);
        if (root == label) {
            number[label] = ++result.count;
            result.sizes.push_back(0);
        } else {
            number[label] = number[root];  // root < label, numbered already
        }
    }
    for (Id& voxel : result.id) {
        if (voxel == 0) continue;
        voxel = number[voxel];
        ++result.sizes[voxel - 1];
    }
    return result;
}

std::vector<std::uint8_t> spanningMask(const io::VoxelVolume& volume, const PhaseSet& phases, int axis,
                                       std::array<bool, 3> periodic) {
    checkAxis(axis);
    if (periodic[axis])
        throw std::invalid_argument(fmt::format(
            "spanning mask along axis {}: that axis cannot be periodic, its two faces are the ones "
            "to be connected",
            axis));
    const Components components = connectedComponents(volume, phases, periodic);

    // A component spans when it has voxels on both faces normal to `axis`.
    std::vector<std::uint8_t> touchesFirst(components.count + 1, 0);
    std::vector<std::uint8_t> touchesLast(components.count + 1, 0);
    const auto& shape = volume.shape();
    const int u = (axis + 1) % 3;
    const int v = (axis + 2) % 3;
    std::array<std::size_t, 3> c{};
    for (c[v] = 0; c[v] < shape[v]; ++c[v])
        for (c[u] = 0; c[u] < shape[u]; ++c[u]) {
            c[axis] = 0;
            touchesFirst[components.id[volume.index(c[0], c[1], c[2])]] = 1;
            c[axis] = shape[axis] - 1;
            touchesLast[components.id[volume.index(c[0], c[1], c[2])]] = 1;
        }

    std::vector<std::uint8_t> mask(volume.voxelCount(), 0);
    for (std::size_t i = 0; i < mask.size(); ++i) {
        const Id c_i = components.id[i];
        mask[i] = static_cast<std::uint8_t>(c_i != 0 && touchesFirst[c_i] && touchesLast[c_i]);
    }
    return mask;
}

}  // namespace ssbsim::micro
