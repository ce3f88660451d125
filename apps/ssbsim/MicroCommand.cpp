// ssbsim micro ...: the microstructure toolkit (docs/physics/microstructure.md). One file per
// sub-command: MicroConvertCommand.cpp, MicroGenerateCommand.cpp, MicroAnalyzeCommand.cpp.

#include "AppContext.h"

namespace ssbsim::app {

void addMicroCommand(CLI::App& app, AppContext& context) {
    CLI::App* micro = app.add_subcommand("micro", "Voxel microstructures: generate, analyze, convert");
    micro->require_subcommand(1);
    addMicroConvertCommand(*micro, context);
    addMicroGenerateCommand(*micro, context);
    addMicroAnalyzeCommand(*micro, context);
}

}  // namespace ssbsim::app
