// GET /metrics on the real vendly-server: the guard (bearer token from VENDLY_METRICS_TOKEN), the
// exposition format (parsed here, and by `promtool check metrics` when promtool is installed), the
// request counters moving per route pattern and status class, and the plan's section 8.2 figures
// computed from rows seeded in the database.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "test_support.h"

namespace vendly::test {
namespace {

const char* kMetricsToken = "metrics-token-for-the-test";

// One sample of the exposition: family name, labels as written ("" when none), value.
struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value;
};

// A small parser of the text format (0.0.4): # HELP / # TYPE lines, then samples
// `name{k="v",...} value`. Adds a failure for any line it cannot read.
std::vector<Sample> ParseExposition(const std::string& text,
                                    std::map<std::string, std::string>* types) {
  std::vector<Sample> samples;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (line.rfind("# TYPE ", 0) == 0) {
      std::istringstream t(line.substr(7));
      std::string name, type;
      t >> name >> type;
      (*types)[name] = type;
      continue;
    }
    if (line.rfind("# ", 0) == 0) continue;
    Sample s;
    std::size_t pos = line.find_first_of("{ ");
    EXPECT_NE(pos, std::string::npos) << line;
    if (pos == std::string::npos) continue;
    s.name = line.substr(0, pos);
    if (line[pos] == '{') {
      std::size_t end = line.find("} ", pos);
      EXPECT_NE(end, std::string::npos) << line;
      if (end == std::string::npos) continue;
      std::string labels = line.substr(pos + 1, end - pos - 1);
      std::size_t i = 0;
      while (i < labels.size()) {
        std::size_t eq = labels.find("=\"", i);
        EXPECT_NE(eq, std::string::npos) << line;
        if (eq == std::string::npos) break;
        std::string key = labels.substr(i, eq - i);
        std::string value;
        std::size_t j = eq + 2;
        for (; j < labels.size() && labels[j] != '"'; ++j) {
          if (labels[j] == '\\' && j + 1 < labels.size()) ++j;
          value += labels[j];
        }
        s.labels[key] = value;
        i = j + 1;
        if (i < labels.size() && labels[i] == ',') ++i;
      }
      pos = end + 1;
    }
    const std::string number = line.substr(pos + 1);
    char* endp = nullptr;
    s.value = std::strtod(number.c_str(), &endp);
    EXPECT_TRUE(endp && *endp == '\0' && !number.empty()) << "bad value: " << line;
    samples.push_back(s);
  }
  return samples;
}

// The family a sample belongs to (histogram samples end in _bucket, _sum, _count).
std::string Family(const std::string& name, const std::map<std::string, std::string>& types) {
  if (types.count(name)) return name;
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string s(suffix);
    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
      std::string base = name.substr(0, name.size() - s.size());
      if (types.count(base)) return base;
    }
  }
  return "";
}

double Value(const std::vector<Sample>& samples, const std::string& name,
             const std::map<std::string, std::string>& labels = {}, double missing = -1) {
  for (const auto& s : samples) {
    if (s.name != name) continue;
    bool match = true;
    for (const auto& [k, v] : labels) {
      auto it = s.labels.find(k);
      if (it == s.labels.end() || it->second != v) match = false;
    }
    if (match) return s.value;
  }
  return missing;
}

class MetricsTest : public IntegrationTest<MetricsTest> {
 protected:
  static void SetUpSuite() {
    server_ = StartServer(
        db_->url(), {{"VENDLY_METRICS_TOKEN", kMetricsToken}, {"VENDLY_WORKER_THREADS", "0"}});
  }

  std::string One(const std::string& sql) {
    auto rows = Sql(db_->url(), sql);
    return rows.empty() ? "" : rows[0][0];
  }

  std::string Scrape() {
    httplib::Client c("127.0.0.1", server_->port);
    auto r = c.Get("/metrics", {{"Authorization", std::string("Bearer ") + kMetricsToken}});
    EXPECT_TRUE(r);
    if (!r) return "";
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type").rfind("text/plain; version=0.0.4", 0), 0u);
    return r->body;
  }

  std::vector<Sample> ScrapeSamples() {
    std::map<std::string, std::string> types;
    return ParseExposition(Scrape(), &types);
  }
};

