#include "vendly/merge.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vendly {
namespace {

using nlohmann::json;
using List = std::vector<std::string>;

Product Core() {
  Product p;
  p.name = "Blue Denim Jacket";
  p.description = "Quality denim jacket.";
  p.price = 2500;
  p.currency = "KES";
  p.category = "Fashion & Apparel";
  p.sizes = {"M", "L"};
  p.colors = {"blue"};
  p.tags = {"denim"};
  p.field_confidence = {0.8, 0.9, 0.9, 0, 0.7, 0.8, 0.8};
  p.confidence = 0.8;
  p.evidence.price = {{10, 14}};
  p.evidence.name = {{0, 9}};
  return p;
}

ProviderAnswer Provider(const char* text) { return ProviderAnswerFromJson(json::parse(text)); }

TEST(Merge, AgreementRaisesConfidence) {
  MergeResult m = MergeWithProvider(Core(), Provider(R"({"name":"blue denim  JACKET","price":2500,
      "currency":"KES","category":"Fashion & Apparel","confidence":0.8})"));
  EXPECT_EQ(m.product.name, "Blue Denim Jacket");  // the core's spelling
  EXPECT_EQ(m.sources.name, FieldSource::kBoth);
  EXPECT_EQ(m.sources.price, FieldSource::kBoth);
  EXPECT_NEAR(m.product.field_confidence.name, 1 - 0.2 * 0.2, 1e-9);
  EXPECT_NEAR(m.product.field_confidence.price, 1 - 0.1 * 0.2, 1e-9);
  EXPECT_GT(m.product.field_confidence.category, 0.7);
  EXPECT_EQ(m.product.evidence.price, (std::vector<Span>{{10, 14}}));
}

TEST(Merge, DisagreementGoesToTheMoreConfidentSide) {
  MergeResult m = MergeWithProvider(Core(), Provider(R"({"name":"Denim Coat",
      "category":"Home & Living","confidence":0.95})"));
  EXPECT_EQ(m.product.name, "Denim Coat");
  EXPECT_EQ(m.sources.name, FieldSource::kProvider);
  EXPECT_NEAR(m.product.field_confidence.name, 0.95 - 0.4, 1e-9);
  EXPECT_TRUE(m.product.evidence.name.empty());  // the span was the core's
  EXPECT_EQ(m.product.category, "Home & Living");

  MergeResult weak =
      MergeWithProvider(Core(), Provider(R"({"name":"Denim Coat","confidence":0.5})"));
  EXPECT_EQ(weak.product.name, "Blue Denim Jacket");
  EXPECT_EQ(weak.sources.name, FieldSource::kCore);
  EXPECT_NEAR(weak.product.field_confidence.name, 0.8 - 0.25, 1e-9);
}

TEST(Merge, TieGoesToTheCore) {
  MergeResult m = MergeWithProvider(Core(), Provider(R"({"name":"Denim Coat","confidence":0.8})"));
  EXPECT_EQ(m.product.name, "Blue Denim Jacket");
}

TEST(Merge, PriceOnlyFromAConfidentProvider) {
  Product core = Core();
  core.price.reset();
  core.field_confidence.price = 0;
  MergeResult unsure = MergeWithProvider(core, Provider(R"({"price":1800,"confidence":0.6})"));
  EXPECT_FALSE(unsure.product.price.has_value());
  EXPECT_EQ(unsure.sources.price, FieldSource::kNone);
  MergeResult sure = MergeWithProvider(core, Provider(R"({"price":1800,"confidence":0.7})"));
  EXPECT_EQ(sure.product.price, 1800);
  EXPECT_EQ(sure.sources.price, FieldSource::kProvider);
}

TEST(Merge, UnsureProviderCannotOverrideAnUnsureCorePrice) {
  Product core = Core();
  core.field_confidence.price = 0.3;
  MergeResult m = MergeWithProvider(core, Provider(R"({"price":1800,"confidence":0.6})"));
  EXPECT_EQ(m.product.price, 2500);
  EXPECT_EQ(m.sources.price, FieldSource::kCore);
  EXPECT_NEAR(m.product.field_confidence.price, 0.0, 1e-9);
}

TEST(Merge, ConfidentProviderPriceBringsItsCurrency) {
  Product core = Core();
  core.field_confidence.price = 0.4;
  MergeResult m =
      MergeWithProvider(core, Provider(R"({"price":25,"currency":"usd","confidence":0.9})"));
  EXPECT_EQ(m.product.price, 25);
  EXPECT_EQ(m.product.currency, "USD");
  EXPECT_EQ(m.sources.currency, FieldSource::kProvider);
}

TEST(Merge, CompareAtPriceDroppedWhenNoLongerAbovePrice) {
  Product core = Core();
  core.old_price = 3000;
  core.field_confidence.price = 0.4;
  MergeResult kept = MergeWithProvider(core, Provider(R"({"price":2800,"confidence":0.9})"));
  EXPECT_EQ(kept.product.old_price, 3000);
  MergeResult dropped = MergeWithProvider(core, Provider(R"({"price":3500,"confidence":0.9})"));
  EXPECT_FALSE(dropped.product.old_price.has_value());
  EXPECT_EQ(dropped.sources.old_price, FieldSource::kNone);
}

TEST(Merge, VariantsMapToSizesAndColours) {
  Product core = Core();
  core.sizes.clear();
  core.colors.clear();
  MergeResult m = MergeWithProvider(core, Provider(R"({"variants":[
      {"option":"Size","value":"xl"},{"option":"size","value":"38-39"},
      {"option":"Colour","value":"Nyekundu"},{"option":"material","value":"cotton"},
      {"option":"color"},{"value":"x"},7,{"option":1,"value":"M"}]})"));
  EXPECT_EQ(m.product.sizes, (List{"XL", "38", "39"}));
  EXPECT_EQ(m.product.colors, List{"red"});
  EXPECT_EQ(m.sources.sizes, FieldSource::kProvider);
}

