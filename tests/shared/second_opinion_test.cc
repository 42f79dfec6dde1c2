#include "vendly/second_opinion.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "vendly/api.h"

namespace vendly {
namespace {

using nlohmann::json;

constexpr const char* kCaption = "Blue Denim Jacket 🔥\nPrice: Ksh 2,500\nSizes M, L\nColour blue";

Product Engine() {
  Product p;
  p.name = "Blue Denim Jacket";
  p.price = 2500;
  p.currency = "KES";
  p.category = "Fashion & Apparel";
  p.sizes = {"M", "L"};
  p.colors = {"blue"};
  p.field_confidence = {0.99, 0.99, 0.999, 0.999, 0.99, 0.99, 0.99};
  p.confidence = 0.93;
  return p;
}

ModelItem Item(const char* text) { return ModelItemFromJson(json::parse(text)); }

const FieldOpinion& Of(const SecondOpinion& s, Field f) {
  for (const FieldOpinion& o : s.fields) {
    if (o.field == f) return o;
  }
  ADD_FAILURE() << "no field";
  return s.fields.front();
}

constexpr const char* kRight = R"({"name":{"value":"Denim Jacket","quote":"blue denim jacket"},
  "price":{"value":2500,"quote":"Ksh 2,500"},"currency":{"value":"kes","quote":"ksh"},
  "category":"fashion & apparel","sizes":{"value":["m","l"],"quote":"Sizes M, L"},
  "colors":{"value":["Blue"],"quote":"colour  blue"}})";

TEST(SecondOpinion, AgreementHalvesTheDoubtAndRaisesTheProduct) {
  const ModelItem item = Item(kRight);
  SecondOpinion s = MergeSecondOpinion(Engine(), &item, kCaption);
  EXPECT_EQ(Of(s, Field::kPrice).source, OpinionSource::kBoth);
  EXPECT_EQ(Of(s, Field::kName).source, OpinionSource::kBoth);  // one name contains the other
  EXPECT_EQ(Of(s, Field::kSizes).source, OpinionSource::kBoth);
  EXPECT_NEAR(s.product.field_confidence.price, 0.995, 1e-9);
  EXPECT_GT(s.product.confidence, 0.93);
  EXPECT_LE(s.product.confidence, kAgreeCeiling);
  EXPECT_EQ(s.product.name, "Blue Denim Jacket");  // the engine's spelling stands
  EXPECT_FALSE(s.price_disputed);
  EXPECT_TRUE(MayAutoApprove(s, kDefaultAutoApproveThreshold));
}

TEST(SecondOpinion, AgreementNeverLiftsAFragileReadingOverTheLine) {
  Product p = Engine();
  p.field_confidence.price = kFragileCeiling;  // the engine capped a risky price reading
  p.confidence = kFragileCeiling;
  const ModelItem item = Item(kRight);
  SecondOpinion s = MergeSecondOpinion(p, &item, kCaption);
  EXPECT_EQ(Of(s, Field::kPrice).source, OpinionSource::kBoth);
  EXPECT_LE(s.product.field_confidence.price, kFragileCeiling);
  EXPECT_LE(s.product.confidence, kFragileCeiling);
  EXPECT_FALSE(MayAutoApprove(s, kDefaultAutoApproveThreshold));
  // A low but not capped field still gains, up to the cap.
  p.field_confidence.name = 0.68;
  s = MergeSecondOpinion(p, &item, kCaption);
  EXPECT_NEAR(s.product.field_confidence.name, 0.84, 1e-9);
}

TEST(SecondOpinion, ADisputedPriceKeepsTheEngineValueRecordsBothAndHolds) {
  const ModelItem item = Item(R"({"price":{"value":3000,"quote":"2,500"}})");
  SecondOpinion s = MergeSecondOpinion(Engine(), &item, kCaption);
  const FieldOpinion& price = Of(s, Field::kPrice);
  EXPECT_TRUE(price.disputed);
  EXPECT_EQ(price.source, OpinionSource::kEngine);
  EXPECT_EQ(*s.product.price, 2500);
  EXPECT_LE(s.product.field_confidence.price, kDisputedCeiling);
  EXPECT_LE(s.product.confidence, kDisputedCeiling);
  EXPECT_TRUE(s.price_disputed);
  EXPECT_FALSE(MayAutoApprove(s, 0.0));  // whatever the store's threshold
  json out = json::parse(ToJson(s).dump());
  EXPECT_EQ(out["disputes"]["price"],
            json({{"engine", 2500}, {"model", 3000}, {"quote", "2,500"}}));
  EXPECT_TRUE(out["price_disputed"].get<bool>());
  EXPECT_EQ(out["sources"]["price"], "engine");
}

