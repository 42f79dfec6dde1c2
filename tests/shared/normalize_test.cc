#include "vendly/normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vendly {
namespace {

using Sizes = std::vector<std::string>;

TEST(Normalize, CollapsesWhitespaceAndNoBreakSpace) {
  EXPECT_EQ(CollapseWhitespace("  Blue \t Denim\n\nJacket  "), "Blue Denim Jacket");
  EXPECT_EQ(CollapseWhitespace("a\xC2\xA0\xC2\xA0"
                               "b"),
            "a b");
  EXPECT_EQ(CollapseWhitespace(" \n\t "), "");
}

TEST(Normalize, ValidatesUtf8) {
  EXPECT_TRUE(IsValidUtf8("Nguo za kike \xF0\x9F\x91\x97 caf\xC3\xA9"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_EQ(Utf8Length("caf\xC3\xA9"), 4u);
  EXPECT_EQ(Utf8Length("\xFF\xFE"), 2u);
}

TEST(Normalize, UpperCasesLetterSizes) {
  EXPECT_EQ(NormalizeSize("xl"), Sizes{"XL"});
  EXPECT_EQ(NormalizeSize("2xl"), Sizes{"XXL"});
  EXPECT_EQ(NormalizeSize("xxxl"), Sizes{"3XL"});
  EXPECT_EQ(NormalizeSize("3XL"), Sizes{"3XL"});
  EXPECT_EQ(NormalizeSize("small"), Sizes{"S"});
  EXPECT_EQ(NormalizeSize("Medium"), Sizes{"M"});
  EXPECT_EQ(NormalizeSize("x-large"), Sizes{"XL"});
  EXPECT_EQ(NormalizeSize("Extra Large"), Sizes{"XL"});
}

TEST(Normalize, ExpandsNumericRanges) {
  EXPECT_EQ(NormalizeSize("38-41"), (Sizes{"38", "39", "40", "41"}));
  EXPECT_EQ(NormalizeSize("38 - 40"), (Sizes{"38", "39", "40"}));
  EXPECT_EQ(NormalizeSize("38 to 40"), (Sizes{"38", "39", "40"}));
  EXPECT_EQ(NormalizeSize("38\xE2\x80\x93"
                          "39"),
            (Sizes{"38", "39"}));
  EXPECT_EQ(NormalizeSize("EU 38-EU 39"), (Sizes{"38", "39"}));
}

TEST(Normalize, KeepsHugeOrBackwardRangesAsWritten) {
  EXPECT_EQ(NormalizeSize("1-1000"), Sizes{"1-1000"});
  EXPECT_EQ(NormalizeSize("41-38"), Sizes{"41-38"});
  EXPECT_EQ(NormalizeSize("30-50").size(), 21u);
}

TEST(Normalize, ExpandsLetterRanges) {
  EXPECT_EQ(NormalizeSize("S-XL"), (Sizes{"S", "M", "L", "XL"}));
  EXPECT_EQ(NormalizeSize("m to xxl"), (Sizes{"M", "L", "XL", "XXL"}));
}

TEST(Normalize, DropsUkEuPrefixes) {
  EXPECT_EQ(NormalizeSize("UK 8"), Sizes{"8"});
  EXPECT_EQ(NormalizeSize("uk8"), Sizes{"8"});
  EXPECT_EQ(NormalizeSize("EU42"), Sizes{"42"});
  EXPECT_EQ(NormalizeSize("Size 40"), Sizes{"40"});
  EXPECT_EQ(NormalizeSize("size: m"), Sizes{"M"});
}

TEST(Normalize, FreeSizeIsOneSize) {
  EXPECT_EQ(NormalizeSize("free size"), Sizes{"One Size"});
  EXPECT_EQ(NormalizeSize("FREE  SIZE"), Sizes{"One Size"});
  EXPECT_EQ(NormalizeSize("one size"), Sizes{"One Size"});
  EXPECT_EQ(NormalizeSize("freesize"), Sizes{"One Size"});
}

TEST(Normalize, SplitsListsAndDeduplicates) {
  EXPECT_EQ(NormalizeSize("S, M and L"), (Sizes{"S", "M", "L"}));
  EXPECT_EQ(NormalizeSize("38/39/39"), (Sizes{"38", "39"}));
  EXPECT_EQ(NormalizeSizes({"m", "M", " m ", "38-39", "39"}), (Sizes{"M", "38", "39"}));
}

TEST(Normalize, PunctuationOnlyIsNoSize) {
  EXPECT_TRUE(NormalizeSize("").empty());
  EXPECT_TRUE(NormalizeSize("  ,;/ ").empty());
  EXPECT_TRUE(NormalizeSize("-").empty());
}

TEST(Normalize, KeepsOtherSizesUpperCased) {
  EXPECT_EQ(NormalizeSize("32b"), Sizes{"32B"});
  EXPECT_EQ(NormalizeSize("10 years"), Sizes{"10 YEARS"});
}

TEST(Normalize, TranslatesSwahiliColours) {
  EXPECT_EQ(NormalizeColor("nyekundu"), "red");
  EXPECT_EQ(NormalizeColor("Nyeusi"), "black");
  EXPECT_EQ(NormalizeColor("nyeupe"), "white");
  EXPECT_EQ(NormalizeColor("bluu"), "blue");
  EXPECT_EQ(NormalizeColor("kijani"), "green");
  EXPECT_EQ(NormalizeColor("njano"), "yellow");
  EXPECT_EQ(NormalizeColor("kahawia"), "brown");
  EXPECT_EQ(NormalizeColor("pinki"), "pink");
  EXPECT_EQ(NormalizeColor("zambarau"), "purple");
  EXPECT_EQ(NormalizeColor("kijivu"), "grey");
  EXPECT_EQ(NormalizeColor("rangi ya pinki"), "pink");
}

TEST(Normalize, LowerCasesAndUnifiesColourSpellings) {
  EXPECT_EQ(NormalizeColor("  RED "), "red");
  EXPECT_EQ(NormalizeColor("Gray"), "grey");
  EXPECT_EQ(NormalizeColor("Multi-Colour"), "multicolor");
  EXPECT_EQ(NormalizeColor("Navy  Blue"), "navy");
  EXPECT_EQ(NormalizeColor("wine"), "wine");
  EXPECT_EQ(NormalizeColor("red \xE2\x9D\xA4\xEF\xB8\x8F"), "red");
}

TEST(Normalize, EmojiIsNoColour) {
  EXPECT_EQ(NormalizeColor("\xE2\x9D\xA4\xEF\xB8\x8F"), std::nullopt);  // red heart
  EXPECT_EQ(NormalizeColor("\xF0\x9F\x94\xB4"), std::nullopt);          // red circle
  EXPECT_EQ(NormalizeColor(""), std::nullopt);
  EXPECT_EQ(NormalizeColor("!!"), std::nullopt);
  EXPECT_EQ(NormalizeColors({"Red", "nyekundu", "", "Black"}),
            (std::vector<std::string>{"red", "black"}));
}

TEST(Normalize, SurvivesInvalidUtf8) {
  EXPECT_EQ(NormalizeSize("\xFF\xFE"), Sizes{"\xFF\xFE"});
  EXPECT_EQ(NormalizeColor("\xFFred\xC3"), "red");
}

// Found by draft_fuzz: what NormalizeSize/NormalizeColor write must read back unchanged.
TEST(Normalize, FuzzRegressionAndAloneIsOneSize) {
  EXPECT_EQ(NormalizeSize(" and:"), Sizes{"AND"});
  EXPECT_EQ(NormalizeSize("AND"), Sizes{"AND"});
  EXPECT_EQ(NormalizeSize("and m"), Sizes{"AND M"});
}

TEST(Normalize, FuzzRegressionSizesAreIdempotent) {
  for (const char* text : {"size (m", "size one size", "uk -", "EU: (42)", "size size 40",
                           "38 - 40", "\xFF and x", "S-XL", "10 years", "free size"}) {
    for (const std::string& size : NormalizeSize(text)) {
      EXPECT_EQ(NormalizeSize(size), Sizes{size}) << text;
    }
  }
  EXPECT_EQ(NormalizeSize("size (m"), Sizes{"M"});
  EXPECT_EQ(NormalizeSize("size one size"), Sizes{"One Size"});
  EXPECT_TRUE(NormalizeSize("uk -").empty());
}

TEST(Normalize, FuzzRegressionColoursAreIdempotent) {
  EXPECT_EQ(NormalizeColor("rangi ya !red"), "red");
  EXPECT_EQ(NormalizeColor("rangi ya rangi ya nyekundu"), "red");
  for (const char* text : {"rangi ya !red", "Multi-Colour",
                           "\xC3\xA9"
                           "cru",
                           "red \xE2\x9D\xA4"}) {
    std::optional<std::string> color = NormalizeColor(text);
    ASSERT_TRUE(color.has_value()) << text;
    EXPECT_EQ(NormalizeColor(*color), color) << text;
  }
}

TEST(Normalize, RecognisesLetterSizesAndKnownColours) {
  for (const char* size : {"s", "XL", "2xl", "xxxl", "small", "Extra Large", "3XL"}) {
    EXPECT_TRUE(IsLetterSize(size)) << size;
  }
  for (const char* word : {"sale", "38", "", "xyl", "ls"}) EXPECT_FALSE(IsLetterSize(word)) << word;
  for (const char* color : {"red", "Nyekundu", "gray", "multicolour", "kijivu", "cream"}) {
    EXPECT_TRUE(IsKnownColor(color)) << color;
  }
  for (const char* word : {"wine", "dress", "", "\xE2\x9D\xA4"})
    EXPECT_FALSE(IsKnownColor(word)) << word;
}

}  // namespace
}  // namespace vendly
