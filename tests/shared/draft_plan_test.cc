// The draft lifecycle and a post's draft plan (shared/include/vendly/draft_plan.h), from what the
// scan and sync integration tests assert: scanning a post again updates its drafts and never
// duplicates them; approved and rejected drafts are left alone; an expired one comes back as
// pending; pending drafts of items the post no longer offers are removed; new drafts are
// auto-approved when the store says so and they are confident enough, existing ones never.
#include "vendly/draft_plan.h"

#include <gtest/gtest.h>

namespace vendly {
namespace {

using S = ApprovalStatus;

TEST(DraftPlan, AFirstScanInsertsEveryItem) {
  DraftPlan plan = PlanPostDrafts({0.5, 0.7}, {}, {});
  ASSERT_EQ(plan.items.size(), 2u);
  EXPECT_EQ(plan.items[0].action, DraftAction::kInsert);
  EXPECT_EQ(plan.items[1].item_index, 1);
  EXPECT_FALSE(plan.items[0].auto_approve);
  EXPECT_TRUE(plan.retire.empty());
}

TEST(DraftPlan, ARescanUpdatesPendingRevivesExpiredAndKeepsTheSellersDecisions) {
  DraftPlan plan = PlanPostDrafts(
      {0.9, 0.9, 0.9, 0.9},
      {{0, S::kPending}, {1, S::kExpired}, {2, S::kApproved}, {3, S::kRejected}}, {true, 0.5});
  EXPECT_EQ(plan.items[0].action, DraftAction::kUpdate);
  EXPECT_EQ(plan.items[1].action, DraftAction::kRevive);
  EXPECT_EQ(plan.items[2].action, DraftAction::kKeep);
  EXPECT_EQ(plan.items[3].action, DraftAction::kKeep);
  for (const auto& item : plan.items) EXPECT_FALSE(item.auto_approve) << item.item_index;
}

TEST(DraftPlan, ItemsThePostNoLongerOffersAreRetiredUnlessDecided) {
  DraftPlan plan = PlanPostDrafts(
      {0.8},
      {{0, S::kPending}, {1, S::kPending}, {2, S::kExpired}, {3, S::kApproved}, {4, S::kRejected}},
      {});
  EXPECT_EQ(plan.retire, (std::vector<int>{1, 2}));
}

TEST(DraftPlan, APostThatIsNoLongerAProductRetiresItsUndecidedDrafts) {
  DraftPlan plan = PlanPostDrafts({}, {{0, S::kPending}, {1, S::kApproved}}, {true, 0.1});
  EXPECT_TRUE(plan.items.empty());
  EXPECT_EQ(plan.retire, (std::vector<int>{0}));
}

TEST(DraftPlan, OnlyNewConfidentDraftsAreAutoApprovedAndOnlyWhenTheStoreSaysSo) {
  DraftPlan on = PlanPostDrafts({0.95, 0.9, 0.89}, {}, {true, 0.9});
  EXPECT_TRUE(on.items[0].auto_approve);
  EXPECT_TRUE(on.items[1].auto_approve) << "the threshold itself is enough";
  EXPECT_FALSE(on.items[2].auto_approve);
  DraftPlan off = PlanPostDrafts({0.99}, {}, {false, 0.9});
  EXPECT_FALSE(off.items[0].auto_approve);
}

TEST(DraftPlan, AHeldDraftIsNeverAutoApprovedHoweverConfident) {
  DraftPlan plan = PlanPostDrafts({0.99, 0.99, 0.99}, {}, {true, 0.1}, {true, false});
  EXPECT_FALSE(plan.items[0].auto_approve);  // e.g. its price disputed by the second opinion
  EXPECT_TRUE(plan.items[1].auto_approve);
  EXPECT_TRUE(plan.items[2].auto_approve) << "an item past the held list is not held";
}

TEST(DraftLifecycle, WhatTheSellerAndTimeMayDoInEachStatus) {
  EXPECT_TRUE(SellerMayEdit(S::kPending));
  EXPECT_FALSE(SellerMayEdit(S::kExpired));
  EXPECT_TRUE(SellerMayApprove(S::kPending));
  EXPECT_FALSE(SellerMayApprove(S::kRejected));
  EXPECT_TRUE(SellerMayReject(S::kRejected)) << "rejecting again changes the reason";
  EXPECT_FALSE(SellerMayReject(S::kApproved));
  EXPECT_TRUE(Expires(S::kPending));
  EXPECT_FALSE(Expires(S::kApproved));
  EXPECT_TRUE(PostDeletionRejects(S::kExpired));
  EXPECT_FALSE(PostDeletionRejects(S::kApproved));
}

TEST(DraftLifecycle, StatusNamesAndSets) {
  EXPECT_EQ(StatusesWhere(RescanRewrites), (std::vector<std::string>{"pending", "expired"}));
  EXPECT_EQ(StatusesWhere(SellerMayReject), (std::vector<std::string>{"pending", "rejected"}));
  EXPECT_EQ(ParseApprovalStatus("expired"), S::kExpired);
  EXPECT_FALSE(ParseApprovalStatus("archived").has_value());
  EXPECT_STREQ(ApprovalStatusName(S::kApproved), "approved");
}

}  // namespace
}  // namespace vendly
