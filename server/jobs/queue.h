// The durable job queue: rows of the `job` table (migrations/0002_instagram.sql, 0005_jobs.sql).
// Producers enqueue inside their own transaction, so a job exists exactly when the change that
// asked for it commits. Workers (threads of vendly-server, or `vendly-server worker` processes on
// any machine) claim with FOR UPDATE SKIP LOCKED under a lease; a crashed worker's lease runs out
// and its job runs again. A failed run is retried with exponential backoff and jitter up to
// max_attempts, then the job is dead (status 'failed') and keeps its last error. NOTIFY
// vendly_jobs is only a wake-up hint: workers also poll, so a lost notification delays a job by
// at most the poll interval. Delivery is at least once: a handler must be safe to run again.
// Every time is the database's clock, so workers on machines with skewed clocks agree.
#ifndef VENDLY_SERVER_JOBS_H_
#define VENDLY_SERVER_JOBS_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/status.h"
#include "store/db.h"
#include "store/job_store.h"

namespace vendly::server {

struct App;

// Inserts the job on `conn`, inside the caller's transaction when there is one, and sends
// NOTIFY vendly_jobs (delivered at commit; nothing is sent if the transaction rolls back).
// Returns the job id (the active one on a dedupe hit). Fails with invalid_request for an empty
// kind, max_attempts < 1, a negative delay, or repeat_every without a dedupe_key; with the
// database's error otherwise (the caller's transaction is then aborted).
Result<std::string> EnqueueJob(Conn& conn, const JobSpec& spec);
// The same on a pooled connection, in a transaction of its own.
Result<std::string> EnqueueJob(Db& db, const JobSpec& spec);

// Makes sure a recurring job of `kind` exists under `dedupe_key`: enqueues one due now when none
// is queued or running, else sets the active one's interval to `every`. Safe to call at every
// start of every server. Returns the active job's id.
Result<std::string> EnsureRecurringJob(Db& db, const std::string& kind,
                                       const std::string& dedupe_key, std::chrono::seconds every,
                                       nlohmann::json payload = nlohmann::json::object());

// What a handler tells the runner.
struct JobOutcome {
  enum class Kind {
    kSucceeded,  // done; `result` is stored
    kRetry,      // failed; run again after backoff unless attempts are spent (then dead)
    kDead,       // failed for good (bad payload, revoked token...): no more attempts
    kDefer,      // not now (throttled, budget spent): run again after `delay`, attempt not counted
  };
  Kind kind = Kind::kSucceeded;
  std::string error;                   // kRetry / kDead: kept in job.last_error (no secrets)
  std::chrono::milliseconds delay{0};  // kDefer: when to try again; kRetry: a floor for the backoff
  nlohmann::json result = nullptr;     // kSucceeded (null stores SQL NULL)

  static JobOutcome Succeeded(nlohmann::json result = nullptr);
  static JobOutcome Retry(std::string error,
                          std::chrono::milliseconds at_least = std::chrono::milliseconds(0));
  static JobOutcome Dead(std::string error);
  // `why` goes to the log only (last_error keeps the last real failure).
  static JobOutcome Defer(std::chrono::milliseconds delay, std::string why = "");
};

// Handed to a running handler.
class JobContext {
 public:
  JobContext(const Job& job, App& app, std::function<bool()> extend_lease,
             const std::atomic<bool>& stopping)
      : job_(job), app_(app), extend_lease_(std::move(extend_lease)), stopping_(stopping) {}
  const Job& job() const { return job_; }
  App& app() { return app_; }
  // Extends the lease by the runner's lease length; a long handler calls it between units of work
  // (a page of media). Returns false when the job is no longer this claim's (another worker took
  // it after the lease ran out, or it was cancelled), and on a database error: the handler must
  // then stop without writing further. A lease that ran out but that nobody took yet is renewed.
  bool Heartbeat() { return extend_lease_(); }
  // True once the runner is shutting down: finish the current unit and return kDefer.
  bool stopping() const { return stopping_.load(); }

