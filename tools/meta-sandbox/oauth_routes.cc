// Facebook Login: the consent dialog (HTML, with a demo-user picker, Continue and Cancel),
// authorization codes (single use, ~10 minutes), the token endpoint (code exchange,
// fb_exchange_token, client_credentials), Page tokens and debug_token.
#include <algorithm>
#include <ctime>

#include "crypto.h"
#include "routes.h"

namespace vendly::sandbox {
namespace {

using nlohmann::json;

std::vector<std::string> SplitScopes(const std::string& text) {
  std::vector<std::string> scopes;
  std::string current;
  for (char c : text + ",") {
    if (c == ',' || c == ' ') {
      if (!current.empty()) scopes.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  return scopes;
}

std::string PacificTime(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds - 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%A, %d-%b-%y %H:%M:%S PST", &tm);
  return buffer;
}

std::string AppendQuery(const std::string& uri, const std::string& query) {
  return uri + (uri.find('?') == std::string::npos ? "?" : "&") + query;
}

std::string DialogError(const std::string& message) {
  return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Error</title></head><body>"
         "<h1>Sorry, something went wrong.</h1><p id=\"error\">" +
         HtmlEscape(message) + "</p></body></html>";
}

void RenderDialog(Store& store, const httplib::Request& request, httplib::Response& response) {
  httplib::Params params = AllParams(request);
  const std::string client_id = ParamOf(params, "client_id");
  const std::string redirect_uri = ParamOf(params, "redirect_uri");
  std::lock_guard<std::mutex> lock(store.mu);
  const World& world = store.world;
  if (client_id != world.app_id) {
    response.status = 400;
    response.set_content(
        DialogError("Invalid App ID: The provided app ID does not look like a valid app ID."),
        "text/html; charset=utf-8");
    return;
  }
  if (redirect_uri.rfind("http://", 0) != 0 && redirect_uri.rfind("https://", 0) != 0) {
    response.status = 400;
    response.set_content(
        DialogError("Invalid redirect_uri: the redirect_uri parameter is missing or malformed."),
        "text/html; charset=utf-8");
    return;
  }
  if (!world.redirect_uris.empty() &&
      std::find(world.redirect_uris.begin(), world.redirect_uris.end(), redirect_uri) ==
          world.redirect_uris.end()) {
    response.status = 400;
    response.set_content(DialogError("URL blocked: This redirect failed because the redirect URI "
                                     "is not whitelisted in the app's "
                                     "client OAuth settings."),
                         "text/html; charset=utf-8");
    return;
  }
  const std::string prefix =
      SplitPath(request.path).size() > 2 ? "/" + SplitPath(request.path)[0] : "";
  const std::string action = prefix + "/dialog/oauth/confirm";
  std::string hidden;
  for (const char* name : {"client_id", "redirect_uri", "state", "scope", "response_type"}) {
    hidden += "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" +
              HtmlEscape(ParamOf(params, name)) + "\">\n";
  }
  std::string users;
  std::string links;
  bool first = true;
  for (const auto& user_id : world.user_order) {
    const User& user = world.users.at(user_id);
    users += "<label><input type=\"radio\" name=\"user_id\" value=\"" + HtmlEscape(user.id) + "\"" +
             (first ? " checked" : "") + "> " + HtmlEscape(user.name) +
             (user.label.empty() ? "" : " &mdash; " + HtmlEscape(user.label)) + "</label><br>\n";
    httplib::Params link_params;
    for (const char* name : {"client_id", "redirect_uri", "state", "scope", "response_type"}) {
      if (params.count(name)) link_params.emplace(name, ParamOf(params, name));
    }
    link_params.emplace("user_id", user.id);
    link_params.emplace("decision", "continue");
    links += "<li><a class=\"continue-as\" href=\"" +
             HtmlEscape(action + "?" + QueryString(link_params)) + "\">Continue as " +
             HtmlEscape(user.name) + "</a></li>\n";
    first = false;
  }
  std::string scopes;
  for (const auto& scope : SplitScopes(ParamOf(params, "scope"))) {
    scopes += "<li><label><input type=\"checkbox\" name=\"granted\" value=\"" + HtmlEscape(scope) +
              "\" checked> " + HtmlEscape(scope) + "</label></li>\n";
  }
  std::string page =
      "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Log in with Facebook</title>"
      "<style>body{font-family:sans-serif;max-width:36em;margin:2em auto}button{padding:.5em 1.5em;"
      "margin-right:1em}.sandbox{color:#a00}</style></head><body>\n"
      "<p class=\"sandbox\">Meta sandbox: no real Facebook account is used.</p>\n"
      "<h1>" +
      HtmlEscape(world.app_name) +
      " is requesting access to your Pages and Instagram account</h1>\n"
      "<form method=\"post\" action=\"" +
      HtmlEscape(action) + "\">\n" + hidden + "<fieldset><legend>Log in as</legend>\n" + users +
      "</fieldset>\n"
      "<fieldset><legend>Permissions</legend><ul>\n" +
      scopes +
      "</ul></fieldset>\n"
      "<button type=\"submit\" name=\"decision\" value=\"continue\" "
      "id=\"continue\">Continue</button>"
      "<button type=\"submit\" name=\"decision\" value=\"cancel\" id=\"cancel\">Cancel</button>\n"
      "</form>\n<ul>\n" +
      links + "</ul>\n</body></html>\n";
  response.set_content(page, "text/html; charset=utf-8");
}

void Confirm(Store& store, const httplib::Request& request, httplib::Response& response) {
  httplib::Params params = AllParams(request);
  const std::string redirect_uri = ParamOf(params, "redirect_uri");
  const std::string state = ParamOf(params, "state");
  std::lock_guard<std::mutex> lock(store.mu);
  World& world = store.world;
  if (ParamOf(params, "client_id") != world.app_id ||
      (redirect_uri.rfind("http://", 0) != 0 && redirect_uri.rfind("https://", 0) != 0)) {
    response.status = 400;
    response.set_content(DialogError("Invalid App ID or redirect_uri."),
                         "text/html; charset=utf-8");
    return;
  }
  std::string query;
  if (ParamOf(params, "decision") == "cancel") {
    query = "error=access_denied&error_code=200&error_description=" +
            EncodeQueryValue("Permissions error") + "&error_reason=user_denied";
  } else {
    const std::string user_id = ParamOf(params, "user_id");
    if (!world.users.count(user_id)) {
      response.status = 400;
      response.set_content(DialogError("Choose a user to log in as."), "text/html; charset=utf-8");
      return;
    }
    world.users.at(user_id).app_authorized = true;  // a new sign-in grants the app again
    AuthCode code;
    code.user_id = user_id;
    code.redirect_uri = redirect_uri;
    code.issued_at = store.NowLocked();
    const std::vector<std::string> requested = SplitScopes(ParamOf(params, "scope"));
    if (params.count("granted")) {
      // The form's checkboxes: only the ticked permissions are granted. Without any (a plain HTTP
      // client), everything requested is granted.
      for (auto it = params.lower_bound("granted"); it != params.upper_bound("granted"); ++it) {
        if (std::find(requested.begin(), requested.end(), it->second) != requested.end()) {
          code.scopes.push_back(it->second);
        }
      }
    } else {
      code.scopes = requested;
    }
    if (std::find(code.scopes.begin(), code.scopes.end(), "public_profile") == code.scopes.end()) {
      code.scopes.push_back("public_profile");
    }
    const std::string value = "AQ" + RandomUrlSafe(86);
    world.codes[value] = code;
    query = "code=" + EncodeQueryValue(value);
  }
  if (!state.empty()) query += "&state=" + EncodeQueryValue(state);
  response.status = 302;
  // Meta appends "#_=_" to the redirect; browsers keep fragments out of the request.
  response.set_header("Location", AppendQuery(redirect_uri, query) + "#_=_");
  response.set_content("", "text/html; charset=utf-8");
}

GraphReply TokenAnswer(const std::string& token, int64_t expires_in) {
  json body = {{"access_token", token}, {"token_type", "bearer"}};
  if (expires_in > 0) body["expires_in"] = expires_in;
  return GraphReply{200, body};
}

}  // namespace

void InstallDialogRoutes(httplib::Server& server, Store& store) {
  const std::string dialog = R"((?:/v\d+(?:\.\d+)?)?/dialog/oauth)";
  server.Get(dialog, [&store](const httplib::Request& q, httplib::Response& r) {
    RenderDialog(store, q, r);
  });
  server.Get(dialog + "/confirm",
             [&store](const httplib::Request& q, httplib::Response& r) { Confirm(store, q, r); });
  server.Post(dialog + "/confirm",
              [&store](const httplib::Request& q, httplib::Response& r) { Confirm(store, q, r); });
}

std::optional<GraphReply> ResolveTokenLocked(Store& store, const std::string& value,
                                             const Token** token) {
  auto it = store.world.tokens.find(value);
  if (it == store.world.tokens.end()) {
    return MetaError("Invalid OAuth access token - Cannot parse access token", "OAuthException",
                     190);
  }
  const Token& found = it->second;
  const int64_t now = store.NowLocked();
  switch (found.invalid_subcode) {
    case 0:
      break;
    case 458:
      return MetaError("Error validating access token: User " + found.user_id +
                           " has not authorized application " + store.world.app_id + ".",
                       "OAuthException", 190, 458);
    case 460:
      return MetaError(
          "Error validating access token: The session has been invalidated because the user "
          "changed their password or Facebook has changed the session for security reasons.",
          "OAuthException", 190, 460);
    case 467:
      return MetaError(
          "Error validating access token: The session is invalid because the user logged out.",
          "OAuthException", 190, 467);
    default:
      return MetaError("Error validating access token: The session has been invalidated.",
                       "OAuthException", 190, found.invalid_subcode);
  }
  if (found.expires_at != 0 && now >= found.expires_at) {
    return MetaError("Error validating access token: Session has expired on " +
                         PacificTime(found.expires_at) + ". The current time is " +
                         PacificTime(now) + ".",
                     "OAuthException", 190, 463);
  }
  *token = &found;
  return std::nullopt;
}

std::string PageTokenLocked(Store& store, const std::string& user_token,
                            const std::string& page_id) {
  auto& cached = store.world.page_tokens[user_token];
  auto it = cached.find(page_id);
  if (it != cached.end()) return it->second;
  const Token& user = store.world.tokens.at(user_token);
  Token page;
  page.kind = TokenKind::kPage;
  page.user_id = user.user_id;
  page.page_id = page_id;
  page.scopes = user.scopes;
  page.issued_at = store.NowLocked();
  // Page tokens from a long-lived user token do not expire; from a short-lived one they die with
  // it.
  page.expires_at = user.kind == TokenKind::kLongUser ? 0 : user.expires_at;
  std::string value = store.IssueTokenLocked(page);
  cached[page_id] = value;
  return value;
}

GraphReply AccessTokenLocked(Store& store, const GraphCall& call) {
  World& world = store.world;
  const Config& config = store.config();
  const httplib::Params& p = call.params;
  const int64_t now = store.NowLocked();
  const std::string client_id = ParamOf(p, "client_id");
  const std::string grant_type = ParamOf(p, "grant_type");
  if (client_id.empty()) return MetaError("Missing client_id parameter.", "OAuthException", 101);
  if (client_id != world.app_id) {
    return MetaError("Error validating application. Invalid application ID.", "OAuthException",
                     101);
  }
  if (!ConstantTimeEquals(ParamOf(p, "client_secret"), world.app_secret)) {
    return MetaError("Error validating client secret.", "OAuthException", 1);
  }

  if (grant_type == "client_credentials") {
    return TokenAnswer(world.app_id + "|" + world.app_secret, 0);
  }

  if (grant_type == "fb_exchange_token") {
    const std::string short_token = ParamOf(p, "fb_exchange_token");
    if (short_token.empty()) {
      return MetaError("Missing required parameter: fb_exchange_token", "OAuthException", 100);
    }
    const Token* token = nullptr;
    if (auto error = ResolveTokenLocked(store, short_token, &token)) return *error;
    if (token->kind == TokenKind::kPage) {
      return MetaError("(#100) fb_exchange_token must be a user access token", "OAuthException",
                       100);
    }
    // Meta documents no server-side renewal of a long-lived user token: exchanging one again gives
    // it back with the expiry it had (only a new sign-in starts another ~60 days).
    if (token->kind == TokenKind::kLongUser)
      return TokenAnswer(short_token, std::max<int64_t>(token->expires_at - now, 0));
    Token long_token = *token;
    long_token.kind = TokenKind::kLongUser;
    long_token.issued_at = now;
    long_token.expires_at = now + config.long_token_ttl;
    return TokenAnswer(store.IssueTokenLocked(long_token), config.long_token_ttl);
  }

  if (!grant_type.empty() && grant_type != "authorization_code") {
    return MetaError("Unsupported grant_type: " + grant_type, "OAuthException", 100);
  }
  const std::string redirect_uri = ParamOf(p, "redirect_uri");
  if (redirect_uri.empty())
    return MetaError("Missing redirect_uri parameter.", "OAuthException", 191);
  const std::string value = ParamOf(p, "code");
  if (value.empty()) return MetaError("Missing authorization code", "OAuthException", 1);
  auto it = world.codes.find(value);
  if (it == world.codes.end()) {
    return MetaError("Invalid verification code format.", "OAuthException", 100, 36008);
  }
  AuthCode& code = it->second;
  if (code.used)
    return MetaError("This authorization code has been used.", "OAuthException", 100, 36009);
  if (now >= code.issued_at + config.code_ttl) {
    return MetaError("This authorization code has expired.", "OAuthException", 100, 36007);
  }
  if (code.redirect_uri != redirect_uri) {
    return MetaError(
        "Error validating verification code. Please make sure your redirect_uri is identical to "
        "the one you used in the OAuth dialog request",
        "OAuthException", 100, 36008);
  }
  code.used = true;
  Token token;
  token.kind = TokenKind::kShortUser;
  token.user_id = code.user_id;
  token.scopes = code.scopes;
  token.issued_at = now;
  token.expires_at = now + config.short_token_ttl;
  return TokenAnswer(store.IssueTokenLocked(token), config.short_token_ttl);
}

GraphReply DebugTokenLocked(Store& store, const GraphCall& call) {
  World& world = store.world;
  const std::string app_token = world.app_id + "|" + world.app_secret;
  if (call.token.empty()) {
    return MetaError("An access token is required to request this resource.", "OAuthException",
                     104);
  }
  if (!ConstantTimeEquals(call.token, app_token) && !world.tokens.count(call.token)) {
    return MetaError("Invalid OAuth access token - Cannot parse access token", "OAuthException",
                     190);
  }
  const std::string input = ParamOf(call.params, "input_token");
  if (input.empty()) {
    return MetaError("(#100) The parameter input_token is required", "OAuthException", 100);
  }
  auto it = world.tokens.find(input);
  if (it == world.tokens.end()) {
    return GraphReply{200,
                      {{"data",
                        {{"error", {{"code", 190}, {"message", "Invalid OAuth access token."}}},
                         {"is_valid", false},
                         {"scopes", json::array()}}}}};
  }
  const Token& token = it->second;
  const Token* valid = nullptr;
  auto error = ResolveTokenLocked(store, input, &valid);
  json data = {{"app_id", world.app_id},
               {"type", token.kind == TokenKind::kPage ? "PAGE" : "USER"},
               {"application", world.app_name},
               {"data_access_expires_at", token.issued_at + 90 * 24 * 3600},
               {"expires_at", token.expires_at},
               {"is_valid", !error.has_value()},
               {"issued_at", token.issued_at},
               {"scopes", token.scopes},
               {"user_id", token.user_id}};
  if (token.kind == TokenKind::kPage) data["profile_id"] = token.page_id;
  json granular = json::array();
  for (const auto& scope : token.scopes) {
    if (scope == "public_profile") continue;
    json entry = {{"scope", scope}};
    json targets = json::array();
    if (auto user = world.users.find(token.user_id); user != world.users.end()) {
      for (const auto& page_id : user->second.page_ids) {
        const Page& page = world.pages.at(page_id);
        if (scope.rfind("instagram_", 0) == 0) {
          if (!page.ig_id.empty()) targets.push_back(page.ig_id);
        } else if (scope.rfind("pages_", 0) == 0) {
          targets.push_back(page.id);
        }
      }
    }
    if (!targets.empty()) entry["target_ids"] = targets;
    granular.push_back(entry);
  }
  data["granular_scopes"] = granular;
  if (error) {
    const json& e = error->body["error"];
    data["error"] = {{"code", e["code"]}, {"message", e["message"]}};
    if (e.contains("error_subcode")) data["error"]["subcode"] = e["error_subcode"];
  }
  return GraphReply{200, {{"data", data}}};
}

}  // namespace vendly::sandbox
