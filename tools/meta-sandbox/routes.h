// The sandbox's HTTP surface, one installer per part: the login dialog (www.facebook.com), the
// Graph API (graph.facebook.com, including the OAuth token endpoints), the CDN that serves media
// files, and the control API under /_sandbox/ that tests use to steer the world.
#ifndef VENDLY_SERVER_SANDBOX_ROUTES_H_
#define VENDLY_SERVER_SANDBOX_ROUTES_H_

#include <httplib.h>

#include <optional>
#include <string>
#include <vector>

#include "http_util.h"
#include "store.h"

namespace vendly::sandbox {

// One Graph API call, parsed from HTTP (or from one item of a batch).
struct GraphCall {
  std::string method;                 // GET, POST, DELETE
  std::string version;                // "v25.0", or "" when the path had no version
  std::vector<std::string> segments;  // path pieces after the version
  std::string path;                   // the path as received
  httplib::Params params;             // query and form body
  std::string token;                  // from access_token or an Authorization header
  bool instagram_graph =
      false;  // graph.instagram.com (served under /ig-graph), Instagram Login tokens
};

// True for the kinds of token Instagram Login issues.
bool IsInstagramToken(const Token& token);

// GET/POST /dialog/oauth (with or without a /vNN.N prefix) and its confirm form.
void InstallDialogRoutes(httplib::Server& server, Store& store);

// GET /cdn/...: the signed media files (PNG images, MP4 stand-ins, profile pictures).
void InstallCdnRoutes(httplib::Server& server, Store& store);

// The fake language models: POST /v1/chat/completions (OpenAI-shaped), POST
// /v1beta/models/{model}:generateContent (Gemini-shaped) and their control API under
// /_sandbox/ai/. Install before the control API, whose catch-all answers unknown /_sandbox/ paths.
void InstallAiRoutes(httplib::Server& server, Store& store);

// /_sandbox/...: the control API.
void InstallControlRoutes(httplib::Server& server, Store& store);

// Instagram Login: the www.instagram.com dialog (/oauth/authorize), api.instagram.com's token
// endpoint (POST /ig-api/oauth/access_token). graph.instagram.com is the Graph handler under
// /ig-graph.
void InstallInstagramLoginRoutes(httplib::Server& server, Store& store);

// graph.instagram.com's /access_token (ig_exchange_token) and /refresh_access_token
// (ig_refresh_token). Requires store.mu.
GraphReply InstagramTokenLocked(Store& store, const GraphCall& call);

// Everything else, as the Graph API: install last, it matches every path.
void InstallGraphRoutes(httplib::Server& server, Store& store);

// GET|POST /oauth/access_token: code exchange, fb_exchange_token, client_credentials. Requires
// store.mu.
GraphReply AccessTokenLocked(Store& store, const GraphCall& call);

// GET /debug_token. Requires store.mu.
GraphReply DebugTokenLocked(Store& store, const GraphCall& call);

// Looks up a user or page token. Returns a 190 error when it is unknown, invalidated or expired;
// else nullopt and *token points into the world (valid while mu is held). Requires store.mu.
std::optional<GraphReply> ResolveTokenLocked(Store& store, const std::string& value,
                                             const Token** token);

// A signed CDN URL for `object` (e.g. "t51.2885-15/123_n.png") that expires config().cdn_ttl after
// `now`.
std::string SignedCdnUrl(const Store& store, const std::string& secret, const std::string& object,
                         int64_t now);

// The page token a user token yields for `page_id` (cached per user token). Requires store.mu.
std::string PageTokenLocked(Store& store, const std::string& user_token,
                            const std::string& page_id);

}  // namespace vendly::sandbox

#endif  // VENDLY_SERVER_SANDBOX_ROUTES_H_
