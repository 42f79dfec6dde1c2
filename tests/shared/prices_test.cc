// Price finding: money mentions, their currencies, and the numbers that only look like prices.
#include "prices.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "vendly/extract.h"

namespace vendly::internal {
namespace {

struct Found {
  std::vector<double> prices;  // selling prices (model numbers excluded)
  std::vector<double> olds;
  std::vector<Money> all;
};

Found Find(const std::string& caption, const std::string& store = "KES") {
  static std::vector<std::string> keep;  // Text views the caption: keep it alive
  keep.push_back(caption);
  Text t;
  Tokenise(keep.back(), &t);
  Found f;
  f.all = FindMoney(t, store);
  for (const Money& m : f.all) {
    if (m.role == MoneyRole::kPrice && m.strength > 0) f.prices.push_back(m.amount);
    if (m.role == MoneyRole::kOldPrice) f.olds.push_back(m.amount);
  }
  return f;
}

NotPriceReason ReasonOf(const Found& f, double amount) {
  for (const Money& m : f.all) {
    if (m.amount == amount) return m.reason;
  }
  return NotPriceReason::kNone;
}

using V = std::vector<double>;

TEST(Prices, CurrencyMarksAndShorthand) {
  EXPECT_EQ(Find("Price: Ksh 2,200 only").prices, V{2200});
  EXPECT_EQ(Find("1.8k only").prices, V{1800});
  EXPECT_EQ(Find("Price: 2.1M", "UGX").prices, V{2100000});
  EXPECT_EQ(Find("400ml - 1,100/=").prices, V{1100});
  EXPECT_EQ(Find("Bei: 1,800/-").prices, V{1800});
  EXPECT_EQ(Find("Kuanzia Tsh 45.000", "TZS").prices, V{45000});
  Found n = Find("Men's kaftan N25k", "NGN");
  ASSERT_EQ(n.prices, V{25000});
  EXPECT_EQ(n.all[0].currency, "NGN");
  EXPECT_TRUE(n.all[0].explicit_currency);
}

TEST(Prices, CurrencyIsTheMarksOrTheStores) {
  Found usd = Find("Price: $1,050", "RWF");
  ASSERT_EQ(usd.all.size(), 1u);
  EXPECT_EQ(usd.all[0].currency, "USD");
  Found rwf = Find("Air Jordan 1 - 65,000 RWF", "RWF");
  EXPECT_EQ(rwf.prices, V{65000});
  Found bare = Find("Banana bread loaf 650", "KES");
  ASSERT_EQ(bare.prices, V{650});
  EXPECT_FALSE(bare.all[0].explicit_currency);
  EXPECT_EQ(bare.all[0].currency, "KES");
  EXPECT_EQ(Find("Mandazi - 20 bob each").prices, V{20});
}

TEST(Prices, SwahiliNumberWords) {
  EXPECT_EQ(Find("Bei ni elfu moja na mia tano tu").prices, V{1500});
  EXPECT_EQ(Find("Bei ni elfu kumi na tano tu", "TZS").prices, V{15000});
  EXPECT_EQ(Find("Bei elfu mbili").prices, V{2000});
  EXPECT_EQ(Find("Bei: elfu moja mia mbili").prices, V{1200});
  EXPECT_EQ(Find("Bei ni ngiri nne na mia tano").prices, V{4500});
  EXPECT_EQ(Find("Bei laki moja na elfu hamsini", "TZS").prices, V{150000});
  // A lone "moja" (one) is a quantity, not money.
  EXPECT_TRUE(Find("Seti moja").prices.empty());
}

TEST(Prices, ReadSwahiliNumberStopsAtTheEnd) {
  Text t;
  std::string s = "mia tano fifty";
  Tokenise(s, &t);
  uint32_t end = 0;
  auto v = ReadSwahiliNumber(t, 0, static_cast<uint32_t>(t.tokens.size()), &end);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(*v, 550);
  EXPECT_EQ(end, 3u);
}

TEST(Prices, PhonesTillsAndAccountsAreNotPrices) {
  Found f = Find("Call/WhatsApp 0712 345 678 | Till 5512873 | Paybill 247247 Acc 0712121212");
  EXPECT_TRUE(f.prices.empty());
  EXPECT_EQ(ReasonOf(f, 5512873), NotPriceReason::kPhone);
  EXPECT_TRUE(Find("Lipa kwa M-Pesa 5544332").prices.empty());
  // Long bare numbers are prices only right after a price cue.
  EXPECT_EQ(Find("Bei: 150000", "TZS").prices, V{150000});
  EXPECT_TRUE(Find("MoMo: 0772 000 888", "UGX").prices.empty());
  EXPECT_TRUE(Find("Order 0803 123 4567", "NGN").prices.empty());
}

TEST(Prices, FeesAndDepositsAreNotPrices) {
  Found f = Find("Kshs 1,200 (delivery 100 within CBD)");
  EXPECT_EQ(f.prices, V{1200});
  EXPECT_EQ(ReasonOf(f, 100), NotPriceReason::kFee);
  EXPECT_TRUE(Find("Delivery within Nairobi 200 bob").prices.empty());
  EXPECT_TRUE(Find("Lagos delivery ₦2,500, nationwide", "NGN").prices.empty());
  EXPECT_TRUE(Find("Mkopo available, deposit 3,000 only").prices.empty());
  EXPECT_TRUE(Find("Installation 1.5k extra (optional)").prices.empty());
  EXPECT_TRUE(Find("Free shipping on orders over $60", "USD").prices.empty());
  EXPECT_EQ(Find("$1,250 shipping included", "KES").prices, V{1250});
  EXPECT_TRUE(Find("Custom embroidery +$10", "USD").prices.empty());
}

TEST(Prices, SpecsSizesAndMeasuresAreNotPrices) {
  EXPECT_TRUE(Find("6GB RAM + 128GB storage, 5000mAh").prices.empty());
  EXPECT_TRUE(Find("Sizes 37-44").prices.empty());
  EXPECT_TRUE(Find("Size 40 hadi 45").prices.empty());
  EXPECT_TRUE(Find("Samsung A05s 4/64").prices.empty());
  EXPECT_TRUE(Find("Thermos flask 2 litres").prices.empty());
  EXPECT_TRUE(Find("Carpet 6x6, rug 5ft x 7ft").prices.empty());
  EXPECT_TRUE(Find("battery health 89%").prices.empty());
  EXPECT_TRUE(Find("Open Mon-Sat 8am - 7pm").prices.empty());
  EXPECT_TRUE(Find("closed from 24th to 27th December").prices.empty());
  EXPECT_TRUE(Find("since 2021, 1 year warranty").prices.empty());
  EXPECT_TRUE(Find("We've hit 10k followers").prices.empty());
  EXPECT_TRUE(Find("Orders from 50 pcs for events").prices.empty());
  EXPECT_TRUE(Find("TCL 55\" 4K UHD").prices.empty());
}

TEST(Prices, ModelNumbersStayInNames) {
  Found f = Find("Nike Air Max 90 - Tsh 85,000", "TZS");
  EXPECT_EQ(f.prices, V{85000});
  Found g = Find("Dell Latitude 7490", "UGX");
  EXPECT_TRUE(g.prices.empty());
  EXPECT_TRUE(Find("Sayona SB-2012 model").prices.empty());
  // A mark between a model number and an amount opens the amount: not "1 Kshs".
  EXPECT_EQ(Find("Air Force 1 Kshs 3,350").prices, V{3350});
  // An amount with the mark after it keeps it, whatever follows.
  Found h = Find("Sneakers 2,500 Kshs, 2 pairs 4,800");
  EXPECT_EQ(h.all.front().amount, 2500);
  EXPECT_TRUE(h.all.front().explicit_currency);
}

TEST(Prices, OldAndNewPrices) {
  Found f = Find("Was Ksh 14,500 now Ksh 12,999");
  EXPECT_EQ(f.prices, V{12999});
  EXPECT_EQ(f.olds, V{14500});
  EXPECT_EQ(Find("Now 12,500 ~~15,000~~").olds, V{15000});
  EXPECT_EQ(Find("~~4.5k~~ now 3k").prices, V{3000});
  Found k = Find("Bei Tsh 70,000 (kabla 85,000)", "TZS");
  EXPECT_EQ(k.prices, V{70000});
  EXPECT_EQ(k.olds, V{85000});
  Found from = Find("From 60,000 to 45,000", "UGX");
  EXPECT_EQ(from.prices, V{45000});
  EXPECT_EQ(from.olds, V{60000});
  EXPECT_EQ(Find("Ksh 45,000 (initially 55,000)").olds, V{55000});
  EXPECT_EQ(Find("Bei ya zamani 85,000, sasa 65,000 tu", "TZS").prices, V{65000});
}

TEST(Prices, RangesAndBundles) {
  EXPECT_EQ(Find("Prices 800 - 2,500 depending on quality").prices, (V{800, 2500}));
  EXPECT_EQ(Find("1,200 to 1,500 depending on size").prices, (V{1200, 1500}));
  EXPECT_EQ(Find("KES 600 each, any 2 for 1,100").prices, V{600});
  EXPECT_EQ(Find("Shs 45,000 each, 2 for 80,000", "UGX").prices, V{45000});
  EXPECT_EQ(Find("3 for 2,500 or 1 for 900").prices, V{900});
  EXPECT_EQ(Find("Roll-on 280 bob\nWholesale: dozen 3,000").prices, V{280});
}

// Money mention holding `amount`, or nullptr.
const Money* MentionOf(const Found& f, double amount) {
  for (const Money& m : f.all) {
    if (m.amount == amount) return &m;
  }
  return nullptr;
}

TEST(Prices, BundleLinesAreNotUnitPrices) {
  // A count with "for"/"kwa", a pack word or a count word, then the amount: a bundle.
  EXPECT_EQ(Find("Leather handbags 800\nmbili kwa 1500").prices, V{800});
  EXPECT_EQ(Find("Socks 200\n2 pairs for 1,500").prices, V{200});
  EXPECT_EQ(Find("Boxers 300\nany 2 @ 900").prices, V{300});
  EXPECT_EQ(Find("Earrings 300\npair ni 800").prices, V{300});
  EXPECT_EQ(Find("Crocs 1500\njozi mbili 2800").prices, V{1500});
  EXPECT_EQ(Find("Bowls 350\nset of 3 - 900").prices, V{350});
  EXPECT_EQ(Find("Vests 250\nthree for 700").prices, V{250});
  EXPECT_EQ(ReasonOf(Find("Vests 250\nthree for 700"), 700), NotPriceReason::kBundle);
  // A model number or a measure before "@" or a dash is no count.
  EXPECT_EQ(Find("Tecno Spark 20 @ 14,500").prices, V{14500});
  EXPECT_EQ(Find("Tecno Spark 20 - 14,500").prices, V{14500});
  EXPECT_EQ(Find("Perfume oil\n30ml @ 800\n50ml @ 1,300").prices, (V{800, 1300}));
  EXPECT_EQ(Find("Bei ni 1500").prices, V{1500});
}

TEST(Prices, ABundlePriceAloneIsThePriceButRisky) {
  const Found socks = Find("Men's socks\n3 pairs for 500");
  ASSERT_EQ(socks.prices, V{500});
  EXPECT_TRUE(MentionOf(socks, 500)->risky);
  EXPECT_TRUE(MentionOf(Find("Eggs\ndozen 1200"), 1200)->risky);
  EXPECT_TRUE(MentionOf(Find("Leather handbags\nmbili kwa 1500"), 1500)->risky);
  EXPECT_FALSE(MentionOf(Find("Leather handbags 800\nmbili kwa 1500"), 800)->risky);
}

TEST(Prices, ThousandsGroupedBySpacesWithAMark) {
  EXPECT_EQ(Find("Leather handbag Ksh 3 200").prices, V{3200});
  EXPECT_EQ(Find("Nike sneakers 12 500 Frw", "RWF").prices, V{12500});
  EXPECT_EQ(Find("Kitenge dress TSh 45 000/=", "TZS").prices, V{45000});
  EXPECT_EQ(Find("Kitenge dress 45 000/- TSh", "TZS").prices, V{45000});
  EXPECT_EQ(Find("Phone UGX 1 200 000", "UGX").prices, V{1200000});
  EXPECT_EQ(Find("Belt 2 500 bob").prices, V{2500});
  EXPECT_EQ(Find("Belt 45 000Frw", "RWF").prices, V{45000});  // a mark glued after
  // Every space that groups digits: NBSP, narrow NBSP, thin space; and the typographic apostrophe.
  EXPECT_EQ(Find("Sandals Ksh 3\u00A0200").prices, V{3200});
  EXPECT_EQ(Find("Jeans 9\u202F000 Frw", "RWF").prices, V{9000});
  EXPECT_EQ(Find("Jeans 19\u2009000 Frw", "RWF").prices, V{19000});
  EXPECT_EQ(Find("Earrings Ksh 1\u2019500").prices, V{1500});
  // Decimals after the last group.
  EXPECT_EQ(Find("Dress 12 500.50 Ksh").prices, V{12500.5});
  Found f = Find("Ksh 3 200");
  ASSERT_EQ(f.all.size(), 1u);
  EXPECT_EQ(f.all[0].first_token, 0u);
  EXPECT_EQ(f.all[0].last_token, 3u);  // the mark and both groups
  EXPECT_FALSE(f.all[0].risky);
}

TEST(Prices, ThousandsGroupedBySpacesWithACueOrAlone) {
  EXPECT_EQ(Find("Price: 3 200").prices, V{3200});
  EXPECT_EQ(Find("Simu bei 120 000", "TZS").prices, V{120000});
  EXPECT_EQ(Find("Simu bei 1 200 000", "UGX").prices, V{1200000});
  EXPECT_EQ(Find("Hoodie - 2 800").prices, V{2800});
  EXPECT_EQ(Find("Jacket 2 500 only").prices, V{2500});
  EXPECT_FALSE(MentionOf(Find("Price: 3 200"), 3200)->risky);
  // Nothing but item words before and the line's end after: joined, but marked risky.
  Found bare = Find("Leather socks 2 500");
  EXPECT_EQ(bare.prices, V{2500});
  EXPECT_TRUE(MentionOf(bare, 2500)->risky);
}

// One grammar of digit groups for every currency and separator: a group after the first is exactly
// three digits, any digits, 0 included ("1 050 000" is no "1,050" and a phone number "000").
TEST(Prices, GroupsThatStartWithZeroAreGroupsToo) {
  const char* seps[] = {" ", "\u00A0", "\u202F", "\u2009", "\u2019", "'", ",", "."};
  for (const char* sep : seps) {
    const std::string s(sep);
    SCOPED_TRACE("separator '" + s + "'");
    EXPECT_EQ(Find("Sneakers UGX 1" + s + "099" + s + "000", "UGX").prices, V{1099000});
    EXPECT_EQ(Find("Sneakers UGX 1" + s + "050" + s + "000", "UGX").prices, V{1050000});
    EXPECT_EQ(Find("Sofa 1" + s + "000" + s + "000 UGX", "UGX").prices, V{1000000});
    EXPECT_EQ(Find("Car UGX 25" + s + "050" + s + "000" + s + "000", "UGX").prices,
              V{25050000000.0});
    EXPECT_EQ(Find("Dress 2" + s + "050 Frw", "RWF").prices, V{2050});
    EXPECT_EQ(Find("Price: 3" + s + "000" + s + "500", "TZS").prices, V{3000500});
  }
  // With no mark and no cue the groups join when one of them starts with 0, marked risky.
  Found bare = Find("Leather sandals 3 000 500", "UGX");
  EXPECT_EQ(bare.prices, V{3000500});
  EXPECT_TRUE(MentionOf(bare, 3000500)->risky);
  // A phone number's groups starting with 0 stay the phone number's.
  Found phone = Find("Sofa UGX 1 050 000\nCall 0772 045 678", "UGX");
  EXPECT_EQ(phone.prices, V{1050000});
  ASSERT_EQ(phone.all.size(), 2u);
  EXPECT_EQ(phone.all[1].reason, NotPriceReason::kPhone);
  EXPECT_EQ(phone.all[1].last_token - phone.all[1].first_token, 3u);
}

TEST(Prices, SpacesThatSeparateNumbersDoNotGroupThem) {
  // Sizes, phone numbers, counts: never one amount.
  Found sizes = Find("Ladies shoes Sizes 38 40 42 Price 2,500");
  EXPECT_EQ(sizes.prices, V{2500});
  Found phone = Find("Call 0712 345 678 for hoodies 1,500");
  EXPECT_EQ(phone.prices, V{1500});
  ASSERT_FALSE(phone.all.empty());
  EXPECT_EQ(phone.all[0].reason, NotPriceReason::kPhone);
  EXPECT_EQ(phone.all[0].last_token - phone.all[0].first_token, 3u);
  EXPECT_EQ(Find("Socks 2 pcs 500").prices, V{500});
  EXPECT_TRUE(Find("Buy 2 500ml bottles").prices.empty());
  // A list of three-digit prices after a cue is no single number; nor are two without a mark.
  EXPECT_EQ(MentionOf(Find("Prices: 500 700 900"), 500700900.0), nullptr);
  EXPECT_EQ(MentionOf(Find("Price 150 200"), 150200.0), nullptr);
  // Digits after a model word stay apart ("iPhone 11 128 GB"), and a unit ends the groups.
  Found phone11 = Find("iPhone 11 128 GB 45 000 Frw", "RWF");
  EXPECT_EQ(phone11.prices, V{45000});
  EXPECT_EQ(MentionOf(phone11, 11128.0), nullptr);
  EXPECT_EQ(MentionOf(Find("Air Max 90 500"), 90500.0), nullptr);
  // Different separators are two numbers.
  EXPECT_EQ(MentionOf(Find("Ksh 1 200\u00A0000", "UGX"), 1200000.0), nullptr);
}

TEST(Prices, StrikeThroughMarksTheOldPrice) {
  Found md = Find("Bluetooth speaker ~~4,000~~ 3,200");
  EXPECT_EQ(md.prices, V{3200});
  EXPECT_EQ(md.olds, V{4000});
  Found tilde = Find("Handbag ~UGX 60,000~ now UGX 48,000", "UGX");
  EXPECT_EQ(tilde.prices, V{48000});
  EXPECT_EQ(tilde.olds, V{60000});
  EXPECT_TRUE(MentionOf(tilde, 60000)->risky);  // a single tilde is a weaker mark
  Found combining = Find("Sneakers 4\u03360\u03360\u03360\u0336 3,200");
  EXPECT_EQ(combining.prices, V{3200});
  EXPECT_EQ(combining.olds, V{4000});
  EXPECT_EQ(Find("Dress 4\u0335,\u03355\u03350\u03350\u0335 Ksh 3,900").olds, V{4500});
  EXPECT_EQ(Find("(~~Ksh 2,500~~) Ksh 1,999").olds, V{2500});
  // A tilde that only approximates or joins a range strikes nothing.
  EXPECT_EQ(Find("Bluetooth speaker ~3,000").prices, V{3000});
  EXPECT_TRUE(Find("Bluetooth speaker ~3,000").olds.empty());
  EXPECT_TRUE(Find("Speaker 500~800").olds.empty());
  EXPECT_TRUE(Find("Ksh 2,000 ~ Ksh 2,500").olds.empty());
}

TEST(Prices, MarksAndWordsBetweenTwoPrices) {
  Found now = Find("Ankara gown \u20A612,000 now \u20A69,500", "NGN");
  EXPECT_EQ(now.prices, V{9500});
  EXPECT_EQ(now.olds, V{12000});
  EXPECT_FALSE(MentionOf(now, 12000)->risky);
  Found cross = Find("Wireless earbuds Ksh 5,000 \u274C Ksh 4,200 \u2705");
  EXPECT_EQ(cross.prices, V{4200});
  EXPECT_EQ(cross.olds, V{5000});
  EXPECT_TRUE(MentionOf(cross, 5000)->risky);
  Found two_lines = Find("Wireless earbuds\nKsh 5,000 \u274C\nKsh 4,200 \u2705");
  EXPECT_EQ(two_lines.prices, V{4200});
  EXPECT_EQ(two_lines.olds, V{5000});
  EXPECT_TRUE(Find("Shirt Ksh 2,000\nTrousers Ksh 1,800").olds.empty());
  EXPECT_EQ(Find("Shoes 4,000 \u2192 3,200").olds, V{4000});
  EXPECT_EQ(Find("Shoes 4,000 -> 3,200").olds, V{4000});
  EXPECT_EQ(Find("Viatu 3,500 sasa 2,800").olds, V{3500});
  Found was = Find("Wig Now 3k (was 4.5k)");
  EXPECT_EQ(was.prices, V{3000});
  EXPECT_EQ(was.olds, V{4500});
  Found instead = Find("Sufuria set 2,800 instead of 3,500");
  EXPECT_EQ(instead.prices, V{2800});
  EXPECT_EQ(instead.olds, V{3500});
  EXPECT_EQ(Find("Sufuria badala ya 3,500 sasa 2,800").olds, V{3500});
  EXPECT_EQ(Find("Viatu ilikuwa 3,500 sasa 2,800").olds, V{3500});
  // No old price: a lower price first, item words between, or a raise.
  EXPECT_TRUE(Find("Sneakers 1,500 \U0001F449 Boots 2,000").olds.empty());
  EXPECT_TRUE(Find("Shirt 2,000 \u2192 Trouser 1,800").olds.empty());
  EXPECT_TRUE(Find("Small 1,500 now 2,000").olds.empty());
}

TEST(Prices, SpecificationUnitsAreNeverPrices) {
  for (const char* title :
       {"Solar panel 100W", "Power bank 20000mAh", "Gaming mouse 7200 DPI", "Smart TV 43 inch",
        "Samsung A15 8+128", "Rice cooker 1.8L", "Infinix Hot 40i 8GB RAM 128GB 2 years warranty",
        "Toyota 2022 model", "Fan 40W 220V 50Hz", "Iron box 1200 W 2 years warranty",
        "Blender 1.5 litres 600 watts", "Camera 24 MP 60 fps", "Tecno Spark 20 Pro 8+256 5000mAh",
        "Samsung 55 inch smart TV 4K UHD 2023", "Laptop bag 15.6 inch", "Oven 45 litres",
        "Hp Elitebook 840 G5 Core i5 8GB RAM 256GB SSD", "Inverter 1500 VA", "Router 300 Mbps"}) {
    EXPECT_TRUE(Find(title).prices.empty()) << title;
  }
  Found f = Find("Samsung A15 8+128");
  EXPECT_EQ(ReasonOf(f, 8), NotPriceReason::kUnit);
  EXPECT_EQ(ReasonOf(f, 128), NotPriceReason::kUnit);
  // A price written beside specs is still read.
  EXPECT_EQ(Find("Power bank 20000mAh Ksh 2,500").prices, V{2500});
}

// The units sellers sell by (spec_units.h IsQuantityUnit), Swahili and English, before or after
// their number: the number is a quantity, the price is the row's other amount.
TEST(Prices, QuantityUnitsBeforeOrAfterTheirNumberAreNotPrices) {
  EXPECT_EQ(Find("Gramu 250 - 9 000\nKilo 1 - 30,000", "TZS").prices, (V{9000, 30000}));
  EXPECT_EQ(Find("Mililita 500 - 600", "TZS").prices, V{600});
  EXPECT_EQ(Find("Kilo 5 - 1 200", "TZS").prices, V{1200});
  EXPECT_EQ(Find("Debe 1 - 12,000\nGunia 1 - 90,000", "TZS").prices, (V{12000, 90000}));
  EXPECT_EQ(Find("250 gramu - 900\n2 debe: 23,000", "TZS").prices, (V{900, 23000}));
  EXPECT_EQ(Find("Pakiti 1 - 250").prices, V{250});
  EXPECT_EQ(ReasonOf(Find("Mililita 500 - 600", "TZS"), 500), NotPriceReason::kQuantity);
  EXPECT_EQ(ReasonOf(Find("Juisi 500 mililita 3,500", "TZS"), 500), NotPriceReason::kUnit);
  // A unit that belongs to the number before it binds nothing after it.
  EXPECT_EQ(Find("Flask 1.8 litres 35k", "UGX").prices, V{35000});
  EXPECT_EQ(Find("Asali safi 1 kilo 350").prices, V{350});
  EXPECT_EQ(Find("Sukari 5 kg 25 000", "TZS").prices, V{25000});
  EXPECT_EQ(Find("Mafuta ya nazi 1 pakiti 6 500", "TZS").prices, V{6500});
  // A year-shaped amount after a row's '=' or '@' is the row's price.
  EXPECT_EQ(Find("Ml 250 = 2000\nLitre 1 = 6 500 TSh", "TZS").prices, (V{2000, 6500}));
  // Single letters stay sizes: "L 2,500" is priced.
  EXPECT_EQ(Find("Hoodie size L 2,500").prices, V{2500});
}

// A bare price that only the unit lexicon tells from a quantity on its line is risky; so are digit
// groups joined by a thin or narrow space or a typographic apostrophe.
TEST(Prices, QuantitiesBesidePricesAndUnusualGroupsAreRisky) {
  EXPECT_TRUE(MentionOf(Find("Kilo 5 - 1 200", "TZS"), 1200)->risky);
  EXPECT_TRUE(MentionOf(Find("Gramu 250 - 9,000", "TZS"), 9000)->risky);
  EXPECT_TRUE(MentionOf(Find("Sukari 5 kg 25 000", "TZS"), 25000)->risky);
  // A unit glued after its number, or a written mark, leaves the price as sure as it was.
  EXPECT_FALSE(MentionOf(Find("Vanilla cake (1kg) - 2,000"), 2000)->risky);
  EXPECT_FALSE(MentionOf(Find("Kilo 5 - Ksh 1,200"), 1200)->risky);
  EXPECT_TRUE(MentionOf(Find("Sneakers UGX 1\u2009050\u2009000", "UGX"), 1050000)->risky);
  EXPECT_TRUE(MentionOf(Find("Earrings Ksh 1\u2019500"), 1500)->risky);
  EXPECT_FALSE(MentionOf(Find("Sneakers UGX 1 050 000", "UGX"), 1050000)->risky);
  // A short head group after a two-word name may be the model's number, the mark after it or not.
  EXPECT_TRUE(MentionOf(Find("Tecno Spark 20 112 USD", "USD"), 20112)->risky);
  EXPECT_FALSE(MentionOf(Find("Shoes 3 500 Frw", "RWF"), 3500)->risky);
  EXPECT_FALSE(MentionOf(Find("Sneakers UGX 1\u00A0050\u00A0000", "UGX"), 1050000)->risky);
}

TEST(Prices, TinyAmountsWithAMarkAreFlagged) {
  Found f = Find("Chelsea boots KES 2");
  ASSERT_EQ(f.prices, V{2});
  EXPECT_TRUE(f.all[0].tiny);
  EXPECT_FALSE(Find("Chelsea boots KES 2,500").all[0].tiny);
  EXPECT_FALSE(Find("Socks $5", "USD").all[0].tiny);
  EXPECT_EQ(Find("Air Force 1 Kshs 3,350").prices, V{3350});
}

// Every spelling of the currency registry's caption marks (caption_marks.h), before, after and
// glued to a space-grouped amount, names its currency.
TEST(Prices, EveryLocalSpellingOfACurrency) {
  struct Case {
    const char* store;
    const char* mark;
    const char* iso;
    bool before, after, glued;
  };
  const Case cases[] = {{"KES", "Ksh", "KES", true, true, true},
                        {"KES", "Kshs", "KES", true, true, true},
                        {"KES", "KES", "KES", true, true, true},
                        {"KES", "Sh", "KES", true, true, true},
                        {"KES", "shs", "KES", true, true, true},
                        {"UGX", "USh", "UGX", true, true, true},
                        {"UGX", "UShs", "UGX", true, true, false},
                        {"UGX", "UGX", "UGX", true, true, true},
                        {"UGX", "Shs", "UGX", true, true, true},
                        {"TZS", "TSh", "TZS", true, true, true},
                        {"TZS", "Tshs", "TZS", true, true, true},
                        {"TZS", "TZS", "TZS", true, true, true},
                        {"RWF", "Rwf", "RWF", true, true, true},
                        {"RWF", "Frw", "RWF", true, true, true},
                        {"RWF", "FRW", "RWF", true, true, true},
                        {"RWF", "Frws", "RWF", true, true, false},
                        {"NGN", "NGN", "NGN", true, true, true},
                        {"NGN", "N", "NGN", false, false, true},
                        {"KES", "USD", "USD", true, true, true},
                        {"KES", "EUR", "EUR", true, true, true},
                        {"KES", "GBP", "GBP", true, true, true},
                        {"KES", "bob", "KES", false, true, false},
                        {"KES", "shillings", "KES", false, true, false},
                        {"TZS", "shilingi", "TZS", false, true, false},
                        {"KES", "dollars", "USD", false, true, false},
                        {"NGN", "naira", "NGN", false, true, false},
                        {"KES", "euros", "EUR", false, true, false}};
  for (const Case& c : cases) {
    const std::string mark = c.mark;
    std::vector<std::string> captions;
    if (c.before) captions.push_back("Leather bag " + mark + " 3 500");
    if (c.after) captions.push_back("Leather bag 3 500 " + mark);
    if (c.glued) captions.push_back("Leather bag " + mark + "3,500");
    for (const std::string& caption : captions) {
      Found f = Find(caption, c.store);
      ASSERT_EQ(f.prices, V{3500}) << caption;
      const Money* m = MentionOf(f, 3500);
      EXPECT_EQ(m->currency, c.iso) << caption;
      EXPECT_TRUE(m->explicit_currency) << caption;
    }
  }
  // Symbols are their own tokens.
  EXPECT_EQ(MentionOf(Find("Bag \u20A63 500", "NGN"), 3500)->currency, "NGN");
  EXPECT_EQ(MentionOf(Find("Bag $3 500", "KES"), 3500)->currency, "USD");
  // A word that is no mark leaves the amount bare.
  EXPECT_FALSE(MentionOf(Find("Leather bag Kenya 3,500"), 3500)->explicit_currency);
}

TEST(Prices, SpaceGroupsInListsRangesAndStrikes) {
  EXPECT_EQ(Find("1. Cargo pants, sizes 30, 32, 34, 36 - 1 700").prices, V{1700});
  EXPECT_EQ(Find("Jordan 4 Retro, sizes 40-45 - 4 800").prices, V{4800});
  EXPECT_EQ(Find("Prices range 6 500 - 9 000 depending on density").prices, (V{6500, 9000}));
  EXPECT_EQ(Find("Bunch 25 000 - 35 000 depending on size", "UGX").prices, (V{25000, 35000}));
  EXPECT_EQ(Find("5. Trench coat (M) 1 200").prices, V{1200});
  EXPECT_EQ(Find("Abaya 3 500 (sizes 52, 54, 56)").prices, V{3500});
  Found strike = Find("Now 12 500 ~~15 000~~");
  EXPECT_EQ(strike.prices, V{12500});
  EXPECT_EQ(strike.olds, V{15000});
  Found from = Find("From 45 000 to 35 000 this week only", "UGX");
  EXPECT_EQ(from.prices, V{35000});
  EXPECT_EQ(from.olds, V{45000});
  Found instead = Find("Now Ksh 2 800 instead of 3 500");
  EXPECT_EQ(instead.prices, V{2800});
  EXPECT_EQ(instead.olds, V{3500});
  // A count, a model, a size or another number before the head keeps the digits apart.
  EXPECT_EQ(MentionOf(Find("Pack of 3 500"), 3500.0), nullptr);
  EXPECT_EQ(MentionOf(Find("Form 4 100 students"), 4100.0), nullptr);
  EXPECT_EQ(MentionOf(Find("Samsung A15 8 128"), 8128.0), nullptr);
  EXPECT_EQ(MentionOf(Find("Shoes size 42 3 500"), 3500.0), nullptr);
  EXPECT_EQ(MentionOf(Find("Bottles 2 500 ml"), 2500.0), nullptr);
}

TEST(Prices, SlashMarksTakeTheStoreOrTheNamedCurrency) {
  Found named = Find("Air Jordan 1 - 65,000/= RWF", "RWF");
  ASSERT_EQ(named.prices, V{65000});
  EXPECT_EQ(MentionOf(named, 65000)->currency, "RWF");
  EXPECT_EQ(MentionOf(named, 65000)->last_token, 8u);  // through "RWF", the last token
  EXPECT_EQ(Find("Agaseke basket 8,000/-", "RWF").all[0].currency, "RWF");
  EXPECT_EQ(Find("Kanga 45,000/= TSh", "KES").all[0].currency, "TZS");
  EXPECT_EQ(Find("Bag 1,500/=", "UGX").all[0].currency, "UGX");
  EXPECT_EQ(Find("Wig ~~15,000/=~~ 12,500/=").olds, V{15000});
}

TEST(Prices, CapitalsSayNothingAboutModelNumbers) {
  EXPECT_EQ(Find("BANANA BREAD LOAF 650").prices, V{650});
  EXPECT_EQ(Find("1. HOOP EARRINGS 450").prices, V{450});
  EXPECT_TRUE(Find("Dell Latitude 7490").prices.empty());
  EXPECT_TRUE(Find("DELL LATITUDE 7490").prices.empty());
  // Version numbers are part of the name.
  EXPECT_TRUE(Find("Flash disk 64GB\n64GB USB 3.0", "USD").prices.empty());
  EXPECT_TRUE(Find("Speaker with Bluetooth 5.0").prices.empty());
  EXPECT_EQ(Find("Flash disk 64GB USB 3.0 $7", "USD").prices, V{7});
  EXPECT_EQ(Find("Soap bar $2.5", "USD").prices, V{2.5});
}

TEST(Prices, LongBareAmountsNeedAListCueOrAnItemLine) {
  EXPECT_EQ(Find("Belo la jeans - 750000", "TZS").prices, V{750000});
  EXPECT_FALSE(MentionOf(Find("Belo la jeans - 750000", "TZS"), 750000)->risky);
  Found range = Find("iPhone 14 Pro 256GB - from 115000 to 108000");
  EXPECT_EQ(range.prices, V{108000});
  EXPECT_EQ(range.olds, V{115000});
  Found bench = Find("Weight bench 450000", "UGX");
  EXPECT_EQ(bench.prices, V{450000});
  EXPECT_TRUE(MentionOf(bench, 450000)->risky);
  // Till, paybill and account numbers stay what they are.
  EXPECT_TRUE(Find("Till 5512873").prices.empty());
  EXPECT_TRUE(Find("Lipa na M-Pesa 5544332").prices.empty());
  EXPECT_TRUE(Find("Paybill 247247 Acc 1234").prices.empty());
  EXPECT_TRUE(Find("Shoes 2,500\n5512873").olds.empty());
  EXPECT_EQ(Find("Shoes 2,500\n5512873").prices, V{2500});
  EXPECT_TRUE(Find("Orders 12345678").prices.empty());
  EXPECT_TRUE(Find("Airtel merchant code 1234567", "UGX").prices.empty());
  EXPECT_TRUE(Find("MoMo pay code 402211", "UGX").prices.empty());
  // USSD codes are dialled, not paid.
  Found ussd = Find("MoMo pay *182*8*1*042211#", "RWF");
  EXPECT_TRUE(ussd.prices.empty());
  EXPECT_EQ(ReasonOf(ussd, 182), NotPriceReason::kPhone);
}

TEST(Prices, AMarkClosingOneAmountDoesNotOpenTheNext) {
  Found f = Find("Air fryer 9,500 Ksh \u2192 7,999 Ksh");
  EXPECT_EQ(f.prices, V{7999});
  EXPECT_EQ(f.olds, V{9500});
  EXPECT_LT(MentionOf(f, 9500)->last_token, MentionOf(f, 7999)->first_token + 1);
}

TEST(Prices, MoneyWordsNameNoItem) {
  for (const char* w :
       {"ilikuwa", "was", "kabla", "zamani", "instead", "ksh", "frw", "bob", "naira"}) {
    EXPECT_TRUE(IsMoneyWord(w)) << w;
  }
  for (const char* w : {"regular", "jeans", "price", "shoes"}) EXPECT_FALSE(IsMoneyWord(w)) << w;
  // An old-price line of its own is the item's old price, not a second item.
  Post post;
  post.caption = "Mom jeans now in stock\nTSh 32,500 only\nIlikuwa 39,500\nTap the link to order";
  post.store_currency = "TZS";
  const Extraction x = Extract(post);
  ASSERT_EQ(x.products.size(), 1u);
  EXPECT_EQ(x.products[0].price, 32500.0);
  EXPECT_EQ(x.products[0].old_price, 39500.0);
}

TEST(Prices, FeeTablesAndYearTablesPriceNothing) {
  Found fees =
      Find("Delivery fees \U0001F69A\nCBD - Ksh 100\nWestlands - Ksh 200\nThika - Ksh 500");
  EXPECT_TRUE(fees.prices.empty());
  EXPECT_EQ(ReasonOf(fees, 200), NotPriceReason::kFee);
  EXPECT_TRUE(
      Find("Bei za delivery\nIkeja - \u20A61,500\nLekki - \u20A63,000", "NGN").prices.empty());
  EXPECT_TRUE(Find("Our delivery charges per area\nCBD: 100\nRongai: 400").prices.empty());
  EXPECT_TRUE(Find("Usafirishaji Dar TSh 3,000", "TZS").prices.empty());
  Found years =
      Find("Thank you for 10,000 followers\n2021 - 200 followers\n2022 - 2,500\n2023 - 10,000");
  EXPECT_TRUE(years.prices.empty());
  // Not tables: a free-delivery line over priced items, item rows, a single dated row.
  EXPECT_EQ(Find("Free delivery in Nairobi\nCBD - 1,500\nThika - 2,000").prices, (V{1500, 2000}));
  EXPECT_EQ(Find("Delivery fees apply\nHoodie - 1,500\nJeans - 2,000").prices, (V{1500, 2000}));
  EXPECT_EQ(Find("Toyota 2012 model - 1,200,000").prices, V{1200000});
  EXPECT_EQ(Find("2022 - 2,500").prices, V{2500});
}

// Fee rows need no separator when the amount ends the row, may hold numbers of their own, and a
// carriage word alone heads a table.
TEST(Prices, FeeTablesInMoreLayouts) {
  Found bare = Find("Usafirishaji \U0001F6F5\nKariakoo 2,000\nMbezi 4,000\nKigamboni 5,000", "TZS");
  EXPECT_TRUE(bare.prices.empty());
  EXPECT_EQ(ReasonOf(bare, 4000), NotPriceReason::kFee);
  EXPECT_TRUE(Find("Bei za delivery\nMjini 2,000\nNje ya mji 5,000", "TZS").prices.empty());
  EXPECT_TRUE(Find("Delivery zones and fees\nZone A (within 5km) - 200\nZone B (5-10km) - 350")
                  .prices.empty());
  EXPECT_TRUE(Find("Delivery:\nCBD 100\nRongai 400").prices.empty());
  // Rows naming items stay priced under the same headers.
  EXPECT_EQ(Find("Delivery available\nHoodies 1,500\nJeans 2,000").prices, (V{1500, 2000}));
  EXPECT_EQ(Find("Usafirishaji bure\nSufuria 3,000\nSahani 500").prices, (V{3000, 500}));
  // A carriage word with more words is no header.
  EXPECT_EQ(Find("Delivery in Kigali today\nBrochette 1,500\nAkabenz 3,000", "RWF").prices,
            (V{1500, 3000}));
}

}  // namespace
}  // namespace vendly::internal
