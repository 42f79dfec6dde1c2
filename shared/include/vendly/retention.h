// Housekeeping: which finished rows may be deleted, and when. Pure: a row's status and age in, the
// decision out. The server's "retention" job (server/jobs/retention.cc) asks the database for
// exactly these rows (store/retention_store), a bounded batch per statement.
//
// A job may go once it is finished (succeeded, failed or cancelled: nothing claims it again) and
// finished longer ago than the job retention; a queued or running job never goes, however old.
// A webhook event may go once it is processed (completed, ignored or failed, each with its
// processed_at) and was processed longer ago than the webhook retention; a pending or processing
// event never goes (a 'failed' event taken up again is 'processing' and stays).
#ifndef VENDLY_RETENTION_H_
#define VENDLY_RETENTION_H_

#include <string>
#include <string_view>
#include <vector>

namespace vendly {

// VENDLY_JOB_RETENTION_DAYS and VENDLY_WEBHOOK_RETENTION_DAYS: defaults and bounds. The shortest
// job retention keeps a day of finished jobs, which GET /metrics reads (job error ratio, 24 h). The
// shortest webhook retention keeps an event's dedupe key for two days: Meta redelivers a webhook
// for up to 36 hours, and a redelivery whose event was deleted would be processed again.
inline constexpr int kDefaultJobRetentionDays = 14;
inline constexpr int kDefaultWebhookRetentionDays = 30;
inline constexpr int kMinJobRetentionDays = 1;
inline constexpr int kMinWebhookRetentionDays = 2;
inline constexpr int kMaxRetentionDays = 3650;
// VENDLY_RETENTION_INTERVAL_SECONDS: between two runs of the retention job.
inline constexpr int kDefaultRetentionIntervalSeconds = 3600;
// VENDLY_RETENTION_BATCH_SIZE: rows one DELETE statement removes at most (each statement is its
// own transaction, so no lock is held longer than one batch takes).
inline constexpr int kDefaultRetentionBatchSize = 500;
inline constexpr int kMaxRetentionBatchSize = 100000;

// The job statuses that are final, and the webhook event statuses that mean "processed".
const std::vector<std::string>& FinishedJobStatuses();       // succeeded, failed, cancelled
const std::vector<std::string>& ProcessedWebhookStatuses();  // completed, ignored, failed
bool JobIsFinished(std::string_view status);
bool WebhookEventIsProcessed(std::string_view status);

// The age, in seconds, past which a finished row is old enough: `days` whole days.
long long RetentionAgeSeconds(int days);

// Whether a row may be deleted. `ended_age_seconds`: since the job finished (finished_at) or the
// event was processed (processed_at); negative when it has no such time (never deleted).
bool MayDeleteJob(std::string_view status, long long ended_age_seconds, int retention_days);
bool MayDeleteWebhookEvent(std::string_view status, long long ended_age_seconds,
                           int retention_days);

// Whether another batch is worth a statement: a batch that came back full may have left more.
bool RetentionHasMore(long long deleted, int batch_size);

}  // namespace vendly

#endif  // VENDLY_RETENTION_H_
