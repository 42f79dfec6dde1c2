#include "jobs/token_refresh.h"

#include <optional>
#include <string>

#include "app/app.h"
#include "app/log.h"
#include "jobs/graph_errors.h"
#include "jobs/queue.h"
#include "meta/instagram_oauth.h"
#include "store/connection_store.h"

namespace vendly::server {
namespace {

constexpr int kTokenRefreshDays = 7;
constexpr int kTokenRefreshEverySeconds = 3600;
constexpr int kTokensPerRun = 100;

enum class Refresh { kRefreshed, kExpired, kFailed };

// Exchanges one connection's user token (fb_exchange_token) and stores the new one. A Graph error
// is recorded on the connection (a rejected token expires it, RecordConnectionError) and judged by
// the core's Graph-error rule; a failure to store the new token is the job's to retry.
Result<Refresh> RefreshOne(App& app, const SealedConnection& due) {
  std::optional<std::string> token;
  if (due.sealed_token) token = app.OpenToken(*due.sealed_token, due.token_key_id);
  if (!token) {
    LogWarn("token_refresh_unreadable", {{"connectionId", due.id}});
    return Refresh::kFailed;
  }
  auto platform = app.new_platform();
  auto answer = platform->graph().Get("oauth/access_token",
                                      {{"grant_type", "fb_exchange_token"},
                                       {"client_id", app.config.meta_app_id},
                                       {"client_secret", app.config.meta_app_secret},
                                       {"fb_exchange_token", *token}},
                                      "");
  if (!answer.ok()) {
    const StoredConnection c{due.id, due.store_id, due.ig_user_id, due.ig_username, "active", ""};
    (void)RecordConnectionError(app, c, answer.error);
    return DecideGraphError(app.config, answer.error).action ==
                   vendly::GraphAction::kConnectionExpired
               ? Refresh::kExpired
               : Refresh::kFailed;
  }
  const Json& body = *answer.value;
  if (!body.contains("access_token") || !body["access_token"].is_string()) return Refresh::kFailed;
  std::optional<long long> expires_in;
  if (body.contains("expires_in") && body["expires_in"].is_number())
    expires_in = body["expires_in"].get<long long>();
  Status saved = SaveRefreshedUserToken(app.db, due.id,
                                        app.cipher.Seal(body["access_token"].get<std::string>()),
                                        app.cipher.key_id(), expires_in);
  if (!saved.ok()) return saved;
  return Refresh::kRefreshed;
}

// Long-lived user tokens within kTokenRefreshDays of expiry are exchanged for fresh ones.
JobOutcome RunTokenRefresh(JobContext& ctx) {
  App& app = ctx.app();
  auto due = UserTokensDue(app.db, kTokenRefreshDays, kTokensPerRun);
  if (!due.ok()) return JobOutcome::Retry(due.status().message());
  int refreshed = 0, expired = 0, failed = 0;
  for (const SealedConnection& connection : *due) {
    auto done = RefreshOne(app, connection);
    if (!done.ok()) return JobOutcome::Retry(done.status().message());
    (*done == Refresh::kRefreshed ? refreshed : *done == Refresh::kExpired ? expired : failed)++;
  }
  if (refreshed + expired + failed > 0)
    LogInfo("token_refresh", {{"refreshed", refreshed}, {"expired", expired}, {"failed", failed}});
  return JobOutcome::Succeeded(
      {{"refreshed", refreshed}, {"expired", expired}, {"failed", failed}});
}

}  // namespace

void RegisterTokenRefreshJobs(JobRunner& runner, App& app) {
  (void)app;
  runner.Register("token_refresh", RunTokenRefresh);
  runner.Schedule("token_refresh", std::chrono::seconds(kTokenRefreshEverySeconds));
}

}  // namespace vendly::server
