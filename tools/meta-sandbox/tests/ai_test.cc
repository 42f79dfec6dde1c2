// The fake language models over HTTP: OpenAI- and Gemini-shaped answers derived from the caption,
// answers given per caption, and each fault of the control API.
#include <httplib.h>

#include "sandbox_harness.h"

namespace vendly::sandbox_test {
namespace {

constexpr char kCaption[] =
    "New arrivals \xF0\x9F\x94\xA5\nDenim jacket - Ksh 2,500 (was Ksh 3,000)\nSizes: S, M, L\n"
    "DM to order";

json OpenAiBody(const std::string& caption) {
  return {{"model", "gpt-test"},
          {"messages",
           json::array(
               {{{"role", "system"}, {"content", "Labelling rules: ..."}},
                {{"role", "user"},
                 {"content", json({{"caption", caption}, {"store_currency", "KES"}}).dump()}}})},
          {"response_format",
           {{"type", "json_schema"},
            {"json_schema", {{"name", "answer"}, {"strict", true}, {"schema", json::object()}}}}}};
}

json GeminiBody(const std::string& caption) {
  return {
      {"systemInstruction", {{"parts", json::array({{{"text", "Labelling rules"}}})}}},
      {"contents",
       json::array(
           {{{"role", "user"},
             {"parts",
              json::array(
                  {{{"text", json({{"caption", caption}, {"store_currency", "KES"}}).dump()}},
                   {{"inline_data", {{"mime_type", "image/png"}, {"data", "iVBORw0KGgo="}}}}})}}})},
      {"generationConfig",
       {{"responseMimeType", "application/json"}, {"responseSchema", json::object()}}}};
}

class AiFakeTest : public SandboxTest {
 protected:
  httplib::Result OpenAi(const json& body, const std::string& key = "sk-test") {
    httplib::Client c("127.0.0.1", port());
    c.set_read_timeout(10, 0);
    httplib::Headers h;
    if (!key.empty()) h.emplace("Authorization", "Bearer " + key);
    return c.Post("/v1/chat/completions", h, body.dump(), "application/json");
  }
  httplib::Result Gemini(const json& body) {
    httplib::Client c("127.0.0.1", port());
    c.set_read_timeout(10, 0);
    return c.Post("/v1beta/models/gemini-test:generateContent", {{"x-goog-api-key", "g-test"}},
                  body.dump(), "application/json");
  }
  // The model's answer inside an OpenAI completion.
  static json Content(const httplib::Result& r) {
    json body = json::parse(r->body);
    return json::parse(body["choices"][0]["message"]["content"].get<std::string>());
  }
};

TEST_F(AiFakeTest, OpenAiAnswersFromTheCaptionWithQuotes) {
  auto r = OpenAi(OpenAiBody(kCaption));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json body = json::parse(r->body);
  EXPECT_GT(body["usage"]["prompt_tokens"].get<int>(), 0);
  json answer = Content(r);
  ASSERT_EQ(answer["items"].size(), 1u);
  const json& item = answer["items"][0];
  EXPECT_EQ(item["name"]["value"], "Denim jacket");
  EXPECT_EQ(item["price"]["value"], 2500);
  EXPECT_EQ(item["price"]["quote"], "Ksh 2,500");
  EXPECT_EQ(item["currency"]["value"], "KES");
  EXPECT_EQ(item["compare_at_price"]["value"], 3000);
  EXPECT_EQ(item["sizes"]["value"], json({"S", "M", "L"}));
  json calls = Get("/_sandbox/ai/calls").json_body;
  EXPECT_EQ(calls["total"], 1);
  EXPECT_TRUE(calls["calls"][0]["structured"].get<bool>());
  EXPECT_TRUE(calls["calls"][0]["prompt_has_rules"].get<bool>());
  EXPECT_EQ(calls["calls"][0]["caption"], kCaption);
}

TEST_F(AiFakeTest, GeminiAnswersAndSeesTheImage) {
  auto r = Gemini(GeminiBody(kCaption));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json body = json::parse(r->body);
  json answer =
      json::parse(body["candidates"][0]["content"]["parts"][0]["text"].get<std::string>());
  EXPECT_EQ(answer["items"][0]["price"]["value"], 2500);
  EXPECT_GT(body["usageMetadata"]["totalTokenCount"].get<int>(), 0);
  json call = Get("/_sandbox/ai/calls").json_body["calls"][0];
  EXPECT_EQ(call["image_mime"], "image/png");
  EXPECT_EQ(call["model"], "gemini-test");
}

TEST_F(AiFakeTest, AnswersFromLabelsQuoteTheCaption) {
  const std::string caption = "Floral maxi dress\nPrice 1,800 bob\nsizes S M";
  json expected = {{"is_product", true},
                   {"products", json::array({{{"name", "Floral Maxi Dress"},
                                              {"name_keywords", {"floral", "maxi", "dress"}},
                                              {"price", 1800},
                                              {"currency", "KES"},
                                              {"category", "Fashion & Apparel"},
                                              {"sizes", {"S", "M"}},
                                              {"colors", json::array()}}})}};
  ASSERT_EQ(PostJson("/_sandbox/ai/answers", {{"caption", caption}, {"expected", expected}}).status,
            200);
  json item = Content(OpenAi(OpenAiBody(caption)))["items"][0];
  EXPECT_EQ(item["name"]["quote"], "Floral maxi dress");
  EXPECT_EQ(item["price"]["quote"], "1,800");
  EXPECT_EQ(item["currency"]["quote"], "bob");
  EXPECT_EQ(item["category"], "Fashion & Apparel");
}

TEST_F(AiFakeTest, RefusesAMissingKeyAndUnstructuredRequests) {
  EXPECT_EQ(OpenAi(OpenAiBody(kCaption), "")->status, 401);
  json plain = OpenAiBody(kCaption);
  plain.erase("response_format");
  EXPECT_EQ(OpenAi(plain)->status, 400);
}

TEST_F(AiFakeTest, StatusFaultsCarryRetryAfterAndAreCounted) {
  ASSERT_EQ(PostJson("/_sandbox/ai/faults",
                     {{"type", "status"}, {"status", 429}, {"retry_after", 2}, {"count", 2}})
                .status,
            200);
  auto first = OpenAi(OpenAiBody(kCaption));
  EXPECT_EQ(first->status, 429);
  EXPECT_EQ(first->get_header_value("Retry-After"), "2");
  EXPECT_EQ(json::parse(first->body)["error"]["type"], "rate_limit_exceeded");
  EXPECT_EQ(Gemini(GeminiBody(kCaption))->status, 429);
  EXPECT_EQ(OpenAi(OpenAiBody(kCaption))->status, 200);
}

TEST_F(AiFakeTest, MalformedRefusalAndBadQuoteFaults) {
  PostJson("/_sandbox/ai/faults", {{"type", "malformed_body"}});
  auto body = OpenAi(OpenAiBody(kCaption));
  EXPECT_TRUE(json::parse(body->body, nullptr, false).is_discarded());
  PostJson("/_sandbox/ai/faults", {{"type", "malformed"}});
  auto content = OpenAi(OpenAiBody(kCaption));
  json outer = json::parse(content->body);
  EXPECT_TRUE(
      json::parse(outer["choices"][0]["message"]["content"].get<std::string>(), nullptr, false)
          .is_discarded());
  PostJson("/_sandbox/ai/faults", {{"type", "refusal"}});
  json refused = json::parse(OpenAi(OpenAiBody(kCaption))->body);
  EXPECT_TRUE(refused["choices"][0]["message"]["content"].is_null());
  EXPECT_TRUE(refused["choices"][0]["message"]["refusal"].is_string());
  PostJson("/_sandbox/ai/faults", {{"type", "refusal"}, {"provider", "gemini"}});
  json blocked = json::parse(Gemini(GeminiBody(kCaption))->body);
  EXPECT_EQ(blocked["candidates"][0]["finishReason"], "SAFETY");
  PostJson("/_sandbox/ai/faults", {{"type", "bad_quote"}});
  json bad = Content(OpenAi(OpenAiBody(kCaption)));
  EXPECT_EQ(bad["items"][0]["price"]["quote"], "KES 1,500 (example)");
}

TEST_F(AiFakeTest, WrongPricesKeepTheirQuotes) {
  PostJson("/_sandbox/ai/faults", {{"type", "wrong_price"}});
  json once = Content(OpenAi(OpenAiBody(kCaption)));
  EXPECT_EQ(once["items"][0]["price"]["value"], 25100);
  EXPECT_EQ(once["items"][0]["price"]["quote"], "Ksh 2,500");
  EXPECT_EQ(Content(OpenAi(OpenAiBody(kCaption)))["items"][0]["price"]["value"], 2500);
  ASSERT_EQ(PostJson("/_sandbox/ai/mode", {{"mode", "wrong_prices"}}).status, 200);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(Content(OpenAi(OpenAiBody(kCaption)))["items"][0]["price"]["value"], 25100);
  PostJson("/_sandbox/ai/mode", {{"mode", "right"}});
  EXPECT_EQ(Content(OpenAi(OpenAiBody(kCaption)))["items"][0]["price"]["value"], 2500);
}

TEST_F(AiFakeTest, TimeoutFaultDelaysTheAnswer) {
  PostJson("/_sandbox/ai/faults", {{"type", "timeout"}, {"delay_ms", 1500}});
  httplib::Client c("127.0.0.1", port());
  c.set_read_timeout(0, 500000);
  auto r = c.Post("/v1/chat/completions", {{"Authorization", "Bearer k"}},
                  OpenAiBody(kCaption).dump(), "application/json");
  EXPECT_FALSE(r);
  EXPECT_EQ(PostJson("/_sandbox/ai/faults", {{"type", "nope"}}).status, 400);
}

}  // namespace
}  // namespace vendly::sandbox_test
