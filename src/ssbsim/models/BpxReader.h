#pragma once
// Battery Parameter eXchange (BPX) files: the open JSON format for Doyle–Fuller–Newman cell
// parameters (https://github.com/FaradayInstitution/BPX), read into the cell model's
// parameters (docs/physics/bpx.md gives the mapping). Conventions follow BPX and PyBaMM's
// reader, so the two load identical problems: electrode conductivities are effective, the
// electrolyte's effective transport is β κ(c_e) with β the "Transport efficiency", the active
// volume fraction is a R / 3, and i0 = F k √((c_e/c_e0) x (1 − x)).

#include <string>

#include "ssbsim/models/CellParameters.h"

namespace ssbsim::models {

struct BpxCell {
    CellParameters parameters;
    std::string title;
    double lowerVoltage = 0.0;  ///< V, "Lower voltage cut-off [V]"
    double upperVoltage = 0.0;  ///< V, "Upper voltage cut-off [V]"
};

/// Reads a BPX JSON file. Problems (missing or unknown keys, bad numbers or expressions, blended
/// electrodes, which the cell model does not have) are InputErrors at their place in the file.
BpxCell readBpxFile(const std::string& path);

}  // namespace ssbsim::models
