#pragma once
// Electrochemical impedance spectroscopy by linearization of the DAE F(t, y, y') = 0 around an
// operating point (docs/physics/impedance.md). A small sinusoidal current δI e^{iωt} gives
// δy e^{iωt} with
//     (∂F/∂y + iω ∂F/∂y') δy = −(∂F/∂I_set) δI,
// and the voltage answers δV = g·δy with g = ∂V/∂y. The applied current enters one row only,
// the control equation r = … − I_set, so −∂F/∂I_set is the unit vector of that row.
//
// Sign convention: the current is positive on discharge, as everywhere in ssbsim, so a current
// drawn from a passive cell lowers its voltage. Z(ω) = −δV/δI therefore has a positive real part,
// the impedance as potentiostats report it.

#include <complex>
#include <cstddef>
#include <memory>
#include <vector>

#include "ssbsim/core/DaeProblem.h"
#include "ssbsim/solver/IdaIntegrator.h"

namespace ssbsim::solver {

/// Where to linearize: t, y and y' (y' = 0 at a true steady state).
struct OperatingPoint {
    std::vector<double> y, yp;
    double t = 0.0;
};

/// `y` with its algebraic unknowns made consistent and y' computed by IDACalcIC, the same
/// initialization that starts every step of a simulation. A rest state with electronic leakage
/// (self-discharge) is not a steady state: the y' found here is its slow drift.
/// Throws SolverError when no consistent point is found.
OperatingPoint consistentOperatingPoint(DaeProblem& problem, const std::vector<double>& y,
                                        IntegratorOptions options = {});

/// Frequencies from fMax down to fMin (Hz, both included), equally spaced in log f with at
/// least `pointsPerDecade` per decade — descending, as EIS is customarily measured and plotted.
/// Decades that the range contains (1e3, 1, ...) come out exactly when fMax and fMin are decades.
/// std::invalid_argument unless 0 < fMin < fMax (finite) and pointsPerDecade ≥ 1.
std::vector<double> logFrequencies(double fMin, double fMax, int pointsPerDecade);

/// The small-signal impedance of a DAE at one operating point. The Jacobians are evaluated and
/// the sparsity pattern analysed once; each frequency costs one complex sparse LU factorization
/// (Eigen::SparseLU) and one solve. Keeps no reference to the problem. Not thread-safe: one
/// factorization is reused from frequency to frequency.
class Impedance {
  public:
    /// `currentRow`: the row whose residual is r = … − I_set (I_set in A/m^2, discharge > 0);
    /// `voltageGradient`: g = ∂V/∂y of the output voltage (exact when V is linear in y).
    /// std::invalid_argument for sizes that do not match the problem.
    Impedance(const DaeProblem& problem, const OperatingPoint& point, size_t currentRow,
              std::vector<double> voltageGradient);
    ~Impedance();
    Impedance(const Impedance&) = delete;
    Impedance& operator=(const Impedance&) = delete;

    /// Z = −δV/δI_set at `frequency` (Hz), in Ω·m² when I is a current density. SolverError
    /// naming the frequency when the linearized system is singular there (e.g. f = 0 with a
    /// pure capacitance in series).
    /// std::invalid_argument for a negative or non-finite frequency.
    std::complex<double> at(double frequency);
    /// Z at each frequency, in the order given.
    std::vector<std::complex<double>> spectrum(const std::vector<double>& frequencies);

  private:
    struct Factorization;  // Eigen types stay out of this header (Impedance.cpp)

    size_t size_;
    size_t currentRow_;
    std::vector<double> gradient_;
    std::vector<int> columnStart_, rows_;  ///< CSC pattern of the Jacobian
    std::vector<double> dFdy_, dFdyp_;     ///< ∂F/∂y and ∂F/∂y' on that pattern
    std::unique_ptr<Factorization> lu_;
};

}  // namespace ssbsim::solver
