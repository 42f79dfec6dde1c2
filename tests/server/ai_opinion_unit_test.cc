// The second opinion as the draft API shows it (server/ai/opinion.h): the contract the editor is
// built against. Built from the core's real merge of the engine's reading of a caption and a model
// answer that disputes the price, agrees on the name, adds a colour and quotes sizes it never read.
#include <gtest/gtest.h>

#include "ai/opinion.h"
#include "vendly/extract.h"
#include "vendly/second_opinion.h"

namespace vendly::test {
namespace {

using nlohmann::json;

constexpr char kCaption[] = "Denim jacket - Ksh 2,500\nSizes: S, M, L\nDM to order";

json Rendered(const json& model_item) {
  Post post;
  post.caption = kCaption;
  post.store_currency = "KES";
  post.media_type = "IMAGE";
  post.children = 1;
  const Extraction engine = Extract(post);
  EXPECT_EQ(engine.products.size(), 1u);
  const ModelAnswer answer = ModelAnswerFromJson({{"is_product", true}, {"items", {model_item}}});
  const SecondOpinion merged = MergeSecondOpinions(engine, answer, kCaption).at(0);
  return server::SecondOpinionApiJson(merged, "openai", "gpt-test");
}

TEST(SecondOpinionApiJson, ShowsEachFieldsSourceAndBothReadingsOfADispute) {
  const json o = Rendered({{"name", {{"value", "Denim jacket"}, {"quote", "Denim jacket"}}},
                           {"price", {{"value", 25000}, {"quote", "2,500"}}},
                           {"colors", {{"value", {"blue"}}, {"quote", "Denim"}}},
                           {"sizes", {{"value", {"XL"}}, {"quote", "Sizes: XL"}}}});
  EXPECT_EQ(o["provider"], "openai");
  EXPECT_EQ(o["model"], "gpt-test");
  const json& f = o["fields"];
  for (const char* key : {"name", "price", "oldPrice", "currency", "category", "sizes", "colors"}) {
    ASSERT_TRUE(f.contains(key)) << key;
    EXPECT_EQ(f[key].size(), 4u) << key;  // source, disputed, engine, model and nothing else
  }
  EXPECT_EQ(f.size(), 7u);
  EXPECT_EQ(f["price"],
            json({{"source", "engine"}, {"disputed", true}, {"engine", 2500}, {"model", 25000}}));
  EXPECT_EQ(f["name"]["source"], "both");
  EXPECT_FALSE(f["name"]["disputed"]);
  EXPECT_EQ(f["colors"]["source"], "model");  // the engine read no colour
  EXPECT_TRUE(f["colors"]["engine"].is_null());
  EXPECT_EQ(f["colors"]["model"], json::array({"blue"}));
  // "Sizes: XL" is not in the caption: the model's sizes were dropped, the engine's stand.
  EXPECT_EQ(f["sizes"], json({{"source", "engine"},
                              {"disputed", false},
                              {"engine", json::array({"S", "M", "L"})},
                              {"model", nullptr}}));
  EXPECT_TRUE(f["oldPrice"]["engine"].is_null());
  EXPECT_TRUE(f["oldPrice"]["model"].is_null());
}

}  // namespace
}  // namespace vendly::test
