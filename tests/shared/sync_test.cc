#include "vendly/sync.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace vendly {
namespace {

using List = std::vector<std::string>;

Draft Base() {
  Draft d;
  d.name = "Red Dress";
  d.description = "Flowing red dress.";
  d.price = 1500;
  d.currency = "KES";
  d.category = "Fashion & Apparel";
  d.sizes = {"S", "M", "L"};
  d.colors = {"red"};
  d.tags = {"dress"};
  return d;
}

TEST(Sync, NothingChangedIsNothingToDo) {
  SyncResult r = SyncMerge(Base(), Base(), Base(), false);
  EXPECT_TRUE(r.conflicts.empty());
  EXPECT_TRUE(r.updated.empty());
  EXPECT_EQ(DraftToJson(r.merged), DraftToJson(Base()));
}

TEST(Sync, UnchangedBySellerFollowsTheirs) {
  Draft theirs = Base();
  theirs.price = 1800;
  theirs.name = "Red Maxi Dress";
  SyncResult r = SyncMerge(Base(), theirs, Base(), false);
  EXPECT_TRUE(r.conflicts.empty());
  EXPECT_EQ(r.merged.price, 1800);
  EXPECT_EQ(r.merged.name, "Red Maxi Dress");
  EXPECT_EQ(r.updated, (List{"name", "price"}));
}

TEST(Sync, ChangedOnlyBySellerKeepsOurs) {
  Draft ours = Base();
  ours.name = "Crimson Evening Dress";
  ours.price = 2000;
  SyncResult r = SyncMerge(Base(), Base(), ours, false);
  EXPECT_TRUE(r.conflicts.empty());
  EXPECT_TRUE(r.updated.empty());
  EXPECT_EQ(r.merged.name, "Crimson Evening Dress");
  EXPECT_EQ(r.merged.price, 2000);
}

TEST(Sync, ChangedByBothDifferentlyIsAConflict) {
  Draft theirs = Base();
  theirs.price = 1800;
  Draft ours = Base();
  ours.price = 2000;
  SyncResult r = SyncMerge(Base(), theirs, ours, false);
  ASSERT_EQ(r.conflicts.size(), 1u);
  EXPECT_EQ(r.conflicts[0].field, "price");
  EXPECT_EQ(r.conflicts[0].base, 1500);
  EXPECT_EQ(r.conflicts[0].theirs, 1800);
  EXPECT_EQ(r.conflicts[0].ours, 2000);
  EXPECT_EQ(r.merged.price, 2000);  // ours until the seller decides
  EXPECT_TRUE(r.updated.empty());
}

TEST(Sync, ChangedByBothToTheSameValueIsNoConflict) {
  Draft theirs = Base();
  theirs.price = 1800;
  theirs.category = "Other";
  Draft ours = theirs;
  SyncResult r = SyncMerge(Base(), theirs, ours, false);
  EXPECT_TRUE(r.conflicts.empty());
  EXPECT_EQ(r.merged.price, 1800);
  EXPECT_TRUE(r.updated.empty());
}

TEST(Sync, PriceRemovedVersusPriceChangedIsAConflictWithNull) {
  Draft theirs = Base();
  theirs.price.reset();  // "DM for price" now
  Draft ours = Base();
  ours.price = 1700;
  SyncResult r = SyncMerge(Base(), theirs, ours, false);
  ASSERT_EQ(r.conflicts.size(), 1u);
  EXPECT_TRUE(r.conflicts[0].theirs.is_null());
  nlohmann::ordered_json j = ToJson(r);
  EXPECT_EQ(j["conflicts"][0]["field"], "price");
  EXPECT_TRUE(j["conflicts"][0]["theirs"].is_null());
}

TEST(Sync, WhitespaceAndCaseTheRulesFixAreNoChange) {
  Draft ours = Base();
  ours.name = "  Red   Dress ";
  ours.currency = "kes";
  ours.colors = {"Nyekundu"};
  Draft theirs = Base();
  theirs.name = "Red Midi Dress";
  SyncResult r = SyncMerge(Base(), theirs, ours, false);
  EXPECT_TRUE(r.conflicts.empty());
  EXPECT_EQ(r.merged.name, "Red Midi Dress");
  EXPECT_EQ(r.merged.currency, "KES");
  EXPECT_EQ(r.merged.colors, List{"red"});
}

TEST(Sync, SetsMergeElementWise) {
  Draft theirs = Base();
  theirs.sizes = {"S", "M", "L", "XL"};  // the caption added XL
  Draft ours = Base();
  ours.sizes = {"M", "L"};  // the seller sold out of S
  SyncResult r = SyncMerge(Base(), theirs, ours, false);
  EXPECT_TRUE(r.conflicts.empty());
  EXPECT_EQ(r.merged.sizes, (List{"M", "L", "XL"}));
  EXPECT_EQ(r.updated, List{"sizes"});

  theirs.sizes = {"S", "M"};  // the caption dropped L
  ours.sizes = {"S", "M", "L", "XXL"};
  EXPECT_EQ(SyncMerge(Base(), theirs, ours, false).merged.sizes, (List{"S", "M", "XXL"}));
}

TEST(Sync, OneSideUnchangedListGivesTheOtherExactly) {
  Draft theirs = Base();
  theirs.tags = {"maxi", "dress"};
  EXPECT_EQ(SyncMerge(Base(), theirs, Base(), false).merged.tags, (List{"maxi", "dress"}));
  Draft ours = Base();
  ours.tags = {};
  EXPECT_TRUE(SyncMerge(Base(), Base(), ours, false).merged.tags.empty());
}

TEST(Sync, SoldOutPassesThrough) {
  EXPECT_TRUE(SyncMerge(Base(), Base(), Base(), true).sold_out);
  EXPECT_FALSE(SyncMerge(Base(), Base(), Base(), false).sold_out);
  EXPECT_EQ(ToJson(SyncMerge(Base(), Base(), Base(), true))["merged"]["sold_out"], true);
}

TEST(Sync, ConflictsComeInFieldOrder) {
  Draft theirs = Base();
  theirs.category = "Other";
  theirs.name = "A";
  theirs.currency = "UGX";
  Draft ours = Base();
  ours.category = "Home & Living";
  ours.name = "B";
  ours.currency = "USD";
  SyncResult r = SyncMerge(Base(), theirs, ours, false);
  ASSERT_EQ(r.conflicts.size(), 3u);
  EXPECT_EQ(r.conflicts[0].field, "name");
  EXPECT_EQ(r.conflicts[1].field, "currency");
  EXPECT_EQ(r.conflicts[2].field, "category");
}

TEST(Sync, NanPricesDoNotConfuseTheMerge) {
  Draft ours = Base();
  ours.price = std::nan("");
  SyncResult r = SyncMerge(Base(), Base(), ours, false);
  EXPECT_TRUE(r.conflicts.empty());
  EXPECT_TRUE(std::isnan(*r.merged.price));
  EXPECT_TRUE(ToJson(r)["merged"]["price"].is_null());
}

TEST(Sync, JsonShape) {
  nlohmann::ordered_json j = ToJson(SyncMerge(Base(), Base(), Base(), false));
  EXPECT_EQ(j.dump(),
            R"({"merged":{"name":"Red Dress","description":"Flowing red dress.","price":1500,)"
            R"("currency":"KES","compare_at_price":null,"category":"Fashion & Apparel",)"
            R"("sizes":["S","M","L"],"colors":["red"],"tags":["dress"],"sold_out":false},)"
            R"("conflicts":[],"updated":[]})");
}

}  // namespace
}  // namespace vendly
