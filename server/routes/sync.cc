// GET /api/sync/conflicts, POST /api/sync/conflicts/:id/resolve and POST /api/instagram/sync
// (server/API.md, "Sync"). The poll that makes conflicts and runs a refresh is jobs/poll.cc.
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
#include "store/sync_product.h"

namespace vendly::server {
namespace {

Json ConflictJson(const Rows& rows, int i) {
  return {{"id", rows.Text(i, "id")},
          {"productId", rows.Text(i, "product_id")},
          {"productName", rows.Text(i, "product_name")},
          {"igMediaId", rows.Text(i, "ig_media_id")},
          {"field", std::string(vendly::ApiKey(rows.Text(i, "field")))},
          {"baseValue", JsonColumn(rows, i, "base_value", nullptr)},
          {"instagramValue", JsonColumn(rows, i, "instagram_value", nullptr)},
          {"sellerValue", JsonColumn(rows, i, "seller_value", nullptr)},
          {"status", rows.Text(i, "status")},
          {"resolution", rows.Get(i, "resolution") ? Json(rows.Text(i, "resolution")) : Json()},
          {"resolvedValue", JsonColumn(rows, i, "resolved_value", nullptr)},
          {"createdAt", rows.Text(i, "created_at")},
          {"resolvedAt", rows.Get(i, "resolved_at") ? Json(rows.Text(i, "resolved_at")) : Json()}};
}

constexpr const char kConflictSelect[] =
    "SELECT c.id, c.product_id, p.name AS product_name, c.ig_media_id, c.field, c.base_value,"
    " c.instagram_value, c.seller_value, c.status, c.resolution, c.resolved_value,"
    " iso_utc(c.created_at) AS created_at, iso_utc(c.resolved_at) AS resolved_at"
    " FROM sync_conflict c JOIN product p ON p.id = c.product_id";

void ListConflicts(App& app, RequestContext& ctx) {
  auto rows = app.db.Exec(std::string(kConflictSelect) +
                              " WHERE c.store_id = $1 AND c.status = 'open'"
                              " ORDER BY c.created_at DESC, c.id LIMIT 500",
                          {ctx.session->store_id});
  if (!rows.ok()) return SendError(ctx.res, rows.status());
  Json list = Json::array();
  for (int i = 0; i < rows->size(); ++i) list.push_back(ConflictJson(*rows, i));
  SendJson(ctx.res, 200, {{"conflicts", list}, {"total", list.size()}});
}

// The seller's choice for a conflict: parsed here, decided by the core (vendly/conflict.h), the
// product and the conflict written in one transaction.
void ResolveConflict(App& app, RequestContext& ctx) {
  const std::string conflict_id = ctx.req.matches[1];
  const std::string& store_id = ctx.session->store_id;
  auto body = ParseJsonObject(ctx.req);
  if (!body.ok()) return SendError(ctx.res, body.status());
  auto name = RequireString(*body, "choice", 1, 20);
  if (!name.ok()) return SendError(ctx.res, name.status());
  const auto value = body->find("value");
  auto choice = vendly::ReadSellerChoice(*name, value == body->end() ? nullptr : &*value);
  if (!choice.ok()) return SendError(ctx.res, choice.status());

  Json answer;
  std::vector<vendly::FieldError> field_errors;
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    auto c = conn.Exec(
        "SELECT id, product_id, field, instagram_value, status FROM sync_conflict"
        " WHERE id = $1 AND store_id = $2 FOR UPDATE",
        {conflict_id, store_id});
    if (!c.ok()) return c.status();
    if (c->empty()) return Status::NotFound("conflict not found");
    const vendly::Conflict conflict{c->Text(0, "field"),
                                    JsonColumn(*c, 0, "instagram_value", nullptr),
                                    c->Text(0, "status") == "open"};
    const std::string product_id = c->Text(0, "product_id");
    auto product = conn.Exec(std::string("SELECT ") + kOursColumns +
                                 " FROM product p WHERE p.id = $1 AND p.store_id = $2 FOR UPDATE",
                             {product_id, store_id});
    if (!product.ok()) return product.status();
    if (product->empty()) return Status::NotFound("product not found");
    const vendly::ConflictDecision decision = vendly::ResolveConflict(
        conflict, vendly::DraftFromJson(ProductAsDraft(*product, 0)).draft, *choice);
    field_errors = decision.errors;
    if (!decision.status.ok()) return decision.status;
    Status written =
        WriteProductDraft(conn, store_id, product_id, Json(vendly::DraftToJson(decision.product)));
    if (!written.ok()) return written;
    auto upd = conn.Exec(
        "UPDATE sync_conflict SET status = 'resolved', resolution = $3, resolved_value = $4::jsonb,"
        " resolved_at = now() WHERE id = $1 AND store_id = $2",
        {conflict_id, store_id, decision.resolution, decision.resolved_value.dump()});
    if (!upd.ok()) return upd.status();
    auto row = conn.Exec(std::string(kConflictSelect) + " WHERE c.id = $1", {conflict_id});
    if (!row.ok()) return row.status();
    answer["conflict"] = ConflictJson(*row, 0);
    auto loaded = LoadProduct(conn, store_id, product_id);
    if (!loaded.ok()) return loaded.status();
    answer["product"] = *loaded;
    return Status::Ok();
  });
  if (!st.ok()) {
    if (st.code() == "validation_failed") {
      Json error = ErrorBody(st);
      error["errors"] = vendly::ToApiJson(Json(vendly::ErrorsToJson(field_errors)));
      return SendJson(ctx.res, HttpStatusFor(st), error);
    }
    return SendError(ctx.res, st);
  }
  LogInfo("sync_conflict_resolved",
          {{"storeId", store_id}, {"conflictId", conflict_id}, {"choice", *name}});
  SendJson(ctx.res, 200, answer);
}

