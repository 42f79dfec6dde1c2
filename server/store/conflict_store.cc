#include "store/conflict_store.h"

#include "store/columns.h"
#include "store/sync_product.h"

namespace vendly::server {
namespace {

using Json = nlohmann::json;

constexpr const char kConflictSelect[] =
    "SELECT c.id, c.product_id, p.name AS product_name, c.ig_media_id, c.field, c.base_value,"
    " c.instagram_value, c.seller_value, c.status, c.resolution, c.resolved_value,"
    " iso_utc(c.created_at) AS created_at, iso_utc(c.resolved_at) AS resolved_at"
    " FROM sync_conflict c JOIN product p ON p.id = c.product_id";

ConflictRow ConflictOf(const Rows& rows, int i) {
  ConflictRow c;
  c.id = rows.Text(i, "id");
  c.product_id = rows.Text(i, "product_id");
  c.product_name = rows.Text(i, "product_name");
  c.ig_media_id = rows.Text(i, "ig_media_id");
  c.field = rows.Text(i, "field");
  c.base_value = JsonColumn(rows, i, "base_value", nullptr);
  c.instagram_value = JsonColumn(rows, i, "instagram_value", nullptr);
  c.seller_value = JsonColumn(rows, i, "seller_value", nullptr);
  c.status = rows.Text(i, "status");
  c.resolution = rows.Get(i, "resolution");
  c.resolved_value = JsonColumn(rows, i, "resolved_value", nullptr);
  c.created_at = rows.Text(i, "created_at");
  c.resolved_at = rows.Get(i, "resolved_at");
  return c;
}

}  // namespace

Result<std::vector<ConflictRow>> OpenConflicts(Db& db, const std::string& store_id, int limit) {
  auto rows = db.Exec(std::string(kConflictSelect) +
                          " WHERE c.store_id = $1 AND c.status = 'open'"
                          " ORDER BY c.created_at DESC, c.id LIMIT $2::int",
                      {store_id, std::to_string(limit)});
  if (!rows.ok()) return rows.status();
  std::vector<ConflictRow> list;
  for (int i = 0; i < rows->size(); ++i) list.push_back(ConflictOf(*rows, i));
  return list;
}

Result<std::optional<ConflictRow>> LockConflict(Conn& conn, const std::string& conflict_id,
                                                const std::string& store_id) {
  auto rows = conn.Exec(
      std::string(kConflictSelect) + " WHERE c.id = $1 AND c.store_id = $2 FOR UPDATE OF c",
      {conflict_id, store_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<ConflictRow>();
  return std::optional<ConflictRow>(ConflictOf(*rows, 0));
}

Result<ConflictRow> ReadConflict(Conn& conn, const std::string& conflict_id) {
  auto rows = conn.Exec(std::string(kConflictSelect) + " WHERE c.id = $1", {conflict_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("conflict not found");
  return ConflictOf(*rows, 0);
}

Status MarkConflictResolved(Conn& conn, const std::string& conflict_id, const std::string& store_id,
                            const std::string& resolution, const Json& resolved_value) {
  auto upd = conn.Exec(
      "UPDATE sync_conflict SET status = 'resolved', resolution = $3, resolved_value = $4::jsonb,"
      " resolved_at = now() WHERE id = $1 AND store_id = $2",
      {conflict_id, store_id, resolution, resolved_value.dump()});
  return upd.ok() ? Status::Ok() : upd.status();
}

Result<std::optional<vendly::Draft>> LockProductFields(Conn& conn, const std::string& store_id,
                                                       const std::string& product_id) {
  auto rows = conn.Exec(std::string("SELECT ") + kOursColumns +
                            " FROM product p WHERE p.id = $1 AND p.store_id = $2 FOR UPDATE",
                        {product_id, store_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<vendly::Draft>();
  return std::optional<vendly::Draft>(vendly::DraftFromJson(ProductAsDraft(*rows, 0)).draft);
}

Result<std::string> InsertQueuedRefresh(Conn& conn, const std::string& store_id,
                                        const std::string& connection_id) {
  auto row = conn.Exec(
      "INSERT INTO instagram_sync_history (store_id, connection_id, sync_type, trigger_source,"
      " status) VALUES ($1, $2, 'manual_refresh', 'user_initiated', 'queued') RETURNING id",
      {store_id, connection_id});
  if (!row.ok()) return row.status();
  return row->Text(0, "id");
}

Status LinkRefreshJob(Conn& conn, const std::string& sync_id, const std::string& job_id) {
  auto upd = conn.Exec(
      "UPDATE instagram_sync_history SET metadata = jsonb_build_object('jobId', $2::text)"
      " WHERE id = $1",
      {sync_id, job_id});
  return upd.ok() ? Status::Ok() : upd.status();
}

}  // namespace vendly::server
