// The database-wide figures of GET /metrics: the job queue by kind and the plan's section 8.2
// monitoring figures (sync success rate, extraction accuracy and confidence, draft approval rate,
// time to import, API call usage, error rate), over fixed windows so every server instance reports
// the same numbers. Read-only; the only code that aggregates across stores.
#ifndef VENDLY_SERVER_STORE_METRICS_STORE_H_
#define VENDLY_SERVER_STORE_METRICS_STORE_H_

#include <string>
#include <vector>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

struct JobQueueFigure {
  std::string kind;
  long long queued = 0;           // due now (run_at <= now()) and waiting for a worker
  long long running = 0;          // claimed under a lease
  double oldest_due_seconds = 0;  // how long the oldest due queued job has waited
};

// Each figure over its window; a count of 0 makes the matching ratio meaningless (callers omit it).
struct ProductFigures {
  // Scans and syncs that ended in the last 24 h, by outcome.
  long long syncs_success = 0;
  long long syncs_partial = 0;
  long long syncs_failed = 0;
  // Their posts processed and failed, and the Graph calls they recorded.
  long long sync_posts_processed = 0;
  long long sync_posts_failed = 0;
  long long sync_api_calls = 0;
  // Drafts created in the last 24 h and the sum of their confidence.
  long long drafts_created = 0;
  double drafts_confidence_sum = 0;
  // Drafts decided in the last 7 days: approved (of them, edited by the seller first) and rejected,
  // and for the approved ones the seconds from draft (import) to approval, summed.
  long long drafts_approved = 0;
  long long drafts_approved_edited = 0;
  long long drafts_rejected = 0;
  double approval_seconds_sum = 0;
  // Jobs that finished in the last 24 h, and those of them that failed for good.
  long long jobs_finished = 0;
  long long jobs_failed = 0;
};

// Queued and running jobs per kind (kinds with none are absent). Errors: the database's.
Result<std::vector<JobQueueFigure>> ReadJobQueue(Db& db);
// The figures above in one statement. Errors: the database's.
Result<ProductFigures> ReadProductFigures(Db& db);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_METRICS_STORE_H_
