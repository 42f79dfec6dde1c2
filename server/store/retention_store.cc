#include "store/retention_store.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vendly/retention.h"

namespace vendly::server {
namespace {

// The statuses as a jsonb array parameter.
std::string StatusList(const std::vector<std::string>& statuses) {
  return nlohmann::json(statuses).dump();
}

Result<long> Affected(const Result<Rows>& rows) {
  if (!rows.ok()) return rows.status();
  return rows->affected();
}

}  // namespace

Result<long> DeleteFinishedJobs(Db& db, int retention_days, int limit) {
  return Affected(db.Exec(
      "DELETE FROM job WHERE id IN (SELECT id FROM job"
      " WHERE finished_at < now() - $2::bigint * interval '1 second'"
      " AND status IN (SELECT jsonb_array_elements_text($1::jsonb))"
      " ORDER BY finished_at LIMIT $3::int FOR UPDATE SKIP LOCKED)",
      {StatusList(vendly::FinishedJobStatuses()),
       std::to_string(vendly::RetentionAgeSeconds(retention_days)), std::to_string(limit)}));
}

Result<long> DeleteProcessedWebhookEvents(Db& db, int retention_days, int limit) {
  return Affected(db.Exec(
      "DELETE FROM instagram_webhook_event WHERE id IN (SELECT id FROM instagram_webhook_event"
      " WHERE processed_at < now() - $2::bigint * interval '1 second'"
      " AND processing_status IN (SELECT jsonb_array_elements_text($1::jsonb))"
      " ORDER BY processed_at LIMIT $3::int FOR UPDATE SKIP LOCKED)",
      {StatusList(vendly::ProcessedWebhookStatuses()),
       std::to_string(vendly::RetentionAgeSeconds(retention_days)), std::to_string(limit)}));
}

}  // namespace vendly::server
