#include "store/webhook_store.h"

namespace vendly::server {
namespace {

using Json = nlohmann::json;

Status Done(const Result<Rows>& rows) { return rows.ok() ? Status::Ok() : rows.status(); }

// Replaces NUL characters in strings (PostgreSQL's jsonb cannot hold \u0000) with U+FFFD. Depth
// is bounded by the caller (meta/webhooks.h refuses bodies nested over kMaxWebhookNesting).
void ScrubNul(Json& value) {
  if (value.is_string()) {
    std::string& s = value.get_ref<std::string&>();
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
      if (c == '\0')
        out += "\xEF\xBF\xBD";
      else
        out += c;
    }
    s = std::move(out);
  } else if (value.is_object()) {
    Json scrubbed = Json::object();
    for (auto& [key, item] : value.items()) {
      Json copy = item;
      ScrubNul(copy);
      Json name = key;
      ScrubNul(name);
      scrubbed[name.get<std::string>()] = std::move(copy);
    }
    value = std::move(scrubbed);
  } else if (value.is_array()) {
    for (auto& item : value) ScrubNul(item);
  }
}

// One statement stores a whole delivery. Changes are inserted in dedupe-key order so two
// deliveries that share changes take their index locks in the same order (no deadlock); a
// change already stored (a redelivery) is skipped by ON CONFLICT, also within one body. The
// account's connection is resolved in the same statement; only handled fields of an active
// connection are 'pending', everything else is 'ignored' with its reason.
constexpr char kInsertChanges[] = R"SQL(
WITH incoming AS (
  SELECT x.* FROM jsonb_to_recordset($1::jsonb) AS x(
    ord int, dedupe_key text, event_type text, field text, ig_user_id text, ig_media_id text,
    raw_payload jsonb, handled boolean, reason text)
), resolved AS (
  SELECT i.*, c.id AS connection_id, c.status AS connection_status,
         COALESCE(i.handled AND c.status = 'active', false) AS actionable
  FROM incoming i LEFT JOIN instagram_connection c ON c.ig_business_account_id = i.ig_user_id
), inserted AS (
  INSERT INTO instagram_webhook_event (webhook_id, dedupe_key, event_type, field, ig_user_id,
    ig_media_id, raw_payload, processing_status, processing_error, processed_at, connection_id)
  SELECT $2, dedupe_key, event_type, field, ig_user_id, ig_media_id, raw_payload,
         CASE WHEN actionable THEN 'pending' ELSE 'ignored' END,
         CASE WHEN NOT handled THEN reason
              WHEN connection_id IS NULL THEN 'no connection for this Instagram account'
              WHEN NOT actionable THEN 'the connection is ' || connection_status END,
         CASE WHEN actionable THEN NULL ELSE now() END,
         connection_id
  FROM resolved ORDER BY dedupe_key, ord
  ON CONFLICT (dedupe_key) DO NOTHING
  RETURNING id, processing_status, connection_id
)
SELECT n.id, n.processing_status, c.store_id
FROM inserted n LEFT JOIN instagram_connection c ON c.id = n.connection_id
)SQL";

// Times as the events list shows them: ISO 8601 UTC with milliseconds.
constexpr char kUtc[] = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'";

}  // namespace

Result<std::vector<InsertedWebhookEvent>> InsertWebhookEvents(
    Conn& conn, const std::string& delivery_id, const std::vector<WebhookChange>& changes) {
  std::vector<InsertedWebhookEvent> inserted;
  if (changes.empty()) return inserted;
  Json records = Json::array();
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const WebhookChange& c = changes[i];
    records.push_back({{"ord", i},
                       {"dedupe_key", c.dedupe_key},
                       {"event_type", c.event_type},
                       {"field", c.field},
                       {"ig_user_id", c.ig_user_id},
                       {"ig_media_id", c.ig_media_id ? Json(*c.ig_media_id) : Json(nullptr)},
                       {"raw_payload", c.raw},
                       {"handled", c.handled},
                       {"reason", c.ignore_reason}});
  }
  std::string param = records.dump();
  if (param.find("\\u0000") != std::string::npos) {
    ScrubNul(records);
    param = records.dump();
  }
  auto rows = conn.Exec(kInsertChanges, {param, delivery_id});
  if (!rows.ok()) return rows.status();
  for (int r = 0; r < rows->size(); ++r)
    inserted.push_back(
        {rows->Text(r, "id"), rows->Text(r, "processing_status"), rows->Get(r, "store_id")});
  return inserted;
}

