#pragma once
// Where each unknown of the DAE lives in the state vector, with its name and unit, whether it
// is differential, and the absolute tolerance that suits its scale.

#include <cstddef>
#include <string>
#include <vector>

namespace ssbsim::models {

struct VariableBlock {
    std::string name;  ///< e.g. "Positive particle concentration [mol.m-3]"
    size_t offset = 0;
    size_t size = 0;
    bool differential = false;
    double absoluteTolerance = 1e-8;  ///< in the variable's unit
};

class Layout {
  public:
    /// Appends a block and returns its offset.
    size_t add(std::string name, size_t size, bool differential, double absoluteTolerance);
    size_t size() const { return size_; }
    const std::vector<VariableBlock>& blocks() const { return blocks_; }
    /// The block holding index i (for diagnostics: "which variable failed").
    const VariableBlock& blockOf(size_t i) const;

  private:
    std::vector<VariableBlock> blocks_;
    size_t size_ = 0;
};

}  // namespace ssbsim::models
