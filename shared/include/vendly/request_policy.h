// Which browser-borne requests the API serves, and the security headers it answers with. Pure: the
// server gathers a request's headers into RequestFacts, asks CheckCrossSiteRequest, and refuses or
// serves; it sets ApiSecurityHeaders on every response.
//
// Cross-site request forgery: a cookie rides along with any request a browser makes, even one a
// page on another site (or a sibling subdomain, which SameSite=Lax does not cover) started. So a
// state-changing request authenticated by the session cookie must show it came from the dashboard:
// a JSON body (or none), which a cross-site form or a "simple" fetch cannot send without a CORS
// preflight, and an Origin among the configured ones or `Sec-Fetch-Site: same-origin`. A bearer
// token is never sent by a browser on its own, so bearer clients pass; so do requests that carry
// no credential at all (sign-in, sign-up, Meta's signed callbacks) and safe methods.
#ifndef VENDLY_REQUEST_POLICY_H_
#define VENDLY_REQUEST_POLICY_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vendly {

// How a request is authenticated. kSessionCookie: the session cookie and no bearer token (a
// bearer token wins when both are sent, as the server resolves it first).
enum class Credential { kNone, kBearer, kSessionCookie };

struct RequestFacts {
  std::string method;  // as sent, e.g. "POST"
  Credential credential = Credential::kNone;
  bool has_body = false;                    // a non-empty body
  std::optional<std::string> content_type;  // the Content-Type header, when sent
  std::optional<std::string> origin;        // the Origin header, when sent
  std::optional<std::string> fetch_site;    // the Sec-Fetch-Site header, when sent
};

struct RequestVerdict {
  bool allowed = true;
  std::string code;     // when refused: "cross_site_request" or "json_required"
  std::string message;  // when refused: a sentence for the client's developer
};

// True for the methods that may change state: anything but GET, HEAD and OPTIONS (so an unknown
// method is treated as changing state).
bool IsStateChanging(std::string_view method);

// True when `content_type` is application/json, any case, parameters allowed
// ("application/json; charset=utf-8").
bool IsJsonMediaType(std::string_view content_type);

// The origin of an http(s) URL, as a browser writes it in an Origin header: lower-case scheme and
// host, the port only when it is not the scheme's default, no path ("HTTPS://Shop.Example:443/x"
// -> "https://shop.example"). nullopt when `url` is not an http:// or https:// URL with a host, or
// has user info.
std::optional<std::string> OriginOf(std::string_view url);

// The decision for one request. `allowed_origins` are origins as OriginOf returns them (the
// dashboard's and the server's public URL). Refused, when cookie-authenticated and changing state:
// a body that is not JSON (json_required), or neither an allowed Origin nor Sec-Fetch-Site:
// same-origin (cross_site_request; an Origin of "null" is never allowed).
RequestVerdict CheckCrossSiteRequest(const RequestFacts& facts,
                                     const std::vector<std::string>& allowed_origins);

// The headers every API response carries: nosniff, no framing (X-Frame-Options and CSP
// frame-ancestors), a CSP that lets an API answer load nothing, no referrer across origins, and
// Strict-Transport-Security when the API is served over https (`https`).
std::vector<std::pair<std::string, std::string>> ApiSecurityHeaders(bool https);

}  // namespace vendly

#endif  // VENDLY_REQUEST_POLICY_H_
