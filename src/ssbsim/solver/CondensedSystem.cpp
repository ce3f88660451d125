#include "ssbsim/solver/CondensedSystem.h"

#include <fmt/format.h>
#include <klu.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

namespace ssbsim::solver {

struct CondensedSystem::Klu {
    klu_l_common common{};
    klu_l_symbolic* symbolic = nullptr;
    klu_l_numeric* numeric = nullptr;

    Klu() { klu_l_defaults(&common); }
    ~Klu() {
        if (numeric) klu_l_free_numeric(&numeric, &common);
        if (symbolic) klu_l_free_symbolic(&symbolic, &common);
    }
};

CondensedSystem::CondensedSystem(const std::vector<int>& columnStart, const std::vector<int>& rows,
                                 const std::vector<UnknownRange>& blocks)
    : blocks_(blocks), klu_(std::make_unique<Klu>()) {
    analyzePattern(columnStart, rows);
}

CondensedSystem::~CondensedSystem() = default;

void CondensedSystem::analyzePattern(const std::vector<int>& columnStart,
                                     const std::vector<int>& rows) {
    const size_t n = columnStart.size() - 1;
    // Which block each unknown is in.
    std::vector<long> blockOf(n, -1);
    std::sort(blocks_.begin(), blocks_.end(),
              [](const UnknownRange& a, const UnknownRange& b) { return a.offset < b.offset; });
    for (size_t b = 0; b < blocks_.size(); ++b) {
        const UnknownRange& r = blocks_[b];
        if (r.size == 0 || r.offset + r.size > n)
            throw std::invalid_argument(
                fmt::format("block {}+{} is empty or leaves the {} unknowns", r.offset, r.size, n));
        for (size_t i = r.offset; i < r.offset + r.size; ++i) {
            if (blockOf[i] >= 0) throw std::invalid_argument("blocks overlap");
            blockOf[i] = static_cast<long>(b);
        }
        blocked_ += r.size;
    }
    std::vector<long> keptIndex(n, -1);  // index in S of each unknown of J, −1 in a block
    for (size_t i = 0; i < n; ++i)
        if (blockOf[i] < 0) {
            keptIndex[i] = static_cast<long>(kept_.size());
            kept_.push_back(static_cast<long>(i));
        }

    // Sort J's entries into A (tridiagonal, per block), B, C and D.
    lowerAt_.assign(blocked_, -1);
    diagonalAt_.assign(blocked_, -1);
    upperAt_.assign(blocked_, -1);
    blockStart_.resize(blocks_.size() + 1, 0);
    for (size_t b = 0; b < blocks_.size(); ++b) {
        blockStart_[b + 1] = blockStart_[b] + blocks_[b].size;
        const bool continuesRun = b > 0 && blocks_[b].size == blocks_[b - 1].size &&
                                  blocks_[b].offset == blocks_[b - 1].offset + blocks_[b - 1].size;
        if (continuesRun)
            ++runs_.back().count;
        else
            runs_.push_back({b, 1});
    }
    struct Entry {
        long row, column, at;
    };
    std::vector<std::vector<Entry>> coupling(blocks_.size()), source(blocks_.size());
    std::vector<std::set<long>> schurColumns(kept_.size());  // rows of each column of S
    std::vector<Entry> fromD;
    for (size_t col = 0; col < n; ++col) {
        for (int at = columnStart[col]; at < columnStart[col + 1]; ++at) {
            const auto row = static_cast<size_t>(rows[at]);
            const long bc = blockOf[col], br = blockOf[row];
            if (bc < 0 && br < 0) {
                schurColumns[keptIndex[col]].insert(keptIndex[row]);
                fromD.push_back({keptIndex[row], keptIndex[col], at});
            } else if (bc >= 0 && br == bc) {
                const size_t first = blocks_[bc].offset, slot = blockStart_[bc] + (row - first);
                if (row == col)
                    diagonalAt_[slot] = at;
                else if (row == col + 1)
                    lowerAt_[slot] = at;
                else if (col == row + 1)
                    upperAt_[slot] = at;
                else
                    throw std::invalid_argument(
                        fmt::format("block {}+{} is not tridiagonal (entry {}, {})",
                                    blocks_[bc].offset, blocks_[bc].size, row, col));
            } else if (bc >= 0 && br >= 0) {
                throw std::invalid_argument(
                    fmt::format("blocks touch directly (entry {}, {})", row, col));
            } else if (bc >= 0) {
                coupling[bc].push_back({keptIndex[row], static_cast<long>(col), at});
            } else {
                source[br].push_back(
                    {static_cast<long>(row - blocks_[br].offset), keptIndex[col], at});
            }
        }
    }
    for (size_t i = 0; i < blocked_; ++i)
        if (diagonalAt_[i] < 0) throw std::invalid_argument("a block has no diagonal entry");

    // Per block: the C entries, the distinct B columns (slots of A⁻¹B) and the B entries.
    couplingStart_.push_back(0);
    sourceStart_.push_back(0);
    sourceEntryStart_.push_back(0);
    eliminatedStart_.push_back(0);
    for (size_t b = 0; b < blocks_.size(); ++b) {
        for (const Entry& e : coupling[b]) {
            couplingRow_.push_back(e.row);
            couplingColumn_.push_back(e.column);
            couplingAt_.push_back(e.at);
        }
        couplingStart_.push_back(couplingRow_.size());
        std::map<long, long> slotOf;
        for (const Entry& e : source[b])
            if (!slotOf.count(e.column)) {
                slotOf[e.column] = static_cast<long>(sourceColumn_.size() - sourceStart_[b]);
                sourceColumn_.push_back(e.column);
            }
        for (const Entry& e : source[b]) {
            sourceRow_.push_back(e.row);
            sourceEntryColumn_.push_back(slotOf[e.column]);
            sourceAt_.push_back(e.at);
        }
        sourceStart_.push_back(sourceColumn_.size());
        sourceEntryStart_.push_back(sourceRow_.size());
        eliminatedStart_.push_back(eliminatedStart_[b] +
                                   blocks_[b].size * (sourceStart_[b + 1] - sourceStart_[b]));
        // C A⁻¹ B fills S at (row of each C entry, each B column).
        for (const Entry& e : coupling[b])
            for (size_t s = sourceStart_[b]; s < sourceStart_[b + 1]; ++s)
                schurColumns[sourceColumn_[s]].insert(e.row);
    }
    coupling_.resize(couplingRow_.size());
    eliminated_.resize(eliminatedStart_.back());
    lower_.resize(blocked_);
    inversePivot_.resize(blocked_);
    upperOverPivot_.resize(blocked_);

    // S's pattern, and where its values come from.
    schurStart_.assign(kept_.size() + 1, 0);
    for (size_t c = 0; c < kept_.size(); ++c) {
        schurStart_[c + 1] = schurStart_[c] + static_cast<long>(schurColumns[c].size());
        schurRow_.insert(schurRow_.end(), schurColumns[c].begin(), schurColumns[c].end());
    }
    schur_.resize(schurRow_.size());
    const auto schurAt = [&](long row, long col) {
        const auto begin = schurRow_.begin() + schurStart_[col];
        const auto end = schurRow_.begin() + schurStart_[col + 1];
        return static_cast<long>(std::lower_bound(begin, end, row) - schurRow_.begin());
    };
    for (const Entry& e : fromD) {
        schurFromJ_.push_back(e.at);
        schurAtJ_.push_back(schurAt(e.row, e.column));
    }
    for (size_t b = 0; b < blocks_.size(); ++b)
        for (size_t e = couplingStart_[b]; e < couplingStart_[b + 1]; ++e)
            for (size_t s = sourceStart_[b]; s < sourceStart_[b + 1]; ++s)
                productAt_.push_back(schurAt(couplingRow_[e], sourceColumn_[s]));

    keptRhs_.resize(kept_.size());
    klu_->symbolic = klu_l_analyze(static_cast<long>(kept_.size()), schurStart_.data(),
                                   schurRow_.data(), &klu_->common);
    if (!klu_->symbolic) throw std::invalid_argument("KLU cannot analyze the Schur complement");
}

bool CondensedSystem::factor(const double* values) {
    if (!factorBlocks(values)) return false;
    formSchurComplement(values);
    return factorSchurComplement();
}

bool CondensedSystem::factorBlocks(const double* values) {
    // Thomas: pivot_k = d_k − l_k u_{k−1}/pivot_{k−1}, without pivoting, which the diagonal
    // dominance of c_j I + (diffusion) makes stable (docs/physics/numerics.md#linear-solver);
    // a zero or non-finite pivot is reported, not worked around.
    for (size_t b = 0; b < blocks_.size(); ++b) {
        double previous = 0.0;  // u_{k−1} / pivot_{k−1}
        for (size_t i = blockStart_[b]; i < blockStart_[b + 1]; ++i) {
            // A block's first row has no sub-diagonal entry, its last no super-diagonal one.
            lower_[i] = lowerAt_[i] < 0 ? 0.0 : values[lowerAt_[i]];
            const double pivot = values[diagonalAt_[i]] - lower_[i] * previous;
            if (pivot == 0.0 || !std::isfinite(pivot)) return false;
            inversePivot_[i] = 1.0 / pivot;
            upperOverPivot_[i] = upperAt_[i] < 0 ? 0.0 : values[upperAt_[i]] * inversePivot_[i];
            previous = upperOverPivot_[i];
        }
    }
    return true;
}

void CondensedSystem::thomasSolve(size_t block, double* v) const {
    sweepBlocks(block, 1, v);
}

void CondensedSystem::sweepBlocks(size_t first, size_t count, double* v) const {
    // Forward and back substitution with the factors of factorBlocks; the blocks lie one after
    // another both in v and in the factor arrays, so block j's shell k is at j·n + k in each.
    const size_t n = blocks_[first].size, m = count * n, start = blockStart_[first];
    const double* l = lower_.data() + start;
    const double* inv = inversePivot_.data() + start;
    const double* u = upperOverPivot_.data() + start;
    for (size_t j = 0; j < m; j += n) v[j] *= inv[j];
    for (size_t k = 1; k < n; ++k)
        for (size_t j = k; j < m; j += n) v[j] = (v[j] - l[j] * v[j - 1]) * inv[j];
    for (size_t k = n - 1; k-- > 0;)
        for (size_t j = k; j < m; j += n) v[j] -= u[j] * v[j + 1];
}

void CondensedSystem::solveBlocks(double* b) const {
    for (const Run& run : runs_) sweepBlocks(run.first, run.count, b + blocks_[run.first].offset);
}

void CondensedSystem::formSchurComplement(const double* values) {
    std::fill(schur_.begin(), schur_.end(), 0.0);
    for (size_t e = 0; e < schurFromJ_.size(); ++e) schur_[schurAtJ_[e]] = values[schurFromJ_[e]];
    for (size_t e = 0; e < coupling_.size(); ++e) coupling_[e] = values[couplingAt_[e]];
    std::fill(eliminated_.begin(), eliminated_.end(), 0.0);
    size_t product = 0;
    for (size_t b = 0; b < blocks_.size(); ++b) {
        // A_β⁻¹ B_β, one column per kept unknown the block's residuals read.
        const size_t n = blocks_[b].size;
        double* w = eliminated_.data() + eliminatedStart_[b];
        for (size_t e = sourceEntryStart_[b]; e < sourceEntryStart_[b + 1]; ++e)
            w[sourceEntryColumn_[e] * n + sourceRow_[e]] = values[sourceAt_[e]];
        const size_t columns = sourceStart_[b + 1] - sourceStart_[b];
        for (size_t s = 0; s < columns; ++s) thomasSolve(b, w + s * n);
        // S −= C_β (A_β⁻¹ B_β).
        const size_t first = blocks_[b].offset;
        for (size_t e = couplingStart_[b]; e < couplingStart_[b + 1]; ++e) {
            const size_t k = couplingColumn_[e] - first;
            for (size_t s = 0; s < columns; ++s)
                schur_[productAt_[product++]] -= coupling_[e] * w[s * n + k];
        }
    }
}

bool CondensedSystem::factorSchurComplement() {
    Klu& k = *klu_;
    if (k.numeric) {
        // Keep KLU's pivot order while it stays well conditioned, as SUNDIALS' KLU module does.
        if (klu_l_refactor(schurStart_.data(), schurRow_.data(), schur_.data(), k.symbolic,
                           k.numeric, &k.common) &&
            klu_l_rcond(k.symbolic, k.numeric, &k.common) &&
            k.common.rcond > std::pow(std::numeric_limits<double>::epsilon(), 2.0 / 3.0))
            return true;
        klu_l_free_numeric(&k.numeric, &k.common);
    }
    k.numeric =
        klu_l_factor(schurStart_.data(), schurRow_.data(), schur_.data(), k.symbolic, &k.common);
    return k.numeric != nullptr;
}

void CondensedSystem::solve(double* b) const {
    // z = A⁻¹ b_A in place, then b_D − C z.
    solveBlocks(b);
    for (size_t i = 0; i < kept_.size(); ++i) keptRhs_[i] = b[kept_[i]];
    for (size_t e = 0; e < coupling_.size(); ++e)
        keptRhs_[couplingRow_[e]] -= coupling_[e] * b[couplingColumn_[e]];
    klu_l_solve(klu_->symbolic, klu_->numeric, static_cast<long>(kept_.size()), 1, keptRhs_.data(),
                &klu_->common);
    for (size_t i = 0; i < kept_.size(); ++i) b[kept_[i]] = keptRhs_[i];
    // x_A = z − (A⁻¹B) x_D.
    for (size_t blk = 0; blk < blocks_.size(); ++blk) {
        const size_t n = blocks_[blk].size;
        double* x = b + blocks_[blk].offset;
        const double* w = eliminated_.data() + eliminatedStart_[blk];
        for (size_t s = sourceStart_[blk]; s < sourceStart_[blk + 1]; ++s, w += n) {
            const double xd = keptRhs_[sourceColumn_[s]];
            for (size_t k = 0; k < n; ++k) x[k] -= w[k] * xd;
        }
    }
}

}  // namespace ssbsim::solver
