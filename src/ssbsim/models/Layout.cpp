#include "ssbsim/models/Layout.h"

#include <stdexcept>

namespace ssbsim::models {

size_t Layout::add(std::string name, size_t size, bool differential, double absoluteTolerance) {
    blocks_.push_back({std::move(name), size_, size, differential, absoluteTolerance});
    size_ += size;
    return blocks_.back().offset;
}

const VariableBlock& Layout::blockOf(size_t i) const {
    for (const auto& b : blocks_)
        if (i >= b.offset && i < b.offset + b.size) return b;
    throw std::out_of_range("index outside the state vector");
}

}  // namespace ssbsim::models