TEST(Merge, ListsAgreeAsSets) {
  MergeResult m = MergeWithProvider(Core(), Provider(R"({"variants":[
      {"option":"size","value":"L"},{"option":"size","value":"m"}],"confidence":0.5})"));
  EXPECT_EQ(m.product.sizes, (List{"M", "L"}));
  EXPECT_EQ(m.sources.sizes, FieldSource::kBoth);
}

TEST(Merge, TagsAreTheUnion) {
  MergeResult m = MergeWithProvider(Core(), Provider(R"({"tags":["#Jacket","denim",5]})"));
  EXPECT_EQ(m.product.tags, (List{"denim", "jacket"}));
  EXPECT_EQ(m.sources.tags, FieldSource::kBoth);
}

TEST(Merge, WrongTypesAndNullsAreIgnored) {
  MergeResult m = MergeWithProvider(Core(), Provider(R"({"name":5,"description":null,"price":"2500",
      "currency":7,"category":"Shoes","tags":"x","variants":{},"confidence":"high"})"));
  EXPECT_EQ(ToJson(m)["name"], "Blue Denim Jacket");
  EXPECT_EQ(m.sources.name, FieldSource::kCore);
  EXPECT_EQ(m.sources.price, FieldSource::kCore);
  EXPECT_EQ(m.sources.category, FieldSource::kCore);
  EXPECT_EQ(m.sources.tags, FieldSource::kCore);
}

TEST(Merge, ProviderFillsWhatTheCoreMissed) {
  Product core;
  core.currency = "KES";
  core.field_confidence.currency = 0.5;
  MergeResult m = MergeWithProvider(core, Provider(R"({"name":"Red Dress","description":"Nice",
      "price":1500,"currency":"KES","category":"fashion & apparel","confidence":0.9})"));
  EXPECT_EQ(m.product.name, "Red Dress");
  EXPECT_EQ(m.product.description, "Nice");
  EXPECT_EQ(m.product.price, 1500);
  EXPECT_EQ(m.product.category, "Fashion & Apparel");
  EXPECT_EQ(m.sources.currency, FieldSource::kBoth);
  EXPECT_NEAR(m.product.confidence, 0.9, 1e-9);
}

TEST(Merge, BadProviderValuesAreIgnored) {
  ProviderAnswer a = Provider(R"({"price":-5,"currency":"XYZ","confidence":7,"name":"   "})");
  EXPECT_FALSE(a.price.has_value());
  EXPECT_FALSE(a.currency.has_value());
  EXPECT_FALSE(a.name.has_value());
  EXPECT_EQ(a.confidence, 1.0);
  EXPECT_EQ(Provider("[1,2]").confidence, kDefaultProviderConfidence);
  EXPECT_EQ(Provider(R"({"price":0})").price, std::nullopt);
  EXPECT_EQ(Provider(R"({"price":1e300})").price, std::nullopt);
}

TEST(Merge, OverallConfidenceIsTheWeakestKeyField) {
  MergeResult m = MergeWithProvider(Core(), Provider("{}"));
  EXPECT_NEAR(m.product.confidence, 0.7, 1e-9);  // the category's
  Product core = Core();
  core.price.reset();
  core.field_confidence = {1, 0, 1, 0, 1, 1, 1};
  EXPECT_NEAR(MergeWithProvider(core, Provider("{}")).product.confidence, 0.5, 1e-9);
}

TEST(Merge, EmptyProviderKeepsTheCoreValues) {
  MergeResult m = MergeWithProvider(Core(), Provider("{}"));
  EXPECT_EQ(m.product.name, Core().name);
  EXPECT_EQ(m.product.price, Core().price);
  EXPECT_EQ(m.product.sizes, Core().sizes);
  EXPECT_EQ(m.sources.name, FieldSource::kCore);
  EXPECT_EQ(m.sources.old_price, FieldSource::kNone);
}

TEST(Merge, IsDeterministic) {
  const char* text = R"({"name":"Denim Coat","price":2400,"tags":["a","b"],"confidence":0.9,
      "variants":[{"option":"size","value":"S-L"}]})";
  const std::string a = ToJson(MergeWithProvider(Core(), Provider(text))).dump();
  const std::string b = ToJson(MergeWithProvider(Core(), Provider(text))).dump();
  EXPECT_EQ(a, b);
}

