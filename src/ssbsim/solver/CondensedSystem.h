#pragma once
// Direct solution of J x = b when some unknowns form independent tridiagonal blocks, as the
// shells of each particle do (docs/physics/numerics.md#linear-solver). Ordering the blocked
// unknowns first,
//   J = [A B; C D],  A = diag(A_1 … A_m), each A_β tridiagonal,
// each block is factored by the Thomas algorithm and eliminated (static condensation), which
// leaves the Schur complement S = D − Σ_β C_β A_β⁻¹ B_β on the other unknowns for KLU:
//   A z = b_A,   S x_D = b_D − C z,   x_A = z − (A⁻¹B) x_D.
// A particle touches the rest of the system only through its interfacial current (and the
// temperature), so S has almost the pattern of D and is a fraction of J's size.

#include <cstddef>
#include <memory>
#include <vector>

#include "ssbsim/core/DaeProblem.h"

namespace ssbsim::solver {

class CondensedSystem {
  public:
    /// J's pattern in compressed-sparse-column form and the blocks to eliminate. Throws
    /// std::invalid_argument when a block's own pattern is not tridiagonal, when it touches
    /// another block directly, or when blocks overlap or leave J.
    CondensedSystem(const std::vector<int>& columnStart, const std::vector<int>& rows,
                    const std::vector<UnknownRange>& blocks);
    ~CondensedSystem();
    CondensedSystem(const CondensedSystem&) = delete;
    CondensedSystem& operator=(const CondensedSystem&) = delete;

    /// Factors J from its values (in the pattern's order). false when it is singular to working
    /// precision: a zero or non-finite Thomas pivot, or a Schur complement KLU cannot factor.
    bool factor(const double* values);
    /// b ← J⁻¹ b with the last successful factorization.
    void solve(double* b) const;

    size_t size() const { return kept_.size() + blocked_; }
    /// Unknowns left to KLU (the order of S).
    size_t keptSize() const { return kept_.size(); }

  private:
    void analyzePattern(const std::vector<int>& columnStart, const std::vector<int>& rows);
    bool factorBlocks(const double* values);
    void formSchurComplement(const double* values);
    bool factorSchurComplement();
    /// v ← A_β⁻¹ v for one block (v holds that block's entries only).
    void thomasSolve(size_t block, double* v) const;
    /// The Thomas recurrences of `count` adjacent blocks of one size from `first`, shell by
    /// shell across the blocks, so that their independent chains overlap in the CPU instead of
    /// waiting on one another; v starts at the first block's entries.
    void sweepBlocks(size_t first, size_t count, double* v) const;
    /// b ← A⁻¹ b for every block, run by run (b indexed as J).
    void solveBlocks(double* b) const;

    std::vector<UnknownRange> blocks_;
    size_t blocked_ = 0;      ///< unknowns inside blocks
    std::vector<long> kept_;  ///< index in J of each unknown of S

    // Per unknown inside a block (block by block, in J's order): positions in J of its
    // sub-diagonal, diagonal and super-diagonal entries (−1 where absent), and the Thomas
    // factors: the pivot's inverse and the super-diagonal over the pivot.
    std::vector<long> lowerAt_, diagonalAt_, upperAt_;
    std::vector<double> lower_, inversePivot_, upperOverPivot_;
    std::vector<size_t> blockStart_;  ///< first of each block in those arrays
    /// Runs of blocks adjacent in J and of one size (the particles of an electrode).
    struct Run {
        size_t first, count;
    };
    std::vector<Run> runs_;

    // C: entries of J in a block's columns and a kept row: S row, J column, position in J.
    std::vector<long> couplingRow_, couplingColumn_, couplingAt_;
    std::vector<double> coupling_;
    std::vector<size_t> couplingStart_;  ///< per block
    // B: the kept columns with entries in a block's rows, and A_β⁻¹ B_β column by column.
    std::vector<long> sourceColumn_;   ///< S column
    std::vector<size_t> sourceStart_;  ///< per block
    std::vector<long> sourceRow_, sourceEntryColumn_,
        sourceAt_;                          ///< entries: J row, slot, J position
    std::vector<size_t> sourceEntryStart_;  ///< per block
    std::vector<double> eliminated_;  ///< A_β⁻¹ B_β, per block column-major (size × columns)
    std::vector<size_t> eliminatedStart_;
    // S = D − C A⁻¹ B in CSC: pattern, values, where D's entries come from, and for each
    // (coupling entry, source column) pair the position of its product in S.
    std::vector<long> schurStart_, schurRow_;
    std::vector<double> schur_;
    std::vector<long> schurFromJ_, schurAtJ_;  ///< S position ← J position
    std::vector<long> productAt_;

    struct Klu;
    std::unique_ptr<Klu> klu_;
    mutable std::vector<double> keptRhs_;
};

}  // namespace ssbsim::solver
