// Segmentation: list posts give one product per item line; per-size and per-weight price lines of
// one item stay one product; shared sizes/colours lines apply to every item.
#include "segment.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace vendly::internal {
namespace {

struct Seg {
  std::string caption;
  Text text;
  std::vector<Money> money;
  Segmentation seg;
};

const Seg& Segmented(const std::string& caption) {
  static std::vector<std::unique_ptr<Seg>> keep;
  keep.push_back(std::make_unique<Seg>());
  Seg& s = *keep.back();
  s.caption = caption;
  Tokenise(s.caption, &s.text);
  s.money = FindMoney(s.text, "KES");
  s.seg = SegmentPost(s.text, s.money);
  return s;
}

TEST(Segment, NumberedListGivesOneItemPerLine) {
  const Seg& s = Segmented(
      "Weekend vibes 💃🏾\n1. Floral maxi dress - 1,800\n2. Black bodycon dress - 1,500\n"
      "3. Satin slip dress (pink, beige) - 2,000\nSizes S, M, L for all\nDM to order 📩");
  EXPECT_TRUE(s.seg.multi);
  ASSERT_EQ(s.seg.items.size(), 3u);
  EXPECT_TRUE(s.seg.list_layout);
  // The shared sizes line is shared, the contact line is not.
  ASSERT_EQ(s.seg.shared_lines.size(), 2u);
  EXPECT_EQ(s.seg.shared_lines[1], 4u);
}

TEST(Segment, PerWeightAndPerSizeLinesStayOneProduct) {
  EXPECT_EQ(Segmented("Red velvet cakes 🎂\n1kg - 2,500\n2kg - 4,500\n3kg - 6,500").seg.items.size(),
            1u);
  EXPECT_EQ(Segmented("Official shirts 👔\nS/M - 1,200\nL/XL - 1,400\nXXL - 1,600").seg.items.size(),
            1u);
  EXPECT_EQ(Segmented("Honey 🍯\n500g jar - 650\n1kg - 1,200\n3kg bucket - 3,400").seg.items.size(),
            1u);
  EXPECT_EQ(Segmented("Chin chin 😋\n4 litre bucket 12,000\n2 litre bucket 6,500").seg.items.size(),
            1u);
}

TEST(Segment, BulletsAndEmojiMarkers) {
  const Seg& s = Segmented(
      "Bag restock 👜\n📌 Tote bag (brown, black) - Ksh 1,500\n📌 Mini crossbody bag - Ksh 1,200\n"
      "📌 Laptop backpack - Ksh 2,800");
  EXPECT_EQ(s.seg.items.size(), 3u);
  const Seg& k = Segmented("Kitchen 🍳\n1️⃣ Pot set - 4,500\n2️⃣ Glass jars - 1,800");
  EXPECT_EQ(k.seg.items.size(), 2u);
}

TEST(Segment, TitleItemWithAPriceLineBeforeAnotherItem) {
  // "Ksh 16,500" names nothing: it prices the title; "Helmets 1,500" is a second item.
  const Seg& s = Segmented(
      "Mountain bikes 🚵🏾 now in stock\n26 inch, 21 speed\nKsh 16,500\nHelmets 1,500");
  ASSERT_EQ(s.seg.items.size(), 2u);
  EXPECT_TRUE(s.seg.items[0].title_item);
  EXPECT_EQ(s.seg.items[0].name_line, 0);
}

TEST(Segment, UnpricedListItemWithDmForPrice) {
  const Seg& s = Segmented(
      "Sneakers 👟\n1. Jordan 4 Retro - 4,800\n2. Vans Old Skool - 2,800\n"
      "3. New Balance 9060 - DM for price");
  EXPECT_EQ(s.seg.items.size(), 3u);
}

TEST(Segment, LineDescriptions) {
  const Seg& s = Segmented("Hoodies 🔥\nPrice: Ksh 2,200\nCall 0712 345 678\n#hoodies #nairobi");
  ASSERT_EQ(s.seg.lines.size(), 4u);
  EXPECT_FALSE(s.seg.lines[1].has_content);
  EXPECT_EQ(s.seg.lines[1].prices.size(), 1u);
  EXPECT_TRUE(s.seg.lines[2].contact);
  EXPECT_TRUE(s.seg.lines[3].hashtags_only);
  EXPECT_FALSE(s.seg.multi);
}

TEST(Segment, CommaListsOfPricedItemsAreSplit) {
  std::string caption = "Nyama choma 🍖 goat 900, beef 800, ugali 50";
  Text t;
  Tokenise(caption, &t);
  SplitItemLines(&t);
  EXPECT_EQ(t.lines.size(), 3u);
  // Fees, sizes and old/new pairs keep their line.
  for (const char* keep : {"Delivery within Lagos N2k, outside Lagos N4.5k", "Sizes 8, 10, 12",
                           "Bei ya zamani 85,000, sasa 65,000 tu", "KES 600 each, any 2 for 1,100",
                           "Core i7, 16GB RAM, 512GB SSD"}) {
    std::string s = keep;
    Text k;
    Tokenise(s, &k);
    SplitItemLines(&k);
    EXPECT_EQ(k.lines.size(), 1u) << keep;
  }
}

// The name line of a one-item post, spelled out.
std::string PostName(const std::string& caption) {
  const Seg& s = Segmented(caption);
  if (s.seg.multi || s.seg.items.empty() || s.seg.items[0].name_line < 0) return "";
  Segmentation seg = s.seg;
  return TitleName(s.text, &seg, static_cast<uint32_t>(s.seg.items[0].name_line)).text;
}

TEST(Segment, PhoneNamedFromItsModelLineNotTheSpecsOrHeader) {
  // Never "Year Warranty" from the next line, never the "Phone deals" header.
  EXPECT_EQ(PostName("Infinix Hot 40i 8+128\n1 Year Warranty\nKsh 16,500"), "Infinix Hot 40i");
  EXPECT_EQ(PostName("Phone deals 📱\nitel A70 (3+64GB)\nBrand new sealed, 12 months warranty\n"
                     "Price Ksh 9,500"),
            "Itel A70");
  EXPECT_EQ(PostName("Tecno Spark 20 Pro 8/256\n5000mAh battery, 50MP camera\nKsh 21,000"),
            "Tecno Spark 20 Pro");
  // A measure is no model token: "20A" does not outrank the item.
  EXPECT_EQ(PostName("Solar panel 200W monocrystalline\nWith 20A charge controller\nKsh 8,500"),
            "Solar Panel Monocrystalline");
}

TEST(Segment, SwahiliNameWithGlossUnderAMarketingLine) {
  EXPECT_EQ(PostName("Fresh from the farm 🌾\nMafuta ya nazi (coconut oil) 500ml\nKsh 600"),
            "Coconut Oil");
}

// The selling prices FindMoney and ReadMenuPrices read from `caption`, in caption order.
std::vector<double> MenuPrices(const std::string& caption, const char* store = "KES") {
  static std::vector<std::string> keep;
  keep.push_back(caption);
  Text t;
  Tokenise(keep.back(), &t);
  SplitItemLines(&t);
  std::vector<Money> money = FindMoney(t, store);
  ReadMenuPrices(t, &money);
  std::vector<double> out;
  for (const Money& m : money) {
    if (m.role == MoneyRole::kPrice) out.push_back(m.amount);
  }
  return out;
}

using Amounts = std::vector<double>;

TEST(Segment, MenuRowsWithSmallPricesArePriced) {
  EXPECT_EQ(MenuPrices("Today's menu\nChapati – 20\nMandazi – 10\nSamosa — 30"),
            (Amounts{20, 10, 30}));
  EXPECT_EQ(MenuPrices("Menu\nChapati - 20\nMandazi - 10"), (Amounts{20, 10}));
  // Glued en dashes are no model numbers.
  EXPECT_EQ(MenuPrices("Menu\nChapati–20\nMandazi–10"), (Amounts{20, 10}));
  EXPECT_EQ(MenuPrices("Chai: 30\nMandazi @ 10"), (Amounts{30, 10}));
  // On one line, separated by spaced slashes.
  EXPECT_EQ(MenuPrices("Breakfast ☕\nChapati – 20 / Mandazi – 10 / Samosa – 30"),
            (Amounts{20, 10, 30}));
}

TEST(Segment, NoMenuWithoutItemsOrWithOneRow) {
  EXPECT_EQ(MenuPrices("Sizes: S - 8\nM - 10"), Amounts{});
  EXPECT_EQ(MenuPrices("Opening hours\nMon - 8\nTue - 9"), Amounts{});
  // One row is no menu: "Form 3" stays no price.
  EXPECT_EQ(MenuPrices("Textbooks - 3"), Amounts{});
  // An ASCII hyphen glued to digits stays a model ("GT-20", "T-800").
  EXPECT_EQ(MenuPrices("Speakers\nSony GT-20\nJBL T-800"), Amounts{});
}

TEST(Segment, SpacedSlashSplitsPricedItemsOnly) {
  Text t;
  std::string caption = "Menu\nPilau – 250 / Chips masala – 200 / Soda 500ml – 80";
  Tokenise(caption, &t);
  SplitItemLines(&t);
  EXPECT_EQ(t.lines.size(), 4u);
  std::string sizes = "Sizes S / M / L\nKsh 1,500";
  Text u;
  Tokenise(sizes, &u);
  SplitItemLines(&u);
  EXPECT_EQ(u.lines.size(), 2u);
}

}  // namespace
}  // namespace vendly::internal
