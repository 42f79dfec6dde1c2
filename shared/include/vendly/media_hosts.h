// Where the media store may download from. Pure: a URL and the policy in, the verdict out; the
// server's downloader (server/media) connects only to the host this parse names, and asks again at
// every redirect.
//
// An allowed host is one of VENDLY_MEDIA_ALLOWED_HOSTS (default: Instagram's CDN,
// "*.cdninstagram.com,*.fbcdn.net"): a pattern "host.example" is that host exactly, "*.example.com"
// any host under it at any depth (not example.com itself), compared lower-case. A URL with user
// info ("https://scontent.cdninstagram.com@evil.example/"), a backslash, a percent-escape, space or
// control character in it, or a host with an empty label, is malformed and refused; so the host is
// always the one an HTTP client connects to ("https://evil.example/x.cdninstagram.com" is
// evil.example). IP literals (dotted, bracketed IPv6, and the numeric forms 2130706433, 0x7f.1,
// 127.1 that resolvers accept) are refused, except, when loopback is allowed, the canonical
// loopback addresses (127.a.b.c, [::1]) and "localhost". Loopback is allowed only when
// META_GRAPH_URL is itself on loopback (the Meta sandbox): its CDN is on loopback too.
#ifndef VENDLY_MEDIA_HOSTS_H_
#define VENDLY_MEDIA_HOSTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vendly {

inline constexpr char kDefaultMediaAllowedHosts[] = "*.cdninstagram.com,*.fbcdn.net";

// An http(s) URL split as the downloader connects: lower-case scheme and host ("[::1]" keeps its
// brackets), the port as written ("" for the scheme's default), the path with its query ("/" at
// least; the fragment dropped).
struct HttpUrlParts {
  std::string scheme;
  std::string host;
  std::string port;
  std::string path;
  // "scheme://host[:port]"
  std::string Origin() const;
};

// nullopt for anything but a well-formed http:// or https:// URL as described above.
std::optional<HttpUrlParts> ParseHttpUrl(std::string_view url);

// The patterns of a comma-separated list (spaces around entries ignored, lower-cased). nullopt,
// with the reason in *error, for an entry that is not a host name or "*." and a host name of at
// least two labels, for an IP literal or a loopback name (loopback follows META_GRAPH_URL), and
// for an empty list.
std::optional<std::vector<std::string>> ParseMediaHostPatterns(std::string_view list,
                                                               std::string* error);

bool IsIpLiteral(std::string_view host);
// "localhost", 127.a.b.c in canonical dotted decimal, "[::1]".
bool IsLoopbackHost(std::string_view host);
// `host` (lower-case) matches `pattern` (as ParseMediaHostPatterns returns it).
bool MediaHostMatches(std::string_view pattern, std::string_view host);

struct MediaHostPolicy {
  std::vector<std::string> patterns;
  bool allow_loopback = false;
};

// The policy for a server whose Graph API base URL is `graph_url`: loopback is allowed when that
// URL's host is a loopback host.
MediaHostPolicy MediaHostPolicyFor(std::vector<std::string> patterns, std::string_view graph_url);

enum class MediaUrlVerdict { kAllowed, kMalformed, kIpLiteral, kHostNotAllowed };
struct MediaUrlCheck {
  MediaUrlVerdict verdict = MediaUrlVerdict::kMalformed;
  std::string host;    // the parsed host ("" when malformed)
  std::string reason;  // when refused: a sentence naming the host, never the URL's query
};

MediaUrlCheck CheckMediaUrl(const MediaHostPolicy& policy, std::string_view url);

}  // namespace vendly

#endif  // VENDLY_MEDIA_HOSTS_H_
