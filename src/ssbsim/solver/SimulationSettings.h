#pragma once
// The `simulation:` section of a cell file: mesh resolution, tolerance, initial state of charge
// (docs/input-format.md#simulation). Command-line options override it.

#include "ssbsim/io/ConfigNode.h"
#include "ssbsim/models/CellModel.h"
#include "ssbsim/solver/Simulation.h"

namespace ssbsim::solver {

/// Bounds of IDA's relative tolerance, for the cell file's key and `run --rtol` alike.
inline constexpr double minRelativeTolerance = 1e-12, maxRelativeTolerance = 1e-2;

struct SimulationSettings {
    models::Discretization discretization;
    SimulationOptions options;
};

/// Defaults when `node` is absent; InputError at the key for bad values.
SimulationSettings readSimulationSettings(const io::ConfigNode* node);

}  // namespace ssbsim::solver
