#pragma once
// Parallel loops of the voxel solvers: how many threads, and sums with a fixed order of additions,
// so that a solve gives the same bits for any number of threads (OpenMP's reduction clause
// combines per-thread sums in arrival order).

#include <array>
#include <cstddef>

namespace ssbsim::micro {

/// Threads for a loop over `work` voxels: one below 2^18 (64³), where a parallel region costs
/// more than it saves, far more on a busy machine, where a thread waits at every barrier for its
/// partner to be scheduled again.
inline int teamSize(std::size_t work, int threads) { return work >= (std::size_t{1} << 18) ? threads : 1; }

/// Σ_{i<n} term(i): the range is cut into 64 fixed blocks, each summed in order, and the block
/// sums are added in block order. term may have side effects on index i (e.g. write y[i]).
template <class F>
double orderedSum(std::size_t n, int threads, F&& term) {
    constexpr std::size_t blocks = 64;
    std::array<double, blocks> partial{};
#pragma omp parallel for schedule(static) num_threads(teamSize(n, threads))
    for (std::size_t k = 0; k < blocks; ++k) {
        double sum = 0;
        for (std::size_t i = n * k / blocks; i < n * (k + 1) / blocks; ++i) sum += term(i);
        partial[k] = sum;
    }
    double total = 0;
    for (double p : partial) total += p;
    return total;
}

}  // namespace ssbsim::micro
