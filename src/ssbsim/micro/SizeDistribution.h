#pragma once
// Particle (or void) diameters for the generators: one fixed size, a log-normal distribution, or
// a list of measured diameters drawn from at random. See
// docs/physics/microstructure.md#size-distributions.

#include <vector>

#include "ssbsim/core/Random.h"

namespace ssbsim::micro {

class SizeDistribution {
  public:
    /// Every particle has diameter `d` [m].
    static SizeDistribution constant(double d);
    /// ln(d) normal with mean ln(median) and standard deviation `logSd`, truncated to
    /// [min, max] by redrawing (number-weighted: half of the particles are below the median).
    static SizeDistribution logNormal(double median, double logSd, double min, double max);
    /// Each draw picks one of `diameters` with equal probability (an empirical number
    /// distribution, e.g. from a measured particle list).
    static SizeDistribution list(std::vector<double> diameters);

    /// The next diameter [m].
    double draw(Random& random) const;
    /// The largest diameter a draw can return [m].
    double largest() const;
    /// The median of the number distribution [m] (list: its middle element).
    double median() const;

  private:
    enum class Kind { Constant, LogNormal, List };
    Kind kind_ = Kind::Constant;
    double median_ = 0.0, logSd_ = 0.0, min_ = 0.0, max_ = 0.0;
    std::vector<double> list_;
};

}  // namespace ssbsim::micro
