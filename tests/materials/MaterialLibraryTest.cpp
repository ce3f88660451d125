// The bundled materials library and the loader's checks.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "ssbsim/materials/MaterialLibrary.h"

using ssbsim::InputError;
using ssbsim::materials::Category;
using ssbsim::materials::MaterialLibrary;

namespace {

namespace fs = std::filesystem;

const MaterialLibrary& bundled() {
    static const MaterialLibrary library = MaterialLibrary::load({SSBSIM_MATERIALS_DIR});
    return library;
}

/// A fresh temporary folder holding the given files.
fs::path folderWith(const std::string& name,
                    const std::vector<std::pair<std::string, std::string>>& files) {
    const fs::path dir = fs::temp_directory_path() / ("ssbsim-materials-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& [file, text] : files) std::ofstream(dir / file) << text;
    return dir;
}

const char* minimalBinder =
    "name: MyBinder\n"
    "category: binder\n"
    "properties:\n"
    "  density: {value: 1.5, unit: g/cm^3, source: \"my lab\"}\n";

}  // namespace

TEST(MaterialLibrary, HoldsEveryMaterialTheIssueNames) {
    const std::vector<std::pair<const char*, Category>> required = {
        {"Li6PS5Cl", Category::SolidElectrolyte},
        {"Li6PS5Br", Category::SolidElectrolyte},
        {"Li10GeP2S12", Category::SolidElectrolyte},
        {"beta-Li3PS4", Category::SolidElectrolyte},
        {"Li7P3S11", Category::SolidElectrolyte},
        {"Ta-LLZO", Category::SolidElectrolyte},
        {"Al-LLZO", Category::SolidElectrolyte},
        {"LATP", Category::SolidElectrolyte},
        {"LAGP", Category::SolidElectrolyte},
        {"LLTO", Category::SolidElectrolyte},
        {"Li3InCl6", Category::SolidElectrolyte},
        {"Li3YCl6", Category::SolidElectrolyte},
        {"Li2In1/3Sc1/3Cl4", Category::SolidElectrolyte},
        {"LiPON", Category::SolidElectrolyte},
        {"PEO-LiTFSI", Category::SolidElectrolyte},
        {"NMC111", Category::Cathode},
        {"NMC532", Category::Cathode},
        {"NMC622", Category::Cathode},
        {"NMC811", Category::Cathode},
        {"NCA", Category::Cathode},
        {"LCO", Category::Cathode},
        {"LFP", Category::Cathode},
        {"TiS2", Category::Cathode},
        {"S", Category::Cathode},
        {"Li", Category::Anode},
        {"Li-In", Category::Anode},
        {"Ag-C", Category::Anode},
        {"Si", Category::Anode},
        {"graphite", Category::Anode},
        {"LTO", Category::Anode},
        {"LiNbO3", Category::Coating},
        {"Li3PO4", Category::Coating},
        {"Li2SiOx", Category::Coating},
        {"LiNb0.5Ta0.5O3", Category::Coating},
        {"Al", Category::CurrentCollector},
        {"Cu", Category::CurrentCollector},
        {"Ni", Category::CurrentCollector},
        {"stainless-steel", Category::CurrentCollector},
    };
    for (const auto& [name, category] : required) {
        const auto* m = bundled().find(name);
        ASSERT_NE(m, nullptr) << name;
        EXPECT_EQ(m->category, category) << name;
        for (const auto& p : m->properties) EXPECT_GE(p.source.size(), 5u) << name << " " << p.name;
    }
    size_t carbons = 0, binders = 0;
    for (const auto* m : bundled().all()) {
        carbons += m->category == Category::ConductiveAdditive;
        binders += m->category == Category::Binder;
    }
    EXPECT_GE(carbons, 1u);
    EXPECT_GE(binders, 1u);
}

TEST(MaterialLibrary, SolidElectrolytesCarryTheirTransportKind) {
    using ssbsim::materials::Transport;
    EXPECT_EQ(bundled().find("Li6PS5Cl")->transport, Transport::SingleIon);
    EXPECT_EQ(bundled().find("PEO-LiTFSI")->transport, Transport::BinarySalt);
    EXPECT_TRUE(bundled().find("PEO-LiTFSI")->has("lithium-transference-number"));
    EXPECT_TRUE(bundled().find("Li")->has("yield-strength"));
    EXPECT_TRUE(bundled().find("Li")->has("creep"));
}

TEST(MaterialLibrary, FindsByAliasIgnoringCase) {
    EXPECT_EQ(bundled().find("lpscl"), bundled().find("Li6PS5Cl"));
    EXPECT_EQ(bundled().find("nmc811"), bundled().find("NMC811"));
    EXPECT_EQ(bundled().find("no such thing"), nullptr);
}

TEST(MaterialLibrary, Nmc811OcvAgreesWithAnIndependentMeasurement) {
    // The library's NMC811 OCV tabulates Sturm et al., J. Power Sources 412, 204 (2019),
    // doi:10.1016/j.jpowsour.2018.11.043 (LG MJ1 cell). Chen et al., J. Electrochem. Soc. 167,
    // 080534 (2020), doi:10.1149/1945-7111/ab9050 fitted NMC811 of another cell (LG M50); within
    // the fit's range x in [0.3, 0.91] the two measurements agree to 50 mV (they differ by up
    // to 43 mV near x = 0.4), which also checks the stoichiometry convention of the table.
    auto chen = [](double x) {
        return -0.8090 * x + 4.4875 - 0.0428 * std::tanh(18.5138 * (x - 0.5542)) -
               17.7326 * std::tanh(15.7890 * (x - 0.3117)) +
               17.5842 * std::tanh(15.9308 * (x - 0.3120));
    };
    const auto& ocv = bundled().find("NMC811")->table("open-circuit-potential");
    for (int i = 0; i <= 100; ++i) {
        const double x = 0.3 + (0.91 - 0.3) * i / 100.0;
        EXPECT_NEAR(ocv(x), chen(x), 0.05) << "x = " << x;
    }
}

TEST(MaterialLibrary, UserFolderAddsAndOverrides) {
    const auto dir = folderWith(
        "override", {{"mine.yaml", minimalBinder},
                     {"Al.yaml",
                      "name: Al\ncategory: current-collector\nproperties:\n"
                      "  density: {value: 2.5, unit: g/cm^3, source: \"my foil\"}\n"
                      "  electronic-conductivity: {value: 3e5, unit: S/cm, source: \"x\"}\n"}});
    const auto library = MaterialLibrary::load({SSBSIM_MATERIALS_DIR, dir.string()});
    ASSERT_NE(library.find("MyBinder"), nullptr);
    EXPECT_NEAR(library.find("mybinder")->scalar("density"), 1500, 1e-9);
    EXPECT_NEAR(library.find("Al")->scalar("density"), 2500, 1e-9);  // the user's wins
    EXPECT_EQ(library.size(), bundled().size() + 1);
}

TEST(MaterialLibrary, BadFilesAreLocatedErrors) {
    auto problem = [](const std::string& text) -> std::pair<std::string, int> {
        const auto dir = folderWith("bad", {{"bad.yaml", text}});
        try {
            MaterialLibrary::load({dir.string()}).all();  // files are read whole on first use
        } catch (const InputError& e) {
            return {e.problem(), e.where().line};
        }
        return {"no error", 0};
    };
    const std::string base = "name: B\ncategory: binder\nproperties:\n";
    auto [unknown, l1] = problem(base + "  densty: {value: 1, unit: g/cm^3, source: s}\n");
    EXPECT_NE(unknown.find("unknown property 'densty' (did you mean 'density'?)"), std::string::npos);
    EXPECT_EQ(l1, 4);
    auto [nosource, l2] = problem(base + "  density: {value: 1, unit: g/cm^3}\n");
    EXPECT_NE(nosource.find("missing required key 'source'"), std::string::npos);
    auto [unit, l3] = problem(base + "  density: {value: 1, unit: mS/cm, source: s}\n");
    EXPECT_NE(unit.find("expected a density"), std::string::npos);
    auto [missing, l4] = problem(
        "name: B\ncategory: binder\nproperties:\n  youngs-modulus: {value: 1, unit: GPa, source: "
        "s}\n");
    EXPECT_NE(missing.find("needs property 'density'"), std::string::npos);
    auto [category, l5] = problem("name: B\ncategory: glue\nproperties: {}\n");
    EXPECT_NE(category.find("unknown category 'glue'"), std::string::npos);
    EXPECT_EQ(l5, 2);
}

TEST(MaterialLibrary, DuplicateNameInOneFolderIsAnError) {
    const auto dir = folderWith("dup", {{"a.yaml", minimalBinder}, {"b.yaml", minimalBinder}});
    EXPECT_THROW(MaterialLibrary::load({dir.string()}), InputError);
    EXPECT_THROW(MaterialLibrary::load({"/nonexistent-folder"}), InputError);
}