TEST_F(MetricsTest, AnswersOnlyWithTheToken) {
  httplib::Client c("127.0.0.1", server_->port);
  auto none = c.Get("/metrics");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(Body(none)["error"].value("code", ""), "unauthorized");
  auto wrong = c.Get("/metrics", {{"Authorization", "Bearer not-the-token"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(wrong->body.find("vendly_"), std::string::npos);
}

TEST_F(MetricsTest, TheExpositionParsesAndEverySampleHasAType) {
  httplib::Client c("127.0.0.1", server_->port);
  c.Get("/healthz");
  const std::string text = Scrape();
  std::map<std::string, std::string> types;
  auto samples = ParseExposition(text, &types);
  ASSERT_GT(samples.size(), 10u);
  for (const auto& s : samples) EXPECT_NE(Family(s.name, types), "") << "no # TYPE for " << s.name;
  EXPECT_EQ(types["vendly_http_requests_total"], "counter");
  EXPECT_EQ(types["vendly_http_request_duration_seconds"], "histogram");
  EXPECT_EQ(types["vendly_graph_calls_total"], "counter");
  // Histogram buckets are cumulative and +Inf equals the count.
  const std::map<std::string, std::string> healthz = {{"route", "/healthz"}, {"code", "2xx"}};
  auto inf = healthz;
  inf["le"] = "+Inf";
  EXPECT_EQ(Value(samples, "vendly_http_request_duration_seconds_bucket", inf),
            Value(samples, "vendly_http_request_duration_seconds_count", healthz));
  double previous = 0;
  for (const auto& s : samples) {
    if (s.name != "vendly_http_request_duration_seconds_bucket" ||
        s.labels.at("route") != "/healthz" || s.labels.at("code") != "2xx")
      continue;
    EXPECT_GE(s.value, previous) << s.labels.at("le");
    previous = s.value;
  }
#ifdef VENDLY_PROMTOOL
  const std::string path = TempDir() + "/metrics.txt";
  std::ofstream(path) << text;
  const std::string command = std::string(VENDLY_PROMTOOL) + " check metrics < " + path + " 2>&1";
  FILE* p = popen(command.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string output;
  char buf[512];
  while (std::fgets(buf, sizeof(buf), p)) output += buf;
  EXPECT_EQ(pclose(p), 0) << output;
#endif
}

TEST_F(MetricsTest, RequestCountersMovePerRouteAndStatusClass) {
  auto before = ScrapeSamples();
  httplib::Client c("127.0.0.1", server_->port);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(c.Get("/healthz"));
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(c.Get("/api/me"));  // anonymous: 401
  ASSERT_TRUE(c.Get("/api/products/prd_unknown_x", {{"Authorization", "Bearer nope"}}));
  ASSERT_TRUE(c.Get("/no/such/route"));
  auto after = ScrapeSamples();
  auto delta = [&](const std::string& route, const std::string& code) {
    const std::map<std::string, std::string> l = {
        {"method", "GET"}, {"route", route}, {"code", code}};
    return Value(after, "vendly_http_requests_total", l, 0) -
           Value(before, "vendly_http_requests_total", l, 0);
  };
  EXPECT_EQ(delta("/healthz", "2xx"), 3);
  EXPECT_EQ(delta("/api/me", "4xx"), 2);
  EXPECT_EQ(delta("/api/products/{param}", "4xx"), 1);
  EXPECT_EQ(delta("unmatched", "4xx"), 1);
}

TEST_F(MetricsTest, ThePlansFiguresComeFromTheDatabase) {
  httplib::Client c("127.0.0.1", server_->port);
  const std::string token = SignupSeller(c, "figures@metrics.test");
  const std::string store = Body(Call(c, "GET", "/api/me", {}, token))["store"].value("id", "");
  ASSERT_FALSE(store.empty());
  const std::string seller = One("SELECT seller_id FROM store WHERE id = '" + store + "'");
  const std::string connection =
      One("INSERT INTO instagram_connection (store_id, seller_id, ig_business_account_id,"
          " access_token_ciphertext, access_token_key_id) VALUES ('" +
          store + "', '" + seller + "', '17841400000000077', '\\x00'::bytea, 'none') RETURNING id");
  // 9 scans succeeded and 1 failed: 90%; 200 posts processed, 4 failed: 2%.
  Sql(db_->url(),
      "INSERT INTO instagram_sync_history (store_id, connection_id, sync_type, trigger_source,"
      " status, total_processed, products_failed, api_calls_used, completed_at)"
      " SELECT '" +
          store + "', '" + connection +
          "', 'bulk_import', 'user_initiated', CASE WHEN g = 10 THEN 'failed' ELSE 'success' END,"
          " 20, CASE WHEN g <= 4 THEN 1 ELSE 0 END, 3, now() FROM generate_series(1, 10) g");
  // 4 drafts: 2 approved (one edited by the seller, approved an hour after import), 1 rejected,
  // 1 pending; confidences 0.9, 0.8, 0.7, 0.6.
  const std::string draft =
      "INSERT INTO product_draft (store_id, ig_media_id, ig_permalink, ig_media_type,"
      " ig_timestamp, extracted_data, expires_at, created_at, confidence, approval_status,"
      " approved_at, rejected_at, seller_edits) VALUES ('" +
      store + "', ";
  Sql(db_->url(), draft +
                      "'m1', 'https://www.instagram.com/p/1/', 'IMAGE', now(), '{}', now() + "
                      "interval '7 days', now() - interval '1 hour', 0.9, 'approved', now(), "
                      "NULL, NULL)");
  Sql(db_->url(), draft +
                      "'m2', 'https://www.instagram.com/p/2/', 'IMAGE', now(), '{}', now() + "
                      "interval '7 days', now() - interval '1 hour', 0.8, 'approved', now(), "
                      "NULL, '{\"name\":\"Red dress\"}')");
  Sql(db_->url(), draft +
                      "'m3', 'https://www.instagram.com/p/3/', 'IMAGE', now(), '{}', now() + "
                      "interval '7 days', now(), 0.7, 'rejected', NULL, now(), NULL)");
  Sql(db_->url(), draft +
                      "'m4', 'https://www.instagram.com/p/4/', 'IMAGE', now(), '{}', now() + "
                      "interval '7 days', now(), 0.6, 'pending', NULL, NULL, NULL)");
  // Two due jobs of one kind, the older waiting 2 minutes; 1 of 4 finished jobs failed.
  Sql(db_->url(),
      "INSERT INTO job (kind, run_at) VALUES ('metrics_probe', now() - interval '2 minutes'),"
      " ('metrics_probe', now() - interval '10 seconds')");
  Sql(db_->url(),
      "INSERT INTO job (kind, status, finished_at) VALUES ('metrics_done', 'succeeded', now()),"
      " ('metrics_done', 'succeeded', now()), ('metrics_done', 'succeeded', now()),"
      " ('metrics_done', 'failed', now())");

  auto s = ScrapeSamples();
  EXPECT_DOUBLE_EQ(Value(s, "vendly_syncs_finished_24h"), 10);
  EXPECT_NEAR(Value(s, "vendly_sync_success_ratio_24h"), 0.9, 1e-9);
  EXPECT_NEAR(Value(s, "vendly_sync_post_error_ratio_24h"), 0.02, 1e-9);
  EXPECT_DOUBLE_EQ(Value(s, "vendly_graph_calls_recorded_24h"), 30);
  EXPECT_DOUBLE_EQ(Value(s, "vendly_drafts_created_24h"), 4);
  EXPECT_NEAR(Value(s, "vendly_draft_confidence_mean_24h"), 0.75, 1e-9);
  EXPECT_NEAR(Value(s, "vendly_draft_approval_ratio_7d"), 2.0 / 3.0, 1e-5);
  EXPECT_NEAR(Value(s, "vendly_extraction_unedited_ratio_7d"), 0.5, 1e-9);
  EXPECT_NEAR(Value(s, "vendly_time_to_import_seconds_mean_7d"), 3600, 5);
  EXPECT_NEAR(Value(s, "vendly_job_error_ratio_24h"), 0.25, 1e-9);
  EXPECT_DOUBLE_EQ(Value(s, "vendly_job_queue_depth", {{"kind", "metrics_probe"}}), 2);
  EXPECT_GE(Value(s, "vendly_job_oldest_due_seconds", {{"kind", "metrics_probe"}}), 119);
}

}  // namespace
}  // namespace vendly::test
