// The sandbox's in-memory world: the app, Facebook users and their Pages, Instagram professional
// accounts and their media, the tokens and authorization codes it has issued, call counters and the
// sandbox clock. Loaded from JSON fixtures; every access goes through Store::mu (one mutex: the
// sandbox serves tests, not traffic).
#ifndef VENDLY_SERVER_SANDBOX_STORE_H_
#define VENDLY_SERVER_SANDBOX_STORE_H_

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vendly::sandbox {

// Settings from flags and the environment; fixed for the life of the process.
struct Config {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string fixtures_dir;
  std::string public_url;  // base of paging.next and media URLs; no trailing slash
  std::string app_id;      // empty: take fixtures/app.json
  std::string app_secret;  // empty: take fixtures/app.json
  int threads = 32;
  int64_t short_token_ttl = 3600;      // seconds
  int64_t long_token_ttl = 5183944;    // ~60 days, as Meta answers
  int64_t code_ttl = 600;              // authorization codes live ~10 minutes
  int64_t cdn_ttl = 5 * 24 * 3600;     // signed media URLs expire after a few days
  int64_t app_call_budget = 4800;      // calls per rolling 24 h before code 4
  int64_t account_call_budget = 4800;  // calls per rolling 24 h and account before code 80002
  bool quiet = false;                  // no request log
};

struct Child {
  std::string id;
  std::string media_type;  // IMAGE or VIDEO
};

struct Media {
  std::string id;
  std::string owner;  // Instagram account id
  std::optional<std::string> caption;
  std::string media_type;          // IMAGE, VIDEO, CAROUSEL_ALBUM
  std::string media_product_type;  // FEED, REELS
  int64_t timestamp = 0;           // unix seconds
  std::string shortcode;
  std::vector<Child> children;
  int64_t like_count = 0;
  int64_t comments_count = 0;
  bool media_url_missing = false;  // copyright-flagged: Meta omits media_url
};

struct IgAccount {
  std::string id;
  std::string username;
  std::string name;
  std::string biography;
  std::string website;
  int64_t followers_count = 0;
  int64_t follows_count = 0;
  std::vector<std::string> feed;  // media ids, newest first
};

struct Page {
  std::string id;
  std::string name;
  std::string category;
  std::string ig_id;  // empty: no linked Instagram professional account
  std::set<std::string> subscribed_fields;
  bool subscribed = false;
};

struct User {
  std::string id;
  std::string name;
  std::string label;  // shown in the login dialog, e.g. "Nairobi fashion shop"
  std::vector<std::string> page_ids;
  // The app's grant: DELETE /{user-id}/permissions revokes it (counted) until the next sign-in.
  bool app_authorized = true;
  int64_t grant_revocations = 0;
  // Permissions the user declined in the dialog: Meta does not ask for them again unless the
  // dialog says auth_type=rerequest.
  std::set<std::string> declined;
};

// Facebook Login issues user and Page tokens (graph.facebook.com); Instagram Login issues Instagram
// user tokens (graph.instagram.com), which neither host accepts in place of the other.
enum class TokenKind { kShortUser, kLongUser, kPage, kShortInstagram, kLongInstagram };

struct Token {
  TokenKind kind = TokenKind::kShortUser;
  std::string user_id;
  std::string page_id;  // kPage only
  std::string ig_id;    // kShortInstagram / kLongInstagram only
  std::vector<std::string> scopes;
  int64_t issued_at = 0;
  int64_t expires_at = 0;   // 0: never
  int invalid_subcode = 0;  // 0: valid; else the 190 subcode it now answers (458, 460, 467, ...)
};

struct AuthCode {
  std::string user_id;  // Facebook user; empty for an Instagram Login code
  std::string ig_id;    // Instagram account, for an Instagram Login code
  std::string redirect_uri;
  std::vector<std::string> scopes;
  int64_t issued_at = 0;
  bool used = false;
};

// A fault injected through POST /_sandbox/faults. It watches the Graph calls that match its
// filters; after `after` matching calls it fires on the next `count` ones (-1: until cleared).
struct Fault {
  int id = 0;
  std::string type;      // throttle | error | slow | truncate | drop | token_error | short_page
  std::string endpoint;  // e.g. "GET /{ig-user-id}/media"; empty: any
  std::string path_contains;  // substring of the request path; empty: any
  std::string account;        // Instagram account id the call concerns; empty: any
  int64_t after = 0;
  int64_t count = -1;
  int64_t seen = 0;
  int64_t fired = 0;
  int code = 0;          // throttle: 4, 17, 32, 613, 80002; error: 1 or 2; token_error: 190
  int subcode = 0;       // token_error: 463 (expired), 460, 458, 467, ...
  int status = 0;        // error: HTTP status (500, 502, 503)
  int64_t delay_ms = 0;  // slow
  double keep = 0.5;     // truncate, drop: fraction of the body sent
  int64_t items =
      0;  // short_page: media items a page keeps (0: an empty page that still has paging.next)
  std::string message;  // optional override of the error message
};

// A recurring change to an account, from POST /_sandbox/schedule: the world changing while the
// server polls.
struct Schedule {
  int id = 0;
  std::string account;
  std::string action;  // publish | edit | delete | comment
  int64_t every_ms = 1000;
  int64_t remaining = -1;  // runs left; -1: until cleared
  int64_t runs = 0;
  int64_t next_due_ms = 0;  // steady-clock milliseconds
};

// Counts of Graph API calls since the last reset, for GET /_sandbox/calls and the usage headers.
struct CallLog {
  int64_t graph_total = 0;
  int64_t cdn_total = 0;
  std::map<std::string, int64_t> by_endpoint;
  std::map<std::string, std::map<std::string, int64_t>> by_account;
  std::deque<int64_t> app_times;  // call times within the rolling window
  std::map<std::string, std::deque<int64_t>> account_times;
};

// The fake language models (ai_routes.cc): answers given by the control API keyed by caption,
// faults on demand and a record of the calls.
struct AiFault {
  int id = 0;
  std::string type;      // timeout | status | malformed_body | malformed | refusal | bad_quote |
                         // wrong_price
  std::string provider;  // openai | gemini; empty: either
  int status = 500;      // status: the HTTP status (429, 500, 503, ...)
  int retry_after = 0;   // status: a Retry-After header (seconds) when > 0
  int64_t delay_ms = 0;  // timeout: how long the answer waits
  int64_t count = 1;     // calls it applies to; -1: every call
  int64_t fired = 0;
};

struct AiCall {
  std::string provider;  // openai | gemini
  std::string model;
  std::string caption;  // "" when the request carried none we could read
  std::string store_currency;
  bool structured = false;        // asked for JSON-schema output
  bool prompt_has_rules = false;  // the system prompt carries the labelling rules
  std::string image_mime;         // the inline image's type ("" when none)
  int64_t image_bytes = 0;
  std::string fault;  // the fault applied ("" when none)
};

struct AiWorld {
  std::map<std::string, nlohmann::json> answers;  // caption -> the model answer to give
  std::vector<AiFault> faults;
  int next_fault_id = 1;
  bool wrong_prices = false;  // mode: every answer's prices are wrong (quotes kept)
  std::vector<AiCall> calls;  // most recent last, at most 1000 kept
  int64_t total_calls = 0;
};

struct World {
  std::string app_id;
  std::string app_secret;
  std::string app_name = "Sandbox App";
  std::string verify_token;
  std::vector<std::string> redirect_uris;  // empty: any redirect_uri is accepted by the dialog
  std::string webhook_url;                 // where automatic deliveries go; empty: none
  bool ig_token_flat = false;  // api.instagram.com answers a flat object instead of {"data":[...]}
  std::vector<std::string> user_order;  // login dialog order
  std::map<std::string, User> users;
  std::map<std::string, Page> pages;
  std::map<std::string, IgAccount> accounts;
  std::map<std::string, Media> media;
  std::map<std::string, std::string> child_parent;  // child media id -> album id
  std::map<std::string, Token> tokens;
  std::map<std::string, AuthCode> codes;
  std::map<std::string, std::map<std::string, std::string>>
      page_tokens;  // user token -> page -> token
  CallLog calls;
  std::vector<Fault> faults;
  int next_fault_id = 1;
  std::vector<Schedule> schedules;
  int next_schedule_id = 1;
  uint64_t change_counter = 0;  // drives the deterministic choices of scheduled changes
  int64_t clock_offset = 0;     // seconds added to the real clock
  uint64_t next_media_id = 17990000000000001ULL;
  int64_t app_budget = 4800;
  int64_t account_budget = 4800;
  AiWorld ai;
};

// Owns the world and its lock. Load() fills it from the fixtures directory; Reset() reloads it.
class Store {
 public:
  explicit Store(Config config) : config_(std::move(config)) {}

  // Reads app.json, users.json and accounts/*.json under config().fixtures_dir. On failure returns
  // false and sets *error; the world is then left as it was.
  bool Load(std::string* error);

  const Config& config() const { return config_; }

  std::mutex mu;
  World world;  // guarded by mu

  // The sandbox clock: real time plus world.clock_offset. Requires mu.
  int64_t NowLocked() const;

  // Sorts an account's feed newest first (timestamp, then id). Requires mu.
  void SortFeedLocked(IgAccount& account);

  // Adds a media item to its owner's feed and indexes its children. Requires mu.
  void AddMediaLocked(Media media);

  // Removes a media item (and its children) everywhere. Returns false when unknown. Requires mu.
  bool RemoveMediaLocked(const std::string& media_id);

  // Issues a new token and returns its opaque string ("EAA..." for Facebook, "IGAA..." for
  // Instagram Login). Requires mu.
  std::string IssueTokenLocked(Token token);

  // A fresh media id, unique in the world. Requires mu.
  std::string NewMediaIdLocked();

 private:
  Config config_;
};

// "2026-11-20T08:15:30+0000" for a unix time.
std::string FormatTimestamp(int64_t unix_seconds);

// The inverse of FormatTimestamp; also accepts "Z" and "+00:00". Returns nullopt when malformed.
std::optional<int64_t> ParseTimestamp(const std::string& text);

// A shortcode-like string derived from a media id (Instagram's base64 alphabet).
std::string ShortcodeFor(const std::string& media_id);

}  // namespace vendly::sandbox

#endif  // VENDLY_SERVER_SANDBOX_STORE_H_
