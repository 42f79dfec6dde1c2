// Is-product cues: giveaways, announcements, testimonials, greetings, teasers, memes, order cues.
#include "classify.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

}  // namespace
}  // namespace vendly::internal
