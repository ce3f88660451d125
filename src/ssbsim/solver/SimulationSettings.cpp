#include "ssbsim/solver/SimulationSettings.h"

#include <cmath>

namespace ssbsim::solver {

namespace {

size_t readCount(const io::ConfigNode& node, double minimum) {
    const double n = node.asQuantity("1", io::Bounds::between(minimum, 100000));
    if (n != std::floor(n)) node.fail("expected a whole number");
    return static_cast<size_t>(n);
}

/// `profile-times: [0 s, 30 min, 1 h]`: ascending times from the start of the experiment.
std::vector<double> readTimes(const io::ConfigNode& node) {
    if (!node.isSequence()) node.fail("expected a list of times, e.g. [0 s, 30 min, 1 h]");
    std::vector<double> times;
    for (const io::ConfigNode& item : node.items()) {
        times.push_back(item.asQuantity("s", io::Bounds::nonNegative()));
        if (times.size() > 1 && times.back() <= times[times.size() - 2])
            item.fail("profile times must be in increasing order");
    }
    return times;
}

}  // namespace

SimulationSettings readSimulationSettings(const io::ConfigNode* node) {
    SimulationSettings s;
    if (!node) return s;
    node->expectKeys({"negative-cells", "separator-cells", "positive-cells", "particle-shells",
                      "relative-tolerance", "initial-soc", "profile-times", "profile-period"});
    if (auto n = node->find("negative-cells")) s.discretization.negativeCells = readCount(*n, 1);
    if (auto n = node->find("separator-cells")) s.discretization.separatorCells = readCount(*n, 1);
    if (auto n = node->find("positive-cells")) s.discretization.positiveCells = readCount(*n, 1);
    if (auto n = node->find("particle-shells")) s.discretization.particleShells = readCount(*n, 2);
    if (auto r = node->find("relative-tolerance"))
        s.options.integrator.relativeTolerance =
            r->asQuantity("1", io::Bounds{minRelativeTolerance, maxRelativeTolerance, true, true});
    if (auto soc = node->find("initial-soc"))
        s.options.initialStateOfCharge = soc->asQuantity("1", io::Bounds::fraction());
    if (auto times = node->find("profile-times")) s.options.profileTimes = readTimes(*times);
    if (auto period = node->find("profile-period"))
        s.options.profilePeriod = period->asQuantity("s", io::Bounds::positive());
    return s;
}

}  // namespace ssbsim::solver
