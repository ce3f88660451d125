#pragma once
// Test helper: the InputError a callable throws, or a test failure when it throws none.

#include <gtest/gtest.h>

#include "ssbsim/core/Error.h"

namespace ssbsim::testing {

template <class F>
InputError errorOf(F&& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e;
    }
    ADD_FAILURE() << "no InputError thrown";
    return InputError("none");
}

}  // namespace ssbsim::testing
