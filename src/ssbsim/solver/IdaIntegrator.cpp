#include "ssbsim/solver/IdaIntegrator.h"

#include <fmt/format.h>
#include <ida/ida.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_klu.h>
#include <sunmatrix/sunmatrix_sparse.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "ssbsim/core/Error.h"
#include "ssbsim/solver/CondensedSystem.h"
#include "ssbsim/solver/LocalStartNewton.h"
#include "ssbsim/solver/SerialVectorKernels.h"
#include "ssbsim/solver/SparseJacobian.h"

namespace ssbsim::solver {

namespace {

/// What the C callbacks reach through IDA's user-data pointer.
struct Callbacks {
    const DaeProblem* problem = nullptr;
    const SparseJacobian* jacobian = nullptr;
    const Events* events = nullptr;
};

}  // namespace

struct IdaIntegrator::Sundials {
    SUNContext context = nullptr;
    void* ida = nullptr;
    N_Vector y = nullptr, yp = nullptr, id = nullptr, atol = nullptr;
    N_Vector interpolated = nullptr;  ///< IDAGetDky's output, reused for every output sample
    SUNMatrix matrix = nullptr;
    SUNLinearSolver linear = nullptr;
    SUNNonlinearSolver nonlinear = nullptr;
    std::unique_ptr<SparseJacobian> jacobian;
    std::unique_ptr<CondensedSystem> condensed;
    Callbacks callbacks;
    bool initialized = false;

