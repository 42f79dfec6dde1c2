// Price finding: money mentions, their currencies, and the numbers that only look like prices.
#include "prices.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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
  EXPECT_TRUE(Find("Wholesale: dozen 3,000").prices.empty());
}

}  // namespace
}  // namespace vendly::internal
