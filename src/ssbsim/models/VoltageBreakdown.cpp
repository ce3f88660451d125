// The voltage breakdown of CellModel (docs/physics/cell-model.md#voltage-breakdown): with
// x-averages avg over each electrode's cells (weights Δx_k/L), the telescoping sum
//   V = φ_s,p(L) − φ_s,n(0)
//     = [φ_s,p(L) − avg_p φ_s] + [avg_n φ_s − φ_s,n(0)]               solid ohmic
//     + [avg_p (φ_s − φ_e)] − [avg_n (φ_s − φ_e)]                       the two interfaces
//     + [avg_p φ_e − avg_n φ_e]                                         electrolyte
// with φ_s − φ_e = U(x_surf) + η + j R_film in every cell (the kinetics residual's definition of
// η), so avg (φ_s − φ_e) = U(x̄) + [avg U(x_surf) − U(x̄)] + avg η + avg j R_film. A metal
// negative electrode is its one interface: φ_s = 0 (the ground), U = its potential, η = η_n,
// film = (I + i_leak) R_n.
#include <cstdint>

#include "ssbsim/models/CellModel.h"

namespace ssbsim::models {

CellModel::InterfaceAverages CellModel::electrodeAverages(const Electrode& e,
                                                          const double* y) const {
    const CompositeParameters& p = *e.p;
    const std::vector<double> xSurface = surfaceStoichiometry(y, e.side);
    const double filmResistance =
        p.filmResistance / temperatureOf(y).arrhenius(p.activation.filmConductance);
    InterfaceAverages a;
    for (size_t i = 0; i < e.cells; ++i) {
        const size_t cell = e.firstCell + i;
        const double w = grid_.width(cell) / p.thickness;
        const double phiS = y[e.solid + i];
        const double phiE = y[potentialE_ + cell];
        const double u = p.openCircuitPotential(xSurface[i]);
        const double film = y[e.reaction + i] * filmResistance;
        a.solid += w * phiS;
        a.electrolyte += w * phiE;
        a.surface += w * u;
        a.film += w * film;
        a.reaction += w * (phiS - phiE - u - film);  // η as the kinetics residual defines it
    }
    a.openCircuit = p.openCircuitPotential(averageStoichiometry(y, e.side));
    return a;
}

CellModel::InterfaceAverages CellModel::metalInterface(const double* y) const {
    const MetalAnodeParameters& m = p_.metal;
    InterfaceAverages a;  // the metal is the ground, φ_s = 0
    a.openCircuit = a.surface = m.potential;
    a.reaction = y[metalOverpotential_];
    // The interface carries the ionic current I + i_leak.
    a.film = (y[current_] + leakageCurrentDensity(y)) * m.interfaceResistance;
    // φ_e on the electrolyte side of the interface, before the separator's grain boundaries.
    a.electrolyte = -(a.surface + a.reaction + a.film);
    return a;
}

std::vector<double> CellModel::electrolyteWeights() const {
    // avg_p φ_e − avg_n φ_e = Σ_k s_k φ_e,k: +Δx_k/L_p in the positive electrode, −Δx_k/L_n in a
    // composite negative one, 0 in the separator.
    std::vector<double> s(grid_.size(), 0.0);
    for (const Electrode& e : electrodes_) {
        const double sign = e.side == Side::Positive ? 1.0 : -1.0;
        for (size_t i = 0; i < e.cells; ++i)
            s[e.firstCell + i] = sign * grid_.width(e.firstCell + i) / e.p->thickness;
    }
    return s;
}

double CellModel::electrolyteOhmicPart(const double* y) const {
    // Σ_k s_k φ_k = Σ_f S_f (φ_{f+1} − φ_f) with S_f = Σ_{k>f} s_k the weight right of face f
    // (a metal's interface counts as φ_{−1}, S_wall = Σ_k s_k = 1). Across a face,
    // φ_{f+1} − φ_f = −i_f Δx_f/κ_eff,f + χ (RT/F) ln(c_{f+1}/c_f): the first term is the ohmic
    // part; the separator's grain-boundary voltage is ohmic too.
    const std::vector<double> s = electrolyteWeights();
    const double* phi = y + potentialE_;
    const double* c = p_.salt ? y + concentrationE_ : nullptr;
    const CellTemperature<double> temp = temperatureOf(y);
    double right = 0.0;
    double ohmic = 0.0;
    for (size_t f = grid_.size() - 1; f-- > 0;) {
        right += s[f + 1];
        ohmic -= right * electrolyte_.faceCurrent(f, phi, c, temp) *
                 electrolyte_.faceResistance(f, c, temp);
    }
    if (!p_.negative) {
        right += s[0];
        double drop =
            (y[current_] + leakageCurrentDensity(y)) * electrolyte_.wallResistance(c, temp);
        if (grainBoundary_ != SIZE_MAX) drop += y[grainBoundary_];
        ohmic -= right * drop;
    }
    return ohmic;
}

VoltageBreakdown CellModel::voltageBreakdown(const double* y) const {
    const InterfaceAverages pos = electrodeAverages(electrodes_.back(), y);
    const InterfaceAverages neg =
        p_.negative ? electrodeAverages(electrodes_.front(), y) : metalInterface(y);
    VoltageBreakdown b;
    b.openCircuit = pos.openCircuit - neg.openCircuit;
    b.particleConcentration = (pos.surface - pos.openCircuit) - (neg.surface - neg.openCircuit);
    b.reaction = pos.reaction - neg.reaction;
    b.film = pos.film - neg.film;
    // Everything between the two interfaces' electrolyte potentials; a single-ion conductor has
    // no diffusion potential, so all of it is ohmic.
    const double electrolyte = pos.electrolyte - neg.electrolyte;
    b.electrolyteOhmic = p_.salt ? electrolyteOhmicPart(y) : electrolyte;
    b.electrolyteConcentration = electrolyte - b.electrolyteOhmic;
    // φ_s,n(0) is the ground (the metal, or the negative current collector).
    b.solidOhmic = (voltage(y) - pos.solid) + neg.solid;
    return b;
}

}  // namespace ssbsim::models
