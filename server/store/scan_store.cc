#include "store/scan_store.h"

#include <cstdlib>

#include "store/columns.h"

namespace vendly::server {
namespace {

using Json = nlohmann::json;

const char kScanSelect[] =
    "SELECT id, store_id, status, request, total_media, total_processed, drafts_created,"
    " products_imported, products_skipped, products_failed, api_calls_used, metadata,"
    " iso_utc(started_at) AS started_at, iso_utc(completed_at) AS completed_at,"
    " extract(epoch FROM now() - COALESCE((metadata->>'processingStartedAt')::timestamptz,"
    " started_at)) AS processing_seconds FROM instagram_sync_history";

ScanRow ScanOf(const Rows& rows, int i) {
  ScanRow scan;
  scan.id = rows.Text(i, "id");
  scan.store_id = rows.Text(i, "store_id");
  scan.status = rows.Text(i, "status");
  scan.request = ScanRequestOf(JsonColumn(rows, i, "request", nullptr));
  scan.counts = {rows.Int(i, "total_media"),      rows.Int(i, "total_processed"),
                 rows.Int(i, "drafts_created"),   rows.Int(i, "products_imported"),
                 rows.Int(i, "products_skipped"), rows.Int(i, "products_failed")};
  if (rows.Get(i, "api_calls_used")) scan.api_calls_used = rows.Int(i, "api_calls_used");
  const Json metadata = JsonColumn(rows, i, "metadata", nullptr);
  if (metadata.is_object() && metadata.contains("error")) scan.error = metadata["error"];
  scan.started_at = rows.Text(i, "started_at");
  scan.completed_at = rows.Get(i, "completed_at");
  scan.processing_seconds = std::strtod(rows.Text(i, "processing_seconds").c_str(), nullptr);
  return scan;
}

Result<std::optional<ScanRow>> OneScan(Result<Rows> rows) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<ScanRow>();
  return std::optional<ScanRow>(ScanOf(*rows, 0));
}

Status Done(const Result<Rows>& rows) { return rows.ok() ? Status::Ok() : rows.status(); }

}  // namespace

Json ToJson(const ScanRequest& r) {
  return {{"limit", r.limit},
          {"includeVideos", r.include_videos},
          {"includeCarousels", r.include_carousels},
          {"since", r.since ? Json(*r.since) : Json()}};
}

ScanRequest ScanRequestOf(const Json& stored) {
  ScanRequest r;
  if (!stored.is_object()) return r;
  if (stored.contains("limit") && stored["limit"].is_number_integer())
    r.limit = stored["limit"].get<int>();
  if (stored.contains("includeVideos") && stored["includeVideos"].is_boolean())
    r.include_videos = stored["includeVideos"].get<bool>();
  if (stored.contains("includeCarousels") && stored["includeCarousels"].is_boolean())
    r.include_carousels = stored["includeCarousels"].get<bool>();
  if (stored.contains("since") && stored["since"].is_string())
    r.since = stored["since"].get<std::string>();
  return r;
}

Result<std::optional<ScanRow>> FindScan(Conn& conn, const std::string& scan_id,
                                        const std::string& store_id) {
  return OneScan(conn.Exec(
      std::string(kScanSelect) + " WHERE id = $1 AND store_id = $2 AND sync_type = 'bulk_import'",
      {scan_id, store_id}));
}

Result<std::optional<ScanRow>> ActiveScan(Conn& conn, const std::string& connection_id) {
  return OneScan(
      conn.Exec(std::string(kScanSelect) +
                    " WHERE connection_id = $1 AND sync_type = 'bulk_import'"
                    " AND status IN ('queued', 'processing') ORDER BY created_at DESC LIMIT 1",
                {connection_id}));
}

Result<std::string> InsertScan(Conn& conn, const std::string& store_id,
                               const std::string& connection_id, const ScanRequest& request) {
  auto scan = conn.Exec(
      "INSERT INTO instagram_sync_history (store_id, connection_id, sync_type, trigger_source,"
      " status, request) VALUES ($1, $2, 'bulk_import', 'user_initiated', 'queued', $3::jsonb)"
      " RETURNING id",
      {store_id, connection_id, ToJson(request).dump()});
  if (!scan.ok()) return scan.status();
  return scan->Text(0, "id");
}

