#pragma once
// SUNDIALS IDA with the KLU sparse direct solver and the automatically differentiated Jacobian
// of solver/SparseJacobian (docs/physics/numerics.md#time-integration). Owns every SUNDIALS
// object; failures become SolverError naming the time, IDA's reason and the unknown with the
// largest weighted local error.

#include <functional>
#include <memory>
#include <vector>

#include "ssbsim/core/DaeProblem.h"

namespace ssbsim::solver {

struct IntegratorOptions {
    /// Local error per step relative to each unknown (docs/physics/numerics.md#time-integration:
    /// 1e-5 keeps the voltage within ~0.2 mV of the converged solution in every bundled case).
    double relativeTolerance = 1e-5;
    double maxStep = 0.0;  ///< s; 0: no limit
    /// true: the local error test weighs the differential unknowns only (IDASetSuppressAlg).
    /// Fewer steps at tight tolerances, but the potentials go unchecked, and at loose ones
    /// the voltage error no longer follows the tolerance (13–20 mV at rtol 1e-4); kept for
    /// comparison (bench/engine_profile --suppress-algebraic-error).
    bool suppressAlgebraicError = false;
    /// Eliminate the problem's condensable blocks (particle shells) before KLU factors the
    /// rest (solver/CondensedSystem); false: KLU on the whole Jacobian (kept for comparison,
    /// bench/engine_profile --plain-klu).
    bool condenseBlocks = true;
    /// Start each step's Newton iteration from the problem's local solution
    /// (DaeProblem::startNewton, solver/LocalStartNewton) instead of IDA's predictor; false:
    /// SUNDIALS' own Newton solver (kept for comparison, bench/engine_profile --predictor-start).
    bool localNewtonStart = true;
    /// After a successful step IDA keeps h while the step ratio its error estimate allows lies
    /// in (1, keepStepBelow) (IDASetEtaFixedStepBounds). IDA's own bound is 2: h waits for
    /// room to double. Here h grows as soon as it can by 1.5×, CVODE's threshold: fewer steps
    /// and a smaller voltage error at every tolerance (docs/physics/numerics.md#step-size;
    /// bench/engine_profile --ida-step-bounds compares).
    double keepStepBelow = 1.5;
};

struct IntegratorStats {
    long steps = 0;
    long residualEvaluations = 0;
    long jacobianEvaluations = 0;
    long nonlinearIterations = 0;
    long convergenceFailures = 0;
    long errorTestFailures = 0;
    double seconds = 0.0;  ///< wall time inside IDA calls
};

/// Event functions g(t, y): a step stops where one of them crosses zero in its direction.
struct Events {
    size_t count = 0;
    std::function<void(double t, const double* y, double* g)> evaluate;
    std::vector<int> direction;  ///< +1 rising, −1 falling, 0 both
};

class IdaIntegrator {
  public:
    IdaIntegrator(DaeProblem& problem, IntegratorOptions options);
    ~IdaIntegrator();
    IdaIntegrator(const IdaIntegrator&) = delete;
    IdaIntegrator& operator=(const IdaIntegrator&) = delete;

    /// Starts (or restarts after a change of control) at t with state y; algebraic unknowns and
    /// y' are made consistent (IDACalcIC) before integrating.
    /// `yp` is the starting guess for y' (the previous step's y', or zeros at rest).
    void restart(double t, const std::vector<double>& y, const std::vector<double>& yp,
                 const Events& events);

    enum class Outcome { Step, StopTime, Event };
    /// One internal step, not beyond tStop.
    Outcome step(double tStop);
    /// Which events fired on the last Event outcome.
    std::vector<bool> firedEvents() const;
    /// y at a time inside the last internal step (IDA's interpolating polynomial, of the
    /// method's order), written to `y` (size of the problem).
    void interpolate(double t, double* y) const;

    double time() const { return t_; }
    const double* y() const;
    const double* yp() const;
    const IntegratorStats& stats() const { return stats_; }

  private:
    struct Sundials;
    DaeProblem& problem_;
    IntegratorOptions options_;
    std::unique_ptr<Sundials> s_;
    Events events_;
    double t_ = 0.0;
    IntegratorStats stats_;
    IntegratorStats completed_;  ///< counts of the integrations before the last restart
};

}  // namespace ssbsim::solver
