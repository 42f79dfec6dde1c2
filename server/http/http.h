// The HTTP layer of the edge server: cpp-httplib hardening (toolchain-notes.md), JSON responses and
// errors ({"error":{"code","message"}}), JSON body parsing with type checks, cookies, and a router
// that wraps every handler: sessions are resolved before the handler runs, exceptions become JSON
// 500s.
#ifndef VENDLY_SERVER_HTTP_H_
#define VENDLY_SERVER_HTTP_H_

#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/config.h"
#include "app/status.h"
#include "http/json_body.h"
#include "store/db.h"
#include "vendly/request_policy.h"

namespace vendly::server {

using Json = nlohmann::json;

inline constexpr const char* kSessionCookie = "vendly_session";
// Meta's webhook deliveries: the one route with its own body limit (Config::webhook_payload_max).
inline constexpr const char* kWebhookDeliveryPath = "/api/webhooks/instagram";

// Applies the hardening: the core's security headers on every response (vendly::ApiSecurityHeaders;
// HSTS when VENDLY_PUBLIC_URL is https), tcp_nodelay, timeouts, a payload limit
// (webhook_payload_max on kWebhookDeliveryPath, payload_max elsewhere), chunked, compressed
// (Content-Encoding) and oversize bodies refused before they are read, JSON for every error status
// and for handler exceptions, and an access log line per request (path only: a query may hold an
// OAuth code). Request threads, keep-alive limits and the request head's limits are the connection
// front's (http/front.h), which vendly-server serves through.
void HardenServer(httplib::Server& server, const Config& config);

void SendJson(httplib::Response& res, int status, const Json& body);

// The one mapping from a Status kind to the HTTP status a handler answers with: invalid argument
// 400, unauthenticated 401, permission denied 403, not found 404, conflict 409, unsupported 415,
// rejected 422, internal 500, upstream 502, unavailable 503 (ok: 200).
int HttpStatusFor(StatusKind kind);
inline int HttpStatusFor(const Status& status) { return HttpStatusFor(status.kind()); }
// The one error shape: {"error":{"code","message"}}. A server error (Status::is_server_error)
// answers a generic code and text ("internal"/"internal error", or "unavailable"/"service
// temporarily unavailable" for 503): database and library messages never reach a client. Callers
// may add keys beside "error" (e.g. "errors" with field errors).
Json ErrorBody(const Status& status);
// ErrorBody(status) with HttpStatusFor(status); a server error's real message is logged first.
// A 503 (the database restarting, the pool exhausted) carries Retry-After:
// kUnavailableRetryAfterSeconds, so a client waits and tries again.
void SendError(httplib::Response& res, const Status& status);
inline constexpr int kUnavailableRetryAfterSeconds = 5;
void SendError(httplib::Response& res, int http_status, const std::string& code,
               const std::string& message);

// A throttled attempt (vendly/throttle.h): 429 too_many_attempts with Retry-After and
// retryAfterSeconds.
void SendTooManyAttempts(httplib::Response& res, int retry_after_seconds);

// The body as a JSON object (ParseJsonBody with the request's Content-Type). Errors: 400
// invalid_request for invalid UTF-8, malformed JSON, or a body that is not an object; 415
// unsupported_media_type for a multipart body.
Result<Json> ParseJsonObject(const httplib::Request& req);

// The value of cookie `name` from the Cookie header, if any.
std::optional<std::string> GetCookie(const httplib::Request& req, const std::string& name);
// True when the client asked for JSON (Accept contains application/json).
bool WantsJson(const httplib::Request& req);

struct Session {
  std::string seller_id;
  std::string store_id;
  std::string token_hash;
  bool by_cookie = false;  // resolved from the session cookie (else from a bearer token)
};

// Resolves the session of a request from `Authorization: Bearer <token>` or, when no bearer token
// is sent, the session cookie.
// nullopt when there is none or it is unknown or expired; an error only when the database fails.
Result<std::optional<Session>> ResolveSession(Db& db, const httplib::Request& req);

struct RequestContext {
  const httplib::Request& req;
  httplib::Response& res;
  std::optional<Session> session;  // always set for routes that require a session
  // Who sent the request, for per-address throttles: the peer, or behind a trusted proxy the
  // address X-Forwarded-For names (vendly::ClientAddress).
  std::string client_address;
};

enum class Access { kPublic, kSession };

// One registered route: its method, its pattern as given to the router (a regex for routes with
// path parameters) and who may call it. The authorization and OpenAPI tests read these, so a route
// added without a row in their tables fails them.
struct RouteInfo {
  std::string method;
  std::string pattern;
  Access access;
};

// The core's cross-site request rule (vendly::CheckCrossSiteRequest) on one request whose session
// is resolved: the verdict, from its method, credential, body, Content-Type, Origin and
// Sec-Fetch-Site headers.
// The client address of `req` behind `proxies` (vendly::ClientAddress over its X-Forwarded-For
// headers, in order).
std::string ClientAddressOf(const httplib::Request& req, const vendly::TrustedProxies& proxies);

vendly::RequestVerdict CheckBrowserRequest(const httplib::Request& req,
                                           const std::optional<Session>& session,
                                           const std::vector<std::string>& allowed_origins);

// Registers routes on a server. Every handler runs inside try/catch. Before the handler: a
// cookie-signed state change that is not from an allowed origin or not JSON answers 403 with the
// core's code (cross_site_request, json_required; CheckBrowserRequest), and a session route answers
// 401 {"error":{"code":"unauthorized"}} when the request carries no valid session.
class Router {
 public:
  using Handler = std::function<void(RequestContext&)>;
  Router(httplib::Server& server, Db& db) : server_(server), db_(db) {}

  // The origins a cookie-signed state change may come from (Config::allowed_origins); none by
  // default, when only `Sec-Fetch-Site: same-origin` vouches for a browser's request.
  void set_allowed_origins(std::vector<std::string> origins) {
    allowed_origins_ = std::move(origins);
  }

  // The reverse proxies whose X-Forwarded-For names the client (Config::trusted_proxies); none by
  // default, when the peer is the client.
  void set_trusted_proxies(vendly::TrustedProxies proxies) {
    trusted_proxies_ = std::move(proxies);
  }

  void Get(const std::string& pattern, Access access, Handler handler);
  void Post(const std::string& pattern, Access access, Handler handler);
  void Patch(const std::string& pattern, Access access, Handler handler);
  void Delete(const std::string& pattern, Access access, Handler handler);

  // Every route registered so far, in registration order.
  const std::vector<RouteInfo>& routes() const { return routes_; }

 private:
  httplib::Server::Handler Wrap(const std::string& method, const std::string& pattern,
                                Access access, Handler handler);
  httplib::Server& server_;
  Db& db_;
  std::vector<std::string> allowed_origins_;
  vendly::TrustedProxies trusted_proxies_;
  std::vector<RouteInfo> routes_;
};

}  // namespace vendly::server

#endif  // VENDLY_SERVER_HTTP_H_
