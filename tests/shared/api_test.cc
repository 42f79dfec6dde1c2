#include "vendly/api.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace vendly {
namespace {

using nlohmann::json;

TEST(Api, InvalidJsonGivesErrorWithLineNumber) {
  json out = json::parse(ExtractJsonLine("{not json", 7));
  EXPECT_EQ(out["error"], "invalid JSON");
  EXPECT_EQ(out["line"], 7);
}

TEST(Api, LineNumberZeroLeavesLineOut) {
  json out = json::parse(ExtractJsonLine("[1,2]", 0));
  EXPECT_EQ(out["error"], "expected a JSON object");
  EXPECT_FALSE(out.contains("line"));
}

TEST(Api, WrongFieldTypesAreErrorsNotCrashes) {
  EXPECT_TRUE(json::parse(ExtractJsonLine(R"({"id":"a","caption":5})", 1)).contains("error"));
  EXPECT_TRUE(json::parse(ExtractJsonLine(R"({"id":"a","children":"two"})", 1)).contains("error"));
  EXPECT_TRUE(json::parse(ParsePriceJsonLine(R"({"price_raw":12})", 1)).contains("error"));
}

TEST(Api, ResultKeepsIdAndFixedShape) {
  json out = json::parse(ExtractJsonLine(R"({"id":"p1","caption":"","store_currency":"KES"})"));
  EXPECT_EQ(out["id"], "p1");
  EXPECT_TRUE(out["is_product"].is_boolean());
  EXPECT_TRUE(out["products"].is_array());
}

TEST(Api, NullCaptionIsAnEmptyCaption) {
  json out = json::parse(ExtractJsonLine(R"({"id":"p2","caption":null})"));
  EXPECT_EQ(out["is_product"], false);
}

}  // namespace
}  // namespace vendly