TEST(Merge, JsonHasTheProductShapeAndSources) {
  nlohmann::ordered_json j = ToJson(MergeWithProvider(Core(), Provider(R"({"price":2500})")));
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (List{"name", "description", "price", "currency", "compare_at_price", "category",
                        "sizes", "colors", "tags", "sold_out", "confidence", "field_confidence",
                        "evidence", "sources"}));
  EXPECT_EQ(j["sources"]["price"], "both");
  EXPECT_EQ(j["price"], 2500);
}

TEST(Merge, ProductFromJsonReadsTheCliShape) {
  ProductResult r = ProductFromJson(json::parse(R"({"name":"Coat","price":100,"currency":"KES",
      "sold_out":true,"confidence":0.75,"field_confidence":{"name":0.5,"price":"x"},
      "evidence":{"price":[[1,4],[5],[-1,2],[3,2]],"name":"bad"}})"));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_TRUE(r.product.sold_out);
  EXPECT_EQ(r.product.confidence, 0.75);
  EXPECT_EQ(r.product.field_confidence.name, 0.5);
  EXPECT_EQ(r.product.field_confidence.price, 0);
  EXPECT_EQ(r.product.evidence.price, (std::vector<Span>{{1, 4}}));
  EXPECT_TRUE(r.product.evidence.name.empty());
  EXPECT_EQ(ProductFromJson(json::parse(R"({"price":"x"})")).errors.size(), 1u);
}

TEST(Merge, WholeExtractionIsNotAProduct) {
  ProductResult r = ProductFromJson(json::parse(R"({"id":"p1","is_product":true,"products":[]})"));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, "not_a_product");
}

}  // namespace
}  // namespace vendly
