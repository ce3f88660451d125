#pragma once
// A material record from the library: identity, category and SI property values with sources.

#include <string>
#include <string_view>
#include <vector>

#include "ssbsim/materials/Property.h"
#include "ssbsim/materials/PropertySchema.h"

namespace ssbsim::materials {

enum class Transport { None, SingleIon, BinarySalt };

class Material {
  public:
    std::string name;
    std::vector<std::string> aliases;
    Category category = Category::SolidElectrolyte;
    Transport transport = Transport::None;
    std::string formula;
    std::string description;
    std::string file;                  ///< the file it was read from
    std::vector<Property> properties;  ///< in file order

    bool has(std::string_view property) const;
    /// Throws std::out_of_range naming the material and its file when absent.
    const Property& property(std::string_view name) const;

    double scalar(std::string_view name) const;
    Range range(std::string_view name) const;
    const ArrheniusLaw& arrhenius(std::string_view name) const;
    const LinearTable& table(std::string_view name) const;
    const PowerLawCreep& creep(std::string_view name) const;

    /// Does `query` name this material (its name or an alias, case-insensitively)?
    bool answersTo(std::string_view query) const;
    bool isActive() const { return category == Category::Cathode || category == Category::Anode; }
};

}  // namespace ssbsim::materials
