#include "meta/deletion.h"

#include "app/app.h"
#include "app/log.h"
#include "crypto/crypto.h"
#include "store/deletion_store.h"
#include "store/job_store.h"
#include "store/notification_store.h"
#include "vendly/notices.h"

namespace vendly::server {
namespace {

// Removes the Instagram data of every connection of `fb_user_id` and records the request.
Result<std::string> RemoveInstagramData(App& app, const std::string& fb_user_id,
                                        const std::string& kind) {
  const std::string code = HexEncode(RandomBytes(10));
  long removed = 0;
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    auto stores = StoresConnectedBy(conn, fb_user_id);
    if (!stores.ok()) return stores.status();
    for (const std::string& store_id : *stores) {
      auto cancelled = CancelStoreJobs(conn, store_id, "", /*running=*/true);
      if (!cancelled.ok()) return cancelled.status();
    }
    Status erased = EraseInstagramData(conn, fb_user_id);
    if (!erased.ok()) return erased;
    const vendly::Notice notice = vendly::InstagramDataRemovedNotice();
    for (const std::string& store_id : *stores) {
      Status noted = AddNotification(conn, store_id, {notice.kind, notice.title, notice.body});
      if (!noted.ok()) return noted;
    }
    auto deleted = DeleteConnectionsOf(conn, fb_user_id);
    if (!deleted.ok()) return deleted.status();
    removed = *deleted;
    return RecordDeletionRequest(conn, {code, kind, fb_user_id, removed});
  });
  if (!st.ok()) return st;
  LogInfo("meta_" + kind, {{"connectionsRemoved", removed}, {"confirmationCode", code}});
  return code;
}

void HandleSignedRequest(App& app, RequestContext& ctx, const std::string& kind) {
  auto payload =
      VerifySignedRequest(ctx.req.get_param_value("signed_request"), app.config.meta_app_secret);
  if (!payload.ok()) {
    LogWarn("meta_" + kind + "_rejected", {{"reason", "signature"}});
    return SendError(ctx.res, payload.status());
  }
  auto code = RemoveInstagramData(app, (*payload)["user_id"].get<std::string>(), kind);
  if (!code.ok()) return SendError(ctx.res, code.status());
  if (kind == "deauthorize") return SendJson(ctx.res, 200, {{"success", true}});
  SendJson(ctx.res, 200,
           {{"url", app.config.public_url + "/api/meta/data-deletion/status?" +
                        EncodeQuery({{"id", *code}})},
            {"confirmation_code", *code}});
}

void DeletionStatus(App& app, RequestContext& ctx) {
  const std::string code = ctx.req.get_param_value("id");
  if (code.empty() || code.size() > 64)
    return SendError(ctx.res, Status::InvalidRequest("id is required"));
  auto found = FindDeletionRequest(app.db, code);
  if (!found.ok()) return SendError(ctx.res, found.status());
  if (!*found) return SendError(ctx.res, Status::NotFound("no deletion request with this code"));
  const DeletionRequestRow& row = **found;
  SendJson(ctx.res, 200,
           {{"confirmationCode", row.request.confirmation_code},
            {"kind", row.request.kind},
            {"status", row.status},
            {"connectionsRemoved", row.request.connections_removed},
            {"requestedAt", row.requested_at},
            {"completedAt", row.completed_at ? Json(*row.completed_at) : Json()}});
}

}  // namespace

void RegisterDeletionRoutes(Router& router, App& app) {
  router.Post("/api/meta/data-deletion", Access::kPublic,
              [&app](RequestContext& c) { HandleSignedRequest(app, c, "data_deletion"); });
  router.Post("/api/meta/deauthorize", Access::kPublic,
              [&app](RequestContext& c) { HandleSignedRequest(app, c, "deauthorize"); });
  router.Get("/api/meta/data-deletion/status", Access::kPublic,
             [&app](RequestContext& c) { DeletionStatus(app, c); });
}

}  // namespace vendly::server
