// The sync history as the seller reads it (plan 5.5): the instagram_sync_history rows of every
// kind (bulk imports, polls, manual refreshes), newest first. Typed rows out; the scan and poll
// modules write these rows.
#ifndef VENDLY_SERVER_STORE_HISTORY_STORE_H_
#define VENDLY_SERVER_STORE_HISTORY_STORE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/status.h"
#include "store/ai_store.h"
#include "store/db.h"
#include "store/paging.h"

namespace vendly::server {

struct SyncHistoryRow {
  std::string id;
  std::string sync_type, trigger_source, status;
  long long total_media = 0, total_processed = 0, drafts_created = 0, products_imported = 0,
            products_updated = 0, products_skipped = 0, products_failed = 0;
  std::optional<long long> api_calls_used;
  nlohmann::json errors = nlohmann::json::array();  // as stored ([] when unreadable)
  std::string started_at;                           // ISO 8601 UTC
  std::optional<std::string> completed_at;          // ISO 8601 UTC
  std::optional<long long> duration_ms;
  AiSpend ai;  // what the second opinion cost
};
struct SyncHistoryPage {
  std::vector<SyncHistoryRow> rows;
  long long total = 0;  // over all pages
};
// One page of the store's sync history, newest first.
Result<SyncHistoryPage> ListSyncHistory(Db& db, const std::string& store_id,
                                        const PageRequest& page);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_HISTORY_STORE_H_
