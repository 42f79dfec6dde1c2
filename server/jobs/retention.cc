#include "jobs/retention.h"

#include <functional>

#include "app/app.h"
#include "app/log.h"
#include "jobs/queue.h"
#include "store/retention_store.h"
#include "vendly/retention.h"

namespace vendly::server {
namespace {

enum class Sweep { kDone, kStopped };

// Runs `batch` until a batch comes back short of the batch size (nothing old is left), adding the
// rows deleted to *deleted. Between batches the lease is renewed and a stopping runner is obeyed.
Result<Sweep> SweepInBatches(JobContext& ctx, int batch_size,
                             const std::function<Result<long>()>& batch, long long* deleted) {
  for (;;) {
    auto gone = batch();
    if (!gone.ok()) return gone.status();
    *deleted += *gone;
    if (!vendly::RetentionHasMore(*gone, batch_size)) return Sweep::kDone;
    if (ctx.stopping() || !ctx.Heartbeat()) return Sweep::kStopped;
  }
}

JobOutcome RunRetention(JobContext& ctx) {
  App& app = ctx.app();
  const Config& config = app.config;
  const int batch = config.retention_batch_size;
  long long jobs = 0, events = 0;
  auto swept_jobs = SweepInBatches(
      ctx, batch, [&] { return DeleteFinishedJobs(app.db, config.job_retention_days, batch); },
      &jobs);
  Result<Sweep> swept_events = Sweep::kStopped;
  if (swept_jobs.ok() && *swept_jobs == Sweep::kDone) {
    swept_events = SweepInBatches(
        ctx, batch,
        [&] { return DeleteProcessedWebhookEvents(app.db, config.webhook_retention_days, batch); },
        &events);
  }
  if (jobs + events > 0)
    LogInfo("retention", {{"jobsDeleted", jobs},
                          {"webhookEventsDeleted", events},
                          {"jobRetentionDays", config.job_retention_days},
                          {"webhookRetentionDays", config.webhook_retention_days}});
  if (!swept_jobs.ok()) return JobOutcome::Retry(swept_jobs.status().message());
  if (!swept_events.ok()) return JobOutcome::Retry(swept_events.status().message());
  if (*swept_jobs == Sweep::kStopped || *swept_events == Sweep::kStopped)
    return JobOutcome::Defer(std::chrono::seconds(1), "stopping");
  return JobOutcome::Succeeded({{"jobsDeleted", jobs}, {"webhookEventsDeleted", events}});
}

}  // namespace

void RegisterRetentionJobs(JobRunner& runner, App& app) {
  runner.Register(kRetentionJob, RunRetention);
  runner.Schedule(kRetentionJob, std::chrono::seconds(app.config.retention_interval_seconds));
}

}  // namespace vendly::server
