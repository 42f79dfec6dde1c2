// Sizes and colours: cues, lists, ranges, one size, Swahili colours, and what is no variant.
#include "variants.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vendly::internal {
namespace {

using S = std::vector<std::string>;

Variants Read(const std::string& caption, bool loose = true) {
  static std::vector<std::string> keep;
  keep.push_back(caption);
  Text t;
  Tokenise(keep.back(), &t);
  Variants v;
  ReadVariants(t, 0, static_cast<uint32_t>(t.tokens.size()), loose, &v);
  return v;
}

TEST(Variants, SizeCueListsAndRanges) {
  EXPECT_EQ(Read("Sizes: M, L, XL, XXL").sizes, (S{"M", "L", "XL", "XXL"}));
  EXPECT_EQ(Read("Sizes 37-41").sizes, (S{"37", "38", "39", "40", "41"}));
  EXPECT_EQ(Read("Size 40 hadi 43 kwa zote").sizes, (S{"40", "41", "42", "43"}));
  EXPECT_EQ(Read("Size 39 to 41").sizes, (S{"39", "40", "41"}));
  EXPECT_EQ(Read("Sizes S - XL").sizes, (S{"S", "M", "L", "XL"}));
  EXPECT_EQ(Read("Sizez M L XL").sizes, (S{"M", "L", "XL"}));
  EXPECT_EQ(Read("Waist 30, 32, 34").sizes, (S{"30", "32", "34"}));
  EXPECT_EQ(Read("Size UK 8, UK 10").sizes, (S{"8", "10"}));
  EXPECT_EQ(Read("Size 28-30: 1,650").sizes, (S{"28", "29", "30"}));
}

TEST(Variants, LetterSizesApartBySpacesAndMixedRanges) {
  EXPECT_EQ(Read("Available in S M L XL").sizes, (S{"S", "M", "L", "XL"}));
  EXPECT_EQ(Read("(sizes M - 3XL)").sizes, (S{"M", "L", "XL", "XXL", "3XL"}));
  EXPECT_EQ(Read("UK 8, UK 10, UK 12").sizes, (S{"8", "10", "12"}));
  EXPECT_EQ(Read("EU 40 - 43").sizes, (S{"40", "41", "42", "43"}));
  // Two letters apart are no list; a country before one number is no size.
  EXPECT_TRUE(Read("Plan M L ride").sizes.empty());
  EXPECT_TRUE(Read("Shipped from UK 5 days").sizes.empty());
}

TEST(Variants, LetterSizesWithoutACue) {
  EXPECT_EQ(Read("Gym gloves (M, L, XL) - 800").sizes, (S{"M", "L", "XL"}));
  EXPECT_EQ(Read("S/M - 1,200").sizes, (S{"S", "M"}));
  EXPECT_EQ(Read("XXL - 1,600").sizes, (S{"XXL"}));
  EXPECT_EQ(Read("3XL - 2,600").sizes, (S{"3XL"}));
  EXPECT_TRUE(Read("Lipa na M-Pesa").sizes.empty());
  EXPECT_TRUE(Read("I am so happy").sizes.empty());
}

TEST(Variants, OneSizeAndCapacities) {
  EXPECT_EQ(Read("Free size").sizes, (S{"One Size"}));
  EXPECT_EQ(Read("Leash (one size) - 900").sizes, (S{"One Size"}));
  EXPECT_TRUE(Read("500ml - 150 bob, 1kg - 2,500").sizes.empty());
  EXPECT_TRUE(Read("Custom sizes available on request").sizes.empty());
}

TEST(Variants, ColoursEnglishAndSwahili) {
  EXPECT_EQ(Read("Colours: black, grey, maroon").colors, (S{"black", "grey", "maroon"}));
  EXPECT_EQ(Read("Rangi: nyeusi na kijani").colors, (S{"black", "green"}));
  EXPECT_EQ(Read("Rangi: pinki, bluu, kahawia, zambarau").colors,
            (S{"pink", "blue", "brown", "purple"}));
  EXPECT_EQ(Read("Nike Dunk Low Panda (black/white)").colors, (S{"black", "white"}));
  EXPECT_EQ(Read("Colours: navy blue, gray").colors, (S{"navy", "grey"}));
  EXPECT_EQ(Read("multicolor print").colors, (S{"multicolor"}));
}

TEST(Variants, WordsThatOnlyLookLikeColours) {
  EXPECT_TRUE(Read("Red velvet cakes").colors.empty());
  EXPECT_TRUE(Read("Black forest cake").colors.empty());
  EXPECT_TRUE(Read("with brown sugar & honey").colors.empty());
  EXPECT_TRUE(Read("Shea butter body cream").colors.empty());
  EXPECT_TRUE(Read("Black Friday deals").colors.empty());
  EXPECT_TRUE(Read("❤️🖤🤍 hearts").colors.empty());
  // Ambiguous words count in a colour context.
  EXPECT_EQ(Read("Colours: black, cream, brown").colors, (S{"black", "cream", "brown"}));
  // Without loose colours (food, books) a name's colour word is not read.
  EXPECT_TRUE(Read("Purple Hibiscus", false).colors.empty());
}

TEST(Variants, ColourWordsInsideBrandsAreNoColours) {
  EXPECT_EQ(Read("Black+Decker steam iron").colors, S{});
  EXPECT_EQ(Read("Silver Crest blender 2 in 1").colors, S{});
  EXPECT_EQ(Read("Black Opium perfume 90ml").colors, S{});
  EXPECT_EQ(Read("White Musk body mist").colors, S{});
  // Known colour brands even in Title Case or capitals, where capitals tell nothing.
  EXPECT_EQ(Read("Blue Band Margarine 500g").colors, S{});
  EXPECT_EQ(Read("RED BULL ENERGY DRINK").colors, S{});
  EXPECT_EQ(Read("Silver Star Blender").colors, S{});
}

TEST(Variants, ColourBeforeAnItemStaysAColour) {
  EXPECT_EQ(Read("Black leather jacket").colors, S{"black"});
  EXPECT_EQ(Read("Black Leather Jacket").colors, S{"black"});
  EXPECT_EQ(Read("Black Chelsea boots").colors, S{"black"});
  EXPECT_EQ(Read("Red Nike sneakers").colors, S{"red"});
  EXPECT_EQ(Read("Gaming chair Red Black").colors, (S{"red", "black"}));
  EXPECT_EQ(Read("Colours: black+white").colors, (S{"black", "white"}));
}

}  // namespace
}  // namespace vendly::internal
