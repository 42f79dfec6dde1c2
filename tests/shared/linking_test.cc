// The choice of linked account, from what tests/server/oauth_test.cc and sandbox_flow_test.cc
// assert of the OAuth callback (no_pages, no_instagram_account, multiple_pages with the Pages
// listed, a chosen Page linked, page_not_granted), without Graph or a database.
#include "vendly/linking.h"

#include <gtest/gtest.h>

namespace vendly {
namespace {

PageCandidate Page(const std::string& id, const std::string& ig = "") {
  return {id, "Page " + id, ig};
}

TEST(Linking, NoPageSharedIsNoPages) {
  LinkDecision d = ChooseLinkedAccount({}, std::nullopt);
  EXPECT_EQ(d.outcome, LinkOutcome::kNoPages);
  EXPECT_STREQ(LinkOutcomeCode(d.outcome), "no_pages");
  EXPECT_EQ(ChooseLinkedAccount({}, std::string("pg1")).outcome, LinkOutcome::kNoPages);
}

TEST(Linking, PagesWithoutInstagramAreNoInstagramAccount) {
  LinkDecision d = ChooseLinkedAccount({Page("pg1"), Page("pg2")}, std::nullopt);
  EXPECT_EQ(d.outcome, LinkOutcome::kNoInstagramAccount);
  EXPECT_STREQ(LinkOutcomeCode(d.outcome), "no_instagram_account");
  // A chosen Page does not change that: nothing shared has an Instagram account.
  EXPECT_EQ(ChooseLinkedAccount({Page("pg1")}, std::string("pg1")).outcome,
            LinkOutcome::kNoInstagramAccount);
}

TEST(Linking, TheOnePageWithInstagramIsLinked) {
  LinkDecision d = ChooseLinkedAccount({Page("pg1", "ig1")}, std::nullopt);
  EXPECT_EQ(d.outcome, LinkOutcome::kLink);
  EXPECT_EQ(d.chosen, 0u);
  EXPECT_STREQ(LinkOutcomeCode(d.outcome), "");
  // Pages without an account do not count as a choice.
  d = ChooseLinkedAccount({Page("pg0"), Page("pg1", "ig1"), Page("pg2")}, std::nullopt);
  EXPECT_EQ(d.outcome, LinkOutcome::kLink);
  EXPECT_EQ(d.chosen, 1u);
  EXPECT_TRUE(d.choices.empty());
}

TEST(Linking, SeveralPagesWithInstagramNeedTheSellersChoice) {
  LinkDecision d =
      ChooseLinkedAccount({Page("pg1", "ig1"), Page("pg-none"), Page("pg2", "ig2")}, std::nullopt);
  EXPECT_EQ(d.outcome, LinkOutcome::kChoosePage);
  EXPECT_STREQ(LinkOutcomeCode(d.outcome), "multiple_pages");
  ASSERT_EQ(d.choices.size(), 2u);  // only the Pages that can be linked, in Graph's order
  EXPECT_EQ(d.choices[0].page_id, "pg1");
  EXPECT_EQ(d.choices[1].page_id, "pg2");
  EXPECT_EQ(d.choices[1].page_name, "Page pg2");
}

TEST(Linking, TheChosenPageIsLinked) {
  const std::vector<PageCandidate> pages = {Page("pg1", "ig1"), Page("pg2", "ig2")};
  LinkDecision d = ChooseLinkedAccount(pages, std::string("pg2"));
  EXPECT_EQ(d.outcome, LinkOutcome::kLink);
  EXPECT_EQ(d.chosen, 1u);
  EXPECT_EQ(pages[d.chosen].ig_user_id, "ig2");
  // Also when it is the only Page shared.
  d = ChooseLinkedAccount({Page("pg1", "ig1")}, std::string("pg1"));
  EXPECT_EQ(d.outcome, LinkOutcome::kLink);
  EXPECT_EQ(d.chosen, 0u);
}

TEST(Linking, AChosenPageThatWasNotSharedOrHasNoInstagramIsNotGranted) {
  const std::vector<PageCandidate> pages = {Page("pg1", "ig1"), Page("pg2", "ig2"), Page("pg3")};
  LinkDecision d = ChooseLinkedAccount(pages, std::string("pg9"));
  EXPECT_EQ(d.outcome, LinkOutcome::kPageNotGranted);
  EXPECT_STREQ(LinkOutcomeCode(d.outcome), "page_not_granted");
  EXPECT_EQ(ChooseLinkedAccount(pages, std::string("pg3")).outcome, LinkOutcome::kPageNotGranted);
  // Page ids are compared exactly.
  EXPECT_EQ(ChooseLinkedAccount(pages, std::string("PG1")).outcome, LinkOutcome::kPageNotGranted);
}

}  // namespace
}  // namespace vendly
