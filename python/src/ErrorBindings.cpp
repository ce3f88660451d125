// C++ exceptions as Python exceptions with the same message (docs/python.md#errors).

#include <nanobind/stl/string.h>

#include "Bindings.h"
#include "ssbsim/core/Error.h"

namespace ssbsim::python {

namespace {

PyObject* inputErrorType = nullptr;
PyObject* solverErrorType = nullptr;

/// Raises ssbsim.InputError carrying where the problem is, for programs that want to point at it.
void raiseInputError(const InputError& e) {
    nb::object error = nb::borrow(inputErrorType)(e.what());
    const SourceLocation& where = e.where();
    error.attr("problem") = e.problem();
    error.attr("file") = where.file;
    error.attr("line") = where.line;
    error.attr("column") = where.column;
    error.attr("key") = where.keyPath;
    PyErr_SetObject(inputErrorType, error.ptr());
}

}  // namespace

void bindErrors(nb::module_& m) {
    inputErrorType = PyErr_NewExceptionWithDoc(
        "ssbsim.InputError",
        "Bad input: the message names the file, line, key and what was expected "
        "(attributes file, line, column, key, problem).",
        PyExc_ValueError, nullptr);
    solverErrorType = PyErr_NewExceptionWithDoc(
        "ssbsim.SolverError", "Numerical failure of a solver.", PyExc_RuntimeError, nullptr);
    m.attr("InputError") = nb::handle(inputErrorType);
    m.attr("SolverError") = nb::handle(solverErrorType);
    nb::register_exception_translator([](const std::exception_ptr& p, void*) {
        try {
            std::rethrow_exception(p);
        } catch (const InputError& e) {
            raiseInputError(e);
        } catch (const SolverError& e) {
            PyErr_SetString(solverErrorType, e.what());
        }
    });
}

}  // namespace ssbsim::python
