// ssbsim materials list|show NAME: the materials library with units and sources.

#include <fmt/format.h>

#include "AppContext.h"
#include "ssbsim/materials/MaterialReport.h"

namespace ssbsim::app {

namespace {

struct MaterialsOptions {
    std::string name;
    std::string category;
    bool tables = false;
};

int runList(const AppContext& context, const MaterialsOptions& options) {
    const auto library = context.loadLibrary();
    std::vector<const materials::Material*> chosen;
    for (const auto* m : library.all())
        if (options.category.empty() || materials::toString(m->category) == options.category)
            chosen.push_back(m);
    if (chosen.empty() && !options.category.empty()) {
        std::vector<std::string_view> names;
        for (const auto& [c, n] : materials::categoryNames()) names.push_back(n);
        throw InputError(fmt::format("no materials of category '{}'; categories: {}",
                                     options.category, fmt::join(names, ", ")));
    }
    fmt::print("{}", materials::formatMaterialList(chosen));
    return 0;
}

int runShow(const AppContext& context, const MaterialsOptions& options) {
    const auto library = context.loadLibrary();
    const materials::Material* m = &library.get(options.name);
    fmt::print("{}", materials::formatMaterial(*m, options.tables));
    return 0;
}

}  // namespace

void addMaterialsCommand(CLI::App& app, AppContext& context) {
    auto options = std::make_shared<MaterialsOptions>();
    CLI::App* cmd = app.add_subcommand("materials", "The materials library");
    cmd->require_subcommand(1);
    CLI::App* list =
        cmd->add_subcommand("list", "List every material with its category and headline property");
    list->add_option("--category", options->category,
                     "Only this category (e.g. solid-electrolyte)");
    list->callback([&context, options] {
        context.run = [&context, options] { return runList(context, *options); };
    });
    CLI::App* show =
        cmd->add_subcommand("show", "Show every property of one material with units and sources");
    show->add_option("name", options->name, "Material name or alias")->required();
    show->add_flag("--tables", options->tables, "Print every point of tabulated properties");
    show->callback([&context, options] {
        context.run = [&context, options] { return runShow(context, *options); };
    });
}

}  // namespace ssbsim::app
