#pragma once
// The cell model: a negative electrode (Li metal, alloy or anode-free interface, or a composite
// electrode), a separator and a composite positive electrode, with a single-ion solid
// electrolyte or a binary salt as the ionic phase, discretized by finite volumes in x and r into
// one DAE (docs/physics/cell-model.md). Unknowns and their equations:
//   I        applied current density            control: I = I_set, V = V_set or I·V = P_set
//   η_n      metal interface overpotential      Butler–Volmer at the metal|electrolyte interface
//   h        Li metal thickness                 ḣ = −I V_m / F (Li metal and anode-free)
//   v_gb     separator grain-boundary voltage   I + i_leak = v_gb/R_gb + C_gb v̇_gb (if separated)
//   φ_e      electrolyte potential, all cells   ∂i_e/∂x = a j
//   c_e      salt concentration (binary salt)   ε ∂c_e/∂t = −∂N+/∂x + a j / F
//   per composite electrode (negative, positive):
//   φ_s      electronic potential               ∂i_s/∂x = −a j
//   j        interfacial current density         Butler–Volmer with film resistance
//   c        Li in the particles                 spherical diffusion
// and, with the lumped thermal model (docs/physics/thermal.md):
//   T − T_ref temperature rise                   C Ṫ = (I + i_leak) U(x̄) − I V − H (T − T_amb)
//   x̄        mean stoichiometry per electrode    fed by I + i_leak
// With a composite negative electrode φ_s = 0 at its current collector (the ground); with a
// metal anode the metal is the ground.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ssbsim/core/DaeProblem.h"
#include "ssbsim/models/ButlerVolmer.h"
#include "ssbsim/models/CellParameters.h"
#include "ssbsim/models/CellTemperature.h"
#include "ssbsim/models/ElectrolyteTransport.h"
#include "ssbsim/models/Layout.h"
#include "ssbsim/models/Mesh.h"
#include "ssbsim/models/ParticleDiffusion.h"
#include "ssbsim/models/VoltageBreakdown.h"

namespace ssbsim::models {

/// Mesh resolution (docs/physics/numerics.md#grids).
struct Discretization {
    size_t negativeCells = 20;  ///< composite negative electrodes only
    size_t separatorCells = 10;
    size_t positiveCells = 20;
    size_t particleShells = 10;
};

/// What the control equation holds fixed during a step.
struct Control {
    enum class Mode { Current, Voltage, Power, Resistance } mode = Mode::Current;
    /// A/m^2 (discharge > 0), V, W/m^2 (discharge > 0), or Ohm m^2 (V = value · I/A)
    double value = 0.0;
    /// A set value that varies in time (a drive cycle): linear between the points
    /// (times[k], values[k]), times in s of the simulation clock; `value` when empty.
    std::vector<double> times = {}, values = {};

    /// The set value at time t (the end values outside the points).
    double at(double t) const;
    /// The first of `times` after t, where the set value's slope changes (+∞ when none).
    double nextBreakAfter(double t) const;
};

enum class Side { Negative, Positive };
std::string_view toString(Side side);  ///< "Negative", "Positive"

/// A variable along x at one time, for outputs.
struct ProfileValues {
    std::string name;    ///< with unit, e.g. "Electrolyte potential [V]"
    std::string region;  ///< "Electrolyte", "Negative" or "Positive": which x it lives on
    std::vector<double> values;
};

class CellModel : public DaeProblem {
  public:
    CellModel(CellParameters parameters, Discretization discretization);
    CellModel(const CellModel&) = delete;  // electrodes_ point into p_
    CellModel& operator=(const CellModel&) = delete;