TEST(SecondOpinion, AQuoteNotInTheCaptionDropsTheValue) {
  const ModelItem item = Item(R"({"price":{"value":1500,"quote":"KES 1,500"},
      "colors":{"value":["red"],"quote":"red"}})");
  SecondOpinion s = MergeSecondOpinion(Engine(), &item, kCaption);
  EXPECT_TRUE(Of(s, Field::kPrice).dropped);
  EXPECT_FALSE(Of(s, Field::kPrice).disputed);
  EXPECT_FALSE(s.price_disputed);
  EXPECT_DOUBLE_EQ(s.product.confidence, 0.93);  // the engine's result stands
  EXPECT_EQ(json::parse(ToJson(s).dump())["dropped"], json({"price", "colors"}));
  EXPECT_FALSE(QuoteInCaption("", kCaption));
  EXPECT_TRUE(QuoteInCaption("PRICE:   ksh 2,500", kCaption));
}

TEST(SecondOpinion, AModelOnlyValueIsTakenBelowTheLine) {
  Product p = Engine();
  p.price.reset();
  const ModelItem item = Item(R"({"price":{"value":2500,"quote":"2,500"}})");
  SecondOpinion s = MergeSecondOpinion(p, &item, kCaption);
  EXPECT_EQ(Of(s, Field::kPrice).source, OpinionSource::kModel);
  EXPECT_EQ(*s.product.price, 2500);
  EXPECT_LE(s.product.confidence, kModelOnlyConfidence);
  EXPECT_FALSE(MayAutoApprove(s, kDefaultAutoApproveThreshold));
}

TEST(SecondOpinion, NoAnswerLeavesTheEngineAlone) {
  SecondOpinion s = MergeSecondOpinion(Engine(), nullptr, kCaption);
  EXPECT_DOUBLE_EQ(s.product.confidence, 0.93);
  for (const FieldOpinion& o : s.fields) EXPECT_EQ(o.source, OpinionSource::kEngine);
  const ModelItem junk = Item(R"({"price":{"value":-5,"quote":"2,500"},"category":"Weapons",
      "currency":{"value":"XYZ","quote":"ksh"},"name":7})");
  s = MergeSecondOpinion(Engine(), &junk, kCaption);
  EXPECT_DOUBLE_EQ(s.product.confidence, 0.93);
}

TEST(SecondOpinion, ItemsPairWithProductsByIndex) {
  Extraction x;
  x.is_product = true;
  x.products = {Engine(), Engine()};
  ModelAnswer a = ModelAnswerFromJson(
      json::parse(R"({"is_product":true,"items":[{"price":{"value":9,"quote":"2,500"}}]})"));
  std::vector<SecondOpinion> s = MergeSecondOpinions(x, a, kCaption);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_TRUE(s[0].price_disputed);
  EXPECT_FALSE(s[1].price_disputed);
  EXPECT_EQ(ModelAnswerFromJson(json("x")).items.size(), 0u);
}

TEST(SecondOpinion, JsonFaceReportsErrorsAndMerges) {
  EXPECT_EQ(json::parse(SecondOpinionJson("x", kCaption, "{}"))["error"], "core: invalid JSON");
  EXPECT_EQ(json::parse(SecondOpinionJson("{}", kCaption, "[1]"))["error"],
            "model: expected a JSON object");
  json out = json::parse(SecondOpinionJson(
      R"({"name":"Coat","price":2500,"currency":"KES","confidence":0.95,
          "field_confidence":{"name":0.99,"price":0.99}})",
      kCaption, R"({"price":{"value":2600,"quote":"2,500"}})"));
  EXPECT_TRUE(out["price_disputed"].get<bool>());
  EXPECT_EQ(out["price"], 2500);
  EXPECT_LT(out["confidence"].get<double>(), kDefaultAutoApproveThreshold);
  json none = json::parse(SecondOpinionJson(R"({"name":"Coat","price":2500})", kCaption, "null"));
  EXPECT_EQ(none["sources"]["price"], "engine");
}

TEST(SecondOpinion, WhichPostsAreSentToAModel) {
  Extraction sure;
  sure.is_product = true;
  sure.products = {Engine(), Engine()};
  sure.products[0].confidence = 0.95;
  sure.products[1].confidence = 0.9;
  Extraction unsure = sure;
  unsure.products[1].confidence = 0.89;
  Extraction none;  // not a product
  EXPECT_FALSE(ShouldAskModel(AiMode::kOff, unsure, 0.9));
  EXPECT_FALSE(ShouldAskModel(AiMode::kUnsure, sure, 0.9)) << "the line itself is sure enough";
  EXPECT_TRUE(ShouldAskModel(AiMode::kUnsure, unsure, 0.9));
  EXPECT_TRUE(ShouldAskModel(AiMode::kUnsure, sure, 0.96)) << "the store's own line counts";
  EXPECT_TRUE(ShouldAskModel(AiMode::kAll, sure, 0.9));
  EXPECT_FALSE(ShouldAskModel(AiMode::kAll, none, 0.9));
  EXPECT_EQ(ParseAiMode("unsure"), AiMode::kUnsure);
  EXPECT_EQ(ParseAiMode("Unsure"), std::nullopt);
  for (AiMode m : {AiMode::kOff, AiMode::kUnsure, AiMode::kAll})
    EXPECT_EQ(ParseAiMode(AiModeName(m)), m);
}

}  // namespace
}  // namespace vendly
