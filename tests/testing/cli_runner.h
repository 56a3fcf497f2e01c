// tests/testing/cli_runner.h: runs the real `linea` binary (LINEA_BIN, set by CTest) as a
// subprocess and captures its exit code, stdout and stderr. End-to-end tests use it so they
// exercise exactly what a user or CI job runs.
#pragma once

#include <string>
#include <vector>

namespace linea::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Path of the binary under test: $LINEA_BIN, else "build/linea".
std::string LineaBinary();

// Runs `linea args...` with `stdin_text` on standard input, in working directory `cwd`
// (empty = inherit). Extra environment entries "K=V" are added to the current environment.
CliResult RunLinea(const std::vector<std::string>& args, const std::string& stdin_text = "",
                   const std::string& cwd = "", const std::vector<std::string>& env = {});

// A `linea` process running in the background (e.g. `serve`), its output going to files.
struct Spawned {
  int pid = -1;
  std::string out_path, err_path;
};
Spawned SpawnLinea(const std::vector<std::string>& args);
// Sends `signal` and waits; returns the exit code (128 + signal when killed by it).
int StopSpawned(const Spawned& process, int signal);
// Polls `path` (up to ~30 s) until it holds a whole line containing `needle`; returns the
// file's text then, or "".
std::string WaitForText(const std::string& path, const std::string& needle);

// Reads / writes a whole file (test helpers; abort the test on failure via ADD_FAILURE).
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& text);

// A fresh, empty directory under the test temp dir, named after the running test.
std::string FreshTestDir();

}  // namespace linea::testing
