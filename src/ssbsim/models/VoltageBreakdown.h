#pragma once
// The cell voltage split into the open-circuit voltage and the losses as they enter it
// (docs/physics/cell-model.md#voltage-breakdown). A telescoping sum over x-averages (volume
// weights Δx_k/L of each electrode's cells, as PyBaMM's x-averages), so that at every instant,
// rest included,
//   V = openCircuit + particleConcentration + reaction + film + electrolyteConcentration
//       + electrolyteOhmic + solidOhmic
// to rounding. Each loss is negative on discharge and positive on charge.

namespace ssbsim::models {

struct VoltageBreakdown {
    /// U_p(x̄_p) − U_n(x̄_n) at the mean stoichiometries of the accessible material, V.
    double openCircuit = 0.0;
    /// avg U(x_surf) − U(x̄), positive minus negative: solid-diffusion gradients, V.
    double particleConcentration = 0.0;
    /// avg η, positive minus negative (η_n at a metal), V.
    double reaction = 0.0;
    /// avg j R_film, positive minus negative ((I + i_leak) R_n at a metal), V.
    double film = 0.0;
    /// Diffusion potential of a binary salt (0 for single-ion conductors), V.
    double electrolyteConcentration = 0.0;
    /// −i_e Δx/κ_eff over the faces, weighted as the x-averages; grain boundaries included, V.
    double electrolyteOhmic = 0.0;
    /// Drops in the electronic networks of the composite electrodes, V.
    double solidOhmic = 0.0;

    /// Sum of all terms: the cell voltage.
    double total() const {
        return openCircuit + particleConcentration + reaction + film + electrolyteConcentration +
               electrolyteOhmic + solidOhmic;
    }
};

}  // namespace ssbsim::models
