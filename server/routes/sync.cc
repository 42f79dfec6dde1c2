// GET /api/sync/conflicts, POST /api/sync/conflicts/:id/resolve and POST /api/instagram/sync
// (server/API.md, "Sync"). The poll that makes conflicts and runs a refresh is jobs/poll.cc; the
// rows are store/conflict_store.h's; what a choice does to a product is the core's
// (vendly/conflict.h).
#include "routes/sync.h"

#include <vendly/api.h>
#include <vendly/conflict.h>
#include <vendly/draft.h>

#include <string>
#include <vector>

#include "app/app.h"
#include "app/log.h"
#include "jobs/poll.h"
#include "jobs/queue.h"
#include "routes/catalog.h"
#include "store/conflict_store.h"
#include "store/scan_store.h"
#include "store/sync_product.h"

namespace vendly::server {
namespace {

constexpr int kMaxConflictsListed = 500;

Json ConflictJson(const ConflictRow& c) {
  return {{"id", c.id},
          {"productId", c.product_id},
          {"productName", c.product_name},
          {"igMediaId", c.ig_media_id},
          {"field", std::string(vendly::ApiKey(c.field))},
          {"baseValue", c.base_value},
          {"instagramValue", c.instagram_value},
          {"sellerValue", c.seller_value},
          {"status", c.status},
          {"resolution", c.resolution ? Json(*c.resolution) : Json()},
          {"resolvedValue", c.resolved_value},
          {"createdAt", c.created_at},
          {"resolvedAt", c.resolved_at ? Json(*c.resolved_at) : Json()}};
}

void ListConflicts(App& app, RequestContext& ctx) {
  auto rows = OpenConflicts(app.db, ctx.session->store_id, kMaxConflictsListed);
  if (!rows.ok()) return SendError(ctx.res, rows.status());
  Json list = Json::array();
  for (const ConflictRow& c : *rows) list.push_back(ConflictJson(c));
  SendJson(ctx.res, 200, {{"conflicts", list}, {"total", list.size()}});
}

// Inside the caller's transaction: loads the conflict and its product (both locked), asks the core,
// writes the product and the resolution. The answer's {"conflict","product"}; `errors` gets the
// core's field errors when the choice does not make a valid product.
Result<Json> ApplyChoice(Conn& conn, const std::string& store_id, const std::string& conflict_id,
                         const vendly::SellerChoice& choice,
                         std::vector<vendly::FieldError>& errors) {
  auto conflict = LockConflict(conn, conflict_id, store_id);
  if (!conflict.ok()) return conflict.status();
  if (!*conflict) return Status::NotFound("conflict not found");
  const ConflictRow& c = **conflict;
  auto product = LockProductFields(conn, store_id, c.product_id);
  if (!product.ok()) return product.status();
  if (!*product) return Status::NotFound("product not found");
  const vendly::ConflictDecision decision =
      vendly::ResolveConflict({c.field, c.instagram_value, c.open()}, **product, choice);
  errors = decision.errors;
  if (!decision.status.ok()) return decision.status;
  Status written =
      WriteProductDraft(conn, store_id, c.product_id, Json(vendly::DraftToJson(decision.product)));
  if (!written.ok()) return written;
  Status resolved = MarkConflictResolved(conn, conflict_id, store_id, decision.resolution,
                                         decision.resolved_value);
  if (!resolved.ok()) return resolved;
  auto row = ReadConflict(conn, conflict_id);
  if (!row.ok()) return row.status();
  auto loaded = LoadProduct(conn, store_id, c.product_id);
  if (!loaded.ok()) return loaded.status();
  return Json{{"conflict", ConflictJson(*row)}, {"product", *loaded}};
}

void ResolveConflict(App& app, RequestContext& ctx) {
  const std::string conflict_id = ctx.req.matches[1];
  const std::string& store_id = ctx.session->store_id;
  auto body = ParseJsonObject(ctx.req);
  if (!body.ok()) return SendError(ctx.res, body.status());
  auto choice = ReadConflictChoiceBody(*body);
  if (!choice.ok()) return SendError(ctx.res, choice.status());

  Json answer;
  std::vector<vendly::FieldError> field_errors;
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    auto applied = ApplyChoice(conn, store_id, conflict_id, *choice, field_errors);
    if (!applied.ok()) return applied.status();
    answer = std::move(*applied);
    return Status::Ok();
  });
  if (st.code() == "validation_failed") {
    Json error = ErrorBody(st);
    error["errors"] = vendly::ToApiJson(Json(vendly::ErrorsToJson(field_errors)));
    return SendJson(ctx.res, HttpStatusFor(st), error);
  }
  if (!st.ok()) return SendError(ctx.res, st);
  LogInfo("sync_conflict_resolved", {{"storeId", store_id},
                                     {"conflictId", conflict_id},
                                     {"choice", vendly::ConflictChoiceName(choice->choice)}});
  SendJson(ctx.res, 200, answer);
}

