#pragma once
// Newton's method for IDA's implicit steps that starts from the problem's local solution
// instead of the predictor (docs/physics/numerics.md#newton-start).

#include <sundials/sundials_context.h>
#include <sundials/sundials_nonlinearsolver.h>

#include "ssbsim/core/DaeProblem.h"

namespace ssbsim::solver {

/// A SUNNonlinearSolver for IDA (IDASetNonlinearSolver). It runs the iteration of SUNDIALS'
/// SUNNonlinSol_Newton: IDA's residual, linear-solver setup and solve, and convergence test,
/// a retry with a fresh Jacobian when the iteration fails on an old one. The difference: each
/// attempt starts from the correction DaeProblem::startNewton writes (zero where the problem
/// has nothing to say) rather than from zero, with the predicted y and y' and the BDF
/// coefficient α that IDA reports (IDAGetNonlinearSystemData). `problem` must outlive it;
/// SUNNonlinSolFree releases it.
SUNNonlinearSolver localStartNewton(const DaeProblem& problem, N_Vector templateVector,
                                    SUNContext context);

}  // namespace ssbsim::solver
