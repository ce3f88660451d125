#include "ssbsim/materials/Material.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace ssbsim::materials {

namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

template <class T>
const T& valueAs(const Property& p, const Material& m) {
    if (const T* v = std::get_if<T>(&p.value)) return *v;
    throw std::logic_error(
        fmt::format("property '{}' of material '{}' has another shape", p.name, m.name));
}

}  // namespace

bool Material::has(std::string_view name) const {
    return std::any_of(properties.begin(), properties.end(),
                       [&](const Property& p) { return p.name == name; });
}

const Property& Material::property(std::string_view name) const {
    for (const auto& p : properties)
        if (p.name == name) return p;
    throw std::out_of_range(
        fmt::format("material '{}' ({}) has no property '{}'", this->name, file, name));
}

double Material::scalar(std::string_view name) const {
    return valueAs<double>(property(name), *this);
}
Range Material::range(std::string_view name) const {
    return valueAs<Range>(property(name), *this);
}
const ArrheniusLaw& Material::arrhenius(std::string_view name) const {
    return valueAs<ArrheniusLaw>(property(name), *this);
}
const LinearTable& Material::table(std::string_view name) const {
    return valueAs<LinearTable>(property(name), *this);
}
const PowerLawCreep& Material::creep(std::string_view name) const {
    return valueAs<PowerLawCreep>(property(name), *this);
}

bool Material::answersTo(std::string_view query) const {
    if (equalsIgnoringCase(name, query)) return true;
    return std::any_of(aliases.begin(), aliases.end(),
                       [&](const std::string& a) { return equalsIgnoringCase(a, query); });
}

}  // namespace ssbsim::materials
