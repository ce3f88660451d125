// The condensed direct solver (docs/physics/numerics.md#linear-solver) against Eigen's dense LU
// with partial pivoting, and on the cell models' own Jacobians by its backward error; its
// refusal of patterns it cannot eliminate; and a full run that agrees with plain KLU.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "ssbsim/models/CellModel.h"
#include "ssbsim/solver/CondensedSystem.h"
#include "ssbsim/solver/Simulation.h"
#include "ssbsim/solver/SparseJacobian.h"
#include "support/TestCells.h"

using namespace ssbsim;
using solver::CondensedSystem;

namespace {

/// A matrix given by its dense values, with helpers to form its CSC pattern and values.
struct Matrix {
    Eigen::MatrixXd dense;

    std::vector<int> columnStart() const {
        std::vector<int> start{0};
        for (Eigen::Index c = 0; c < dense.cols(); ++c) {
            int count = 0;
            for (Eigen::Index r = 0; r < dense.rows(); ++r) count += dense(r, c) != 0.0;
            start.push_back(start.back() + count);
        }
        return start;
    }
    std::vector<int> rows() const {
        std::vector<int> out;
        for (Eigen::Index c = 0; c < dense.cols(); ++c)
            for (Eigen::Index r = 0; r < dense.rows(); ++r)
                if (dense(r, c) != 0.0) out.push_back(static_cast<int>(r));
        return out;
    }
    std::vector<double> values() const {
        std::vector<double> out;
        for (Eigen::Index c = 0; c < dense.cols(); ++c)
            for (Eigen::Index r = 0; r < dense.rows(); ++r)
                if (dense(r, c) != 0.0) out.push_back(dense(r, c));
        return out;
    }
};

double pseudoRandom(int i) {
    return std::sin(12.9898 * i + 78.233 * std::sin(0.37 * i));
}

/// Unknowns 0–1 and 13–15 kept, blocks 2–5, 6–10 and 11–12 (sizes 4, 5, 2), each block read by
/// and reading some kept unknowns, the kept ones coupled among themselves.
Matrix blockSystem() {
    Matrix m;
    const int n = 16;
    m.dense = Eigen::MatrixXd::Zero(n, n);
    int k = 0;
    const std::vector<std::pair<int, int>> blocks{{2, 4}, {6, 5}, {11, 2}};
    for (auto [offset, size] : blocks)
        for (int i = offset; i < offset + size; ++i) {
            m.dense(i, i) = 4.0 + pseudoRandom(++k);
            if (i > offset) m.dense(i, i - 1) = pseudoRandom(++k);
            if (i + 1 < offset + size) m.dense(i, i + 1) = pseudoRandom(++k);
        }
    // Kept unknowns: a dense 5×5 core, not dominant.
    const std::vector<int> kept{0, 1, 13, 14, 15};
    for (int r : kept)
        for (int c : kept) m.dense(r, c) = pseudoRandom(++k) + (r == c ? 0.5 : 0.0);
    // Couplings: block rows read kept columns (B), kept rows read block columns (C).
    const std::vector<std::pair<int, int>> b{{5, 0}, {4, 0}, {2, 14}, {10, 1}, {12, 15}, {6, 15}};
    const std::vector<std::pair<int, int>> c{{0, 5}, {0, 4}, {1, 10}, {1, 9}, {15, 12}, {13, 2}};
    for (auto [r, col] : b) m.dense(r, col) = pseudoRandom(++k);
    for (auto [r, col] : c) m.dense(r, col) = pseudoRandom(++k);
    return m;
}

const std::vector<UnknownRange> blockRanges{{2, 4}, {6, 5}, {11, 2}};

}  // namespace

TEST(CondensedSystem, SolvesABlockSystemAsDenseLU) {
    const Matrix m = blockSystem();
    CondensedSystem system(m.columnStart(), m.rows(), blockRanges);
    EXPECT_EQ(system.size(), 16u);
    EXPECT_EQ(system.keptSize(), 5u);
    ASSERT_TRUE(system.factor(m.values().data()));
    for (int rhs = 0; rhs < 3; ++rhs) {
        Eigen::VectorXd b(16);
        for (int i = 0; i < 16; ++i) b[i] = pseudoRandom(100 * rhs + i + 500);
        const Eigen::VectorXd expected = m.dense.partialPivLu().solve(b);
        std::vector<double> x(b.data(), b.data() + 16);
        system.solve(x.data());
        for (int i = 0; i < 16; ++i)
            EXPECT_NEAR(x[i], expected[i], 1e-12 * expected.cwiseAbs().maxCoeff()) << i;
    }
    // A second factorization with other values (KLU's refactorization path).
    Matrix scaled = m;
    scaled.dense.diagonal() *= 1.5;
    ASSERT_TRUE(system.factor(scaled.values().data()));
    Eigen::VectorXd b = Eigen::VectorXd::Ones(16);
    const Eigen::VectorXd expected = scaled.dense.partialPivLu().solve(b);
    std::vector<double> x(16, 1.0);
    system.solve(x.data());
    for (int i = 0; i < 16; ++i)
        EXPECT_NEAR(x[i], expected[i], 1e-12 * expected.cwiseAbs().maxCoeff()) << i;
}

