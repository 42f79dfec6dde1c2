#include "store/notification_store.h"

namespace vendly::server {

Status AddNotification(Conn& conn, const std::string& store_id, const Notification& n) {
  auto ins = conn.Exec(
      "INSERT INTO notification (store_id, kind, title, body, data) VALUES ($1, $2, $3, $4,"
      " $5::jsonb)",
      {store_id, n.kind, n.title, n.body, n.data.dump()});
  return ins.ok() ? Status::Ok() : ins.status();
}

Result<bool> HasUnreadNotification(Conn& conn, const std::string& store_id,
                                   const std::string& kind) {
  auto rows = conn.Exec(
      "SELECT 1 FROM notification WHERE store_id = $1 AND kind = $2 AND read_at IS NULL LIMIT 1",
      {store_id, kind});
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

Result<bool> AddNotificationOnce(Conn& conn, const std::string& store_id, const Notification& n) {
  auto locked = conn.Exec("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                          {"notification:" + store_id + ":" + n.kind});
  if (!locked.ok()) return locked.status();
  auto unread = HasUnreadNotification(conn, store_id, n.kind);
  if (!unread.ok()) return unread.status();
  if (*unread) return false;
  Status added = AddNotification(conn, store_id, n);
  if (!added.ok()) return added;
  return true;
}

Result<std::vector<NotificationRow>> ListNotifications(Db& db, const std::string& store_id,
                                                       bool unread_only, int limit) {
  auto rows = db.Exec(
      "SELECT id, kind, title, body, data, iso_utc(read_at) AS read_at, iso_utc(created_at) AS"
      " created_at FROM notification WHERE store_id = $1 AND ($2 = 'false' OR read_at IS NULL)"
      " ORDER BY created_at DESC, id LIMIT $3::int",
      {store_id, unread_only ? "true" : "false", std::to_string(limit)});
  if (!rows.ok()) return rows.status();
  std::vector<NotificationRow> list;
  for (int i = 0; i < rows->size(); ++i) {
    nlohmann::json data = nlohmann::json::parse(rows->Text(i, "data"), nullptr, false);
    if (data.is_discarded() || data.is_null()) data = nlohmann::json::object();
    list.push_back({rows->Text(i, "id"),
                    {rows->Text(i, "kind"), rows->Text(i, "title"), rows->Text(i, "body"), data},
                    rows->Get(i, "read_at"),
                    rows->Text(i, "created_at")});
  }
  return list;
}

Result<long long> UnreadNotificationCount(Db& db, const std::string& store_id) {
  auto count = db.Exec(
      "SELECT count(*) AS n FROM notification WHERE store_id = $1 AND read_at IS NULL", {store_id});
  if (!count.ok()) return count.status();
  return count->Int(0, "n");
}

Result<bool> MarkNotificationRead(Db& db, const std::string& store_id, const std::string& id) {
  auto rows = db.Exec(
      "UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND store_id = $2"
      " RETURNING id",
      {id, store_id});
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

Result<long> MarkAllNotificationsRead(Db& db, const std::string& store_id) {
  auto rows =
      db.Exec("UPDATE notification SET read_at = now() WHERE store_id = $1 AND read_at IS NULL",
              {store_id});
  if (!rows.ok()) return rows.status();
  return rows->affected();
}

}  // namespace vendly::server