    ~Sundials() {
        if (ida) IDAFree(&ida);
        if (nonlinear) SUNNonlinSolFree(nonlinear);
        if (linear) SUNLinSolFree(linear);
        if (matrix) SUNMatDestroy(matrix);
        for (N_Vector v : {y, yp, id, atol, interpolated})
            if (v) N_VDestroy(v);
        if (context) SUNContext_Free(&context);
    }
};

namespace {

int residualCallback(sunrealtype t, N_Vector y, N_Vector yp, N_Vector r, void* data) {
    const DaeProblem* problem = static_cast<const Callbacks*>(data)->problem;
    double* out = N_VGetArrayPointer(r);
    problem->residual(t, N_VGetArrayPointer(y), N_VGetArrayPointer(yp), out);
    return allFinite(out, N_VGetLength(r)) ? 0 : 1;  // recoverable: IDA cuts the step
}

int jacobianCallback(sunrealtype t, sunrealtype cj, N_Vector y, N_Vector yp, N_Vector, SUNMatrix J,
                     void* data, N_Vector, N_Vector, N_Vector) {
    const auto* cb = static_cast<const Callbacks*>(data);
    // Every stored value is written; the structure was set once (keepPatternAndValues).
    cb->jacobian->evaluate(t, N_VGetArrayPointer(y), N_VGetArrayPointer(yp), cj,
                           SUNSparseMatrix_Data(J));
    return 0;
}

/// IDA zeroes the matrix before each Jacobian call. Here that is nothing to do: the pattern
/// never changes (SUNMatZero_Sparse would clear it), and the call writes every stored value.
int keepPatternAndValues(SUNMatrix) {
    return 0;
}

/// A SUNLinearSolver for IDA that factors and solves with a CondensedSystem, reading the
/// Jacobian from the sparse matrix IDA passes (docs/physics/numerics.md#linear-solver).
CondensedSystem& condensedOf(SUNLinearSolver s) {
    return *static_cast<CondensedSystem*>(s->content);
}

SUNLinearSolver_Type condensedType(SUNLinearSolver) {
    return SUNLINEARSOLVER_DIRECT;
}

SUNLinearSolver_ID condensedId(SUNLinearSolver) {
    return SUNLINEARSOLVER_CUSTOM;
}

int condensedSetup(SUNLinearSolver s, SUNMatrix jacobian) {
    // A singular iteration matrix is recoverable: IDA retries with a smaller step.
    return condensedOf(s).factor(SUNSparseMatrix_Data(jacobian)) ? SUNLS_SUCCESS
                                                                 : SUNLS_LUFACT_FAIL;
}

int condensedSolve(SUNLinearSolver s, SUNMatrix, N_Vector x, N_Vector b, sunrealtype) {
    N_VScale(1.0, b, x);
    condensedOf(s).solve(N_VGetArrayPointer(x));
    return SUNLS_SUCCESS;
}

int condensedFree(SUNLinearSolver s) {
    s->content = nullptr;  // owned by IdaIntegrator
    SUNLinSolFreeEmpty(s);
    return SUNLS_SUCCESS;
}

SUNLinearSolver condensedLinearSolver(CondensedSystem& system, SUNContext context) {
    SUNLinearSolver s = SUNLinSolNewEmpty(context);
    if (!s) throw SolverError("cannot create the condensed linear solver");
    s->ops->gettype = condensedType;
    s->ops->getid = condensedId;
    s->ops->setup = condensedSetup;
    s->ops->solve = condensedSolve;
    s->ops->free = condensedFree;
    s->content = &system;
    return s;
}

/// SolverError carries IDA's reason; IDA's own printing to stderr would only repeat it.
void silentErrorHandler(int, const char*, const char*, char*, void*) {}

int eventCallback(sunrealtype t, N_Vector y, N_Vector, sunrealtype* g, void* data) {
    const auto* cb = static_cast<const Callbacks*>(data);
    cb->events->evaluate(t, N_VGetArrayPointer(y), g);
    return 0;
}

}  // namespace

IdaIntegrator::IdaIntegrator(DaeProblem& problem, IntegratorOptions options)
    : problem_(problem), options_(options), s_(std::make_unique<Sundials>()) {
    if (SUNContext_Create(nullptr, &s_->context) != 0)
        throw SolverError("cannot create a SUNDIALS context");
    const auto n = static_cast<sunindextype>(problem.size());
    s_->y = N_VNew_Serial(n, s_->context);
    useOptimizedKernels(s_->y);  // before cloning: clones copy the operations table
    s_->yp = N_VClone(s_->y);
    s_->id = N_VClone(s_->y);
    s_->atol = N_VClone(s_->y);
    s_->interpolated = N_VClone(s_->y);
    const auto differential = problem.differential();
    const auto atol = problem.absoluteTolerances();
    for (size_t i = 0; i < problem.size(); ++i) {
        N_VGetArrayPointer(s_->id)[i] = differential[i] ? 1.0 : 0.0;
        N_VGetArrayPointer(s_->atol)[i] = atol[i];
    }
    s_->ida = IDACreate(s_->context);
    if (!s_->ida) throw SolverError("cannot create the IDA integrator");
}

IdaIntegrator::~IdaIntegrator() = default;

namespace {

/// Throws SolverError for a negative IDA flag, naming the unknown with the largest weighted
/// local error estimate.
void check(int flag, const char* call, void* ida, const DaeProblem& problem, double t) {
    if (flag >= 0) return;
    std::string where;
    const auto n = static_cast<sunindextype>(problem.size());
    SUNContext ctx = nullptr;
    if (SUNContext_Create(nullptr, &ctx) == 0) {
        N_Vector error = N_VNew_Serial(n, ctx), weight = N_VNew_Serial(n, ctx);
        if (IDAGetEstLocalErrors(ida, error) == IDA_SUCCESS &&
            IDAGetErrWeights(ida, weight) == IDA_SUCCESS) {
            size_t worst = 0;
            double largest = -1.0;
            for (size_t i = 0; i < problem.size(); ++i) {
                const double e =
                    std::abs(N_VGetArrayPointer(error)[i] * N_VGetArrayPointer(weight)[i]);
                if (e > largest) largest = e, worst = i;
            }
            if (largest > 0)
                where = fmt::format("; largest local error in {}", problem.describeUnknown(worst));
        }
        N_VDestroy(error);
        N_VDestroy(weight);
        SUNContext_Free(&ctx);
    }
    throw SolverError(
        fmt::format("{} failed at t = {:.6g} s: {}{}", call, t, IDAGetReturnFlagName(flag), where));
}

}  // namespace

void IdaIntegrator::restart(double t, const std::vector<double>& y, const std::vector<double>& yp,
                            const Events& events) {
    events_ = events;
    std::copy(y.begin(), y.end(), N_VGetArrayPointer(s_->y));
    std::copy(yp.begin(), yp.end(), N_VGetArrayPointer(s_->yp));
    void* ida = s_->ida;
    if (!s_->initialized) {
        check(IDAInit(ida, residualCallback, t, s_->y, s_->yp), "IDAInit", ida, problem_, t);
        check(IDASVtolerances(ida, options_.relativeTolerance, s_->atol), "IDASVtolerances", ida,
              problem_, t);
        check(IDASetErrHandlerFn(ida, silentErrorHandler, nullptr), "IDASetErrHandlerFn", ida,
              problem_, t);
        check(IDASetId(ida, s_->id), "IDASetId", ida, problem_, t);
        check(IDASetSuppressAlg(ida, options_.suppressAlgebraicError ? SUNTRUE : SUNFALSE),
              "IDASetSuppressAlg", ida, problem_, t);

        s_->jacobian = std::make_unique<SparseJacobian>(problem_, y, yp);
        const auto n = static_cast<sunindextype>(problem_.size());
        s_->matrix = SUNSparseMatrix(n, n, static_cast<sunindextype>(s_->jacobian->nonZeros()),
                                     CSC_MAT, s_->context);
        std::copy(s_->jacobian->columnStart().begin(), s_->jacobian->columnStart().end(),
                  SUNSparseMatrix_IndexPointers(s_->matrix));
        std::copy(s_->jacobian->rows().begin(), s_->jacobian->rows().end(),
                  SUNSparseMatrix_IndexValues(s_->matrix));
        s_->matrix->ops->zero = keepPatternAndValues;
        const std::vector<UnknownRange> blocks = problem_.condensableBlocks();
        if (options_.condenseBlocks && !blocks.empty()) {
            s_->condensed = std::make_unique<CondensedSystem>(s_->jacobian->columnStart(),
                                                              s_->jacobian->rows(), blocks);
            s_->linear = condensedLinearSolver(*s_->condensed, s_->context);
        } else {
            s_->linear = SUNLinSol_KLU(s_->y, s_->matrix, s_->context);
        }
        check(IDASetLinearSolver(ida, s_->linear, s_->matrix), "IDASetLinearSolver", ida, problem_,
              t);
        check(IDASetJacFn(ida, jacobianCallback), "IDASetJacFn", ida, problem_, t);
        if (options_.localNewtonStart) {
            s_->nonlinear = localStartNewton(problem_, s_->y, s_->context);
            check(IDASetNonlinearSolver(ida, s_->nonlinear), "IDASetNonlinearSolver", ida, problem_,
                  t);
        }
        check(IDASetMaxNumSteps(ida, 100000), "IDASetMaxNumSteps", ida, problem_, t);
        // 1: h shrinks wherever the estimate asks for a smaller one, as IDA's default.
        check(IDASetEtaFixedStepBounds(ida, 1.0, options_.keepStepBelow),
              "IDASetEtaFixedStepBounds", ida, problem_, t);
        if (options_.maxStep > 0)
            check(IDASetMaxStep(ida, options_.maxStep), "IDASetMaxStep", ida, problem_, t);
        s_->initialized = true;
    } else {
        completed_ = stats_;  // IDAReInit resets IDA's counters
        check(IDAReInit(ida, t, s_->y, s_->yp), "IDAReInit", ida, problem_, t);
    }
    s_->callbacks = Callbacks{&problem_, s_->jacobian.get(), &events_};
    check(IDASetUserData(ida, &s_->callbacks), "IDASetUserData", ida, problem_, t);
    check(
        IDARootInit(ida, static_cast<int>(events_.count), events_.count ? eventCallback : nullptr),
        "IDARootInit", ida, problem_, t);
    if (events_.count) {
        std::vector<int> direction = events_.direction;
        check(IDASetRootDirection(ida, direction.data()), "IDASetRootDirection", ida, problem_, t);
    }
    const auto start = std::chrono::steady_clock::now();
    check(IDACalcIC(ida, IDA_YA_YDP_INIT, t + 1e-3), "IDACalcIC", ida, problem_, t);
    check(IDAGetConsistentIC(ida, s_->y, s_->yp), "IDAGetConsistentIC", ida, problem_, t);
    stats_.seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    t_ = t;
}

void IdaIntegrator::interpolate(double t, double* y) const {
    check(IDAGetDky(s_->ida, t, 0, s_->interpolated), "IDAGetDky", s_->ida, problem_, t);
    std::copy_n(N_VGetArrayPointer(s_->interpolated), problem_.size(), y);
}

IdaIntegrator::Outcome IdaIntegrator::step(double tStop) {
    const auto start = std::chrono::steady_clock::now();
    check(IDASetStopTime(s_->ida, tStop), "IDASetStopTime", s_->ida, problem_, t_);
    double reached = t_;
    const int flag = IDASolve(s_->ida, tStop, &reached, s_->y, s_->yp, IDA_ONE_STEP);
    stats_.seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    check(flag, "IDASolve", s_->ida, problem_, reached);
    t_ = reached;
    // IDA counts since its last (re)initialisation; add what earlier integrations counted.
    using Counter = int (*)(void*, long*);
    const std::pair<Counter, long IntegratorStats::*> counters[] = {
        {IDAGetNumSteps, &IntegratorStats::steps},
        {IDAGetNumResEvals, &IntegratorStats::residualEvaluations},
        {IDAGetNumJacEvals, &IntegratorStats::jacobianEvaluations},
        {IDAGetNumNonlinSolvIters, &IntegratorStats::nonlinearIterations},
        {IDAGetNumNonlinSolvConvFails, &IntegratorStats::convergenceFailures},
        {IDAGetNumErrTestFails, &IntegratorStats::errorTestFailures}};
    for (const auto& [get, member] : counters) {
        long count = 0;
        get(s_->ida, &count);
        stats_.*member = completed_.*member + count;
    }
    if (flag == IDA_ROOT_RETURN) return Outcome::Event;
    if (flag == IDA_TSTOP_RETURN) return Outcome::StopTime;
    return Outcome::Step;
}

std::vector<bool> IdaIntegrator::firedEvents() const {
    std::vector<int> info(events_.count, 0);
    if (events_.count) IDAGetRootInfo(s_->ida, info.data());
    std::vector<bool> fired(events_.count);
    for (size_t i = 0; i < events_.count; ++i) fired[i] = info[i] != 0;
    return fired;
}

const double* IdaIntegrator::y() const {
    return N_VGetArrayPointer(s_->y);
}
const double* IdaIntegrator::yp() const {
    return N_VGetArrayPointer(s_->yp);
}

}  // namespace ssbsim::solver