    // DaeProblem
    size_t size() const override { return layout_.size(); }
    std::vector<bool> differential() const override;
    std::vector<double> absoluteTolerances() const override;
    /// The shells of each particle.
    std::vector<UnknownRange> condensableBlocks() const override;
    std::string describeUnknown(size_t i) const override;
    /// Each composite-electrode cell's interfacial current and particle, solved together with
    /// the potentials held (docs/physics/numerics.md#newton-start).
    bool startNewton(double t, const double* yPredicted, const double* ypPredicted, double alpha,
                     const double* residual, double* correction) const override;
    void residual(double t, const double* y, const double* yp, double* r) const override;
    void residual(double t, const JacobianDual* y, const JacobianDual* yp,
                  JacobianDual* r) const override;
    void residual(double t, const Traced* y, const Traced* yp, Traced* r) const override;

    void setControl(Control control) { control_ = control; }
    const Control& control() const { return control_; }
    /// Charging currents of the interface capacitances: double layers, C_dl ∂(φ_s − φ_e)/∂t,
    /// and the separator's grain boundaries, C_gb ∂v_gb/∂t. Off for time stepping
    /// (quasi-static interfaces); on for the impedance, where they make the arcs
    /// (docs/physics/impedance.md#interface-capacitances). Choose before tracing a Jacobian
    /// pattern (solver/SparseJacobian): the pattern holds these terms only when they are on.
    void setCapacitances(bool on) { capacitances_ = on; }

    /// Rest state at a state of charge in [0, 1] of the design window (1 = charged), with
    /// consistent algebraic unknowns and y' = 0.
    std::vector<double> restState(double stateOfCharge) const;

    // Quantities read from a state vector (SI).
    double voltage(const double* y) const;  ///< V, one unit cell
    /// ∂V/∂y: the voltage is linear in the state, so this is exact (small-signal output).
    std::vector<double> voltageGradient() const;
    double currentDensity(const double* y) const;    ///< A/m^2, discharge > 0
    double lithiumThickness(const double* y) const;  ///< m (0 if not tracked)
    bool hasElectrode(Side side) const;              ///< composite electrode on that side
    /// x at the particle surface of each cell of a composite electrode.
    std::vector<double> surfaceStoichiometry(const double* y, Side side = Side::Positive) const;
    /// Mean x of the accessible active material of a composite electrode.
    double averageStoichiometry(const double* y, Side side = Side::Positive) const;
    /// Cyclable Li per electrode area: accessible particles, metal and the Li+
    /// of a binary salt, mol/m^2.
    double lithiumInventory(const double* y) const;
    double negativeOverpotential(const double* y) const;  ///< metal interface, V (0 otherwise)
    /// The voltage as open-circuit voltage plus six losses that sum to it exactly
    /// (models/VoltageBreakdown.cpp, docs/physics/cell-model.md#voltage-breakdown).
    VoltageBreakdown voltageBreakdown(const double* y) const;
    /// Electronic current through the separator, A/m^2 (self-discharge at open circuit).
    double leakageCurrentDensity(const double* y) const;
    double temperature(const double* y) const;  ///< K (the set one when isothermal)
    /// Heat the cell releases per unit-cell area, (I + i_leak) U_ocv − I V with the particles'
    /// mean open-circuit voltage, W/m^2 (docs/physics/thermal.md#lumped-energy-balance);
    /// `breakdown` is voltageBreakdown(y), which the caller has already computed.
    double heatGeneration(const double* y, const VoltageBreakdown& breakdown) const;
    /// Lowest salt concentration over the cell, mol/m^3 (binary salts; +∞ otherwise).
    double minimumSaltConcentration(const double* y) const;
    /// Every variable along x (potentials, concentrations, currents, surface x).
    std::vector<ProfileValues> profiles(const double* y) const;
    /// Cell centres (m) over the whole cell (the electrolyte's region) and of one composite
    /// electrode.
    std::vector<double> cellCentres() const;
    std::vector<double> electrodeCentres(Side side) const;

    const CellParameters& parameters() const { return p_; }
    const Layout& layout() const { return layout_; }
    const Grid1D& grid() const { return grid_; }
    const Discretization& discretization() const { return disc_; }
    /// Index of the current-density unknown and of the control equation.
    size_t currentIndex() const { return current_; }

