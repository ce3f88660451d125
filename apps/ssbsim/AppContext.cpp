#include "AppContext.h"

namespace ssbsim::app {

materials::MaterialLibrary AppContext::loadLibrary() const {
    return materials::MaterialLibrary::load(materials::MaterialLibrary::searchPath(materialsPaths));
}

}  // namespace ssbsim::app
