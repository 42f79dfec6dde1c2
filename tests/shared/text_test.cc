// Tokeniser rules: UTF-8 aware tokens, glued numbers and marks, lines and byte offsets.
// Private headers of the core are reached by path: tests/CMakeLists.txt gives only the public dir.
#include "text.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace vendly::internal {
namespace {

std::vector<std::string> Raw(const Text& t) {
  std::vector<std::string> out;
  for (const Token& tok : t.tokens) out.emplace_back(t.Raw(tok));
  return out;
}

TEST(Text, SplitsCurrencyMarksGluedToDigits) {
  Text t;
  Tokenise("Ksh2,500/= N3,500 💰2500 @1.2k 1,500/-", &t);
  std::vector<std::string> want = {"Ksh",  "2,500", "/",    "=",     "N", "3,500", "💰",
                                   "2500", "@",     "1.2k", "1,500", "/", "-"};
  EXPECT_EQ(Raw(t), want);
  EXPECT_EQ(t.tokens[1].kind, TokenKind::kNumber);
  EXPECT_FALSE(t.tokens[1].space_before);
}

TEST(Text, KeepsUnitsGluedToNumbersAsSeparateWords) {
  Text t;
  Tokenise("128GB 500ml 8pm 3m 1.2M", &t);
  std::vector<std::string> want = {"128", "GB", "500", "ml", "8", "pm", "3", "m", "1.2M"};
  EXPECT_EQ(Raw(t), want);
  EXPECT_FALSE(t.tokens[1].space_before);
}

// The k shorthand keeps its k before a currency mark glued after it, not before a unit or a word,
// nor when the k starts the mark itself ("ksh") after a whole number; after a single decimal it is
// the shorthand ("2.5ksh": no shilling price has one decimal).
TEST(Text, KeepsTheKShorthandBeforeAGluedCurrencyMark) {
  Text t;
  Tokenise("1.5kFrw 2kbob 3.5KTsh 25kUGX 2500ksh 1.5kshs 2.50ksh 2kg 3ktshirt", &t);
  std::vector<std::string> want = {"1.5k", "Frw", "2k",   "bob", "3.5K", "Tsh",
                                   "25k",  "UGX", "2500", "ksh", "1.5k", "shs",
                                   "2.50", "ksh", "2",    "kg",  "3",    "ktshirt"};
  EXPECT_EQ(Raw(t), want);
}

TEST(Text, EmojiSequencesAreOneToken) {
  Text t;
  // ZWJ family, skin tone, flag, heart with variation selector.
  Tokenise("👩🏾‍💻 💅🏾 🇰🇪 ❤️ ok", &t);
  ASSERT_EQ(t.tokens.size(), 5u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(t.tokens[i].kind, TokenKind::kEmoji) << i;
  EXPECT_EQ(t.tokens[4].kind, TokenKind::kWord);
}

TEST(Text, KeycapIsAListMarkerNotANumber) {
  Text t;
  Tokenise("1️⃣ Tote bag 2,300", &t);
  ASSERT_GE(t.tokens.size(), 4u);
  EXPECT_EQ(t.tokens[0].kind, TokenKind::kKeycap);
  EXPECT_EQ(t.Raw(t.tokens[3]), "2,300");
}

TEST(Text, HashtagsMentionsAndLines) {
  Text t;
  Tokenise("Hoodies\n#nairobifashion @glow.by.kui\n\nend", &t);
  ASSERT_EQ(t.lines.size(), 4u);
  EXPECT_EQ(t.tokens[1].kind, TokenKind::kHashtag);
  EXPECT_EQ(t.tokens[2].kind, TokenKind::kMention);
  EXPECT_EQ(t.Raw(t.tokens[2]), "@glow.by.kui");
  EXPECT_EQ(t.lines[2].first, t.lines[2].last);  // the empty line
  EXPECT_EQ(t.tokens[3].line, 3u);
}

TEST(Text, LowerCopyKeepsOffsets) {
  Text t;
  Tokenise("Men's JACKET décor", &t);
  ASSERT_EQ(t.tokens.size(), 3u);
  EXPECT_EQ(t.Lower(t.tokens[0]), "men's");
  EXPECT_EQ(t.Lower(t.tokens[1]), "jacket");
  EXPECT_EQ(t.Lower(t.tokens[2]), "décor");
  EXPECT_TRUE(t.tokens[1].upper_initial);
}

TEST(Text, InvalidUtf8BecomesUnknownBytes) {
  std::string bad = "ok \xC3 \xFF\xFE \xE2\x82 end";
  Text t;
  Tokenise(bad, &t);
  int unknown = 0;
  for (const Token& tok : t.tokens) {
    EXPECT_LE(tok.end, bad.size());
    if (tok.kind == TokenKind::kUnknown) {
      ++unknown;
      EXPECT_EQ(tok.end - tok.begin, 1u);
    }
  }
  EXPECT_GE(unknown, 4);
  EXPECT_EQ(t.Raw(t.tokens.back()), "end");
}

TEST(Text, EmptyAndWhitespaceOnly) {
  Text t;
  Tokenise("", &t);
  EXPECT_TRUE(t.tokens.empty());
  EXPECT_EQ(t.lines.size(), 1u);
  Tokenise(" \t \n ", &t);
  EXPECT_TRUE(t.tokens.empty());
  EXPECT_EQ(t.lines.size(), 2u);
}

TEST(Text, DashesAreRecognised) {
  Text t;
  Tokenise("a - b – c — d", &t);
  EXPECT_TRUE(IsDash(t, t.tokens[1]));
  EXPECT_TRUE(IsDash(t, t.tokens[3]));
  EXPECT_TRUE(IsDash(t, t.tokens[5]));
  EXPECT_FALSE(IsDash(t, t.tokens[0]));
}

}  // namespace
}  // namespace vendly::internal
