#pragma once
// Writes a Solution as results.h5 (time series, profiles, steps, cycles, inputs, metadata),
// timeseries.csv and summary.json (docs/outputs.md). Everything is written whole or not at all.

#include <nlohmann/json.hpp>

#include <string>

#include "ssbsim/solver/Solution.h"

namespace ssbsim::solver {

struct RunMetadata {
    std::string version;
    std::string cellFile;
    std::string cellText;  ///< the input file as read
    std::vector<std::string> experiment;
    double solverSeconds = 0.0;  ///< wall time inside the integrator
};

/// summary.json: per-cycle and per-step summaries, totals, solver statistics, stop reason.
nlohmann::json summarize(const Solution& solution, const RunMetadata& metadata);

void writeResults(const std::string& folder, const Solution& solution, const RunMetadata& metadata);

}  // namespace ssbsim::solver
