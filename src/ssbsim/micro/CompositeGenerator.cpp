#include "ssbsim/micro/CompositeGenerator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ssbsim/core/Error.h"
#include "ssbsim/micro/SpherePacking.h"

namespace ssbsim::micro {

namespace {

using L = CompositeLabels;

// Sub-streams of the seed, one per phase (see Random.h, substreamSeed).
constexpr std::uint64_t kCamStream = 1, kCarbonStream = 2, kSeStream = 3;

std::uint64_t roundedCount(double fraction, std::size_t voxels) {
    return static_cast<std::uint64_t>(std::llround(fraction * static_cast<double>(voxels)));
}

double fractionOf(const io::VoxelVolume& volume, io::Label label) {
    std::size_t n = 0;
    for (io::Label l : volume.labels()) n += l == label;
    return static_cast<double>(n) / static_cast<double>(volume.voxelCount());
}

/// Voxel targets by cumulative rounding: phase k gets round(N·Σ_{j≤k} φ_j) − round(N·Σ_{j<k} φ_j),
/// so each is within one voxel of φ_k·N and together they never exceed N.
class CumulativeTargets {
  public:
    explicit CumulativeTargets(std::size_t voxels) : voxels_(voxels) {}
    std::uint64_t next(double fraction) {
        sum_ += fraction;
        const std::uint64_t upTo = std::min<std::uint64_t>(roundedCount(sum_, voxels_), voxels_);
        const std::uint64_t count = upTo - assigned_;
        assigned_ = upTo;
        return count;
    }

  private:
    std::size_t voxels_;
    double sum_ = 0.0;
    std::uint64_t assigned_ = 0;
};

void packPhase(io::VoxelVolume& volume, GeneratedVolume& out, const CompositeSpec& spec,
               PackingTarget target, const ParticlePhaseSpec& phase, std::uint64_t voxels,
               std::uint64_t stream) {
    Random random(substreamSeed(spec.seed, stream));
    target.voxels = voxels;
    target.diameters = phase.diameters;
    target.maxOverlap = phase.maxOverlap;
    for (const PlacedShape& s : packBalls(volume, target, spec.periodic, random))
        out.shapes.push_back(s);
}

}  // namespace

GeneratedVolume generateComposite(const CompositeSpec& spec) {
    const double solids = spec.cam.volumeFraction + spec.se.volumeFraction +
                          (spec.carbon ? spec.carbon->volumeFraction : 0.0);
    if (solids > 1.0 + 1e-9)
        throw InputError(fmt::format(
            "the volume fractions of CAM, SE and carbon add up to {:.4g}; they must leave a "
            "porosity >= 0",
            solids));

    GeneratedVolume out;
    out.volume = io::VoxelVolume(spec.size, spec.voxelSize, L::pore);
    io::VoxelVolume& v = out.volume;
    v.phaseNames() = {{L::pore, "pore"}, {L::cam, "CAM"}, {L::se, "SE"}};
    if (spec.carbon) v.phaseNames()[L::carbon] = "carbon";

    const LabelMask pore = labelMask({L::pore});
    CumulativeTargets counts(v.voxelCount());
    packPhase(v, out, spec, PackingTarget{.what = "cam", .label = L::cam, .paintOver = pore},
              spec.cam, counts.next(spec.cam.volumeFraction), kCamStream);
    if (spec.carbon) {
        PackingTarget carbon{
            .what = "carbon", .label = L::carbon, .paintOver = pore, .centreOn = pore};
        if (spec.carbonPlacement == CarbonPlacement::OnCam)
            carbon.centreNextTo = labelMask({L::cam});
        packPhase(v, out, spec, carbon, *spec.carbon, counts.next(spec.carbon->volumeFraction),
                  kCarbonStream);
    }
    packPhase(v, out, spec,
              PackingTarget{.what = "se", .label = L::se, .paintOver = pore, .centreOn = pore},
              spec.se, counts.next(spec.se.volumeFraction), kSeStream);

    out.targets.push_back({"CAM volume fraction", spec.cam.volumeFraction, fractionOf(v, L::cam)});
    out.targets.push_back({"SE volume fraction", spec.se.volumeFraction, fractionOf(v, L::se)});
    if (spec.carbon)
        out.targets.push_back(
            {"carbon volume fraction", spec.carbon->volumeFraction, fractionOf(v, L::carbon)});
    out.targets.push_back({"porosity", 1.0 - solids, fractionOf(v, L::pore)});
    return out;
}

}  // namespace ssbsim::micro
