#pragma once
// Test helper: run the ssbsim program (SSBSIM_CLI) as a user would, capturing what it prints
// and its exit code.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace ssbsim::testing {

struct Outcome {
    int code = -1;
    std::string out;  ///< stdout and stderr together
};

/// Runs a shell command line and collects its output and exit code.
inline Outcome runCommand(const std::string& command) {
    Outcome run;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    std::array<char, 4096> buffer{};
    while (const std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe))
        run.out.append(buffer.data(), n);
    const int status = pclose(pipe);
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

/// ssbsim with `args`, the synthetic test materials added to the library.
inline Outcome runSsbsim(const std::string& args) {
    return runCommand(std::string(SSBSIM_CLI) + " --materials-path " SSBSIM_TEST_DATA
                                                "/materials " +
                      args);
}

}  // namespace ssbsim::testing
