#include "ssbsim/micro/SizeDistribution.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace ssbsim::micro {

SizeDistribution SizeDistribution::constant(double d) {
    if (!(d > 0.0)) throw std::invalid_argument(fmt::format("diameter must be > 0, got {}", d));
    SizeDistribution s;
    s.kind_ = Kind::Constant;
    s.median_ = s.min_ = s.max_ = d;
    return s;
}

SizeDistribution SizeDistribution::logNormal(double median, double logSd, double min, double max) {
    if (!(median > 0.0) || !(logSd >= 0.0) || !(min >= 0.0) || !(max > min) || median < min ||
        median > max)
        throw std::invalid_argument(fmt::format(
            "log-normal diameters need median > 0, log-sd >= 0 and min <= median <= max, got "
            "median {}, log-sd {}, min {}, max {}",
            median, logSd, min, max));
    // Truncation redraws until a diameter falls inside [min, max]; refuse a window so narrow that
    // this would take more than ~1000 draws per particle.
    if (logSd > 0.0) {
        const auto cdf = [&](double d) {
            return d <= 0.0 ? 0.0
                            : 0.5 * std::erfc(-std::log(d / median) / (logSd * std::sqrt(2.0)));
        };
        if (cdf(max) - cdf(min) < 1e-3)
            throw std::invalid_argument(fmt::format(
                "log-normal diameters: the window [{}, {}] holds less than 0.1 % of the "
                "distribution (median {}, log-sd {})",
                min, max, median, logSd));
    }
    SizeDistribution s;
    s.kind_ = Kind::LogNormal;
    s.median_ = median;
    s.logSd_ = logSd;
    s.min_ = min;
    s.max_ = max;
    return s;
}

SizeDistribution SizeDistribution::list(std::vector<double> diameters) {
    if (diameters.empty()) throw std::invalid_argument("a diameter list needs at least one entry");
    for (double d : diameters)
        if (!(d > 0.0)) throw std::invalid_argument(fmt::format("diameter must be > 0, got {}", d));
    SizeDistribution s;
    s.kind_ = Kind::List;
    s.list_ = std::move(diameters);
    std::vector<double> sorted = s.list_;
    std::sort(sorted.begin(), sorted.end());
    s.median_ = sorted[sorted.size() / 2];
    s.min_ = sorted.front();
    s.max_ = sorted.back();
    return s;
}

double SizeDistribution::draw(Random& random) const {
    switch (kind_) {
        case Kind::Constant:
            return median_;
        case Kind::List:
            return list_[random.below(list_.size())];
        case Kind::LogNormal:
            break;
    }
    // Truncation by redrawing keeps the shape of the distribution inside [min, max] (the
    // factory checked that the window holds at least 0.1 % of it).
    for (;;) {
        const double d = random.logNormal(median_, logSd_);
        if (d >= min_ && d <= max_) return d;
    }
}

double SizeDistribution::largest() const {
    return max_;
}

double SizeDistribution::median() const {
    return median_;
}

}  // namespace ssbsim::micro
