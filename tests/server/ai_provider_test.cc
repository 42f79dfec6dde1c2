// The AI providers (server/ai) against the Meta sandbox's fake OpenAI and Gemini endpoints over
// HTTP: each provider's success and every fault (429 with Retry-After, 500, timeout, malformed
// body, malformed answer, refusal, a quote not in the caption, a confidently wrong price, a refused
// key), and what the core's merge makes of the answers.
#include <gtest/gtest.h>

#include <memory>

#include "ai/provider.h"
#include "test_support.h"
#include "vendly/extract.h"
#include "vendly/second_opinion.h"

namespace vendly::test {
namespace {

using server::AiAnswer;
using server::AiPost;
using server::AiProviderOptions;

constexpr char kCaption[] =
    "Restocked \xF0\x9F\x99\x8C\nDenim jacket - Ksh 2,500\nSizes: S, M, L\nDM to order";
constexpr char kKey[] = "sk-test-secret-key-123";

class AiProviderTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    if (kSandboxBuilt) sandbox_ = StartSandbox(&port_);
  }
  static void TearDownTestSuite() {
    delete sandbox_;
    sandbox_ = nullptr;
  }
  void SetUp() override {
    if (!kSandboxBuilt) GTEST_SKIP() << "meta-sandbox not built";
    meta_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    ASSERT_EQ(meta_->Post("/_sandbox/reset", "{}", "application/json")->status, 200);
  }

  bool openai() const { return GetParam() == "openai"; }

  std::unique_ptr<server::AiProvider> Provider(int timeout_seconds = 5,
                                               const std::string& key = kKey) {
    AiProviderOptions o;
    const std::string origin = "http://127.0.0.1:" + std::to_string(port_);
    o.base_url = openai() ? origin + "/v1" : origin;
    o.api_key = key;
    o.model = openai() ? "gpt-test" : "gemini-test";
    o.timeout_seconds = timeout_seconds;
    o.input_usd_per_mtok = 0.1;
    o.output_usd_per_mtok = 0.4;
    o.sleep = [this](std::chrono::milliseconds d) { sleeps_.push_back(d.count()); };
    return openai() ? server::MakeOpenAiProvider(o) : server::MakeGeminiProvider(o);
  }

  AiAnswer Ask(server::AiProvider& provider) {
    AiPost post{kCaption, "KES", {{"image/png", std::string("\x89PNG\r\n\x1a\n-image", 14)}}, {}};
    return provider.Ask(post);
  }

  void Fault(json fault) {
    fault["provider"] = GetParam();
    auto r = meta_->Post("/_sandbox/ai/faults", fault.dump(), "application/json");
    ASSERT_EQ(r->status, 200) << r->body;
  }

  json Calls() { return json::parse(meta_->Get("/_sandbox/ai/calls")->body); }

  // The engine's first product of kCaption merged with the answer's first item.
  static SecondOpinion Merge(const AiAnswer& answer) {
    Post post;
    post.caption = kCaption;
    post.store_currency = "KES";
    post.media_type = "IMAGE";
    post.children = 1;
    const Extraction engine = Extract(post);
    EXPECT_FALSE(engine.products.empty());
    return MergeSecondOpinions(engine, answer.answer, kCaption).at(0);
  }

  static inline ChildProcess* sandbox_ = nullptr;
  static inline int port_ = 0;
  std::unique_ptr<httplib::Client> meta_;
  std::vector<long long> sleeps_;
};

TEST_P(AiProviderTest, AnswersWithQuotedValuesAndCounts) {
  auto provider = Provider();
  EXPECT_EQ(provider->name(), GetParam());
  AiAnswer a = Ask(*provider);
  ASSERT_TRUE(a.ok) << a.failure;
  ASSERT_EQ(a.answer.items.size(), 1u);
  ASSERT_TRUE(a.answer.items[0].price.has_value());
  EXPECT_EQ(a.answer.items[0].price->value, 2500);
  EXPECT_EQ(a.answer.items[0].price->quote, "Ksh 2,500");
  EXPECT_EQ(a.usage.calls, 1);
  EXPECT_GT(a.usage.input_tokens, 100);  // the rules and the schema travel with every post
  EXPECT_GT(a.usage.output_tokens, 0);
  EXPECT_GT(a.usage.cost_usd, 0);
  EXPECT_GE(a.usage.latency_ms, 0);
  json call = Calls()["calls"][0];
  EXPECT_EQ(call["caption"], kCaption);
  EXPECT_EQ(call["store_currency"], "KES");
  EXPECT_TRUE(call["structured"].get<bool>());
  EXPECT_TRUE(call["prompt_has_rules"].get<bool>());
  EXPECT_EQ(call["image_mime"], openai() ? "" : "image/png");  // Gemini sees the first image

  const SecondOpinion merged = Merge(a);
  EXPECT_FALSE(merged.price_disputed);
  EXPECT_GE(merged.product.field_confidence.price,
            Merge(AiAnswer{}).product.field_confidence.price);
}