void ManualRefresh(App& app, RequestContext& ctx) {
  const std::string& store_id = ctx.session->store_id;
  Json answer;
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    auto c = conn.Exec("SELECT id, status FROM instagram_connection WHERE store_id = $1 FOR UPDATE",
                       {store_id});
    if (!c.ok()) return c.status();
    if (c->empty()) return Status::Conflict("not_connected", "connect an Instagram account first");
    if (c->Text(0, "status") != "active")
      return Status::Conflict(
          "connection_expired",
          "the Instagram connection needs attention: reconnect it, then refresh");
    const std::string connection_id = c->Text(0, "id");
    // A refresh already waiting or running answers for this one too.
    auto active = ActiveJobPayload(conn, ManualPollKey(connection_id));
    if (!active.ok()) return active.status();
    if (*active && (**active).contains("syncId") && (**active)["syncId"].is_string()) {
      answer = {{"syncId", (**active)["syncId"]}, {"status", "queued"}, {"alreadyQueued", true}};
      return Status::Ok();
    }
    auto sync = conn.Exec(
        "INSERT INTO instagram_sync_history (store_id, connection_id, sync_type, trigger_source,"
        " status) VALUES ($1, $2, 'manual_refresh', 'user_initiated', 'queued') RETURNING id",
        {store_id, connection_id});
    if (!sync.ok()) return sync.status();
    const std::string sync_id = sync->Text(0, "id");
    JobSpec job;
    job.kind = "poll";
    job.store_id = store_id;
    job.dedupe_key = ManualPollKey(connection_id);
    job.priority = 5;
    job.max_attempts = 3;
    job.payload = {{"connectionId", connection_id},
                   {"storeId", store_id},
                   {"trigger", "manual"},
                   {"syncId", sync_id}};
    auto queued = EnqueueJob(conn, job);
    if (!queued.ok()) return queued.status();
    auto linked = conn.Exec(
        "UPDATE instagram_sync_history SET metadata = jsonb_build_object('jobId', $2::text)"
        " WHERE id = $1",
        {sync_id, *queued});
    if (!linked.ok()) return linked.status();
    answer = {{"syncId", sync_id}, {"status", "queued"}, {"alreadyQueued", false}};
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
