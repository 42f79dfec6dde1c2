// The JSON face of the draft rules, merge and sync (api.h): shapes, error objects, never a crash.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "vendly/api.h"
#include "vendly/registry.h"

namespace vendly {
namespace {

using nlohmann::json;

const char* const kDraft =
    R"({"name":"Blue Denim Jacket","description":"Quality denim.","price":2500,"currency":"KES",)"
    R"("compare_at_price":null,"category":"Fashion & Apparel","sizes":["M","L"],"colors":["blue"],)"
    R"("tags":["denim"]})";

json Parse(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << text;
  return j;
}

std::vector<std::string> Fields(const json& errors) {
  std::vector<std::string> fields;
  for (const json& e : errors) fields.push_back(e["field"].get<std::string>());
  return fields;
}

// --- ApplyEditsJson

TEST(ApiRules, ApplyEditsGivesNormalisedDraftAndNoErrors) {
  json out = Parse(ApplyEditsJson(
      kDraft, R"({"name":" Red  Dress ","price":1800,"compareAtPrice":2000,"sizes":["38-40"],)"
              R"("colors":["nyekundu"]})"));
  EXPECT_EQ(out["errors"], json::array());
  EXPECT_EQ(out["draft"]["name"], "Red Dress");
  EXPECT_EQ(out["draft"]["price"], 1800);
  EXPECT_EQ(out["draft"]["compare_at_price"], 2000);
  EXPECT_EQ(out["draft"]["sizes"], json({"38", "39", "40"}));
  EXPECT_EQ(out["draft"]["colors"], json({"red"}));
}

TEST(ApiRules, ApplyEditsReportsEditAndValidationErrors) {
  json out = Parse(ApplyEditsJson(kDraft, R"({"price":-5,"colour":"red","tags":"x"})"));
  EXPECT_EQ(Fields(out["errors"]), (std::vector<std::string>{"colour", "tags", "price"}));
  EXPECT_EQ(out["errors"][0]["code"], "unknown_field");
  EXPECT_EQ(out["errors"][1]["code"], "wrong_type");
  EXPECT_EQ(out["errors"][2]["code"], "not_positive");
  EXPECT_EQ(out["draft"]["price"], -5);  // kept so the seller sees what they typed
  for (const json& e : out["errors"]) {
    EXPECT_TRUE(e["message"].is_string());
    EXPECT_EQ(e.size(), 3u);
  }
}

TEST(ApiRules, ApplyEditsNullClearsPrice) {
  json out = Parse(ApplyEditsJson(kDraft, R"({"price":null})"));
  EXPECT_TRUE(out["draft"]["price"].is_null());
  EXPECT_EQ(out["errors"], json::array());
}

TEST(ApiRules, ApplyEditsBadJsonIsAnErrorObject) {
  EXPECT_EQ(Parse(ApplyEditsJson("{", "{}")), json({{"error", "draft: invalid JSON"}}));
  EXPECT_EQ(Parse(ApplyEditsJson(kDraft, "{")), json({{"error", "edits: invalid JSON"}}));
  EXPECT_EQ(Parse(ApplyEditsJson("[]", "{}")), json({{"error", "draft: expected a JSON object"}}));
  EXPECT_EQ(Parse(ApplyEditsJson(kDraft, "null")),
            json({{"error", "edits: expected a JSON object"}}));
  EXPECT_EQ(Parse(ApplyEditsJson("", "")), json({{"error", "draft: invalid JSON"}}));
}

// --- ValidateDraftJson

TEST(ApiRules, ValidateGoodDraftIsOk) {
  json out = Parse(ValidateDraftJson(kDraft));
  EXPECT_EQ(out["ok"], true);
  EXPECT_EQ(out["errors"], json::array());
  EXPECT_EQ(out["draft"], Parse(kDraft));
}

TEST(ApiRules, ValidateKeyOrderIsOkErrorsDraft) {
  const std::string out = ValidateDraftJson(kDraft);
  EXPECT_EQ(out.rfind(R"({"ok":true,"errors":[],"draft":{"name":"Blue Denim Jacket",)", 0), 0u);
}

TEST(ApiRules, ValidateNormalisesBeforeJudging) {
  json out = Parse(ValidateDraftJson(
      R"({"name":"  coat ","price":10,"currency":"kes","category":"OTHER","sizes":["xl","uk 8"]})"));
  EXPECT_EQ(out["ok"], true) << out.dump();
  EXPECT_EQ(out["draft"]["currency"], "KES");
  EXPECT_EQ(out["draft"]["category"], "Other");
  EXPECT_EQ(out["draft"]["sizes"], json({"XL", "8"}));
}

TEST(ApiRules, ValidateReportsEveryRule) {
  json out = Parse(ValidateDraftJson(
      R"({"name":"","price":100,"compare_at_price":50,"currency":"XYZ","category":"Shoes"})"));
  EXPECT_EQ(out["ok"], false);
  EXPECT_EQ(Fields(out["errors"]),
            (std::vector<std::string>{"name", "compare_at_price", "currency", "category"}));
}

TEST(ApiRules, ValidateWrongTypesAreFieldErrors) {
  json out = Parse(ValidateDraftJson(
      R"({"name":["x"],"price":"100","currency":"KES","category":"Other","sizes":"M","tags":[1]})"));
  EXPECT_EQ(out["ok"], false);
  std::vector<std::string> fields = Fields(out["errors"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "price", "sizes", "tags", "name"}));
  EXPECT_EQ(out["errors"][0]["code"], "wrong_type");
  EXPECT_EQ(out["errors"][4]["code"], "required");
}

TEST(ApiRules, ValidateHugeNumbers) {
  json out = Parse(
      ValidateDraftJson(R"({"name":"Coat","price":1e300,"currency":"KES","category":"Other"})"));
  EXPECT_EQ(out["ok"], false);
  EXPECT_EQ(out["errors"][0]["code"], "too_large");
  // Beyond double range the JSON reader itself refuses the number.
  EXPECT_EQ(Parse(ValidateDraftJson(R"({"price":1e999})")),
            json({{"error", "draft: invalid JSON"}}));
}

TEST(ApiRules, ValidateHugeInput) {
  std::string name(1 << 20, 'a');
  json in = {{"name", name}, {"currency", "KES"}, {"category", "Other"}};
  json out = Parse(ValidateDraftJson(in.dump()));
  EXPECT_EQ(out["errors"][0]["code"], "too_long");
}

TEST(ApiRules, ValidateDeepNestingIsNotACrash) {
  std::string deep = R"({"name":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  json out = Parse(ValidateDraftJson(deep));
  EXPECT_EQ(out["errors"][0]["code"], "wrong_type");
}

// --- slugs

TEST(ApiRules, Slugify) {
  EXPECT_EQ(SlugifyJson("Crème Brûlée Cake \xF0\x9F\x8E\x82"), R"({"slug":"creme-brulee-cake"})");
  EXPECT_EQ(SlugifyJson(""), R"({"slug":"product"})");
  EXPECT_EQ(SlugifyJson("\xFF\xFE"), R"({"slug":"product"})");
}

TEST(ApiRules, UniqueSlug) {
  EXPECT_EQ(UniqueSlugJson("Red Dress", R"(["red-dress","red-dress-2"])"),
            R"({"slug":"red-dress-3"})");
  EXPECT_EQ(UniqueSlugJson("Red Dress", ""), R"({"slug":"red-dress"})");
  EXPECT_EQ(UniqueSlugJson("Red Dress", "null"), R"({"slug":"red-dress"})");
  EXPECT_EQ(UniqueSlugJson("Red Dress", R"([1,null,"red-dress"])"), R"({"slug":"red-dress-2"})");
  EXPECT_EQ(UniqueSlugJson("Red Dress", "{"), R"({"error":"taken: invalid JSON"})");
  EXPECT_EQ(UniqueSlugJson("Red Dress", "{}"), R"({"error":"taken: expected a JSON array"})");
}

// --- SecondOpinionJson (the engine's product read back from JSON)

TEST(ApiRules, SecondOpinionReadsTheEngineProduct) {
  json out = Parse(SecondOpinionJson(
      R"({"name":"Blue Denim Jacket","price":2500,"currency":"KES","category":"Fashion & Apparel",)"
      R"("confidence":0.8,"field_confidence":{"name":0.8,"price":0.9,"currency":0.9,"category":0.7},)"
      R"("evidence":{"price":[[18,22]]}})",
      "Blue denim jacket 2500 bob", "null"));
  EXPECT_EQ(out["name"], "Blue Denim Jacket");
  EXPECT_EQ(out["price"], 2500);
  EXPECT_EQ(out["sources"]["name"], "engine");
  EXPECT_NEAR(out["field_confidence"]["category"].get<double>(), 0.7, 1e-9);
  EXPECT_EQ(out["evidence"]["price"], json::parse("[[18,22]]"));
  EXPECT_NEAR(out["confidence"].get<double>(), 0.8, 1e-9);
}

TEST(ApiRules, SecondOpinionErrors) {
  EXPECT_EQ(Parse(SecondOpinionJson("{}", "c", "]")), json({{"error", "model: invalid JSON"}}));
  EXPECT_TRUE(Parse(SecondOpinionJson(R"({"price":"x"})", "c", "{}")).contains("error"));
  EXPECT_EQ(Parse(SecondOpinionJson(R"({"id":"p","products":[]})", "c", "{}"))["error"],
            "core: Expected one product (an entry of \"products\"), not a whole extraction.");
}

TEST(ApiRules, SecondOpinionIsDeterministic) {
  const char* core = R"({"name":"A","price":1,"field_confidence":{"name":0.3}})";
  const char* model = R"({"name":{"value":"B","quote":"B"},"price":{"value":2,"quote":"2"}})";
  EXPECT_EQ(SecondOpinionJson(core, "A B 2", model), SecondOpinionJson(core, "A B 2", model));
}

// --- ExtractWithModelJsonLine (vendly-extract --with-model)

constexpr const char* kPostKeys =
    R"("id":"w1","store_currency":"KES","caption":"Denim jacket - 2,500\nSizes: M, L")";

json WithModel(const std::string& model) {
  return Parse(ExtractWithModelJsonLine(std::string("{") + kPostKeys + model + "}"));
}

TEST(ApiRules, WithoutAModelTheEngineStandsAndAutoApproveIsItsConfidence) {
  const json engine = Parse(ExtractJsonLine(std::string("{") + kPostKeys + "}"));
  for (const json& out : {WithModel(""), WithModel(R"(,"model":null)")}) {
    ASSERT_EQ(out["products"].size(), 1u) << out;
    const json& p = out["products"][0];
    EXPECT_EQ(p["price"], 2500);
    EXPECT_EQ(p["confidence"], engine["products"][0]["confidence"]);
    EXPECT_EQ(p["sources"]["price"], "engine");
    EXPECT_EQ(p["price_disputed"], false);
    EXPECT_EQ(p["auto_approve"], p["confidence"].get<double>() >= kDefaultAutoApproveThreshold);
  }
}

TEST(ApiRules, WithAModelEachProductIsMergedAndADisputedPriceIsNotAutoApproved) {
  const json agreed = WithModel(R"(,"model":{"items":[{"price":{"value":2500,"quote":"2,500"},)"
                                R"("sizes":{"value":["M","L"],"quote":"Sizes: M, L"}}]})");
  const json& a = agreed["products"][0];
  EXPECT_EQ(a["sources"]["price"], "both");
  EXPECT_EQ(a["sources"]["sizes"], "both");
  EXPECT_EQ(a["price_disputed"], false);
  const json wrong = WithModel(R"(,"model":{"items":[{"price":{"value":25100,"quote":"2,500"}}]})");
  const json& w = wrong["products"][0];
  EXPECT_EQ(w["price"], 2500);  // the engine's reading stands
  EXPECT_EQ(w["price_disputed"], true);
  EXPECT_EQ(w["disputes"]["price"]["model"], 25100);
  EXPECT_EQ(w["auto_approve"], false);
  EXPECT_LE(w["confidence"].get<double>(), a["confidence"].get<double>());
}

TEST(ApiRules, WithModelErrors) {
  EXPECT_EQ(Parse(ExtractWithModelJsonLine(R"({"caption":"x","model":[1]})", 3)),
            json({{"error", "\"model\" must be an object or null"}, {"line", 3}}));
  EXPECT_EQ(Parse(ExtractWithModelJsonLine("{", 2)),
            json({{"error", "invalid JSON"}, {"line", 2}}));
}

// --- SyncMergeJson

TEST(ApiRules, SyncMergeShape) {
  json base = Parse(kDraft);
  json theirs = base;
  theirs["price"] = 2800;
  theirs["name"] = "Denim Jacket";
  theirs["sold_out"] = true;
  json ours = base;
  ours["name"] = "Classic Denim Jacket";
  json out = Parse(SyncMergeJson(base.dump(), theirs.dump(), ours.dump()));
  EXPECT_EQ(out["merged"]["price"], 2800);
  EXPECT_EQ(out["merged"]["name"], "Classic Denim Jacket");
  EXPECT_EQ(out["merged"]["sold_out"], true);
  ASSERT_EQ(out["conflicts"].size(), 1u);
  EXPECT_EQ(out["conflicts"][0], json({{"field", "name"},
                                       {"base", "Blue Denim Jacket"},
                                       {"theirs", "Denim Jacket"},
                                       {"ours", "Classic Denim Jacket"}}));
  EXPECT_EQ(out["updated"], json({"price"}));
}

TEST(ApiRules, SyncMergeErrors) {
  EXPECT_EQ(Parse(SyncMergeJson("{", kDraft, kDraft)), json({{"error", "base: invalid JSON"}}));
  EXPECT_EQ(Parse(SyncMergeJson(kDraft, "1", kDraft)),
            json({{"error", "theirs: expected a JSON object"}}));
  EXPECT_EQ(Parse(SyncMergeJson(kDraft, kDraft, R"({"price":"2500"})")),
            json({{"error", "ours: The price must be a number."}}));
  EXPECT_EQ(Parse(SyncMergeJson(kDraft, R"({"sold_out":"yes"})", kDraft)),
            json({{"error", "theirs: \"sold_out\" must be true or false"}}));
}

TEST(ApiRules, OutputIsAlwaysOneJsonObject) {
  const char* inputs[] = {"",
                          "{}",
                          "null",
                          "[]",
                          "\"x\"",
                          "{\"name\":\"\\u0000\"}",
                          kDraft,
                          "{\"tags\":[\"\\ud83d\\ude00\"]}",
                          "{\"a\":1e999}"};
  for (const char* a : inputs) {
    for (const char* b : inputs) {
      for (const std::string& out :
           {ApplyEditsJson(a, b), ValidateDraftJson(a), SecondOpinionJson(a, b, b),
            SyncMergeJson(a, b, a), UniqueSlugJson(a, b)}) {
        json j = Parse(out);
        EXPECT_TRUE(j.is_object()) << out;
      }
    }
  }
}

}  // namespace
}  // namespace vendly
