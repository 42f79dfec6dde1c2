// Meta webhooks for object "instagram": the GET verification handshake. Deliveries (POST, signed
// with X-Hub-Signature-256, stored durably in instagram_webhook_event) come with the webhook issue.
#include "app.h"
#include "crypto.h"
#include "log.h"

namespace vendly::server {

void RegisterWebhookRoutes(Router& router, App& app) {
  router.Get("/api/webhooks/instagram", Access::kPublic, [&app](RequestContext& ctx) {
    const std::string mode = ctx.req.get_param_value("hub.mode");
    const std::string token = ctx.req.get_param_value("hub.verify_token");
    const std::string challenge = ctx.req.get_param_value("hub.challenge");
    if (mode != "subscribe" || challenge.empty() || challenge.size() > 256 ||
        !ConstantTimeEquals(token, app.config.webhook_verify_token)) {
      LogWarn("webhook_verify_rejected", {{"mode", mode}});
      return SendError(ctx.res, 403, "forbidden", "webhook verification failed");
    }
    LogInfo("webhook_verified");
    ctx.res.status = 200;
    ctx.res.set_content(challenge, "text/plain");
  });
}

}  // namespace vendly::server
