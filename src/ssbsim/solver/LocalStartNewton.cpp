#include "ssbsim/solver/LocalStartNewton.h"

#include <ida/ida.h>
#include <nvector/nvector_serial.h>

#include "ssbsim/core/Error.h"

namespace ssbsim::solver {

namespace {

struct Content {
    const DaeProblem* problem = nullptr;
    N_Vector delta = nullptr;  ///< residual, then the Newton step
    SUNNonlinSolSysFn system = nullptr;
    SUNNonlinSolLSetupFn setupLinear = nullptr;
    SUNNonlinSolLSolveFn solveLinear = nullptr;
    SUNNonlinSolConvTestFn convergenceTest = nullptr;
    void* convergenceData = nullptr;
    int maxIterations = 3;
    int currentIteration = 0;
    long iterations = 0;  ///< in the last solve, as IDA reads them
    long convergenceFailures = 0;
    sunbooleantype jacobianCurrent = SUNFALSE;
    double jacobianAlpha = 0.0;  ///< the BDF coefficient of the last linear-solver setup
};

Content& contentOf(SUNNonlinearSolver s) {
    return *static_cast<Content*>(s->content);
}

SUNNonlinearSolver_Type rootFind(SUNNonlinearSolver) {
    return SUNNONLINEARSOLVER_ROOTFIND;
}

int initialize(SUNNonlinearSolver s) {
    Content& c = contentOf(s);
    if (!c.system || !c.solveLinear || !c.convergenceTest) return SUN_NLS_MEM_NULL;
    c.iterations = c.convergenceFailures = 0;
    c.jacobianCurrent = SUNFALSE;
    return SUN_NLS_SUCCESS;
}

/// Zero correction and the residual at IDA's prediction into c.delta; then, where the problem
/// has a local solution there, that correction and the residual at it.
///
/// Only with a Jacobian at this step's BDF coefficient α (a fresh one, or the last one when α
/// is unchanged): conserved sums (the cell's lithium) are linear invariants of the residual,
/// Σ w·F(y_p + z) = α Σ w·z, zero at the predictor, and a Newton step with the matrix
/// ∂F/∂y + α ∂F/∂y' restores them from any start in one iteration. IDA scales steps taken
/// with a matrix of another α (by 2/(1 + α/α_J)), which shrinks the local start's imbalance
/// without removing it; 2e-10 of the Li inventory was lost over a cycle that way.
int startingResidual(const Content& c, N_Vector correction, bool freshJacobian, void* ida) {
    N_VConst(0.0, correction);
    int flag = c.system(correction, c.delta, ida);
    if (flag != SUN_NLS_SUCCESS) return flag;
    sunrealtype t = 0.0, alpha = 0.0;
    N_Vector yPredicted = nullptr, ypPredicted = nullptr, y = nullptr, yp = nullptr,
             residual = nullptr;
    void* user = nullptr;
    if (IDAGetNonlinearSystemData(ida, &t, &yPredicted, &ypPredicted, &y, &yp, &residual, &alpha,
                                  &user) != IDA_SUCCESS)
        return SUN_NLS_SUCCESS;
    if (!freshJacobian && alpha != c.jacobianAlpha) return SUN_NLS_SUCCESS;
    if (!c.problem->startNewton(t, N_VGetArrayPointer(yPredicted), N_VGetArrayPointer(ypPredicted),
                                alpha, N_VGetArrayPointer(c.delta), N_VGetArrayPointer(correction)))
        return SUN_NLS_SUCCESS;
    flag = c.system(correction, c.delta, ida);
    if (flag != SUN_NLS_SUCCESS) {
        // The local solution was no good (the residual failed there): start from the
        // predictor as IDA would.
        N_VConst(0.0, correction);
        flag = c.system(correction, c.delta, ida);
    }
    return flag;
}

int solve(SUNNonlinearSolver s, N_Vector, N_Vector correction, N_Vector weight,
          sunrealtype tolerance, sunbooleantype setupLinear, void* ida) {
    Content& c = contentOf(s);
    c.iterations = c.convergenceFailures = 0;
    sunbooleantype jacobianBad = SUNFALSE;
    int flag = SUN_NLS_SUCCESS;
    for (;;) {  // attempts: a failure on an old Jacobian is retried once with a fresh one
        flag = startingResidual(c, correction, setupLinear, ida);
        if (flag == SUN_NLS_SUCCESS && setupLinear) {
            flag = c.setupLinear(jacobianBad, &c.jacobianCurrent, ida);
            IDAGetCurrentCj(ida, &c.jacobianAlpha);
        }
        c.currentIteration = 0;
        while (flag == SUN_NLS_SUCCESS) {
            ++c.iterations;
            N_VScale(-1.0, c.delta, c.delta);
            flag = c.solveLinear(c.delta, ida);
            if (flag != SUN_NLS_SUCCESS) break;
            N_VLinearSum(1.0, correction, 1.0, c.delta, correction);
            flag = c.convergenceTest(s, correction, c.delta, tolerance, weight, c.convergenceData);
            if (flag == SUN_NLS_SUCCESS) {
                c.jacobianCurrent = SUNFALSE;
                return SUN_NLS_SUCCESS;
            }
            if (flag != SUN_NLS_CONTINUE) break;
            if (++c.currentIteration >= c.maxIterations) {
                flag = SUN_NLS_CONV_RECVR;
                break;
            }
            flag = c.system(correction, c.delta, ida);
        }
        if (flag > 0 && !c.jacobianCurrent && c.setupLinear) {
            ++c.convergenceFailures;
            setupLinear = SUNTRUE;
            jacobianBad = SUNTRUE;
            continue;
        }
        break;
    }
    ++c.convergenceFailures;
    return flag;
}

int release(SUNNonlinearSolver s) {
    if (!s) return SUN_NLS_SUCCESS;
    if (s->content) {
        Content* c = static_cast<Content*>(s->content);
        if (c->delta) N_VDestroy(c->delta);
        delete c;
        s->content = nullptr;
    }
    SUNNonlinSolFreeEmpty(s);
    return SUN_NLS_SUCCESS;
}

int setSystem(SUNNonlinearSolver s, SUNNonlinSolSysFn f) {
    contentOf(s).system = f;
    return f ? SUN_NLS_SUCCESS : SUN_NLS_ILL_INPUT;
}

int setLinearSetup(SUNNonlinearSolver s, SUNNonlinSolLSetupFn f) {
    contentOf(s).setupLinear = f;
    return SUN_NLS_SUCCESS;
}

int setLinearSolve(SUNNonlinearSolver s, SUNNonlinSolLSolveFn f) {
    contentOf(s).solveLinear = f;
    return f ? SUN_NLS_SUCCESS : SUN_NLS_ILL_INPUT;
}

int setConvergenceTest(SUNNonlinearSolver s, SUNNonlinSolConvTestFn f, void* data) {
    contentOf(s).convergenceTest = f;
    contentOf(s).convergenceData = data;
    return f ? SUN_NLS_SUCCESS : SUN_NLS_ILL_INPUT;
}

int setMaxIterations(SUNNonlinearSolver s, int n) {
    if (n < 1) return SUN_NLS_ILL_INPUT;
    contentOf(s).maxIterations = n;
    return SUN_NLS_SUCCESS;
}

int iterationCount(SUNNonlinearSolver s, long* n) {
    *n = contentOf(s).iterations;
    return SUN_NLS_SUCCESS;
}

int currentIteration(SUNNonlinearSolver s, int* m) {
    *m = contentOf(s).currentIteration;
    return SUN_NLS_SUCCESS;
}

int failureCount(SUNNonlinearSolver s, long* n) {
    *n = contentOf(s).convergenceFailures;
    return SUN_NLS_SUCCESS;
}

}  // namespace

SUNNonlinearSolver localStartNewton(const DaeProblem& problem, N_Vector templateVector,
                                    SUNContext context) {
    SUNNonlinearSolver s = SUNNonlinSolNewEmpty(context);
    if (!s) throw SolverError("cannot create the Newton solver");
    auto* content = new Content;
    content->problem = &problem;
    content->delta = N_VClone(templateVector);
    s->content = content;
    s->ops->gettype = rootFind;
    s->ops->initialize = initialize;
    s->ops->solve = solve;
    s->ops->free = release;
    s->ops->setsysfn = setSystem;
    s->ops->setlsetupfn = setLinearSetup;
    s->ops->setlsolvefn = setLinearSolve;
    s->ops->setctestfn = setConvergenceTest;
    s->ops->setmaxiters = setMaxIterations;
    s->ops->getnumiters = iterationCount;
    s->ops->getcuriter = currentIteration;
    s->ops->getnumconvfails = failureCount;
    if (!content->delta) {
        release(s);
        throw SolverError("cannot create the Newton solver");
    }
    return s;
}

}  // namespace ssbsim::solver
