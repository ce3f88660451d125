#include "ssbsim/micro/InterfaceVoidGenerator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ssbsim/core/Error.h"
#include "ssbsim/core/Random.h"
#include "ssbsim/micro/VoxelPainter.h"

namespace ssbsim::micro {

namespace {

using L = InterfaceLabels;

constexpr std::uint64_t kVoidStream = 1;
/// Voids in a row that uncover no interface voxel before giving up.
constexpr int kFruitlessVoids = 100000;
/// Bisection steps on the scale of the void that would overshoot.
constexpr int kTrimSteps = 50;

/// Voxels of `painting` in layer z = `layer`.
std::uint64_t inLayer(const Painting& painting, std::size_t layer, std::size_t sliceSize) {
    std::uint64_t n = 0;
    for (std::size_t i : painting.index) n += i / sliceSize == layer;
    return n;
}

Ellipsoid cap(const std::array<double, 3>& centre, double radius, double aspect) {
    return {centre, {radius, radius, aspect * radius}};
}

std::size_t interfaceLayer(const InterfaceVoidSpec& spec) {
    const double k = std::round(spec.seThickness / spec.voxelSize[2]);
    if (k < 1.0 || k > static_cast<double>(spec.size[2]) - 1.0)
        throw InputError(fmt::format(
            "se-thickness {:g} m is {:g} voxel layers of {:g} m; it must leave at least one "
            "layer of SE and one of Li in the {} layers along z",
            spec.seThickness, k, spec.voxelSize[2], spec.size[2]));
    return static_cast<std::size_t>(k);
}

void checkVoidsVisible(const InterfaceVoidSpec& spec) {
    // A cap shows in the first Li layer only where it reaches that layer's centres, half a voxel
    // above the plane.
    const double depth = spec.aspectRatio * 0.5 * spec.voidDiameters.median();
    if (depth <= 0.5 * spec.voxelSize[2])
        throw InputError(fmt::format(
            "voids of the median diameter are {:g} m deep (aspect-ratio × diameter / 2), no more "
            "than half a voxel ({:g} m): they would not show in the voxels; raise aspect-ratio "
            "or the diameter, or use thinner voxels",
            depth, 0.5 * spec.voxelSize[2]));
}

}  // namespace

GeneratedVolume generateInterfaceVoids(const InterfaceVoidSpec& spec) {
    const std::size_t layer = interfaceLayer(spec);
    if (spec.contactFraction < 1.0) checkVoidsVisible(spec);

    GeneratedVolume out;
    out.volume = io::VoxelVolume(spec.size, spec.voxelSize, L::li);
    io::VoxelVolume& v = out.volume;
    v.phaseNames() = {{L::voids, "void"}, {L::li, "Li"}, {L::se, "SE"}};
    const std::size_t slice = spec.size[0] * spec.size[1];
    std::fill(v.labels().begin(), v.labels().begin() + static_cast<std::ptrdiff_t>(layer * slice),
              L::se);

    const std::array<bool, 3> periodic{spec.periodic[0], spec.periodic[1], false};
    const std::array<double, 2> box{spec.voxelSize[0] * static_cast<double>(spec.size[0]),
                                    spec.voxelSize[1] * static_cast<double>(spec.size[1])};
    const double plane = static_cast<double>(layer) * spec.voxelSize[2];
    const auto target = static_cast<std::uint64_t>(
        std::llround((1.0 - spec.contactFraction) * static_cast<double>(slice)));
    const LabelMask li = labelMask({L::li});

    Random random(substreamSeed(spec.seed, kVoidStream));
    std::uint64_t uncovered = 0;
    int fruitless = 0;
    while (uncovered < target) {
        double radius = 0.5 * spec.voidDiameters.draw(random);
        std::array<double, 3> centre{0.0, 0.0, plane};
        for (int a = 0; a < 2; ++a)
            centre[a] = periodic[a] ? random.uniform(0.0, box[a])
                                    : random.uniform(-radius, box[a] + radius);
        Painting changed = paint(v, cap(centre, radius, spec.aspectRatio), L::voids, li, periodic);
        std::uint64_t gained = inLayer(changed, layer, slice);
        bool trimmed = false;
        const std::uint64_t room = target - uncovered;
        if (gained > room) {
            // Shrink the void (footprint and depth together) to the largest size that fits.
            unpaint(v, changed);
            double lo = 0.0, hi = radius;
            for (int step = 0; step < kTrimSteps; ++step) {
                const double mid = 0.5 * (lo + hi);
                const Painting trial =
                    paint(v, cap(centre, mid, spec.aspectRatio), L::voids, li, periodic);
                const bool fits = inLayer(trial, layer, slice) <= room;
                unpaint(v, trial);
                if (fits)
                    lo = mid;
                else
                    hi = mid;
            }
            radius = lo;
            changed = paint(v, cap(centre, radius, spec.aspectRatio), L::voids, li, periodic);
            gained = inLayer(changed, layer, slice);
            trimmed = true;
        }
        if (gained == 0) {
            // Keep the volume a function of the uncovered area only: a void that misses the
            // interface layer (too shallow, or over voids already) is not kept.
            unpaint(v, changed);
            if (++fruitless == kFruitlessVoids)
                throw InputError(fmt::format(
                    "{} voids in a row uncovered no interface voxel at contact fraction {:.4f} "
                    "(target {:.4f}); use larger or deeper voids",
                    kFruitlessVoids,
                    1.0 - static_cast<double>(uncovered) / static_cast<double>(slice),
                    spec.contactFraction));
            continue;
        }
        fruitless = 0;
        uncovered += gained;
        out.shapes.push_back(
            {L::voids, centre, cap(centre, radius, spec.aspectRatio).semiAxes, trimmed});
    }

    std::uint64_t contact = 0, voids = 0;
    for (std::size_t i = layer * slice; i < (layer + 1) * slice; ++i)
        contact += v.labels()[i] == L::li;
    for (io::Label l : v.labels()) voids += l == L::voids;
    out.targets.push_back({"Li|SE contact fraction", spec.contactFraction,
                           static_cast<double>(contact) / static_cast<double>(slice)});
    out.facts.emplace_back("interface layer (z index of the first Li layer)",
                           static_cast<double>(layer));
    out.facts.emplace_back("voids", static_cast<double>(out.shapes.size()));
    out.facts.emplace_back("void volume fraction",
                           static_cast<double>(voids) / static_cast<double>(v.voxelCount()));
    return out;
}

}  // namespace ssbsim::micro
