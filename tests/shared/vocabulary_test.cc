#include "vocabulary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <string>

#include "text.h"
#include "variants.h"
#include "vendly/normalize.h"

namespace vendly::internal {
namespace {

TEST(Vocabulary, EveryColourWordNormalisesToItsCatalogSpelling) {
  for (const ColorWord& c : kColorWords) {
    EXPECT_EQ(NormalizeColor(c.word), std::string(c.canonical)) << c.word;
    EXPECT_EQ(NormalizeColor(c.canonical), std::string(c.canonical)) << c.canonical;
  }
}

TEST(Vocabulary, KnownColoursAreTheirOwnSpelling) {
  for (const char* known : kKnownColors) {
    const auto it = std::find_if(std::begin(kColorWords), std::end(kColorWords),
                                 [&](const ColorWord& c) { return c.word == known; });
    ASSERT_NE(it, std::end(kColorWords)) << known;
    EXPECT_EQ(it->canonical, known);
    EXPECT_TRUE(IsKnownColor(known)) << known;
  }
}

TEST(Vocabulary, TheCaptionReaderTakesTheColourWordsMarkedForIt) {
  for (const ColorWord& c : kColorWords) {
    const bool caption_word = c.use != ColorUse::kSpellingOnly;
    EXPECT_EQ(IsColorWord(c.word), caption_word) << c.word;
    EXPECT_EQ(IsAmbiguousColorWord(c.word), c.use == ColorUse::kInContext) << c.word;
    // A caption word is one token: spellings with spaces or hyphens are never read from captions.
    if (caption_word) {
      EXPECT_EQ(c.word.find_first_of(" -"), std::string_view::npos) << c.word;
    }
  }
  EXPECT_FALSE(IsColorWord("blu"));
  EXPECT_FALSE(IsColorWord("dress"));
}

TEST(Vocabulary, CaptionLetterSizesAreLetterSizesOfNormalizeSize) {
  std::vector<std::string_view> words(std::begin(kCaptionSizeCodes), std::end(kCaptionSizeCodes));
  for (const SizeWord& s : kSizeWords) {
    EXPECT_EQ(NormalizeSize(s.word), std::vector<std::string>{std::string(s.size)}) << s.word;
    if (s.in_captions) words.push_back(s.word);
  }
  for (std::string_view word : words) {
    EXPECT_TRUE(IsLetterSize(word)) << word;
    EXPECT_EQ(NormalizeSize(word).size(), 1u) << word;
    Text t;
    const std::string caption(word);
    Tokenise(caption, &t);
    uint32_t end = 0;
    EXPECT_TRUE(IsLetterSizeAt(t, 0, static_cast<uint32_t>(t.tokens.size()), &end)) << word;
  }
  // Codes NormalizeSize spells by rule that a caption does not take as sizes.
  for (std::string_view word : {"xxxxl", "9xl", "med", "extralarge"}) {
    EXPECT_TRUE(IsLetterSize(word)) << word;
    Text t;
    const std::string caption(word);
    Tokenise(caption, &t);
    uint32_t end = 0;
    EXPECT_FALSE(IsLetterSizeAt(t, 0, static_cast<uint32_t>(t.tokens.size()), &end)) << word;
  }
}

}  // namespace
}  // namespace vendly::internal
