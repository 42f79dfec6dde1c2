#include "meta/deletion.h"

#include "app/app.h"
#include "app/log.h"
#include "crypto/crypto.h"
#include "store/deletion_store.h"
#include "store/job_store.h"
#include "store/notification_store.h"
#include "vendly/notices.h"

namespace vendly::server {

Result<nlohmann::json> VerifySignedRequest(const std::string& signed_request,
                                           const std::string& app_secret) {
  const Status bad(StatusKind::kInvalidArgument, "invalid_signed_request",
                   "signed_request is missing or does not verify");
  if (signed_request.empty() || signed_request.size() > 8192) return bad;
  const std::size_t dot = signed_request.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 >= signed_request.size()) return bad;
  const std::string encoded_sig = signed_request.substr(0, dot);
  const std::string encoded_payload = signed_request.substr(dot + 1);
  auto sig = Base64UrlDecode(encoded_sig);
  if (!sig) return bad;
  if (!ConstantTimeEquals(*sig, HmacSha256(app_secret, encoded_payload))) return bad;
  auto payload_text = Base64UrlDecode(encoded_payload);
  if (!payload_text) return bad;
  nlohmann::json payload = nlohmann::json::parse(*payload_text, nullptr, false);
  if (payload.is_discarded() || !payload.is_object()) return bad;
  std::string algorithm = payload.value("algorithm", "");
  for (char& c : algorithm) c = char((c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c);
  if (algorithm != "HMAC-SHA256") return bad;
  if (payload.contains("user_id") && payload["user_id"].is_number_integer())
    payload["user_id"] = std::to_string(payload["user_id"].get<long long>());
  if (!payload.contains("user_id") || !payload["user_id"].is_string() ||
      payload["user_id"].get<std::string>().empty())
    return bad;
  return payload;
}

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