Result<std::vector<std::pair<std::string, long long>>> CountStoreWebhookEvents(
    Db& db, const std::string& store_id) {
  auto counted = db.Exec(
      "SELECT e.processing_status, count(*) AS n FROM instagram_webhook_event e"
      " JOIN instagram_connection c ON c.id = e.connection_id WHERE c.store_id = $1"
      " GROUP BY e.processing_status",
      {store_id});
  if (!counted.ok()) return counted.status();
  std::vector<std::pair<std::string, long long>> counts;
  for (int r = 0; r < counted->size(); ++r)
    counts.emplace_back(counted->Text(r, "processing_status"), counted->Int(r, "n"));
  return counts;
}

Result<std::vector<WebhookEventRow>> ListStoreWebhookEvents(
    Db& db, const std::string& store_id, const std::optional<std::string>& status, int limit,
    long long offset) {
  auto rows = db.Exec(
      std::string("SELECT e.id, e.event_type, e.field, e.ig_user_id, e.ig_media_id, e.raw_payload,"
                  " e.processing_status, e.processing_error, e.retry_count,"
                  " to_char(e.received_at AT TIME ZONE 'UTC', ") +
          kUtc + ") AS received_at, to_char(e.processed_at AT TIME ZONE 'UTC', " + kUtc +
          ") AS processed_at FROM instagram_webhook_event e"
          " JOIN instagram_connection c ON c.id = e.connection_id"
          " WHERE c.store_id = $1 AND ($2::text IS NULL OR e.processing_status = $2)"
          " ORDER BY e.received_at DESC, e.id DESC LIMIT $3::int OFFSET $4::bigint",
      {store_id, status, std::to_string(limit), std::to_string(offset)});
  if (!rows.ok()) return rows.status();
  std::vector<WebhookEventRow> events;
  for (int r = 0; r < rows->size(); ++r) {
    WebhookEventRow e;
    e.id = rows->Text(r, "id");
    e.event_type = rows->Text(r, "event_type");
    e.field = rows->Text(r, "field");
    e.ig_user_id = rows->Text(r, "ig_user_id");
    e.ig_media_id = rows->Get(r, "ig_media_id");
    e.status = rows->Text(r, "processing_status");
    e.error = rows->Get(r, "processing_error");
    e.retry_count = rows->Int(r, "retry_count");
    e.received_at = rows->Text(r, "received_at");
    e.processed_at = rows->Get(r, "processed_at");
    e.payload = Json::parse(rows->Text(r, "raw_payload"), nullptr, false);
    events.push_back(std::move(e));
  }
  return events;
}

Result<std::optional<ClaimedWebhookEvent>> ClaimWebhookEvent(Db& db, const std::string& event_id) {
  Rows claimed;
  Status marked = db.Transaction([&](Conn& conn) -> Status {
    auto relaxed = conn.Exec("SET LOCAL synchronous_commit TO off");
    if (!relaxed.ok()) return relaxed.status();
    auto updated = conn.Exec(
        "UPDATE instagram_webhook_event SET processing_status = 'processing' WHERE id = $1 AND"
        " processing_status IN ('pending', 'processing', 'failed') RETURNING field, connection_id",
        {event_id});
    if (!updated.ok()) return updated.status();
    claimed = *updated;
    return Status::Ok();
  });
  if (!marked.ok()) return marked;
  if (claimed.empty()) return std::optional<ClaimedWebhookEvent>();
  return std::optional<ClaimedWebhookEvent>(
      ClaimedWebhookEvent{claimed.Text(0, "field"), claimed.Get(0, "connection_id")});
}

Status MarkWebhookEventIgnored(Conn& conn, const std::string& event_id, const std::string& reason) {
  return Done(
      conn.Exec("UPDATE instagram_webhook_event SET processing_status = 'ignored',"
                " processing_error = $2, processed_at = now() WHERE id = $1",
                {event_id, reason}));
}

Status MarkWebhookEventCompleted(Conn& conn, const std::string& event_id) {
  return Done(
      conn.Exec("UPDATE instagram_webhook_event SET processing_status = 'completed',"
                " processing_error = NULL, processed_at = now() WHERE id = $1",
                {event_id}));
}

Status RecordWebhookAttemptFailure(Db& db, const std::string& event_id, const std::string& error,
                                   int attempts) {
  return Done(db.Exec(
      "UPDATE instagram_webhook_event SET processing_status = 'pending', processing_error = $2,"
      " retry_count = $3::int WHERE id = $1 AND processing_status IN ('pending', 'processing')",
      {event_id, error, std::to_string(attempts)}));
}

Status MarkWebhookEventFailed(Conn& conn, const std::string& event_id, int attempts,
                              const std::string& error) {
  return Done(conn.Exec(
      "UPDATE instagram_webhook_event SET processing_status = 'failed', processed_at = now(),"
      " retry_count = $2::int, processing_error = COALESCE(processing_error, $3)"
      " WHERE id = $1 AND processing_status IN ('pending', 'processing')",
      {event_id, std::to_string(attempts), error}));
}

}  // namespace vendly::server
