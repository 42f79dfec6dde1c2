#include "app/app.h"

#include "app/log.h"
#include "media/media.h"
#include "routes/catalog.h"
#include "routes/sync.h"

namespace vendly::server {

App::App(Config cfg)
    : config(std::move(cfg)),
      db(config.database_url, config.db_pool_size),
      cipher(config.token_key) {
  for (const auto& key : config.previous_token_keys) previous_ciphers.emplace_back(key);
  new_platform = [this]() {
    FacebookLoginOptions options;
    options.graph.base_url = config.graph_url;
    options.graph.version = config.graph_version;
    options.graph.call_budget = config.graph_call_budget;
    options.login_url = config.login_url;
    options.app_id = config.meta_app_id;
    options.app_secret = config.meta_app_secret;
    options.scopes = config.oauth_scopes;
    return NewFacebookLoginPlatform(std::move(options));
  };
}

std::optional<std::string> App::OpenToken(const std::string& sealed,
                                          const std::string& key_id) const {
  if (key_id == cipher.key_id()) return cipher.Open(sealed, key_id);
  for (const auto& old : previous_ciphers)
    if (key_id == old.key_id()) return old.Open(sealed, key_id);
  return std::nullopt;
}

void RegisterHealthRoutes(Router& router, App& app) {
  router.Get("/healthz", Access::kPublic, [&app](RequestContext& ctx) {
    Status db = app.db.Ping();
    if (!db.ok()) {
      ctx.res.set_header("Retry-After", std::to_string(kUnavailableRetryAfterSeconds));
      return SendJson(ctx.res, 503, {{"status", "unavailable"}, {"database", "unreachable"}});
    }
    SendJson(ctx.res, 200, {{"status", "ok"}, {"database", "ok"}});
  });
}

void BuildServer(httplib::Server& server, Router& router, App& app) {
  HardenServer(server, app.config);
  router.set_allowed_origins(app.config.allowed_origins);
  router.set_trusted_proxies(app.config.trusted_proxies);
  RegisterHealthRoutes(router, app);
  RegisterAuthRoutes(router, app);
  RegisterStoreRoutes(router, app);
  RegisterInstagramRoutes(router, app);
  RegisterDeletionRoutes(router, app);
  RegisterWebhookRoutes(router, app);
  RegisterScanRoutes(router, app);
  RegisterDraftRoutes(router, app);
  RegisterNotificationRoutes(router, app);
  RegisterSyncRoutes(router, app);
  RegisterMediaRoutes(router, app);
  RegisterMetricsRoutes(router, app);
  RegisterOpenApiRoutes(router, app);
}

}  // namespace vendly::server
