#pragma once
// Vector kernels for SUNDIALS serial N_Vectors, compiled with ssbsim's optimization flags.
// Debian 12 ships SUNDIALS 6.4 built without optimization (its N_VLinearSum runs ~28
// instructions per entry), and IDA's vector work was half of the engine's time
// (docs/physics/numerics.md#performance). The kernels compute what the serial ones do, to
// rounding (sums are taken in four partial sums, with FMA where the CPU has it); clones of a
// vector inherit them, so the whole integrator uses them.

#include <nvector/nvector_serial.h>

namespace ssbsim::solver {

/// Replaces the operations of a serial vector (and so of its future clones) with ours.
void useOptimizedKernels(N_Vector v);

/// Whether every x[0..n) is finite (the residual check before IDA takes a residual).
bool allFinite(const sunrealtype* x, sunindextype n);

}  // namespace ssbsim::solver
