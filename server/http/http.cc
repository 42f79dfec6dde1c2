#include "http/http.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "app/log.h"
#include "crypto/crypto.h"
#include "http/metrics.h"
#include "store/seller_store.h"
#include "vendly/normalize.h"

namespace vendly::server {
namespace {

const char* CodeForStatus(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 408:
      return "request_timeout";
    case 411:
      return "length_required";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    case 415:
      return "unsupported_media_type";
    case 416:
      return "range_not_satisfiable";
    case 429:
      return "rate_limited";
    case 503:
      return "unavailable";
    default:
      return status >= 500 ? "internal" : "bad_request";
  }
}

std::string MessageForStatus(int status) {
  switch (status) {
    case 404:
      return "no such route";
    case 413:
      return "request body too large";
    case 411:
      return "a Content-Length is required; chunked request bodies are not accepted";
    case 400:
      return "the request could not be read";
    default:
      return status >= 500 ? "internal error" : "the request was refused";
  }
}

// A refused body is never read. cpp-httplib 0.11.4 decides keep-alive from the request before
// routing, so the connection stays open until the keep-alive timeout or until the unread bytes fail
// to parse as a request (then it closes); either way nothing is buffered.
void CloseAfterResponse(const httplib::Request&, httplib::Response& res) {
  res.set_header("Connection", "close");
}

std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

}  // namespace

void SendJson(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
}

void SendError(httplib::Response& res, int http_status, const std::string& code,
               const std::string& message) {
  SendJson(res, http_status, {{"error", {{"code", code}, {"message", message}}}});
}

void SendTooManyAttempts(httplib::Response& res, int retry_after_seconds) {
  res.set_header("Retry-After", std::to_string(retry_after_seconds));
  SendJson(res, 429,
           {{"error",
             {{"code", "too_many_attempts"},
              {"message", "too many attempts; try again in " + std::to_string(retry_after_seconds) +
                              (retry_after_seconds == 1 ? " second" : " seconds")}}},
            {"retryAfterSeconds", retry_after_seconds}});
}

int HttpStatusFor(StatusKind kind) {
  switch (kind) {
    case StatusKind::kOk:
      return 200;
    case StatusKind::kInvalidArgument:
      return 400;
    case StatusKind::kUnauthenticated:
      return 401;
    case StatusKind::kPermissionDenied:
      return 403;
    case StatusKind::kNotFound:
      return 404;
    case StatusKind::kConflict:
      return 409;
    case StatusKind::kUnsupported:
      return 415;
    case StatusKind::kRejected:
      return 422;
    case StatusKind::kInternal:
      return 500;
    case StatusKind::kUpstream:
      return 502;
    case StatusKind::kUnavailable:
      return 503;
  }
  return 500;
}

Json ErrorBody(const Status& status) {
  if (status.is_server_error()) {
    const bool unavailable = status.kind() == StatusKind::kUnavailable;
    return {{"error",
             {{"code", unavailable ? "unavailable" : "internal"},
              {"message", unavailable ? "service temporarily unavailable" : "internal error"}}}};
  }
  return {{"error", {{"code", status.code()}, {"message", status.message()}}}};
}

void SendError(httplib::Response& res, const Status& status) {
  if (status.is_server_error())
    LogError("request_failed", {{"errorCode", status.code()}, {"error", status.message()}});
  if (status.kind() == StatusKind::kUnavailable)
    res.set_header("Retry-After", std::to_string(kUnavailableRetryAfterSeconds));
  SendJson(res, HttpStatusFor(status), ErrorBody(status));
}

