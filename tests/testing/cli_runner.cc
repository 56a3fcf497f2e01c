#include "tests/testing/cli_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

extern char** environ;

namespace linea::testing {

std::string LineaBinary() {
  const char* bin = std::getenv("LINEA_BIN");
  return bin ? bin : "build/linea";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) ADD_FAILURE() << "cannot read " << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) ADD_FAILURE() << "cannot write " << path;
}

std::string FreshTestDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "linea_e2e" /
                              (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

CliResult RunLinea(const std::vector<std::string>& args, const std::string& stdin_text,
                   const std::string& cwd, const std::vector<std::string>& env) {
  static int run = 0;
  std::string scratch = (std::filesystem::path(::testing::TempDir()) / "linea_e2e_io" /
                         std::to_string(getpid()))
                            .string();
  std::filesystem::create_directories(scratch);
  scratch += "/" + std::to_string(run++);
  std::string in_path = scratch + ".stdin", out_path = scratch + ".stdout",
              err_path = scratch + ".stderr";
  WriteFile(in_path, stdin_text);

  std::string bin = LineaBinary();
  if (!cwd.empty()) bin = std::filesystem::absolute(bin).string();
  std::vector<std::string> argv_storage = {bin};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_storage;
  for (char** e = environ; *e; ++e) env_storage.emplace_back(*e);
  env_storage.insert(env_storage.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (std::string& e : env_storage) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  std::string old_cwd = std::filesystem::current_path().string();
  if (!cwd.empty()) std::filesystem::current_path(cwd);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  if (!cwd.empty()) std::filesystem::current_path(old_cwd);
  posix_spawn_file_actions_destroy(&actions);
  CliResult result;
  if (rc != 0) {
    ADD_FAILURE() << "cannot start " << argv[0] << ": " << rc;
    return result;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

Spawned SpawnLinea(const std::vector<std::string>& args) {
  static int run = 0;
  std::string base = (std::filesystem::path(::testing::TempDir()) / "linea_e2e_io" /
                      ("spawn_" + std::to_string(getpid()) + "_" + std::to_string(run++)))
                         .string();
  std::filesystem::create_directories(std::filesystem::path(base).parent_path());
  Spawned p{-1, base + ".stdout", base + ".stderr"};
  std::string bin = LineaBinary();
  std::vector<std::string> argv_storage = {bin};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, p.out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, p.err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
    ADD_FAILURE() << "cannot start " << bin;
  }
  posix_spawn_file_actions_destroy(&actions);
  p.pid = pid;
  return p;
}

int StopSpawned(const Spawned& process, int signal) {
  if (process.pid <= 0) return -1;
  kill(process.pid, signal);
  int status = 0;
  waitpid(process.pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string WaitForText(const std::string& path, const std::string& needle) {
  for (int i = 0; i < 3000; ++i) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    // The whole line holding `needle`: a reader may catch the writer mid-line.
    const size_t at = s.str().find(needle);
    if (at != std::string::npos && s.str().find('\n', at) != std::string::npos) return s.str();
    usleep(10000);
  }
  return "";
}

}  // namespace linea::testing