TEST(CondensedSystem, RefusesPatternsItCannotEliminate) {
    Matrix wide = blockSystem();
    wide.dense(2, 4) = 0.3;  // two above the diagonal inside the first block
    EXPECT_THROW(CondensedSystem(wide.columnStart(), wide.rows(), blockRanges),
                 std::invalid_argument);
    Matrix touching = blockSystem();
    touching.dense(6, 5) = 0.3;  // first row of the second block reads the first block
    EXPECT_THROW(CondensedSystem(touching.columnStart(), touching.rows(), blockRanges),
                 std::invalid_argument);
    const Matrix m = blockSystem();
    EXPECT_THROW(CondensedSystem(m.columnStart(), m.rows(), {{2, 4}, {5, 3}}),
                 std::invalid_argument);  // overlap
    EXPECT_THROW(CondensedSystem(m.columnStart(), m.rows(), {{14, 4}}),
                 std::invalid_argument);  // leaves the matrix
}

TEST(CondensedSystem, ReportsAZeroPivot) {
    Matrix m = blockSystem();
    // Second pivot of the first block: d_1 − l_1 u_0 / d_0 = 0.
    m.dense(3, 3) = m.dense(3, 2) * m.dense(2, 3) / m.dense(2, 2);
    CondensedSystem system(m.columnStart(), m.rows(), blockRanges);
    EXPECT_FALSE(system.factor(m.values().data()));
}

TEST(CondensedSystem, SolvesTheCellModelsJacobians) {
    // Every kind of cell model: Li metal, grain boundaries, a composite negative electrode, a
    // binary salt, the lumped thermal model (its temperature reaches every particle row). The
    // criterion for a direct solver: the normwise backward error
    // ‖J x − b‖∞ / (‖J‖∞ ‖x‖∞ + ‖b‖∞) near the unit roundoff (Higham, Accuracy and Stability
    // of Numerical Algorithms, 2nd ed., SIAM 2002, doi:10.1137/1.9780898718027, Theorem 7.1).
    for (const char* cell : {"engine.yaml", "engine-gb.yaml", "composite-anode.yaml",
                             "polymer.yaml", "engine-thermal.yaml"}) {
        SCOPED_TRACE(cell);
        models::CellModel model(ssbsim::testing::testCellParameters(cell), {4, 6, 5, 6});
        model.setControl({models::Control::Mode::Current, 12.0});
        const std::vector<double> y = model.restState(0.6);
        std::vector<double> yp(y.size());
        for (size_t i = 0; i < yp.size(); ++i) yp[i] = 1e-3 * pseudoRandom(static_cast<int>(i));
        const solver::SparseJacobian jacobian(model, y, yp);
        std::vector<double> values(jacobian.nonZeros());
        jacobian.evaluate(0.0, y.data(), yp.data(), 0.05, values.data());

        const std::vector<UnknownRange> blocks = model.condensableBlocks();
        CondensedSystem system(jacobian.columnStart(), jacobian.rows(), blocks);
        size_t blocked = 0;
        for (const UnknownRange& r : blocks) blocked += r.size;
        EXPECT_EQ(system.keptSize(), system.size() - blocked);
        ASSERT_TRUE(system.factor(values.data()));
        const size_t n = y.size();
        Eigen::MatrixXd j =
            Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
        for (size_t c = 0; c < n; ++c)
            for (int at = jacobian.columnStart()[c]; at < jacobian.columnStart()[c + 1]; ++at)
                j(jacobian.rows()[at], static_cast<Eigen::Index>(c)) = values[at];
        Eigen::VectorXd b(static_cast<Eigen::Index>(n));
        for (size_t i = 0; i < n; ++i) b[i] = pseudoRandom(static_cast<int>(7 * i + 3));
        Eigen::VectorXd x = b;
        system.solve(x.data());
        const double backward = (j * x - b).cwiseAbs().maxCoeff() /
                                (j.cwiseAbs().rowwise().sum().maxCoeff() * x.cwiseAbs().maxCoeff() +
                                 b.cwiseAbs().maxCoeff());
        EXPECT_LT(backward, 1e-14);
    }
}

TEST(CondensedSystem, RunAgreesWithPlainKlu) {
    // The same discharge with the particles eliminated and with KLU on the whole Jacobian: IDA
    // takes its steps on different roundoff, so the two agree to its tolerance (rtol 1e-6).
    const models::CellParameters p = ssbsim::testing::testCellParameters("engine.yaml");
    double capacity[2], duration[2];
    long iterations[2];
    for (int condensed = 0; condensed < 2; ++condensed) {
        models::CellModel model(p, {});
        solver::SimulationOptions options;
        options.integrator.condenseBlocks = condensed == 1;
        solver::Simulation simulation(model, options);
        const solver::Solution s =
            simulation.run(solver::parseExperiment({"Discharge at 1C until 3.7 V"}));
        ASSERT_FALSE(s.failed) << s.stopReason;
        capacity[condensed] = s.cycles[0].dischargeCapacity;
        duration[condensed] = s["Time [s]"].back();
        iterations[condensed] = s.stats.nonlinearIterations;
    }
    EXPECT_NEAR(capacity[1], capacity[0], 1e-5 * capacity[0]);
    EXPECT_NEAR(duration[1], duration[0], 1e-5 * duration[0]);
    // An inexact solve would still converge, but in more Newton iterations.
    EXPECT_NEAR(static_cast<double>(iterations[1]), static_cast<double>(iterations[0]),
                0.1 * static_cast<double>(iterations[0]));
}
