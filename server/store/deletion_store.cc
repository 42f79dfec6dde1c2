#include "store/deletion_store.h"

namespace vendly::server {

Result<std::vector<std::string>> StoresConnectedBy(Conn& conn, const std::string& fb_user_id) {
  auto rows =
      conn.Exec("SELECT store_id FROM instagram_connection WHERE fb_user_id = $1", {fb_user_id});
  if (!rows.ok()) return rows.status();
  std::vector<std::string> stores;
  for (int i = 0; i < rows->size(); ++i) stores.push_back(rows->Text(i, "store_id"));
  return stores;
}

Status EraseInstagramData(Conn& conn, const std::string& fb_user_id) {
  const char* statements[] = {
      "DELETE FROM product_draft WHERE store_id IN"
      " (SELECT store_id FROM instagram_connection WHERE fb_user_id = $1)",
      "DELETE FROM instagram_webhook_event WHERE ig_user_id IN"
      " (SELECT ig_business_account_id FROM instagram_connection WHERE fb_user_id = $1)",
      "DELETE FROM media_asset WHERE ig_media_id IS NOT NULL AND store_id IN"
      " (SELECT store_id FROM instagram_connection WHERE fb_user_id = $1)",
      "UPDATE product SET source_caption = NULL, source_extraction = NULL, updated_at = now()"
      " WHERE source_type = 'instagram' AND store_id IN"
      " (SELECT store_id FROM instagram_connection WHERE fb_user_id = $1)",
  };
  for (const char* sql : statements) {
    auto r = conn.Exec(sql, {fb_user_id});
    if (!r.ok()) return r.status();
  }
  return Status::Ok();
}

Result<long> DeleteConnectionsOf(Conn& conn, const std::string& fb_user_id) {
  auto del = conn.Exec("DELETE FROM instagram_connection WHERE fb_user_id = $1", {fb_user_id});
  if (!del.ok()) return del.status();
  return del->affected();
}

Status RecordDeletionRequest(Conn& conn, const DeletionRequest& r) {
  auto rec = conn.Exec(
      "INSERT INTO data_deletion_request (confirmation_code, kind, fb_user_id, status,"
      " connections_removed, completed_at) VALUES ($1, $2, $3, 'completed', $4, now())",
      {r.confirmation_code, r.kind, r.fb_user_id, std::to_string(r.connections_removed)});
  return rec.ok() ? Status::Ok() : rec.status();
}

Result<std::optional<DeletionRequestRow>> FindDeletionRequest(
    Db& db, const std::string& confirmation_code) {
  auto rows = db.Exec(
      "SELECT confirmation_code, kind, status, connections_removed, iso_utc(created_at) AS"
      " requested_at, iso_utc(completed_at) AS completed_at FROM data_deletion_request"
      " WHERE confirmation_code = $1",
      {confirmation_code});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<DeletionRequestRow>();
  DeletionRequestRow row;
  row.request.confirmation_code = rows->Text(0, "confirmation_code");
  row.request.kind = rows->Text(0, "kind");
  row.request.connections_removed = static_cast<long>(rows->Int(0, "connections_removed"));
  row.status = rows->Text(0, "status");
  row.requested_at = rows->Text(0, "requested_at");
  row.completed_at = rows->Get(0, "completed_at");
  return std::optional<DeletionRequestRow>(row);
}

}  // namespace vendly::server
