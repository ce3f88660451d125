#pragma once
// What a simulation produced: time series by name (names carry units), spatial profiles at the
// end of each step, a summary per step and per cycle, solver statistics, and, if the solver
// failed, why (docs/outputs.md).

#include <map>
#include <string>
#include <vector>

#include "ssbsim/solver/IdaIntegrator.h"

namespace ssbsim::solver {

struct StepSummary {
    size_t index = 0;  ///< in the experiment
    size_t cycle = 0;
    std::string text;
    double startTime = 0.0, endTime = 0.0;  ///< s
    std::string endReason;                  ///< "voltage limit", "current limit", "time", ...
};

struct CycleSummary {
    size_t cycle = 0;
    double dischargeCapacity = 0.0, chargeCapacity = 0.0;  ///< A h
    double dischargeEnergy = 0.0, chargeEnergy = 0.0;      ///< W h
    double endVoltage = 0.0;                               ///< V
    double coulombicEfficiency() const {
        return chargeCapacity > 0 ? dischargeCapacity / chargeCapacity : 0.0;
    }
    double energyEfficiency() const {
        return chargeEnergy > 0 ? dischargeEnergy / chargeEnergy : 0.0;
    }
};

/// Values of variables along x at one time.
struct Profile {
    double time = 0.0;
    std::map<std::string, std::vector<double>> values;  ///< e.g. "Electrolyte potential [V]"
};

struct Solution {
    std::vector<std::string> names;  ///< time-series names in output order
    std::map<std::string, std::vector<double>> series;
    /// Cell centres (m) of each profile region ("Electrolyte", "Negative", "Positive").
    std::map<std::string, std::vector<double>> positions;
    std::vector<Profile> profiles;
    std::vector<StepSummary> steps;
    std::vector<CycleSummary> cycles;
    IntegratorStats stats;
    double relativeTolerance = 0.0;  ///< IDA's, as the run used it
    std::string stopReason;  ///< empty when the experiment ran to its end
    bool failed = false;     ///< the solver failed (stopReason says where and why)

    const std::vector<double>& operator[](const std::string& name) const { return series.at(name); }
};

}  // namespace ssbsim::solver
