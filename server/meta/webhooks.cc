// Meta webhooks for object "instagram": the GET verification handshake, signed deliveries stored
// durably in instagram_webhook_event and acknowledged at once, the "webhook" job that turns a
// stored change into a poll of its account, and the seller's list of events (server/API.md,
// "Webhooks").
#include "meta/webhooks.h"

#include <algorithm>
#include <chrono>

#include "app/app.h"
#include "app/log.h"
#include "crypto/crypto.h"
#include "routes/catalog.h"

namespace vendly::server {
namespace {

using Json = nlohmann::json;

// Fields that ask for work: a comment or a mention shows the account is active, and the plan's
// "media" field names a post. Everything else Meta can send (story_insights, live_comments,
// messaging...) is kept as 'ignored'.
bool IsHandledField(const std::string& field) {
  return field == "comments" || field == "mentions" || field == "media";
}

// An id as text: Meta sends ids as strings; a number is accepted as its digits.
std::optional<std::string> IdText(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_unsigned()) return std::to_string(value.get<unsigned long long>());
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  return std::nullopt;
}

// The subscription field a messaging item belongs to, named by the key that carries its content.
std::string MessagingField(const Json& item) {
  static const std::pair<const char*, const char*> kKinds[] = {{"message", "messages"},
                                                               {"message_edit", "message_edit"},
                                                               {"postback", "messaging_postbacks"},
                                                               {"reaction", "message_reactions"},
                                                               {"read", "messaging_seen"},
                                                               {"referral", "messaging_referral"},
                                                               {"optin", "messaging_optins"}};
  if (item.is_object())
    for (const auto& [key, field] : kKinds)
      if (item.contains(key)) return field;
  return "messaging";
}

std::optional<std::string> MediaId(const Json& value) {
  if (!value.is_object()) return std::nullopt;
  if (auto media = value.find("media"); media != value.end() && media->is_object())
    if (auto id = media->find("id"); id != media->end())
      if (auto text = IdText(*id)) return text;
  if (auto id = value.find("media_id"); id != value.end()) return IdText(*id);
  return std::nullopt;
}

// Where a change sits in its delivery.
struct EntryContext {
  const std::string& object;
  Json id;    // as delivered (null when absent)
  Json time;  // as delivered (null when absent)
  std::optional<std::string> id_text;
};

WebhookChange MakeChange(const EntryContext& entry, const Json& key_field, const std::string& field,
                         const std::string& event_type, const Json& value,
                         const char* raw_value_key) {
  WebhookChange change;
  change.dedupe_key = Sha256Hex(Json::array({entry.id, entry.time, key_field, value}).dump());
  change.event_type = event_type;
  change.field = field;
  change.ig_user_id = entry.id_text.value_or("");
  change.ig_media_id = MediaId(value);
  change.raw = {{"object", entry.object}, {"id", entry.id}, {"time", entry.time}};
  if (std::string(raw_value_key) == "value") change.raw["field"] = field;
  change.raw[raw_value_key] = value;
  return change;
}

// Decides whether a well-formed change is acted on; the first reason found wins.
void Classify(const EntryContext& entry, WebhookChange* change, bool messaging) {
  if (entry.object != "instagram") {
    change->ignore_reason = "object \"" + entry.object + "\" is not handled";
  } else if (!entry.id_text) {
    change->ignore_reason = "the entry has no id";
  } else if (messaging) {
    change->ignore_reason = "messaging is not handled";
  } else if (!IsHandledField(change->field)) {
    change->ignore_reason = "field \"" + change->field + "\" is not handled";
  }
  change->handled = change->ignore_reason.empty();
}

WebhookChange Malformed(const EntryContext& entry, const Json& delivered, const char* reason) {
  WebhookChange change = MakeChange(entry, nullptr, "", "malformed", delivered, "value");
  change.ignore_reason = reason;
  return change;
}

// Replaces NUL characters in strings (PostgreSQL's jsonb cannot hold \u0000) with U+FFFD. Depth
// is bounded by kMaxWebhookNesting, checked before parsing.
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

// ---- Deliveries ---------------------------------------------------------------------------

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

struct StoredDelivery {
  int stored = 0;  // new rows (the rest were already stored)
  int queued = 0;  // webhook jobs enqueued
};

Result<StoredDelivery> StoreChanges(App& app, const std::string& delivery_id,
                                    const std::vector<WebhookChange>& changes) {
  StoredDelivery out;
  if (changes.empty()) return out;
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
  Status status = app.db.Transaction([&](Conn& conn) -> Status {
    auto rows = conn.Exec(kInsertChanges, {param, delivery_id});
    if (!rows.ok()) return rows.status();
    out = StoredDelivery{rows->size(), 0};
    for (int r = 0; r < rows->size(); ++r) {
      if (rows->Text(r, "processing_status") != "pending") continue;
      JobSpec spec;
      spec.kind = "webhook";
      spec.store_id = rows->Get(r, "store_id");
      spec.payload = {{"webhookEventId", rows->Text(r, "id")}};
      spec.max_attempts = kWebhookJobAttempts;
      auto job = EnqueueJob(conn, spec);
      if (!job.ok()) return job.status();
      ++out.queued;
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

const char* SignatureReason(SignatureCheck check) {
  switch (check) {
    case SignatureCheck::kMissing:
      return "missing";
    case SignatureCheck::kMalformed:
      return "malformed";
    default:
      return "mismatch";
  }
}

// A delivery that passed the signature check but can never be stored: logged (never its bytes)
// and refused with 400. Meta will retry it; it fails the same way.
void RefuseMalformed(RequestContext& ctx, const Status& status) {
  LogWarn("webhook_malformed", {{"error", status.message()}, {"bytes", ctx.req.body.size()}});
  SendError(ctx.res, status);
}

void ReceiveDelivery(App& app, RequestContext& ctx) {
  const auto started = std::chrono::steady_clock::now();
  const std::string& body = ctx.req.body;
  // First the signature over the raw bytes: nothing reads an unsigned body.
  const SignatureCheck check = CheckHubSignature(app.config.meta_app_secret, body,
                                                 ctx.req.get_header_value("X-Hub-Signature-256"));
  if (check != SignatureCheck::kValid) {
    LogWarn("webhook_signature_rejected",
            {{"reason", SignatureReason(check)}, {"bytes", body.size()}});
    return SendError(ctx.res, 401, "invalid_signature",
                     "X-Hub-Signature-256 is missing or does not match the body");
  }
  if (JsonNestingDepth(body) > kMaxWebhookNesting)
    return RefuseMalformed(ctx, Status::InvalidRequest("the body is nested too deeply"));
  auto parsed = ParseJsonObject(ctx.req);
  if (!parsed.ok()) return RefuseMalformed(ctx, parsed.status());
  auto changes = ExtractWebhookChanges(*parsed);
  if (!changes.ok()) return RefuseMalformed(ctx, changes.status());

  auto stored = StoreChanges(app, Sha256Hex(body), *changes);
  if (!stored.ok()) return SendError(ctx.res, stored.status());  // 5xx: Meta delivers it again
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  LogInfo("webhook_received", {{"object", (*parsed)["object"]},
                               {"changes", changes->size()},
                               {"stored", stored->stored},
                               {"queued", stored->queued},
                               {"ms", ms}});
  SendJson(ctx.res, 200,
           {{"success", true}, {"received", changes->size()}, {"stored", stored->stored}});
}

// ---- The seller's events ------------------------------------------------------------------

constexpr const char* kEventStatuses[] = {"pending", "processing", "completed", "failed",
                                          "ignored"};

// A whole-number query parameter in [1, max]; `fallback` when absent.
constexpr char kUtc[] = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'";

void ListEvents(App& app, RequestContext& ctx) {
  const std::string& store_id = ctx.session->store_id;
  Param status;
  const std::string wanted = ctx.req.get_param_value("status");
  if (!wanted.empty() && wanted != "all") {
    bool known = false;
    for (const char* s : kEventStatuses) known = known || wanted == s;
    if (!known)
      return SendError(ctx.res, 400, "invalid_request",
                       "status must be pending, processing, completed, failed, ignored or all");
    status = wanted;
  }
  auto page = ReadPageRequest(ctx.req);
  if (!page.ok()) return SendError(ctx.res, page.status());

  // Events reach a store through its connection: an event of an unknown account belongs to no one.
  auto counted = app.db.Exec(
      "SELECT e.processing_status, count(*) AS n FROM instagram_webhook_event e"
      " JOIN instagram_connection c ON c.id = e.connection_id WHERE c.store_id = $1"
      " GROUP BY e.processing_status",
      {store_id});
  if (!counted.ok()) return SendError(ctx.res, counted.status());
  Json counts = Json::object();
  for (const char* s : kEventStatuses) counts[s] = 0;
  long long total = 0;
  for (int r = 0; r < counted->size(); ++r) {
    const std::string s = counted->Text(r, "processing_status");
    counts[s] = counted->Int(r, "n");
    if (!status || *status == s) total += counted->Int(r, "n");
  }

  auto rows = app.db.Exec(
      std::string("SELECT e.id, e.event_type, e.field, e.ig_user_id, e.ig_media_id, e.raw_payload,"
                  " e.processing_status, e.processing_error, e.retry_count,"
                  " to_char(e.received_at AT TIME ZONE 'UTC', ") +
          kUtc + ") AS received_at, to_char(e.processed_at AT TIME ZONE 'UTC', " + kUtc +
          ") AS processed_at FROM instagram_webhook_event e"
          " JOIN instagram_connection c ON c.id = e.connection_id"
          " WHERE c.store_id = $1 AND ($2::text IS NULL OR e.processing_status = $2)"
          " ORDER BY e.received_at DESC, e.id DESC LIMIT $3::int OFFSET $4::bigint",
      {store_id, status, std::to_string(page->limit),
       std::to_string((page->page - 1) * static_cast<long long>(page->limit))});
  if (!rows.ok()) return SendError(ctx.res, rows.status());
  Json events = Json::array();
  for (int r = 0; r < rows->size(); ++r) {
    auto optional_text = [&](const char* column) {
      auto v = rows->Get(r, column);
      return v ? Json(*v) : Json(nullptr);
    };
    events.push_back({{"id", rows->Text(r, "id")},
                      {"eventType", rows->Text(r, "event_type")},
                      {"field", rows->Text(r, "field")},
                      {"igUserId", rows->Text(r, "ig_user_id")},
                      {"igMediaId", optional_text("ig_media_id")},
                      {"status", rows->Text(r, "processing_status")},
                      {"error", optional_text("processing_error")},
                      {"retryCount", rows->Int(r, "retry_count")},
                      {"receivedAt", rows->Text(r, "received_at")},
                      {"processedAt", optional_text("processed_at")},
                      {"payload", Json::parse(rows->Text(r, "raw_payload"), nullptr, false)}});
  }
  SendJson(ctx.res, 200,
           {{"events", events},
            {"pagination", PaginationJson(total, page->page, page->limit)},
            {"counts", counts}});
}

// ---- The "webhook" job ----------------------------------------------------------------------

// What a seller may read about a failure: the error code, never the database's text.
std::string ShownError(const Status& error) {
  if (error.code() == "unavailable") return "the database was unavailable";
  return "processing failed (" + error.code() + ")";
}

// Records a failed attempt on the event ('pending' with what went wrong) and asks for another;
// after the last one the runner ends the job and WebhookJobDied marks the event 'failed'.
JobOutcome FailAttempt(Db& db, const Job& job, const std::string& event_id, const Status& error) {
  const std::string shown = ShownError(error);
  LogWarn("webhook_job_failed", {{"webhookEventId", event_id},
                                 {"attempt", job.attempts},
                                 {"maxAttempts", job.max_attempts},
                                 {"error", error.message()}});
  auto recorded = db.Exec(
      "UPDATE instagram_webhook_event SET processing_status = 'pending', processing_error = $2,"
      " retry_count = $3::int WHERE id = $1 AND processing_status IN ('pending', 'processing')",
      {event_id, shown, std::to_string(job.attempts)});
  if (!recorded.ok())
    LogError("webhook_job_failed",
             {{"webhookEventId", event_id}, {"error", "could not record the failure"}});
  return JobOutcome::Retry(shown);
}

// The event's job died: its attempts spent by failures, or its worker crashed on the last one.
// The event becomes 'failed', visible to the seller, with the last error kept.
Status WebhookJobDied(Conn& conn, const Job& job, const std::string& error) {
  const std::string event_id =
      job.payload.is_object() ? job.payload.value("webhookEventId", "") : "";
  auto marked = conn.Exec(
      "UPDATE instagram_webhook_event SET processing_status = 'failed', processed_at = now(),"
      " retry_count = $2::int, processing_error = COALESCE(processing_error, $3)"
      " WHERE id = $1 AND processing_status IN ('pending', 'processing')",
      {event_id, std::to_string(job.attempts),
       error.rfind("lease expired", 0) == 0 ? "processing stopped (the worker stopped)" : error});
  return marked.ok() ? Status::Ok() : marked.status();
}

}  // namespace

SignatureCheck CheckHubSignature(std::string_view app_secret, std::string_view raw_body,
                                 std::string_view header) {
  constexpr std::string_view kPrefix = "sha256=";
  if (header.empty()) return SignatureCheck::kMissing;
  if (header.size() != kPrefix.size() + 64 || header.substr(0, kPrefix.size()) != kPrefix)
    return SignatureCheck::kMalformed;
  std::string hex(header.substr(kPrefix.size()));
  for (char& c : hex) {
    if (c >= 'A' && c <= 'F') c = char(c - 'A' + 'a');
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return SignatureCheck::kMalformed;
  }
  return ConstantTimeEquals(hex, HexEncode(HmacSha256(app_secret, raw_body)))
             ? SignatureCheck::kValid
             : SignatureCheck::kMismatch;
}

int JsonNestingDepth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

Result<std::vector<WebhookChange>> ExtractWebhookChanges(const Json& body) {
  if (!body.is_object()) return Status::InvalidRequest("the body must be a JSON object");
  auto object = body.find("object");
  if (object == body.end() || !object->is_string())
    return Status::InvalidRequest("object must be a string");
  auto entries = body.find("entry");
  if (entries == body.end() || !entries->is_array())
    return Status::InvalidRequest("entry must be an array");
  const std::string object_name = object->get<std::string>();

  std::vector<WebhookChange> out;
  for (const Json& entry : *entries) {
    if (!entry.is_object()) {
      out.push_back(Malformed({object_name, nullptr, nullptr, std::nullopt}, entry,
                              "the entry is not an object"));
      continue;
    }
    EntryContext context{object_name, entry.value("id", Json(nullptr)),
                         entry.value("time", Json(nullptr)), std::nullopt};
    context.id_text = IdText(context.id);
    if (auto changes = entry.find("changes"); changes != entry.end()) {
      if (!changes->is_array()) {
        out.push_back(Malformed(context, *changes, "changes is not an array"));
      } else {
        for (const Json& change : *changes) {
          auto field = change.is_object() ? change.find("field") : change.end();
          if (!change.is_object() || field == change.end() || !field->is_string()) {
            out.push_back(Malformed(context, change, "the change has no field"));
            continue;
          }
          const std::string name = field->get<std::string>();
          WebhookChange made =
              MakeChange(context, name, name, name, change.value("value", Json(nullptr)), "value");
          Classify(context, &made, /*messaging=*/false);
          out.push_back(std::move(made));
        }
      }
    }
    if (auto messaging = entry.find("messaging"); messaging != entry.end()) {
      if (!messaging->is_array()) {
        out.push_back(Malformed(context, *messaging, "messaging is not an array"));
      } else {
        for (const Json& item : *messaging) {
          WebhookChange made = MakeChange(context, "messaging", MessagingField(item), "messaging",
                                          item, "messaging");
          Classify(context, &made, /*messaging=*/true);
          out.push_back(std::move(made));
        }
      }
    }
  }
  return out;
}

JobOutcome RunWebhookJob(JobContext& ctx) {
  const Job& job = ctx.job();
  auto id = job.payload.find("webhookEventId");
  if (id == job.payload.end() || !id->is_string() || id->get<std::string>().empty())
    return JobOutcome::Dead("the payload has no webhookEventId");
  const std::string event_id = id->get<std::string>();
  Db& db = ctx.app().db;

  // 'processing' is committed on its own, so the seller sees work under way; a run that dies here
  // leaves it 'processing' until the job runs again, which takes it from that state too. It is
  // only a sign of progress, so its commit does not wait for the disk: lost in a crash, it costs
  // nothing, as the job runs again anyway.
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
  if (!marked.ok()) return FailAttempt(db, job, event_id, marked);
  Json result = {{"webhookEventId", event_id}};
  if (claimed.empty()) {
    result["skipped"] = "the event is gone or already processed";
    return JobOutcome::Succeeded(result);
  }
  const std::string field = claimed.Text(0, "field");
  const std::optional<std::string> connection_id = claimed.Get(0, "connection_id");

  Status done = db.Transaction([&](Conn& conn) -> Status {
    std::string ignore_reason;
    std::string store_id;
    if (!connection_id) {
      ignore_reason = "the connection was removed";
    } else {
      auto connection = conn.Exec("SELECT store_id, status FROM instagram_connection WHERE id = $1",
                                  {*connection_id});
      if (!connection.ok()) return connection.status();
      if (connection->empty())
        ignore_reason = "the connection was removed";
      else if (connection->Text(0, "status") != "active")
        ignore_reason = "the connection is " + connection->Text(0, "status");
      else
        store_id = connection->Text(0, "store_id");
    }
    if (ignore_reason.empty() && !IsHandledField(field))
      ignore_reason = "field \"" + field + "\" is not handled";
    if (!ignore_reason.empty()) {
      result["ignored"] = ignore_reason;
      auto ignored = conn.Exec(
          "UPDATE instagram_webhook_event SET processing_status = 'ignored',"
          " processing_error = $2, processed_at = now() WHERE id = $1",
          {event_id, ignore_reason});
      return ignored.ok() ? Status::Ok() : ignored.status();
    }
    JobSpec poll;
    poll.kind = "poll";
    poll.store_id = store_id;
    poll.dedupe_key = "poll:" + *connection_id;
    poll.payload = {{"connectionId", *connection_id},
                    {"storeId", store_id},
                    {"trigger", "webhook"},
                    {"webhookEventId", event_id}};
    auto queued = EnqueueJob(conn, poll);
    if (!queued.ok()) return queued.status();
    result["pollJobId"] = *queued;
    auto completed = conn.Exec(
        "UPDATE instagram_webhook_event SET processing_status = 'completed',"
        " processing_error = NULL, processed_at = now() WHERE id = $1",
        {event_id});
    return completed.ok() ? Status::Ok() : completed.status();
  });
  if (!done.ok()) return FailAttempt(db, job, event_id, done);
  return JobOutcome::Succeeded(result);
}

void RegisterWebhookJobs(JobRunner& runner, App& app) {
  (void)app;
  runner.Register("webhook", RunWebhookJob, WebhookJobDied);
}

void RegisterWebhookRoutes(Router& router, App& app) {
  router.Get("/api/webhooks/instagram", Access::kPublic, [&app](RequestContext& ctx) {
    const std::string mode = ctx.req.get_param_value("hub.mode");
    const std::string token = ctx.req.get_param_value("hub.verify_token");
    const std::string challenge = ctx.req.get_param_value("hub.challenge");
    if (mode != "subscribe" || challenge.empty() || challenge.size() > 256 ||
        !ConstantTimeEquals(token, app.config.webhook_verify_token)) {
      LogWarn("webhook_verify_rejected", {{"mode", mode}});
      return SendError(ctx.res, 403, "forbidden", "webhook verification failed");
    }
    LogInfo("webhook_verified");
    ctx.res.status = 200;
    ctx.res.set_content(challenge, "text/plain");
  });
  router.Post(kWebhookDeliveryPath, Access::kPublic,
              [&app](RequestContext& ctx) { ReceiveDelivery(app, ctx); });
  router.Get("/api/webhooks/events", Access::kSession,
             [&app](RequestContext& ctx) { ListEvents(app, ctx); });
}

}  // namespace vendly::server
