#include "ssbsim/solver/Impedance.h"

#include <fmt/format.h>
#include <Eigen/SparseCore>
#include <Eigen/SparseLU>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "ssbsim/core/Error.h"
#include "ssbsim/solver/SparseJacobian.h"

namespace ssbsim::solver {

namespace {

using Complex = std::complex<double>;
using ComplexMatrix = Eigen::SparseMatrix<Complex, Eigen::ColMajor, int>;

}  // namespace

struct Impedance::Factorization {
    ComplexMatrix matrix;
    std::vector<Complex> values;  ///< of `matrix`, in the Jacobian's CSC order
    Eigen::SparseLU<ComplexMatrix, Eigen::COLAMDOrdering<int>> lu;
};

OperatingPoint consistentOperatingPoint(DaeProblem& problem, const std::vector<double>& y,
                                        IntegratorOptions options) {
    IdaIntegrator integrator(problem, options);
    integrator.restart(0.0, y, std::vector<double>(y.size(), 0.0), Events{});
    const size_t n = problem.size();
    return {std::vector<double>(integrator.y(), integrator.y() + n),
            std::vector<double>(integrator.yp(), integrator.yp() + n), 0.0};
}

std::vector<double> logFrequencies(double fMin, double fMax, int pointsPerDecade) {
    if (!(fMin > 0.0) || !std::isfinite(fMax) || !(fMax > fMin) || pointsPerDecade < 1)
        throw std::invalid_argument(
            fmt::format("logFrequencies: need 0 < fMin < fMax (finite) and pointsPerDecade >= 1, "
                        "got fMin = {}, fMax = {}, pointsPerDecade = {}",
                        fMin, fMax, pointsPerDecade));
    const double top = std::log10(fMax);
    const double decades = top - std::log10(fMin);
    // Equal steps of at most 1/pointsPerDecade decade; the small allowance keeps 9 decades at 10
    // points per decade at 90 intervals when the logarithms round up.
    const double wanted = decades * pointsPerDecade;
    const auto intervals = static_cast<size_t>(std::max(1.0, std::ceil(wanted - 1e-9 * wanted)));
    std::vector<double> f(intervals + 1);
    for (size_t k = 0; k <= intervals; ++k)  // decades * k / intervals: exact at whole decades
        f[k] =
            std::pow(10.0, top - decades * static_cast<double>(k) / static_cast<double>(intervals));
    f.front() = fMax;  // the ends exactly as given, not as 10^log10(f)
    f.back() = fMin;
    return f;
}

Impedance::Impedance(const DaeProblem& problem, const OperatingPoint& point, size_t currentRow,
                     std::vector<double> voltageGradient)
    : size_(problem.size()),
      currentRow_(currentRow),
      gradient_(std::move(voltageGradient)),
      lu_(std::make_unique<Factorization>()) {
    if (point.y.size() != size_ || point.yp.size() != size_ || gradient_.size() != size_ ||
        currentRow_ >= size_)
        throw std::invalid_argument(fmt::format(
            "Impedance: the problem has {} unknowns but y has {}, y' {}, the voltage gradient {} "
            "and the current row is {}",
            size_, point.y.size(), point.yp.size(), gradient_.size(), currentRow_));
    const SparseJacobian jacobian(problem, point.y, point.yp);
    columnStart_ = jacobian.columnStart();
    rows_ = jacobian.rows();
    // ∂F/∂y and ∂F/∂y' separately on one pattern, each exact. (Not as the difference of
    // ∂F/∂y + ∂F/∂y' and ∂F/∂y: its rounding, 1e-16 of large conductances, would act as spurious
    // capacitances that short the cell above ~1e10 Hz.)
    dFdy_.resize(jacobian.nonZeros());
    dFdyp_.resize(jacobian.nonZeros());
    jacobian.evaluate(point.t, point.y.data(), point.yp.data(), 0.0, dFdy_.data());
    jacobian.evaluate(point.t, point.y.data(), point.yp.data(), 1.0, dFdyp_.data(), 0.0);

    // The pattern does not change with ω: order the columns (COLAMD) once.
    lu_->values.assign(jacobian.nonZeros(), Complex(1.0, 0.0));
    const auto n = static_cast<Eigen::Index>(size_);
    lu_->matrix =
        Eigen::Map<const ComplexMatrix>(n, n, static_cast<Eigen::Index>(rows_.size()),
                                        columnStart_.data(), rows_.data(), lu_->values.data());
    lu_->lu.analyzePattern(lu_->matrix);
}

Impedance::~Impedance() = default;

std::complex<double> Impedance::at(double frequency) {
    if (!(frequency >= 0.0) || !std::isfinite(frequency))
        throw std::invalid_argument(
            fmt::format("Impedance: frequency must be finite and >= 0 Hz, got {}", frequency));
    const double omega = 2.0 * std::numbers::pi * frequency;
    for (size_t k = 0; k < dFdy_.size(); ++k) lu_->values[k] = Complex(dFdy_[k], omega * dFdyp_[k]);
    const auto n = static_cast<Eigen::Index>(size_);
    lu_->matrix =
        Eigen::Map<const ComplexMatrix>(n, n, static_cast<Eigen::Index>(rows_.size()),
                                        columnStart_.data(), rows_.data(), lu_->values.data());
    lu_->lu.factorize(lu_->matrix);
    if (lu_->lu.info() != Eigen::Success)
        throw SolverError(fmt::format(
            "impedance at f = {:.6g} Hz: the linearized system ∂F/∂y + iω ∂F/∂y' is singular ({})",
            frequency, lu_->lu.lastErrorMessage()));

    // −∂F/∂I_set δI with δI = 1: the control row reads r = … − I_set.
    Eigen::VectorXcd rhs = Eigen::VectorXcd::Zero(n);
    rhs[static_cast<Eigen::Index>(currentRow_)] = 1.0;
    const Eigen::VectorXcd dy = lu_->lu.solve(rhs);
    Complex dV = 0.0;
    for (size_t i = 0; i < size_; ++i) dV += gradient_[i] * dy[static_cast<Eigen::Index>(i)];
    if (lu_->lu.info() != Eigen::Success || !std::isfinite(dV.real()) || !std::isfinite(dV.imag()))
        throw SolverError(fmt::format(
            "impedance at f = {:.6g} Hz: the linearized system could not be solved", frequency));
    return -dV;  // discharge-positive current: Z = −δV/δI
}

std::vector<std::complex<double>> Impedance::spectrum(const std::vector<double>& frequencies) {
    std::vector<std::complex<double>> z;
    z.reserve(frequencies.size());
    for (double f : frequencies) z.push_back(at(f));
    return z;
}

}  // namespace ssbsim::solver
