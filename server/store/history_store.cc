#include "store/history_store.h"

#include <cstdlib>

namespace vendly::server {
namespace {

std::optional<long long> OptionalInt(const Rows& rows, int i, const char* column) {
  return rows.Get(i, column) ? std::optional<long long>(rows.Int(i, column)) : std::nullopt;
}

SyncHistoryRow SyncHistoryRowOf(const Rows& rows, int i) {
  SyncHistoryRow h;
  h.id = rows.Text(i, "id");
  h.sync_type = rows.Text(i, "sync_type");
  h.trigger_source = rows.Text(i, "trigger_source");
  h.status = rows.Text(i, "status");
  h.total_media = rows.Int(i, "total_media");
  h.total_processed = rows.Int(i, "total_processed");
  h.drafts_created = rows.Int(i, "drafts_created");
  h.products_imported = rows.Int(i, "products_imported");
  h.products_updated = rows.Int(i, "products_updated");
  h.products_skipped = rows.Int(i, "products_skipped");
  h.products_failed = rows.Int(i, "products_failed");
  h.api_calls_used = OptionalInt(rows, i, "api_calls_used");
  if (auto errors = rows.Get(i, "errors")) {
    nlohmann::json parsed = nlohmann::json::parse(*errors, nullptr, false);
    if (!parsed.is_discarded()) h.errors = parsed;
  }
  h.started_at = rows.Text(i, "started_at");
  h.completed_at = rows.Get(i, "completed_at");
  h.duration_ms = OptionalInt(rows, i, "duration_ms");
  h.ai.calls = static_cast<int>(rows.Int(i, "ai_calls"));
  h.ai.input_tokens = rows.Int(i, "ai_input_tokens");
  h.ai.output_tokens = rows.Int(i, "ai_output_tokens");
  h.ai.cost_usd = std::strtod(rows.Text(i, "ai_cost_usd").c_str(), nullptr);
  h.ai.latency_ms = rows.Int(i, "ai_latency_ms");
  h.ai.posts = static_cast<int>(rows.Int(i, "ai_posts"));
  h.ai.failures = static_cast<int>(rows.Int(i, "ai_failures"));
  h.ai.limited = static_cast<int>(rows.Int(i, "ai_limited"));
  return h;
}

}  // namespace

Result<SyncHistoryPage> ListSyncHistory(Db& db, const std::string& store_id,
                                        const PageRequest& page) {
  auto found = QueryPage(
      db,
      "id, sync_type, trigger_source, status, total_media, total_processed, drafts_created,"
      " products_imported, products_updated, products_skipped, products_failed, api_calls_used,"
      " errors, iso_utc(started_at) AS started_at, iso_utc(completed_at) AS completed_at,"
      " duration_ms, ai_calls, ai_input_tokens, ai_output_tokens, ai_cost_usd, ai_latency_ms,"
      " ai_posts, ai_failures, ai_limited",
      "instagram_sync_history WHERE store_id = $1", "created_at DESC, id", {store_id}, page);
  if (!found.ok()) return found.status();
  SyncHistoryPage out{{}, found->total};
  for (int i = 0; i < found->rows.size(); ++i) out.rows.push_back(SyncHistoryRowOf(found->rows, i));
  return out;
}

}  // namespace vendly::server
