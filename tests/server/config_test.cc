#include "app/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <map>

#include "crypto/crypto.h"

namespace vendly::server {
namespace {

struct FakeEnv {
  std::map<std::string, std::string> vars;
  EnvGetter getter() {
    return [this](const char* name) -> const char* {
      auto it = vars.find(name);
      return it == vars.end() ? nullptr : it->second.c_str();
    };
  }
};

std::string TempDir() {
  char tmpl[] = "/tmp/vendly-config-test.XXXXXX";
  return mkdtemp(tmpl);
}

TEST(Config, DefaultsRunTheDemoAgainstTheSandbox) {
  FakeEnv env;
  env.vars["VENDLY_DATA_DIR"] = TempDir();
  auto c = LoadConfig(env.getter());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->port, 8080);
  EXPECT_EQ(c->public_url, "http://localhost:8080");
  EXPECT_EQ(c->dashboard_url, c->public_url);
  EXPECT_EQ(c->meta_app_id, "sandbox-app");
  EXPECT_EQ(c->meta_app_secret, "sandbox-secret");
  EXPECT_EQ(c->graph_url, "https://graph.facebook.com");
  EXPECT_EQ(c->graph_version, "v25.0");
  EXPECT_EQ(c->login_url, "https://www.facebook.com");
  EXPECT_EQ(c->media_dir, env.vars["VENDLY_DATA_DIR"] + "/media");
  EXPECT_EQ(c->token_key.size(), 32u);
  EXPECT_TRUE(c->token_key_generated);
  EXPECT_EQ(OAuthRedirectUri(*c), "http://localhost:8080/api/instagram/auth/callback");
}

TEST(Config, GeneratedTokenKeyIsKeptAcrossStarts) {
  FakeEnv env;
  env.vars["VENDLY_DATA_DIR"] = TempDir() + "/nested/data";
  auto first = LoadConfig(env.getter());
  auto second = LoadConfig(env.getter());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->token_key, second->token_key);
  EXPECT_EQ(access((env.vars["VENDLY_DATA_DIR"] + "/token.key").c_str(), R_OK), 0);
}

TEST(Config, ReadsEveryVariable) {
  FakeEnv env;
  std::string key = RandomBytes(32);
  env.vars = {{"VENDLY_DATABASE_URL", "host=/tmp dbname=x"},
              {"VENDLY_PORT", "9090"},
              {"VENDLY_PUBLIC_URL", "https://api.example.com/"},
              {"VENDLY_DASHBOARD_URL", "https://app.example.com"},
              {"VENDLY_TOKEN_KEY", Base64Encode(key)},
              {"VENDLY_MEDIA_DIR", "/srv/media"},
              {"META_APP_ID", "123"},
              {"META_APP_SECRET", "s3cr3t"},
              {"META_GRAPH_URL", "http://127.0.0.1:9999"},
              {"META_GRAPH_VERSION", "v26.0"},
              {"META_LOGIN_URL", "http://127.0.0.1:9999/"},
              {"META_WEBHOOK_VERIFY_TOKEN", "verify"}};
  auto c = LoadConfig(env.getter());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->database_url, "host=/tmp dbname=x");
  EXPECT_EQ(c->port, 9090);
  EXPECT_EQ(c->public_url, "https://api.example.com");
  EXPECT_EQ(c->dashboard_url, "https://app.example.com");
  EXPECT_EQ(c->token_key, key);
  EXPECT_FALSE(c->token_key_generated);
  EXPECT_EQ(c->media_dir, "/srv/media");
  EXPECT_EQ(c->meta_app_id, "123");
  EXPECT_EQ(c->meta_app_secret, "s3cr3t");
  EXPECT_EQ(c->graph_url, "http://127.0.0.1:9999");
  EXPECT_EQ(c->graph_version, "v26.0");
  EXPECT_EQ(c->login_url, "http://127.0.0.1:9999");
  EXPECT_EQ(c->webhook_verify_token, "verify");
}

