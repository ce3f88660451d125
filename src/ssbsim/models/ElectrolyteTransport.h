#pragma once
// Ion transport through the electrolyte across the cell, finite volumes in x
// (docs/physics/electrolyte.md). Two kinds, chosen by the material:
//   single-ion solid electrolyte (t+ = 1):  i = −κ_eff ∂φ/∂x, no concentration gradient;
//   binary salt (concentrated solution):    i = −κ_eff ∂φ/∂x + κ_eff χ (RT/F) ∂ln c/∂x,
//     N+ = −D_eff ∂c/∂x + t+ i / F,  χ = 2 (1 − t+) (1 + d ln f± / d ln c),
// with κ_eff = β κ(c), D_eff = β D(c) in each control volume. Face values come from the
// two half-cells in series (harmonic means weighted by the half widths), which is exact for a
// piecewise-constant conductivity. In a lumped thermal run κ and D carry Arrhenius factors and
// RT/F scales with T (docs/physics/thermal.md#arrhenius-factors).

#include <cmath>
#include <optional>
#include <vector>

#include "ssbsim/core/Constants.h"
#include "ssbsim/core/MonotoneCubic.h"
#include "ssbsim/models/CellParameters.h"
#include "ssbsim/models/CellTemperature.h"
#include "ssbsim/models/Mesh.h"

namespace ssbsim::models {

class ElectrolyteTransport {
  public:
    ElectrolyteTransport() = default;
    /// Per control volume: the effective single-ion conductivity (used without a salt) and its
    /// activation energy, the electrolyte fraction ε and the transport efficiency β (used with
    /// one).
    ElectrolyteTransport(Grid1D grid, std::vector<double> singleIonConductivity,
                         std::vector<double> activation, std::vector<double> fraction,
                         std::vector<double> efficiency, std::optional<BinarySaltParameters> salt,
                         double temperature)
        : grid_(std::move(grid)),
          kappa_(std::move(singleIonConductivity)),
          activation_(std::move(activation)),
          fraction_(std::move(fraction)),
          efficiency_(std::move(efficiency)),
          salt_(std::move(salt)),
          rtOverF_(constants::gasConstant * temperature / constants::faraday) {
        if (salt_) chi_ = 2.0 * (1.0 - salt_->transferenceNumber) * salt_->thermodynamicFactor;
    }

    bool binary() const { return salt_.has_value(); }
    const BinarySaltParameters& salt() const { return *salt_; }
    const Grid1D& grid() const { return grid_; }
    double fraction(size_t i) const { return fraction_[i]; }

    /// Effective conductivity κ_eff of control volume i at concentration c (ignored without a
    /// salt), S/m.
    template <class T>
    T conductivity(size_t i, const T& c, const CellTemperature<T>& temp) const {
        if (!salt_) return kappa_[i] * temp.arrhenius(activation_[i]);
        const T factor = temp.arrhenius(salt_->conductivityActivation);
        if (salt_->conductivityCurve.empty())
            return c * 0.0 + (efficiency_[i] * salt_->conductivity) * factor;
        return efficiency_[i] * evaluate(salt_->conductivityCurve, c) * factor;
    }

    /// Effective salt diffusivity D_eff of control volume i, m^2/s.
    template <class T>
    T diffusivity(size_t i, const T& c, const CellTemperature<T>& temp) const {
        const T factor = temp.arrhenius(salt_->diffusivityActivation);
        if (salt_->diffusivityCurve.empty())
            return c * 0.0 + (efficiency_[i] * salt_->diffusivity) * factor;
        return efficiency_[i] * evaluate(salt_->diffusivityCurve, c) * factor;
    }

    /// Ionic current density (A/m^2, +x) through the face between volumes i and i+1.
    template <class T>
    T faceCurrent(size_t i, const T* phi, const T* c, const CellTemperature<T>& temp) const {
        return currentThrough(i, phi, c, temp, faceResistance(i, c, temp));
    }

    /// faceCurrent for a known faceResistance (a sweep over the faces computes each volume's
    /// halfResistance once and adds the two of a face).
    template <class T>
    T currentThrough(size_t i, const T* phi, const T* c, const CellTemperature<T>& temp,
                     const T& resistance) const {
        T drive = phi[i] - phi[i + 1];
        if (salt_) drive -= (chi_ * rtOverF_) * temp.ratio() * (log(c[i]) - log(c[i + 1]));
        return drive / resistance;
    }

    /// Δx/2 / κ_eff of volume i: its half of a face resistance, Ω m^2.
    template <class T>
    T halfResistance(size_t i, const T* c, const CellTemperature<T>& temp) const {
        return 0.5 * grid_.width(i) / conductivity(i, salt_ ? c[i] : T(0.0), temp);
    }

    /// Δx/2 / D_eff of volume i: its half of a face's diffusion resistance, s/m.
    template <class T>
    T halfDiffusionResistance(size_t i, const T* c, const CellTemperature<T>& temp) const {
        return 0.5 * grid_.width(i) / diffusivity(i, c[i], temp);
    }

    /// Ionic resistance between the centres of volumes i and i+1, Δx_face/κ_eff,face: the two
    /// half cells in series, Ω m^2.
    template <class T>
    T faceResistance(size_t i, const T* c, const CellTemperature<T>& temp) const {
        return halfResistance(i, c, temp) + halfResistance(i + 1, c, temp);
    }

    /// Ionic resistance between the wall at x = 0 and the centre of volume 0, Ω m^2.
    template <class T>
    T wallResistance(const T* c, const CellTemperature<T>& temp) const {
        return halfResistance(0, c, temp);
    }

    /// Ionic current density (A/m^2, +x) entering volume 0 from an electrode surface at x = 0
    /// whose electrolyte-side potential is φ0 and where Li+ is the only ion crossing: the salt
    /// concentration at the wall follows from the zero anion flux, c_w = c_0 + (Δx/2)(1 − t+)
    /// i/(F D_eff) (docs/physics/electrolyte.md#boundaries). `current` is the current the wall
    /// carries; the return value is what the potentials drive, so residual = difference.
    template <class T>
    T wallCurrent(const T& phi0, const T* phi, const T* c, const T& current,
                  const CellTemperature<T>& temp) const {
        T drive = phi0 - phi[0];
        if (salt_) {
            const T wall = c[0] + (0.5 * grid_.width(0) * (1.0 - salt_->transferenceNumber) /
                                   constants::faraday) *
                                      current / diffusivity(0, c[0], temp);
            drive -= (chi_ * rtOverF_) * temp.ratio() * (log(wall) - log(c[0]));
        }
        return drive / wallResistance(c, temp);
    }

    /// Li+ molar flux (mol/(m^2 s), +x) through the face between volumes i and i+1 that carries
    /// the ionic current `current`, for the face's diffusion resistance (the two volumes'
    /// halfDiffusionResistance added).
    template <class T>
    T lithiumFluxThrough(size_t i, const T* c, const T& current, const T& resistance) const {
        return (c[i] - c[i + 1]) / resistance +
               current * (salt_->transferenceNumber / constants::faraday);
    }

  private:
    Grid1D grid_;
    std::vector<double> kappa_, activation_, fraction_, efficiency_;
    std::optional<BinarySaltParameters> salt_;
    double rtOverF_ = 0.0;
    double chi_ = 0.0;
};

}  // namespace ssbsim::models
