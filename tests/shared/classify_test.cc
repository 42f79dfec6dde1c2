// Is-product cues: giveaways, announcements, testimonials, greetings, teasers, memes, order cues.
#include "classify.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "prices.h"
#include "segment.h"
#include "vendly/extract.h"

namespace vendly::internal {
namespace {

PostCues Cues(const std::string& caption) {
  static std::vector<std::string> keep;
  keep.push_back(caption);
  Text t;
  Tokenise(keep.back(), &t);
  return ReadPostCues(t);
}

TEST(Classify, HardNonProductCues) {
  EXPECT_EQ(Cues("🎉 GIVEAWAY ALERT 🎉 To enter: follow us").non_product, "giveaway");
  EXPECT_TRUE(Cues("We're hiring! Send your CV via DM").hard);
  EXPECT_EQ(Cues("We will be closed from 24th to 27th December").non_product, "announcement");
  EXPECT_EQ(Cues("📍 WE HAVE MOVED 📍 Our new shop is at Moi Avenue").non_product, "announcement");
  EXPECT_EQ(Cues("Duka litafungwa leo, tutafungua kesho").non_product, "announcement");
}

// Job adverts and houses to let sell no item, whatever price they show; services are read as
// services ("to let us know" is no rent).
TEST(Classify, JobAndRentAdvertsAndServices) {
  EXPECT_TRUE(Cues("Sales lady needed. We are hiring, salary 15k").never_product);
  EXPECT_EQ(Cues("House to let in Kilimani, 2 bedroom").non_product, "rent advert");
  EXPECT_TRUE(Cues("Apartment for rent Kicukiro").never_product);
  EXPECT_TRUE(Cues("Bedsitter inapangishwa Rongai").never_product);
  EXPECT_TRUE(Cues("Chumba cha kupangisha Sinza").never_product);
  EXPECT_EQ(Cues("Remember to let us know your size").non_product, "");
  EXPECT_TRUE(Cues("Knotless braids at our salon, book an appointment").service);
  EXPECT_TRUE(Cues("Fumigation services for homes and offices").service);
  EXPECT_TRUE(Cues("Tents and chairs for hire").service);
  EXPECT_TRUE(Cues("Early bird tickets now on sale").service);
  EXPECT_FALSE(Cues("Knotless braiding hair, 3 packs").service);
  EXPECT_FALSE(Cues("Hisense 43 inch smart TV, free installation").service);
}

TEST(Classify, SoftNonProductCues) {
  EXPECT_EQ(Cues("Good morning beautiful people ☀️").non_product, "greeting");
  EXPECT_EQ(Cues("Customer review 😍 'Best lipstick ever' – Shiku").non_product, "testimonial");
  EXPECT_EQ(Cues("New stock dropping Friday, stay tuned 👀").non_product, "teaser");
  EXPECT_FALSE(Cues("Good morning").hard);
}

TEST(Classify, OrderCuesAndSoldOut) {
  EXPECT_TRUE(Cues("Our BBQ chicken pizza is back on the menu! Order on Glovo").order_cue);
  EXPECT_TRUE(Cues("SOLD OUT").sold_out);
  PostCues plain = Cues("Oversized hoodies Ksh 2,200");
  EXPECT_TRUE(plain.non_product.empty());
  EXPECT_FALSE(plain.sold_out);
}

// IsListingTitle over the caption's own segmentation and name line.
bool ListingTitle(const std::string& caption) {
  static std::vector<std::string> keep;
  keep.push_back(caption);
  Text t;
  Tokenise(keep.back(), &t);
  SplitItemLines(&t);
  std::vector<Money> money = FindMoney(t, "KES");
  Segmentation seg = SegmentPost(t, money);
  if (seg.items.empty() || seg.items[0].name_line < 0) return false;
  return IsListingTitle(t, seg, static_cast<uint32_t>(seg.items[0].name_line));
}

Extraction ExtractKes(const std::string& caption) {
  Post post;
  post.id = "t";
  post.store_currency = "KES";
  post.caption = caption;
  return Extract(post);
}

TEST(Classify, ListingTitlesAreTitles) {
  EXPECT_TRUE(ListingTitle("Ladies Block Heels Brand New"));
  EXPECT_TRUE(ListingTitle("HP EliteBook 840 G5 Core i5 8GB 256GB SSD"));
  EXPECT_TRUE(ListingTitle("3 Seater Sofa Grey Fabric\n0712 345 678"));
  EXPECT_TRUE(ListingTitle("Executive Office Chair High Back\n#officefurniture #nairobi"));
}

TEST(Classify, SentencesAreNoListingTitles) {
  EXPECT_FALSE(ListingTitle("Happy new month fam"));
  EXPECT_FALSE(ListingTitle("Love this dress 😍"));
  EXPECT_FALSE(ListingTitle("Our new shop is open in Westlands"));
  EXPECT_FALSE(ListingTitle("Who else needs a new handbag?"));
  EXPECT_FALSE(ListingTitle("Congratulations @amina_k on your new sofa"));
  // A long paragraph is no title, however item-like its words.
  EXPECT_FALSE(
      ListingTitle("Leather handbags leather shoes leather belts leather wallets leather "
                   "jackets leather sandals leather boots leather bags"));
  // Four lines of text are a post, not a title with its qualities.
  EXPECT_FALSE(ListingTitle("Leather Handbag\nBrown\nGenuine Leather\nMade In Kenya"));
}

TEST(Classify, ListingTitleIsAProductWithNoPrice) {
  for (const char* caption :
       {"Ladies Block Heels Brand New", "Men's Leather Chelsea Boots", "Baby Cot With Mattress",
        "Executive Office Chair High Back", "HP EliteBook 840 G5 Core i5 8GB 256GB SSD",
        "3 Seater Sofa Grey Fabric", "Samsung Galaxy A14 64GB Black"}) {
    Extraction x = ExtractKes(caption);
    ASSERT_TRUE(x.is_product) << caption;
    ASSERT_EQ(x.products.size(), 1u) << caption;
    // Never a price read from a spec or a count: 840, 256GB, 3 Seater, 64GB.
    EXPECT_FALSE(x.products[0].price.has_value()) << caption;
    EXPECT_EQ(x.products[0].currency, "KES") << caption;
  }
  EXPECT_EQ(ExtractKes("Men's Leather Chelsea Boots").products[0].name,
            "Men's Leather Chelsea Boots");
}

TEST(Classify, GreetingsAndGiveawaysStayNonProducts) {
  for (const char* caption :
       {"Happy new month fam", "Good vibes only ✨", "Thank you for 10k followers 🎉",
        "GIVEAWAY: win a leather handbag, tag 3 friends", "Leather handbags dropping Friday 👀",
        "Love this dress 😍", "Our new shop is open in Westlands"}) {
    EXPECT_FALSE(ExtractKes(caption).is_product) << caption;
  }
}

}  // namespace
}  // namespace vendly::internal
