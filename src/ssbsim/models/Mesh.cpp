#include "ssbsim/models/Mesh.h"

#include <stdexcept>

namespace ssbsim::models {

Grid1D Grid1D::uniform(double x0, double x1, size_t cells) {
    if (cells == 0 || !(x1 > x0)) throw std::invalid_argument("a grid needs cells > 0 and x1 > x0");
    Grid1D g;
    g.faces.resize(cells + 1);
    for (size_t i = 0; i <= cells; ++i)
        g.faces[i] = x0 + (x1 - x0) * static_cast<double>(i) / static_cast<double>(cells);
    return g;
}

ParticleGrid ParticleGrid::uniform(double radius, size_t shells) {
    if (shells == 0 || !(radius > 0))
        throw std::invalid_argument("a particle grid needs shells > 0 and R > 0");
    ParticleGrid g;
    g.radius = radius;
    g.shells = shells;
    const double n = static_cast<double>(shells);
    for (size_t k = 0; k < shells; ++k) {
        const double inner = static_cast<double>(k) / n;
        const double outer = static_cast<double>(k + 1) / n;
        g.shellVolume.push_back(outer * outer * outer - inner * inner * inner);
        g.faceArea.push_back(outer * outer);
    }
    return g;
}

}  // namespace ssbsim::models
