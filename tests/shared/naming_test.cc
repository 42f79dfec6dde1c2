// Naming: Title Case catalog names without filler, emojis or prices; brands and models kept;
// Swahili translated and reordered; plural heads made singular when catalogs list them so.
#include "naming.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vendly::internal {
namespace {

std::string NameOf(const std::string& line) {
  static std::vector<std::string> keep;
  keep.push_back(line);
  Text t;
  Tokenise(keep.back(), &t);
  return BuildBestName(t, 0, static_cast<uint32_t>(t.tokens.size())).text;
}

TEST(Naming, DropsFillerEmojisAndMarketing) {
  EXPECT_EQ(NameOf("Oversized hoodies ziko sasa!"), "Oversized Hoodie");
  EXPECT_EQ(NameOf("New arrivals 🔥🔥 Mom jeans restocked"), "Mom Jeans");
  EXPECT_EQ(NameOf("HANDBAGS RESTOCK 👜👜"), "Handbag");
  EXPECT_EQ(NameOf("Bone straight frontal wig 😍"), "Bone Straight Frontal Wig");
}

TEST(Naming, KeepsBrandsAndModels) {
  EXPECT_EQ(NameOf("iPhone 13 Pro Max 256GB 🔥"), "iPhone 13 Pro Max");
  EXPECT_EQ(NameOf("HP EliteBook 840 G5 💻"), "HP EliteBook 840 G5");
  EXPECT_EQ(NameOf("Samsung Galaxy A15 🔥"), "Samsung Galaxy A15");
  EXPECT_EQ(NameOf("New Balance 550"), "New Balance 550");
  EXPECT_EQ(NameOf("Laptop deals 🔥 Dell Latitude 7490"), "Dell Latitude 7490");
  EXPECT_EQ(NameOf("Non-stick pot set (5pcs)"), "Non-Stick Pot Set");
}

TEST(Naming, StopsAtConnectorsAndPrices) {
  EXPECT_EQ(NameOf("Atomic Habits by James Clear 📚"), "Atomic Habits");
  EXPECT_EQ(NameOf("Round wall mirror with gold frame"), "Round Wall Mirror");
  EXPECT_EQ(NameOf("Glow up with our organic shea butter"), "Organic Shea Butter");
  EXPECT_EQ(NameOf("Shea butter body cream 100% natural"), "Shea Butter Body Cream");
}

TEST(Naming, SwahiliIsTranslatedAndReordered) {
  EXPECT_EQ(NameOf("Magauni ya kitenge"), "Kitenge Dress");
  EXPECT_EQ(NameOf("Vitenge shirts za wanaume"), "Men's Kitenge Shirt");
  EXPECT_EQ(NameOf("Pochi ndogo (small purse)"), "Small Purse");
  EXPECT_EQ(NameOf("Begi la mgongoni (backpack)"), "Backpack");
  EXPECT_EQ(NameOf("Sabuni za asili 🧼 (turmeric, charcoal, honey)"), "Natural Soap");
}

TEST(Naming, SingularHeadsButPairNounsStayPlural) {
  EXPECT_EQ(NameOf("Scented candles"), "Scented Candle");
  EXPECT_EQ(NameOf("Silk scarves"), "Silk Scarf");
  EXPECT_EQ(NameOf("Bodycon dresses"), "Bodycon Dress");
  EXPECT_EQ(NameOf("Chin chin for your parties"), "Chin Chin");
  EXPECT_EQ(NameOf("Men's skinny jeans"), "Men's Skinny Jeans");
  EXPECT_EQ(NameOf("Ladies block heels"), "Ladies Block Heels");
  EXPECT_EQ(NameOf("Chocolate chip cookies"), "Chocolate Chip Cookies");
}

TEST(Naming, NothingToNameGivesEmpty) {
  EXPECT_EQ(NameOf("🔥🔥🔥"), "");
  EXPECT_EQ(NameOf("New arrivals available now"), "");
  EXPECT_EQ(NameOf(""), "");
}

TEST(Naming, AtMostSixWords) {
  std::string n = NameOf("Handmade vintage soft warm cozy knitted wool winter sweater");
  int words = 1;
  for (char c : n) words += c == ' ';
  EXPECT_LE(words, 6);
  EXPECT_NE(n.find("Sweater"), std::string::npos);
}

TEST(Naming, BrandsWithColourWordsAndGluedPlus) {
  EXPECT_EQ(NameOf("Black+Decker steam iron"), "Black+Decker Steam Iron");
  EXPECT_EQ(NameOf("Silver Crest blender"), "Silver Crest Blender");
  EXPECT_EQ(NameOf("Blue Band 500g"), "Blue Band");
  // A spaced plus joins nothing.
  EXPECT_EQ(NameOf("Shirt + tie set"), "Shirt Tie Set");
}

TEST(Naming, SpecificationsEndThePhoneOrLaptopName) {
  EXPECT_EQ(NameOf("Infinix Hot 40i 8+128"), "Infinix Hot 40i");
  EXPECT_EQ(NameOf("Tecno Spark 20 Pro 8+256 Brand New"), "Tecno Spark 20 Pro");
  EXPECT_EQ(NameOf("Samsung A05s 4+64GB"), "Samsung A05s");
  EXPECT_EQ(NameOf("HP EliteBook 840 G5 Core i5 8GB 256GB SSD"), "HP EliteBook 840 G5");
  EXPECT_EQ(NameOf("Dell Latitude 5490 Core i7 16GB RAM 512GB SSD"), "Dell Latitude 5490");
  // "Core" alone is no spec.
  EXPECT_EQ(NameOf("Core strength resistance bands"), "Core Strength Resistance Bands");
}

TEST(Naming, EnglishGlossOfASwahiliName) {
  EXPECT_EQ(NameOf("Mchele wa Pishori (Pishori rice) 5kg"), "Pishori Rice");
  EXPECT_EQ(NameOf("Mafuta ya nazi (coconut oil) 500ml"), "Coconut Oil");
  EXPECT_EQ(NameOf("Unga wa ngano (wheat flour) 2kg"), "Wheat Flour");
  // An English head noun after the Swahili one.
  EXPECT_EQ(NameOf("Mchele Pishori rice 5kg"), "Pishori Rice");
  // A parenthesis of colours is no gloss.
  EXPECT_EQ(NameOf("Pochi ndogo (pink, black)"), "Small Purse");
}

TEST(Naming, ShengFillerNamesNothing) {
  EXPECT_EQ(NameOf("Doh ni 3,900 pekee mse"), "");
  EXPECT_EQ(NameOf("Ni 35,100 tu mse"), "");
  EXPECT_EQ(NameOf("Hii ni 1,800 fiti"), "");
}

TEST(Naming, TrailingColoursAndSizeOfAListingTitleAreVariants) {
  EXPECT_EQ(NameOf("Gaming Chair Red Black"), "Gaming Chair");
  EXPECT_EQ(NameOf("Samsung Galaxy A14 64GB Black"), "Samsung Galaxy A14");
  EXPECT_EQ(NameOf("Nike Air Force 1 White Size 42"), "Nike Air Force 1");
  // A colour before the head, or a colour that is the only word, stays.
  EXPECT_EQ(NameOf("Black Leather Jacket"), "Black Leather Jacket");
  EXPECT_EQ(NameOf("Body cream"), "Body Cream");
}

// A size system before its numbers is a size, never part of the name.
TEST(Naming, SizeSystemBeforeNumbersEndsTheName) {
  EXPECT_EQ(NameOf("Official shoes Euro 38-42"), "Official Shoes");
  EXPECT_EQ(NameOf("Block heels UK 5 to 8"), "Block Heels");
  EXPECT_EQ(NameOf("Ladies sneakers EU 37, 38, 39"), "Ladies Sneakers");
}

// Item words of Kinyarwanda and Luganda are head nouns like Swahili ones: translated, with the
// possessive (glued "z'", "by'" or written apart "za", "bya") read as a connector.
TEST(Naming, KinyarwandaAndLugandaItemWordsAreHeadNouns) {
  EXPECT_EQ(NameOf("Inkweto z'abagore nshya"), "Ladies Shoes");
  EXPECT_EQ(NameOf("Ishati z\u2019abagabo"), "Men's Shirt");
  EXPECT_EQ(NameOf("Ibikapu by'abana 🎒"), "Kids Bag");
  EXPECT_EQ(NameOf("Ikanzu nziza cyane"), "Dress");
  EXPECT_EQ(NameOf("Engatto za bakyala"), "Ladies Shoes");
  EXPECT_EQ(NameOf("Essaati z'abasajja"), "Men's Shirt");
  EXPECT_EQ(NameOf("Ensawo ennungi"), "Bag");
  EXPECT_EQ(NameOf("Vyombo vya jikoni"), "Kitchen Utensil");
}

}  // namespace
}  // namespace vendly::internal
