#pragma once
// What the binding files share: the nanobind headers and one registration function per part.

#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>

#include <initializer_list>
#include <vector>

namespace ssbsim::python {

namespace nb = nanobind;

/// InputError → ssbsim.InputError (a ValueError) with the C++ message and .file, .line,
/// .column, .key; SolverError → ssbsim.SolverError (a RuntimeError).
void bindErrors(nb::module_& m);
void bindMaterials(nb::module_& m);
void bindEngine(nb::module_& m);
void bindMicro(nb::module_& m);

/// A numpy array of `shape` that takes over `values` without copying.
template <class T, class Shape = nb::ndim<1>>
nb::ndarray<nb::numpy, T, Shape> toNumpy(std::vector<T> values,
                                         std::initializer_list<size_t> shape = {}) {
    auto* owned = new std::vector<T>(std::move(values));
    nb::capsule owner(owned, [](void* p) noexcept { delete static_cast<std::vector<T>*>(p); });
    if (shape.size() == 0) return {owned->data(), {owned->size()}, owner};
    return {owned->data(), shape, owner};
}

}  // namespace ssbsim::python
