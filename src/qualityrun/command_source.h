// src/qualityrun/command_source.h: the command hook — a source the runner cannot connect to
// itself (Hive, Spark) queried through its own client: `beeline … -e`, `spark-sql -e`.
//
// Contract (docs/quality-runner.md): the configured argv is run with the SQL appended as one
// more argument — no shell, stdin /dev/null; it must print the result as TSV on stdout: one
// header row, then one row per result row, columns separated by a tab; "NULL" or an empty
// field is a null. Exit code 0 is success; anything else is a failed query whose message is
// the last line of stderr that starts with a letter and holds "error" or "exception" (any
// case), else stderr's last non-empty line. The SQL is HiveQL / Spark SQL (queries.h keeps to what
// Hive, Spark, PostgreSQL, MySQL and SQLite share).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "qualityrun/row_source.h"

namespace linea::qualityrun {

struct CommandOutput {
  int exit_code = -1;  // 128 + signal when killed by one
  std::string out, err;
};

// Runs `argv` (argv[0] looked up in PATH) with stdin from /dev/null and captures its output;
// kills it (SIGKILL) after `timeout`. Errors: kUnavailable "cannot run <argv0>: <cause>", or
// "<argv0> did not finish within <n>s".
Result<CommandOutput> RunCommand(const std::vector<std::string>& argv,
                                 std::chrono::seconds timeout);

// The rows of `tsv` without its header row, each split at tabs.
std::vector<std::vector<std::string>> ParseTsv(std::string_view tsv);

class CommandSource final : public RowSource {
 public:
  CommandSource(std::vector<std::string> argv, std::chrono::seconds timeout)
      : argv_(std::move(argv)), timeout_(timeout) {}

  Dialect dialect() const override { return Dialect::kHive; }
  std::string Quote(std::string_view ident) const override;
  // Errors: RunCommand's; kFailedPrecondition "query failed: <stderr's error line>" (or "<argv0>
  // exited with code N" when stderr is empty) for a non-zero exit.
  Status Query(const std::string& sql,
               const std::function<Status(const sourcedb::Row&)>& on_row) override;

 private:
  std::vector<std::string> argv_;
  std::chrono::seconds timeout_;
};

}  // namespace linea::qualityrun
