// Housekeeping's deletes (the "retention" job, server/jobs/retention.cc): finished jobs and
// processed webhook events past their retention. Which rows are old enough is the core's rule
// (vendly/retention.h); these statements apply it, one bounded batch per statement, each in a
// transaction of its own, taking only rows nobody holds (SKIP LOCKED) so a batch never waits on a
// worker and holds its row locks only while it runs.
#ifndef VENDLY_SERVER_STORE_RETENTION_STORE_H_
#define VENDLY_SERVER_STORE_RETENTION_STORE_H_

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// Deletes at most `limit` jobs whose status is one of vendly::FinishedJobStatuses() and whose
// finished_at is more than `retention_days` days ago (the oldest first). Returns how many went.
Result<long> DeleteFinishedJobs(Db& db, int retention_days, int limit);

// Deletes at most `limit` webhook events whose status is one of
// vendly::ProcessedWebhookStatuses() and whose processed_at is more than `retention_days` days
// ago (the oldest first). Returns how many went.
Result<long> DeleteProcessedWebhookEvents(Db& db, int retention_days, int limit);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_RETENTION_STORE_H_
