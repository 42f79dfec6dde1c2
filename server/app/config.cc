#include "app/config.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "crypto/crypto.h"
#include "vendly/request_policy.h"
#include "vendly/second_opinion.h"

#ifndef VENDLY_DEFAULT_MIGRATIONS_DIR
#define VENDLY_DEFAULT_MIGRATIONS_DIR "migrations"
#endif

namespace vendly::server {
namespace {

bool ParseInt(const std::string& text, long min, long max, long* out) {
  if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos)
    return false;
  long v = std::strtol(text.c_str(), nullptr, 10);
  if (v < min || v > max) return false;
  *out = v;
  return true;
}

bool IsHttpUrl(const std::string& url) {
  return (url.rfind("http://", 0) == 0 && url.size() > 7) ||
         (url.rfind("https://", 0) == 0 && url.size() > 8);
}

std::string TrimSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

Status MakeDirs(const std::string& path) {
  std::string partial;
  std::stringstream ss(path);
  std::string part;
  if (!path.empty() && path[0] == '/') partial = "/";
  while (std::getline(ss, part, '/')) {
    if (part.empty()) continue;
    partial += part + "/";
    if (mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST)
      return Status::Internal("cannot create directory " + partial);
  }
  return Status::Ok();
}

Status ResolveTokenKey(const char* env_value, Config* config) {
  std::string encoded;
  if (env_value != nullptr && *env_value != '\0') {
    encoded = env_value;
  } else {
    const std::string path = config->data_dir + "/token.key";
    std::ifstream in(path);
    if (in) {
      std::getline(in, encoded);
    } else {
      Status made = MakeDirs(config->data_dir);
      if (!made.ok()) return made;
      encoded = Base64Encode(RandomBytes(32));
      mode_t old_mask = umask(077);
      std::ofstream out(path, std::ios::trunc);
      out << encoded << "\n";
      out.flush();
      umask(old_mask);
      if (!out) return Status::Internal("cannot write " + path);
      chmod(path.c_str(), 0600);
    }
    config->token_key_generated = true;
  }
  auto key = Base64Decode(encoded);
  if (!key || key->size() != 32)
    return Status::InvalidRequest("VENDLY_TOKEN_KEY must be the base64 encoding of 32 bytes");
  config->token_key = *key;
  return Status::Ok();
}

void ReadStrings(const EnvGetter& getenv, Config& c) {
  auto str = [&](const char* name, std::string* field) {
    const char* v = getenv(name);
    if (v != nullptr && *v != '\0') *field = v;
  };
  str("VENDLY_DATABASE_URL", &c.database_url);
  str("VENDLY_BIND_ADDRESS", &c.bind_address);
  str("VENDLY_DATA_DIR", &c.data_dir);
  str("VENDLY_MEDIA_DIR", &c.media_dir);
  str("VENDLY_MIGRATIONS_DIR", &c.migrations_dir);
  str("VENDLY_PUBLIC_URL", &c.public_url);
  str("VENDLY_DASHBOARD_URL", &c.dashboard_url);
  str("META_APP_ID", &c.meta_app_id);
  str("META_APP_SECRET", &c.meta_app_secret);
  str("META_GRAPH_URL", &c.graph_url);
  str("META_GRAPH_VERSION", &c.graph_version);
  str("META_LOGIN_URL", &c.login_url);
  str("META_WEBHOOK_VERIFY_TOKEN", &c.webhook_verify_token);
  str("META_OAUTH_SCOPES", &c.oauth_scopes);
  str("VENDLY_METRICS_TOKEN", &c.metrics_token);
  str("VENDLY_MEDIA_ALLOWED_HOSTS", &c.media_allowed_hosts);
  str("VENDLY_TRUSTED_PROXIES", &c.trusted_proxies_list);
}

Status ReadInts(const EnvGetter& getenv, Config& c) {
  struct IntVar {
    const char* name;
    long min, max;
    std::function<void(long)> set;
  };
  const IntVar ints[] = {
      {"VENDLY_PORT", 1, 65535, [&](long v) { c.port = int(v); }},
      {"VENDLY_HTTP_THREADS", 1, 1024, [&](long v) { c.http_threads = int(v); }},
      {"VENDLY_HTTP_QUEUE", 1, 100000, [&](long v) { c.task_queue_max = int(v); }},
      {"VENDLY_HTTP_MAX_CONNECTIONS_PER_ADDRESS", 0, 1000000,
       [&](long v) { c.max_connections_per_address = int(v); }},
      {"VENDLY_WORKER_THREADS", 0, 256, [&](long v) { c.worker_threads = int(v); }},
      {"VENDLY_MAX_BODY_BYTES", 1024, 1L << 30, [&](long v) { c.payload_max = std::size_t(v); }},
      {"VENDLY_WEBHOOK_MAX_BODY_BYTES", 1024, 1L << 30,
       [&](long v) { c.webhook_payload_max = std::size_t(v); }},
      {"VENDLY_DB_POOL", 1, 512, [&](long v) { c.db_pool_size = int(v); }},
      {"VENDLY_GRAPH_CALL_BUDGET", 1, 1000000, [&](long v) { c.graph_call_budget = int(v); }},
      {"VENDLY_THROTTLE_MAX_DEFER_SECONDS", 1, 86400,
       [&](long v) { c.throttle_max_defer_seconds = int(v); }},
      {"VENDLY_DRAFT_EXPIRY_INTERVAL_SECONDS", 1, 86400,
       [&](long v) { c.draft_expiry_interval_seconds = int(v); }},
      {"VENDLY_JOB_LEASE_SECONDS", 1, 3600, [&](long v) { c.job_lease_seconds = int(v); }},
      {"VENDLY_JOB_RETENTION_DAYS", vendly::kMinJobRetentionDays, vendly::kMaxRetentionDays,
       [&](long v) { c.job_retention_days = int(v); }},
      {"VENDLY_WEBHOOK_RETENTION_DAYS", vendly::kMinWebhookRetentionDays, vendly::kMaxRetentionDays,
       [&](long v) { c.webhook_retention_days = int(v); }},
      {"VENDLY_RETENTION_INTERVAL_SECONDS", 1, 86400,
       [&](long v) { c.retention_interval_seconds = int(v); }},
      {"VENDLY_RETENTION_BATCH_SIZE", 1, vendly::kMaxRetentionBatchSize,
       [&](long v) { c.retention_batch_size = int(v); }},
      {"VENDLY_POLL_MIN_SECONDS", 1, 86400, [&](long v) { c.poll_min_seconds = int(v); }},
      {"VENDLY_POLL_MAX_SECONDS", 1, 86400, [&](long v) { c.poll_max_seconds = int(v); }},
      {"VENDLY_SYNC_WALK_SECONDS", 1, 86400, [&](long v) { c.sync_walk_seconds = int(v); }},
      {"VENDLY_MEDIA_MAX_BYTES", 1024, 1L << 30,
       [&](long v) { c.media_max_bytes = std::size_t(v); }},
      {"VENDLY_MEDIA_FULL_RETRY_SECONDS", 1, 86400,
       [&](long v) { c.media_full_retry_seconds = int(v); }},
      {"VENDLY_AI_TIMEOUT_SECONDS", 1, 600, [&](long v) { c.ai.timeout_seconds = int(v); }},
      {"VENDLY_AI_MAX_RETRIES", 0, 10, [&](long v) { c.ai.max_retries = int(v); }},
      {"VENDLY_AI_CALLS_PER_MINUTE", 1, 1000000, [&](long v) { c.ai.calls_per_minute = int(v); }},
      {"VENDLY_AI_STORE_CALLS_PER_MINUTE", 1, 1000000,
       [&](long v) { c.ai.store_calls_per_minute = int(v); }},
      {"VENDLY_AI_DAILY_CALLS", 0, 100000000, [&](long v) { c.ai.daily_calls = int(v); }},
      {"VENDLY_AI_STORE_DAILY_CALLS", 0, 100000000,
       [&](long v) { c.ai.store_daily_calls = int(v); }},
  };
  for (const auto& var : ints) {
    const char* v = getenv(var.name);
    if (v == nullptr || *v == '\0') continue;
    long parsed = 0;
    if (!ParseInt(v, var.min, var.max, &parsed))
      return Status::InvalidRequest(std::string(var.name) + " must be an integer from " +
                                    std::to_string(var.min) + " to " + std::to_string(var.max));
    var.set(parsed);
  }
  return Status::Ok();
}

// The media host policy (VENDLY_MEDIA_ALLOWED_HOSTS, and loopback when META_GRAPH_URL is on it) and
// the trusted proxies (VENDLY_TRUSTED_PROXIES).
Status ResolveMediaHosts(Config& c) {
  std::string error;
  auto patterns = vendly::ParseMediaHostPatterns(c.media_allowed_hosts, &error);
  if (!patterns) return Status::InvalidRequest("VENDLY_MEDIA_ALLOWED_HOSTS: " + error);
  c.media_hosts = vendly::MediaHostPolicyFor(*patterns, c.graph_url);
  auto proxies = vendly::ParseTrustedProxies(c.trusted_proxies_list, &error);
  if (!proxies) return Status::InvalidRequest("VENDLY_TRUSTED_PROXIES: " + error);
  c.trusted_proxies = *proxies;
  return Status::Ok();
}

// Defaults that depend on other settings, then the checks across settings.
Status FinishAndValidate(Config& c) {
  if (c.public_url.empty()) c.public_url = "http://localhost:" + std::to_string(c.port);
  c.public_url = TrimSlash(c.public_url);
  if (c.dashboard_url.empty()) c.dashboard_url = c.public_url;
  c.dashboard_url = TrimSlash(c.dashboard_url);
  c.graph_url = TrimSlash(c.graph_url);
  c.login_url = TrimSlash(c.login_url);
  if (c.media_dir.empty()) c.media_dir = c.data_dir + "/media";
  if (c.migrations_dir.empty()) c.migrations_dir = VENDLY_DEFAULT_MIGRATIONS_DIR;

  const std::pair<const char*, const std::string*> urls[] = {
      {"VENDLY_PUBLIC_URL", &c.public_url},
      {"VENDLY_DASHBOARD_URL", &c.dashboard_url},
      {"META_GRAPH_URL", &c.graph_url},
      {"META_LOGIN_URL", &c.login_url}};
  for (const auto& [name, url] : urls) {
    if (!IsHttpUrl(*url))
      return Status::InvalidRequest(std::string(name) + " must be an http:// or https:// URL");
  }
  const std::string& ver = c.graph_version;
  bool version_ok = ver.size() >= 4 && ver[0] == 'v' &&
                    ver.find_first_not_of("0123456789.", 1) == std::string::npos &&
                    ver.find('.') != std::string::npos;
  if (!version_ok) return Status::InvalidRequest("META_GRAPH_VERSION must look like v25.0");
  if (c.poll_min_seconds > c.poll_max_seconds)
    return Status::InvalidRequest(
        "VENDLY_POLL_MIN_SECONDS must not exceed VENDLY_POLL_MAX_SECONDS");
  if (c.meta_app_id.empty() || c.meta_app_secret.empty())
    return Status::InvalidRequest("META_APP_ID and META_APP_SECRET must not be empty");
  return ResolveMediaHosts(c);
}

bool ParseUsd(const std::string& text, double* out) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !(v >= 0) || v > 1e6) return false;
  *out = v;
  return true;
}

