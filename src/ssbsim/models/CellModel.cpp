#include "ssbsim/models/CellModel.h"

#include <fmt/format.h>

#include <cmath>
#include <type_traits>

#include "ssbsim/core/Constants.h"

namespace ssbsim::models {

using constants::faraday;

CellModel::CellModel(CellParameters parameters, Discretization discretization)
    : p_(std::move(parameters)), disc_(discretization) {
    const double ls = p_.separator.thickness;
    const double lp = p_.positive.thickness;
    grid_ = Grid1D::uniform(0.0, ls, disc_.separatorCells);
    const Grid1D positive = Grid1D::uniform(ls, ls + lp, disc_.positiveCells);
    grid_.faces.insert(grid_.faces.end(), positive.faces.begin() + 1, positive.faces.end());
    kappa_.assign(disc_.separatorCells, p_.separator.ionicConductivity);
    kappa_.resize(grid_.size(), p_.positive.ionicConductivity);

    particles_ = ParticleDiffusion(ParticleGrid::uniform(p_.positive.radius, disc_.particleShells),
                                   p_.positive.diffusivity, p_.positive.relativeDiffusivity,
                                   p_.positive.maxConcentration, p_.positive.contactFraction);
    positiveKinetics_ = ButlerVolmer(p_.positive.transferCoefficient, p_.temperature);
    negativeKinetics_ = ButlerVolmer(p_.negative.transferCoefficient, p_.temperature);

    // Absolute tolerances: 10 µV for potentials, 1e-5 A/m^2 for interfacial currents, 1e-6 A/m^2
    // for the applied current, 1e-9 c_max for concentrations. Algebraic unknowns stay in the
    // error test so that events located on them (the voltage) are found at the right time.
    const size_t np = disc_.positiveCells;
    at_.current = layout_.add("Current density [A.m-2]", 1, false, 1e-6);
    at_.negativeOverpotential = layout_.add("Negative interface overpotential [V]", 1, false, 1e-5);
    at_.lithium = p_.negative.tracksLithium
                      ? layout_.add("Lithium metal thickness [m]", 1, true, 1e-12)
                      : layout_.size();
    at_.electrolyte = layout_.add("Electrolyte potential [V]", grid_.size(), false, 1e-5);
    at_.solid = layout_.add("Positive electrode potential [V]", np, false, 1e-5);
    at_.reaction = layout_.add("Positive interfacial current density [A.m-2]", np, false, 1e-5);
    at_.particles =
        layout_.add("Positive particle concentration [mol.m-3]", np * disc_.particleShells, true,
                    1e-9 * p_.positive.maxConcentration);
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

std::string CellModel::describeUnknown(size_t i) const {
    const VariableBlock& b = layout_.blockOf(i);
    return b.size == 1 ? b.name : fmt::format("{} (entry {} of {})", b.name, i - b.offset, b.size);
}

template <class T>
T CellModel::cellVoltage(const T* y) const {
    // φ_s at the positive current collector: half a cell beyond the last centre, carrying I.
    const size_t last = disc_.positiveCells - 1;
    const double halfCell = 0.5 * grid_.width(grid_.size() - 1);
    return y[at_.solid + last] - y[at_.current] * (halfCell / p_.positive.electronicConductivity);
}

template <class T>
T CellModel::leakage(const T* y) const {
    // i_leak = σ_e,sep (φ_s at the separator face − φ_s of the negative electrode) / L_s, with the
    // face value taken as the first positive cell's (the difference, i_leak Δx/2σ, is negligible).
    return y[at_.solid] * (p_.separator.electronicConductivity / p_.separator.thickness);
}

template <class T>
void CellModel::evaluate(const T* y, const T* yp, T* r) const {
    const CompositeParameters& pos = p_.positive;
    const MetalAnodeParameters& neg = p_.negative;
    const T& current = y[at_.current];
    const size_t ns = disc_.separatorCells;
    const size_t np = disc_.positiveCells;
    const size_t nr = disc_.particleShells;

    // Control equation (docs/physics/cell-model.md#operating-modes).
    if constexpr (std::is_same_v<T, Traced>) {
        // The sparsity pattern is traced once but the mode changes from step to step: trace the
        // union of what every mode reads (I and the voltage).
        r[at_.current] = current * cellVoltage(y);
    } else {
        switch (control_.mode) {
            case Control::Mode::Current:
                r[at_.current] = current - control_.value;
                break;
            case Control::Mode::Voltage:
                r[at_.current] = cellVoltage(y) - control_.value;
                break;
            case Control::Mode::Power:
                r[at_.current] = current * cellVoltage(y) - control_.value;
                break;
        }
    }

    // Electronic leakage through the separator (docs/physics/cell-model.md#leakage): electrons
    // cross from the positive electrode to the negative one, so the negative interface carries
    // the ionic current I + i_leak, also at open circuit (self-discharge).
    const T leak = leakage(y);
    const T ionic = current + leak;

    // Negative interface: Butler–Volmer carries the ionic current; the SE potential at x = 0
    // follows from it.
    const T& etaNeg = y[at_.negativeOverpotential];
    r[at_.negativeOverpotential] =
        negativeKinetics_.residual(T(neg.exchangeCurrentDensity), etaNeg, ionic);
    if (neg.tracksLithium) r[at_.lithium] = yp[at_.lithium] + ionic * (neg.molarVolume / faraday);
    const T phiInterface = -(neg.potential + etaNeg + ionic * neg.interfaceResistance);

    // SE potential: ionic current i = −κ ∂φ_e/∂x through faces, source a j in the electrode.
    const T* phiE = y + at_.electrolyte;
    const T* j = y + at_.reaction;
    T leftFlux = kappa_[0] * (phiInterface - phiE[0]) / (0.5 * grid_.width(0));
    for (size_t i = 0; i < grid_.size(); ++i) {
        T rightFlux(0.0);  // no ionic current into the positive current collector
        if (i + 1 < grid_.size()) {
            const double resistance =
                0.5 * grid_.width(i) / kappa_[i] + 0.5 * grid_.width(i + 1) / kappa_[i + 1];
            rightFlux = (phiE[i] - phiE[i + 1]) / resistance;
        }
        r[at_.electrolyte + i] = rightFlux - leftFlux;
        if (i >= ns) r[at_.electrolyte + i] -= pos.specificArea * grid_.width(i) * j[i - ns];
        leftFlux = rightFlux;
    }

    // Electronic potential in the positive electrode: i_s = −σ ∂φ_s/∂x, zero at the separator,
    // I at the current collector.
    const T* phiS = y + at_.solid;
    const double sigma = pos.electronicConductivity;
    T leftSolid = -leak;  // electrons leave towards the separator
    for (size_t i = 0; i < np; ++i) {
        const double dx = grid_.width(ns + i);
        const T rightSolid = i + 1 < np ? T((phiS[i] - phiS[i + 1]) * (sigma / dx)) : current;
        r[at_.solid + i] = rightSolid - leftSolid + pos.specificArea * dx * j[i];
        leftSolid = rightSolid;
    }

    // Interfacial reaction and particle diffusion in each positive cell.
    for (size_t i = 0; i < np; ++i) {
        const T* c = y + at_.particles + i * nr;
        const T x = particles_.surfaceConcentration(c, j[i]) / pos.maxConcentration;
        const T eta = phiS[i] - phiE[ns + i] - ssbsim::evaluate(pos.openCircuitPotential, x) -
                      j[i] * pos.filmResistance;
        const T i0 = ButlerVolmer::intercalationExchange(pos.exchangeCurrentDensity, x);
        r[at_.reaction + i] = positiveKinetics_.residual(i0, eta, j[i]);
        particles_.residual(c, yp + at_.particles + i * nr, j[i], r + at_.particles + i * nr);
    }
}

void CellModel::residual(double, const double* y, const double* yp, double* r) const {
    evaluate(y, yp, r);
}
void CellModel::residual(double, const JacobianDual* y, const JacobianDual* yp,
                         JacobianDual* r) const {
    evaluate(y, yp, r);
}
void CellModel::residual(double, const Traced* y, const Traced* yp, Traced* r) const {
    evaluate(y, yp, r);
}

std::vector<double> CellModel::restState(double soc) const {
    const CompositeParameters& pos = p_.positive;
    std::vector<double> y(size(), 0.0);
    const double x = pos.dischargedStoichiometry - soc * pos.windowWidth;
    const double phiE = -p_.negative.potential;
    for (size_t i = 0; i < disc_.positiveCells * disc_.particleShells; ++i)
        y[at_.particles + i] = x * pos.maxConcentration;
    for (size_t i = 0; i < grid_.size(); ++i) y[at_.electrolyte + i] = phiE;
    for (size_t i = 0; i < disc_.positiveCells; ++i)
        y[at_.solid + i] = phiE + pos.openCircuitPotential(x);
    if (p_.negative.tracksLithium) {
        // Li moved to the negative electrode by charging to this state of charge.
        const double moved =
            soc * pos.windowWidth * pos.maxConcentration * pos.activeFraction * pos.thickness;
        y[at_.lithium] = p_.negative.initialThickness + moved * p_.negative.molarVolume;
    }
    return y;
}

double CellModel::leakageCurrentDensity(const double* y) const {
    return leakage(y);
}
double CellModel::voltage(const double* y) const {
    return cellVoltage(y);
}
std::vector<double> CellModel::voltageGradient() const {
    std::vector<double> y(size(), 0.0), gradient(size());
    for (size_t i = 0; i < size(); ++i) {  // V is linear in y: unit steps give ∂V/∂y_i exactly
        y[i] = 1.0;
        gradient[i] = cellVoltage(y.data());
        y[i] = 0.0;
    }
    return gradient;
}
double CellModel::currentDensity(const double* y) const {
    return y[at_.current];
}
double CellModel::negativeOverpotential(const double* y) const {
    return y[at_.negativeOverpotential];
}
double CellModel::lithiumThickness(const double* y) const {
    return p_.negative.tracksLithium ? y[at_.lithium] : 0.0;
}

std::vector<double> CellModel::surfaceStoichiometry(const double* y) const {
    std::vector<double> x(disc_.positiveCells);
    for (size_t i = 0; i < x.size(); ++i)
        x[i] = particles_.surfaceConcentration(y + at_.particles + i * disc_.particleShells,
                                               y[at_.reaction + i]) /
               p_.positive.maxConcentration;
    return x;
}

double CellModel::meanConcentration(const double* y, size_t cell) const {
    // Shell volumes are fractions of the particle volume, so this is the volume average.
    const auto& volume = particles_.grid().shellVolume;
    double mean = 0.0;
    for (size_t k = 0; k < disc_.particleShells; ++k)
        mean += volume[k] * y[at_.particles + cell * disc_.particleShells + k];
    return mean;
}

double CellModel::averageStoichiometry(const double* y) const {
    double sum = 0.0;  // positive cells are equal, so the plain mean over cells is the average
    for (size_t i = 0; i < disc_.positiveCells; ++i) sum += meanConcentration(y, i);
    return sum / (static_cast<double>(disc_.positiveCells) * p_.positive.maxConcentration);
}

double CellModel::lithiumInventory(const double* y) const {
    double cathode = 0.0;  // mol/m^2 in the accessible particles
    for (size_t i = 0; i < disc_.positiveCells; ++i)
        cathode += meanConcentration(y, i) * p_.positive.activeFraction *
                   grid_.width(disc_.separatorCells + i);
    const double metal = p_.negative.tracksLithium ? y[at_.lithium] / p_.negative.molarVolume : 0.0;
    return cathode + metal;
}

}  // namespace ssbsim::models
