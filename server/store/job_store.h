// The `job` table (migrations/0002_instagram.sql, 0005_jobs.sql): the only code that reads or
// writes it. The runner (jobs/queue.h) gives these statements their meaning (leases, dedupe keys,
// backoff, recurring chains); producers and the code that stops a store's work call the functions
// below rather than naming the table. Every time is the database's clock.
#ifndef VENDLY_SERVER_STORE_JOB_STORE_H_
#define VENDLY_SERVER_STORE_JOB_STORE_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// A job to enqueue.
struct JobSpec {
  std::string kind;  // "scan", "media_copy", "draft_expiry", "poll", "webhook", ...
  std::optional<std::string> store_id;                // NULL for system jobs
  nlohmann::json payload = nlohmann::json::object();  // stored, never logged
  // At most one queued or running job per key (job_dedupe_active_uq): enqueueing a second one
  // returns the id of the active one instead.
  std::optional<std::string> dedupe_key;
  int priority = 0;                    // higher runs first
  std::chrono::milliseconds delay{0};  // run_at = now() + delay
  int max_attempts = 5;                // at least 1
  // A recurring job: when a run ends (succeeded or dead) the next one is enqueued with the same
  // kind, store, payload and dedupe key, due `repeat_every` later. Needs a dedupe_key, so that
  // enqueueing it again (every server start) never doubles the chain. Cancelling the active row
  // (status 'cancelled') ends the chain.
  std::optional<std::chrono::seconds> repeat_every;
};

// A claimed job, as its handler sees it.
struct Job {
  std::string id;
  std::string kind;
  std::optional<std::string> store_id;
  nlohmann::json payload;
  int attempts = 0;  // including this run
  int max_attempts = 5;
  bool recurring = false;  // enqueued with repeat_every
  // This claim's job.locked_by ("<worker id>#<claim number>"): unique per claim, so a worker that
  // lost its lease can tell, even when the same runner claimed the job again.
  std::string lock;
};

// Inserts `spec` unless its dedupe key is active: the new id, or nullopt on a dedupe hit.
Result<std::optional<std::string>> InsertJob(Conn& conn, const JobSpec& spec);
// The queued or running job holding `dedupe_key`; nullopt when none does.
Result<std::optional<std::string>> ActiveJobId(Conn& conn, const std::string& dedupe_key);
// The payload of the queued or running job holding `dedupe_key`; nullopt when none does.
Result<std::optional<nlohmann::json>> ActiveJobPayload(Conn& conn, const std::string& dedupe_key);
// NOTIFY on `channel` with `kind` (delivered at commit).
Status NotifyJobChannel(Conn& conn, const std::string& channel, const std::string& kind);
// Sets job `id`'s interval to `every` (a recurring job's chain).
Status SetJobInterval(Conn& conn, const std::string& id, std::chrono::seconds every);
// Brings a queued job forward to now() + delay when it is due later than that.
Status RunJobNoLaterThan(Conn& conn, const std::string& id, std::chrono::milliseconds delay);
// When job `id` is due (ISO 8601 UTC); nullopt when there is no such job.
Result<std::optional<std::string>> JobRunAt(Conn& conn, const std::string& id);
// Enqueues the next run of each recurring job among `ids` that has ended (succeeded or failed).
Status ScheduleNextRuns(Conn& conn, const std::vector<std::string>& ids);

// Claims the next ready job of `kinds` under `lock` for `lease`; nullopt when none is ready (or on
// a database error: the caller polls again).
std::optional<Job> ClaimJob(Db& db, const std::vector<std::string>& kinds, const std::string& lock,
                            std::chrono::milliseconds lease);
// Extends the claim's lease; false when the job is no longer this claim's.
Result<bool> ExtendJobLease(Db& db, const Job& job, std::chrono::milliseconds lease);

// A running job whose lease ran out, swept back to the queue or dead.
struct ExpiredJob {
  Job job;  // attempts as counted; lock empty
  bool dead = false;
  std::string last_error;
};
// Returns up to `batch` jobs whose lease ran out to the queue, or marks them dead ('failed') when
// their attempts are spent; on `conn`, inside the caller's transaction.
Result<std::vector<ExpiredJob>> SweepExpiredLeases(Conn& conn, int batch);

// How a claim ends. Each writes only while the job is still this claim's: false when it is not.
Result<bool> MarkJobSucceeded(Conn& conn, const Job& job, const nlohmann::json& result);
Result<bool> MarkJobDead(Conn& conn, const Job& job, const std::string& error);
Result<bool> RequeueJob(Conn& conn, const Job& job, const std::string& error,
                        std::chrono::milliseconds wait);  // a retry: the attempt counts
Result<bool> DeferJob(Conn& conn, const Job& job,
                      std::chrono::milliseconds wait);  // the attempt does not count
// Gives up the claim's dedupe key, so the next job of the chain can take it; false when the job is
// no longer this claim's.
Result<bool> ReleaseJobDedupeKey(Conn& conn, const Job& job);

// Cancels a store's jobs that have not run (and, with `running`, those running: their claims then
// find the job gone and write nothing). `reason` (may be empty) is kept as the last error.
// Returns how many were cancelled.
Result<long> CancelStoreJobs(Conn& conn, const std::string& store_id, const std::string& reason,
                             bool running = false);
Result<long> CancelStoreJobs(Db& db, const std::string& store_id, const std::string& reason,
                             bool running = false);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_JOB_STORE_H_
