#pragma once
// The `simulation:` section of a cell file: mesh resolution, tolerance, initial state of charge
// (docs/input-format.md#simulation). Command-line options override it.

#include "ssbsim/io/ConfigNode.h"
#include "ssbsim/models/CellModel.h"
#include "ssbsim/solver/Simulation.h"

namespace ssbsim::solver {

struct SimulationSettings {
    models::Discretization discretization;
    SimulationOptions options;
};

/// Defaults when `node` is absent; InputError at the key for bad values.
SimulationSettings readSimulationSettings(const io::ConfigNode* node);

}  // namespace ssbsim::solver
