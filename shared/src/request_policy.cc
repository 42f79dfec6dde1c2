#include "vendly/request_policy.h"

#include <algorithm>

#include "vendly/normalize.h"

namespace vendly {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

// "host[:port]" or "[v6]:port" -> {host, port text}; false when malformed.
bool SplitAuthority(std::string_view authority, std::string* host, std::string* port) {
  std::size_t colon = std::string_view::npos;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    if (close + 1 < authority.size() && authority[close + 1] != ':') return false;
    if (close + 1 < authority.size()) colon = close + 1;
    *host = AsciiLower(authority.substr(0, close + 1));
    for (char c : host->substr(1, host->size() - 2))
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.')) return false;
  } else {
    colon = authority.rfind(':');
    *host = AsciiLower(authority.substr(0, colon));
    if (!std::all_of(host->begin(), host->end(), IsHostChar)) return false;
  }
  if (host->empty() || *host == "[]") return false;
  *port = colon == std::string_view::npos ? "" : std::string(authority.substr(colon + 1));
  return port->size() <= 5 && port->find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

bool IsStateChanging(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool IsJsonMediaType(std::string_view content_type) {
  const std::string_view type = Trim(content_type.substr(0, content_type.find(';')));
  return AsciiLower(type) == "application/json";
}

std::optional<std::string> OriginOf(std::string_view url) {
  const std::string lower = AsciiLower(url.substr(0, std::min<std::size_t>(url.size(), 8)));
  std::string scheme;
  if (lower.rfind("http://", 0) == 0) scheme = "http";
  if (lower.rfind("https://", 0) == 0) scheme = "https";
  if (scheme.empty()) return std::nullopt;
  std::string_view rest = url.substr(scheme.size() + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (rest.find('@') != std::string_view::npos) return std::nullopt;
  std::string host, port;
  if (!SplitAuthority(rest, &host, &port)) return std::nullopt;
  const long number = port.empty() ? 0 : std::stol(port);
  if (number > 65535) return std::nullopt;
  const long default_port = scheme == "https" ? 443 : 80;
  std::string origin = scheme + "://" + host;
  if (!port.empty() && number != default_port) origin += ":" + std::to_string(number);
  return origin;
}

RequestVerdict CheckCrossSiteRequest(const RequestFacts& facts,
                                     const std::vector<std::string>& allowed_origins) {
  if (facts.credential != Credential::kSessionCookie || !IsStateChanging(facts.method)) return {};
  const std::optional<std::string> origin = facts.origin ? OriginOf(*facts.origin) : std::nullopt;
  const bool known_origin = origin && std::find(allowed_origins.begin(), allowed_origins.end(),
                                                *origin) != allowed_origins.end();
  const bool same_origin_fetch = facts.fetch_site && AsciiLower(*facts.fetch_site) == "same-origin";
  if (!known_origin && !same_origin_fetch)
    return {false, "cross_site_request",
            "a request signed in by the session cookie must come from the dashboard: send an "
            "Origin header of an allowed origin (VENDLY_ALLOWED_ORIGINS) or use a bearer token"};
  if (facts.has_body && !(facts.content_type && IsJsonMediaType(*facts.content_type)))
    return {false, "json_required",
            "a request signed in by the session cookie must send its body as "
            "Content-Type: application/json"};
  return {};
}

std::vector<std::pair<std::string, std::string>> ApiSecurityHeaders(bool https) {
  std::vector<std::pair<std::string, std::string>> headers = {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
      {"Referrer-Policy", "no-referrer"},
  };
  if (https) headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
  return headers;
}

}  // namespace vendly
