#pragma once
// Runs a cell model through an experiment: one IDA integration per step, each step with its
// control equation and the events that end it (docs/physics/numerics.md#experiments).

#include "ssbsim/models/CellModel.h"
#include "ssbsim/solver/Experiment.h"
#include "ssbsim/solver/Solution.h"

namespace ssbsim::solver {

struct SimulationOptions {
    IntegratorOptions integrator;
    double initialStateOfCharge = 1.0;  ///< of the design window, 1 = charged
    /// Spatial profiles are stored at the end of every step and also at these times (s from
    /// the start of the experiment, ascending) and every `profilePeriod` s (0: none), each at
    /// exactly that time (interpolated within IDA's step).
    std::vector<double> profileTimes;
    double profilePeriod = 0.0;
    /// Called at the end of every step with the number of steps (progress display).
    std::function<void(const StepSummary&, size_t steps)> onStep;
};

class Simulation {
  public:
    Simulation(models::CellModel& model, SimulationOptions options);

    /// Never throws for numerical trouble: a solver failure ends the run, sets
    /// Solution::failed and keeps everything computed before it.
    Solution run(const Experiment& experiment);

  private:
    models::CellModel& model_;
    SimulationOptions options_;
};

}  // namespace ssbsim::solver
