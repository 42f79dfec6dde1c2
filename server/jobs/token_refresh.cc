#include "jobs/token_refresh.h"

#include <optional>
#include <string>

#include "app/app.h"
#include "app/log.h"
#include "crypto/crypto.h"
#include "jobs/queue.h"
#include "meta/instagram_oauth.h"

namespace vendly::server {
namespace {

constexpr int kTokenRefreshDays = 7;
constexpr int kTokenRefreshEverySeconds = 3600;

// Long-lived user tokens within kTokenRefreshDays of expiry are exchanged for fresh ones
// (fb_exchange_token); a 190 marks the connection expired (RecordConnectionError).
JobOutcome RunTokenRefresh(JobContext& ctx) {
  App& app = ctx.app();
  auto due = app.db.Exec(
      "SELECT id, store_id, ig_business_account_id, ig_username, user_token_ciphertext,"
      " user_token_key_id FROM instagram_connection WHERE status = 'active'"
      " AND user_token_ciphertext IS NOT NULL AND user_token_expires_at IS NOT NULL"
      " AND user_token_expires_at < now() + make_interval(days => $1::int) ORDER BY id LIMIT 100",
      {std::to_string(kTokenRefreshDays)});
  if (!due.ok()) return JobOutcome::Retry(due.status().message());
  int refreshed = 0, expired = 0, failed = 0;
  for (int i = 0; i < due->size(); ++i) {
    const std::string id = due->Text(i, "id");
    auto sealed = DecodeByteaHex(due->Text(i, "user_token_ciphertext"));
    std::optional<std::string> token;
    if (sealed) token = app.OpenToken(*sealed, due->Text(i, "user_token_key_id"));
    if (!token) {
      ++failed;
      LogWarn("token_refresh_unreadable", {{"connectionId", id}});
      continue;
    }
    auto platform = app.new_platform();
    auto answer = platform->graph().Get("oauth/access_token",
                                        {{"grant_type", "fb_exchange_token"},
                                         {"client_id", app.config.meta_app_id},
                                         {"client_secret", app.config.meta_app_secret},
                                         {"fb_exchange_token", *token}},
                                        "");
    if (!answer.ok()) {
      StoredConnection c{id,
                         due->Text(i, "store_id"),
                         due->Text(i, "ig_business_account_id"),
                         due->Text(i, "ig_username"),
                         "active",
                         ""};
      (void)RecordConnectionError(app, c, answer.error);
      (answer.error.kind == GraphErrorKind::kTokenInvalid ? expired : failed)++;
      continue;
    }
    const Json& body = *answer.value;
    if (!body.contains("access_token") || !body["access_token"].is_string()) {
      ++failed;
      continue;
    }
    Param expires_in;
    if (body.contains("expires_in") && body["expires_in"].is_number())
      expires_in = std::to_string(body["expires_in"].get<long long>());
    auto saved = app.db.Exec(
        "UPDATE instagram_connection SET user_token_ciphertext = $2::bytea, user_token_key_id = $3,"
        " user_token_expires_at = CASE WHEN $4::bigint IS NULL THEN NULL"
        "  ELSE now() + make_interval(secs => $4::bigint::double precision) END,"
        " last_validated_at = now(), updated_at = now() WHERE id = $1",
        {id, EncodeByteaHex(app.cipher.Seal(body["access_token"].get<std::string>())),
         app.cipher.key_id(), expires_in});
    if (!saved.ok()) return JobOutcome::Retry(saved.status().message());
    ++refreshed;
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
