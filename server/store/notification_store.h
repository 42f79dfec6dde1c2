// In-app notifications (plan 6.4): the notification table. AddNotification is the one way a
// notification is written; its wording comes from the caller's one place for it, never from SQL.
#ifndef VENDLY_SERVER_STORE_NOTIFICATION_STORE_H_
#define VENDLY_SERVER_STORE_NOTIFICATION_STORE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

struct Notification {
  std::string kind;  // scan_completed, scan_failed, connection_expired, sync_conflict, ...
  std::string title;
  std::string body;
  nlohmann::json data = nlohmann::json::object();
};
// Adds `notification` for the store, inside the caller's transaction.
Status AddNotification(Conn& conn, const std::string& store_id, const Notification& notification);

// Adds `notification` unless the store has an unread one of its kind, inside the caller's
// transaction: a warning that many jobs may raise at once (a full media disk) reaches the seller
// once. Concurrent callers queue on a transaction lock of the store and kind, so only the first
// adds. Returns whether it added one.
Result<bool> AddNotificationOnce(Conn& conn, const std::string& store_id,
                                 const Notification& notification);

// Whether the store has an unread notification of `kind` (a repeated warning is not repeated).
Result<bool> HasUnreadNotification(Conn& conn, const std::string& store_id,
                                   const std::string& kind);

struct NotificationRow {
  std::string id;
  Notification notification;
  std::optional<std::string> read_at;
  std::string created_at;
};
// The store's newest `limit` notifications (only unread ones with `unread_only`).
Result<std::vector<NotificationRow>> ListNotifications(Db& db, const std::string& store_id,
                                                       bool unread_only, int limit);
Result<long long> UnreadNotificationCount(Db& db, const std::string& store_id);
// False when the store has no such notification.
Result<bool> MarkNotificationRead(Db& db, const std::string& store_id, const std::string& id);
// How many were unread.
Result<long> MarkAllNotificationsRead(Db& db, const std::string& store_id);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_NOTIFICATION_STORE_H_
