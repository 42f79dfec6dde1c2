// The recurring "retention" job: finished jobs older than VENDLY_JOB_RETENTION_DAYS and processed
// webhook events older than VENDLY_WEBHOOK_RETENTION_DAYS are deleted, every
// VENDLY_RETENTION_INTERVAL_SECONDS, in batches of VENDLY_RETENTION_BATCH_SIZE rows (one short
// transaction each). Queued and running jobs and unprocessed events are never touched (the rule:
// vendly/retention.h).
#ifndef VENDLY_SERVER_JOBS_RETENTION_H_
#define VENDLY_SERVER_JOBS_RETENTION_H_

namespace vendly::server {

struct App;
class JobRunner;

inline constexpr char kRetentionJob[] = "retention";

// The "retention" kind, and its recurring chain.
void RegisterRetentionJobs(JobRunner& runner, App& app);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_JOBS_RETENTION_H_
