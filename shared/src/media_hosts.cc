#include "vendly/media_hosts.h"

#include <algorithm>

#include "vendly/normalize.h"

namespace vendly {
namespace {

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

std::vector<std::string_view> Split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = s.find(separator, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// Lower-case labels of [a-z0-9_-], none empty.
bool IsHostName(std::string_view host) {
  if (host.empty()) return false;
  for (std::string_view label : Split(host, '.')) {
    if (label.empty()) return false;
    for (char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  }
  return true;
}

bool IsBracketedV6(std::string_view host) {
  if (host.size() < 4 || host.front() != '[' || host.back() != ']') return false;
  const std::string_view inside = host.substr(1, host.size() - 2);
  return inside.find(':') != std::string_view::npos &&
         std::all_of(inside.begin(), inside.end(),
                     [](char c) { return IsHex(c) || c == ':' || c == '.'; });
}

// Whether a URL may hold byte `c` at all.
bool IsUrlByte(unsigned char c) { return c > 0x20 && c < 0x7f && c != '\\'; }

bool IsLoopbackName(std::string_view host) {
  return host == "localhost" ||
         (host.size() > 10 && host.compare(host.size() - 10, 10, ".localhost") == 0);
}

}  // namespace

std::string HttpUrlParts::Origin() const {
  return scheme + "://" + host + (port.empty() ? "" : ":" + port);
}

std::optional<HttpUrlParts> ParseHttpUrl(std::string_view url) {
  if (!std::all_of(url.begin(), url.end(), [](char c) { return IsUrlByte((unsigned char)c); }))
    return std::nullopt;
  HttpUrlParts parts;
  const std::string head = AsciiLower(url.substr(0, std::min<std::size_t>(url.size(), 8)));
  if (head.rfind("http://", 0) == 0) parts.scheme = "http";
  if (head.rfind("https://", 0) == 0) parts.scheme = "https";
  if (parts.scheme.empty()) return std::nullopt;
  const std::string_view rest = url.substr(parts.scheme.size() + 3);
  const std::size_t end = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, end);
  if (authority.find_first_of("@%") != std::string_view::npos) return std::nullopt;
  std::size_t colon = std::string_view::npos;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    if (close + 1 < authority.size() && authority[close + 1] != ':') return std::nullopt;
    if (close + 1 < authority.size()) colon = close + 1;
    parts.host = AsciiLower(authority.substr(0, close + 1));
    if (!IsBracketedV6(parts.host)) return std::nullopt;
  } else {
    colon = authority.find(':');
    parts.host = AsciiLower(authority.substr(0, colon));
    if (!IsHostName(parts.host)) return std::nullopt;
  }
  if (colon != std::string_view::npos) {
    parts.port = std::string(authority.substr(colon + 1));
    if (!IsDigits(parts.port) || parts.port.size() > 5 || std::stol(parts.port) < 1 ||
        std::stol(parts.port) > 65535)
      return std::nullopt;
  }
  std::string path(end == std::string_view::npos ? "" : rest.substr(end));
  path = path.substr(0, path.find('#'));
  if (path.empty() || path[0] == '?') path = "/" + path;
  parts.path = path;
  return parts;
}

bool IsIpLiteral(std::string_view host) {
  if (!host.empty() && host.front() == '[') return true;
  // Resolvers (and WHATWG URLs) read a host whose last label is a number as an IPv4 address.
  const std::string_view last =
      host.substr(host.rfind('.') == std::string_view::npos ? 0 : host.rfind('.') + 1);
  if (IsDigits(last)) return true;
  return last.size() >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X') &&
         std::all_of(last.begin() + 2, last.end(), [](char c) { return IsHex(c); });
}

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost" || host == "[::1]") return true;
  const std::vector<std::string_view> octets = Split(host, '.');
  if (octets.size() != 4) return false;
  for (std::string_view octet : octets) {
    if (!IsDigits(octet) || octet.size() > 3 || (octet.size() > 1 && octet[0] == '0')) return false;
    if (std::stoi(std::string(octet)) > 255) return false;
  }
  return octets[0] == "127";
}

bool MediaHostMatches(std::string_view pattern, std::string_view host) {
  if (pattern.size() > 2 && pattern[0] == '*' && pattern[1] == '.') {
    const std::string_view suffix = pattern.substr(1);  // ".example.com"
    return host.size() > suffix.size() &&
           host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0;
  }
  return host == pattern;
}

std::optional<std::vector<std::string>> ParseMediaHostPatterns(std::string_view list,
                                                               std::string* error) {
  std::vector<std::string> patterns;
  for (std::string_view entry : Split(list, ',')) {
    while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
    while (!entry.empty() && entry.back() == ' ') entry.remove_suffix(1);
    if (entry.empty()) continue;
    const std::string pattern = AsciiLower(entry);
    const bool wildcard = pattern.rfind("*.", 0) == 0;
    const std::string name = wildcard ? pattern.substr(2) : pattern;
    std::string why;
    if (!IsHostName(name))
      why = "is not a host name or *. and a host name";
    else if (IsIpLiteral(name))
      why = "is an IP address (only named hosts are allowed)";
    else if (IsLoopbackName(name))
      why = "is a loopback name (loopback is allowed only when META_GRAPH_URL is on loopback)";
    else if (wildcard && name.find('.') == std::string::npos)
      why = "would allow a whole top-level domain";
    if (!why.empty()) {
      if (error) *error = "\"" + std::string(entry) + "\" " + why;
      return std::nullopt;
    }
    patterns.push_back(pattern);
  }
  if (patterns.empty()) {
    if (error) *error = "the list names no host";
    return std::nullopt;
  }
  return patterns;
}

MediaHostPolicy MediaHostPolicyFor(std::vector<std::string> patterns, std::string_view graph_url) {
  MediaHostPolicy policy;
  policy.patterns = std::move(patterns);
  const auto graph = ParseHttpUrl(graph_url);
  policy.allow_loopback = graph && IsLoopbackHost(graph->host);
  return policy;
}

MediaUrlCheck CheckMediaUrl(const MediaHostPolicy& policy, std::string_view url) {
  MediaUrlCheck check;
  const auto parts = ParseHttpUrl(url);
  if (!parts) {
    check.reason =
        "the media URL is not a well-formed http(s) URL (no user info, escapes, backslashes or "
        "spaces)";
    return check;
  }
  check.host = parts->host;
  const bool loopback = policy.allow_loopback && IsLoopbackHost(parts->host);
  if (loopback) {
    check.verdict = MediaUrlVerdict::kAllowed;
  } else if (IsIpLiteral(parts->host)) {
    check.verdict = MediaUrlVerdict::kIpLiteral;
    check.reason = parts->host +
                   " is an IP address: media is downloaded only from the hosts named in "
                   "VENDLY_MEDIA_ALLOWED_HOSTS";
  } else if (std::any_of(policy.patterns.begin(), policy.patterns.end(),
                         [&](const std::string& p) { return MediaHostMatches(p, parts->host); })) {
    check.verdict = MediaUrlVerdict::kAllowed;
  } else {
    check.verdict = MediaUrlVerdict::kHostNotAllowed;
    check.reason = parts->host + " is not an allowed media host (VENDLY_MEDIA_ALLOWED_HOSTS)";
  }
  return check;
}

}  // namespace vendly
