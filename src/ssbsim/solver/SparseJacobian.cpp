#include "ssbsim/solver/SparseJacobian.h"

#include <algorithm>

namespace ssbsim::solver {

SparseJacobian::SparseJacobian(const DaeProblem& problem, const std::vector<double>& y,
                               const std::vector<double>& yp)
    : problem_(problem) {
    const size_t n = problem.size();
    // 1. Pattern: each unknown (and its derivative) depends on itself.
    std::vector<Traced> ty(n), typ(n), tr(n);
    for (size_t i = 0; i < n; ++i) {
        ty[i] = Traced(y[i]);
        ty[i].deps = {static_cast<int>(i)};
        typ[i] = Traced(yp[i]);
        typ[i].deps = {static_cast<int>(i)};
    }
    problem.residual(0.0, ty.data(), typ.data(), tr.data());
    std::vector<std::vector<int>> rowsOfColumn(n), columnsOfRow(n);
    for (size_t row = 0; row < n; ++row) {
        auto deps = tr[row].deps;
        if (!std::binary_search(deps.begin(), deps.end(), static_cast<int>(row)))
            deps.insert(std::upper_bound(deps.begin(), deps.end(), static_cast<int>(row)),
                        static_cast<int>(row));  // KLU wants the diagonal present
        columnsOfRow[row] = deps;
        for (int col : deps)
            rowsOfColumn[static_cast<size_t>(col)].push_back(static_cast<int>(row));
    }
    columnStart_.assign(n + 1, 0);
    for (size_t col = 0; col < n; ++col) {
        columnStart_[col + 1] = columnStart_[col] + static_cast<int>(rowsOfColumn[col].size());
        rows_.insert(rows_.end(), rowsOfColumn[col].begin(), rowsOfColumn[col].end());
    }
    // 2. Greedy distance-2 colouring: a column takes the smallest colour not used by any column
    //    that shares a row with it.
    colour_.assign(n, -1);
    std::vector<size_t> lastSeen;  // colour -> last column that saw it forbidden
    for (size_t col = 0; col < n; ++col) {
        for (int row : rowsOfColumn[col])
            for (int other : columnsOfRow[static_cast<size_t>(row)])
                if (int c = colour_[static_cast<size_t>(other)]; c >= 0) {
                    if (lastSeen.size() <= static_cast<size_t>(c))
                        lastSeen.resize(static_cast<size_t>(c) + 1, n);
                    lastSeen[static_cast<size_t>(c)] = col;
                }
        int c = 0;
        while (static_cast<size_t>(c) < lastSeen.size() && lastSeen[static_cast<size_t>(c)] == col)
            ++c;
        colour_[col] = c;
        colours_ = std::max(colours_, static_cast<size_t>(c) + 1);
    }
    y_.resize(n);
    yp_.resize(n);
    r_.resize(n);
}

void SparseJacobian::evaluate(double t, const double* y, const double* yp, double cj,
                              double* values, double dy) const {
    const size_t n = size();
    for (size_t first = 0; first < colours_; first += jacobianWidth) {
        for (size_t i = 0; i < n; ++i) {
            y_[i] = JacobianDual(y[i]);
            yp_[i] = JacobianDual(yp[i]);
            const size_t c = static_cast<size_t>(colour_[i]);
            if (c >= first && c < first + jacobianWidth) {
                y_[i].d[c - first] = dy;   // direction dy e_i in y ...
                yp_[i].d[c - first] = cj;  // ... and c_j e_i in y'
            }
        }
        problem_.residual(t, y_.data(), yp_.data(), r_.data());
        for (size_t col = 0; col < n; ++col) {
            const size_t c = static_cast<size_t>(colour_[col]);
            if (c < first || c >= first + jacobianWidth) continue;
            for (int k = columnStart_[col]; k < columnStart_[col + 1]; ++k)
                values[k] = r_[static_cast<size_t>(rows_[static_cast<size_t>(k)])].d[c - first];
        }
    }
}

}  // namespace ssbsim::solver
