// Sync conflicts (sync_conflict): the open ones a store lists, the one a seller resolves (locked
// with its product's fields), its resolution; and the sync-history row of a seller's manual
// refresh. Typed rows in and out; the poll (jobs/poll.cc) opens conflicts, the conflict routes and
// manual refresh (routes/sync.cc) give these meaning, the core (vendly/conflict.h) decides.
#ifndef VENDLY_SERVER_STORE_CONFLICT_STORE_H_
#define VENDLY_SERVER_STORE_CONFLICT_STORE_H_

#include <vendly/draft.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// A conflict with its product's name. Values are Draft JSON (strings, numbers or null).
struct ConflictRow {
  std::string id;
  std::string product_id;
  std::string product_name;
  std::string ig_media_id;
  std::string field;  // a Draft JSON key (FieldInfo::cli)
  nlohmann::json base_value;
  nlohmann::json instagram_value;
  nlohmann::json seller_value;
  std::string status;                     // open, resolved
  std::optional<std::string> resolution;  // instagram, seller, custom
  nlohmann::json resolved_value;
  std::string created_at;                  // ISO 8601 UTC
  std::optional<std::string> resolved_at;  // ISO 8601 UTC
  bool open() const { return status == "open"; }
};

// The store's open conflicts, newest first, at most `limit`.
Result<std::vector<ConflictRow>> OpenConflicts(Db& db, const std::string& store_id, int limit);
// The store's conflict `conflict_id`, locked until the transaction ends; nullopt when none.
Result<std::optional<ConflictRow>> LockConflict(Conn& conn, const std::string& conflict_id,
                                                const std::string& store_id);
// The conflict `conflict_id` as it is now (after MarkConflictResolved).
Result<ConflictRow> ReadConflict(Conn& conn, const std::string& conflict_id);
// Records the seller's resolution and the value the product now holds.
Status MarkConflictResolved(Conn& conn, const std::string& conflict_id, const std::string& store_id,
                            const std::string& resolution, const nlohmann::json& resolved_value);

// The store's product's fields as the core's Draft, the product locked until the transaction
// ends; nullopt when there is no such product.
Result<std::optional<vendly::Draft>> LockProductFields(Conn& conn, const std::string& store_id,
                                                       const std::string& product_id);

// A manual refresh's sync-history row (manual_refresh, user_initiated), queued; its id.
Result<std::string> InsertQueuedRefresh(Conn& conn, const std::string& store_id,
                                        const std::string& connection_id);
// Links the refresh's row to the poll job that runs it (metadata.jobId).
Status LinkRefreshJob(Conn& conn, const std::string& sync_id, const std::string& job_id);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_CONFLICT_STORE_H_