Status MarkScanProcessing(Db& db, const std::string& scan_id, const std::string& store_id,
                          int attempt) {
  return Done(db.Exec(
      "UPDATE instagram_sync_history SET status = 'processing', metadata = COALESCE(metadata,"
      " '{}'::jsonb) || jsonb_build_object('processingStartedAt', COALESCE(metadata->>"
      "'processingStartedAt', now()::text), 'attempts', $3::int) WHERE id = $1 AND store_id = $2",
      {scan_id, store_id, std::to_string(attempt)}));
}

Status RecordScanListing(Db& db, const std::string& scan_id, int calls,
                         std::optional<int> total_media) {
  return Done(
      db.Exec("UPDATE instagram_sync_history SET total_media = COALESCE($3::int, total_media),"
              " api_calls_used = COALESCE(api_calls_used, 0) + $2::int WHERE id = $1",
              {scan_id, std::to_string(calls),
               total_media ? Param(std::to_string(*total_media)) : std::nullopt}));
}

Result<std::set<std::string>> FinishedScanPosts(Db& db, const std::string& scan_id) {
  auto rows = db.Exec("SELECT ig_media_id FROM scan_item WHERE scan_id = $1", {scan_id});
  if (!rows.ok()) return rows.status();
  std::set<std::string> done;
  for (int i = 0; i < rows->size(); ++i) done.insert(rows->Text(i, "ig_media_id"));
  return done;
}

Status InsertScanItem(Conn& conn, const std::string& scan_id, const ScanItem& item) {
  return Done(
      conn.Exec("INSERT INTO scan_item (scan_id, ig_media_id, outcome, drafts, products, reason)"
                " VALUES ($1, $2, $3, $4::int, $5::int, NULLIF($6, '')) ON CONFLICT DO NOTHING",
                {scan_id, item.ig_media_id, item.outcome, std::to_string(item.drafts),
                 std::to_string(item.products), item.reason}));
}

Status RecountScan(Conn& conn, const std::string& scan_id) {
  return Done(conn.Exec(
      "UPDATE instagram_sync_history h SET total_processed = c.processed,"
      " drafts_created = c.drafts, products_imported = c.products,"
      " products_skipped = c.skipped, products_failed = c.failed FROM (SELECT count(*) AS "
      "processed,"
      " COALESCE(sum(drafts), 0) AS drafts, COALESCE(sum(products), 0) AS products,"
      " count(*) FILTER (WHERE outcome = 'skipped') AS skipped,"
      " count(*) FILTER (WHERE outcome = 'failed') AS failed FROM scan_item WHERE scan_id = $1) c"
      " WHERE h.id = $1",
      {scan_id}));
}

Result<std::optional<ScanCounts>> EndScan(Conn& conn, const std::string& scan_id,
                                          const std::string& status, const Json& error,
                                          int api_calls) {
  auto upd = conn.Exec(
      "UPDATE instagram_sync_history SET completed_at = now(), status = CASE WHEN $2 = 'success'"
      " AND products_failed > 0 THEN 'partial_success' ELSE $2 END,"
      " duration_ms = (extract(epoch FROM now() - started_at) * 1000)::int,"
      " api_calls_used = COALESCE(api_calls_used, 0) + $3::int,"
      " metadata = COALESCE(metadata, '{}'::jsonb) || jsonb_build_object('error', $4::jsonb)"
      " WHERE id = $1 AND status IN ('queued', 'processing')"
      " RETURNING total_media, total_processed, drafts_created, products_imported,"
      " products_skipped, products_failed",
      {scan_id, status, std::to_string(api_calls), error.dump()});
  if (!upd.ok()) return upd.status();
  if (upd->empty()) return std::optional<ScanCounts>();
  return std::optional<ScanCounts>(
      ScanCounts{upd->Int(0, "total_media"), upd->Int(0, "total_processed"),
                 upd->Int(0, "drafts_created"), upd->Int(0, "products_imported"),
                 upd->Int(0, "products_skipped"), upd->Int(0, "products_failed")});
}

Result<std::optional<ConnectionState>> LockScanConnection(Conn& conn, const std::string& store_id) {
  auto c = conn.Exec("SELECT id, status FROM instagram_connection WHERE store_id = $1 FOR UPDATE",
                     {store_id});
  if (!c.ok()) return c.status();
  if (c->empty()) return std::optional<ConnectionState>();
  return std::optional<ConnectionState>(ConnectionState{c->Text(0, "id"), c->Text(0, "status")});
}

}  // namespace vendly::server
