#pragma once
// The cell model: a Li-metal (or alloy, or anode-free) negative electrode, a single-ion solid
// electrolyte separator and a composite positive electrode, discretized by finite volumes in x
// and r into one DAE (docs/physics/cell-model.md). Unknowns and their equations:
//   I        applied current density          control: I = I_set, V = V_set or I·V = P_set
//   η_n      negative interface overpotential  Butler–Volmer at the Li|SE interface
//   h        Li metal thickness                 ḣ = −I V_m / F (Li metal and anode-free)
//   φ_e      SE potential, separator + positive ∂/∂x(κ ∂φ_e/∂x) = −a j
//   φ_s      electronic potential, positive    ∂/∂x(σ ∂φ_s/∂x) = a j
//   j        interfacial current density         Butler–Volmer with film resistance
//   c        Li in the particles                 spherical diffusion

#include <string>
#include <vector>

#include "ssbsim/core/DaeProblem.h"
#include "ssbsim/models/ButlerVolmer.h"
#include "ssbsim/models/CellParameters.h"
#include "ssbsim/models/Layout.h"
#include "ssbsim/models/Mesh.h"
#include "ssbsim/models/ParticleDiffusion.h"

namespace ssbsim::models {

/// Mesh resolution (docs/physics/numerics.md#grids).
struct Discretization {
    size_t separatorCells = 10;
    size_t positiveCells = 20;
    size_t particleShells = 10;
};

/// What the control equation holds fixed during a step.
struct Control {
    enum class Mode { Current, Voltage, Power } mode = Mode::Current;
    double value = 0.0;  ///< A/m^2 (discharge > 0), V, or W/m^2 (discharge > 0)
};

class CellModel : public DaeProblem {
  public:
    CellModel(CellParameters parameters, Discretization discretization);

    // DaeProblem
    size_t size() const override { return layout_.size(); }
    std::vector<bool> differential() const override;
    std::vector<double> absoluteTolerances() const override;
    std::string describeUnknown(size_t i) const override;
    void residual(double t, const double* y, const double* yp, double* r) const override;
    void residual(double t, const JacobianDual* y, const JacobianDual* yp,
                  JacobianDual* r) const override;
    void residual(double t, const Traced* y, const Traced* yp, Traced* r) const override;

    void setControl(Control control) { control_ = control; }
    const Control& control() const { return control_; }

    /// Rest state at a state of charge in [0, 1] of the design window (1 = charged), with
    /// consistent algebraic unknowns and y' = 0.
    std::vector<double> restState(double stateOfCharge) const;

    // Quantities read from a state vector (SI).
    double voltage(const double* y) const;           ///< V, one unit cell
    /// ∂V/∂y: the voltage is linear in the state, so this is exact (small-signal output).
    std::vector<double> voltageGradient() const;
    double currentDensity(const double* y) const;    ///< A/m^2, discharge > 0
    double lithiumThickness(const double* y) const;  ///< m (0 if not tracked)
    /// x at the particle surface of each positive cell.
    std::vector<double> surfaceStoichiometry(const double* y) const;
    double averageStoichiometry(const double* y) const;  ///< accessible positive active material
    /// Li per electrode area in the positive particles (accessible + isolated) and the metal,
    /// mol/m^2.
    double lithiumInventory(const double* y) const;
    double negativeOverpotential(const double* y) const;
    /// Electronic current through the separator, A/m^2 (self-discharge at open circuit).
    double leakageCurrentDensity(const double* y) const;

    const CellParameters& parameters() const { return p_; }
    const Layout& layout() const { return layout_; }
    const Grid1D& grid() const { return grid_; }
    size_t separatorCells() const { return disc_.separatorCells; }
    size_t positiveCells() const { return disc_.positiveCells; }
    /// Offsets of the blocks, for outputs.
    struct Offsets {
        size_t current, negativeOverpotential, lithium, electrolyte, solid, reaction, particles;
    };
    const Offsets& offsets() const { return at_; }

  private:
    template <class T>
    void evaluate(const T* y, const T* yp, T* r) const;
    template <class T>
    T cellVoltage(const T* y) const;
    template <class T>
    T leakage(const T* y) const;
    double meanConcentration(const double* y,
                             size_t cell) const;  ///< mol/m^3 in one cell's particle

    CellParameters p_;
    Discretization disc_;
    Grid1D grid_;                ///< separator cells then positive cells
    std::vector<double> kappa_;  ///< effective ionic conductivity of each cell
    ParticleDiffusion particles_;
    ButlerVolmer positiveKinetics_, negativeKinetics_;
    Layout layout_;
    Offsets at_{};
    Control control_;
};

}  // namespace ssbsim::models
