// The Graph API client. GraphClient speaks Meta's documented Graph API to any base URL (http or
// https): version-prefixed paths, `access_token` query parameter, paging by `paging.next`, Meta
// error classification, X-App-Usage / X-Business-Use-Case-Usage, retries of transient failures with
// exponential backoff and jitter, a call budget, and a count of calls made (sync history's
// apiCallsUsed). InstagramPlatform is the login path behind it (Facebook Login now; Instagram Login
// can slot in later). One GraphClient per thread: it owns an httplib::Client, which serialises
// requests.
#ifndef VENDLY_SERVER_GRAPH_H_
#define VENDLY_SERVER_GRAPH_H_

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace httplib {
class Client;
}

namespace vendly::server {

enum class GraphErrorKind {
  kThrottled,        // codes 4, 17, 32, 613, 80002, or HTTP 429: wait, never hammer
  kTransient,        // codes 1, 2, is_transient, HTTP 5xx, network failure: retry with backoff
  kTokenInvalid,     // code 190 (subcodes 458, 459, 460, 463, 464, 467, 492): seller must reconnect
  kPermission,       // codes 10, 200-299: a permission is missing
  kBudgetExhausted,  // this client's call budget is spent (no call was made)
  kBadResponse,      // the body is not the JSON the caller expected
  kOther,
};

const char* GraphErrorKindName(GraphErrorKind kind);

struct GraphError {
  GraphErrorKind kind = GraphErrorKind::kOther;
  int http_status = 0;
  int code = 0;
  int subcode = 0;
  bool is_transient = false;
  std::string type;
  std::string message;
  std::string fbtrace_id;
  int retry_after_seconds = 0;  // throttling: when to try again (from usage headers or a default)
};

// The kind of a Meta error from its code, subcode, is_transient flag and HTTP status.
GraphErrorKind ClassifyGraphError(int code, int subcode, bool is_transient, int http_status);
// Reads {"error":{...}} from a failed response; a body that is not Meta's error shape gives a
// kTransient (5xx), kThrottled (429) or kOther error with the HTTP status.
GraphError ParseGraphError(int http_status, const std::string& body);

// Usage reported by Meta, as percentages of the limits (-1 when not reported).
struct GraphUsage {
  int app_call_count = -1;
  int app_total_time = -1;
  int app_total_cputime = -1;
  int business_max_percent = -1;  // max over X-Business-Use-Case-Usage entries and metrics
  int regain_access_minutes = 0;  // max estimated_time_to_regain_access
  nlohmann::json raw = nlohmann::json::object();  // {"app":..., "business":...} as received
  // The highest percentage seen, -1 when no header came.
  int max_percent() const;
};
// Parses the two headers (either may be empty). Malformed JSON is ignored.
GraphUsage ParseUsageHeaders(const std::string& app_usage, const std::string& business_usage);

template <typename T>
struct GraphOutcome {
  std::optional<T> value;
  GraphError error;
  bool ok() const { return value.has_value(); }
  static GraphOutcome Fail(GraphError e) { return GraphOutcome{std::nullopt, std::move(e)}; }
};
using GraphJson = GraphOutcome<nlohmann::json>;
using QueryParams = std::vector<std::pair<std::string, std::string>>;

class GraphClient {
 public:
  struct Options {
    std::string base_url = "https://graph.facebook.com";  // scheme://host[:port][/prefix]
    std::string version = "v25.0";
    int call_budget = 200;  // HTTP calls this client may make
    int max_retries = 3;    // for transient failures
    std::chrono::milliseconds backoff_base{500};
    std::chrono::milliseconds backoff_cap{20000};
    int throttle_default_seconds = 60;  // when Meta gives no estimate
    int usage_stop_percent = 95;        // refuse further calls once usage reaches this
    int timeout_seconds = 20;
    // How to wait between retries; tests inject a recorder instead of sleeping.
    std::function<void(std::chrono::milliseconds)> sleep;
  };

  explicit GraphClient(Options options);
  ~GraphClient();
  GraphClient(const GraphClient&) = delete;
  GraphClient& operator=(const GraphClient&) = delete;

  // GET /{version}/{path}?{query}&access_token=... ; `path` without a leading version
  // ("me/accounts"). An empty token sends none (app-token calls pass it in `query`).
  GraphJson Get(const std::string& path, const QueryParams& query, const std::string& access_token);
  // POST with the parameters form-encoded in the body.
  GraphJson Post(const std::string& path, const QueryParams& params,
                 const std::string& access_token);
  // DELETE /{version}/{path}?{query}&access_token=...
  GraphJson Delete(const std::string& path, const QueryParams& query,
                   const std::string& access_token);
  // GETs `path` and every page after it by `paging.next` until `next` is absent (a short or empty
  // page with `next` continues), `on_page` returns false, or `max_pages` pages were read. Each
  // page's `data` array goes to on_page. Returns the number of pages read, or the first error.
  GraphOutcome<int> ForEachPage(const std::string& path, const QueryParams& query,
                                const std::string& access_token,
                                const std::function<bool(const nlohmann::json& data)>& on_page,
                                int max_pages = 1000);

  int calls_made() const { return calls_made_; }
  const GraphUsage& last_usage() const { return usage_; }
  const Options& options() const { return options_; }

