// Bulk-import scans: their instagram_sync_history rows (sync_type 'bulk_import') and the scan_item
// row each finished post leaves. Typed rows in and out; the scan job (jobs/scan.cc) and the scan
// routes (routes/scan.cc) give them meaning.
#ifndef VENDLY_SERVER_STORE_SCAN_STORE_H_
#define VENDLY_SERVER_STORE_SCAN_STORE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// What the seller asked for (the row's request column).
struct ScanRequest {
  int limit = 100;
  bool include_videos = false;
  bool include_carousels = true;
  std::optional<std::string> since;  // ISO 8601, as given
};
nlohmann::json ToJson(const ScanRequest& request);
ScanRequest ScanRequestOf(const nlohmann::json& stored);  // defaults for what is missing

struct ScanCounts {
  long long total_media = 0;
  long long processed = 0;
  long long drafts_created = 0;
  long long products_imported = 0;
  long long skipped = 0;
  long long failed = 0;
};

struct ScanRow {
  std::string id;
  std::string store_id;
  std::string status;  // queued, processing, success, partial_success, failed
  ScanRequest request;
  ScanCounts counts;
  std::optional<long long> api_calls_used;
  nlohmann::json error;  // metadata.error, null when none
  std::string started_at;
  std::optional<std::string> completed_at;
  double processing_seconds = 0;  // since processing started (or the row was made)
};

// The store's scan `scan_id`; nullopt when there is none.
Result<std::optional<ScanRow>> FindScan(Conn& conn, const std::string& scan_id,
                                        const std::string& store_id);
// The connection's queued or processing scan, the newest; nullopt when none.
Result<std::optional<ScanRow>> ActiveScan(Conn& conn, const std::string& connection_id);
// A new queued scan; its id.
Result<std::string> InsertScan(Conn& conn, const std::string& store_id,
                               const std::string& connection_id, const ScanRequest& request);

// The scan is processing (the first start time kept), on its attempt `attempt`.
Status MarkScanProcessing(Db& db, const std::string& scan_id, const std::string& store_id,
                          int attempt);
// Adds `calls` to the scan's Graph calls; with `total_media`, also records the listing's size.
Status RecordScanListing(Db& db, const std::string& scan_id, int calls,
                         std::optional<int> total_media);

// The posts an earlier run finished.
Result<std::set<std::string>> FinishedScanPosts(Db& db, const std::string& scan_id);

struct ScanItem {
  std::string ig_media_id;
  std::string outcome;  // drafted, skipped, failed
  int drafts = 0;
  int products = 0;
  std::string reason;  // empty: NULL
};
// Records a finished post (once) on `conn`, inside the chunk's transaction.
Status InsertScanItem(Conn& conn, const std::string& scan_id, const ScanItem& item);
// Sets the scan's counters from its scan_item rows.
Status RecountScan(Conn& conn, const std::string& scan_id);

// The store's Instagram connection, locked until the transaction ends (one scan at a time per
// account): its id and status; nullopt when the store has none.
struct ConnectionState {
  std::string id;
  std::string status;
};
Result<std::optional<ConnectionState>> LockScanConnection(Conn& conn, const std::string& store_id);

// Ends a queued or processing scan with `status` ("success" becomes "partial_success" when some
// posts failed) and `error` (null: none), adding `api_calls`.
// Its final counts; nullopt when it had ended before.
Result<std::optional<ScanCounts>> EndScan(Conn& conn, const std::string& scan_id,
                                          const std::string& status, const nlohmann::json& error,
                                          int api_calls);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_SCAN_STORE_H_