TEST(Config, AllowedOriginsAreTheDashboardsThePublicUrlsAndTheListedOnes) {
  FakeEnv env;
  env.vars["VENDLY_DATA_DIR"] = TempDir();
  auto c = LoadConfig(env.getter());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->allowed_origins, std::vector<std::string>{"http://localhost:8080"});  // once

  env.vars["VENDLY_PUBLIC_URL"] = "https://API.Duka.Example:443/";
  env.vars["VENDLY_DASHBOARD_URL"] = "https://duka.example/app";
  env.vars["VENDLY_ALLOWED_ORIGINS"] = " http://127.0.0.1:3000 ,https://duka.example,";
  c = LoadConfig(env.getter());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->allowed_origins,
            (std::vector<std::string>{"https://duka.example", "https://api.duka.example",
                                      "http://127.0.0.1:3000"}));
  EXPECT_TRUE(ServesHttps(*c));

  for (const char* bad : {"duka.example", "ftp://duka.example", "https://user@duka.example"}) {
    env.vars["VENDLY_ALLOWED_ORIGINS"] = bad;
    c = LoadConfig(env.getter());
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_NE(c.status().message().find("VENDLY_ALLOWED_ORIGINS"), std::string::npos);
  }
}

TEST(Config, ReadsPreviousTokenKeysForRotation) {
  FakeEnv env;
  std::string a = RandomBytes(32), b = RandomBytes(32);
  env.vars = {{"VENDLY_TOKEN_KEY", Base64Encode(RandomBytes(32))},
              {"VENDLY_TOKEN_KEYS_PREVIOUS", Base64Encode(a) + "," + Base64Encode(b)}};
  auto c = LoadConfig(env.getter());
  ASSERT_TRUE(c.ok()) << c.status().message();
  ASSERT_EQ(c->previous_token_keys.size(), 2u);
  EXPECT_EQ(c->previous_token_keys[1], b);
  env.vars["VENDLY_TOKEN_KEYS_PREVIOUS"] = "c2hvcnQ=";
  EXPECT_FALSE(LoadConfig(env.getter()).ok());
}

TEST(Config, RejectsInvalidValues) {
  const std::map<std::string, std::string> bad[] = {
      {{"VENDLY_PORT", "0"}},
      {{"VENDLY_PORT", "80a"}},
      {{"VENDLY_PORT", "70000"}},
      {{"VENDLY_TOKEN_KEY", "c2hvcnQ="}},
      {{"VENDLY_TOKEN_KEY", "not base64!"}},
      {{"META_GRAPH_URL", "graph.facebook.com"}},
      {{"META_GRAPH_VERSION", "25"}},
      {{"VENDLY_PUBLIC_URL", "ftp://x"}},
      {{"VENDLY_MAX_BODY_BYTES", "12"}},
  };
  for (const auto& vars : bad) {
    FakeEnv env;
    env.vars = vars;
    env.vars["VENDLY_DATA_DIR"] = TempDir();
    auto c = LoadConfig(env.getter());
    EXPECT_FALSE(c.ok()) << vars.begin()->first << "=" << vars.begin()->second;
    if (!c.ok()) {
      EXPECT_NE(c.status().message().find(vars.begin()->first), std::string::npos);
    }
  }
}

TEST(Config, RetentionDefaultsAndTheShortestRetentionsTheRuleAllows) {
  FakeEnv env;
  env.vars["VENDLY_DATA_DIR"] = TempDir();
  auto defaults = LoadConfig(env.getter());
  ASSERT_TRUE(defaults.ok()) << defaults.status().message();
  EXPECT_EQ(defaults->job_retention_days, 14);
  EXPECT_EQ(defaults->webhook_retention_days, 30);
  EXPECT_EQ(defaults->retention_interval_seconds, 3600);
  EXPECT_EQ(defaults->retention_batch_size, 500);
  env.vars["VENDLY_JOB_RETENTION_DAYS"] = "1";
  env.vars["VENDLY_WEBHOOK_RETENTION_DAYS"] = "2";
  env.vars["VENDLY_RETENTION_INTERVAL_SECONDS"] = "60";
  env.vars["VENDLY_RETENTION_BATCH_SIZE"] = "10";
  auto shortest = LoadConfig(env.getter());
  ASSERT_TRUE(shortest.ok()) << shortest.status().message();
  EXPECT_EQ(shortest->job_retention_days, 1);
  EXPECT_EQ(shortest->webhook_retention_days, 2);
  EXPECT_EQ(shortest->retention_interval_seconds, 60);
  EXPECT_EQ(shortest->retention_batch_size, 10);
  const std::pair<const char*, const char*> bad[] = {
      {"VENDLY_JOB_RETENTION_DAYS", "0"},       {"VENDLY_WEBHOOK_RETENTION_DAYS", "1"},
      {"VENDLY_JOB_RETENTION_DAYS", "3651"},    {"VENDLY_RETENTION_INTERVAL_SECONDS", "0"},
      {"VENDLY_RETENTION_BATCH_SIZE", "0"},     {"VENDLY_RETENTION_BATCH_SIZE", "100001"},
      {"VENDLY_WEBHOOK_RETENTION_DAYS", "-30"},
  };
  for (const auto& [name, value] : bad) {
    FakeEnv one;
    one.vars["VENDLY_DATA_DIR"] = TempDir();
    one.vars[name] = value;
    auto c = LoadConfig(one.getter());
    EXPECT_FALSE(c.ok()) << name << "=" << value;
    if (!c.ok()) {
      EXPECT_NE(c.status().message().find(name), std::string::npos);
    }
  }
}

