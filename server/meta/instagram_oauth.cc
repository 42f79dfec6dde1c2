#include "meta/instagram_oauth.h"

#include "app/log.h"
#include "crypto/crypto.h"
#include "jobs/poll.h"
#include "store/connection_store.h"
#include "store/job_store.h"
#include "store/notification_store.h"
#include "store/usage_store.h"
#include "vendly/linking.h"
#include "vendly/notices.h"
#include "vendly/throttle.h"

namespace vendly::server {
namespace {

constexpr int kStateMinutes = 10;
// The throttle's doors (AddressThrottle, vendly/throttle.h).
constexpr const char* kStartDoor = "oauth_start";
constexpr const char* kCallbackDoor = "oauth_callback";

// Counts an attempt at `door` from this client; false (and 429 answered) when it must wait.
bool PassThrottle(App& app, RequestContext& ctx, const char* door,
                  const vendly::ThrottleRule& rule) {
  const int wait = app.address_throttle.Take(door, ctx.client_address, rule);
  if (wait == 0) return true;
  LogWarn("oauth_throttled", {{"door", door}, {"retryAfterSeconds", wait}});
  SendTooManyAttempts(ctx.res, wait);
  return false;
}

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
  if (!PassThrottle(app, ctx, kStartDoor, vendly::kOAuthStartAddressRule)) return;
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

// Where a step of the callback stops it: an error the seller sees (FinishCallback), or a server
// error answered as is.
struct Halt {
  Halt(CallbackError e) : error(std::move(e)) {}  // NOLINT: implicit on purpose
  Halt(Status s) : internal(std::move(s)) {}      // NOLINT
  std::optional<CallbackError> error;
  Status internal = Status::Ok();
};
using Step = std::optional<Halt>;  // nullopt: go on

// Parse and verify: consumes the single-use, unexpired state and checks it is the signed-in
// seller's; *login is what AuthUrl recorded.
Step ConsumeState(App& app, const RequestContext& ctx, OAuthState* login) {
  const std::string state = ctx.req.get_param_value("state");
  if (state.empty() || state.size() > 256)
    return CallbackError{"invalid_state", "the sign-in link is missing its state; connect again",
                         400};
  auto lookup = ConsumeOAuthState(app.db, Sha256Hex(state));
  if (!lookup.ok()) return lookup.status();
  if (!lookup->consumed) {
    if (!lookup->known)
      return CallbackError{"invalid_state", "this sign-in link is not valid; connect again", 400};
    if (lookup->used)
      return CallbackError{"state_used", "this sign-in link was already used; connect again", 400};
    return CallbackError{"state_expired", "the sign-in took longer than 10 minutes; connect again",
                         400};
  }
  // A state the server issued: this callback and the start it ends were no guess.
  app.address_throttle.GiveBack(kCallbackDoor, ctx.client_address,
                                vendly::kOAuthCallbackAddressRule);
  app.address_throttle.GiveBack(kStartDoor, ctx.client_address, vendly::kOAuthStartAddressRule);
  if (ctx.session && ctx.session->seller_id != lookup->consumed->seller_id)
    return CallbackError{"state_mismatch", "this sign-in was started by another account", 403};
  *login = *lookup->consumed;
  return std::nullopt;
}

// Parse: Facebook Login's answer, the authorization code unless the seller declined or it failed.
Step ReadCode(const httplib::Request& req, std::string* code) {
  if (!req.get_param_value("error").empty() || !req.get_param_value("error_reason").empty()) {
    const std::string reason = req.get_param_value("error_reason");
    if (req.get_param_value("error") == "access_denied" || reason == "user_denied")
      return CallbackError{"consent_declined",
                           "Instagram access was not granted. Connect again and allow the "
                           "requested permissions to import your posts",
                           400};
    return CallbackError{"oauth_error", "Facebook Login did not complete; connect again", 400};
  }
  *code = req.get_param_value("code");
  if (code->empty() || code->size() > 2048)
    return CallbackError{"invalid_request", "the sign-in answer has no authorization code", 400};
  return std::nullopt;
}

// The Facebook user the code signs in.
struct SignedIn {
  OAuthToken token;  // the user token
  std::string fb_user_id;
};

Step SignIn(InstagramPlatform& platform, const std::string& code, const std::string& redirect_uri,
            SignedIn* user) {
  auto token = platform.ExchangeCode(code, redirect_uri);
  if (!token.ok()) {
    if (token.error.kind == GraphErrorKind::kOther ||
        token.error.kind == GraphErrorKind::kTokenInvalid ||
        token.error.kind == GraphErrorKind::kBadResponse)
      return CallbackError{"code_invalid",
                           "Meta refused the authorization code (it expired or was already "
                           "used); connect again",
                           400};
    return FromGraph(token.error, "code exchange");
  }
  auto user_id = platform.UserId(token.value->access_token);
  if (!user_id.ok()) return FromGraph(user_id.error, "user");
  *user = {*token.value, *user_id.value};
  return std::nullopt;
}

// Respond: what the seller is told when the core links no account.
CallbackError LinkError(const vendly::LinkDecision& decision) {
  const std::string code = vendly::LinkOutcomeCode(decision.outcome);
  switch (decision.outcome) {
    case vendly::LinkOutcome::kNoPages:
      return {code,
              "no Facebook Page was shared. Connect again and select the Page linked to your "
              "Instagram professional account",
              400};
    case vendly::LinkOutcome::kNoInstagramAccount:
      return {code,
              "the selected Facebook Page has no Instagram professional account linked. Link "
              "your Instagram account to the Page in Instagram's settings, then connect again",
              400};
    case vendly::LinkOutcome::kPageNotGranted:
      return {code,
              "the chosen Facebook Page was not shared, or has no Instagram account; connect "
              "again and select it",
              400};
    default: {
      Json pages = Json::array();
      for (const auto& p : decision.choices)
        pages.push_back({{"id", p.page_id}, {"name", p.page_name}});
      return {code,
              "several Facebook Pages with Instagram accounts were shared. Choose the Page of "
              "this store and connect again",
              400, pages};
    }
  }
}

// Decide: the Pages the login shared, and the core's choice among them (vendly/linking.h).
Step ChooseAccount(InstagramPlatform& platform, const SignedIn& user,
                   const std::optional<std::string>& wanted_page, LinkedAccount* account) {
  auto accounts = platform.LinkedAccounts(user.token.access_token);
  if (!accounts.ok()) return FromGraph(accounts.error, "pages");
  std::vector<vendly::PageCandidate> candidates;
  for (const auto& a : *accounts.value)
    candidates.push_back({a.page_id, a.page_name, a.ig_user_id});
  const vendly::LinkDecision decision = vendly::ChooseLinkedAccount(candidates, wanted_page);
  if (decision.outcome != vendly::LinkOutcome::kLink) return LinkError(decision);
  *account = (*accounts.value)[decision.chosen];
  return std::nullopt;
}

// The permissions the seller granted (Graph's me/permissions); empty when Graph does not say.
Json GrantedScopes(InstagramPlatform& platform, const std::string& user_token) {
  Json scopes = Json::array();
  auto perms = platform.graph().Get("me/permissions", {}, user_token);
  if (perms.ok())
    for (const std::string& permission : ReadGrantedPermissions(*perms.value))
      scopes.push_back(permission);
  return scopes;
}

// The connection to store: the account's username, the granted scopes, the webhook subscription
// (Page tokens only), the tokens sealed. Graph calls use the Page's token, else the user's.
Step DescribeGrant(App& app, InstagramPlatform& platform, const OAuthState& login,
                   const SignedIn& user, LinkedAccount account, ConnectionGrant* grant) {
  const std::string& user_token = user.token.access_token;
  const std::string& ig_token =
      account.page_access_token.empty() ? user_token : account.page_access_token;
  auto details = platform.Account(account.ig_user_id, ig_token);
  if (!details.ok()) return FromGraph(details.error, "Instagram account");
  if (details.value->contains("username") && (*details.value)["username"].is_string())
    account.ig_username = (*details.value)["username"];
  const Json scopes = GrantedScopes(platform, user_token);
  bool subscribed = false;
  if (!account.page_access_token.empty()) {
    auto sub = platform.SubscribeWebhooks(account);
    subscribed = sub.ok() && *sub.value;
    if (!sub.ok())
      LogWarn("instagram_webhook_subscribe_failed", {{"storeId", login.store_id},
                                                     {"kind", GraphErrorKindName(sub.error.kind)},
                                                     {"code", sub.error.code}});
  }
  *grant = {login.store_id,
            login.seller_id,
            platform.login_path(),
            user.fb_user_id,
            account.ig_user_id,
            account.ig_username,
            account.page_id,
            account.page_name,
            app.cipher.Seal(ig_token),
            app.cipher.Seal(user_token),
            app.cipher.key_id(),
            user.token.expires_in,
            scopes,
            subscribed};
  return std::nullopt;
}

// Apply: stores the connection and starts its sync.
Step SaveConnection(App& app, InstagramPlatform& platform, const ConnectionGrant& grant,
                    SavedConnection* saved) {
  auto upserted = UpsertConnection(app.db, grant);
  if (!upserted.ok()) {
    if (upserted.status().code() == "unique_violation")
      return CallbackError{"account_in_use",
                           "this Instagram account is already connected to another store", 409};
    return upserted.status();
  }
  *saved = *upserted;
  LogInfo("instagram_connected", {{"storeId", grant.store_id},
                                  {"connectionId", saved->id},
                                  {"webhookSubscribed", grant.webhook_subscribed},
                                  {"apiCallsUsed", platform.graph().calls_made()}});
  SaveUsage(app, saved->id, platform);
  // Sync starts (or resumes, after a reconnect) with a poll one minimum interval from now, so that
  // a scan the seller starts right away has the account's listing to itself; a failure here is
  // repaired by the poll scheduler within VENDLY_POLL_MAX_SECONDS.
  Status polling = app.db.Transaction([&](Conn& conn) {
    auto poll = SchedulePoll(conn, saved->id, grant.store_id,
                             std::chrono::seconds(app.config.poll_min_seconds));
    return poll.ok() ? Status::Ok() : poll.status();
  });
  if (!polling.ok())
    LogWarn("instagram_poll_enqueue_failed",
            {{"storeId", grant.store_id}, {"error", polling.message()}});
  return std::nullopt;
}

// Facebook Login's redirect: verify the state, read the code, sign in, choose the account (the
// core), store the connection, answer.
void Callback(App& app, RequestContext& ctx) {
  auto halt = [&](const Halt& h) {
    if (!h.error) return SendError(ctx.res, h.internal);
    LogWarn("instagram_connect_failed", {{"errorCode", h.error->code}});
    FinishCallback(app, ctx, h.error, Json());
  };
  if (!PassThrottle(app, ctx, kCallbackDoor, vendly::kOAuthCallbackAddressRule)) return;
  OAuthState login;
  if (Step s = ConsumeState(app, ctx, &login)) return halt(*s);
  std::string code;
  if (Step s = ReadCode(ctx.req, &code)) return halt(*s);
  auto platform = app.new_platform();
  SignedIn user;
  if (Step s = SignIn(*platform, code, login.redirect_uri, &user)) return halt(*s);
  LinkedAccount account;
  if (Step s = ChooseAccount(*platform, user, login.page_id, &account)) return halt(*s);
  ConnectionGrant grant;
  if (Step s = DescribeGrant(app, *platform, login, user, account, &grant)) return halt(*s);
  SavedConnection saved;
  if (Step s = SaveConnection(app, *platform, grant, &saved)) return halt(*s);
  FinishCallback(app, ctx, std::nullopt,
                 {{"id", saved.id}, {"igUsername", saved.ig_username}, {"status", saved.status}});
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
  // The Facebook sign-in's age: a reminder while the Page token works, never an expiry.
  std::optional<vendly::LoginReminder> reminder;
  if (s.login_path == "facebook_login" && s.login_age_seconds)
    reminder = vendly::LoginAgeReminder(*s.login_age_seconds);
  c["loginReminder"] = reminder ? Json{{"ageDays", reminder->age_days},
                                       {"lapsed", reminder->lapsed},
                                       {"message", reminder->message}}
                                : Json();
  return c;
}

void GetConnection(App& app, RequestContext& ctx) {
  auto summary = FindConnectionSummary(app.db, ctx.session->store_id);
  if (!summary.ok()) return SendError(ctx.res, summary.status());
  if (!*summary) return SendJson(ctx.res, 200, {{"connected", false}, {"connection", nullptr}});
  SendJson(ctx.res, 200, {{"connected", true}, {"connection", ConnectionJson(**summary)}});
}

// What disconnecting undid on Meta's side, best effort (our row is gone either way): "revoked",
// "failed" (Meta refused or could not be reached), or "skipped" (nothing to undo; the grant is also
// kept while another store's connection signed in by the same Facebook user still needs it).
struct MetaRevocation {
  std::string grant = "skipped";
  std::string subscription = "skipped";
  bool kept() const { return grant == "failed" || subscription == "failed"; }
};

// The Page's webhook subscription first (it needs the Page token, which revoking the grant ends),
// then the grant (DELETE /{user-id}/permissions with the app token).
MetaRevocation RevokeAtMeta(App& app, const RemovedConnection& removed) {
  MetaRevocation done;
  if (removed.login_path != "facebook_login") return done;
  auto platform = app.new_platform();
  std::optional<std::string> page_token;
  if (removed.sealed_token) page_token = app.OpenToken(*removed.sealed_token, removed.token_key_id);
  if (removed.page_id) {
    GraphOutcome<bool> sub = GraphOutcome<bool>::Fail({});
    if (page_token)
      sub = platform->UnsubscribeWebhooks({*removed.page_id, "", *page_token, "", ""});
    done.subscription = sub.ok() && *sub.value ? "revoked" : "failed";
  }
  if (removed.fb_user_id && removed.others_of_user == 0) {
    auto grant = platform->RevokeGrant(*removed.fb_user_id);
    done.grant = grant.ok() && *grant.value ? "revoked" : "failed";
  }
  return done;
}

void DeleteConnection(App& app, RequestContext& ctx) {
  auto removed = RemoveConnection(app.db, ctx.session->store_id);
  if (!removed.ok()) return SendError(ctx.res, removed.status());
  if (!*removed)
    return SendError(ctx.res, 404, "not_connected", "no Instagram account is connected");
  (void)CancelStoreJobs(app.db, ctx.session->store_id, "");
  const MetaRevocation meta = RevokeAtMeta(app, **removed);
  LogInfo("instagram_disconnected", {{"storeId", ctx.session->store_id},
                                     {"connectionId", (*removed)->id},
                                     {"grant", meta.grant},
                                     {"subscription", meta.subscription}});
  SendJson(ctx.res, 200,
           {{"success", true},
            {"message", vendly::DisconnectedMessage(meta.kept())},
            {"meta", {{"grant", meta.grant}, {"subscription", meta.subscription}}}});
}

void ValidateConnection(App& app, RequestContext& ctx) {
  auto conn = LoadConnection(app, ctx.session->store_id);
  if (!conn.ok()) return SendError(ctx.res, conn.status());
  auto platform = app.new_platform();
  auto error = CheckConnectionToken(app, *platform, *conn);
  if (!error.ok()) return SendError(ctx.res, error.status());
  if (*error) {
    const GraphError& e = **error;
    if (e.kind == GraphErrorKind::kThrottled)
      ctx.res.set_header("Retry-After", std::to_string(e.retry_after_seconds));
    if (e.kind != GraphErrorKind::kTokenInvalid && e.kind != GraphErrorKind::kPermission) {
      CallbackError answer = FromGraph(e, "validation");
      return SendError(ctx.res, answer.status, answer.code, answer.message);
    }
  }
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

Result<std::optional<GraphError>> CheckConnectionToken(App& app, InstagramPlatform& platform,
                                                       const StoredConnection& connection) {
  auto account = platform.Account(connection.ig_user_id, connection.access_token);
  SaveUsage(app, connection.id, platform);
  if (!account.ok()) {
    Status recorded = RecordConnectionError(app, connection, account.error);
    if (!recorded.ok()) return recorded;
    return std::optional<GraphError>(account.error);
  }
  std::string username = connection.ig_username;
  if (account.value->contains("username") && (*account.value)["username"].is_string())
    username = (*account.value)["username"];
  Status validated = MarkConnectionValidated(app.db, connection.id, connection.store_id, username);
  if (!validated.ok()) return validated;
  return std::optional<GraphError>();
}

Status RecordConnectionError(App& app, const StoredConnection& connection,
                             const GraphError& error) {
  const std::string kind = GraphErrorKindName(error.kind);
  if (error.kind == GraphErrorKind::kTokenInvalid) {
    LogWarn("instagram_token_invalid", {{"storeId", connection.store_id},
                                        {"connectionId", connection.id},
                                        {"subcode", error.subcode}});
    return app.db.Transaction([&](Conn& conn) -> Status {
      auto expired = MarkConnectionExpired(conn, connection.id, connection.store_id,
                                           "token_invalid_" + std::to_string(error.subcode),
                                           vendly::TokenInvalidAdvice(error.subcode));
      if (!expired.ok()) return expired.status();
      if (!*expired) return Status::Ok();  // already expired: notified before
      auto jobs = CancelStoreJobs(conn, connection.store_id, "token_invalid");
      if (!jobs.ok()) return jobs.status();
      const vendly::Notice notice = vendly::ConnectionExpiredNotice(error.subcode);
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
