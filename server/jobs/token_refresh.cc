#include "jobs/token_refresh.h"

#include <optional>
#include <string>

#include "app/app.h"
#include "app/log.h"
#include "jobs/queue.h"
#include "meta/instagram_oauth.h"
#include "store/connection_store.h"

namespace vendly::server {
namespace {

constexpr int kTokenCheckEverySeconds = 3600;
constexpr int kTokenCheckHours = 24;  // about once a day per connection
constexpr int kTokensPerRun = 100;

struct Tally {
  int valid = 0, expired = 0, failed = 0;
};

// Checks the Page tokens not checked for a day. A rejected token (190) expires its connection
// (CheckConnectionToken); any other failure leaves it due for the next run, and throttling stops
// this run (more calls only lengthen Meta's block).
JobOutcome RunTokenCheck(JobContext& ctx) {
  App& app = ctx.app();
  auto due = StoresDueForTokenCheck(app.db, kTokenCheckHours, kTokensPerRun);
  if (!due.ok()) return JobOutcome::Retry(due.status().message());
  Tally tally;
  for (const SealedConnection& c : *due) {
    std::optional<std::string> token;
    if (c.sealed_token) token = app.OpenToken(*c.sealed_token, c.token_key_id);
    if (!token) {
      LogWarn("token_check_unreadable", {{"connectionId", c.id}});
      ++tally.failed;
      continue;
    }
    auto platform = app.new_platform();
    auto error = CheckConnectionToken(
        app, *platform, {c.id, c.store_id, c.ig_user_id, c.ig_username, c.status, *token});
    if (!error.ok()) return JobOutcome::Retry(error.status().message());
    if (!*error) {
      ++tally.valid;
      continue;
    }
    ++((*error)->kind == GraphErrorKind::kTokenInvalid ? tally.expired : tally.failed);
    if ((*error)->kind == GraphErrorKind::kThrottled) break;
  }
  if (tally.valid + tally.expired + tally.failed > 0)
    LogInfo("token_check",
            {{"valid", tally.valid}, {"expired", tally.expired}, {"failed", tally.failed}});
  return JobOutcome::Succeeded(
      {{"valid", tally.valid}, {"expired", tally.expired}, {"failed", tally.failed}});
}

}  // namespace

void RegisterTokenRefreshJobs(JobRunner& runner, App& app) {
  (void)app;
  runner.Register("token_refresh", RunTokenCheck);
  runner.Schedule("token_refresh", std::chrono::seconds(kTokenCheckEverySeconds));
}

}  // namespace vendly::server
