// fuzz/standalone_runner.cc: a main() for fuzz targets built without libFuzzer (g++ builds).
//
// Feeds every regular file named on the command line, or found (recursively) under a directory
// named there, to LLVMFuzzerTestOneInput, in sorted path order, each in a heap buffer of exactly
// its size (so sanitizers catch over-reads). A crash or abort in the target fails the process;
// a path that cannot be read, or no input at all, exits 1. Like cpp-httplib's
// test/fuzzing/standalone_fuzz_target_runner.cpp, so CTest replays the seed corpus every build.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

namespace fs = std::filesystem;

// Appends the inputs named by `arg` to `paths`; false when it does not exist.
bool CollectInputs(const fs::path& arg, std::vector<fs::path>* paths) {
  std::error_code ec;
  if (fs::is_directory(arg, ec)) {
    for (const auto& entry : fs::recursive_directory_iterator(arg, ec)) {
      if (entry.is_regular_file()) paths->push_back(entry.path());
    }
    return !ec;
  }
  if (!fs::is_regular_file(arg, ec)) return false;
  paths->push_back(arg);
  return true;
}

bool RunOne(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto buffer = std::make_unique<uint8_t[]>(bytes.size());
  std::copy(bytes.begin(), bytes.end(), buffer.get());
  LLVMFuzzerTestOneInput(buffer.get(), bytes.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> paths;
  for (int i = 1; i < argc; ++i) {
    if (!CollectInputs(argv[i], &paths)) {
      std::fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[i]);
      return 1;
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: %s FILE_OR_DIR...  (no inputs found)\n", argv[0]);
    return 1;
  }
  std::sort(paths.begin(), paths.end());
  for (const fs::path& path : paths) {
    std::fprintf(stderr, "running %s\n", path.c_str());
    if (!RunOne(path)) {
      std::fprintf(stderr, "%s: cannot read %s\n", argv[0], path.c_str());
      return 1;
    }
  }
  std::fprintf(stderr, "ran %zu inputs\n", paths.size());
  return 0;
}
