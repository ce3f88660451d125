#pragma once
// Finite-volume grids (docs/physics/numerics.md#grids). They are plain geometry: the submodels
// discretize on them, the solver layer chooses their resolution.

#include <cstddef>
#include <vector>

namespace ssbsim::models {

/// Control volumes in x between faces[0] and faces[n].
struct Grid1D {
    std::vector<double> faces;

    static Grid1D uniform(double x0, double x1, size_t cells);
    size_t size() const { return faces.size() - 1; }
    double width(size_t i) const { return faces[i + 1] - faces[i]; }
    double centre(size_t i) const { return 0.5 * (faces[i] + faces[i + 1]); }
};

/// Concentric shells of a sphere of radius R, equal thickness.
struct ParticleGrid {
    double radius = 0.0;
    size_t shells = 0;
    std::vector<double> shellVolume;  ///< V_k / (4π/3 R^3): volume fractions of the shells
    std::vector<double> faceArea;     ///< A_{k+1/2} / (4π R^2) of the outer face of shell k

    static ParticleGrid uniform(double radius, size_t shells);
    double dr() const { return radius / static_cast<double>(shells); }
};

}  // namespace ssbsim::models
