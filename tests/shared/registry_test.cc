// The registry (vendly/registry.h): one list of fields, limits, currencies and thresholds, and the
// API spelling of the core's JSON.
#include "vendly/registry.h"

#include <gtest/gtest.h>

#include <string>

#include "vendly/api.h"
#include "vendly/draft.h"
#include "vendly/money.h"

namespace vendly {
namespace {

using nlohmann::json;

bool HasSnakeKey(const json& j) {
  if (j.is_array()) {
    for (const json& v : j)
      if (HasSnakeKey(v)) return true;
  }
  if (!j.is_object()) return false;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key().find('_') != std::string::npos || HasSnakeKey(it.value())) return true;
  }
  return false;
}

TEST(Registry, FieldsAreTheDraftJsonKeysInOrder) {
  const nlohmann::ordered_json draft = DraftToJson(Draft{});
  ASSERT_EQ(draft.size(), Fields().size());
  std::size_t i = 0;
  for (auto it = draft.begin(); it != draft.end(); ++it, ++i) {
    EXPECT_EQ(it.key(), Fields()[i].cli);
    EXPECT_EQ(static_cast<std::size_t>(Fields()[i].id), i);
    EXPECT_EQ(&FieldInfoOf(Fields()[i].id), &Fields()[i]);
  }
}

TEST(Registry, KeysTranslateBothWays) {
  for (const FieldInfo& f : Fields()) {
    EXPECT_EQ(FieldByCliKey(f.cli), &f);
    EXPECT_EQ(FieldByApiKey(f.api), &f);
    EXPECT_EQ(EditKeyOfField(f.cli), f.api);
    EXPECT_EQ(FieldOfEditKey(f.api), f.cli);
    EXPECT_EQ(f.api.find('_'), std::string_view::npos) << f.api;
  }
  EXPECT_EQ(FieldByCliKey("nope"), nullptr);
  EXPECT_EQ(ApiKey("sold_out"), "soldOut");
  EXPECT_EQ(ApiKey("unknown_key"), "unknown_key");
}

TEST(Registry, AnExtractedProductInApiSpellingHasNoSnakeCaseKey) {
  const json result = json::parse(ExtractJsonLine(
      R"({"id":"1","caption":"Denim jacket sizes M, L red\nWas 3,500 now Ksh 2,500","store_currency":"KES"})"));
  ASSERT_FALSE(result["products"].empty());
  const json& product = result["products"][0];
  EXPECT_TRUE(HasSnakeKey(product));
  const json api = ToApiJson(product);
  EXPECT_FALSE(HasSnakeKey(api)) << api.dump();
  EXPECT_EQ(api.size(), product.size());
  EXPECT_EQ(api["price"], product["price"]);
  EXPECT_EQ(api["soldOut"], product["sold_out"]);
}

TEST(Registry, FieldNamesInErrorsAndUpdatesAreRenamed) {
  const std::string old_cli(FieldInfoOf(Field::kOldPrice).cli);
  const std::string old_api(FieldInfoOf(Field::kOldPrice).api);
  const json in = {{"errors", {{{"field", old_cli}, {"code", "x"}}}},
                   {"updated", {old_cli, "name", "other_thing"}}};
  const json out = ToApiJson(in);
  EXPECT_EQ(out["errors"][0]["field"], old_api);
  EXPECT_EQ(out["updated"], json({old_api, "name", "other_thing"}));
}

TEST(Registry, StoreCurrenciesAreTheKnownOnesDefaultFirst) {
  ASSERT_FALSE(StoreCurrencies().empty());
  EXPECT_EQ(StoreCurrencies().front(), kDefaultStoreCurrency);
  for (std::string_view c : StoreCurrencies()) EXPECT_TRUE(IsKnownCurrency(c)) << c;
  EXPECT_FALSE(IsKnownCurrency("XYZ"));
}

TEST(Registry, ConstantsCarryTheNumbers) {
  const json c = json::parse(ConstantsJsonText());
  EXPECT_EQ(c["thresholds"]["autoApproveDefault"].get<double>(), kDefaultAutoApproveThreshold);
  EXPECT_EQ(c["limits"]["passwordMin"].get<std::size_t>(), kMinPasswordLength);
  EXPECT_EQ(c["drafts"]["lifetimeDays"].get<int>(), kDraftLifetimeDays);
  EXPECT_EQ(c["currencies"].size(), StoreCurrencies().size());
  EXPECT_EQ(c["fields"].size(), Fields().size());
  EXPECT_EQ(c["defaultCurrency"], std::string(kDefaultStoreCurrency));
}

}  // namespace
}  // namespace vendly
