// Building the voxel resistor network (docs/physics/microstructure.md#effective-conductivity).
#include "ssbsim/micro/ConductanceNetwork.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "ssbsim/core/Error.h"
#include "ssbsim/micro/Connectivity.h"

namespace ssbsim::micro {

namespace {

void requireNonNegative(double value, const std::string& what) {
    if (!std::isfinite(value) || value < 0.0)
        throw InputError(fmt::format("{} must be a finite number ≥ 0, got {}", what, value));
}

/// Storage axis that becomes internal axis a (0 = x', 1 = y', 2 = z' = transport): a cyclic
/// permutation, so the side axes keep their handedness.
int storageAxis(int transportAxis, int a) { return (transportAxis + 1 + a) % 3; }

/// The labels of `volume` rearranged so that `axis` becomes the slowest (z) axis. Copies in
/// 32³ blocks so that both the reads and the scattered writes stay in cache.
std::vector<io::Label> permutedLabels(const io::VoxelVolume& volume, int axis) {
    if (axis == 2) return volume.labels();
    const auto& n = volume.shape();
    const std::size_t ax = static_cast<std::size_t>(storageAxis(axis, 0));
    const std::size_t ay = static_cast<std::size_t>(storageAxis(axis, 1));
    const std::size_t az = static_cast<std::size_t>(axis);
    // Stride in the permuted array of a unit step along each storage axis.
    std::array<std::size_t, 3> stride{};
    stride[ax] = 1;
    stride[ay] = n[ax];
    stride[az] = n[ax] * n[ay];
    std::vector<io::Label> out(volume.voxelCount());
    const io::Label* in = volume.data();
    constexpr std::size_t block = 32;
    for (std::size_t z0 = 0; z0 < n[2]; z0 += block)
        for (std::size_t y0 = 0; y0 < n[1]; y0 += block)
            for (std::size_t x0 = 0; x0 < n[0]; x0 += block)
                for (std::size_t z = z0; z < std::min(z0 + block, n[2]); ++z)
                    for (std::size_t y = y0; y < std::min(y0 + block, n[1]); ++y)
                        for (std::size_t x = x0; x < std::min(x0 + block, n[0]); ++x)
                            out[x * stride[0] + y * stride[1] + z * stride[2]] =
                                in[x + n[0] * (y + n[1] * z)];
    return out;
}

}  // namespace

PhaseTable PhaseTable::from(const ConductivityProblem& problem) {
    PhaseTable table;
    std::array<bool, 256> listed{};
    for (const PhaseConductivity& p : problem.phases) {
        if (listed[p.label])
            throw InputError(fmt::format("label {} is given a conductivity twice", p.label));
        listed[p.label] = true;
        requireNonNegative(p.conductivity, fmt::format("the conductivity of label {} (S/m)", p.label));
        table.conductivity[p.label] = p.conductivity;
    }
    requireNonNegative(problem.interfaceResistance, "the interface resistance (Ohm m2)");
    for (std::size_t a = 0; a < 256; ++a)
        for (std::size_t b = 0; b < 256; ++b) table.resistance[a][b] = a == b ? 0.0 : problem.interfaceResistance;
    for (const InterfaceResistance& r : problem.pairResistances) {
        requireNonNegative(r.resistance, fmt::format("the interface resistance between labels {} and {} (Ohm m2)",
                                                     r.first, r.second));
        if (r.first == r.second)
            throw InputError(fmt::format("an interface resistance needs two different labels, got {} twice", r.first));
        table.resistance[r.first][r.second] = r.resistance;
        table.resistance[r.second][r.first] = r.resistance;
    }
    return table;
}

double linkConductance(double sigmaA, double sigmaB, double spacing, double area, double interfaceResistance) {
    if (sigmaA <= 0.0 || sigmaB <= 0.0) return 0.0;
    // Series: ½h/(σ_A·A) + ½h/(σ_B·A) + R/A.
    return area / (0.5 * spacing / sigmaA + 0.5 * spacing / sigmaB + interfaceResistance);
}

ConductanceNetwork ConductanceNetwork::build(const io::VoxelVolume& volume, const PhaseTable& phases, int axis,
                                             SideBoundary sides) {
    if (axis < 0 || axis > 2)
        throw std::invalid_argument(fmt::format("transport axis must be 0 (x), 1 (y) or 2 (z), got {}", axis));
    ConductanceNetwork net;

    // Phase statistics over the whole volume (isolated clusters included, as TauFactor does).
    std::array<std::size_t, 256> count{};
    for (io::Label l : volume.labels()) ++count[l];
    const double voxels = static_cast<double>(volume.voxelCount());
    PhaseSet conducting;
    net.labelOfClass.push_back(0);  // class 0: not solved
    for (std::size_t l = 0; l < 256; ++l) {
        const double sigma = phases.conductivity[l];
        if (sigma <= 0.0) continue;
        net.referenceConductivity = std::max(net.referenceConductivity, sigma);
        net.meanConductivity += sigma * static_cast<double>(count[l]) / voxels;
        net.conductingVoxels += count[l];
        if (count[l] == 0) continue;  // no class for a label that is absent
        conducting.push_back(static_cast<io::Label>(l));
        net.labelOfClass.push_back(static_cast<io::Label>(l));
    }
    net.classes = net.labelOfClass.size();
    if (net.classes > 256)
        throw InputError("at most 255 different conducting labels can be present in one volume (one byte "
                         "per voxel holds the phase class)");

    // Internal orientation and geometry.
    const bool periodic = sides == SideBoundary::Periodic;
    std::array<std::size_t, 3> n{};
    std::array<double, 3> h{};
    for (int a = 0; a < 3; ++a) {
        const int s = a == 2 ? axis : storageAxis(axis, a);
        n[a] = volume.extent(s);
        h[a] = volume.voxelSize()[s];
    }
    net.grid = VoxelGrid::withSides(n[0], n[1], n[2], periodic, periodic);

    // Which voxels are solved: the conducting ones in networks touching both z faces.
    io::VoxelVolume internal({n[0], n[1], n[2]}, {h[0], h[1], h[2]});
    internal.labels() = permutedLabels(volume, axis);
    {
        const std::vector<std::uint8_t> spanning =
            conducting.empty() ? std::vector<std::uint8_t>(internal.voxelCount(), 0)
                               : spanningMask(internal, conducting, 2, {net.grid.periodicX, net.grid.periodicY, false});
        std::array<std::uint8_t, 256> classOf{};
        for (std::size_t c = 1; c < net.classes; ++c) classOf[net.labelOfClass[c]] = static_cast<std::uint8_t>(c);
        net.phaseClass = std::move(internal.labels());
        for (std::size_t i = 0; i < net.phaseClass.size(); ++i) {
            const std::uint8_t c = spanning[i] ? classOf[net.phaseClass[i]] : 0;
            net.phaseClass[i] = c;
            net.spanningVoxels += c != 0;
        }
    }

    // Link and boundary conductances, scaled by the z link of two σ_ref voxels.
    if (net.classes == 1) return net;
    const std::array<double, 3> area{h[1] * h[2], h[0] * h[2], h[0] * h[1]};
    net.referenceConductance = net.referenceConductivity * area[2] / h[2];
    for (int a = 0; a < 3; ++a) {
        auto& table = net.link[a];
        table.assign(net.classes * net.classes, 0.0);
        for (std::size_t ci = 1; ci < net.classes; ++ci)
            for (std::size_t cj = 1; cj < net.classes; ++cj) {
                const io::Label li = net.labelOfClass[ci], lj = net.labelOfClass[cj];
                table[ci * net.classes + cj] =
                    linkConductance(phases.conductivity[li], phases.conductivity[lj], h[a], area[a],
                                    phases.resistance[li][lj]) /
                    net.referenceConductance;
            }
    }
    net.boundary.assign(net.classes, 0.0);
    for (std::size_t c = 1; c < net.classes; ++c)
        // Half a voxel of phase c between the voxel centre and the electrode face.
        net.boundary[c] = phases.conductivity[net.labelOfClass[c]] * area[2] / (0.5 * h[2]) / net.referenceConductance;
    return net;
}

}  // namespace ssbsim::micro
