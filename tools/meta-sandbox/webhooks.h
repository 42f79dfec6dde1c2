// Webhook deliveries as Meta makes them: JSON bodies for the `instagram` object (comments,
// mentions), signed with X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256(app secret, raw body),
// POSTed to a loopback URL; and the GET verification handshake (hub.mode, hub.challenge,
// hub.verify_token).
#ifndef VENDLY_SERVER_SANDBOX_WEBHOOKS_H_
#define VENDLY_SERVER_SANDBOX_WEBHOOKS_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace vendly::sandbox {

struct LoopbackUrl {
  std::string scheme_host_port;  // "http://127.0.0.1:8080"
  std::string path_and_query;    // "/api/webhooks/instagram"
};

// Accepts only http URLs whose host is 127.0.0.1, localhost or [::1]: the sandbox never calls out.
std::optional<LoopbackUrl> ParseLoopbackUrl(const std::string& url, std::string* error);

// "sha256=<lowercase hex HMAC-SHA256(secret, body)>".
std::string SignatureHeader(const std::string& secret, const std::string& body);

struct WebhookEvent {
  std::string kind;  // comments | mentions | live_comments
  std::string account_id;
  std::string media_id;
  std::string text;
  std::string from_username = "mteja_254";
  int64_t time = 0;
};

// The body Meta sends for one event:
// {"object":"instagram","entry":[{"id","time","changes":[{"field","value"}]}]}.
nlohmann::json WebhookPayload(const WebhookEvent& event, const std::string& comment_id);

struct DeliveryResult {
  bool delivered = false;  // an HTTP answer came back
  int status = 0;
  std::string body;   // the receiver's answer, cut to 2,000 bytes
  std::string error;  // when not delivered
};

// POSTs `body` with the given signature header (omitted when empty) and Meta's user agent.
DeliveryResult Deliver(const LoopbackUrl& url, const std::string& body,
                       const std::string& signature, int timeout_ms);

// Meta's signed_request for the deauthorize and data-deletion callbacks:
// base64url(HMAC-SHA256(secret, encoded payload)) "." base64url(payload), payload
// {"algorithm":"HMAC-SHA256","issued_at","user_id"}.
std::string SignedRequest(const std::string& secret, const std::string& user_id, int64_t issued_at);

// POSTs the form field signed_request=... to `url`, as Meta calls the two callbacks.
DeliveryResult PostSignedRequest(const LoopbackUrl& url, const std::string& signed_request,
                                 int timeout_ms);

// GET url?hub.mode=subscribe&hub.challenge=C&hub.verify_token=T, as Meta does when a callback URL
// is saved.
DeliveryResult Verify(const LoopbackUrl& url, const std::string& verify_token,
                      const std::string& challenge, int timeout_ms);

}  // namespace vendly::sandbox

#endif  // VENDLY_SERVER_SANDBOX_WEBHOOKS_H_