 private:
  // One request with retries. `path_and_query` is absolute ("/v25.0/me?...").
  GraphJson Send(const std::string& method, const std::string& path_and_query,
                 const std::string& form_body);
  std::string VersionedPath(const std::string& path) const;

  Options options_;
  std::string origin_;  // scheme://host:port
  std::string prefix_;  // path prefix of the base URL, "" or "/graph"
  std::unique_ptr<httplib::Client> http_;
  int calls_made_ = 0;
  GraphUsage usage_;
};

// URL-encodes a query: "a=1&b=x%20y".
std::string EncodeQuery(const QueryParams& params);
// Splits "scheme://host[:port][/path...]" into origin and the rest ("" or "/path...").
std::pair<std::string, std::string> SplitUrl(const std::string& url);

// One page of a paged Graph response: its `data` array (inside `body`), and the path and query of
// paging.next on our own base (the token never goes to another host); next_malformed when
// paging.next is a string that is not a URL. kBadResponse when there is no data array.
struct GraphPage {
  const nlohmann::json* data = nullptr;
  std::optional<std::string> next;
  bool next_malformed = false;
};
GraphOutcome<GraphPage> ReadGraphPage(const nlohmann::json& body);

// ---- The login path
// ---------------------------------------------------------------------------------

struct OAuthToken {
  std::string access_token;
  std::optional<long long> expires_in;  // seconds; absent: does not expire
};

struct LinkedAccount {
  std::string page_id;
  std::string page_name;
  std::string page_access_token;  // "" on the Instagram Login path
  std::string ig_user_id;         // "" when the Page has no Instagram professional account
  std::string ig_username;
};

struct MediaItem {
  std::string id;
  std::optional<std::string> caption;
  std::string media_type;
  std::optional<std::string> media_url;
  std::optional<std::string> thumbnail_url;
  std::string permalink;
  std::string timestamp;
  std::vector<MediaItem> children;
};
// Reads one media object of the Graph API (children from the expanded `children.data`, one level
// deep: a child's own children are not read).
MediaItem ParseMediaItem(const nlohmann::json& item);
// The token of oauth/access_token's answer; kBadResponse when it has none. expires_in is kept
// within [0, kMaxOAuthTokenSeconds] (Meta's long-lived tokens last 60 days).
inline constexpr long long kMaxOAuthTokenSeconds = 10LL * 366 * 86400;
GraphOutcome<OAuthToken> ReadOAuthToken(const nlohmann::json& body);
// The permissions me/permissions lists as granted; none when Graph does not say.
std::vector<std::string> ReadGrantedPermissions(const nlohmann::json& body);
// The fields of a media listing, carousel children expanded in the same call.
extern const char kMediaFields[];

// One way of connecting an Instagram professional account. Methods return Meta's errors classified.
class InstagramPlatform {
 public:
  virtual ~InstagramPlatform() = default;
  virtual std::string login_path() const = 0;  // stored in instagram_connection.login_path
  // The login dialog URL the browser is sent to.
  virtual std::string AuthorizeUrl(const std::string& state,
                                   const std::string& redirect_uri) const = 0;
  // Exchanges the dialog's code and returns a long-lived user token.
  virtual GraphOutcome<OAuthToken> ExchangeCode(const std::string& code,
                                                const std::string& redirect_uri) = 0;
  // The app-scoped id of the token's user (the key of Meta's deletion callbacks).
  virtual GraphOutcome<std::string> UserId(const std::string& user_token) = 0;
  // Every Page (or account) the user granted, with its Instagram account where one is linked.
  virtual GraphOutcome<std::vector<LinkedAccount>> LinkedAccounts(
      const std::string& user_token) = 0;
  // Subscribes the app to the account's webhooks.
  virtual GraphOutcome<bool> SubscribeWebhooks(const LinkedAccount& account) = 0;
  // Undoes SubscribeWebhooks (the Page's subscription to the app); true when Meta confirmed.
  virtual GraphOutcome<bool> UnsubscribeWebhooks(const LinkedAccount& account) = 0;
  // Revokes the app's grant of the user (`user_id`, app-scoped): every token of the user stops
  // working. Uses the app token, so it works after the user token lapsed; true when confirmed.
  virtual GraphOutcome<bool> RevokeGrant(const std::string& user_id) = 0;
  // id and username of an Instagram account; a 190 error here means the stored token is dead.
  virtual GraphOutcome<nlohmann::json> Account(const std::string& ig_user_id,
                                               const std::string& token) = 0;
  // Media of the account, newest first, one page at a time (limit <= 100).
  virtual GraphOutcome<int> ForEachMedia(
      const std::string& ig_user_id, const std::string& token, int limit,
      const std::function<bool(const std::vector<MediaItem>&)>& on_page) = 0;
  virtual GraphClient& graph() = 0;
};

struct FacebookLoginOptions {
  GraphClient::Options graph;
  std::string login_url = "https://www.facebook.com";
  std::string app_id;
  std::string app_secret;
  std::string scopes;  // comma-separated
  std::string webhook_fields = "feed";
};

std::unique_ptr<InstagramPlatform> NewFacebookLoginPlatform(FacebookLoginOptions options);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_GRAPH_H_