TEST_P(AiProviderTest, RetriesA429HonouringRetryAfter) {
  Fault({{"type", "status"}, {"status", 429}, {"retry_after", 2}, {"count", 2}});
  auto provider = Provider();
  AiAnswer a = Ask(*provider);
  ASSERT_TRUE(a.ok) << a.failure;
  EXPECT_EQ(a.usage.calls, 3);
  EXPECT_EQ(sleeps_, (std::vector<long long>{2000, 2000}));
}

TEST_P(AiProviderTest, GivesUpAfterThreeRetriesOf500WithBackoff) {
  Fault({{"type", "status"}, {"status", 500}, {"count", -1}});
  auto provider = Provider();
  AiAnswer a = Ask(*provider);
  EXPECT_FALSE(a.ok);
  EXPECT_EQ(a.failure, "http 500 after retries");
  EXPECT_EQ(a.usage.calls, 4);
  EXPECT_EQ(sleeps_, (std::vector<long long>{500, 1000, 2000}));
  EXPECT_EQ(Calls()["total"], 4);
}

TEST_P(AiProviderTest, DoesNotWaitForALongRetryAfter) {
  Fault({{"type", "status"}, {"status", 429}, {"retry_after", 3600}});
  auto provider = Provider();
  AiAnswer a = Ask(*provider);
  EXPECT_FALSE(a.ok);
  EXPECT_NE(a.failure.find("http 429"), std::string::npos) << a.failure;
  EXPECT_EQ(a.usage.calls, 1);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_P(AiProviderTest, TimesOut) {
  Fault({{"type", "timeout"}, {"delay_ms", 2500}});
  auto provider = Provider(/*timeout_seconds=*/1);
  AiAnswer a = Ask(*provider);
  EXPECT_FALSE(a.ok);
  EXPECT_EQ(a.failure, "timeout");
  EXPECT_EQ(a.usage.calls, 1);
  EXPECT_GE(a.usage.latency_ms, 900);
}

TEST_P(AiProviderTest, MalformedBodyAndMalformedAnswerFail) {
  Fault({{"type", "malformed_body"}});
  auto provider = Provider();
  AiAnswer body = Ask(*provider);
  EXPECT_FALSE(body.ok);
  EXPECT_EQ(body.failure, "malformed body");
  Fault({{"type", "malformed"}});
  AiAnswer content = Ask(*provider);
  EXPECT_FALSE(content.ok);
  EXPECT_EQ(content.failure, "malformed answer");
}

TEST_P(AiProviderTest, ARefusalIsAFailure) {
  Fault({{"type", "refusal"}});
  auto provider = Provider();
  AiAnswer a = Ask(*provider);
  EXPECT_FALSE(a.ok);
  EXPECT_EQ(a.failure, "refusal");
}

TEST_P(AiProviderTest, AQuoteNotInTheCaptionIsDroppedByTheMerge) {
  Fault({{"type", "bad_quote"}});
  auto provider = Provider();
  AiAnswer a = Ask(*provider);
  ASSERT_TRUE(a.ok) << a.failure;
  const SecondOpinion merged = Merge(a);
  EXPECT_FALSE(merged.price_disputed);
  ASSERT_TRUE(merged.product.price.has_value());
  EXPECT_EQ(*merged.product.price, 2500);  // the engine's price stands
  bool dropped = false;
  for (const FieldOpinion& f : merged.fields) dropped |= f.field == Field::kPrice && f.dropped;
  EXPECT_TRUE(dropped);
}

TEST_P(AiProviderTest, AConfidentlyWrongPriceIsDisputedAndHeld) {
  Fault({{"type", "wrong_price"}});
  auto provider = Provider();
  AiAnswer a = Ask(*provider);
  ASSERT_TRUE(a.ok) << a.failure;
  EXPECT_EQ(a.answer.items.at(0).price->value, 25100);
  const SecondOpinion merged = Merge(a);
  EXPECT_TRUE(merged.price_disputed);
  EXPECT_FALSE(MayAutoApprove(merged, 0.0));
  EXPECT_EQ(*merged.product.price, 2500);
  nlohmann::ordered_json j = ToJson(merged);
  EXPECT_EQ(j["disputes"]["price"]["engine"], 2500);
  EXPECT_EQ(j["disputes"]["price"]["model"], 25100);
}

TEST_P(AiProviderTest, ARefusedKeyIsNotRetriedNorRepeated) {
  auto provider = Provider(5, "invalid");
  AiAnswer a = Ask(*provider);
  EXPECT_FALSE(a.ok);
  EXPECT_EQ(a.failure, openai() ? "http 401" : "http 400");
  EXPECT_EQ(a.usage.calls, 1);
  auto keyed = Provider();
  Fault({{"type", "status"}, {"status", 500}, {"count", -1}});
  AiAnswer failed = Ask(*keyed);
  EXPECT_EQ(failed.failure.find(kKey), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Providers, AiProviderTest, ::testing::Values("openai", "gemini"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace vendly::test