// Inside the caller's transaction: the store's connection locked, then the manual poll queued with
// its sync-history row, or the refresh already waiting or running (which answers for this one too).
Result<Json> QueueRefresh(Conn& conn, const std::string& store_id) {
  auto connection = LockScanConnection(conn, store_id);
  if (!connection.ok()) return connection.status();
  if (!*connection) return Status::Conflict("not_connected", "connect an Instagram account first");
  if ((*connection)->status != "active")
    return Status::Conflict("connection_expired",
                            "the Instagram connection needs attention: reconnect it, then refresh");
  const std::string connection_id = (*connection)->id;
  auto active = ActiveJobPayload(conn, ManualPollKey(connection_id));
  if (!active.ok()) return active.status();
  if (*active && (**active).contains("syncId") && (**active)["syncId"].is_string())
    return Json{{"syncId", (**active)["syncId"]}, {"status", "queued"}, {"alreadyQueued", true}};
  auto sync_id = InsertQueuedRefresh(conn, store_id, connection_id);
  if (!sync_id.ok()) return sync_id.status();
  JobSpec job;
  job.kind = "poll";
  job.store_id = store_id;
  job.dedupe_key = ManualPollKey(connection_id);
  job.priority = 5;
  job.max_attempts = 3;
  job.payload = {{"connectionId", connection_id},
                 {"storeId", store_id},
                 {"trigger", "manual"},
                 {"syncId", *sync_id}};
  auto queued = EnqueueJob(conn, job);
  if (!queued.ok()) return queued.status();
  Status linked = LinkRefreshJob(conn, *sync_id, *queued);
  if (!linked.ok()) return linked;
  return Json{{"syncId", *sync_id}, {"status", "queued"}, {"alreadyQueued", false}};
}

void ManualRefresh(App& app, RequestContext& ctx) {
  const std::string& store_id = ctx.session->store_id;
  Json answer;
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    auto queued = QueueRefresh(conn, store_id);
    if (!queued.ok()) return queued.status();
    answer = std::move(*queued);
    return Status::Ok();
  });
  if (!st.ok()) return SendError(ctx.res, st);
  LogInfo("sync_requested", {{"storeId", store_id}, {"syncId", answer["syncId"]}});
  SendJson(ctx.res, 202, answer);
}

}  // namespace

void RegisterSyncRoutes(Router& router, App& app) {
  router.Get("/api/sync/conflicts", Access::kSession,
             [&app](RequestContext& c) { ListConflicts(app, c); });
  router.Post(R"(/api/sync/conflicts/([A-Za-z0-9_]{1,64})/resolve)", Access::kSession,
              [&app](RequestContext& c) { ResolveConflict(app, c); });
  router.Post("/api/instagram/sync", Access::kSession,
              [&app](RequestContext& c) { ManualRefresh(app, c); });
}

}  // namespace vendly::server
