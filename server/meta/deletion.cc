#include "meta/deletion.h"

#include "app/app.h"
#include "app/log.h"
#include "crypto/crypto.h"
#include "store/job_store.h"

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
    const char* statements[] = {
        "DELETE FROM product_draft WHERE store_id IN"
        " (SELECT store_id FROM instagram_connection WHERE fb_user_id = $1)",
        "DELETE FROM instagram_webhook_event WHERE ig_user_id IN"
        " (SELECT ig_business_account_id FROM instagram_connection WHERE fb_user_id = $1)",
        "DELETE FROM media_asset WHERE ig_media_id IS NOT NULL AND store_id IN"
        " (SELECT store_id FROM instagram_connection WHERE fb_user_id = $1)",
        "UPDATE product SET source_caption = NULL, source_extraction = NULL, updated_at = now()"
        " WHERE source_type = 'instagram' AND store_id IN"
        " (SELECT store_id FROM instagram_connection WHERE fb_user_id = $1)",
        "INSERT INTO notification (store_id, kind, title, body)"
        " SELECT store_id, 'instagram_data_removed', 'Instagram disconnected',"
        " 'Your Instagram data was removed at your request through Facebook.'"
        " FROM instagram_connection WHERE fb_user_id = $1",
    };
    auto stores =
        conn.Exec("SELECT store_id FROM instagram_connection WHERE fb_user_id = $1", {fb_user_id});
    if (!stores.ok()) return stores.status();
    for (int i = 0; i < stores->size(); ++i) {
      auto cancelled = CancelStoreJobs(conn, stores->Text(i, "store_id"), "", /*running=*/true);
      if (!cancelled.ok()) return cancelled.status();
    }
    for (const char* sql : statements) {
      auto r = conn.Exec(sql, {fb_user_id});
      if (!r.ok()) return r.status();
    }
    auto del = conn.Exec("DELETE FROM instagram_connection WHERE fb_user_id = $1", {fb_user_id});
    if (!del.ok()) return del.status();
    removed = del->affected();
    auto rec = conn.Exec(
        "INSERT INTO data_deletion_request (confirmation_code, kind, fb_user_id, status,"
        " connections_removed, completed_at) VALUES ($1, $2, $3, 'completed', $4, now())",
        {code, kind, fb_user_id, std::to_string(removed)});
    return rec.ok() ? Status::Ok() : rec.status();
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
  auto rows = app.db.Exec(
      "SELECT confirmation_code, kind, status, connections_removed, iso_utc(created_at) AS"
      " requested_at, iso_utc(completed_at) AS completed_at FROM data_deletion_request"
      " WHERE confirmation_code = $1",
      {code});
  if (!rows.ok()) return SendError(ctx.res, rows.status());
  if (rows->empty())
    return SendError(ctx.res, Status::NotFound("no deletion request with this code"));
  SendJson(ctx.res, 200,
           {{"confirmationCode", rows->Text(0, "confirmation_code")},
            {"kind", rows->Text(0, "kind")},
            {"status", rows->Text(0, "status")},
            {"connectionsRemoved", rows->Int(0, "connections_removed")},
            {"requestedAt", rows->Text(0, "requested_at")},
            {"completedAt",
             rows->Get(0, "completed_at") ? Json(rows->Text(0, "completed_at")) : Json()}});
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
