// Extract end to end: held-out captions written for these tests (not from the dev set), the
// non-product kinds, robustness on hostile input, and the confidence contract.
#include "vendly/extract.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "confidence.h"

namespace vendly {
namespace {

Extraction ExtractCaption(const std::string& caption, const std::string& store = "KES") {
  Post p;
  p.id = "t";
  p.caption = caption;
  p.store_currency = store;
  return Extract(p);
}

// Whether each product's reading is fragile by construction (capped below auto-approve), whatever
// the fitted table's values are.
std::vector<bool> FragileReadings(const std::string& caption, const std::string& store = "KES") {
  Post p;
  p.id = "t";
  p.caption = caption;
  p.store_currency = store;
  std::vector<internal::ConfidenceFeatures> features;
  internal::ExtractWithFeatures(p, &features);
  std::vector<bool> out;
  for (const auto& f : features) {
    out.push_back(internal::FragilePrice(f) || internal::FragileName(f) ||
                  internal::FragileCategory(f) || internal::FragileSizes(f));
  }
  return out;
}

TEST(Extract, HeldOutSingleItemWithOldPrice) {
  Extraction x = ExtractCaption(
      "Just landed 🔥🔥\nPuffer jackets for the cold season\nWas 4,500 now Ksh 3,800\n"
      "Sizes: S, M, L, XL\nColours: black, olive, maroon\nDM or WhatsApp 0722 000 111\n"
      "#pufferjacket #nairobifashion");
  ASSERT_TRUE(x.is_product);
  ASSERT_EQ(x.products.size(), 1u);
  const Product& p = x.products[0];
  EXPECT_EQ(p.name, "Puffer Jacket");
  EXPECT_EQ(p.price, 3800);
  EXPECT_EQ(p.old_price, 4500);
  EXPECT_EQ(p.currency, "KES");
  EXPECT_EQ(p.category, "Fashion & Apparel");
  EXPECT_EQ(p.sizes, (std::vector<std::string>{"S", "M", "L", "XL"}));
  EXPECT_EQ(p.colors, (std::vector<std::string>{"black", "olive", "maroon"}));
  EXPECT_EQ(p.description.find("0722"), std::string::npos);
  EXPECT_EQ(p.description.find("#puffer"), std::string::npos);
  ASSERT_EQ(p.evidence.price.size(), 1u);
  EXPECT_EQ(x.products[0].tags[0], "pufferjacket");
}

TEST(Extract, HeldOutSwahiliPost) {
  Extraction x = ExtractCaption(
      "Mashati ya kitenge 😍\nBei ni elfu mbili na mia tano tu\nSize M, L, XL\n"
      "Rangi: nyekundu, njano\nPiga 0744 555 666",
      "TZS");
  ASSERT_TRUE(x.is_product);
  ASSERT_EQ(x.products.size(), 1u);
  EXPECT_EQ(x.products[0].name, "Kitenge Shirt");
  EXPECT_EQ(x.products[0].price, 2500);
  EXPECT_EQ(x.products[0].currency, "TZS");
  EXPECT_EQ(x.products[0].colors, (std::vector<std::string>{"red", "yellow"}));
}

TEST(Extract, HeldOutListWithSharedLines) {
  Extraction x = ExtractCaption(
      "Skincare drop ✨\n1. Vitamin C serum 30ml - 1,450\n2. Hyaluronic acid toner - 1,200\n"
      "3. Tinted sunscreen SPF 50 - 1,900\nAll original ✅ Delivery 200 CBD\nTill 556677",
      "KES");
  ASSERT_EQ(x.products.size(), 3u);
  EXPECT_EQ(x.products[0].price, 1450);
  EXPECT_EQ(x.products[1].price, 1200);
  EXPECT_EQ(x.products[2].price, 1900);
  for (const Product& p : x.products) EXPECT_EQ(p.category, "Beauty & Personal Care");
  EXPECT_NE(x.products[2].name.find("Sunscreen"), std::string::npos);
}

TEST(Extract, HeldOutPerWeightPricesGiveTheLowest) {
  Extraction x = ExtractCaption(
      "Pure macadamia nuts 🥜\n250g - 900\n500g - 1,700\n1kg - 3,200\nCall 0711 222 333");
  ASSERT_EQ(x.products.size(), 1u);
  EXPECT_EQ(x.products[0].price, 900);
  EXPECT_EQ(x.products[0].category, "Food & Beverages");
  EXPECT_TRUE(x.products[0].sizes.empty());
}

TEST(Extract, HeldOutDollarPriceInAShillingStore) {
  Extraction x = ExtractCaption(
      "MacBook Pro M2 14 inch 💻 sealed\nPrice: $1,450\nShipping to Kampala 5 days", "UGX");
  ASSERT_EQ(x.products.size(), 1u);
  EXPECT_EQ(x.products[0].price, 1450);
  EXPECT_EQ(x.products[0].currency, "USD");
  EXPECT_EQ(x.products[0].category, "Electronics & Gadgets");
}

TEST(Extract, HeldOutDmForPrice) {
  Extraction x = ExtractCaption("Mahogany coffee tables 🪵 made to order\nInbox for price 📩");
  ASSERT_TRUE(x.is_product);
  ASSERT_EQ(x.products.size(), 1u);
  EXPECT_FALSE(x.products[0].price.has_value());
  EXPECT_EQ(x.products[0].currency, "KES");
  EXPECT_EQ(x.products[0].category, "Home & Living");
}

TEST(Extract, BundleLineIsNoProductOfItsOwn) {
  // "mbili kwa 1500" was a second product "Mbili" at confidence 0.97.
  Extraction x = ExtractCaption("Leather handbags 800\nmbili kwa 1500\nDM to order");
  ASSERT_EQ(x.products.size(), 1u);
  EXPECT_EQ(x.products[0].price, 800);
  x = ExtractCaption("Crocs 1500\njozi mbili 2800");
  ASSERT_EQ(x.products.size(), 1u);
  EXPECT_EQ(x.products[0].price, 1500);
  // Priced by the bundle only: that price, below auto-approve.
  x = ExtractCaption("Leather handbags\nmbili kwa 1500");
  ASSERT_EQ(x.products.size(), 1u);
  EXPECT_EQ(x.products[0].price, 1500);
  EXPECT_LT(x.products[0].confidence, 0.9);
}

TEST(Extract, HeldOutTrapsAroundThePrice) {
  // A stop word before a place name keeps the item; a spec after the model is no part of it.
  Extraction fish = ExtractCaption(
      "Fresh tilapia from Lake Victoria 🐟\n1kg 18,000\nKampala delivery 5k\nCall 0772 000 111",
      "UGX");
  ASSERT_EQ(fish.products.size(), 1u);
  EXPECT_EQ(fish.products[0].name, "Fresh Tilapia");
  EXPECT_EQ(fish.products[0].price, 18000);
  Extraction phone = ExtractCaption(
      "Infinix Note 40 Pro 8/256\n45W fast charging\nKsh 31,500 cash\n"
      "Lipa pole pole from 6,000 deposit\nCall 0711 000 222");
  ASSERT_EQ(phone.products.size(), 1u);
  EXPECT_EQ(phone.products[0].name, "Infinix Note 40 Pro");
  EXPECT_EQ(phone.products[0].price, 31500);
  // "N for X" is a bundle, not the unit price.
  Extraction bundle = ExtractCaption(
      "Ankara bubu gowns 😍\n₦15,000 each, ₦28,000 for 2\nSizes: S to XXL\nDM to order", "NGN");
  ASSERT_EQ(bundle.products.size(), 1u);
  EXPECT_EQ(bundle.products[0].price, 15000);
  EXPECT_EQ(bundle.products[0].sizes, (std::vector<std::string>{"S", "M", "L", "XL", "XXL"}));
}

TEST(Extract, HeldOutApplianceList) {
  Extraction x = ExtractCaption(
      "Weekend offer 🔥 Blenders 1.5L 3,500 (was 4,200)\nElectric kettles 1,800\nToasters 2,900\n"
      "Delivery countrywide");
  ASSERT_EQ(x.products.size(), 3u);
  EXPECT_EQ(x.products[0].price, 3500);
  EXPECT_EQ(x.products[0].old_price, 4200);
  EXPECT_EQ(x.products[2].name, "Toaster");
  for (const Product& p : x.products) EXPECT_EQ(p.category, "Home & Living");
}

TEST(Extract, NonProductPosts) {
  EXPECT_FALSE(ExtractCaption("Happy Jamhuri Day 🇰🇪 We are closed today, we resume tomorrow 9am")
                   .is_product);
  EXPECT_FALSE(
      ExtractCaption("GIVEAWAY 🎁 Win a perfume worth Ksh 4,000! Follow, like & tag 3 friends")
          .is_product);
  EXPECT_FALSE(ExtractCaption("Thank you for 3 years in business 🙏🏾 We appreciate you all")
                   .is_product);
  EXPECT_FALSE(ExtractCaption("New stock dropping Saturday 👀 stay tuned").is_product);
  EXPECT_FALSE(
      ExtractCaption("We're hiring a shop attendant in Westlands. Send CV via DM").is_product);
  EXPECT_FALSE(
      ExtractCaption("Vacancy: delivery rider needed. Salary 15,000 per month. Call 0712 000 000")
          .is_product);
  EXPECT_FALSE(
      ExtractCaption("Sold out 🙏🏾 thank you! More stock coming next week").is_product);
  Extraction x = ExtractCaption("Good morning fam ☀️");
  EXPECT_FALSE(x.is_product);
  EXPECT_TRUE(x.products.empty());
  EXPECT_FALSE(x.reason.empty());
}

TEST(Extract, HostileInputNeverCrashes) {
  std::vector<std::string> inputs = {"",
                                     "   ",
                                     "\n\n\n",
                                     "🔥🔥🔥🔥",
                                     std::string(5000, '9'),
                                     "\xFF\xFE\xC3\x28 Ksh 2,500 \xE2\x82",
                                     "1,2,3,4,5,6,7,8,9,0,1,2,3",
                                     "elfu elfu elfu mia mia",
                                     "~~~~~~~~",
                                     "Sizes S-",
                                     "Ksh",
                                     "- - - -",
                                     std::string("a\0b Ksh 1,000", 12)};
  for (const std::string& s : inputs) {
    Extraction x = ExtractCaption(s);
    for (const Product& p : x.products) {
      EXPECT_GE(p.confidence, 0.0);
      EXPECT_LE(p.confidence, 1.0);
      for (const Span& sp : p.evidence.price) EXPECT_LE(sp.end, s.size());
    }
  }
}

TEST(Extract, RandomBytesNeverCrash) {
  // A fixed-seed generator: random bytes biased towards the characters the rules look at.
  uint32_t seed = 12345;
  auto next = [&seed]() {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  const std::string alphabet =
      "0123456789,.-/=:@#~() \nKkMmshbobelfumiaSizeRedWasNow\xF0\x9F\x94\xA5\xE2\x80";
  for (int round = 0; round < 300; ++round) {
    std::string s;
    std::size_t n = next() % 200;
    for (std::size_t k = 0; k < n; ++k) {
      s += next() % 4 == 0 ? static_cast<char>(next() & 0xFF) : alphabet[next() % alphabet.size()];
    }
    Extraction x = ExtractCaption(s);
    for (const Product& p : x.products) {
      EXPECT_FALSE(p.name.empty());
      EXPECT_GE(p.confidence, 0.0);
      EXPECT_LE(p.confidence, 1.0);
      for (const Span& sp : p.evidence.name) EXPECT_LE(sp.end, s.size());
    }
  }
}

TEST(Extract, LongCaptionIsLinear) {
  std::string big;
  while (big.size() < 1000000) big += "1. Item dress red - 1,500 size M, L 🔥 0712 345 678 #tag\n";
  Extraction x = ExtractCaption(big);
  EXPECT_LE(x.products.size(), 40u);
  for (const Product& p : x.products) EXPECT_LE(p.description.size(), 2200u);
}

TEST(Extract, DeterministicAndConfidenceInRange) {
  std::string c = "Ladies handbags 👜 Sh 2,000 each\nColours: black, cream, brown\nDM 0722 000 999";
  Extraction a = ExtractCaption(c), b = ExtractCaption(c);
  EXPECT_EQ(ToJson(a).dump(), ToJson(b).dump());
  ASSERT_EQ(a.products.size(), 1u);
  // An explicit price with a mark, a clear name and category: safe to auto-approve.
  EXPECT_GE(a.products[0].confidence, 0.9);
  // A bare number with no cue is not.
  Extraction weak = ExtractCaption("Nice stuff\nthing 700");
  for (const Product& p : weak.products) EXPECT_LT(p.confidence, 0.9);
}

// Confidence is the chance the seller keeps the draft unedited; a reading fragile by construction
// never reaches auto-approve (0.9), whatever the dev set's rates for its class say. Each fragile
// caption has a sound twin that differs only in what makes it fragile, and the twin does reach 0.9,
// so the cap is what keeps the fragile one out.
struct FragileCase {
  const char* why;
  const char* store;
  const char* fragile;
  const char* sound;
};

TEST(ExtractConfidence, FragileReadingsStayBelowAutoApprove) {
  const FragileCase cases[] = {
      {"two candidate prices", "KES",
       "Leather handbag 👜\nSmall Ksh 1,500\nLarge Ksh 2,500\nDM to order",
       "Leather handbag 👜\nKsh 1,500\nDM to order"},
      {"a one-digit price where prices run in thousands", "KES",
       "Chelsea boots\nKES 2\nDM to order", "Chelsea boots\nKES 2,000\nDM to order"},
      {"a two-digit price where prices run in thousands", "UGX",
       "Chelsea boots\nPrice: UGX 45\nDM to order",
       "Chelsea boots\nPrice: UGX 45,000\nDM to order"},
      {"a one-digit price with no currency mark", "USD", "Scented candle\nPrice: 8\nDM to order",
       "Scented candle\nPrice: $8\nDM to order"},
      {"digit groups joined by a space with no currency mark", "KES",
       "Chelsea boots 3 200\nDM to order", "Chelsea boots Ksh 3 200\nDM to order"},
      {"old and new price told apart by emoji marks", "KES",
       "Chelsea boots\nKsh 5,000 ❌ Ksh 4,200 ✅\nDM to order",
       "Chelsea boots\nWas Ksh 5,000 now Ksh 4,200\nDM to order"},
      {"a name from a line after the price", "KES",
       "KES 25,000 only 🔥\nInfinix Hot 40i smartphone\n1 Year Warranty",
       "Infinix Hot 40i smartphone\nKES 25,000 only 🔥\n1 Year Warranty"},
      {"a category from a hashtag only", "KES",
       "Kivuli Pro 3 🔥\nPrice: Ksh 2,500\nDM to order\n#skincareke",
       "Kivuli Pro 3 face serum 🔥\nPrice: Ksh 2,500\nDM to order\n#skincareke"},
      {"a category resting on a hint word only", "KES",
       "Leather Kivuli 🔥\nPrice: Ksh 2,500\nDM to order",
       "Leather Kivuli bag 🔥\nPrice: Ksh 2,500\nDM to order"},
      {"an appliance sellers file under two categories", "KES",
       "Ramtons deep freezer 200L\nKsh 45,000\nDM to order",
       "Ramtons gas cooker 2 burner\nKsh 45,000\nDM to order"},
      {"a kids' bicycle: a toy or sports gear", "KES",
       "Kids bicycle size 16\nKsh 7,500\nDM to order",
       "Mountain bicycle size 26\nKsh 7,500\nDM to order"},
      {"a service, which LABELING.md does not settle", "KES",
       "Knotless braids done at our salon\nKsh 3,000\nDM to order",
       "Knotless braiding hair\nKsh 3,000\nDM to order"},
      {"letter and number sizes for one item", "KES",
       "Chelsea boots\nSizes M-XL, 40-44\nKsh 4,800\nDM to order",
       "Chelsea boots\nSizes 40-44\nKsh 4,800\nDM to order"},
  };
  for (const FragileCase& c : cases) {
    Extraction sound = ExtractCaption(c.sound, c.store);
    ASSERT_EQ(sound.products.size(), 1u) << c.why << ": " << c.sound;
    EXPECT_EQ(FragileReadings(c.sound, c.store), std::vector<bool>{false})
        << c.why << ": " << c.sound;
    Extraction fragile = ExtractCaption(c.fragile, c.store);
    ASSERT_EQ(fragile.products.size(), 1u) << c.why << ": " << c.fragile;
    EXPECT_LT(fragile.products[0].confidence, 0.9) << c.why << ": " << c.fragile;
  }
}

// A salary or a rent is a price on no item for sale.
TEST(Extract, JobAndRentAdvertsAreNoProductsWhateverTheirPrice) {
  const char* captions[] = {
      "We are hiring! Sales lady needed\nSalary Ksh 15,000\nSend your CV",
      "House to let Kilimani 2 bedroom\nKsh 45,000 per month\nCall 0712 345 678",
      "Apartment for rent, Kicukiro\n350,000 Frw per month",
      "Bedsitter inapangishwa Rongai\nKodi Ksh 8,000"};
  for (const char* c : captions) {
    Extraction x = ExtractCaption(c);
    EXPECT_FALSE(x.is_product) << c;
    EXPECT_TRUE(x.products.empty()) << c;
  }
}

// A caption line cut at its commas into items ("Goat 900, beef 800") binds each name to a number by
// a guess; the same items on lines of their own are not capped: their names score above the split
// ones' and the products no lower (a multi-item post itself stays below auto-approve when the
// table, fitted on unseen posts, finds such posts split or merged too often).
TEST(ExtractConfidence, ItemsFromACommaSplitLineStayBelowAutoApprove) {
  Extraction split = ExtractCaption("Nyama choma menu\nGoat 900, beef 800, ugali 150\nKaribu");
  ASSERT_EQ(split.products.size(), 3u);
  for (const Product& p : split.products) {
    EXPECT_LT(p.confidence, 0.9) << p.name;
    EXPECT_LT(p.field_confidence.name, 0.9) << p.name;
  }
  EXPECT_EQ(FragileReadings("Nyama choma menu\nGoat 900, beef 800, ugali 150\nKaribu"),
            std::vector<bool>(3, true));
  EXPECT_EQ(FragileReadings("Nyama choma menu\nGoat - 900\nBeef - 800\nUgali - 150\nKaribu"),
            std::vector<bool>(3, false));
  Extraction lines =
      ExtractCaption("Nyama choma menu\nGoat - 900\nBeef - 800\nUgali - 150\nKaribu");
  ASSERT_EQ(lines.products.size(), 3u);
  for (size_t i = 0; i < lines.products.size(); ++i) {
    const Product& p = lines.products[i];
    EXPECT_GE(p.field_confidence.name, split.products[i].field_confidence.name) << p.name;
    EXPECT_GE(p.confidence, split.products[i].confidence) << p.name;
  }
}

// Sizes on a list post's shared line that names one of its items may be that item's only: every
// item that took them stays below auto-approve; the same line naming no item is not capped (its
// sizes reach 0.9 and the products score no lower than the named line's).
TEST(ExtractConfidence, SharedSizesNamingAnItemStayBelowAutoApprove) {
  Extraction named = ExtractCaption(
      "New stock\nShirts Ksh 1,500\nTrousers Ksh 2,000\nSizes M-XL for the shirts\nDM to order");
  ASSERT_EQ(named.products.size(), 2u);
  for (const Product& p : named.products) {
    if (p.sizes.empty()) continue;
    EXPECT_LT(p.confidence, 0.9) << p.name;
    EXPECT_LT(p.field_confidence.sizes, 0.9) << p.name;
  }
  Extraction plain =
      ExtractCaption("New stock\nShirts Ksh 1,500\nTrousers Ksh 2,000\nSizes M-XL\nDM to order");
  ASSERT_EQ(plain.products.size(), 2u);
  for (size_t i = 0; i < plain.products.size(); ++i) {
    const Product& p = plain.products[i];
    EXPECT_GE(p.field_confidence.sizes, 0.9) << p.name;
    if (!named.products[i].sizes.empty()) {
      EXPECT_GE(p.confidence, named.products[i].confidence) << p.name;
    }
  }
}

TEST(ExtractConfidence, TheCapNamesTheFragileField) {
  const Product price = ExtractCaption("Chelsea boots\nKES 2\nDM to order").products.at(0);
  EXPECT_LT(price.field_confidence.price, 0.9);
  EXPECT_GE(price.field_confidence.name, 0.9);
  const Product name =
      ExtractCaption("KES 25,000 only 🔥\nInfinix Hot 40i smartphone\n1 Year Warranty")
          .products.at(0);
  EXPECT_LT(name.field_confidence.name, 0.9);
  EXPECT_GE(name.field_confidence.price, 0.9);
  const Product category =
      ExtractCaption("Kivuli Pro 3 🔥\nPrice: Ksh 2,500\nDM to order\n#skincareke").products.at(0);
  EXPECT_LT(category.field_confidence.category, 0.9);
  EXPECT_GE(category.field_confidence.price, 0.9);
  const Product sizes =
      ExtractCaption("Chelsea boots\nSizes M-XL, 40-44\nKsh 4,800\nDM to order").products.at(0);
  EXPECT_LT(sizes.field_confidence.sizes, 0.9);
  EXPECT_GE(sizes.field_confidence.name, 0.9);
}

// The product's confidence is the chance that every field is right: never above its weakest field.
TEST(ExtractConfidence, ProductIsNoSurerThanItsWeakestField) {
  for (const char* caption :
       {"Chelsea boots\nKES 2\nDM to order", "Leather handbag 👜\nKsh 1,500\nDM to order",
        "Mashati ya kitenge 😍\nBei 2,500\nSize M, L, XL", "Nice stuff\nthing 700",
        "1. Floral maxi dress - 1,800\n2. Black bodycon dress - 1,500"}) {
    for (const Product& p : ExtractCaption(caption).products) {
      const FieldScores& f = p.field_confidence;
      for (double v : {f.name, f.price, f.currency, f.old_price, f.category, f.sizes, f.colors}) {
        EXPECT_LE(p.confidence, v + 1e-12) << caption;
        EXPECT_GE(v, 0.0) << caption;
        EXPECT_LE(v, 1.0) << caption;
      }
    }
  }
}

// extract_fuzz found "PTE 120 61sh.00" drafted at price 0: ".00" read as an amount. Nothing is sold
// for zero, so a zero amount is no price, and every product's price is positive or absent.
TEST(Extract, RegressionZeroAmountIsNoPrice) {
  for (const char* caption : {"PTE 120 61sh.00", "Tote bag Ksh 0", "Earrings 0.00 only"}) {
    Extraction x = ExtractCaption(caption);
    for (const Product& p : x.products) {
      if (p.price) {
        EXPECT_GT(*p.price, 0) << caption;
      }
    }
  }
}

// extract_fuzz found a read past the last token: a number followed by one last punctuation mark
// ("9 /") made the unit checks look at the token after it.
TEST(Extract, RegressionNumberThenSlashAtTheEnd) {
  Extraction x =
      ExtractCaption(std::string("e \xffn\x15m\xe0"
                                 "9 /  "));
  EXPECT_EQ(x.id, "t");
  Extraction y = ExtractCaption("Bag 1500 /");
  ASSERT_EQ(y.products.size(), 1u);
  EXPECT_EQ(y.products[0].price, 1500);
}

// A line shared by a list's items can give each item its own sizes; a line that names no item
// gives its sizes to all of them.
TEST(Extract, SizesPerItemOnASharedLine) {
  Extraction x = ExtractCaption(
      "Fresh stock\nLinen shirts Ksh 1,900\nChinos Ksh 2,400\n"
      "Sizes L-XXL for the shirts; 32-34 for the chinos\nDM to order");
  ASSERT_EQ(x.products.size(), 2u);
  EXPECT_EQ(x.products[0].sizes, (std::vector<std::string>{"L", "XL", "XXL"}));
  EXPECT_EQ(x.products[1].sizes, (std::vector<std::string>{"32", "33", "34"}));
  Extraction y =
      ExtractCaption("Fresh stock\nLinen shirts Ksh 1,900\nChinos Ksh 2,400\nSizes M, L, XL");
  ASSERT_EQ(y.products.size(), 2u);
  EXPECT_EQ(y.products[0].sizes, (std::vector<std::string>{"M", "L", "XL"}));
  EXPECT_EQ(y.products[1].sizes, (std::vector<std::string>{"M", "L", "XL"}));
}

// A number glued to its item by an en dash is a menu row's price; one glued by a hyphen is a
// model ("T-800").
TEST(Extract, EnDashMenuRowsArePriced) {
  Extraction x = ExtractCaption("Leo jikoni\nMatoke–250\nPilau–300\nKachumbari–50");
  ASSERT_EQ(x.products.size(), 3u);
  EXPECT_EQ(x.products[0].price, 250);
  EXPECT_EQ(x.products[1].price, 300);
  EXPECT_EQ(x.products[2].price, 50);
}

// An option row's own number is its price even when it looks like a year or a count ("2000",
// "kilo 2,500"), when the row beside it names the same pack and has a price; a year on a row that
// names no option stays a year.
TEST(Extract, OptionRowPricesShapedLikeYears) {
  Extraction x =
      ExtractCaption("Mkate wa ngano\nPakiti kubwa Ksh 3,000\nPakiti ndogo 2000\nKaribu");
  ASSERT_EQ(x.products.size(), 1u);
  EXPECT_EQ(x.products[0].price, 2000);
  EXPECT_LT(x.products[0].field_confidence.price, 0.9);
  Extraction y = ExtractCaption("Sugar\nNusu kilo 2,100\nKilo moja Ksh 3,900");
  ASSERT_EQ(y.products.size(), 1u);
  EXPECT_EQ(y.products[0].price, 2100);
  Extraction z = ExtractCaption("Honey\nSince 2012\nBig jar Ksh 3,900");
  ASSERT_EQ(z.products.size(), 1u);
  EXPECT_EQ(z.products[0].price, 3900);
}

// A name is its item's words wherever they sit on the line: a share, a capacity or sizes before
// them and a capacity or sizes after them are no part of it; "plus size" and "queen size" are.
TEST(Extract, NamesLeaveOutSharesCapacitiesAndSizes) {
  const std::pair<const char*, const char*> cases[] = {
      {"100% cotton duvet covers\nKsh 2,900", "Cotton Duvet Covers"},
      {"3 litre olive oil\nKsh 1,900", "Olive Oil"},
      {"Basmati rice 10 kg\nKsh 2,600", "Basmati Rice"},
      {"Size 38-43 Converse sneakers\nKsh 2,700", "Converse Sneakers"},
      {"Linen shirts sizes M-XXL\nKsh 1,900", "Linen Shirt"},
      {"Plus size jeans\nKsh 1,700", "Plus Size Jeans"},
  };
  for (const auto& [caption, name] : cases) {
    Extraction x = ExtractCaption(caption);
    ASSERT_EQ(x.products.size(), 1u) << caption;
    EXPECT_EQ(x.products[0].name, name) << caption;
  }
}

// The category follows the name's head noun: a kitchen tool for food is a home item, a toy of a
// phone is a toy, and a line describing the item ("Fits a 15 inch laptop") names nothing.
TEST(Extract, CategoryFollowsTheHeadNoun) {
  const std::pair<const char*, const char*> cases[] = {
      {"Pizza cutter\nKsh 450", "Home & Living"},
      {"Juice dispenser 5 litres\nKsh 2,400", "Home & Living"},
      {"Toy phone for kids\nKsh 650", "Toys & Games"},
      {"Toy Story DVD\nKsh 400", "Books & Media"},
      {"Canvas tote\nFits a 15 inch laptop\nKsh 1,600", "Fashion & Apparel"},
  };
  for (const auto& [caption, category] : cases) {
    Extraction x = ExtractCaption(caption);
    ASSERT_EQ(x.products.size(), 1u) << caption;
    EXPECT_EQ(x.products[0].category, category) << caption;
  }
  EXPECT_EQ(ExtractCaption("Canvas tote\nFits a 15 inch laptop\nKsh 1,600").products.at(0).name,
            "Canvas Tote");
}

}  // namespace
TEST(Extract, MenuRowsWithEqualsAndDotLeaders) {
  // "Chapati ....... 20" and "Mandazi = 10" were no prices (too small for a bare amount) and the
  // menus no products at all.
  Extraction dots =
      ExtractCaption("Breakfast menu\nChapati ....... 20\nMandazi ....... 10\nSamosa …… 30");
  ASSERT_EQ(dots.products.size(), 3u);
  EXPECT_EQ(dots.products[0].name, "Chapati");
  EXPECT_EQ(dots.products[0].price, 20);
  EXPECT_EQ(dots.products[2].name, "Samosa");
  EXPECT_EQ(dots.products[2].price, 30);
  Extraction eq = ExtractCaption("Leo tuko na\nChapati = 20\nMandazi = 10\nTea = 30");
  ASSERT_EQ(eq.products.size(), 3u);
  EXPECT_EQ(eq.products[1].name, "Mandazi");
  EXPECT_EQ(eq.products[1].price, 10);
  // A lone full stop before a small number is no leader.
  Extraction stop = ExtractCaption("Leather handbags 1500. 2 colours");
  ASSERT_EQ(stop.products.size(), 1u);
  EXPECT_EQ(stop.products[0].price, 1500);
}

TEST(Extract, HyphenatedModelNumbersStayInTheName) {
  // "Itel A-70" was named "Itel"; "HP 250-G8" was "HP", its 250 taken for part of a price line.
  Extraction itel = ExtractCaption("Itel A-70 brand new\n4GB RAM 128GB storage\nKsh 11,500");
  ASSERT_EQ(itel.products.size(), 1u);
  EXPECT_EQ(itel.products[0].name, "Itel A-70");
  EXPECT_EQ(itel.products[0].price, 11500);
  Extraction hp = ExtractCaption("HP 250-G8 laptop\nCore i5, 8GB RAM, 256 SSD\nPrice 38,000");
  ASSERT_EQ(hp.products.size(), 1u);
  EXPECT_EQ(hp.products[0].name, "HP 250-G8 Laptop");
  EXPECT_EQ(hp.products[0].price, 38000);
}

TEST(Extract, HalfAndQuarterKiloPriceTheirFraction) {
  // "Nusu kilo 350" read 350 as a number of kilos: the post had no price.
  Extraction meat = ExtractCaption("Fresh goat meat\nNusu kilo 350\nKilo 700");
  ASSERT_EQ(meat.products.size(), 1u);
  EXPECT_EQ(meat.products[0].name, "Fresh Goat Meat");
  EXPECT_EQ(meat.products[0].price, 350);
  // The fraction and its unit are no name words ("Robo Kilo Njugu").
  Extraction nuts = ExtractCaption("Robo kilo ya njugu 80");
  ASSERT_EQ(nuts.products.size(), 1u);
  EXPECT_EQ(nuts.products[0].name, "Njugu");
  EXPECT_EQ(nuts.products[0].price, 80);
}

TEST(Extract, PurposeChunkDoesNotNameTheItem) {
  // "for carpets and sofas" outscored the item and named it "Carpets and Sofa".
  Extraction x = ExtractCaption(
      "Bagless vacuum cleaner 1200W \xF0\x9F\xA7\xB9 for carpets and sofas\nKES 12,500 (was "
      "15,000)\nFree delivery CBD");
  ASSERT_EQ(x.products.size(), 1u);
  EXPECT_EQ(x.products[0].name, "Bagless Vacuum Cleaner");
  // With no item before it, the chunk still names one.
  Extraction y = ExtractCaption("For kids \xF0\x9F\xA7\xB8 teddy bears 1,500");
  ASSERT_EQ(y.products.size(), 1u);
  EXPECT_NE(y.products[0].name.find("Teddy"), std::string::npos);
}

TEST(Extract, CapacityLineIsAnOptionOfTheItemAbove) {
  // "6 person at 8,500" was a second product "Person".
  Extraction x =
      ExtractCaption("Waterproof camping tent 4 person Ksh 5,800\n6 person at 8,500\nDM to book");
  ASSERT_EQ(x.products.size(), 1u);
  EXPECT_EQ(x.products[0].price, 5800);
}

TEST(Extract, TranslatedNamesStayBelowAutoApprove) {
  // "Gauni la harusi" is a wedding dress; a name translated from Swahili is accepted about half the
  // time on unseen posts, so it is never auto-approved.
  Extraction x =
      ExtractCaption("Gauni la harusi\nIlikuwa Ksh 15,000, sasa Ksh 12,000\nSize 10 na 12");
  ASSERT_EQ(x.products.size(), 1u);
  EXPECT_EQ(x.products[0].name, "Wedding Dress");
  EXPECT_LT(x.products[0].confidence, 0.9);
}

TEST(Extract, SizeWordLabelsAnOptionPrice) {
  // "Small size 1,500" was read as size 1,500: the post had no price and no product at all.
  Extraction x = ExtractCaption("Dresses za kitenge\nSmall size 1,500\nLarge size 1,800");
  ASSERT_EQ(x.products.size(), 1u);
  EXPECT_EQ(x.products[0].name, "Kitenge Dress");
  EXPECT_EQ(x.products[0].price, 1500);
  // Space-grouped too ("Small size 45 000" read 80,000).
  Extraction c = ExtractCaption("Birthday cakes\nSmall size 45 000\nFamily size 80,000", "UGX");
  ASSERT_EQ(c.products.size(), 1u);
  EXPECT_EQ(c.products[0].price, 45000);
  // A real size list keeps its numbers out of the price.
  Extraction s = ExtractCaption("Sneakers za Nike\nSize 40 - 44\nKsh 6,500");
  ASSERT_EQ(s.products.size(), 1u);
  EXPECT_EQ(s.products[0].name, "Nike Sneakers");
  EXPECT_EQ(s.products[0].price, 6500);
  EXPECT_EQ(s.products[0].sizes.size(), 5u);
}

TEST(Extract, FlavoursAreNoColoursAndOfferWordsNoName) {
  Extraction cake =
      ExtractCaption("Birthday cakes\nFlavours: vanilla, chocolate, red velvet\nKsh 2,500");
  ASSERT_EQ(cake.products.size(), 1u);
  EXPECT_TRUE(cake.products[0].colors.empty());
  Extraction lip = ExtractCaption("Buy 2 get 1 free on all lipsticks\nKsh 800 each");
  ASSERT_EQ(lip.products.size(), 1u);
  EXPECT_EQ(lip.products[0].name, "Lipstick");
  Extraction client = ExtractCaption("Mercy rocking our kitenge dress\nGet yours for Ksh 2,500");
  ASSERT_EQ(client.products.size(), 1u);
  EXPECT_EQ(client.products[0].name, "Kitenge Dress");
}

TEST(Extract, HowMuchIsSoldIsNoNameWord) {
  // "Ndoo ya plastiki lita 20" was named "Plastic Lita 20 Bucket", "Soksi za shule pea 3" "School
  // Pea 3 Socks".
  Extraction ndoo = ExtractCaption("Ndoo ya plastiki lita 20\nBei Ksh 350 tu");
  ASSERT_EQ(ndoo.products.size(), 1u);
  EXPECT_EQ(ndoo.products[0].name, "Plastic Bucket");
  Extraction soksi = ExtractCaption("Soksi za shule pea 3\nBei: Tsh 6,000", "TZS");
  ASSERT_EQ(soksi.products.size(), 1u);
  EXPECT_EQ(soksi.products[0].name, "School Socks");
  EXPECT_EQ(soksi.products[0].price, 6000);
  // Without a connector a number stays ("Puzzle 1000").
  Extraction puzzle = ExtractCaption("Puzzle 1000 pieces Ksh 1,900");
  ASSERT_EQ(puzzle.products.size(), 1u);
  EXPECT_NE(puzzle.products[0].name.find("1000"), std::string::npos);
  // "6 yards Ksh 3,800" is an option of the fabric, not a product "Yard".
  Extraction fabric = ExtractCaption("Ankara fabric Ksh 700 per yard\n6 yards Ksh 3,800");
  ASSERT_EQ(fabric.products.size(), 1u);
  EXPECT_EQ(fabric.products[0].price, 700);
  // "jipya" is "new" (filler like "mpya"): "Gauni la harusi jipya" was "Wedding Jipya Dress".
  Extraction gauni = ExtractCaption("Gauni la harusi jipya\nBei Tsh 280,000", "TZS");
  ASSERT_EQ(gauni.products.size(), 1u);
  EXPECT_EQ(gauni.products[0].name, "Wedding Dress");
  // Sheng's plural prefix "Ma-" is no name word: "Ma-boots za Chelsea" was "Leather Genuine".
  Extraction boots = ExtractCaption("Ma-boots za Chelsea zimefika\nLeather genuine\nBei: 4,200");
  ASSERT_EQ(boots.products.size(), 1u);
  EXPECT_EQ(boots.products[0].name, "Chelsea Boots");
  Extraction tomatoes = ExtractCaption("Fresh tomatoes Ksh 120 per kg");
  ASSERT_EQ(tomatoes.products.size(), 1u);
  EXPECT_EQ(tomatoes.products[0].name, "Fresh Tomato");
}

}  // namespace vendly
