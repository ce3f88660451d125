#include "ssbsim/models/CellModel.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "ssbsim/core/Constants.h"

namespace ssbsim::models {

using constants::faraday;

std::string_view toString(Side side) {
    return side == Side::Negative ? "Negative" : "Positive";
}

namespace {

/// Appends `cells` equal control volumes of `thickness` to the grid.
void appendRegion(Grid1D& grid, double thickness, size_t cells) {
    const Grid1D region = Grid1D::uniform(grid.faces.back(), grid.faces.back() + thickness, cells);
    grid.faces.insert(grid.faces.end(), region.faces.begin() + 1, region.faces.end());
}

/// Absolute tolerance of the potentials, V.
constexpr double potentialTolerance = 1e-5;

/// Mismatch of a cell's Butler–Volmer residual at IDA's prediction (V) above which its
/// reaction is solved locally before each Newton iteration (docs/physics/numerics.md#newton-start).
constexpr double newtonStartThreshold = 1e-3;

/// Absolute tolerance of an interfacial current density j: the error that moves the reaction
/// overpotential by at most the potentials' 10 µV where i0 is largest, |∂η/∂j| ≤ RT/(F i0(½)),
/// so that no unknown is held to a tighter standard than the voltage it makes. It sets how far
/// Newton converges j (algebraic unknowns are outside IDA's error test; when they were inside,
/// 1e-5 A/m^2, ~100× tighter, doubled the steps: docs/physics/numerics.md).
double reactionTolerance(const CompositeParameters& p, double temperature) {
    return potentialTolerance * faraday * p.exchangeCurrentDensity /
           (constants::gasConstant * temperature);
}

}  // namespace

CellModel::CellModel(CellParameters parameters, Discretization discretization)
    : p_(std::move(parameters)), disc_(discretization) {
    // Control volumes in x: negative electrode (composite only), separator, positive electrode,
    // each with its electrolyte properties.
    grid_.faces = {0.0};
    std::vector<double> kappa, activation, fraction, efficiency;
    auto region = [&](double thickness, size_t cells, double k, double ea, double eps,
                      double beta) {
        appendRegion(grid_, thickness, cells);
        kappa.insert(kappa.end(), cells, k);
        activation.insert(activation.end(), cells, ea);
        fraction.insert(fraction.end(), cells, eps);
        efficiency.insert(efficiency.end(), cells, beta);
    };
    const auto electrodeRegion = [&](const CompositeParameters& e, size_t cells) {
        region(e.thickness, cells, e.ionicConductivity, e.activation.ionicConductivity,
               e.electrolyteFraction, e.transportEfficiency);
    };
    const SeparatorParameters& sep = p_.separator;
    if (p_.negative) electrodeRegion(*p_.negative, disc_.negativeCells);
    region(sep.thickness, disc_.separatorCells, sep.ionicConductivity, sep.ionicActivation,
           sep.electrolyteFraction, sep.transportEfficiency);
    electrodeRegion(p_.positive, disc_.positiveCells);
    electrolyte_ = ElectrolyteTransport(grid_, kappa, activation, fraction, efficiency, p_.salt,
                                        p_.temperature);

    const ParticleGrid shells = ParticleGrid::uniform(1.0, disc_.particleShells);
    auto addElectrode = [&](Side side, const CompositeParameters& p, size_t firstCell,
                            size_t cells) {
        Electrode e;
        e.side = side;
        e.p = &p;
        e.firstCell = firstCell;
        e.cells = cells;
        e.diffusion =
            ParticleDiffusion(ParticleGrid::uniform(p.radius, shells.shells), p.diffusivity,
                              p.relativeDiffusivity, p.maxConcentration, p.contactFraction);
        e.kinetics = ButlerVolmer(p.transferCoefficient, p_.temperature);
        electrodes_.push_back(std::move(e));
    };
    const size_t nn = p_.negative ? disc_.negativeCells : 0;
    if (p_.negative) addElectrode(Side::Negative, *p_.negative, 0, nn);
    addElectrode(Side::Positive, p_.positive, nn + disc_.separatorCells, disc_.positiveCells);
    metalKinetics_ = ButlerVolmer(p_.metal.transferCoefficient, p_.temperature);

    // Absolute tolerances: 10 µV for potentials, the current density that moves η by 10 µV for
    // interfacial currents, 1e-6 A/m^2 for the applied current, 1e-9 c_max for particle and
    // 1e-6 c_e0 for salt concentrations. The local error test weighs only the differential
    // ones; Newton converges every unknown to its tolerance.
    current_ = layout_.add("Current density [A.m-2]", 1, false, 1e-6);
    metalOverpotential_ = lithium_ = concentrationE_ = grainBoundary_ = SIZE_MAX;
    if (!p_.negative) {
        metalOverpotential_ =
            layout_.add("Negative interface overpotential [V]", 1, false, potentialTolerance);
        if (p_.metal.tracksLithium)
            lithium_ = layout_.add("Lithium metal thickness [m]", 1, true, 1e-12);
        if (p_.separator.grainBoundaryResistance > 0)
            grainBoundary_ =
                layout_.add("Separator grain-boundary voltage [V]", 1, false, potentialTolerance);
    }
    potentialE_ = layout_.add("Electrolyte potential [V]", grid_.size(), false, potentialTolerance);
    if (p_.salt)
        concentrationE_ = layout_.add("Electrolyte concentration [mol.m-3]", grid_.size(), true,
                                      1e-6 * p_.salt->initialConcentration);
    for (Electrode& e : electrodes_) {
        const std::string_view side = toString(e.side);
        e.solid = layout_.add(fmt::format("{} electrode potential [V]", side), e.cells, false,
                              potentialTolerance);
        e.reaction = layout_.add(fmt::format("{} interfacial current density [A.m-2]", side),
                                 e.cells, false, reactionTolerance(*e.p, p_.temperature));
        e.particles =
            layout_.add(fmt::format("{} particle concentration [mol.m-3]", side),
                        e.cells * disc_.particleShells, true, 1e-9 * e.p->maxConcentration);
    }
    temperature_ = SIZE_MAX;
    if (p_.thermal.lumped) {  // docs/physics/thermal.md#lumped-energy-balance
        // T − T_ref, so that the error test weighs the rise, not the kelvins: rtol·T would
        // allow ~0.3 mK per step at 300 K.
        temperature_ = layout_.add("Temperature rise [K]", 1, true, 1e-6);
        for (Electrode& e : electrodes_)
            e.meanStoichiometry = layout_.add(
                fmt::format("{} electrode mean stoichiometry", toString(e.side)), 1, true, 1e-9);
    }
}

std::vector<bool> CellModel::differential() const {
    std::vector<bool> d(size(), false);
    for (const auto& b : layout_.blocks())
        for (size_t i = 0; i < b.size; ++i) d[b.offset + i] = b.differential;
    return d;
}

std::vector<double> CellModel::absoluteTolerances() const {
    std::vector<double> a(size());
    for (const auto& b : layout_.blocks())
        for (size_t i = 0; i < b.size; ++i) a[b.offset + i] = b.absoluteTolerance;
    return a;
}

std::vector<UnknownRange> CellModel::condensableBlocks() const {
    std::vector<UnknownRange> blocks;
    for (const Electrode& e : electrodes_)
        for (size_t i = 0; i < e.cells; ++i)
            blocks.push_back({e.particles + i * disc_.particleShells, disc_.particleShells});
    return blocks;
}

std::string CellModel::describeUnknown(size_t i) const {
    const VariableBlock& b = layout_.blockOf(i);
    return b.size == 1 ? b.name : fmt::format("{} (entry {} of {})", b.name, i - b.offset, b.size);
}

const CellModel::Electrode* CellModel::electrode(Side side) const {
    for (const Electrode& e : electrodes_)
        if (e.side == side) return &e;
    return nullptr;
}

bool CellModel::hasElectrode(Side side) const {
    return electrode(side) != nullptr;
}

template <class T>
bool CellModel::withCapacitances() const {
    // Traced too only when on: off, the terms would add a dependence of each φ_e row on φ_s,
    // and two more colours to every Jacobian of a time-stepping run.
    return capacitances_;
}

template <class T>
T CellModel::cellVoltage(const T* y) const {
    // φ_s at the positive current collector (half a cell beyond the last centre, carrying I)
    // minus the ground (the metal, or φ_s = 0 at the negative current collector).
    const Electrode& e = electrodes_.back();
    const double halfCell = 0.5 * grid_.width(grid_.size() - 1);
    const T sigma = e.p->electronicConductivity *
                    temperatureOf(y).arrhenius(e.p->activation.electronicConductivity);
    return y[e.solid + e.cells - 1] - y[current_] * halfCell / sigma;
}

template <class T>
T CellModel::leakage(const T* y, const CellTemperature<T>& temp) const {
    // i_leak = σ_e,sep (φ_s,p − φ_s,n) / L_s across the separator, with the face values taken as
    // the neighbouring cells' (the difference, i_leak Δx/2σ, is negligible).
    const Electrode& pos = electrodes_.back();
    T drop = y[pos.solid];
    if (p_.negative) {
        const Electrode& neg = electrodes_.front();
        drop -= y[neg.solid + neg.cells - 1];
    }
    const SeparatorParameters& sep = p_.separator;
    return drop * (sep.electronicConductivity / sep.thickness) *
           temp.arrhenius(sep.electronicActivation);
}

template <class T>
T CellModel::lumpedOpenCircuitVoltage(const T* y) const {
    // U_p(x̄_p) − U_n(x̄_n), or − the metal's potential (docs/physics/thermal.md).
    T u = p_.negative ? T(0.0) : T(-p_.metal.potential);
    for (const Electrode& e : electrodes_) {
        const T ocp = ssbsim::evaluate(e.p->openCircuitPotential, y[e.meanStoichiometry]);
        u += e.side == Side::Positive ? ocp : -ocp;
    }
    return u;
}

template <class T>
T CellModel::reactionResidual(const Electrode& e, const T& potentialDifference, const T& x,
                              const T& j, const T& exchangeFactor, const T& filmResistance,
                              const T& ratio) const {
    const CompositeParameters& p = *e.p;
    const T eta =
        potentialDifference - ssbsim::evaluate(p.openCircuitPotential, x) - j * filmResistance;
    const T i0 = ButlerVolmer::intercalationExchange(p.exchangeCurrentDensity, x) * exchangeFactor;
    return e.kinetics.residual(i0, eta, j, ratio);
}

template <class T>
void CellModel::thermalResidual(const T* y, const T* yp, const T& leak, T* r) const {
    // The electrodes pass I + i_leak: their mean stoichiometries follow it, and the energy it
    // releases beyond the electrical work I V heats the stack, which loses H (T − T_amb)
    // (docs/physics/thermal.md#lumped-energy-balance). In the small-signal impedance the
    // temperature and the means are held (ẏ = 0).
    const ThermalParameters& th = p_.thermal;
    const bool held = capacitances_ && !std::is_same_v<T, Traced>;
    const T passed = y[current_] + leak;
    for (const Electrode& e : electrodes_) {
        const CompositeParameters& p = *e.p;
        const double charge = faraday * p.maxConcentration * p.activeFraction * p.thickness;
        const T rate = (e.side == Side::Positive ? passed : -passed) / charge;
        r[e.meanStoichiometry] = held ? yp[e.meanStoichiometry] : yp[e.meanStoichiometry] - rate;
    }
    const T heat = passed * lumpedOpenCircuitVoltage(y) - y[current_] * cellVoltage(y) -
                   th.heatTransfer * (y[temperature_] + (p_.temperature - th.ambientTemperature));
    r[temperature_] = held ? yp[temperature_] : th.heatCapacity * yp[temperature_] - heat;
}

double Control::at(double t) const {
    if (times.empty()) return value;
    if (t <= times.front()) return values.front();
    if (t >= times.back()) return values.back();
    const auto k = static_cast<size_t>(std::upper_bound(times.begin(), times.end(), t) -
                                       times.begin());  // times[k − 1] ≤ t < times[k]
    const double w = (t - times[k - 1]) / (times[k] - times[k - 1]);
    return (1.0 - w) * values[k - 1] + w * values[k];
}

double Control::nextBreakAfter(double t) const {
    const auto next = std::upper_bound(times.begin(), times.end(), t);
    return next == times.end() ? std::numeric_limits<double>::infinity() : *next;
}

template <class T>
void CellModel::evaluate(double t, const T* y, const T* yp, T* r) const {
    const T& current = y[current_];
    const double set = control_.at(t);

    // Control equation (docs/physics/cell-model.md#operating-modes).
    if constexpr (std::is_same_v<T, Traced>) {
        // The sparsity pattern is traced once but the mode changes from step to step: trace the
        // union of what every mode reads (I and the voltage).
        r[current_] = current * cellVoltage(y);
    } else {
        switch (control_.mode) {
            case Control::Mode::Current:
                r[current_] = current - set;
                break;
            case Control::Mode::Voltage:
                r[current_] = cellVoltage(y) - set;
                break;
            case Control::Mode::Power:
                r[current_] = current * cellVoltage(y) - set;
                break;
            case Control::Mode::Resistance:
                r[current_] = cellVoltage(y) - set * current;
                break;
        }
    }

    // Electronic leakage through the separator (docs/physics/cell-model.md#leakage): electrons
    // cross from the positive electrode to the negative one, so the negative side carries the
    // ionic current I + i_leak, also at open circuit (self-discharge).
    const CellTemperature<T> temp = temperatureOf(y);
    const T leak = leakage(y, temp);

    // A metal anode's interface: Butler–Volmer carries the ionic current I + i_leak into the
    // electrolyte at x = 0; a composite negative electrode passes none there.
    T wall(0.0);
    if (!p_.negative) {
        const MetalAnodeParameters& metal = p_.metal;
        wall = current + leak;
        // The faradaic part is what the double layer at the interface does not take up.
        T faradaic = wall;
        if (withCapacitances<T>())
            faradaic -= metal.doubleLayerCapacitance * yp[metalOverpotential_];
        const T i0 = metal.exchangeCurrentDensity * temp.arrhenius(metal.exchangeActivation);
        r[metalOverpotential_] =
            metalKinetics_.residual(i0, y[metalOverpotential_], faradaic, temp.ratio());
        if (metal.tracksLithium)
            r[lithium_] = yp[lithium_] + faradaic * (metal.molarVolume / faraday);
        if (grainBoundary_ != SIZE_MAX) {
            // The separator's ionic current I + i_leak crosses its grain boundaries, lumped as
            // R_gb ∥ C_gb (docs/physics/impedance.md#interface-capacitances); residual in volts.
            const SeparatorParameters& sep = p_.separator;
            const T resistance =
                sep.grainBoundaryResistance / temp.arrhenius(sep.grainBoundaryActivation);
            r[grainBoundary_] = wall * resistance - y[grainBoundary_];
            if (withCapacitances<T>())
                r[grainBoundary_] -= resistance * sep.grainBoundaryCapacitance * yp[grainBoundary_];
        }
    }
    electrolyteResidual(y, yp, wall, temp, r);
    for (const Electrode& e : electrodes_) electrodeResidual(e, y, yp, leak, temp, r);
    if (p_.thermal.lumped) thermalResidual(y, yp, leak, r);
}

template <class T>
void CellModel::electrolyteResidual(const T* y, const T* yp, const T& wall,
                                    const CellTemperature<T>& temp, T* r) const {
    // Conservation of charge (∂i_e/∂x = a j) and of Li+ (ε ∂c/∂t = −∂N+/∂x + a j/F) in each
    // control volume; the electrodes subtract their sources afterwards.
    // (docs/physics/electrolyte.md#finite-volumes)
    const size_t n = grid_.size();
    const T* phi = y + potentialE_;
    const T* c = p_.salt ? y + concentrationE_ : nullptr;
    T left(0.0), leftLithium(0.0);  // ionic current and Li+ flux through the left face
    if (!p_.negative) {
        const MetalAnodeParameters& metal = p_.metal;
        T phiWall = -(metal.potential + y[metalOverpotential_] + wall * metal.interfaceResistance);
        if (grainBoundary_ != SIZE_MAX) phiWall -= y[grainBoundary_];
        left = electrolyte_.wallCurrent(phiWall, phi, c, wall, temp);
        leftLithium = wall / faraday;  // only Li+ crosses the metal interface
    }
    // Each volume's half resistances are computed once and carried to the next face.
    T halfLeft = electrolyte_.halfResistance(0, c, temp);
    T halfDiffusionLeft = c ? electrolyte_.halfDiffusionResistance(0, c, temp) : T(0.0);
    for (size_t i = 0; i < n; ++i) {
        T right(0.0), rightLithium(0.0);
        if (i + 1 < n) {
            const T halfRight = electrolyte_.halfResistance(i + 1, c, temp);
            right = electrolyte_.currentThrough(i, phi, c, temp, halfLeft + halfRight);
            halfLeft = halfRight;
            if (c) {
                const T halfDiffusionRight = electrolyte_.halfDiffusionResistance(i + 1, c, temp);
                rightLithium = electrolyte_.lithiumFluxThrough(
                    i, c, right, halfDiffusionLeft + halfDiffusionRight);
                halfDiffusionLeft = halfDiffusionRight;
            }
        }
        r[potentialE_ + i] = right - left;
        if (c) {
            r[concentrationE_ + i] = electrolyte_.fraction(i) * yp[concentrationE_ + i] +
                                     (rightLithium - leftLithium) / grid_.width(i);
            leftLithium = rightLithium;
        }
        left = right;
    }
}

template <class T>
void CellModel::electrodeResidual(const Electrode& e, const T* y, const T* yp, const T& leak,
                                  const CellTemperature<T>& temp, T* r) const {
    const CompositeParameters& p = *e.p;
    const CompositeActivation& ea = p.activation;
    const T* phiS = y + e.solid;
    const T* phiE = y + potentialE_;
    const T* j = y + e.reaction;
    const T sigma = p.electronicConductivity * temp.arrhenius(ea.electronicConductivity);
    const size_t nr = disc_.particleShells;

    // Electronic current i_s = −σ ∂φ_s/∂x (+x): at the separator it is the leakage, at the
    // positive current collector I; the negative current collector is the ground, φ_s = 0.
    T leftSolid = e.side == Side::Positive
                      ? T(-leak)
                      : T(phiS[0] * (-sigma / (0.5 * grid_.width(e.firstCell))));
    for (size_t i = 0; i < e.cells; ++i) {
        const size_t cell = e.firstCell + i;
        const double dx = grid_.width(cell);
        T rightSolid = e.side == Side::Positive ? y[current_] : -leak;
        if (i + 1 < e.cells) rightSolid = (phiS[i] - phiS[i + 1]) * (sigma / dx);
        // Charge crosses the interface as the faradaic j plus the double layer's charging.
        T crossing = j[i];
        if (withCapacitances<T>())
            crossing += p.doubleLayerCapacitance * (yp[e.solid + i] - yp[potentialE_ + cell]);
        r[e.solid + i] = rightSolid - leftSolid + p.specificArea * dx * crossing;
        leftSolid = rightSolid;
        r[potentialE_ + cell] -= p.specificArea * dx * crossing;
        if (p_.salt) r[concentrationE_ + cell] -= p.specificArea * j[i] / faraday;
    }

    // Interfacial reaction and particle diffusion in each cell (docs/physics/cell-model.md),
    // with the Arrhenius factors of a lumped thermal run (docs/physics/thermal.md).
    const T diffusivityFactor = temp.arrhenius(ea.diffusivity);
    const T exchangeFactor = temp.arrhenius(ea.exchangeCurrentDensity);
    const T filmResistance = p.filmResistance / temp.arrhenius(ea.filmConductance);
    const T ratio = temp.ratio();
    for (size_t i = 0; i < e.cells; ++i) {
        const size_t cell = e.firstCell + i;
        const T* c = y + e.particles + i * nr;
        const T x = e.diffusion.surfaceConcentration(c) / p.maxConcentration;
        const T exchange =
            p_.salt ? exchangeFactor * ButlerVolmer::saltFactor(y[concentrationE_ + cell],
                                                                p_.salt->initialConcentration)
                    : exchangeFactor;
        r[e.reaction + i] =
            reactionResidual(e, T(phiS[i] - phiE[cell]), x, j[i], exchange, filmResistance, ratio);
        e.diffusion.residual(c, yp + e.particles + i * nr, j[i], diffusivityFactor,
                             r + e.particles + i * nr);
    }
}

bool CellModel::startNewton(double, const double* y, const double* yp, double alpha,
                            const double* residual, double* correction) const {
    const size_t nr = disc_.particleShells;
    if (nr < 3) return false;   // stepResponse's three-colour Jacobian
    std::vector<Dual<3>> work;  // allocated for the first cell that needs it
    std::vector<double> response;
    bool started = false;
    for (const Electrode& e : electrodes_) {
        for (size_t i = 0; i < e.cells; ++i) {
            // The Butler–Volmer residual is in volts; below the threshold the predictor is
            // left to Newton's iteration.
            if (!(std::abs(residual[e.reaction + i]) > newtonStartThreshold)) continue;
            if (work.empty()) work.resize(3 * nr), response.resize(2 * nr);
            started |= startReaction(e, i, y, yp, alpha, work.data(), response.data(), correction);
        }
    }
    return started;
}

bool CellModel::startReaction(const Electrode& e, size_t i, const double* y, const double* yp,
                              double alpha, Dual<3>* work, double* response,
                              double* correction) const {
    // The cell's interfacial current and particle shells, with the potentials, the salt and
    // the temperature held at their predicted values: the shells respond linearly to a change
    // δj of the current, c = c_p + u + v δj (ParticleDiffusion::stepResponse), which leaves one
    // scalar equation, the Butler–Volmer residual g(x_s(δj), j_p + δj) = 0, solved by Newton's
    // method (docs/physics/numerics.md#newton-start).
    const CompositeParameters& p = *e.p;
    const CompositeActivation& ea = p.activation;
    const size_t nr = disc_.particleShells, cell = e.firstCell + i;
    const size_t shells = e.particles + i * nr;
    const CellTemperature<double> temp = temperatureOf(y);
    double* u = response;
    double* v = response + nr;
    e.diffusion.stepResponse(y + shells, yp + shells, y[e.reaction + i],
                             temp.arrhenius(ea.diffusivity), alpha, work, u, v);
    const double x =
        (e.diffusion.surfaceConcentration(y + shells) + e.diffusion.surfaceConcentration(u)) /
        p.maxConcentration;
    const double dxdj = e.diffusion.surfaceConcentration(v) / p.maxConcentration;

    using Scalar = Dual<1>;  // d/dδj
    const Scalar potentialDifference(y[e.solid + i] - y[potentialE_ + cell]);
    const Scalar exchange(temp.arrhenius(ea.exchangeCurrentDensity) *
                          (p_.salt ? ButlerVolmer::saltFactor(y[concentrationE_ + cell],
                                                              p_.salt->initialConcentration)
                                   : 1.0));
    const Scalar filmResistance(p.filmResistance / temp.arrhenius(ea.filmConductance));
    const Scalar ratio(temp.ratio());
    const double tolerance = 1e-3 * reactionTolerance(p, p_.temperature);
    double dj = 0.0;
    for (int iteration = 0; iteration < 8; ++iteration) {
        Scalar xs(x + dxdj * dj), j(y[e.reaction + i] + dj);
        xs.d[0] = dxdj;
        j.d[0] = 1.0;
        const Scalar g =
            reactionResidual(e, potentialDifference, xs, j, exchange, filmResistance, ratio);
        const double step = -g.v / g.d[0];
        if (!std::isfinite(step)) return false;
        dj += step;
        if (std::abs(step) > tolerance) continue;
        const double xEnd = x + dxdj * dj;
        if (xEnd < p.openCircuitPotential.xMin() || xEnd > p.openCircuitPotential.xMax())
            return false;  // beyond the table: the predictor stays
        for (size_t k = 0; k < nr; ++k) correction[shells + k] = u[k] + v[k] * dj;
        correction[e.reaction + i] = dj;
        return true;
    }
    return false;
}

void CellModel::residual(double t, const double* y, const double* yp, double* r) const {
    evaluate(t, y, yp, r);
}
void CellModel::residual(double t, const JacobianDual* y, const JacobianDual* yp,
                         JacobianDual* r) const {
    evaluate(t, y, yp, r);
}
void CellModel::residual(double t, const Traced* y, const Traced* yp, Traced* r) const {
    evaluate(t, y, yp, r);
}

std::vector<double> CellModel::restState(double soc) const {
    std::vector<double> y(size(), 0.0);
    // Ground: the metal, or the negative electrode's solid phase; the electrolyte sits at minus
    // the negative electrode's open-circuit potential.
    double phiE = -p_.metal.potential;
    for (const Electrode& e : electrodes_) {
        const double x = e.p->stoichiometry(soc);
        const double u = e.p->openCircuitPotential(x);
        if (e.side == Side::Negative) phiE = -u;
        for (size_t i = 0; i < e.cells * disc_.particleShells; ++i)
            y[e.particles + i] = x * e.p->maxConcentration;
    }
    for (size_t i = 0; i < grid_.size(); ++i) y[potentialE_ + i] = phiE;
    if (p_.salt)
        for (size_t i = 0; i < grid_.size(); ++i)
            y[concentrationE_ + i] = p_.salt->initialConcentration;
    const Electrode& pos = electrodes_.back();
    const double xp = p_.positive.stoichiometry(soc);
    for (size_t i = 0; i < pos.cells; ++i)
        y[pos.solid + i] = phiE + p_.positive.openCircuitPotential(xp);
    if (p_.thermal.lumped) {
        y[temperature_] = 0.0;
        for (const Electrode& e : electrodes_) y[e.meanStoichiometry] = e.p->stoichiometry(soc);
    }
    if (!p_.negative && p_.metal.tracksLithium) {
        // Li moved to the negative electrode by charging to this state of charge.
        const CompositeParameters& pp = p_.positive;
        const double moved = (pp.dischargedStoichiometry - xp) * pp.maxConcentration *
                             pp.activeFraction * pp.thickness;
        y[lithium_] = p_.metal.initialThickness + moved * p_.metal.molarVolume;
    }
    return y;
}

double CellModel::leakageCurrentDensity(const double* y) const {
    return leakage(y, temperatureOf(y));
}

double CellModel::temperature(const double* y) const {
    return temperatureOf(y).kelvin();
}

double CellModel::heatGeneration(const double* y, const VoltageBreakdown& breakdown) const {
    const double current = y[current_];
    return (current + leakageCurrentDensity(y)) * breakdown.openCircuit - current * cellVoltage(y);
}
double CellModel::voltage(const double* y) const {
    return cellVoltage(y);
}

std::vector<double> CellModel::voltageGradient() const {
    // At a fixed temperature V is linear in y: unit steps give ∂V/∂y_i exactly. The temperature
    // is held in the small signal (its entry stays 0), at the reference where σ is its
    // reference value.
    std::vector<double> y(size(), 0.0), gradient(size(), 0.0);
    for (size_t i = 0; i < size(); ++i) {
        if (i == temperature_) continue;
        y[i] = 1.0;
        gradient[i] = cellVoltage(y.data());
        y[i] = 0.0;
    }
    return gradient;
}

double CellModel::currentDensity(const double* y) const {
    return y[current_];
}
double CellModel::negativeOverpotential(const double* y) const {
    return p_.negative ? 0.0 : y[metalOverpotential_];
}
double CellModel::lithiumThickness(const double* y) const {
    return !p_.negative && p_.metal.tracksLithium ? y[lithium_] : 0.0;
}

std::vector<double> CellModel::surfaceStoichiometry(const double* y, Side side) const {
    const Electrode& e = *electrode(side);
    std::vector<double> x(e.cells);
    for (size_t i = 0; i < x.size(); ++i)
        x[i] = e.diffusion.surfaceConcentration(y + e.particles + i * disc_.particleShells) /
               e.p->maxConcentration;
    return x;
}

double CellModel::meanConcentration(const Electrode& e, const double* y, size_t cell) const {
    // Shell volumes are fractions of the particle volume, so this is the volume average.
    const auto& volume = e.diffusion.grid().shellVolume;
    double mean = 0.0;
    for (size_t k = 0; k < disc_.particleShells; ++k)
        mean += volume[k] * y[e.particles + cell * disc_.particleShells + k];
    return mean;
}

double CellModel::averageStoichiometry(const double* y, Side side) const {
    const Electrode& e = *electrode(side);
    double sum = 0.0;  // cells of an electrode are equal, so the plain mean is the average
    for (size_t i = 0; i < e.cells; ++i) sum += meanConcentration(e, y, i);
    return sum / (static_cast<double>(e.cells) * e.p->maxConcentration);
}

double CellModel::lithiumInventory(const double* y) const {
    double total = 0.0;  // mol/m^2
    for (const Electrode& e : electrodes_)
        for (size_t i = 0; i < e.cells; ++i)
            total +=
                meanConcentration(e, y, i) * e.p->activeFraction * grid_.width(e.firstCell + i);
    if (p_.salt)
        for (size_t i = 0; i < grid_.size(); ++i)
            total += electrolyte_.fraction(i) * y[concentrationE_ + i] * grid_.width(i);
    if (!p_.negative && p_.metal.tracksLithium) total += y[lithium_] / p_.metal.molarVolume;
    return total;
}

double CellModel::minimumSaltConcentration(const double* y) const {
    if (!p_.salt) return std::numeric_limits<double>::infinity();
    return *std::min_element(y + concentrationE_, y + concentrationE_ + grid_.size());
}

std::vector<ProfileValues> CellModel::profiles(const double* y) const {
    auto slice = [&](size_t offset, size_t n) {
        return std::vector<double>(y + offset, y + offset + n);
    };
    std::vector<ProfileValues> out;
    out.push_back({"Electrolyte potential [V]", "Electrolyte", slice(potentialE_, grid_.size())});
    if (p_.salt)
        out.push_back({"Electrolyte concentration [mol.m-3]", "Electrolyte",
                       slice(concentrationE_, grid_.size())});
    for (const Electrode& e : electrodes_) {
        const std::string side(toString(e.side));
        out.push_back({side + " electrode potential [V]", side, slice(e.solid, e.cells)});
        out.push_back(
            {side + " interfacial current density [A.m-2]", side, slice(e.reaction, e.cells)});
        out.push_back({side + " surface stoichiometry", side, surfaceStoichiometry(y, e.side)});
        std::vector<double> mean(e.cells);
        for (size_t i = 0; i < e.cells; ++i)
            mean[i] = meanConcentration(e, y, i) / e.p->maxConcentration;
        out.push_back({side + " particle stoichiometry", side, std::move(mean)});
    }
    return out;
}

std::vector<double> CellModel::cellCentres() const {
    std::vector<double> x(grid_.size());
    for (size_t i = 0; i < x.size(); ++i) x[i] = grid_.centre(i);
    return x;
}

std::vector<double> CellModel::electrodeCentres(Side side) const {
    const Electrode& e = *electrode(side);
    std::vector<double> x(e.cells);
    for (size_t i = 0; i < e.cells; ++i) x[i] = grid_.centre(e.firstCell + i);
    return x;
}

}  // namespace ssbsim::models
