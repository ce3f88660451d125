// ssbsim command line: one sub-command per file in this folder.
// Exit codes: 0 success, 2 bad input (InputError or bad command line), 3 solver failure,
// 1 internal error (a bug: please report it).

#include <fmt/format.h>

#include <cstdio>

#include "AppContext.h"
#include "ssbsim/core/Error.h"

int main(int argc, char** argv) {
    using namespace ssbsim;
    CLI::App cli{"ssbsim: simulator of all-solid-state lithium batteries"};
    cli.set_version_flag("--version", SSBSIM_VERSION);
    cli.require_subcommand(1);
    app::AppContext context;
    cli.add_option("--materials-path", context.materialsPaths,
                   "Folder with more material files (repeatable; also SSBSIM_MATERIALS_PATH)");
    app::addDesignCommand(cli, context);
    app::addMaterialsCommand(cli, context);
    app::addRunCommand(cli, context);
    app::addEisCommand(cli, context);
    app::addMicroCommand(cli, context);
    app::addReportCommand(cli, context);

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = cli.exit(e);
        return code == 0 ? 0 : 2;
    }
    try {
        return context.run();
    } catch (const InputError& e) {
        fmt::print(stderr, "{}\n", e.what());
        return 2;
    } catch (const SolverError& e) {
        fmt::print(stderr, "solver failure: {}\n", e.what());
        return 3;
    } catch (const std::exception& e) {
        fmt::print(stderr, "internal error: {}\n", e.what());
        return 1;
    }
}
