#include "qualityrun/command_source.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include "common/strings.h"

extern char** environ;

namespace linea::qualityrun {
namespace {

constexpr size_t kMaxOutputBytes = 256u << 20;  // a runner's answers are a few rows

struct Pipe {
  int fd[2] = {-1, -1};
  ~Pipe() {
    for (int f : fd) {
      if (f >= 0) close(f);
    }
  }
};

class SqlRow final : public sourcedb::Row {
 public:
  explicit SqlRow(const std::vector<std::string>& fields) : fields_(fields) {}
  size_t size() const override { return fields_.size(); }
  bool IsNull(size_t c) const override {
    return c >= fields_.size() || fields_[c].empty() || fields_[c] == "NULL";
  }
  std::string_view Text(size_t c) const override {
    return IsNull(c) ? std::string_view() : std::string_view(fields_[c]);
  }

 private:
  const std::vector<std::string>& fields_;
};

// Reads both pipes until they close or `deadline`; false on timeout.
bool Drain(int out_fd, int err_fd, std::chrono::steady_clock::time_point deadline,
           CommandOutput* result) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {&result->out, &result->err};
  int open = 2;
  char buffer[65536];
  while (open > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    if (poll(fds, 2, static_cast<int>(std::min<int64_t>(left.count(), 1000))) < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0 && sinks[i]->size() < kMaxOutputBytes) sinks[i]->append(buffer, n);
      if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
        fds[i].fd = -1;
        --open;
      }
    }
  }
  return true;
}

// The engine's error message on `stderr`: the last line that starts with a letter and speaks
// of an error or exception (clients print the statement and a caret after it), else the last
// non-empty line.
std::string ErrorLine(std::string_view stderr_text) {
  std::string last, last_error;
  for (const std::string& raw : Split(stderr_text, '\n')) {
    const std::string line(Trim(raw));
    if (line.empty()) continue;
    last = line;
    const std::string lower = ToLower(line);
    const bool starts_with_letter = std::isalpha(static_cast<unsigned char>(line[0])) != 0;
    if (starts_with_letter && (lower.find("error") != std::string::npos ||
                               lower.find("exception") != std::string::npos)) {
      last_error = line;
    }
  }
  return last_error.empty() ? last : last_error;
}

}  // namespace

Result<CommandOutput> RunCommand(const std::vector<std::string>& argv,
                                 std::chrono::seconds timeout) {
  if (argv.empty()) return InvalidArgumentError("empty command");
  Pipe out, err;
  if (pipe2(out.fd, O_CLOEXEC) != 0 || pipe2(err.fd, O_CLOEXEC) != 0) {
    return UnavailableError("cannot run " + argv[0] + ": " + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.fd[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err.fd[1], 2);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return UnavailableError("cannot run " + argv[0] + ": " + std::strerror(rc));
  close(out.fd[1]);
  close(err.fd[1]);
  out.fd[1] = err.fd[1] = -1;
  CommandOutput result;
  const bool finished =
      Drain(out.fd[0], err.fd[0], std::chrono::steady_clock::now() + timeout, &result);
  if (!finished) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!finished) {
    return UnavailableError(argv[0] + " did not finish within " + std::to_string(timeout.count()) +
                            "s");
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::vector<std::vector<std::string>> ParseTsv(std::string_view tsv) {
  std::vector<std::vector<std::string>> rows;
  bool header = true;
  for (std::string& line : Split(tsv, '\n')) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (header) {
      header = false;
      continue;
    }
    rows.push_back(Split(line, '\t'));
  }
  return rows;
}

std::string CommandSource::Quote(std::string_view ident) const {
  std::string out = "`";
  for (char c : ident) {
    if (c == '`') out.push_back('`');
    out.push_back(c);
  }
  return out + "`";
}

Status CommandSource::Query(const std::string& sql,
                            const std::function<Status(const sourcedb::Row&)>& on_row) {
  std::vector<std::string> argv = argv_;
  argv.push_back(sql);
  Result<CommandOutput> run = RunCommand(argv, timeout_);
  if (!run.ok()) return run.status();
  if (run->exit_code != 0) {
    std::string cause = ErrorLine(run->err);
    if (cause.empty()) cause = argv_[0] + " exited with code " + std::to_string(run->exit_code);
    return FailedPreconditionError("query failed: " + cause);
  }
  for (const std::vector<std::string>& fields : ParseTsv(run->out)) {
    Status s = on_row(SqlRow(fields));
    if (!s.ok()) return s;
  }
  return Status::OK();
}

}  // namespace linea::qualityrun
