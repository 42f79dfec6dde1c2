// Instagram Login (Business Login for Instagram, no Facebook Page): the www.instagram.com consent
// dialog with a picker of the demo Instagram accounts, api.instagram.com's code exchange (its own
// error shape:
// {"error_type","code","error_message"}), and graph.instagram.com's long-lived exchange and
// refresh. The sandbox serves the three hosts as `/oauth/authorize`, `/ig-api/...` and
// `/ig-graph/...` on one port.
#include <algorithm>

#include "crypto.h"
#include "routes.h"

namespace vendly::sandbox {
namespace {

using nlohmann::json;

constexpr int64_t kRefreshMinAge = 24 * 3600;

std::string Html(const std::string& title, const std::string& body) {
  return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + HtmlEscape(title) +
         "</title><style>body{font-family:sans-serif;max-width:36em;margin:2em "
         "auto}button{padding:.5em "
         "1.5em;margin-right:1em}.sandbox{color:#a00}</style></head><body>\n<p "
         "class=\"sandbox\">Meta "
         "sandbox: no real Instagram account is used.</p>\n" +
         body + "</body></html>\n";
}

bool IsHttpUrl(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

void RenderDialog(Store& store, const httplib::Request& request, httplib::Response& response) {
  const httplib::Params params = AllParams(request);
  std::lock_guard<std::mutex> lock(store.mu);
  const World& world = store.world;
  if (ParamOf(params, "client_id") != world.app_id || !IsHttpUrl(ParamOf(params, "redirect_uri"))) {
    response.status = 400;
    response.set_content(Html("Error",
                              "<h1>Invalid request</h1><p id=\"error\">Invalid platform app or "
                              "redirect_uri.</p>"),
                         "text/html; charset=utf-8");
    return;
  }
  std::string hidden;
  for (const char* name : {"client_id", "redirect_uri", "state", "scope", "response_type"}) {
    hidden += "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" +
              HtmlEscape(ParamOf(params, name)) + "\">\n";
  }
  std::string accounts;
  bool first = true;
  for (const auto& [id, account] : world.accounts) {
    accounts += "<label><input type=\"radio\" name=\"ig_id\" value=\"" + HtmlEscape(id) + "\"" +
                (first ? " checked" : "") + "> @" + HtmlEscape(account.username) + " &mdash; " +
                HtmlEscape(account.name) + "</label><br>\n";
    first = false;
  }
  response.set_content(
      Html("Instagram", "<h1>Allow " + HtmlEscape(world.app_name) +
                            " to access your Instagram professional account?</h1>\n" +
                            "<p>Permissions: " + HtmlEscape(ParamOf(params, "scope")) + "</p>\n" +
                            "<form method=\"post\" action=\"/oauth/authorize/confirm\">\n" +
                            hidden + "<fieldset><legend>Log in as</legend>\n" + accounts +
                            "</fieldset>\n" +
                            "<button type=\"submit\" name=\"decision\" value=\"continue\" "
                            "id=\"continue\">Allow</button>"
                            "<button type=\"submit\" name=\"decision\" value=\"cancel\" "
                            "id=\"cancel\">Cancel</button>\n"
                            "</form>\n"),
      "text/html; charset=utf-8");
}

void Confirm(Store& store, const httplib::Request& request, httplib::Response& response) {
  const httplib::Params params = AllParams(request);
  const std::string redirect_uri = ParamOf(params, "redirect_uri");
  std::lock_guard<std::mutex> lock(store.mu);
  World& world = store.world;
  if (ParamOf(params, "client_id") != world.app_id || !IsHttpUrl(redirect_uri)) {
    response.status = 400;
    response.set_content(Html("Error", "<p id=\"error\">Invalid platform app or redirect_uri.</p>"),
                         "text/html; charset=utf-8");
    return;
  }
  std::string query;
  if (ParamOf(params, "decision") == "cancel") {
    query = "error=access_denied&error_reason=user_denied&error_description=" +
            EncodeQueryValue("The user denied your request.");
  } else {
    const std::string ig_id = ParamOf(params, "ig_id");
    if (!world.accounts.count(ig_id)) {
      response.status = 400;
      response.set_content(Html("Error", "<p id=\"error\">Choose an account.</p>"),
                           "text/html; charset=utf-8");
      return;
    }
    AuthCode code;
    code.ig_id = ig_id;
    code.redirect_uri = redirect_uri;
    code.issued_at = store.NowLocked();
    std::string scope = ParamOf(params, "scope");
    std::replace(scope.begin(), scope.end(), ' ', ',');
    for (size_t start = 0; start <= scope.size();) {
      size_t comma = scope.find(',', start);
      if (comma == std::string::npos) comma = scope.size();
      if (comma > start) code.scopes.push_back(scope.substr(start, comma - start));
      start = comma + 1;
    }
    const std::string value = "AQ" + RandomUrlSafe(86);
    world.codes[value] = code;
    query = "code=" + EncodeQueryValue(value);
  }
  const std::string state = ParamOf(params, "state");
  if (!state.empty()) query += "&state=" + EncodeQueryValue(state);
  response.status = 302;
  // Instagram appends "#_" to the redirect.
  response.set_header(
      "Location",
      redirect_uri + (redirect_uri.find('?') == std::string::npos ? "?" : "&") + query + "#_");
  response.set_content("", "text/html; charset=utf-8");
}

// api.instagram.com's error shape, older than the Graph API's.
void InstagramApiError(httplib::Response& response, const std::string& message) {
  response.status = 400;
  response.set_content(
      DumpMeta({{"error_type", "OAuthException"}, {"code", 400}, {"error_message", message}}),
      "application/json; charset=utf-8");
}

void ExchangeCode(Store& store, const httplib::Request& request, httplib::Response& response) {
  const httplib::Params params = AllParams(request);
  std::lock_guard<std::mutex> lock(store.mu);
  World& world = store.world;
  ++world.calls.graph_total;
  ++world.calls.by_endpoint["POST api.instagram.com/oauth/access_token"];
  const int64_t now = store.NowLocked();
  if (ParamOf(params, "client_id") != world.app_id)
    return InstagramApiError(response, "Invalid platform app");
  if (!ConstantTimeEquals(ParamOf(params, "client_secret"), world.app_secret)) {
    return InstagramApiError(response, "Error validating client secret.");
  }
  if (ParamOf(params, "grant_type") != "authorization_code") {
    return InstagramApiError(response, "Invalid grant_type: it must be authorization_code");
  }
  auto it = world.codes.find(ParamOf(params, "code"));
  if (it == world.codes.end() || it->second.ig_id.empty()) {
    return InstagramApiError(response, "Invalid authorization code");
  }
  AuthCode& code = it->second;
  if (code.used) return InstagramApiError(response, "This authorization code has been used");
  if (now >= code.issued_at + store.config().code_ttl) {
    return InstagramApiError(response, "This authorization code has expired");
  }
  if (code.redirect_uri != ParamOf(params, "redirect_uri")) {
    return InstagramApiError(
        response,
        "Error validating verification code. Please make sure your redirect_uri is identical "
        "to the one you used in the OAuth dialog request");
  }
  code.used = true;
  Token token;
  token.kind = TokenKind::kShortInstagram;
  token.ig_id = code.ig_id;
  token.scopes = code.scopes;
  token.issued_at = now;
  token.expires_at = now + store.config().short_token_ttl;
  const std::string value = store.IssueTokenLocked(token);
  std::string permissions;
  for (const auto& scope : code.scopes) permissions += (permissions.empty() ? "" : ",") + scope;
  json body;
  if (world.ig_token_flat) {
    body = {{"access_token", value}, {"user_id", code.ig_id}, {"permissions", code.scopes}};
  } else {
    body = {{"data", json::array({{{"access_token", value},
                                   {"user_id", code.ig_id},
                                   {"permissions", permissions}}})}};
  }
  response.set_content(DumpMeta(body), "application/json; charset=utf-8");
}

}  // namespace

bool IsInstagramToken(const Token& token) {
  return token.kind == TokenKind::kShortInstagram || token.kind == TokenKind::kLongInstagram;
}

void InstallInstagramLoginRoutes(httplib::Server& server, Store& store) {
  server.Get("/oauth/authorize", [&store](const httplib::Request& q, httplib::Response& r) {
    RenderDialog(store, q, r);
  });
  server.Get("/oauth/authorize/confirm",
             [&store](const httplib::Request& q, httplib::Response& r) { Confirm(store, q, r); });
  server.Post("/oauth/authorize/confirm",
              [&store](const httplib::Request& q, httplib::Response& r) { Confirm(store, q, r); });
  server.Post(
      "/ig-api/oauth/access_token",
      [&store](const httplib::Request& q, httplib::Response& r) { ExchangeCode(store, q, r); });
}

GraphReply InstagramTokenLocked(Store& store, const GraphCall& call) {
  const int64_t now = store.NowLocked();
  const std::string grant_type = ParamOf(call.params, "grant_type");
  const bool refresh = call.segments[0] == "refresh_access_token";
  if (grant_type != (refresh ? "ig_refresh_token" : "ig_exchange_token")) {
    return MetaError(std::string("Invalid grant_type: it must be ") +
                         (refresh ? "ig_refresh_token" : "ig_exchange_token"),
                     "OAuthException", 100);
  }
  if (!refresh &&
      !ConstantTimeEquals(ParamOf(call.params, "client_secret"), store.world.app_secret)) {
    return MetaError("Error validating client secret.", "OAuthException", 1);
  }
  if (call.token.empty()) {
    return MetaError("An access token is required to request this resource.", "OAuthException",
                     104);
  }
  const Token* token = nullptr;
  if (auto error = ResolveTokenLocked(store, call.token, &token)) return *error;
  if (!IsInstagramToken(*token)) {
    return MetaError("Invalid OAuth access token - Cannot parse access token", "OAuthException",
                     190);
  }
  if (refresh) {
    if (token->kind != TokenKind::kLongInstagram) {
      return MetaError("(#100) Only long-lived tokens can be refreshed", "OAuthException", 100);
    }
    if (now < token->issued_at + kRefreshMinAge) {
      return MetaError("(#100) The token is not yet 24 hours old and cannot be refreshed",
                       "OAuthException", 100);
    }
  } else if (token->kind != TokenKind::kShortInstagram) {
    return MetaError("(#100) ig_exchange_token takes a short-lived token", "OAuthException", 100);
  }
  Token fresh = *token;
  fresh.kind = TokenKind::kLongInstagram;
  fresh.issued_at = now;
  fresh.expires_at = now + store.config().long_token_ttl;
  const std::string value = store.IssueTokenLocked(fresh);
  return GraphReply{200,
                    {{"access_token", value},
                     {"token_type", "bearer"},
                     {"expires_in", store.config().long_token_ttl}}};
}

}  // namespace vendly::sandbox