// The AI settings (AiConfig). The keys are read here and never written anywhere else.
Status ReadAi(const EnvGetter& getenv, AiConfig& ai) {
  auto str = [&](const char* name, std::string* field) {
    const char* v = getenv(name);
    if (v != nullptr && *v != '\0') *field = v;
  };
  str("VENDLY_AI_MODE", &ai.mode);
  str("VENDLY_AI_PROVIDER", &ai.provider);
  str("OPENAI_API_KEY", &ai.openai_key);
  str("OPENAI_MODEL", &ai.openai_model);
  str("OPENAI_BASE_URL", &ai.openai_base_url);
  str("GEMINI_API_KEY", &ai.gemini_key);
  str("GEMINI_MODEL", &ai.gemini_model);
  str("GEMINI_BASE_URL", &ai.gemini_base_url);
  if (!vendly::ParseAiMode(ai.mode))
    return Status::InvalidRequest("VENDLY_AI_MODE must be off, unsure or all");
  if (!ai.provider.empty() && ai.provider != "openai" && ai.provider != "gemini")
    return Status::InvalidRequest("VENDLY_AI_PROVIDER must be openai or gemini");
  ai.openai_base_url = TrimSlash(ai.openai_base_url);
  ai.gemini_base_url = TrimSlash(ai.gemini_base_url);
  if (!IsHttpUrl(ai.openai_base_url) || !IsHttpUrl(ai.gemini_base_url))
    return Status::InvalidRequest("OPENAI_BASE_URL and GEMINI_BASE_URL must be http(s) URLs");
  struct UsdVar {
    const char* name;
    double* field;
  };
  for (const UsdVar& var : {UsdVar{"VENDLY_AI_INPUT_USD_PER_MTOK", &ai.input_usd_per_mtok},
                            UsdVar{"VENDLY_AI_OUTPUT_USD_PER_MTOK", &ai.output_usd_per_mtok},
                            UsdVar{"VENDLY_AI_DAILY_USD", &ai.daily_usd},
                            UsdVar{"VENDLY_AI_STORE_DAILY_USD", &ai.store_daily_usd}}) {
    const char* v = getenv(var.name);
    if (v == nullptr || *v == '\0') continue;
    if (!ParseUsd(v, var.field))
      return Status::InvalidRequest(std::string(var.name) + " must be a number of US dollars");
  }
  std::string chosen = ai.provider;
  if (chosen.empty()) chosen = !ai.openai_key.empty() ? "openai" : "gemini";
  const bool keyed = !(chosen == "openai" ? ai.openai_key : ai.gemini_key).empty();
  ai.active_provider = ai.mode != "off" && keyed ? chosen : "";
  return Status::Ok();
}

