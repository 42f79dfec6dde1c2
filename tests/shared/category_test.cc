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

TEST(Category, GeneralVocabularyPerCategory) {
  // Fashion: clothes, shoes, bags, jewellery, in English, Swahili and Sheng.
  EXPECT_EQ(Guess({"high", "waist", "joggers"}), kFashion);
  EXPECT_EQ(Guess({"ndala", "za", "wanaume"}), kFashion);
  EXPECT_EQ(Guess({"leather", "briefcase"}), kFashion);
  EXPECT_EQ(Guess({"gold", "plated", "bangles"}), kFashion);
  EXPECT_EQ(Guess({"nike", "football", "boots"}), kSports);
  // Electronics: audio, phones, computing, TV.
  EXPECT_EQ(Guess({"sayona", "woofer"}), kElectronics);
  EXPECT_EQ(Guess({"wireless", "earphone"}), kElectronics);
  EXPECT_EQ(Guess({"tecno", "camon", "20"}), kElectronics);
  EXPECT_EQ(Guess({"64gb", "flashdisk"}), kElectronics);
  EXPECT_EQ(Guess({"gotv", "decoder"}), kElectronics);
  // Home: kitchen appliances and ware, furniture, bedding, cleaning.
  EXPECT_EQ(Guess({"digital", "air", "fryer"}), kHome);
  EXPECT_EQ(Guess({"3", "seater", "couch"}), kHome);
  EXPECT_EQ(Guess({"kitanda", "cha", "mbao"}), kHome);
  EXPECT_EQ(Guess({"stainless", "saucepan"}), kHome);
  EXPECT_EQ(Guess({"coffee", "table"}), kHome);
  // Beauty: cosmetics, hair, grooming.
  EXPECT_EQ(Guess({"cocoa", "butter"}), kBeauty);
  EXPECT_EQ(Guess({"hair", "straightener"}), kBeauty);
  EXPECT_EQ(Guess({"beauty", "blender"}), kBeauty);
  EXPECT_EQ(Guess({"shower", "gel"}), kBeauty);
  // Food: groceries and produce, drinks, dishes.
  EXPECT_EQ(Guess({"unga", "wa", "sembe"}), kFood);
  EXPECT_EQ(Guess({"sunflower", "oil"}), kFood);
  EXPECT_EQ(Guess({"green", "apples"}), kFood);
  EXPECT_EQ(Guess({"mafuta", "ya", "kupika"}), kFood);
  // Sports, books, toys.
  EXPECT_EQ(Guess({"camping", "tent"}), kSports);
  EXPECT_EQ(Guess({"table", "tennis", "bats"}), kSports);
  EXPECT_EQ(Guess({"a4", "exercise", "books"}), kBooks);
  EXPECT_EQ(Guess({"kamusi", "ya", "kiswahili"}), kBooks);
  EXPECT_EQ(Guess({"wooden", "ludo"}), kToys);
  // Other: baby gear, stationery, hardware, car parts, pets.
  EXPECT_EQ(Guess({"foldable", "pram"}), kOther);
  EXPECT_EQ(Guess({"cordless", "drill"}), kOther);
  EXPECT_EQ(Guess({"car", "mats"}), kOther);
  EXPECT_EQ(Guess({"dry", "dog", "food"}), kOther);
  EXPECT_EQ(Guess({"bic", "biro"}), kOther);
}

TEST(Category, AmbiguousWordsStayWeak) {
  int w = 0;
  // "iron": an iron box, a flat iron for hair, iron sheets for roofing.
  EXPECT_EQ(LookupCategoryWord("iron", &w), kHome);
  EXPECT_EQ(w, 1);
  EXPECT_EQ(Guess({"flat", "iron"}), kBeauty);
  EXPECT_EQ(Guess({"iron", "sheets"}), kOther);
  EXPECT_EQ(Guess({"iron", "box"}), kHome);
  // "fan" and "fans" are weak Home words: a qualifier that names the category wins.
  EXPECT_EQ(LookupCategoryWord("fans", &w), kHome);
  EXPECT_LE(w, 2);
  EXPECT_EQ(Guess({"standing", "fan"}), kHome);
  // "cover", "set" and "pack" name no category: the other words decide.
  EXPECT_EQ(LookupCategoryWord("cover", &w), -1);
  EXPECT_EQ(LookupCategoryWord("set", &w), -1);
  EXPECT_EQ(LookupCategoryWord("pack", &w), -1);
  EXPECT_EQ(Guess({"phone", "cover"}), kElectronics);
  EXPECT_EQ(Guess({"duvet", "cover"}), kHome);
  EXPECT_EQ(Guess({"seat", "covers"}), kOther);
  EXPECT_EQ(Guess({"geometry", "set"}), kOther);
  // "powder", "oil", "butter": the phrase decides, the word alone is a hint.
  EXPECT_EQ(Guess({"milk", "powder"}), kFood);
  EXPECT_EQ(Guess({"washing", "powder"}), kHome);
  EXPECT_EQ(Guess({"engine", "oil"}), kOther);
  EXPECT_EQ(Guess({"body", "butter"}), kBeauty);
  // "apples" the fruit is not "apple" the brand; "pencil" gives way to "eyebrow".
  EXPECT_EQ(Guess({"apples"}), kFood);
  EXPECT_EQ(Guess({"apple", "macbook"}), kElectronics);
  EXPECT_EQ(Guess({"eyebrow", "pencil"}), kBeauty);
  // "apple watch" is a smartwatch, a plain watch stays Fashion.
  EXPECT_EQ(Guess({"apple", "watch"}), kElectronics);
  EXPECT_EQ(Guess({"casio", "watch"}), kFashion);
}

// Household appliances, large and small, are Home & Living; those some sellers file under
// Electronics, and kids' ride-ons (toys or sports gear), are contested.
TEST(Category, AppliancesAreHomeAndSomeAreContested) {
  EXPECT_EQ(Guess({"double", "door", "fridge"}), kHome);
  EXPECT_EQ(Guess({"deep", "freezer"}), kHome);
  EXPECT_EQ(Guess({"microwave"}), kHome);
  EXPECT_EQ(Guess({"washing", "machine"}), kHome);
  EXPECT_EQ(Guess({"electric", "kettle"}), kHome);
  EXPECT_TRUE(IsContestedCategoryName({"double", "door", "fridge"}));
  EXPECT_TRUE(IsContestedCategoryName({"lg", "washing", "machine"}));
  EXPECT_TRUE(IsContestedCategoryName({"kids", "bicycle"}));
  EXPECT_TRUE(IsContestedCategoryName({"kids", "scooter"}));
  EXPECT_FALSE(IsContestedCategoryName({"mountain", "bike"}));
  EXPECT_FALSE(IsContestedCategoryName({"electric", "kettle"}));
  EXPECT_FALSE(IsContestedCategoryName({"sewing", "machine"}));
  EXPECT_FALSE(IsContestedCategoryName({}));
}

}  // namespace
}  // namespace vendly::internal
