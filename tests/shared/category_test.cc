// Category lexicons: item nouns, brands, Swahili and Sheng words, phrases and hashtag stems.
#include "category.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vendly::internal {
namespace {

// Scores the words of `text` (space separated, lower-case), the last one as the head.
int Guess(const std::vector<std::string>& words, const std::vector<std::string>& tags = {}) {
  CategoryScorer s;
  for (std::size_t k = 0; k < words.size(); ++k) {
    bool used = false;
    std::string next = k + 1 < words.size() ? words[k + 1] : std::string();
    s.AddWord(words[k], next, k + 1 == words.size() ? 4.0 : 2.0, Span{}, &used);
    if (used) ++k;
  }
  for (const std::string& t : tags) s.AddHashtag(t, 1.0);
  double c = 0;
  return s.Best(&c);
}

TEST(Category, ItemNounsDecide) {
  EXPECT_EQ(Guess({"oversized", "hoodies"}), kFashion);
  EXPECT_EQ(Guess({"samsung", "galaxy", "a15"}), kElectronics);
  EXPECT_EQ(Guess({"non-stick", "pot", "set"}), kHome);
  EXPECT_EQ(Guess({"bone", "straight", "frontal", "wig"}), kBeauty);
  EXPECT_EQ(Guess({"red", "velvet", "cake"}), kFood);
  EXPECT_EQ(Guess({"adjustable", "dumbbells"}), kSports);
  EXPECT_EQ(Guess({"oxford", "primary", "dictionary"}), kBooks);
  EXPECT_EQ(Guess({"teddy", "bear"}), kToys);
  EXPECT_EQ(Guess({"dog", "leash"}), kOther);
}

TEST(Category, HeadNounOutweighsModifiers) {
  EXPECT_EQ(Guess({"laptop", "backpack"}), kFashion);
  EXPECT_EQ(Guess({"tennis", "bracelet"}), kFashion);
  EXPECT_EQ(Guess({"coffee", "body", "scrub"}), kBeauty);
  EXPECT_EQ(Guess({"kids", "kitchen", "play", "set"}), kToys);
}

TEST(Category, SwahiliShengAndPhrases) {
  EXPECT_EQ(Guess({"magauni", "ya", "kitenge"}), kFashion);
  EXPECT_EQ(Guess({"mafuta", "ya", "nywele"}), kBeauty);
  EXPECT_EQ(Guess({"asali", "safi"}), kFood);
  EXPECT_EQ(Guess({"power", "bank"}), kElectronics);
  EXPECT_EQ(Guess({"smart", "watch"}), kElectronics);
  EXPECT_EQ(Guess({"yoga", "mat"}), kSports);
}

TEST(Category, HashtagsHelpWhenWordsDoNot) {
  EXPECT_EQ(Guess({"the", "pearl"}, {"setbooks", "kcse2024"}), kBooks);
  EXPECT_EQ(Guess({"khamrah"}, {"perfumeskenya"}), kBeauty);
  EXPECT_EQ(Guess({}, {}), kOther);
}

TEST(Category, LookupTriesSingulars) {
  int w = 0;
  EXPECT_EQ(LookupCategoryWord("dresses", &w), kFashion);
  EXPECT_EQ(LookupCategoryWord("candles", &w), kHome);
  EXPECT_EQ(LookupCategoryWord("zzz", &w), -1);
  EXPECT_EQ(LookupCategoryPhrase("building", "blocks", &w), kToys);
  EXPECT_TRUE(IsBrandWord("nike"));
  EXPECT_FALSE(IsBrandWord("cake"));
}

}  // namespace
}  // namespace vendly::internal
