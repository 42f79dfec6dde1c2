// The edge server's configuration: environment variables, each with a default that runs the demo
// against the Meta sandbox. LoadConfig validates everything at start so a bad value stops the
// server with a clear message instead of failing on the first request.
#ifndef VENDLY_SERVER_CONFIG_H_
#define VENDLY_SERVER_CONFIG_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "app/status.h"
#include "vendly/client_address.h"
#include "vendly/http_framing.h"
#include "vendly/media_hosts.h"
#include "vendly/retention.h"

namespace vendly::server {

// The second opinion (server/ai): which posts are sent to which language model, and the limits.
struct AiConfig {
  std::string mode = "off";  // VENDLY_AI_MODE: off | unsure (below auto-approve) | all
  // VENDLY_AI_PROVIDER: openai | gemini; unset: the one whose key is set (openai first).
  std::string provider;
  std::string openai_key;                                                     // OPENAI_API_KEY
  std::string openai_model = "gpt-4.1-nano";                                  // OPENAI_MODEL
  std::string openai_base_url = "https://api.openai.com/v1";                  // OPENAI_BASE_URL
  std::string gemini_key;                                                     // GEMINI_API_KEY
  std::string gemini_model = "gemini-2.0-flash-lite";                         // GEMINI_MODEL
  std::string gemini_base_url = "https://generativelanguage.googleapis.com";  // GEMINI_BASE_URL
  int timeout_seconds = 20;  // VENDLY_AI_TIMEOUT_SECONDS: per request
  int max_retries = 3;       // VENDLY_AI_MAX_RETRIES: of a 429/5xx
  // VENDLY_AI_INPUT_USD_PER_MTOK / VENDLY_AI_OUTPUT_USD_PER_MTOK: the model's price per million
  // tokens; negative (unset): the chosen provider's default model's list price.
  double input_usd_per_mtok = -1;
  double output_usd_per_mtok = -1;
  int calls_per_minute = 120;       // VENDLY_AI_CALLS_PER_MINUTE: all stores together
  int store_calls_per_minute = 30;  // VENDLY_AI_STORE_CALLS_PER_MINUTE
  int daily_calls = 20000;          // VENDLY_AI_DAILY_CALLS: all stores, per UTC day
  int store_daily_calls = 2000;     // VENDLY_AI_STORE_DAILY_CALLS
  double daily_usd = 5.0;           // VENDLY_AI_DAILY_USD: all stores, per UTC day
  double store_daily_usd = 0.5;     // VENDLY_AI_STORE_DAILY_USD: per store, per UTC day
  // The provider in use ("" when the mode is off or no key is set): set by LoadConfig.
  std::string active_provider;
};

struct Config {
  std::string database_url =
      "host=localhost dbname=vendly";      // VENDLY_DATABASE_URL (libpq conninfo)
  std::string bind_address = "127.0.0.1";  // VENDLY_BIND_ADDRESS
  int port = 8080;                         // VENDLY_PORT
  std::string public_url;                  // VENDLY_PUBLIC_URL; default http://localhost:<port>
  std::string dashboard_url;               // VENDLY_DASHBOARD_URL; default the public URL
  // The origins a cookie-signed state change may come from (vendly/request_policy.h): those of the
  // dashboard's and the public URL, plus VENDLY_ALLOWED_ORIGINS (comma-separated URLs), each as
  // vendly::OriginOf writes it.
  std::vector<std::string> allowed_origins;
  std::string data_dir = ".data";  // VENDLY_DATA_DIR: where the demo keeps its generated key
  std::string token_key;           // VENDLY_TOKEN_KEY: base64 of 32 bytes, decoded here (raw bytes)
  bool token_key_generated = false;  // true when the key came from (or was written to) data_dir
  // VENDLY_TOKEN_KEYS_PREVIOUS: comma-separated base64 keys that only decrypt (key rotation: tokens
  // sealed under an old key stay readable; new tokens are sealed with VENDLY_TOKEN_KEY).
  std::vector<std::string> previous_token_keys;
  std::string media_dir;                   // VENDLY_MEDIA_DIR; default <data_dir>/media
  std::size_t media_max_bytes = 16 << 20;  // VENDLY_MEDIA_MAX_BYTES: largest stored image
  // VENDLY_MEDIA_ALLOWED_HOSTS (default vendly::kDefaultMediaAllowedHosts): the hosts media is
  // downloaded from, with loopback allowed when META_GRAPH_URL is on loopback (the sandbox). Set by
  // LoadConfig (vendly/media_hosts.h).
  std::string media_allowed_hosts = vendly::kDefaultMediaAllowedHosts;
  vendly::MediaHostPolicy media_hosts;
  // VENDLY_MEDIA_FULL_RETRY_SECONDS: how long a copy waits when the media disk is full before it
  // tries again (no attempt spent).
  int media_full_retry_seconds = 300;
  std::string migrations_dir;  // VENDLY_MIGRATIONS_DIR; default the source tree's migrations/
  std::string meta_app_id = "sandbox-app";                        // META_APP_ID
  std::string meta_app_secret = "sandbox-secret";                 // META_APP_SECRET
  std::string graph_url = "https://graph.facebook.com";           // META_GRAPH_URL
  std::string graph_version = "v25.0";                            // META_GRAPH_VERSION
  std::string login_url = "https://www.facebook.com";             // META_LOGIN_URL
  std::string webhook_verify_token = "vendly-demo-verify-token";  // META_WEBHOOK_VERIFY_TOKEN
  // VENDLY_METRICS_TOKEN: GET /metrics asks for `Authorization: Bearer <it>`; unset, it answers
  // loopback clients only.
  std::string metrics_token;
  std::string oauth_scopes =
      "instagram_basic,pages_show_list,pages_read_engagement,business_"
      "management";          // META_OAUTH_SCOPES
  int http_threads = 32;     // VENDLY_HTTP_THREADS: request worker threads
  int task_queue_max = 256;  // VENDLY_HTTP_QUEUE: read requests waiting for a worker
  // VENDLY_HTTP_MAX_CONNECTIONS_PER_ADDRESS: open connections from one client address (0: no cap);
  // behind a reverse proxy every connection comes from the proxy: raise it or use 0 there.
  int max_connections_per_address = vendly::kMaxConnectionsPerAddress;
  // VENDLY_TRUSTED_PROXIES: addresses and CIDR ranges of the reverse proxies in front; only a
  // request whose peer is one of them has its client read from X-Forwarded-For
  // (vendly/client_address.h). Empty: X-Forwarded-For is never read.
  std::string trusted_proxies_list;
  vendly::TrustedProxies trusted_proxies;
  // VENDLY_WORKER_THREADS: job worker threads (jobs.h) of `vendly-server` and `vendly-server
  // worker`; 0 runs no jobs in the serving process (dedicated `vendly-server worker` processes run
  // them).
  int worker_threads = 2;
  std::size_t payload_max = 1 << 20;  // VENDLY_MAX_BODY_BYTES: largest request body
  // VENDLY_WEBHOOK_MAX_BODY_BYTES: largest body of POST /api/webhooks/instagram. Meta batches up to
  // 1000 changes per delivery (non-ASCII escaped as \uXXXX), which can pass 1 MiB.
  std::size_t webhook_payload_max = 8 << 20;
  int db_pool_size = 16;        // VENDLY_DB_POOL
  int graph_call_budget = 200;  // VENDLY_GRAPH_CALL_BUDGET: Graph calls per account per operation
  // VENDLY_THROTTLE_MAX_DEFER_SECONDS: the longest a throttled job waits before trying again
  // (Meta's estimate is used when shorter; tests shorten it).
  int throttle_max_defer_seconds = 3600;
  // VENDLY_DRAFT_EXPIRY_INTERVAL_SECONDS: how often pending drafts past their 7 days are expired.
  int draft_expiry_interval_seconds = 3600;
  // Housekeeping (jobs/retention.h, the rule in vendly/retention.h). VENDLY_JOB_RETENTION_DAYS:
  // finished jobs older than this are deleted; VENDLY_WEBHOOK_RETENTION_DAYS: processed webhook
  // events older than this; VENDLY_RETENTION_INTERVAL_SECONDS: between two runs;
  // VENDLY_RETENTION_BATCH_SIZE: rows one DELETE statement removes at most.
  int job_retention_days = vendly::kDefaultJobRetentionDays;
  int webhook_retention_days = vendly::kDefaultWebhookRetentionDays;
  int retention_interval_seconds = vendly::kDefaultRetentionIntervalSeconds;
  int retention_batch_size = vendly::kDefaultRetentionBatchSize;
  // VENDLY_JOB_LEASE_SECONDS: how long a worker's claim on a job lasts without a heartbeat; a
  // crashed worker's job runs again this long after its last heartbeat.
  int job_lease_seconds = 30;
  // Incremental sync (sync.cc). VENDLY_POLL_MIN_SECONDS: a connection's poll interval after
  // activity; VENDLY_POLL_MAX_SECONDS: the interval a quiet account backs off to;
  // VENDLY_SYNC_WALK_SECONDS: how often a poll also walks the recent catalog for caption edits and
  // deleted posts.
  int poll_min_seconds = 15;
  int poll_max_seconds = 300;
  int sync_walk_seconds = 300;
  AiConfig ai;
};

using EnvGetter = std::function<const char*(const char*)>;

// Reads the configuration through `getenv` (std::getenv in main, a map in tests). When
// VENDLY_TOKEN_KEY is unset, reads <data_dir>/token.key or, if absent, generates a random key and
// writes it there (mode 0600). Fails with a message naming the variable on any invalid value.
Result<Config> LoadConfig(const EnvGetter& getenv);

// True when VENDLY_PUBLIC_URL is https: the session cookie is Secure and answers carry HSTS.
inline bool ServesHttps(const Config& config) {
  return config.public_url.rfind("https://", 0) == 0;
}

// The OAuth redirect URI registered with Meta: <public_url>/api/instagram/auth/callback.
std::string OAuthRedirectUri(const Config& config);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_CONFIG_H_