 private:
  const Job& job_;
  App& app_;
  std::function<bool()> extend_lease_;
  const std::atomic<bool>& stopping_;
};

// A handler returns an outcome; an exception it throws becomes kRetry with the exception's text.
using JobHandler = std::function<JobOutcome(JobContext&)>;

// Called when a job of its kind dies: its attempts spent, by a handler's outcome or by a crashed
// worker's lease running out. It runs inside the transaction that marks the job dead, so the
// failure is recorded where its owner looks (a scan, a webhook event) exactly when the job ends.
// `error` is the job's last error. An error it returns leaves the job to be swept again.
using JobDeathHandler = std::function<Status(Conn& conn, const Job& job, const std::string& error)>;

class JobRunner {
 public:
  struct Options {
    std::string worker_id;  // default host:pid:random
    int threads = 2;        // worker threads Start() runs; 0 runs none (RunOne still works)
    std::chrono::milliseconds lease{std::chrono::seconds(30)};  // a claim's life unless extended
    std::chrono::milliseconds poll{std::chrono::seconds(1)};    // between claim attempts when idle
    // Retry n waits base * 2^(n-1), capped, then jittered into [half, all] of that.
    std::chrono::milliseconds backoff_base{std::chrono::seconds(2)};
    std::chrono::milliseconds backoff_cap{std::chrono::minutes(5)};
  };

  // `app` must outlive the runner.
  JobRunner(App& app, Options options);
  ~JobRunner();  // Stop()s
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Adds the handler of `kind` (and what to do when one of its jobs dies); only registered kinds
  // are claimed. Call before Start().
  void Register(const std::string& kind, JobHandler handler, JobDeathHandler on_dead = nullptr);
  // Keeps one recurring job of `kind` (its dedupe key is the kind) due every `every`: Start() makes
  // sure the chain exists (EnsureRecurringJob). Registering touches no database. Call before
  // Start(), after registering the kind's handler.
  void Schedule(const std::string& kind, std::chrono::seconds every,
                nlohmann::json payload = nlohmann::json::object());
  // Makes sure every Schedule()d chain exists, then starts the worker threads and the LISTEN
  // connection; does nothing when threads is 0 or it already runs.
  void Start();
  // Asks handlers to stop, waits for the threads. Jobs in hand are finished, deferred by their
  // handlers, or left to their leases.
  void Stop();
  // Returns expired leases to the queue (or kills jobs whose attempts are spent), then claims and
  // runs at most one ready job of a registered kind on the calling thread; true when one ran.
  // For tests and the bench; the worker threads loop on it.
  bool RunOne();

  const std::string& worker_id() const { return options_.worker_id; }

 private:
  void Loop();
  void Listen();
  void Wake();
  void ReclaimExpired();
  std::optional<Job> Claim();
  void Run(const Job& job);
  bool ExtendLease(const Job& job);
  // Records the outcome if the job is still this claim's; false when it is not (nothing written).
  bool Finish(const Job& job, const JobOutcome& outcome, long long elapsed_ms);
  // Writes `outcome` through the job store (with the death handler and the next run of a chain, in
  // one transaction when there are any); the retry or defer wait in *wait. False: not ours.
  Result<bool> Record(const Job& job, const JobOutcome& outcome, bool dead, bool ended,
                      std::chrono::milliseconds* wait);
  Status RecordDeath(Conn& conn, const Job& job, const std::string& error);
  void EnsureSchedules();

  struct Scheduled {
    std::string kind;
    std::chrono::seconds every;
    nlohmann::json payload;
  };

  App& app_;
  Options options_;
  std::map<std::string, JobHandler> handlers_;
  std::map<std::string, JobDeathHandler> death_handlers_;
  std::vector<std::string> kinds_;  // the registered kinds
  std::vector<Scheduled> schedules_;
  std::vector<std::thread> threads_;
  std::thread listener_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> claims_{0};
  std::atomic<std::int64_t> last_reclaim_ms_{0};
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  std::uint64_t wake_seq_ = 0;  // guarded by wake_mutex_
};

// Every job kind of the server, registered on one runner (server/app/job_kinds.cc).
void RegisterJobHandlers(JobRunner& runner, App& app);

// The built-in "noop" kind: succeeds at once with {"noop":true}. Lets an operator (and the tests)
// check that workers run: INSERT INTO job (kind) VALUES ('noop').
JobOutcome RunNoopJob(JobContext& ctx);

namespace internal {
// The wait before retry `attempt` (1-based): d = min(cap, base * 2^(attempt-1)), then
// d/2 + unit_random * d/2 (unit_random in [0, 1]), at least `floor`.
std::chrono::milliseconds RetryBackoff(int attempt, std::chrono::milliseconds base,
                                       std::chrono::milliseconds cap, double unit_random,
                                       std::chrono::milliseconds floor);
}  // namespace internal

}  // namespace vendly::server

#endif  // VENDLY_SERVER_JOBS_H_
