#include "post_reader.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace vendly::internal {
namespace {

using nlohmann::json;

PostLineStatus Read(std::string_view line, PostLine* out = nullptr) {
  PostLine ignored;
  return ReadPostLine(line, out != nullptr ? out : &ignored);
}

// What nlohmann::json::parse makes of a line: the reader must say the same.
PostLineStatus NlohmannStatus(std::string_view line) {
  const json j = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return PostLineStatus::kInvalidJson;
  return j.is_object() ? PostLineStatus::kOk : PostLineStatus::kNotObject;
}

TEST(PostReader, AcceptsAndRejectsWhatNlohmannDoes) {
  const std::vector<std::string> lines = {"",
                                          " ",
                                          "{}",
                                          "[]",
                                          "1",
                                          "\"s\"",
                                          "null",
                                          "true",
                                          "nul",
                                          "tru",
                                          "{",
                                          "}",
                                          "{\"a\"}",
                                          "{\"a\":}",
                                          "{\"a\":1,}",
                                          "[1,]",
                                          "[,1]",
                                          "{,}",
                                          "{\"a\":1 \"b\":2}",
                                          "{\"a\" : 1 }",
                                          " \t\r\n{}\r\n\t ",
                                          "{} x",
                                          "{}}",
                                          "{}{}",
                                          "{\"a\":[1,{\"b\":[]}]}",
                                          "{\"a\":[1,{\"b\":[}]}",
                                          "{\"a\":{]}",
                                          "{'a':1}",
                                          "{a:1}",
                                          "{\"a\":01}",
                                          "{\"a\":-}",
                                          "{\"a\":+1}",
                                          "{\"a\":1.}",
                                          "{\"a\":.5}",
                                          "{\"a\":1e}",
                                          "{\"a\":1e+}",
                                          "{\"a\":1E-2}",
                                          "{\"a\":-0.0e0}",
                                          "{\"a\":0x1}",
                                          "{\"a\":NaN}",
                                          "{\"a\":Infinity}",
                                          "{\"a\":1e400}",
                                          "{\"a\":-1e400}",
                                          "{\"a\":1e-400}",
                                          "{\"a\":1.7976931348623157e308}",
                                          "{\"a\":1.7976931348623158e308}",
                                          "{\"a\":1.797693134862315807937289714053e308}",
                                          "{\"a\":1.797693134862315807937289714054e308}",
                                          "{\"a\":0.00017976931348623159e312}",
                                          "{\"a\":" + std::string(309, '9') + "}",
                                          "{\"a\":1" + std::string(308, '0') + "}",
                                          "{\"a\":1" + std::string(307, '0') + ".5}",
                                          "{\"a\":1e99999999999999999999}",
                                          "{\"a\":0e99999999999999999999}",
                                          "{\"a\":\"\\x\"}",
                                          "{\"a\":\"\\u12\"}",
                                          "{\"a\":\"\\u00e9\\uD83D\\uDE00\"}",
                                          "{\"a\":\"\\ud800\"}",
                                          "{\"a\":\"\\ud800\\u0041\"}",
                                          "{\"a\":\"\\udc00\"}",
                                          "{\"a\":\"tab\there\"}",
                                          "{\"a\":\"\x01\"}",
                                          "{\"a\":\"\x7f\"}",
                                          "{\"a\":\"caf\xC3\xA9\"}",
                                          "{\"a\":\"\xC3\"}",
                                          "{\"a\":\"\xC0\x80\"}",
                                          "{\"a\":\"\xE0\x80\x80\"}",
                                          "{\"a\":\"\xED\xA0\x80\"}",
                                          "{\"a\":\"\xF4\x90\x80\x80\"}",
                                          "{\"a\":\"\xF0\x9F\x98\x80\"}",
                                          "{\"a\":\"\xFF\"}",
                                          "{\"a\":\"open}",
                                          "\xEF\xBB\xBF{}",
                                          "\xEF\xBB{}",
                                          " \xEF\xBB\xBF{}",
                                          "\xEF\xBB\xBF",
                                          std::string("{}\0junk", 7),
                                          std::string("{}  \0", 4),
                                          std::string("\0{}", 3),
                                          std::string("{\"a\":\0}", 7),
                                          std::string("{\"a\":\"\0\"}", 8),
                                          "{\"a\":1}\x01",
                                          "// c\n{}",
                                          "{}//"};
  for (const std::string& line : lines) {
    EXPECT_EQ(Read(line), NlohmannStatus(line)) << "line: " << line;
  }
}

TEST(PostReader, ReadsTheFiveFieldsOfTheTopLevelObjectOnly) {
  PostLine p;
  ASSERT_EQ(Read(R"({"expected":{"id":"no","caption":"no"},"id":"d1","caption":"Dress 1,500",)"
                 R"("store_currency":"KES","media_type":"IMAGE","children":3})",
                 &p),
            PostLineStatus::kOk);
  EXPECT_EQ(p.fields[kPostId].text, "d1");
  EXPECT_EQ(p.fields[kPostCaption].text, "Dress 1,500");
  EXPECT_EQ(p.fields[kPostStoreCurrency].text, "KES");
  EXPECT_EQ(p.fields[kPostMediaType].text, "IMAGE");
  EXPECT_EQ(p.fields[kPostChildren].kind, PostField::kInteger);
  EXPECT_EQ(p.fields[kPostChildren].integer, 3);
}

TEST(PostReader, DecodesEscapesInValuesAndKeys) {
  PostLine p;
  ASSERT_EQ(Read(R"({"\u0069d":"a\"b\\c\/\n\t\u00e9\ud83d\ude00","caption\u0000":"x"})", &p),
            PostLineStatus::kOk);
  EXPECT_EQ(p.fields[kPostId].text, "a\"b\\c/\n\t\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(p.fields[kPostCaption].kind, PostField::kAbsent);
}

TEST(PostReader, LastOfDuplicateKeysWins) {
  PostLine p;
  ASSERT_EQ(Read(R"({"id":"a","caption":"x","id":7,"caption":null})", &p), PostLineStatus::kOk);
  EXPECT_EQ(p.fields[kPostId].kind, PostField::kInteger);
  EXPECT_EQ(p.fields[kPostId].text, "7");
  EXPECT_EQ(p.fields[kPostCaption].kind, PostField::kNull);
  EXPECT_EQ(p.fields[kPostCaption].text, "");
}

TEST(PostReader, IntegersAsNlohmannReadsThem) {
  PostLine p;
  ASSERT_EQ(Read(R"({"id":-0,"children":18446744073709551615,"caption":-9223372036854775808})", &p),
            PostLineStatus::kOk);
  EXPECT_EQ(p.fields[kPostId].text, "0");
  EXPECT_EQ(p.fields[kPostChildren].text, "18446744073709551615");
  EXPECT_EQ(p.fields[kPostChildren].integer, INT64_MAX);
  EXPECT_EQ(p.fields[kPostCaption].text, "-9223372036854775808");
  EXPECT_EQ(p.fields[kPostCaption].integer, INT64_MIN);
  // Past 64 bits, or with a fraction or exponent, a number is a double: not an integer.
  ASSERT_EQ(
      Read(R"({"id":18446744073709551616,"children":-9223372036854775809,"caption":1.0})", &p),
      PostLineStatus::kOk);
  EXPECT_EQ(p.fields[kPostId].kind, PostField::kOther);
  EXPECT_EQ(p.fields[kPostChildren].kind, PostField::kOther);
  EXPECT_EQ(p.fields[kPostCaption].kind, PostField::kOther);
}

TEST(PostReader, ContainersAndBooleansAreOther) {
  PostLine p;
  ASSERT_EQ(Read(R"({"id":[1],"caption":{"a":"b"},"children":true,"media_type":false})", &p),
            PostLineStatus::kOk);
  EXPECT_EQ(p.fields[kPostId].kind, PostField::kOther);
  EXPECT_EQ(p.fields[kPostCaption].kind, PostField::kOther);
  EXPECT_EQ(p.fields[kPostChildren].kind, PostField::kOther);
  EXPECT_EQ(p.fields[kPostMediaType].kind, PostField::kOther);
  EXPECT_EQ(p.fields[kPostStoreCurrency].kind, PostField::kAbsent);
}

TEST(PostReader, DeepNestingUsesNoCallStack) {
  const std::string deep =
      "{\"a\":" + std::string(200000, '[') + std::string(200000, ']') + ",\"id\":\"x\"}";
  PostLine p;
  ASSERT_EQ(Read(deep, &p), PostLineStatus::kOk);
  EXPECT_EQ(p.fields[kPostId].text, "x");
  EXPECT_EQ(Read("{\"a\":" + std::string(200000, '[') + "}"), PostLineStatus::kInvalidJson);
}

}  // namespace
}  // namespace vendly::internal
