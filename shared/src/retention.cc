#include "vendly/retention.h"

#include <algorithm>

namespace vendly {
namespace {

bool Contains(const std::vector<std::string>& statuses, std::string_view status) {
  return std::find(statuses.begin(), statuses.end(), status) != statuses.end();
}

bool OldEnough(long long ended_age_seconds, int retention_days) {
  return ended_age_seconds >= 0 && ended_age_seconds > RetentionAgeSeconds(retention_days);
}

}  // namespace

const std::vector<std::string>& FinishedJobStatuses() {
  static const std::vector<std::string> statuses = {"succeeded", "failed", "cancelled"};
  return statuses;
}

const std::vector<std::string>& ProcessedWebhookStatuses() {
  static const std::vector<std::string> statuses = {"completed", "ignored", "failed"};
  return statuses;
}

bool JobIsFinished(std::string_view status) { return Contains(FinishedJobStatuses(), status); }

bool WebhookEventIsProcessed(std::string_view status) {
  return Contains(ProcessedWebhookStatuses(), status);
}

long long RetentionAgeSeconds(int days) { return static_cast<long long>(days) * 86400; }

bool MayDeleteJob(std::string_view status, long long ended_age_seconds, int retention_days) {
  return JobIsFinished(status) && OldEnough(ended_age_seconds, retention_days);
}

bool MayDeleteWebhookEvent(std::string_view status, long long ended_age_seconds,
                           int retention_days) {
  return WebhookEventIsProcessed(status) && OldEnough(ended_age_seconds, retention_days);
}

bool RetentionHasMore(long long deleted, int batch_size) {
  return batch_size > 0 && deleted >= batch_size;
}

}  // namespace vendly