TEST(Config, WorkerThreadsDefaultToTwoAndZeroTurnsInProcessJobsOff) {
  FakeEnv env;
  env.vars["VENDLY_DATA_DIR"] = TempDir();
  auto defaults = LoadConfig(env.getter());
  ASSERT_TRUE(defaults.ok()) << defaults.status().message();
  EXPECT_EQ(defaults->worker_threads, 2);
  env.vars["VENDLY_WORKER_THREADS"] = "0";
  auto none = LoadConfig(env.getter());
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_EQ(none->worker_threads, 0);
  for (const char* bad : {"-1", "257", "two"}) {
    env.vars["VENDLY_WORKER_THREADS"] = bad;
    auto c = LoadConfig(env.getter());
    EXPECT_FALSE(c.ok()) << bad;
    if (!c.ok()) {
      EXPECT_NE(c.status().message().find("VENDLY_WORKER_THREADS"), std::string::npos);
    }
  }
}

TEST(Config, TheSecondOpinionIsOffWithoutAModeAndAKey) {
  FakeEnv env;
  env.vars["VENDLY_DATA_DIR"] = TempDir();
  auto off = LoadConfig(env.getter());
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(off->ai.mode, "off");
  EXPECT_EQ(off->ai.active_provider, "");
  EXPECT_EQ(off->ai.openai_base_url, "https://api.openai.com/v1");
  EXPECT_EQ(off->ai.gemini_base_url, "https://generativelanguage.googleapis.com");
  env.vars["VENDLY_AI_MODE"] = "unsure";
  EXPECT_EQ(LoadConfig(env.getter())->ai.active_provider, "");  // no key: nothing is sent
  env.vars["GEMINI_API_KEY"] = "g";
  EXPECT_EQ(LoadConfig(env.getter())->ai.active_provider, "gemini");
  env.vars["OPENAI_API_KEY"] = "o";
  EXPECT_EQ(LoadConfig(env.getter())->ai.active_provider, "openai");
  env.vars["VENDLY_AI_PROVIDER"] = "gemini";
  EXPECT_EQ(LoadConfig(env.getter())->ai.active_provider, "gemini");
  env.vars["VENDLY_AI_DAILY_USD"] = "2.5";
  EXPECT_DOUBLE_EQ(LoadConfig(env.getter())->ai.daily_usd, 2.5);
  for (const auto& [name, bad] :
       std::map<std::string, std::string>{{"VENDLY_AI_MODE", "sometimes"},
                                          {"VENDLY_AI_PROVIDER", "claude"},
                                          {"OPENAI_BASE_URL", "ftp://x"},
                                          {"VENDLY_AI_DAILY_USD", "-1"},
                                          {"VENDLY_AI_TIMEOUT_SECONDS", "0"}}) {
    FakeEnv broken = env;
    broken.vars[name] = bad;
    auto c = LoadConfig(broken.getter());
    EXPECT_FALSE(c.ok()) << name;
    if (!c.ok()) {
      EXPECT_NE(c.status().message().find(name), std::string::npos) << name;
    }
  }
}

}  // namespace
}  // namespace vendly::server
