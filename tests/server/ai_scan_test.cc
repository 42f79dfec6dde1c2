// The second opinion in a full scan (issue 11) against the real vendly-server, the Meta sandbox
// (its Graph API and its fake OpenAI endpoint) and a private PostgreSQL: with wrong prices for
// every post no draft whose price the two sources dispute is auto-approved, and each shows both
// readings; with the fake's own (right) readings the drafts it agrees with keep or raise their
// confidence; a store's daily budget of N calls makes exactly N requests; the store's switch sends
// nothing.
#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "test_support.h"
#include "vendly/registry.h"

namespace vendly::test {
namespace {

#ifdef META_SANDBOX_BIN

using sandbox_accounts::kWanjiru;  // 320 posts, Nairobi fashion

class AiScanTest : public IntegrationTest<AiScanTest> {
 protected:
  static constexpr bool kSandbox = true;

  void SetUp() override {
    IntegrationTest::SetUp();
    if (Stopped()) return;
  }

  // A server that asks the sandbox's fake OpenAI about every product post, with `extra` settings.
  void Start(std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> env = {
        {"VENDLY_WORKER_THREADS", "2"},
        {"VENDLY_LOG_LEVEL", "info"},
        {"VENDLY_AI_MODE", "all"},
        {"OPENAI_API_KEY", "sk-test-not-a-real-key"},
        {"OPENAI_BASE_URL", "http://127.0.0.1:" + std::to_string(sandbox_port_) + "/v1"},
        {"OPENAI_MODEL", "gpt-test"},
        // Every product post of a 320-post scan within the minute (the default is 30 a store).
        {"VENDLY_AI_STORE_CALLS_PER_MINUTE", "1000"},
        {"VENDLY_AI_CALLS_PER_MINUTE", "1000"}};
    for (auto& [k, v] : extra) env[k] = v;
    server_ = StartServer(db_->url(), SandboxServerEnv(sandbox_port_, env));
    vendly_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port);
    vendly_->set_read_timeout(30, 0);
    Sql(db_->url(),
        "DELETE FROM job WHERE kind <> 'draft_expiry'; DELETE FROM instagram_connection;"
        " DELETE FROM store; DELETE FROM seller; DELETE FROM ai_usage");
  }

  // A seller with Wanjiru's 320 posts connected, its store patched with `settings`.
  std::string Seller(const json& settings) {
    const std::string session = SignupSeller(*vendly_, "ai@duka.co");
    auto back = SandboxConsent(*vendly_, *meta_, server_->url(), sandbox_port_, session, kWanjiru);
    EXPECT_TRUE(back && back->status == 302);
    const std::string store = Body(Call(*vendly_, "GET", "/api/me", {}, session))["store"]["id"];
    auto patched = Call(*vendly_, "PATCH", "/api/stores/" + store, settings, session);
    EXPECT_TRUE(patched && patched->status == 200) << (patched ? patched->body : "");
    return session;
  }

