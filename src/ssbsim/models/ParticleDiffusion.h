#pragma once
// Fickian diffusion of Li in spherical active particles, finite volumes on equal shells
// (docs/physics/cell-model.md#solid-diffusion):
//   ∂c/∂t = (1/r²) ∂/∂r (r² D(c) ∂c/∂r),  −D ∂c/∂r |_R = N_R = f_contact · j / F,  ∂c/∂r |_0 = 0,
// with D(c) = D · g(c / c_max) when the material gives a relative diffusivity g, evaluated at
// faces from the mean of the two neighbouring shells. `factor` is D's Arrhenius factor in a lumped
// thermal run (1 otherwise, docs/physics/thermal.md#arrhenius-factors).

#include <cstddef>

#include "ssbsim/core/Constants.h"
#include "ssbsim/core/MonotoneCubic.h"
#include "ssbsim/models/Mesh.h"

namespace ssbsim::models {

class ParticleDiffusion {
  public:
    ParticleDiffusion() = default;
    ParticleDiffusion(ParticleGrid grid, double diffusivity, MonotoneCubic relativeDiffusivity,
                      double maxConcentration, double contactFraction)
        : grid_(std::move(grid)),
          diffusivity_(diffusivity),
          relative_(std::move(relativeDiffusivity)),
          maxConcentration_(maxConcentration),
          contactFraction_(contactFraction) {}

    size_t shells() const { return grid_.shells; }
    const ParticleGrid& grid() const { return grid_; }

    /// Outward molar flux at the surface, mol/(m² s), for an interfacial current j (anodic > 0).
    template <class T>
    T surfaceFlux(const T& j) const {
        return contactFraction_ * j / constants::faraday;
    }

    /// Surface concentration, extrapolated linearly from the two outer shells
    /// (docs/physics/cell-model.md#solid-diffusion). Second order in Δr like the flux form
    /// c_N − N_R (Δr/2)/D, but without its jump of N_R (Δr/2)/D the moment a current starts
    /// while the particle is still uniform (27 mV at t = 0 of a 1C Chen2020 discharge on 20
    /// shells, halving with each refinement); the same value as PyBaMM's finite volumes.
    template <class T>
    T surfaceConcentration(const T* c) const {
        const size_t n = grid_.shells;
        return 1.5 * c[n - 1] - 0.5 * c[n - 2];
    }

    /// Residuals of one particle's shells: ċ_k − (A_{k−½} N_{k−½} − A_{k+½} N_{k+½}) / V_k.
    template <class T>
    void residual(const T* c, const T* cdot, const T& j, const T& factor, T* r) const {
        const size_t n = grid_.shells;
        const double R = grid_.radius;
        const double dr = grid_.dr();
        T inflow(0.0);  // A_{k−½} N_{k−½} · 3/(R V_k) numerator, carried from the inner face
        for (size_t k = 0; k < n; ++k) {
            const T outFlux =
                k + 1 < n
                    ? T(-diffusivityAt(0.5 * (c[k] + c[k + 1])) * factor * (c[k + 1] - c[k]) / dr)
                    : surfaceFlux(j);
            const T outflow = grid_.faceArea[k] * outFlux;
            r[k] = cdot[k] - 3.0 / (R * grid_.shellVolume[k]) * (inflow - outflow);
            inflow = outflow;
        }
    }

  private:
    template <class T>
    T diffusivityAt(const T& c) const {
        if (relative_.empty()) return T(diffusivity_);
        return diffusivity_ * evaluate(relative_, c / maxConcentration_);
    }

    ParticleGrid grid_;
    double diffusivity_ = 0.0;
    MonotoneCubic relative_;
    double maxConcentration_ = 1.0;
    double contactFraction_ = 1.0;
};

}  // namespace ssbsim::models
