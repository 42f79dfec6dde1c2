// Unit tests of the sandbox's pure parts: the `fields=` parser and the PNG encoder.
#include "fields.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "images.h"

namespace vendly::sandbox {
namespace {

TEST(Fields, ParsesNestedSelectionsAndLimits) {
  FieldParse parsed =
      ParseFields("id, caption ,children.limit(3){id,media_type,media_url},timestamp");
  ASSERT_TRUE(parsed.ok) << parsed.error;
  ASSERT_EQ(parsed.fields.size(), 4u);
  EXPECT_EQ(parsed.fields[1].name, "caption");
  const FieldNode* children = FindField(parsed.fields, "children");
  ASSERT_NE(children, nullptr);
  EXPECT_TRUE(children->has_selection);
  EXPECT_EQ(children->limit, 3);
  ASSERT_EQ(children->selection.size(), 3u);
  EXPECT_EQ(children->selection[2].name, "media_url");
  EXPECT_EQ(FindField(parsed.fields, "price"), nullptr);
}

TEST(Fields, EmptyTextMeansDefaults) {
  FieldParse parsed = ParseFields("");
  EXPECT_TRUE(parsed.ok);
  EXPECT_TRUE(parsed.fields.empty());
}

TEST(Fields, RejectsMalformedText) {
  for (const char* text : {"id,", ",id", "id,children{id", "id}", "children{}}", "a.limit(x){id}",
                           "a b", "id,,x", "a{b{c{d{e{f{g{h{i{j{k}}}}}}}}}}", "a.limit(5"}) {
    FieldParse parsed = ParseFields(text);
    EXPECT_FALSE(parsed.ok) << text;
    EXPECT_EQ(parsed.error.rfind("Syntax error", 0), 0u) << text << ": " << parsed.error;
  }
}

TEST(Images, PngIsValidAndDeterministic) {
  const std::string png = RenderPng("18000000000100001", 64);
  EXPECT_EQ(png, RenderPng("18000000000100001", 64));
  EXPECT_NE(png, RenderPng("18000000000100002", 64));
  ASSERT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  // Walk the chunks: each CRC covers type + data; IDAT inflates to 64 rows of 1 + 64 * 3 bytes.
  size_t pos = 8;
  std::string idat;
  std::vector<std::string> types;
  while (pos + 12 <= png.size()) {
    const auto* p = reinterpret_cast<const unsigned char*>(png.data() + pos);
    const uint32_t length = (p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
    const std::string type = png.substr(pos + 4, 4);
    const std::string data = png.substr(pos + 8, length);
    const auto* c = reinterpret_cast<const unsigned char*>(png.data() + pos + 8 + length);
    const uint32_t crc = (c[0] << 24) | (c[1] << 16) | (c[2] << 8) | c[3];
    const std::string covered = type + data;
    EXPECT_EQ(crc, crc32(0L, reinterpret_cast<const Bytef*>(covered.data()),
                         static_cast<uInt>(covered.size())))
        << type;
    if (type == "IDAT") idat += data;
    types.push_back(type);
    pos += 12 + length;
  }
  EXPECT_EQ(pos, png.size());
  EXPECT_EQ(types, (std::vector<std::string>{"IHDR", "IDAT", "IEND"}));
  std::string raw(64 * (1 + 64 * 3), '\0');
  uLongf raw_size = static_cast<uLongf>(raw.size());
  ASSERT_EQ(
      uncompress(reinterpret_cast<Bytef*>(raw.data()), &raw_size,
                 reinterpret_cast<const Bytef*>(idat.data()), static_cast<uLong>(idat.size())),
      Z_OK);
  EXPECT_EQ(raw_size, raw.size());
}

}  // namespace
}  // namespace vendly::sandbox
