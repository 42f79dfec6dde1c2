// Meta's webhook deliveries for object "instagram", read: the signature over the raw bytes, the
// nesting guard, and the changes a delivery carries. Pure parsing (no database, no sockets), so the
// fuzz targets (tests/fuzz) call exactly what POST /api/webhooks/instagram calls; meta/webhooks.h
// stores the changes and runs the jobs.
#ifndef VENDLY_SERVER_WEBHOOK_PAYLOAD_H_
#define VENDLY_SERVER_WEBHOOK_PAYLOAD_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/status.h"
#include "store/webhook_store.h"  // WebhookChange

namespace vendly::server {

enum class SignatureCheck {
  kValid,
  kMissing,    // no X-Hub-Signature-256 header
  kMalformed,  // not "sha256=" followed by 64 hex digits
  kMismatch,   // well formed, but not the HMAC of this body under this secret
};

// Checks `header` (the X-Hub-Signature-256 value) against HMAC-SHA256(app_secret, raw_body). The
// digest comparison takes the same time wherever the first difference is; hex digits may be upper
// or lower case.
SignatureCheck CheckHubSignature(std::string_view app_secret, std::string_view raw_body,
                                 std::string_view header);

// The changes of a delivery body that parsed as a JSON object, in delivery order. 400
// invalid_request when it is not {"object": string, "entry": array}; that shape can never become
// valid, so nothing of it is stored. Inside a well-formed body, a malformed entry or change (not an
// object, no field) becomes an unhandled change with its reason rather than failing the whole
// delivery: a signed batch of 1000 changes is never refused because of one of them. A body of
// another object ("page", "user") yields unhandled changes too: signed by Meta, so acknowledged and
// kept, but not acted on.
Result<std::vector<WebhookChange>> ExtractWebhookChanges(const nlohmann::json& body);

// The deepest nesting of arrays and objects in `text` (a JSON text; strings are skipped). Bodies
// nested deeper than kMaxWebhookNesting are refused before parsing: nothing Meta sends comes near,
// and re-serialising such a value would recurse that deep.
int JsonNestingDepth(std::string_view text);
inline constexpr int kMaxWebhookNesting = 64;

// A signed delivery body read as POST /api/webhooks/instagram reads it: refused (400
// invalid_request) when nested deeper than kMaxWebhookNesting, when it is not a JSON object
// (ParseJsonBody) or not of the shape ExtractWebhookChanges needs; else its object and changes.
struct WebhookDelivery {
  std::string object;
  std::vector<WebhookChange> changes;
};
Result<WebhookDelivery> ReadWebhookDelivery(std::string_view body, std::string_view content_type);

// Fields that ask for work: a comment or a mention shows the account is active, and the plan's
// "media" field names a post. Everything else Meta can send (story_insights, live_comments,
// messaging...) is kept as 'ignored'.
bool IsHandledWebhookField(const std::string& field);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_WEBHOOK_PAYLOAD_H_