namespace {

// Runs after the headers and before the body is read (cpp-httplib 0.11.4): refuses a body that
// must not be read (chunked, compressed, a bad or too large Content-Length).
httplib::Server::HandlerResponse RefuseUnreadableBody(const httplib::Request& req,
                                                      httplib::Response& res,
                                                      std::size_t payload_max) {
  // Chunked bodies bypass set_payload_max_length in this version (CVE-2025-46728,
  // CVE-2025-53629): refuse them outright.
  if (req.has_header("Transfer-Encoding")) {
    CloseAfterResponse(req, res);
    SendError(res, 411, "length_required",
              "chunked request bodies are not accepted; send a Content-Length");
    return httplib::Server::HandlerResponse::Handled;
  }
  // cpp-httplib inflates gzip/deflate/br bodies before any handler runs and after the
  // payload limit was checked, so a 1 MiB body could become gigabytes in memory; and a
  // signature check (webhooks) must see the bytes as sent. No client of ours compresses.
  if (req.has_header("Content-Encoding") &&
      Lower(req.get_header_value("Content-Encoding")) != "identity") {
    CloseAfterResponse(req, res);
    SendError(res, 415, "unsupported_media_type", "compressed request bodies are not accepted");
    return httplib::Server::HandlerResponse::Handled;
  }
  if (req.has_header("Content-Length")) {
    const std::string len = req.get_header_value("Content-Length");
    bool digits = !len.empty() && len.size() <= 18 &&
                  len.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) {
      CloseAfterResponse(req, res);
      SendError(res, 400, "bad_request", "invalid Content-Length");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (std::stoull(len) > payload_max) {
      CloseAfterResponse(req, res);
      SendError(res, 413, "payload_too_large",
                "request body larger than " + std::to_string(payload_max) + " bytes");
      return httplib::Server::HandlerResponse::Handled;
    }
  }
  return httplib::Server::HandlerResponse::Unhandled;
}

void SendHandlerException(const httplib::Request& req, httplib::Response& res,
                          std::exception_ptr ep) {
  std::string what = "unknown exception";
  try {
    if (ep) std::rethrow_exception(ep);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  LogError("handler_exception", {{"method", req.method}, {"path", req.path}, {"error", what}});
  SendError(res, 500, "internal", "internal error");
}

// Set by a routed handler (which records its own request with its pattern), so the logger, which
// runs next on the same thread, counts only what no route answered.
thread_local bool request_recorded = false;

void LogRequest(const httplib::Request& req, const httplib::Response& res) {
  if (!request_recorded) Metrics::Global().RecordRequest(req.method, "unmatched", res.status, 0);
  request_recorded = false;
  Json fields = {{"method", req.method}, {"path", req.path}, {"status", res.status}};
  if (res.status >= 500)
    LogError("http_request", fields);
  else if (res.status >= 400)
    LogInfo("http_request", fields);
  else
    Log(LogLevel::kDebug, "http_request", fields);
}

}  // namespace

void HardenServer(httplib::Server& server, const Config& config) {
  // Every answer, routed or not (404s, refused bodies, errors), carries the core's headers.
  httplib::Headers security;
  for (const auto& [name, value] : vendly::ApiSecurityHeaders(ServesHttps(config)))
    security.emplace(name, value);
  server.set_default_headers(std::move(security));
  // Threads, keep-alive and head limits are the connection front's (http/front.h).
  server.set_tcp_nodelay(true);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  server.set_idle_interval(0, 0);
  // The library's limit is the larger of the two; the pre-routing handler applies each route's own.
  server.set_payload_max_length(std::max(config.payload_max, config.webhook_payload_max));

  const std::size_t default_max = config.payload_max;
  const std::size_t webhook_max = config.webhook_payload_max;
  server.set_pre_routing_handler(
      [default_max, webhook_max](const httplib::Request& req, httplib::Response& res) {
        return RefuseUnreadableBody(req, res,
                                    req.path == kWebhookDeliveryPath ? webhook_max : default_max);
      });

  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        // Only fill in statuses the library produced itself (unknown route, unreadable request).
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        SendError(res, res.status, CodeForStatus(res.status), MessageForStatus(res.status));
        return httplib::Server::HandlerResponse::Handled;
      }));

  server.set_exception_handler(SendHandlerException);
  server.set_logger(LogRequest);
}

Result<Json> ParseJsonObject(const httplib::Request& req) {
  return ParseJsonBody(req.body, req.get_header_value("Content-Type"));
}

std::optional<std::string> GetCookie(const httplib::Request& req, const std::string& name) {
  const std::size_t count = req.get_header_value_count("Cookie");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string header = req.get_header_value("Cookie", i);
    std::size_t pos = 0;
    while (pos < header.size()) {
      std::size_t end = header.find(';', pos);
      if (end == std::string::npos) end = header.size();
      std::string part = header.substr(pos, end - pos);
      std::size_t start = part.find_first_not_of(' ');
      if (start != std::string::npos) part = part.substr(start);
      std::size_t eq = part.find('=');
      if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
      pos = end + 1;
    }
  }
  return std::nullopt;
}

bool WantsJson(const httplib::Request& req) {
  return Lower(req.get_header_value("Accept")).find("application/json") != std::string::npos;
}

