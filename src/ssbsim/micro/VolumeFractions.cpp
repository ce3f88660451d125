#include "ssbsim/micro/VolumeFractions.h"

namespace ssbsim::micro {

std::array<std::uint64_t, 256> labelCounts(const io::VoxelVolume& volume) {
    std::array<std::uint64_t, 256> counts{};
    for (io::Label l : volume.labels()) ++counts[l];
    return counts;
}

std::vector<PhaseFraction> volumeFractions(const io::VoxelVolume& volume) {
    const auto counts = labelCounts(volume);
    const auto total = static_cast<double>(volume.voxelCount());
    std::vector<PhaseFraction> out;
    for (std::size_t l = 0; l < counts.size(); ++l) {
        if (counts[l] == 0) continue;
        const auto label = static_cast<io::Label>(l);
        const auto name = volume.phaseNames().find(label);
        out.push_back({label, name == volume.phaseNames().end() ? std::string() : name->second,
                       counts[l], static_cast<double>(counts[l]) / total});
    }
    return out;
}

double volumeFraction(const io::VoxelVolume& volume, const PhaseSet& phases) {
    if (volume.voxelCount() == 0) return 0.0;
    const auto counts = labelCounts(volume);
    std::array<bool, 256> member{};
    std::uint64_t n = 0;
    for (io::Label p : phases) {
        if (!member[p]) n += counts[p];  // a label listed twice counts once
        member[p] = true;
    }
    return static_cast<double>(n) / static_cast<double>(volume.voxelCount());
}

}  // namespace ssbsim::micro