  // Scans every post and waits for the scan to finish.
  json Scan(const std::string& session) {
    auto r = Call(*vendly_, "POST", "/api/instagram/scan",
                  {{"limit", 1000}, {"includeVideos", true}}, session);
    EXPECT_TRUE(r && r->status == 202) << (r ? r->body : "");
    const std::string id = Body(r).value("scanId", "");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    json scan;
    while (std::chrono::steady_clock::now() < deadline) {
      scan =
          Body(Call(*vendly_, "GET", "/api/instagram/scan/" + id + "?draftsLimit=0", {}, session));
      if (scan.value("status", "") == "completed" || scan.value("status", "") == "failed")
        return scan;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "scan did not finish: " << scan.dump() << "\n"
                  << server_->log().substr(0, 4000);
    return scan;
  }

  // Every draft of the store, whatever its status.
  std::vector<json> Drafts(const std::string& session) {
    std::vector<json> all;
    for (int page = 1;; ++page) {
      json body = Body(Call(
          *vendly_, "GET", "/api/products/drafts?status=all&limit=100&page=" + std::to_string(page),
          {}, session));
      for (const json& d : body["drafts"]) all.push_back(d);
      if (body["drafts"].size() < 100) return all;
    }
  }

  // The newest sync history entry's second-opinion spend.
  json Spend(const std::string& session) {
    return Body(
        Call(*vendly_, "GET", "/api/instagram/sync-history", {}, session))["history"][0]["ai"];
  }

  int ModelCalls() { return Body(meta_->Get("/_sandbox/ai/calls"))["total"].get<int>(); }

  std::unique_ptr<httplib::Client> vendly_;
};

std::string Key(const json& draft) {
  return draft["igMediaId"].get<std::string>() + "#" +
         std::to_string(draft["itemIndex"].get<int>());
}

TEST_F(AiScanTest, WrongPricesForEveryPostAutoApproveNoDisputedDraftAndShowBothReadings) {
  Start();
  // Threshold 0: every draft is confident enough, so only a disputed price can hold one back.
  const std::string session = Seller({{"autoApprove", true}, {"autoApproveThreshold", 0}});
  ASSERT_EQ(
      meta_->Post("/_sandbox/ai/mode", R"({"mode":"wrong_prices"})", "application/json")->status,
      200);
  json scan = Scan(session);
  ASSERT_EQ(scan["status"], "completed") << scan.dump();

  int disputed = 0, approved = 0;
  for (const json& d : Drafts(session)) {
    ASSERT_TRUE(d["secondOpinion"].is_object()) << Key(d) << " was not sent to the model";
    EXPECT_EQ(d["secondOpinion"]["provider"], "openai");
    EXPECT_EQ(d["secondOpinion"]["model"], "gpt-test");
    const json& price = d["secondOpinion"]["fields"]["price"];
    if (price["disputed"].get<bool>()) {
      ++disputed;
      EXPECT_NE(d["approvalStatus"], "approved") << Key(d) << ": a disputed price was approved";
      EXPECT_TRUE(price["engine"].is_number()) << price.dump();
      EXPECT_TRUE(price["model"].is_number()) << price.dump();
      EXPECT_NE(price["engine"], price["model"]);
      EXPECT_EQ(price["source"], "engine");  // the engine's value is kept
      EXPECT_EQ(d["current"]["price"], price["engine"]);
      EXPECT_LT(d["confidence"].get<double>(), kDefaultAutoApproveThreshold);
    } else if (d["approvalStatus"] == "approved") {
      ++approved;
    }
  }
  EXPECT_GT(disputed, 100) << "the fake's wrong prices should dispute most drafts";
  EXPECT_GT(approved, 0) << "drafts without a disputed price are still auto-approved";
  const json spend = Spend(session);
  EXPECT_EQ(spend["calls"], ModelCalls());
  EXPECT_GT(spend["posts"].get<int>(), 100);
  EXPECT_EQ(spend["failures"], 0);
  EXPECT_GT(spend["inputTokens"].get<long long>(), 0);
  EXPECT_GT(spend["costUsd"].get<double>(), 0);
  std::cout << "wrong prices: " << disputed << " disputed drafts held, " << approved
            << " approved; spend " << spend.dump() << "\n";
}

TEST_F(AiScanTest, RightAnswersKeepOrRaiseTheConfidenceOfTheDraftsTheyAgreeWith) {
  Start();
  const std::string session = Seller({{"aiSecondOpinion", false}});
  ASSERT_EQ(Scan(session)["status"], "completed");
  EXPECT_EQ(ModelCalls(), 0) << "the store's switch is off: nothing is sent";
  std::map<std::string, double> engine;
  for (const json& d : Drafts(session)) {
    EXPECT_TRUE(d["secondOpinion"].is_null());
    engine[Key(d)] = d["confidence"].get<double>();
  }
  ASSERT_GT(engine.size(), 100u);

  const std::string store = Body(Call(*vendly_, "GET", "/api/me", {}, session))["store"]["id"];
  ASSERT_EQ(
      Call(*vendly_, "PATCH", "/api/stores/" + store, {{"aiSecondOpinion", true}}, session)->status,
      200);
  ASSERT_EQ(Scan(session)["status"], "completed");  // rewrites the pending drafts
  int agreed = 0, raised = 0, disputed = 0, covered_before = 0, covered_after = 0;
  for (const json& d : Drafts(session)) {
    ASSERT_TRUE(engine.count(Key(d))) << Key(d);
    const double before = engine[Key(d)], after = d["confidence"].get<double>();
    covered_before += before >= kDefaultAutoApproveThreshold;
    covered_after += after >= kDefaultAutoApproveThreshold;
    ASSERT_TRUE(d["secondOpinion"].is_object()) << Key(d);
    // The model agrees with the draft: it confirms some field, disputes none and adds none (a
    // field only the model read holds the draft at kModelOnlyConfidence).
    bool any_dispute = false, any_agreement = false, model_only = false;
    for (const auto& [field, f] : d["secondOpinion"]["fields"].items()) {
      any_dispute |= f["disputed"].get<bool>();
      any_agreement |= f["source"] == "both";
      model_only |= f["source"] == "model";
    }
    if (any_dispute) {
      ++disputed;
      continue;
    }
    if (!any_agreement || model_only) continue;
    ++agreed;
    EXPECT_GE(after, before) << Key(d) << " lost confidence though the model agreed";
    raised += after > before;
  }
  EXPECT_GT(agreed, 50);
  EXPECT_GT(raised, 0);
  std::cout << "right answers: " << engine.size() << " drafts, " << agreed << " agreed (" << raised
            << " raised), " << disputed << " disputed; auto-approve coverage at "
            << kDefaultAutoApproveThreshold << ": engine " << covered_before << ", with the model "
            << covered_after << "\n";
}

TEST_F(AiScanTest, AStoreBudgetOfNCallsGivesExactlyNCalls) {
  Start({{"VENDLY_AI_STORE_DAILY_CALLS", "7"}});
  const std::string session = Seller({{"autoApprove", false}});
  ASSERT_EQ(Scan(session)["status"], "completed");
  EXPECT_EQ(ModelCalls(), 7);
  const json spend = Spend(session);
  EXPECT_EQ(spend["calls"], 7);
  EXPECT_EQ(spend["posts"], 7);
  EXPECT_GT(spend["limited"].get<int>(), 100) << "the other product posts were kept from the model";
  int with_opinion = 0, posts = 0;
  std::map<std::string, bool> seen;
  for (const json& d : Drafts(session)) {
    if (d["secondOpinion"].is_null()) continue;
    ++with_opinion;
    if (!seen[d["igMediaId"]]) ++posts;
    seen[d["igMediaId"]] = true;
  }
  EXPECT_EQ(posts, 7);
  EXPECT_GE(with_opinion, 7);
  EXPECT_EQ(Sql(db_->url(), "SELECT calls FROM ai_usage WHERE scope <> '*' AND window_kind = 'day'")
                .at(0)
                .at(0),
            "7");
}

TEST_F(AiScanTest, ADailyMoneyBudgetStopsTheCallsOnceSpent) {
  // The first request costs more than the whole day's budget: no second one goes.
  Start({{"VENDLY_AI_DAILY_USD", "0.0000001"}});
  const std::string session = Seller({{"autoApprove", false}});
  ASSERT_EQ(Scan(session)["status"], "completed");
  EXPECT_EQ(ModelCalls(), 1);
  EXPECT_EQ(Spend(session)["calls"], 1);
}

TEST_F(AiScanTest, AFailingModelLeavesTheEnginesDrafts) {
  Start({{"VENDLY_AI_MAX_RETRIES", "0"}});
  const std::string session = Seller({{"autoApprove", false}});
  ASSERT_EQ(meta_
                ->Post("/_sandbox/ai/faults", R"({"type":"status","status":500,"count":-1})",
                       "application/json")
                ->status,
            200);
  json scan = Scan(session);
  ASSERT_EQ(scan["status"], "completed") << scan.dump();
  const std::vector<json> drafts = Drafts(session);
  EXPECT_GT(drafts.size(), 100u);
  for (const json& d : drafts) EXPECT_TRUE(d["secondOpinion"].is_null()) << Key(d);
  const json spend = Spend(session);
  EXPECT_GT(spend["failures"].get<int>(), 100);
  EXPECT_EQ(spend["posts"], 0);
  EXPECT_NE(server_->log().find("ai_opinion_failed"), std::string::npos);
  EXPECT_EQ(server_->log().find("sk-test-not-a-real-key"), std::string::npos);
}

#endif  // META_SANDBOX_BIN

}  // namespace
}  // namespace vendly::test
