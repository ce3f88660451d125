// The Jacobian's sparsity pattern and colouring (docs/physics/numerics.md#jacobian).
#include <gtest/gtest.h>

#include <vector>

#include "ssbsim/models/BpxReader.h"
#include "ssbsim/models/CellModel.h"
#include "ssbsim/solver/SparseJacobian.h"

using namespace ssbsim;

namespace {

/// Entries of ∂F/∂y' off the diagonal that are non-zero at (y, y'): the charging currents of
/// interface capacitances, which couple two potentials' rates (C_dl ∂(φ_s − φ_e)/∂t).
size_t offDiagonalRateEntries(const solver::SparseJacobian& jacobian,
                              const std::vector<double>& y, const std::vector<double>& yp) {
    std::vector<double> dFdyp(jacobian.nonZeros());
    jacobian.evaluate(0.0, y.data(), yp.data(), 1.0, dFdyp.data(), 0.0);
    size_t count = 0;
    for (size_t col = 0; col < jacobian.size(); ++col)
        for (int k = jacobian.columnStart()[col]; k < jacobian.columnStart()[col + 1]; ++k) {
            const auto at = static_cast<size_t>(k);
            if (static_cast<size_t>(jacobian.rows()[at]) != col && dFdyp[at] != 0.0) ++count;
        }
    return count;
}

}  // namespace

TEST(SparseJacobian, InterfaceCapacitancesEnterThePatternOnlyWhenOn) {
    // Off (time stepping), C_dl ∂(φ_s − φ_e)/∂t is not in the residual, and tracing it anyway
    // made every φ_e row of an electrode read φ_s: 10 colours for the BPX pouch DFN, two passes
    // of 8-wide duals per Jacobian. Without it a time-stepping Jacobian takes one pass; the
    // impedance (capacitances on) keeps the terms, which make its arcs (ImpedanceTest).
    const models::BpxCell bpx =
        models::readBpxFile(SSBSIM_SOURCE_DIR "/data/bpx/nmc_pouch_cell_BPX.json");
    models::CellModel model(bpx.parameters, {.negativeCells = 20, .separatorCells = 20,
                                             .positiveCells = 20, .particleShells = 20});
    const std::vector<double> y = model.restState(0.5);
    const std::vector<double> yp(y.size(), 0.0);

    const solver::SparseJacobian stepping(model, y, yp);
    EXPECT_LE(stepping.colours(), static_cast<size_t>(jacobianWidth));
    EXPECT_EQ(offDiagonalRateEntries(stepping, y, yp), 0u);

    model.setCapacitances(true);
    const solver::SparseJacobian impedance(model, y, yp);
    EXPECT_GT(impedance.nonZeros(), stepping.nonZeros());
    EXPECT_GT(offDiagonalRateEntries(impedance, y, yp), 0u);
}
