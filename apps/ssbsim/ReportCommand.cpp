// ssbsim report OUTDIR: figures and one self-contained report.html for a run folder. The
// report is drawn by the Python package (python -m ssbsim.report, docs/plots-and-report.md);
// this command finds a Python that has it and hands over, so its exit code is the report's.

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "AppContext.h"

namespace ssbsim::app {

namespace {

struct ReportOptions {
    std::string folder;
    std::string output;
};

/// The Python to run: $SSBSIM_PYTHON; a python3 beside this executable (a virtual environment
/// that `pip install .` put ssbsim into); the one CMake was configured with; python3 on PATH.
std::string pythonExecutable() {
    if (const char* chosen = std::getenv("SSBSIM_PYTHON"); chosen && *chosen) return chosen;
    std::error_code error;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        const auto sibling = self.parent_path() / "python3";
        if (std::filesystem::exists(sibling, error)) return sibling.string();
    }
    const std::string configured = SSBSIM_PYTHON_EXECUTABLE;
    if (!configured.empty() && std::filesystem::exists(configured, error)) return configured;
    return "python3";
}

int runReport(const ReportOptions& options) {
    // The source tree's package (and a build's compiled engine) come first, so a build folder
    // reports with its own code; an installed package is found without them.
    std::string path = SSBSIM_PYTHON_PATH;
    if (const char* existing = std::getenv("PYTHONPATH"); existing && *existing)
        path += std::string(":") + existing;
    ::setenv("PYTHONPATH", path.c_str(), 1);
    const std::string python = pythonExecutable();
    std::vector<std::string> args = {python, "-m", "ssbsim.report", options.folder};
    if (!options.output.empty()) args.insert(args.end(), {"-o", options.output});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    ::execvp(argv[0], argv.data());
    fmt::print(stderr, "error: cannot start Python ('{}') for the report: {}\n"
                       "Set SSBSIM_PYTHON to a Python with numpy, matplotlib and h5py "
                       "(scripts/install-deps makes .venv).\n",
               python, std::strerror(errno));
    return 1;
}

}  // namespace

void addReportCommand(CLI::App& app, AppContext& context) {
    auto options = std::make_shared<ReportOptions>();
    CLI::App* cmd = app.add_subcommand(
        "report", "Figures and a self-contained report.html for a run folder (needs Python)");
    cmd->add_option("folder", options->folder, "Output folder of run, eis, design or micro analyze")
        ->required();
    cmd->add_option("-o,--output", options->output, "HTML file (default: FOLDER/report.html)");
    cmd->callback([&context, options] {
        context.run = [options] { return runReport(*options); };
    });
}

}  // namespace ssbsim::app