Result<std::optional<Session>> ResolveSession(Db& db, const httplib::Request& req) {
  std::string token;
  bool by_cookie = false;
  const std::string auth = req.get_header_value("Authorization");
  if (auth.size() > 7 && Lower(auth.substr(0, 7)) == "bearer ") {
    token = auth.substr(7);
  } else if (auto cookie = GetCookie(req, kSessionCookie)) {
    token = *cookie;
    by_cookie = true;
  }
  if (token.empty() || token.size() > 256) return std::optional<Session>();
  const std::string hash = Sha256Hex(token);
  auto found = FindSession(db, hash);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return std::optional<Session>();
  return std::optional<Session>(Session{(*found)->seller_id, (*found)->store_id, hash, by_cookie});
}

vendly::RequestVerdict CheckBrowserRequest(const httplib::Request& req,
                                           const std::optional<Session>& session,
                                           const std::vector<std::string>& allowed_origins) {
  vendly::RequestFacts facts;
  facts.method = req.method;
  if (session)
    facts.credential =
        session->by_cookie ? vendly::Credential::kSessionCookie : vendly::Credential::kBearer;
  facts.has_body = !req.body.empty();
  auto header = [&req](const char* name) -> std::optional<std::string> {
    if (!req.has_header(name)) return std::nullopt;
    return req.get_header_value(name);
  };
  facts.content_type = header("Content-Type");
  facts.origin = header("Origin");
  facts.fetch_site = header("Sec-Fetch-Site");
  return vendly::CheckCrossSiteRequest(facts, allowed_origins);
}

std::string ClientAddressOf(const httplib::Request& req, const vendly::TrustedProxies& proxies) {
  std::vector<std::string> forwarded;
  const std::size_t n = req.get_header_value_count("X-Forwarded-For");
  for (std::size_t i = 0; i < n; ++i)
    forwarded.push_back(req.get_header_value("X-Forwarded-For", i));
  return vendly::ClientAddress(proxies, req.remote_addr, forwarded);
}

httplib::Server::Handler Router::Wrap(const std::string& method, const std::string& pattern,
                                      Access access, Handler handler) {
  routes_.push_back(RouteInfo{method, pattern, access});
  return [this, method, route = RouteLabel(pattern), access, handler](const httplib::Request& req,
                                                                      httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    struct Record {
      const std::string& method;
      const std::string& route;
      httplib::Response& res;
      std::chrono::steady_clock::time_point start;
      ~Record() {
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        Metrics::Global().RecordRequest(method, route, res.status, took.count());
        request_recorded = true;
      }
    } record{method, route, res, start};
    try {
      RequestContext ctx{req, res, std::nullopt, ClientAddressOf(req, trusted_proxies_)};
      auto session = ResolveSession(db_, req);
      if (!session.ok()) {
        SendError(res, session.status());
        return;
      }
      ctx.session = *session;
      const vendly::RequestVerdict verdict =
          CheckBrowserRequest(req, ctx.session, allowed_origins_);
      if (!verdict.allowed) {
        LogWarn("cross_site_request_refused",
                {{"method", req.method}, {"path", req.path}, {"code", verdict.code}});
        SendError(res, 403, verdict.code, verdict.message);
        return;
      }
      if (access == Access::kSession && !ctx.session) {
        SendError(res, 401, "unauthorized", "sign in first");
        return;
      }
      handler(ctx);
    } catch (const std::exception& e) {
      LogError("handler_exception",
               {{"method", req.method}, {"path", req.path}, {"error", e.what()}});
      SendError(res, 500, "internal", "internal error");
    } catch (...) {
      LogError("handler_exception", {{"method", req.method}, {"path", req.path}});
      SendError(res, 500, "internal", "internal error");
    }
  };
}

void Router::Get(const std::string& p, Access a, Handler h) {
  server_.Get(p, Wrap("GET", p, a, std::move(h)));
}
void Router::Post(const std::string& p, Access a, Handler h) {
  server_.Post(p, Wrap("POST", p, a, std::move(h)));
}
void Router::Patch(const std::string& p, Access a, Handler h) {
  server_.Patch(p, Wrap("PATCH", p, a, std::move(h)));
}
void Router::Delete(const std::string& p, Access a, Handler h) {
  server_.Delete(p, Wrap("DELETE", p, a, std::move(h)));
}

}  // namespace vendly::server
