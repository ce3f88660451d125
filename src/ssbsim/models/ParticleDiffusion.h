#pragma once
// Fickian diffusion of Li in spherical active particles, finite volumes on equal shells
// (docs/physics/cell-model.md#solid-diffusion):
//   ∂c/∂t = (1/r²) ∂/∂r (r² D(c) ∂c/∂r),  −D ∂c/∂r |_R = N_R = f_contact · j / F,  ∂c/∂r |_0 = 0,
// with D(c) = D · g(c / c_max) when the material gives a relative diffusivity g, evaluated at
// faces from the mean of the two neighbouring shells. `factor` is D's Arrhenius factor in a lumped
// thermal run (1 otherwise, docs/physics/thermal.md#arrhenius-factors).

#include <cstddef>
#include <vector>

#include "ssbsim/core/Constants.h"
#include "ssbsim/core/Dual.h"
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
          contactFraction_(contactFraction) {
        // The geometric factors of the residual, once: it runs for every particle in every
        // residual evaluation, where two divisions per shell were ~5 % of a run's instructions.
        const size_t n = grid_.shells;
        faceOverSpacing_.resize(n);
        volumeFactor_.resize(n);
        for (size_t k = 0; k < n; ++k) {
            faceOverSpacing_[k] = grid_.faceArea[k] / grid_.dr();
            volumeFactor_[k] = 3.0 / (grid_.radius * grid_.shellVolume[k]);
        }
    }

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

    /// Residuals of one particle's shells: ċ_k − (A_{k−½} N_{k−½} − A_{k+½} N_{k+½}) / V_k,
    /// with N_{k+½} = −D (c_{k+1} − c_k) / Δr inside and N_R at the surface.
    template <class T>
    void residual(const T* c, const T* cdot, const T& j, const T& factor, T* r) const {
        const size_t n = grid_.shells;
        // Both branches sweep the shells outwards with the flow through face k (A N) given.
        const auto sweep = [&](const auto& outflowThrough) {
            T inflow(0.0);  // A_{k−½} N_{k−½}, carried from the inner face
            for (size_t k = 0; k + 1 < n; ++k) {
                const T outflow = outflowThrough(k);
                r[k] = cdot[k] - volumeFactor_[k] * (inflow - outflow);
                inflow = outflow;
            }
            const T outflow = grid_.faceArea[n - 1] * surfaceFlux(j);
            r[n - 1] = cdot[n - 1] - volumeFactor_[n - 1] * (inflow - outflow);
        };
        if (relative_.empty() && isConstant(factor)) {
            // D·factor is one number, not a dual (no relative-diffusivity table, no
            // temperature unknown): the Jacobian's passes then multiply by constants only.
            const double d = diffusivity_ * value(factor);
            sweep([&](size_t k) { return (c[k + 1] - c[k]) * (-d * faceOverSpacing_[k]); });
        } else {
            sweep([&](size_t k) {
                return -diffusivityAt(0.5 * (c[k] + c[k + 1])) * factor * faceOverSpacing_[k] *
                       (c[k + 1] - c[k]);
            });
        }
    }

    /// Local linear response of the shells within an implicit step, for the Newton start of
    /// docs/physics/numerics.md#newton-start. With ċ = ċ_p + α (c − c_p), the shells
    /// c_p + u + v δj zero this particle's residual to first order in the correction when its
    /// surface current is j_p + δj:  (∂r/∂c) u = −r(c_p, j_p),  (∂r/∂c) v = −∂r/∂j.
    /// ∂r/∂c (α I plus the diffusion operator) is tridiagonal; it comes from one evaluation
    /// of the residual with three-colour duals (shell k seeded in direction k mod 3, so the
    /// three entries of each row land in different directions) and is solved by the Thomas
    /// algorithm. `work` holds 3·shells() duals. Needs at least three shells.
    void stepResponse(const double* c, const double* cdot, double j, double factor, double alpha,
                      Dual<3>* work, double* u, double* v) const {
        const size_t n = grid_.shells;
        Dual<3>* cd = work;
        Dual<3>* cdotd = work + n;
        Dual<3>* r = work + 2 * n;
        for (size_t k = 0; k < n; ++k) {
            cd[k] = Dual<3>(c[k]);
            cd[k].d[k % 3] = 1.0;
            cdotd[k] = Dual<3>(cdot[k]);
            cdotd[k].d[k % 3] = alpha;
        }
        residual(cd, cdotd, Dual<3>(j), Dual<3>(factor), r);
        // Thomas algorithm on both right-hand sides; v's is −∂r/∂j, non-zero in the outer
        // shell only (j enters through the surface flux, linearly). Row k's upper entry is
        // replaced by itself over the pivot, for the back substitution.
        const double fluxDerivative =
            volumeFactor_[n - 1] * grid_.faceArea[n - 1] * surfaceFlux(1.0);
        for (size_t k = 0; k < n; ++k) {
            const double lower = k > 0 ? r[k].d[(k - 1) % 3] : 0.0;
            const double upperAbove = k > 0 ? r[k - 1].d[k % 3] : 0.0;
            const double pivot = r[k].d[k % 3] - lower * upperAbove;
            u[k] = (-r[k].v - (k > 0 ? lower * u[k - 1] : 0.0)) / pivot;
            v[k] =
                ((k + 1 == n ? -fluxDerivative : 0.0) - (k > 0 ? lower * v[k - 1] : 0.0)) / pivot;
            if (k + 1 < n) r[k].d[(k + 1) % 3] /= pivot;
        }
        for (size_t k = n - 1; k-- > 0;) {
            u[k] -= r[k].d[(k + 1) % 3] * u[k + 1];
            v[k] -= r[k].d[(k + 1) % 3] * v[k + 1];
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
    std::vector<double> faceOverSpacing_;  ///< A_{k+½} / (4π R²) / Δr
    /// 3 / (R v_k) with v_k = V_k / (4π/3 R³), so that A N / V_k = 3 a N / (R v_k)
    std::vector<double> volumeFactor_;
};

}  // namespace ssbsim::models