// The dashboard's and the public URL's origins, then each of VENDLY_ALLOWED_ORIGINS, once each.
Status ReadAllowedOrigins(const char* extra, Config& c) {
  std::vector<std::string> urls = {c.dashboard_url, c.public_url};
  if (extra != nullptr) {
    std::stringstream list(extra);
    std::string item;
    while (std::getline(list, item, ',')) {
      const std::size_t start = item.find_first_not_of(' ');
      if (start == std::string::npos) continue;
      item = item.substr(start, item.find_last_not_of(' ') - start + 1);
      if (!vendly::OriginOf(item))
        return Status::InvalidRequest(
            "VENDLY_ALLOWED_ORIGINS must list http:// or https:// origins, comma-separated");
      urls.push_back(item);
    }
  }
  for (const auto& url : urls) {
    const std::optional<std::string> origin = vendly::OriginOf(url);
    if (!origin) return Status::InvalidRequest("cannot read the origin of " + url);
    if (std::find(c.allowed_origins.begin(), c.allowed_origins.end(), *origin) ==
        c.allowed_origins.end())
      c.allowed_origins.push_back(*origin);
  }
  return Status::Ok();
}

Status ReadPreviousKeys(const char* previous, Config& c) {
  if (previous == nullptr) return Status::Ok();
  std::stringstream list(previous);
  std::string item;
  while (std::getline(list, item, ',')) {
    if (item.empty()) continue;
    auto old = Base64Decode(item);
    if (!old || old->size() != 32)
      return Status::InvalidRequest(
          "VENDLY_TOKEN_KEYS_PREVIOUS must list base64 encodings of 32 bytes, comma-separated");
    c.previous_token_keys.push_back(*old);
  }
  return Status::Ok();
}

}  // namespace

Result<Config> LoadConfig(const EnvGetter& getenv) {
  Config c;
  ReadStrings(getenv, c);
  Status st = ReadInts(getenv, c);
  if (st.ok()) st = FinishAndValidate(c);
  if (st.ok()) st = ReadAi(getenv, c.ai);
  if (st.ok()) st = ReadAllowedOrigins(getenv("VENDLY_ALLOWED_ORIGINS"), c);
  if (st.ok()) st = ResolveTokenKey(getenv("VENDLY_TOKEN_KEY"), &c);
  if (st.ok()) st = ReadPreviousKeys(getenv("VENDLY_TOKEN_KEYS_PREVIOUS"), c);
  if (!st.ok()) return st;
  return c;
}

std::string OAuthRedirectUri(const Config& config) {
  return config.public_url + "/api/instagram/auth/callback";
}

}  // namespace vendly::server