  private:
    /// One composite electrode: where its cells sit in x and its unknowns in y.
    struct Electrode {
        Side side = Side::Positive;
        const CompositeParameters* p = nullptr;
        size_t firstCell = 0, cells = 0;  ///< in grid_
        size_t solid = 0, reaction = 0, particles = 0;
        size_t meanStoichiometry = SIZE_MAX;  ///< lumped thermal model only
        ParticleDiffusion diffusion;
        ButlerVolmer kinetics;
    };

    /// x-averages over one electrode's cells (volume weights), or the values of a metal
    /// interface, for the voltage breakdown.
    struct InterfaceAverages {
        double solid = 0.0;        ///< φ_s, V
        double electrolyte = 0.0;  ///< φ_e at the interface, V
        double openCircuit = 0.0;  ///< U at the mean stoichiometry, V
        double surface = 0.0;      ///< U(x_surf), V
        double reaction = 0.0;     ///< η, V
        double film = 0.0;         ///< j R_film (I R_n at a metal), V
    };

    template <class T>
    void evaluate(double t, const T* y, const T* yp, T* r) const;
    template <class T>
    void electrolyteResidual(const T* y, const T* yp, const T& wallCurrent,
                             const CellTemperature<T>& temp, T* r) const;
    template <class T>
    void electrodeResidual(const Electrode& e, const T* y, const T* yp, const T& leak,
                           const CellTemperature<T>& temp, T* r) const;
    /// Butler–Volmer residual of one cell's reaction (docs/physics/cell-model.md#equations) at
    /// surface stoichiometry x and current density j, for φ_s − φ_e = `potentialDifference`;
    /// `exchangeFactor` multiplies i0 (Arrhenius, salt), `ratio` is T / T_ref.
    /// startNewton for one cell's reaction; false (nothing written) where its local solve
    /// does not converge. `work`: 3 × shells duals, `response`: 2 × shells.
    bool startReaction(const Electrode& e, size_t cell, const double* y, const double* yp,
                       double alpha, Dual<3>* work, double* response, double* correction) const;
    template <class T>
    T reactionResidual(const Electrode& e, const T& potentialDifference, const T& x, const T& j,
                       const T& exchangeFactor, const T& filmResistance, const T& ratio) const;
    template <class T>
    void thermalResidual(const T* y, const T* yp, const T& leak, T* r) const;
    template <class T>
    bool withCapacitances() const;
    /// Isothermal at p_.temperature, or the lumped unknown.
    template <class T>
    CellTemperature<T> temperatureOf(const T* y) const {
        if (!p_.thermal.lumped) return CellTemperature<T>(p_.temperature);
        return CellTemperature<T>(p_.temperature + y[temperature_], p_.temperature);
    }
    template <class T>
    T cellVoltage(const T* y) const;
    template <class T>
    T leakage(const T* y, const CellTemperature<T>& temp) const;
    template <class T>
    T lumpedOpenCircuitVoltage(const T* y) const;
    const Electrode* electrode(Side side) const;
    double meanConcentration(const Electrode& e, const double* y,
                             size_t cell) const;  ///< mol/m^3 in one cell's particle
    // Voltage breakdown (models/VoltageBreakdown.cpp).
    InterfaceAverages electrodeAverages(const Electrode& e, const double* y) const;
    InterfaceAverages metalInterface(const double* y) const;
    std::vector<double> electrolyteWeights() const;
    double electrolyteOhmicPart(const double* y) const;

    CellParameters p_;
    Discretization disc_;
    Grid1D grid_;  ///< negative cells (composite only), separator cells, positive cells
    ElectrolyteTransport electrolyte_;
    std::vector<Electrode> electrodes_;  ///< negative (if composite) then positive
    ButlerVolmer metalKinetics_;
    Layout layout_;
    size_t current_ = 0, metalOverpotential_ = 0, lithium_ = 0, grainBoundary_ = 0;
    size_t temperature_ = SIZE_MAX;
    size_t potentialE_ = 0, concentrationE_ = 0;  ///< electrolyte blocks
    Control control_;
    bool capacitances_ = false;
};

}  // namespace ssbsim::models
