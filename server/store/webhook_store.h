// Meta's webhook deliveries (plan 3.2 and 5.4): the instagram_webhook_event rows, one per change
// of a delivery, and their processing status as the "webhook" job moves them along (pending,
// processing, completed, failed, ignored). Typed rows in and out; meta/webhooks.cc parses the
// deliveries and runs the job.
#ifndef VENDLY_SERVER_STORE_WEBHOOK_STORE_H_
#define VENDLY_SERVER_STORE_WEBHOOK_STORE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// One change of a delivery, as it is stored.
struct WebhookChange {
  // Lowercase hex SHA-256 of the canonical JSON array [entry id, entry time, field, value], each
  // as delivered (the value re-serialised with sorted keys, so the same change in a differently
  // formatted or differently batched delivery has the same key). For a messaging item the field is
  // "messaging" and the value the item.
  std::string dedupe_key;
  std::string event_type;  // the field of a change; "messaging" for entry[].messaging[]
  std::string field;       // comments, mentions, ...; for messaging the item's kind (messages, ...)
  std::string ig_user_id;  // the entry id: the Instagram account the change is about
  std::optional<std::string> ig_media_id;  // value.media.id or value.media_id when present
  // {"object","id","time","field","value"}, or {"object","id","time","messaging"} for messaging.
  nlohmann::json raw;
  // True for fields this server acts on (comments, mentions, media) of object "instagram". False
  // changes are stored as 'ignored' with `ignore_reason`.
  bool handled = false;
  std::string ignore_reason;
};

// A change stored by InsertWebhookEvents.
struct InsertedWebhookEvent {
  std::string id;
  std::string status;                   // 'pending' (to process) or 'ignored'
  std::optional<std::string> store_id;  // of the account's connection; nullopt when none
};
// Stores the changes of delivery `delivery_id` in one statement, inside the caller's transaction.
// A change already stored (a redelivery, also within one body) is skipped; they are inserted in
// dedupe-key order, so two deliveries that share changes never deadlock. The account's connection
// is resolved in the same statement: only handled changes of an active connection are 'pending',
// the rest 'ignored' with the reason. NUL characters in strings (jsonb cannot hold them) become
// U+FFFD. Returns the new rows.
Result<std::vector<InsertedWebhookEvent>> InsertWebhookEvents(
    Conn& conn, const std::string& delivery_id, const std::vector<WebhookChange>& changes);

// How many of the store's events are in each status (statuses with none are absent). Events reach
// a store through its connection: an event of an unknown account belongs to no one.
Result<std::vector<std::pair<std::string, long long>>> CountStoreWebhookEvents(
    Db& db, const std::string& store_id);

struct WebhookEventRow {
  std::string id;
  std::string event_type;
  std::string field;
  std::string ig_user_id;
  std::optional<std::string> ig_media_id;
  std::string status;
  std::optional<std::string> error;
  long long retry_count = 0;
  std::string received_at;  // ISO 8601 UTC with milliseconds
  std::optional<std::string> processed_at;
  nlohmann::json payload;  // the change as stored
};
// The store's events (only those in `status`, when given), newest first.
Result<std::vector<WebhookEventRow>> ListStoreWebhookEvents(
    Db& db, const std::string& store_id, const std::optional<std::string>& status, int limit,
    long long offset);

// An event the "webhook" job took up.
struct ClaimedWebhookEvent {
  std::string field;
  std::optional<std::string> connection_id;  // nullopt: the connection was removed
};
// Marks the event 'processing' (from pending, processing or failed), committed on its own without
// waiting for the disk (a sign of progress only). nullopt when it is gone or already processed.
Result<std::optional<ClaimedWebhookEvent>> ClaimWebhookEvent(Db& db, const std::string& event_id);
// The event is done: 'ignored' with the reason, or 'completed'.
Status MarkWebhookEventIgnored(Conn& conn, const std::string& event_id, const std::string& reason);
Status MarkWebhookEventCompleted(Conn& conn, const std::string& event_id);
// A failed attempt: the event is 'pending' again (unless it ended meanwhile) with the error shown
// to the seller and the attempts so far.
Status RecordWebhookAttemptFailure(Db& db, const std::string& event_id, const std::string& error,
                                   int attempts);
// The job died: the event is 'failed' (unless it ended meanwhile), its first recorded error kept,
// else `error`.
Status MarkWebhookEventFailed(Conn& conn, const std::string& event_id, int attempts,
                              const std::string& error);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_WEBHOOK_STORE_H_
