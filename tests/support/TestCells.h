#pragma once
// Test helper: the bundled materials plus the synthetic test materials (tests/data/materials),
// and the cell model parameters of a test cell file (tests/data/cells).

#include <string>

#include "ssbsim/cell/CellReader.h"
#include "ssbsim/materials/MaterialLibrary.h"
#include "ssbsim/models/CellParameters.h"

namespace ssbsim::testing {

inline const materials::MaterialLibrary& testLibrary() {
    static const auto lib =
        materials::MaterialLibrary::load({SSBSIM_MATERIALS_DIR, SSBSIM_TEST_DATA "/materials"});
    return lib;
}

/// Parameters of tests/data/cells/<name>.
inline models::CellParameters testCellParameters(const std::string& name) {
    return models::buildParameters(
        cell::readCellFile(SSBSIM_TEST_DATA "/cells/" + name, testLibrary()));
}

}  // namespace ssbsim::testing
