// The durable job queue: rows of the `job` table (migrations/0002_instagram.sql). Producers enqueue
// inside their own transaction, so a job exists exactly when the change that asked for it commits.
// Workers (threads of vendly-server, or `vendly-server worker` processes on any machine) claim with
// FOR UPDATE SKIP LOCKED under a lease; a crashed worker's lease runs out and its job runs again.
// A failed run is retried with exponential backoff and jitter up to max_attempts, then the job is
// dead (status 'failed') and keeps its last error. NOTIFY vendly_jobs is only a wake-up hint:
// workers also poll, so a lost notification delays a job by at most the poll interval.
#ifndef VENDLY_SERVER_JOBS_H_
#define VENDLY_SERVER_JOBS_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "db.h"
#include "status.h"

namespace vendly::server {

struct App;

struct JobSpec {
  std::string kind;                     // "scan", "media_copy", "draft_expiry", "poll", "webhook", ...
  std::optional<std::string> store_id;  // NULL for system jobs
  nlohmann::json payload = nlohmann::json::object();
  // At most one queued or running job per key (job_dedupe_active_uq): enqueueing a second one
  // returns the id of the active one instead.
  std::optional<std::string> dedupe_key;
  int priority = 0;  // higher runs first
  std::chrono::seconds delay{0};  // run_at = now() + delay
  int max_attempts = 5;
};

// Inserts the job on `conn`, inside the caller's transaction when there is one, and sends
// NOTIFY vendly_jobs (delivered at commit). Returns the job id (the active one on a dedupe hit).
Result<std::string> EnqueueJob(Conn& conn, const JobSpec& spec);
// The same on a pooled connection (its own autocommit statement).
Result<std::string> EnqueueJob(Db& db, const JobSpec& spec);

struct Job {
  std::string id;
  std::string kind;
  std::optional<std::string> store_id;
  nlohmann::json payload;
  int attempts = 0;  // including this run
  int max_attempts = 5;
};

// What a handler tells the runner.
struct JobOutcome {
  enum class Kind {
    kSucceeded,  // done; `result` is stored
    kRetry,      // failed; run again after backoff unless attempts are spent (then dead)
    kDead,       // failed for good (bad payload, revoked token...): no more attempts
    kDefer,      // not now (throttled, budget spent): run again after `delay`, attempt not counted
  };
  Kind kind = Kind::kSucceeded;
  std::string error;                 // kRetry / kDead: kept in job.last_error (no secrets)
  std::chrono::seconds delay{0};     // kDefer: when to try again; kRetry: a floor for the backoff
  nlohmann::json result = nullptr;   // kSucceeded

  static JobOutcome Succeeded(nlohmann::json result = nullptr);
  static JobOutcome Retry(std::string error, std::chrono::seconds at_least = std::chrono::seconds(0));
  static JobOutcome Dead(std::string error);
  static JobOutcome Defer(std::chrono::seconds delay, std::string why = "");
};

// Handed to a running handler.
class JobContext {
 public:
  JobContext(const Job& job, App& app, std::function<bool()> extend_lease,
             const std::atomic<bool>& stopping)
      : job_(job), app_(app), extend_lease_(std::move(extend_lease)), stopping_(stopping) {}
  const Job& job() const { return job_; }
  App& app() { return app_; }
  // Extends the lease; a long handler calls it between units of work (a page of media). Returns
  // false when the job is no longer this worker's (the lease ran out and another worker took it):
  // the handler must stop without writing further.
  bool Heartbeat() { return extend_lease_(); }
  // True once the runner is shutting down: finish the current unit and return kDefer.
  bool stopping() const { return stopping_.load(); }

 private:
  const Job& job_;
  App& app_;
  std::function<bool()> extend_lease_;
  const std::atomic<bool>& stopping_;
};

using JobHandler = std::function<JobOutcome(JobContext&)>;

class JobRunner {
 public:
  struct Options {
    std::string worker_id;                 // default host:pid:random
    int threads = 2;                       // worker threads
    std::chrono::seconds lease{30};        // a claim is valid this long unless extended
    std::chrono::milliseconds poll{1000};  // claim attempts between notifications
    std::chrono::seconds backoff_base{2};  // retry n waits about base * 2^(n-1), jittered, capped
    std::chrono::seconds backoff_cap{300};
  };

  JobRunner(App& app, Options options);
  ~JobRunner();  // Stop()s
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  void Register(const std::string& kind, JobHandler handler);
  // Starts the worker threads (and the LISTEN connection).
  void Start();
  // Asks handlers to stop, waits for the threads. Jobs in hand are left to their leases or
  // deferred by their handlers.
  void Stop();
  // Claims and runs at most one ready job of a registered kind on the calling thread; true when one
  // ran. For tests and the bench.
  bool RunOne();

 private:
  void Loop();
  std::optional<Job> Claim();
  void Finish(const Job& job, const JobOutcome& outcome);

  App& app_;
  Options options_;
  std::map<std::string, JobHandler> handlers_;
  std::vector<std::thread> threads_;
  std::thread listener_;
  std::atomic<bool> stopping_{false};
  std::mutex wake_mutex_;
  std::condition_variable wake_;
};

// Every job kind of the server, registered on one runner (defined where the handlers live).
void RegisterJobHandlers(JobRunner& runner, App& app);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_JOBS_H_
