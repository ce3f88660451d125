// ssbsim micro convert IN OUT: voxel volumes between file formats (placeholder, being written).

#include "AppContext.h"

namespace ssbsim::app {

void addMicroConvertCommand(CLI::App& micro, AppContext& context) {
    CLI::App* convert = micro.add_subcommand("convert", "Convert a voxel volume between formats");
    convert->callback([&context] { context.run = [] { return 0; }; });
}

}  // namespace ssbsim::app
