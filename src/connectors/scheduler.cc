#include "connectors/scheduler.h"

#include <random>

#include "common/strings.h"

namespace linea::connectors {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Scheduler::Scheduler(catalog::Catalog& catalog, std::vector<ConnectorConfig> configs,
                     SourceFactory factory, std::chrono::milliseconds first_run_delay)
    : catalog_(catalog), factory_(std::move(factory)), first_run_delay_(first_run_delay) {
  for (ConnectorConfig& c : configs) {
    auto entry = std::make_unique<Entry>();
    entry->config = std::move(c);
    entries_.emplace(entry->config.name, std::move(entry));
  }
}

Scheduler::~Scheduler() { Stop(); }

void Scheduler::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (started_) return;
  started_ = true;
  stopping_ = false;
  for (auto& [name, entry] : entries_) {
    entry->next_run_at_ms = NowMs() + first_run_delay_.count();
    Entry* e = entry.get();
    entry->thread = std::thread([this, e] { Loop(*e); });
  }
}

void Scheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!started_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& [name, entry] : entries_) {
    if (entry->thread.joinable()) entry->thread.join();
  }
  std::lock_guard<std::mutex> lock(mu_);
  started_ = false;
}

std::chrono::milliseconds Scheduler::Jitter(const Entry& entry) {
  const int64_t range = std::chrono::duration_cast<std::chrono::milliseconds>(entry.config.jitter).count();
  if (range <= 0) return std::chrono::milliseconds(0);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::chrono::milliseconds(std::uniform_int_distribution<int64_t>(-range, range)(rng));
}

void Scheduler::Loop(Entry& entry) {
  const int64_t every_ms = std::chrono::duration_cast<std::chrono::milliseconds>(entry.config.every).count();
  int64_t slot = entry.next_run_at_ms;  // the unjittered slot times advance by `every`
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      // Waits on the steady clock: a wall-clock jump neither fires a run early nor delays it.
      const auto wait = std::chrono::milliseconds(std::max<int64_t>(0, entry.next_run_at_ms - NowMs()));
      if (cv_.wait_for(lock, wait, [this] { return stopping_; })) return;
    }
    {
      std::unique_lock<std::mutex> run(entry.run_mu, std::try_to_lock);
      if (!run.owns_lock()) {  // a run started by hand still goes: this slot is skipped
        ++entry.skipped;
        std::lock_guard<std::mutex> lock(mu_);
        ++counters_.skipped;
      } else {
        RunLocked(entry);
      }
    }
    // The next slot after now; the ones that passed during the run are skipped.
    slot += every_ms;
    size_t missed = 0;
    while (slot <= NowMs()) {
      slot += every_ms;
      ++missed;
    }
    if (missed > 0) {
      entry.skipped += missed;
      std::lock_guard<std::mutex> lock(mu_);
      counters_.skipped += missed;
    }
    entry.next_run_at_ms = std::max(slot + Jitter(entry).count(), NowMs());
  }
}

PullReport Scheduler::RunLocked(Entry& entry) {
  entry.running = true;
  PullReport report;
  Result<std::unique_ptr<Source>> source = factory_(entry.config);
  if (!source.ok()) {
    report.connector = entry.config.name;
    report.type = entry.config.type;
    report.started_at_ms = report.finished_at_ms = NowMs();
    report.outcome = "failed";
    report.error = source.status().message();
  } else {
    try {
      report = Pull(catalog_, entry.config, **source, {});
    } catch (const std::exception& e) {  // a bug must not take the server down with it
      report.connector = entry.config.name;
      report.type = entry.config.type;
      report.started_at_ms = report.finished_at_ms = NowMs();
      report.outcome = "failed";
      report.error = std::string("internal error: ") + e.what();
    }
  }
  entry.running = false;
  std::lock_guard<std::mutex> lock(mu_);
  ++counters_.runs;
  if (report.outcome != "ok") ++counters_.failures;
  counters_.seconds += static_cast<double>(report.finished_at_ms - report.started_at_ms) / 1000.0;
  counters_.assets_changed += report.assets.total();
  return report;
}

Result<PullReport> Scheduler::RunNow(const std::string& name) {
  auto it = entries_.find(name);
  if (it == entries_.end()) {
    std::vector<std::string> names;
    for (const auto& [n, e] : entries_) names.push_back(n);
    return NotFoundError("no connector \"" + name + "\" (configured: " +
                         (names.empty() ? std::string("none") : Join(names, ", ")) + ")");
  }
  std::unique_lock<std::mutex> run(it->second->run_mu, std::try_to_lock);
  if (!run.owns_lock()) return FailedPreconditionError("connector " + name + " is running");
  return RunLocked(*it->second);
}

Result<std::vector<ConnectorStatus>> Scheduler::Status() const {
  Result<std::vector<ConnectorStatus>> stored = StoredStatus(catalog_.store().connectors());
  if (!stored.ok()) return stored.status();
  std::map<std::string, ConnectorStatus> by_name;
  for (ConnectorStatus& s : *stored) by_name[s.name] = std::move(s);
  for (const auto& [name, entry] : entries_) {
    ConnectorStatus& s = by_name[name];
    s.name = name;
    s.type = entry->config.type;
    s.scheduled = true;
    s.every_seconds = entry->config.every.count();
    s.next_run_at_ms = entry->next_run_at_ms;
    s.running = entry->running;
    s.skipped_runs = entry->skipped;
  }
  std::vector<ConnectorStatus> out;
  for (auto& [name, s] : by_name) out.push_back(std::move(s));
  return out;
}

SchedulerCounters Scheduler::counters() const {
  std::lock_guard<std::mutex> lock(mu_);
  return counters_;
}

}  // namespace linea::connectors
