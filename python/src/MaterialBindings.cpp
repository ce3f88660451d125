// The materials library for Python: each material as a dict of its properties, values in SI,
// with the display text and source of each (docs/python.md#materials).

#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <string_view>

#include "Bindings.h"
#include "ssbsim/materials/MaterialLibrary.h"
#include "ssbsim/materials/MaterialReport.h"

namespace ssbsim::python {

namespace {

using namespace materials;

std::string_view transportName(Transport t) {
    switch (t) {
        case Transport::SingleIon: return "single-ion";
        case Transport::BinarySalt: return "binary-salt";
        case Transport::None: break;
    }
    return "none";
}

/// The value of a property in SI, shaped as its kind: a float, (lower, upper), an Arrhenius
/// law, a table or a creep law as a dict.
nb::object propertyValue(const Property& p) {
    struct Visitor {
        nb::object operator()(double v) const { return nb::float_(v); }
        nb::object operator()(const Range& r) const { return nb::make_tuple(r[0], r[1]); }
        nb::object operator()(const ArrheniusLaw& a) const {
            nb::dict d;
            d["reference value"] = a.referenceValue;
            d["reference temperature [K]"] = a.referenceTemperature;
            d["activation energy [J.mol-1]"] = a.activationEnergy;
            return d;
        }
        nb::object operator()(const LinearTable& t) const {
            nb::dict d;
            d["x"] = toNumpy(t.x());
            d["y"] = toNumpy(t.y());
            return d;
        }
        nb::object operator()(const PowerLawCreep& c) const {
            nb::dict d;
            d["prefactor [s-1]"] = c.prefactor;
            d["reference stress [Pa]"] = c.referenceStress;
            d["stress exponent"] = c.stressExponent;
            d["activation energy [J.mol-1]"] = c.activationEnergy;
            return d;
        }
    };
    return std::visit(Visitor{}, p.value);
}

nb::dict materialDict(const Material& m) {
    nb::dict properties;
    for (const Property& p : m.properties) {
        nb::dict d;
        d["value"] = propertyValue(p);
        d["display"] = formatPropertyValue(p);
        d["file unit"] = p.unit;
        d["source"] = p.source;
        if (!p.note.empty()) d["note"] = p.note;
        if (!p.xMeaning.empty()) d["x"] = p.xMeaning;
        properties[p.name.c_str()] = d;
    }
    nb::dict d;
    d["name"] = m.name;
    d["aliases"] = m.aliases;
    d["category"] = std::string(toString(m.category));
    d["transport"] = std::string(transportName(m.transport));
    d["formula"] = m.formula;
    d["description"] = m.description;
    d["file"] = m.file;
    d["properties"] = properties;
    return d;
}

std::vector<nb::dict> allMaterials(const std::vector<std::string>& folders) {
    const MaterialLibrary library = MaterialLibrary::load(folders);
    std::vector<nb::dict> out;
    for (const Material* m : library.all()) out.push_back(materialDict(*m));
    return out;
}

}  // namespace

void bindMaterials(nb::module_& m) {
    m.def("materials", &allMaterials, nb::arg("folders"),
          "Every material of the library in `folders` (later folders override earlier ones)");
}

}  // namespace ssbsim::python
