#include "meta/instagram_oauth.h"

#include "app/log.h"
#include "crypto/crypto.h"
#include "jobs/poll.h"
#include "store/connection_store.h"
#include "store/job_store.h"
#include "store/notification_store.h"
#include "store/usage_store.h"
#include "vendly/notices.h"

namespace vendly::server {
namespace {

constexpr int kStateMinutes = 10;

// A failure of the callback: an error code the dashboard shows, a message, an HTTP status.
struct CallbackError {
  std::string code;
  std::string message;
  int status;
  Json pages = nullptr;  // multiple_pages: the Pages to choose from (JSON answers only)
};

void FinishCallback(App& app, RequestContext& ctx, const std::optional<CallbackError>& error,
                    const Json& connection) {
  if (WantsJson(ctx.req)) {
    if (error) {
      Json body = {{"error", {{"code", error->code}, {"message", error->message}}}};
      if (!error->pages.is_null()) body["error"]["pages"] = error->pages;
      return SendJson(ctx.res, error->status, body);
    }
    return SendJson(ctx.res, 200, {{"success", true}, {"connection", connection}});
  }
  std::string target = app.config.dashboard_url + "/dashboard/settings/integrations?" +
                       (error ? EncodeQuery({{"error", error->code}}) : "connected=1");
  ctx.res.status = 302;
  ctx.res.set_header("Location", target);
  ctx.res.set_header("Cache-Control", "no-store");
  if (error)
    ctx.res.set_content(
        Json{{"error", {{"code", error->code}, {"message", error->message}}}}.dump(),
        "application/json");
}

CallbackError FromGraph(const GraphError& e, const char* during) {
  switch (e.kind) {
    case GraphErrorKind::kThrottled:
      return {"meta_rate_limited",
              "Meta is limiting requests right now; try again in a few minutes", 503};
    case GraphErrorKind::kTransient:
      return {"meta_unavailable", "Meta could not be reached; try again", 502};
    case GraphErrorKind::kTokenInvalid:
      return {"token_invalid", "Meta rejected the access token; connect again", 400};
    case GraphErrorKind::kPermission:
      return {"permission_missing",
              "a permission the connection needs was not granted; connect again and allow every "
              "requested permission",
              400};
    default:
      return {"meta_error", std::string("Meta refused the request (") + during + ")", 502};
  }
}

// Keeps the last usage Meta reported (X-App-Usage / X-Business-Use-Case-Usage) on the connection,
// so schedulers can see how close an account is to its limit.
void SaveUsage(App& app, const std::string& connection_id, InstagramPlatform& platform) {
  const GraphUsage& usage = platform.graph().last_usage();
  (void)SaveUsage(app.db, connection_id,
                  UsageReport{usage.raw, usage.max_percent(), usage.regain_access_minutes});
}

void AuthUrl(App& app, RequestContext& ctx) {
  const Session& s = *ctx.session;
  const std::string state = RandomToken();
  const std::string redirect_uri = OAuthRedirectUri(app.config);
  Param page_id;
  if (ctx.req.has_param("pageId")) {
    const std::string value = ctx.req.get_param_value("pageId");
    if (value.empty() || value.size() > 64 ||
        value.find_first_not_of(
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-") !=
            std::string::npos)
      return SendError(ctx.res, Status::InvalidRequest("pageId must be a Facebook Page id"));
    page_id = value;
  }
  Status ins = InsertOAuthState(
      app.db, {Sha256Hex(state), s.seller_id, s.store_id, redirect_uri, page_id}, kStateMinutes);
  if (!ins.ok()) return SendError(ctx.res, ins);
  (void)PurgeOAuthStates(app.db);
  auto platform = app.new_platform();
  SendJson(ctx.res, 200,
           {{"authUrl", platform->AuthorizeUrl(state, redirect_uri)}, {"state", state}});
}

void Callback(App& app, RequestContext& ctx) {
  const auto& req = ctx.req;
  const std::string state = req.get_param_value("state");
  auto fail = [&](CallbackError e) {
    LogWarn("instagram_connect_failed", {{"errorCode", e.code}});
    FinishCallback(app, ctx, e, Json());
  };
  if (state.empty() || state.size() > 256)
    return fail({"invalid_state", "the sign-in link is missing its state; connect again", 400});

  // Consume the state: single-use and unexpired, in one statement.
  auto lookup = ConsumeOAuthState(app.db, Sha256Hex(state));
  if (!lookup.ok()) return SendError(ctx.res, lookup.status());
  if (!lookup->consumed) {
    if (!lookup->known)
      return fail({"invalid_state", "this sign-in link is not valid; connect again", 400});
    if (lookup->used)
      return fail({"state_used", "this sign-in link was already used; connect again", 400});
    return fail({"state_expired", "the sign-in took longer than 10 minutes; connect again", 400});
  }
  const std::string seller_id = lookup->consumed->seller_id;
  const std::string store_id = lookup->consumed->store_id;
  const std::string redirect_uri = lookup->consumed->redirect_uri;
  const std::optional<std::string> wanted_page = lookup->consumed->page_id;
  if (ctx.session && ctx.session->seller_id != seller_id)
    return fail({"state_mismatch", "this sign-in was started by another account", 403});

  if (!req.get_param_value("error").empty() || !req.get_param_value("error_reason").empty()) {
    const std::string reason = req.get_param_value("error_reason");
    if (req.get_param_value("error") == "access_denied" || reason == "user_denied")
      return fail({"consent_declined",
                   "Instagram access was not granted. Connect again and allow the requested "
                   "permissions to import your posts",
                   400});
    return fail({"oauth_error", "Facebook Login did not complete; connect again", 400});
  }
  const std::string code = req.get_param_value("code");
  if (code.empty() || code.size() > 2048)
    return fail({"invalid_request", "the sign-in answer has no authorization code", 400});

  auto platform = app.new_platform();
  auto token = platform->ExchangeCode(code, redirect_uri);
  if (!token.ok()) {
    if (token.error.kind == GraphErrorKind::kOther ||
        token.error.kind == GraphErrorKind::kTokenInvalid ||
        token.error.kind == GraphErrorKind::kBadResponse)
      return fail({"code_invalid",
                   "Meta refused the authorization code (it expired or was already used); connect "
                   "again",
                   400});
    return fail(FromGraph(token.error, "code exchange"));
  }
  const std::string user_token = token.value->access_token;
  auto user_id = platform->UserId(user_token);
  if (!user_id.ok()) return fail(FromGraph(user_id.error, "user"));
  auto accounts = platform->LinkedAccounts(user_token);
  if (!accounts.ok()) return fail(FromGraph(accounts.error, "pages"));
  if (accounts.value->empty())
    return fail({"no_pages",
                 "no Facebook Page was shared. Connect again and select the Page linked to your "
                 "Instagram professional account",
                 400});
  std::vector<LinkedAccount> with_ig;
  for (const auto& a : *accounts.value)
    if (!a.ig_user_id.empty()) with_ig.push_back(a);
  if (with_ig.empty())
    return fail({"no_instagram_account",
                 "the selected Facebook Page has no Instagram professional account linked. Link "
                 "your Instagram account to the Page in Instagram's settings, then connect again",
                 400});
  if (wanted_page) {
    std::vector<LinkedAccount> chosen;
    for (const auto& a : with_ig)
      if (a.page_id == *wanted_page) chosen.push_back(a);
    if (chosen.empty())
      return fail({"page_not_granted",
                   "the chosen Facebook Page was not shared, or has no Instagram account; connect "
                   "again and select it",
                   400});
    with_ig = chosen;
  }
  if (with_ig.size() > 1) {
    Json pages = Json::array();
    for (const auto& a : with_ig) pages.push_back({{"id", a.page_id}, {"name", a.page_name}});
    return fail({"multiple_pages",
                 "several Facebook Pages with Instagram accounts were shared. Choose the Page of "
                 "this store and connect again",
                 400, pages});
  }
  LinkedAccount account = with_ig.front();
  const std::string& ig_token =
      account.page_access_token.empty() ? user_token : account.page_access_token;
  auto details = platform->Account(account.ig_user_id, ig_token);
  if (!details.ok()) return fail(FromGraph(details.error, "Instagram account"));
  if (details.value->contains("username") && (*details.value)["username"].is_string())
    account.ig_username = (*details.value)["username"];

  Json scopes = Json::array();
  auto perms = platform->graph().Get("me/permissions", {}, user_token);
  if (perms.ok() && perms.value->contains("data") && (*perms.value)["data"].is_array()) {
    for (const auto& p : (*perms.value)["data"])
      if (p.is_object() && p.value("status", "") == "granted" && p.contains("permission") &&
          p["permission"].is_string())
        scopes.push_back(p["permission"]);
  }

  bool subscribed = false;
  if (!account.page_access_token.empty()) {
    auto sub = platform->SubscribeWebhooks(account);
    subscribed = sub.ok() && *sub.value;
    if (!sub.ok())
      LogWarn("instagram_webhook_subscribe_failed", {{"storeId", store_id},
                                                     {"kind", GraphErrorKindName(sub.error.kind)},
                                                     {"code", sub.error.code}});
  }

  auto saved = UpsertConnection(
      app.db, {store_id, seller_id, platform->login_path(), *user_id.value, account.ig_user_id,
               account.ig_username, account.page_id, account.page_name, app.cipher.Seal(ig_token),
               app.cipher.Seal(user_token), app.cipher.key_id(), token.value->expires_in, scopes,
               subscribed});
  if (!saved.ok()) {
    if (saved.status().code() == "unique_violation")
      return fail(
          {"account_in_use", "this Instagram account is already connected to another store", 409});
    return SendError(ctx.res, saved.status());
  }
  LogInfo("instagram_connected", {{"storeId", store_id},
                                  {"connectionId", saved->id},
                                  {"webhookSubscribed", subscribed},
                                  {"apiCallsUsed", platform->graph().calls_made()}});
  SaveUsage(app, saved->id, *platform);
  // Sync starts (or resumes, after a reconnect) with a poll one minimum interval from now, so that
  // a scan the seller starts right away has the account's listing to itself; a failure here is
  // repaired by the poll scheduler within VENDLY_POLL_MAX_SECONDS.
  Status polling = app.db.Transaction([&](Conn& conn) {
    auto poll =
        SchedulePoll(conn, saved->id, store_id, std::chrono::seconds(app.config.poll_min_seconds));
    return poll.ok() ? Status::Ok() : poll.status();
  });
  if (!polling.ok())
    LogWarn("instagram_poll_enqueue_failed", {{"storeId", store_id}, {"error", polling.message()}});
  FinishCallback(
      app, ctx, std::nullopt,
      {{"id", saved->id}, {"igUsername", saved->ig_username}, {"status", saved->status}});
}

Json ConnectionJson(const ConnectionSummary& s) {
  Json c = {{"id", s.id},
            {"igUsername", s.ig_username},
            {"igBusinessAccountId", s.ig_user_id},
            {"status", s.status},
            {"lastValidatedAt", s.last_validated_at ? Json(*s.last_validated_at) : Json()},
            {"webhookSubscribed", s.webhook_subscribed}};
  if (s.fb_page_name) c["fbPageName"] = *s.fb_page_name;
  if (s.error_code) {
    c["errorCode"] = *s.error_code;
    c["errorMessage"] = s.error_message;
  }
  return c;
}

void GetConnection(App& app, RequestContext& ctx) {
  auto summary = FindConnectionSummary(app.db, ctx.session->store_id);
  if (!summary.ok()) return SendError(ctx.res, summary.status());
  if (!*summary) return SendJson(ctx.res, 200, {{"connected", false}, {"connection", nullptr}});
  SendJson(ctx.res, 200, {{"connected", true}, {"connection", ConnectionJson(**summary)}});
}

void DeleteConnection(App& app, RequestContext& ctx) {
  auto removed = RemoveConnection(app.db, ctx.session->store_id);
  if (!removed.ok()) return SendError(ctx.res, removed.status());
  if (!*removed)
    return SendError(ctx.res, 404, "not_connected", "no Instagram account is connected");
  (void)CancelStoreJobs(app.db, ctx.session->store_id, "");
  LogInfo("instagram_disconnected",
          {{"storeId", ctx.session->store_id}, {"connectionId", **removed}});
  SendJson(ctx.res, 200, {{"success", true}, {"message", "Instagram account disconnected"}});
}

void ValidateConnection(App& app, RequestContext& ctx) {
  auto conn = LoadConnection(app, ctx.session->store_id);
  if (!conn.ok()) return SendError(ctx.res, conn.status());
  auto platform = app.new_platform();
  auto account = platform->Account(conn->ig_user_id, conn->access_token);
  if (!account.ok()) {
    Status recorded = RecordConnectionError(app, *conn, account.error);
    if (!recorded.ok()) return SendError(ctx.res, recorded);
    if (account.error.kind == GraphErrorKind::kThrottled)
      ctx.res.set_header("Retry-After", std::to_string(account.error.retry_after_seconds));
    if (account.error.kind != GraphErrorKind::kTokenInvalid &&
        account.error.kind != GraphErrorKind::kPermission) {
      CallbackError e = FromGraph(account.error, "validation");
      return SendError(ctx.res, e.status, e.code, e.message);
    }
  } else {
    std::string username = conn->ig_username;
    if (account.value->contains("username") && (*account.value)["username"].is_string())
      username = (*account.value)["username"];
    Status upd = MarkConnectionValidated(app.db, conn->id, conn->store_id, username);
    if (!upd.ok()) return SendError(ctx.res, upd);
  }
  SaveUsage(app, conn->id, *platform);
  GetConnection(app, ctx);
}

}  // namespace

Result<StoredConnection> LoadConnection(App& app, const std::string& store_id) {
  auto row = FindConnection(app.db, store_id);
  if (!row.ok()) return row.status();
  if (!*row)
    return Status(StatusKind::kNotFound, "not_connected", "no Instagram account is connected");
  const SealedConnection& c = **row;
  std::optional<std::string> token;
  if (c.sealed_token) token = app.OpenToken(*c.sealed_token, c.token_key_id);
  if (!token) return Status::Internal("the stored token cannot be decrypted with VENDLY_TOKEN_KEY");
  return StoredConnection{c.id, c.store_id, c.ig_user_id, c.ig_username, c.status, *token};
}

Status RecordConnectionError(App& app, const StoredConnection& connection,
                             const GraphError& error) {
  const std::string kind = GraphErrorKindName(error.kind);
  if (error.kind == GraphErrorKind::kTokenInvalid) {
    LogWarn("instagram_token_invalid", {{"storeId", connection.store_id},
                                        {"connectionId", connection.id},
                                        {"subcode", error.subcode}});
    return app.db.Transaction([&](Conn& conn) -> Status {
      auto expired = MarkConnectionExpired(
          conn, connection.id, connection.store_id,
          "token_invalid_" + std::to_string(error.subcode),
          "Meta no longer accepts this connection's token; reconnect Instagram");
      if (!expired.ok()) return expired.status();
      if (!*expired) return Status::Ok();  // already expired: notified before
      auto jobs = CancelStoreJobs(conn, connection.store_id, "token_invalid");
      if (!jobs.ok()) return jobs.status();
      const vendly::Notice notice = vendly::ConnectionExpiredNotice();
      return AddNotification(
          conn, connection.store_id,
          {notice.kind, notice.title, notice.body, {{"connectionId", connection.id}}});
    });
  }
  return RecordConnectionFailure(app.db, connection.id, connection.store_id, kind,
                                 error.message.substr(0, 500),
                                 error.kind == GraphErrorKind::kPermission);
}

void RegisterInstagramRoutes(Router& router, App& app) {
  router.Get("/api/instagram/auth/url", Access::kSession,
             [&app](RequestContext& c) { AuthUrl(app, c); });
  router.Get("/api/instagram/auth/callback", Access::kPublic,
             [&app](RequestContext& c) { Callback(app, c); });
  router.Get("/api/instagram/connection", Access::kSession,
             [&app](RequestContext& c) { GetConnection(app, c); });
  router.Delete("/api/instagram/connection", Access::kSession,
                [&app](RequestContext& c) { DeleteConnection(app, c); });
  router.Post("/api/instagram/connection/validate", Access::kSession,
              [&app](RequestContext& c) { ValidateConnection(app, c); });
}

}  // namespace vendly::server
