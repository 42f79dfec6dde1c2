#include "json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "json_text.h"

namespace vendly::internal {
namespace {

std::string Quoted(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

TEST(JsonWriter, EscapesWhatJsonRequires) {
  EXPECT_EQ(Quoted("a\"b\\c\nd\te\r\b\f"), R"("a\"b\\c\nd\te\r\b\f")");
  EXPECT_EQ(Quoted(std::string("x\x01y\x1f", 4)), R"("x\u0001y\u001f")");
  EXPECT_EQ(Quoted("Ksh 2,500 🔥 bei poa"), "\"Ksh 2,500 🔥 bei poa\"");
}

TEST(JsonWriter, ReplacesInvalidUtf8SoTheLineStaysValidJson) {
  const std::string bad =
      std::string("ok \xC3(") + "\xED\xA0\x80" + "\xF4\x90\x80\x80" + "\xE2\x82" + "end";
  std::string q = Quoted(bad);
  auto parsed = nlohmann::json::parse(q, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << q;
  EXPECT_EQ(parsed.get<std::string>().rfind("ok ", 0), 0u);
  EXPECT_NE(q.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_NE(q.find("end"), std::string::npos);
}

TEST(JsonWriter, WritesNestedValuesWithCommas) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("a"), w.Int(-3);
  w.Key("b"), w.BeginArray(), w.Bool(true), w.Null(), w.BeginArray(), w.EndArray(), w.String("x"),
      w.EndArray();
  w.Key("c"), w.BeginObject(), w.EndObject();
  w.Key("d"), w.Amount(2500.0);
  w.Key("e"), w.Amount(12.5);
  w.Key("f"), w.Amount(std::nullopt);
  w.EndObject();
  w.Finish();
  EXPECT_EQ(out, R"({"a":-3,"b":[true,null,[],"x"],"c":{},"d":2500,"e":12.5,"f":null})");
}

TEST(JsonWriter, ScoresHaveAtMostThreeDecimals) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  for (double s : {0.0, 1.0, 0.94, 0.9049, 0.12345, 0.5, -1.0, 7.0}) w.Score(s);
  w.EndArray();
  w.Finish();
  EXPECT_EQ(out, "[0.0,1.0,0.94,0.905,0.123,0.5,0.0,1.0]");
}

// Score rounds as std::llround(score * 1000) does (half away from zero), ties included.
TEST(JsonWriter, ScoresRoundLikeLlround) {
  std::vector<double> scores;
  for (int i = 0; i <= 200000; ++i) scores.push_back(i / 200000.0);
  for (int k = 0; k < 1000; ++k) {
    const double tie = (k + 0.5) / 1000.0;
    scores.insert(scores.end(), {tie, std::nextafter(tie, 0.0), std::nextafter(tie, 1.0)});
  }
  for (double s : scores) {
    std::string out;
    JsonWriter w(&out);
    w.Score(s);
    w.Finish();
    const long long k = std::llround(s * 1000.0);
    const double back = std::stod(out);
    EXPECT_EQ(std::llround(back * 1000.0), k) << s << " -> " << out;
  }
}

TEST(JsonWriter, SpansAreTwoIntegerArrays) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  w.Span(0, 7);
  w.Span(4294967295u, 12);
  w.EndArray();
  w.Finish();
  EXPECT_EQ(out, "[[0,7],[4294967295,12]]");
}

}  // namespace
TEST(JsonWriter, ScratchBufferIsReusedFromItsStartAndNeverTrimmed) {
  std::string buffer;
  const std::string long_text(1000, 'x');
  {
    JsonWriter w(&buffer, JsonWriter::Scratch{});
    w.BeginArray(), w.String(long_text), w.EndArray();
    ASSERT_EQ(w.size(), long_text.size() + 4);
    EXPECT_EQ(buffer.substr(0, w.size()), "[\"" + long_text + "\"]");
  }
  const std::size_t grown = buffer.size();
  EXPECT_GE(grown, long_text.size() + 4);
  {
    JsonWriter w(&buffer, JsonWriter::Scratch{});
    w.BeginObject(), w.Key("a"), w.Int(1), w.EndObject();
    w.Finish();
    ASSERT_EQ(w.size(), 7u);
    EXPECT_EQ(buffer.substr(0, w.size()), R"({"a":1})");
  }
  EXPECT_EQ(buffer.size(), grown);  // kept for the next line
}

// The first byte a JSON string cannot hold as is, at every position of runs long enough for every
// block size of SkipPlainJsonBytes (16, 8 and single bytes).
TEST(JsonText, SkipPlainJsonBytesStopsAtTheFirstSpecialByte) {
  const char specials[] = {'"', '\\', '\x00', '\x1f', '\x7f', '\x80', '\xff', '\xc3'};
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string plain(n, 'a');
    for (std::size_t i = 0; i < n; ++i) plain[i] = static_cast<char>(' ' + (i * 7) % 95);
    for (std::size_t i = 0; i < n; ++i) {
      if (plain[i] == '"' || plain[i] == '\\') plain[i] = 'q';
    }
    ASSERT_EQ(SkipPlainJsonBytes(plain.data(), plain.data() + n), plain.data() + n) << n;
    for (std::size_t k = 0; k < n; ++k) {
      for (char c : specials) {
        std::string s = plain;
        s[k] = c;
        if (c == '\x7f') {
          // DEL is printable ASCII for JSON: it stays plain.
          EXPECT_EQ(SkipPlainJsonBytes(s.data(), s.data() + n), s.data() + n) << n << " " << k;
          continue;
        }
        EXPECT_EQ(SkipPlainJsonBytes(s.data(), s.data() + n), s.data() + k)
            << n << " " << k << " " << static_cast<int>(static_cast<unsigned char>(c));
      }
    }
  }
}

}  // namespace vendly::internal
