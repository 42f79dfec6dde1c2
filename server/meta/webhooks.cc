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
#include "store/connection_store.h"
#include "store/sync_store.h"
#include "store/webhook_store.h"
#include "vendly/throttle.h"

namespace vendly::server {
namespace {

using Json = nlohmann::json;

// ---- Deliveries ---------------------------------------------------------------------------

struct StoredDelivery {
  int stored = 0;  // new rows (the rest were already stored)
  int queued = 0;  // webhook jobs enqueued
};

// Stores the delivery's changes and enqueues a "webhook" job for each new pending one, in one
// transaction.
Result<StoredDelivery> StoreChanges(App& app, const std::string& delivery_id,
                                    const std::vector<WebhookChange>& changes) {
  StoredDelivery out;
  if (changes.empty()) return out;
  Status status = app.db.Transaction([&](Conn& conn) -> Status {
    auto inserted = InsertWebhookEvents(conn, delivery_id, changes);
    if (!inserted.ok()) return inserted.status();
    out = StoredDelivery{static_cast<int>(inserted->size()), 0};
    for (const InsertedWebhookEvent& event : *inserted) {
      if (event.status != "pending") continue;
      JobSpec spec;
      spec.kind = "webhook";
      spec.store_id = event.store_id;
      spec.payload = {{"webhookEventId", event.id}};
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
  auto delivery = ReadWebhookDelivery(body, ctx.req.get_header_value("Content-Type"));
  if (!delivery.ok()) return RefuseMalformed(ctx, delivery.status());
  const std::vector<WebhookChange>* changes = &delivery->changes;

  auto stored = StoreChanges(app, Sha256Hex(body), *changes);
  if (!stored.ok()) return SendError(ctx.res, stored.status());  // 5xx: Meta delivers it again
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  LogInfo("webhook_received", {{"object", delivery->object},
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

  auto counted = CountStoreWebhookEvents(app.db, store_id);
  if (!counted.ok()) return SendError(ctx.res, counted.status());
  Json counts = Json::object();
  for (const char* s : kEventStatuses) counts[s] = 0;
  long long total = 0;
  for (const auto& [s, n] : *counted) {
    counts[s] = n;
    if (!status || *status == s) total += n;
  }
  auto rows = ListStoreWebhookEvents(app.db, store_id, status, page->limit,
                                     (page->page - 1) * static_cast<long long>(page->limit));
  if (!rows.ok()) return SendError(ctx.res, rows.status());
  auto optional_text = [](const std::optional<std::string>& v) {
    return v ? Json(*v) : Json(nullptr);
  };
  Json events = Json::array();
  for (const WebhookEventRow& e : *rows)
    events.push_back({{"id", e.id},
                      {"eventType", e.event_type},
                      {"field", e.field},
                      {"igUserId", e.ig_user_id},
                      {"igMediaId", optional_text(e.ig_media_id)},
                      {"status", e.status},
                      {"error", optional_text(e.error)},
                      {"retryCount", e.retry_count},
                      {"receivedAt", e.received_at},
                      {"processedAt", optional_text(e.processed_at)},
                      {"payload", e.payload}});
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
  Status recorded = RecordWebhookAttemptFailure(db, event_id, shown, job.attempts);
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
  return MarkWebhookEventFailed(
      conn, event_id, job.attempts,
      error.rfind("lease expired", 0) == 0 ? "processing stopped (the worker stopped)" : error);
}

// Why the event is not acted on ("" when it asks for a poll of its connection, whose store is
// then *store_id), read inside the job's transaction.
Result<std::string> IgnoreReason(Conn& conn, const ClaimedWebhookEvent& event,
                                 std::string* store_id) {
  if (!event.connection_id) return std::string("the connection was removed");
  auto owner = FindConnectionOwner(conn, *event.connection_id);
  if (!owner.ok()) return owner.status();
  if (!*owner) return std::string("the connection was removed");
  if ((*owner)->status != "active") return "the connection is " + (*owner)->status;
  if (!IsHandledWebhookField(event.field)) return "field \"" + event.field + "\" is not handled";
  *store_id = (*owner)->store_id;
  return std::string();
}

// The event ignored with its reason, or a poll of its connection enqueued and the event completed.
// The poll is spaced from the account's last one (vendly::WebhookPollDelaySeconds); while it waits,
// the events after this one find it queued and join it.
Status ApplyWebhookEvent(const Config& config, Conn& conn, const std::string& event_id,
                         const ClaimedWebhookEvent& event, Json* result) {
  std::string store_id;
  auto reason = IgnoreReason(conn, event, &store_id);
  if (!reason.ok()) return reason.status();
  if (!reason->empty()) {
    (*result)["ignored"] = *reason;
    return MarkWebhookEventIgnored(conn, event_id, *reason);
  }
  JobSpec poll;
  poll.kind = "poll";
  poll.store_id = store_id;
  poll.dedupe_key = "poll:" + *event.connection_id;
  poll.payload = {{"connectionId", *event.connection_id},
                  {"storeId", store_id},
                  {"trigger", "webhook"},
                  {"webhookEventId", event_id}};
  auto spacing = LoadPollSpacing(conn, *event.connection_id);
  if (!spacing.ok()) return spacing.status();
  const int delay =
      vendly::WebhookPollDelaySeconds(spacing->since_last_poll_seconds, spacing->usage_percent,
                                      config.poll_min_seconds, config.poll_max_seconds);
  poll.delay = std::chrono::seconds(delay);
  auto queued = EnqueueJob(conn, poll);
  if (!queued.ok()) return queued.status();
  (*result)["pollJobId"] = *queued;
  (*result)["pollDelaySeconds"] = delay;
  return MarkWebhookEventCompleted(conn, event_id);
}

}  // namespace

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
  auto claimed = ClaimWebhookEvent(db, event_id);
  if (!claimed.ok()) return FailAttempt(db, job, event_id, claimed.status());
  Json result = {{"webhookEventId", event_id}};
  if (!*claimed) {
    result["skipped"] = "the event is gone or already processed";
    return JobOutcome::Succeeded(result);
  }
  Status done = db.Transaction([&](Conn& conn) {
    return ApplyWebhookEvent(ctx.app().config, conn, event_id, **claimed, &result);
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
    // Guessing the verify token is throttled per address (vendly::kWebhookVerifyAddressRule).
    const int wait = app.address_throttle.Take("webhook_verify", ctx.client_address,
                                               vendly::kWebhookVerifyAddressRule);
    if (wait > 0) {
      LogWarn("webhook_verify_throttled", {{"retryAfterSeconds", wait}});
      return SendTooManyAttempts(ctx.res, wait);
    }
    if (mode != "subscribe" || challenge.empty() || challenge.size() > 256 ||
        !ConstantTimeEquals(token, app.config.webhook_verify_token)) {
      LogWarn("webhook_verify_rejected", {{"mode", mode}});
      return SendError(ctx.res, 403, "forbidden", "webhook verification failed");
    }
    app.address_throttle.GiveBack("webhook_verify", ctx.client_address,
                                  vendly::kWebhookVerifyAddressRule);
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
