#pragma once
// Fickian diffusion of Li in spherical active particles, finite volumes on equal shells
// (docs/physics/cell-model.md#solid-diffusion):
//   ∂c/∂t = (1/r²) ∂/∂r (r² D ∂c/∂r),  −D ∂c/∂r |_R = N_R = f_contact · j / F,  ∂c/∂r |_0 = 0.

#include <cstddef>

#include "ssbsim/core/Constants.h"
#include "ssbsim/models/Mesh.h"

namespace ssbsim::models {

class ParticleDiffusion {
  public:
    ParticleDiffusion() = default;
    ParticleDiffusion(ParticleGrid grid, double diffusivity, double contactFraction)
        : grid_(std::move(grid)), diffusivity_(diffusivity), contactFraction_(contactFraction) {}

    size_t shells() const { return grid_.shells; }
    const ParticleGrid& grid() const { return grid_; }

    /// Outward molar flux at the surface, mol/(m² s), for an interfacial current j (anodic > 0).
    template <class T>
    T surfaceFlux(const T& j) const {
        return contactFraction_ * j / constants::faraday;
    }

    /// Surface concentration extrapolated from the outer shell with the surface flux.
    template <class T>
    T surfaceConcentration(const T* c, const T& j) const {
        return c[grid_.shells - 1] - surfaceFlux(j) * (0.5 * grid_.dr() / diffusivity_);
    }

    /// Residuals of one particle's shells: ċ_k − (A_{k−½} N_{k−½} − A_{k+½} N_{k+½}) / V_k.
    template <class T>
    void residual(const T* c, const T* cdot, const T& j, T* r) const {
        const size_t n = grid_.shells;
        const double R = grid_.radius;
        const double dr = grid_.dr();
        T inflow(0.0);  // A_{k−½} N_{k−½} · 3/(R V_k) numerator, carried from the inner face
        for (size_t k = 0; k < n; ++k) {
            const T outFlux =
                k + 1 < n ? T(-diffusivity_ * (c[k + 1] - c[k]) / dr) : surfaceFlux(j);
            const T outflow = grid_.faceArea[k] * outFlux;
            r[k] = cdot[k] - 3.0 / (R * grid_.shellVolume[k]) * (inflow - outflow);
            inflow = outflow;
        }
    }

  private:
    ParticleGrid grid_;
    double diffusivity_ = 0.0;
    double contactFraction_ = 1.0;
};

}  // namespace ssbsim::models
