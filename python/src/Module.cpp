// ssbsim._core: the C++ engine for the Python package (docs/python.md). One file per part:
// errors here, the cell engine in EngineBindings.cpp, materials in MaterialBindings.cpp, the
// microstructure toolkit in MicroBindings.cpp. Every number is computed by the same libraries
// as the CLI; this layer only converts.

#include "Bindings.h"

NB_MODULE(_core, m) {
    m.doc() = "The C++ engine of ssbsim (use the ssbsim package, not this module directly)";
    m.attr("__version__") = SSBSIM_VERSION;
    m.attr("default_materials_dir") = SSBSIM_MATERIALS_DIR;
    ssbsim::python::bindErrors(m);
    ssbsim::python::bindMaterials(m);
    ssbsim::python::bindEngine(m);
    ssbsim::python::bindMicro(m);
}
