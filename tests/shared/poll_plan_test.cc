// The poll plan of the incremental sync (shared/include/vendly/poll_plan.h), from what the sync and
// webhook integration tests assert: a new post becomes a draft within a few polls, in posting
// order, and a known post is never drafted twice; an edited caption is noticed; a deleted post is
// confirmed before its product is archived; polling backs off when quiet and stays inside the
// account's rate budget; a webhook's or manual poll waits out a throttle instead of failing; an
// approved product follows an edited caption where the seller did not change it, "SOLD OUT" marks
// it out of stock.
#include "vendly/poll_plan.h"

#include <gtest/gtest.h>

namespace vendly {
namespace {

constexpr long long kConnected = 1'800'000'000;  // the connection's creation, epoch seconds

ListedPost Post(const std::string& id, std::optional<long long> epoch = kConnected + 100,
                const std::string& hash = "h") {
  return {id, "2027-01-15T10:00:00+0000", epoch, hash};
}

KnownPost Known(std::optional<std::string> hash = std::string("h"), bool deleted = false) {
  return {true, deleted, std::move(hash)};
}

ListingPlan Quick() { return PlanListing(PollTrigger::kScheduled, false, -1, kConnected); }
ListingPlan Walk() { return PlanListing(PollTrigger::kScheduled, true, -1, kConnected); }

TEST(PollTrigger, NamesRoundTripAndUnknownNamesAreScheduled) {
  for (PollTrigger t : {PollTrigger::kScheduled, PollTrigger::kWebhook, PollTrigger::kManual})
    EXPECT_EQ(ParsePollTrigger(PollTriggerName(t)), t);
  EXPECT_EQ(ParsePollTrigger(""), PollTrigger::kScheduled);
  EXPECT_EQ(ParsePollTrigger("Webhook"), PollTrigger::kScheduled);
}

TEST(PollTrigger, TheSyncHistoryNamesEachTrigger) {
  EXPECT_STREQ(SyncTypeOf(PollTrigger::kScheduled), "incremental_sync");
  EXPECT_STREQ(SyncTypeOf(PollTrigger::kWebhook), "webhook_trigger");
  EXPECT_STREQ(SyncTypeOf(PollTrigger::kManual), "manual_refresh");
  EXPECT_STREQ(TriggerSourceOf(PollTrigger::kScheduled), "scheduled_job");
  EXPECT_STREQ(TriggerSourceOf(PollTrigger::kWebhook), "webhook");
  EXPECT_STREQ(TriggerSourceOf(PollTrigger::kManual), "user_initiated");
}

TEST(PollHistory, OnlyAScheduledPollWaitsUntilItFindsSomething) {
  EXPECT_FALSE(OpensHistoryUpFront(PollTrigger::kScheduled));
  EXPECT_TRUE(OpensHistoryUpFront(PollTrigger::kWebhook));
  EXPECT_TRUE(OpensHistoryUpFront(PollTrigger::kManual));
}

TEST(PollHistory, AScheduledPollRecordsOnlyItsLastFailedAttempt) {
  EXPECT_FALSE(RecordsListingFailure(PollTrigger::kScheduled, 1, 3));
  EXPECT_FALSE(RecordsListingFailure(PollTrigger::kScheduled, 2, 3));
  EXPECT_TRUE(RecordsListingFailure(PollTrigger::kScheduled, 3, 3));
  EXPECT_TRUE(RecordsListingFailure(PollTrigger::kWebhook, 1, 3));
  EXPECT_TRUE(RecordsListingFailure(PollTrigger::kManual, 1, 3));
}

TEST(ThrottledPoll, AWebhookOrManualPollWaitsAtMostTheLongestDefer) {
  ThrottledPoll t = PlanThrottledPoll(PollTrigger::kWebhook, 30, 3600, 15);
  EXPECT_TRUE(t.defer);
  EXPECT_EQ(t.seconds, 30);
  t = PlanThrottledPoll(PollTrigger::kManual, 5000, 3600, 15);
  EXPECT_TRUE(t.defer);
  EXPECT_EQ(t.seconds, 3600);
}

TEST(ThrottledPoll, AScheduledPollEndsAndItsChainComesBackAfterTheWait) {
  ThrottledPoll t = PlanThrottledPoll(PollTrigger::kScheduled, 30, 3600, 15);
  EXPECT_FALSE(t.defer);
  EXPECT_EQ(t.seconds, 30);
  t = PlanThrottledPoll(PollTrigger::kScheduled, 3, 3600, 15);
  EXPECT_EQ(t.seconds, 15) << "never sooner than the chain's floor";
  t = PlanThrottledPoll(PollTrigger::kScheduled, 9000, 3600, 15);
  EXPECT_EQ(t.seconds, 3600);
}

TEST(PlanListing, AWalkIsDueByTheIntervalOrAManualRefresh) {
  EXPECT_FALSE(PlanListing(PollTrigger::kScheduled, false, -1, kConnected).walk);
  EXPECT_FALSE(PlanListing(PollTrigger::kWebhook, false, -1, kConnected).walk);
  EXPECT_TRUE(PlanListing(PollTrigger::kScheduled, true, -1, kConnected).walk);
  EXPECT_TRUE(PlanListing(PollTrigger::kManual, false, -1, kConnected).walk);
  EXPECT_EQ(Quick().page_size, kPollPageSize);
  EXPECT_EQ(Walk().page_size, kWalkPageSize);
}

TEST(PlanListing, NoWalkFromHalfTheRateBudgetOn) {
  EXPECT_TRUE(PlanListing(PollTrigger::kManual, true, 49, kConnected).walk);
  EXPECT_FALSE(PlanListing(PollTrigger::kManual, true, 50, kConnected).walk);
  EXPECT_FALSE(PlanListing(PollTrigger::kScheduled, true, 95, kConnected).walk);
}

TEST(PlanListing, PostsShortlyBeforeTheConnectionAreNewToo) {
  EXPECT_EQ(Quick().since_epoch, kConnected - kSinceMarginSeconds);
  EXPECT_EQ(ClassifyPost(Post("a", kConnected - 30), {}, Quick().since_epoch), PostChange::kNew);
  EXPECT_EQ(ClassifyPost(Post("a", kConnected - 3600), {}, Quick().since_epoch),
            PostChange::kBeforeConnection);
  EXPECT_EQ(ClassifyPost(Post("a", std::nullopt), {}, Quick().since_epoch), PostChange::kNew)
      << "an unreadable timestamp is not a reason to drop a post";
}

TEST(ListingGoesOn, TheQuickPathStopsAtTheFirstKnownPost) {
  const ListingPlan plan = Quick();
  const std::vector<ListedPost> page = {Post("new1"), Post("old1")};
  EXPECT_TRUE(ListingGoesOn(plan, 1, 2, page, {}));
  EXPECT_FALSE(ListingGoesOn(plan, 1, 2, page, {{"old1", Known()}}));
  EXPECT_TRUE(ListingGoesOn(plan, 1, 2, page, {{"old1", KnownPost{}}}))
      << "an entry that says unknown is unknown";
}

TEST(ListingGoesOn, TheQuickPathStopsAtAPostOlderThanTheConnection) {
  const ListingPlan plan = Quick();
  EXPECT_FALSE(ListingGoesOn(plan, 1, 2, {Post("a"), Post("b", kConnected - 3600)}, {}));
  EXPECT_TRUE(ListingGoesOn(plan, 1, 2, {Post("a"), Post("b", std::nullopt)}, {}));
}

TEST(ListingGoesOn, TheQuickPathListsAtMostItsPages) {
  const ListingPlan plan = Quick();
  EXPECT_TRUE(ListingGoesOn(plan, kPollMaxPages - 1, 75, {Post("a")}, {}));
  EXPECT_FALSE(ListingGoesOn(plan, kPollMaxPages, 100, {Post("a")}, {}));
}

TEST(ListingGoesOn, AWalkListsTheRecentCatalogPastKnownPosts) {
  const ListingPlan plan = Walk();
  EXPECT_TRUE(ListingGoesOn(plan, 1, 100, {Post("a")}, {{"a", Known()}}));
  EXPECT_TRUE(ListingGoesOn(plan, 1, 100, {Post("a", kConnected - 99999)}, {}));
  EXPECT_FALSE(ListingGoesOn(plan, 2, kWalkPosts, {Post("a")}, {}));
}

TEST(ClassifyPost, AChangedCaptionHashIsAnEdit) {
  const long long since = Quick().since_epoch;
  EXPECT_EQ(ClassifyPost(Post("a", kConnected, "h2"), Known("h1"), since), PostChange::kEdited);
  EXPECT_EQ(ClassifyPost(Post("a", kConnected, "h1"), Known("h1"), since), PostChange::kUnchanged);
  EXPECT_EQ(ClassifyPost(Post("a", kConnected, "h2"), Known(std::nullopt), since),
            PostChange::kUnchanged)
      << "no hash recorded: nothing to compare";
  EXPECT_EQ(ClassifyPost(Post("a", kConnected, "h2"), Known("h1", true), since),
            PostChange::kUnchanged)
      << "a deleted post is not edited";
  EXPECT_EQ(ClassifyPost(Post("a", kConnected - 9999, "h2"), Known("h1"), since),
            PostChange::kEdited)
      << "an edit of an imported post older than the connection counts";
}

TEST(PlanPosts, NewPostsComeOldestFirstAndStopAtTheFirstKnownOne) {
  // Newest first, as Graph lists: n3 n2 n1 | k1 | n0 (a post unknown behind a known one, e.g.
  // deleted from the store: not this poll's business on the quick path).
  const std::vector<ListedPost> listed = {Post("n3"), Post("n2"), Post("n1"), Post("k1"),
                                          Post("n0")};
  const KnownPosts known = {{"k1", Known()}};
  PostPlan plan = PlanPosts(Quick(), listed, known);
  EXPECT_EQ(plan.fresh, (std::vector<std::size_t>{2, 1, 0}));
  EXPECT_TRUE(plan.edited.empty());
  plan = PlanPosts(Walk(), listed, known);
  EXPECT_EQ(plan.fresh, (std::vector<std::size_t>{4, 2, 1, 0})) << "a walk takes every new post";
}

TEST(PlanPosts, EditsAreFoundAmongTheKnownPostsListed) {
  const std::vector<ListedPost> listed = {Post("n1"), Post("k1", kConnected, "new"),
                                          Post("k2", kConnected, "same"), Post("old", 1)};
  const KnownPosts known = {{"k1", Known("was")}, {"k2", Known("same")}};
  PostPlan plan = PlanPosts(Quick(), listed, known);
  EXPECT_EQ(plan.fresh, (std::vector<std::size_t>{0}));
  EXPECT_EQ(plan.edited, (std::vector<std::size_t>{1}));
  plan = PlanPosts(Walk(), listed, known);
  EXPECT_EQ(plan.fresh, (std::vector<std::size_t>{0})) << "older than the connection: skipped";
}

TEST(PlanPosts, AKnownPostIsNeverNewAgain) {
  const std::vector<ListedPost> listed = {Post("a"), Post("b")};
  const KnownPosts known = {{"a", Known()}, {"b", Known()}};
  EXPECT_TRUE(PlanPosts(Quick(), listed, known).fresh.empty());
  EXPECT_TRUE(PlanPosts(Walk(), listed, known).fresh.empty());
  EXPECT_TRUE(PlanPosts(Quick(), {}, {}).fresh.empty());
}

TEST(PlanWalkWindow, AShortListingReachedTheAccountsFirstPost) {
  std::vector<ListedPost> listed(kWalkPosts - 1, Post("x"));
  EXPECT_FALSE(PlanWalkWindow(listed).from_timestamp);
  EXPECT_FALSE(PlanWalkWindow({}).from_timestamp);
  listed.push_back({"oldest", "2026-12-01T08:00:00+0000", 1, "h"});
  ASSERT_TRUE(PlanWalkWindow(listed).from_timestamp);
  EXPECT_EQ(*PlanWalkWindow(listed).from_timestamp, "2026-12-01T08:00:00+0000");
}

TEST(PlanMissingPosts, CatalogPostsAreConfirmedFirstAtMostTenAWalk) {
  std::vector<MissingPost> missing;
  missing.push_back({"seen-only", false});
  for (int i = 0; i < kMaxDeletionChecks + 2; ++i)
    missing.push_back({"p" + std::to_string(i), true});
  missing.push_back({"seen-only-2", false});
  const std::vector<MissingAction> actions = PlanMissingPosts(missing);
  ASSERT_EQ(actions.size(), missing.size());
  EXPECT_EQ(actions.front(), MissingAction::kMarkDeleted);
  EXPECT_EQ(actions.back(), MissingAction::kMarkDeleted) << "no check needed, none spent";
  int confirmed = 0, left = 0;
  for (MissingAction a : actions) {
    confirmed += a == MissingAction::kConfirmFirst;
    left += a == MissingAction::kLeave;
  }
  EXPECT_EQ(confirmed, kMaxDeletionChecks);
  EXPECT_EQ(left, 2);
  EXPECT_EQ(actions[kMaxDeletionChecks], MissingAction::kConfirmFirst);
  EXPECT_EQ(actions[kMaxDeletionChecks + 1], MissingAction::kLeave);
}

ProbeAnswer Error(int code, int subcode = 0, std::optional<bool> account_visible = {}) {
  ProbeAnswer a;
  a.code = code;
  a.subcode = subcode;
  a.account_visible = account_visible;
  return a;
}

TEST(JudgeProbe, OnlyGraphSayingThePostIsGoneArchivesIt) {
  ProbeAnswer found;
  found.found = true;
  EXPECT_EQ(JudgeProbe(found), ProbeVerdict::kStillThere);
  EXPECT_EQ(JudgeProbe(Error(100, 33, true)), ProbeVerdict::kDeleted);
  EXPECT_EQ(JudgeProbe(Error(2)), ProbeVerdict::kStillThere) << "an outage is no answer";
  EXPECT_EQ(JudgeProbe(Error(4)), ProbeVerdict::kStillThere);
  EXPECT_EQ(JudgeProbe(Error(100)), ProbeVerdict::kStillThere) << "a parameter error";
  ProbeAnswer rejected = Error(190, 460);
  rejected.token_rejected = true;
  EXPECT_EQ(JudgeProbe(rejected), ProbeVerdict::kStopWalk);
}

TEST(JudgeProbe, AnAmbiguousNotFoundOrAPermissionErrorNeverArchives) {
  EXPECT_TRUE(NeedsAccountCheck(Error(100, 33)));
  EXPECT_FALSE(NeedsAccountCheck(Error(100, 33, false)));
  EXPECT_FALSE(NeedsAccountCheck(Error(10)));
  EXPECT_EQ(JudgeProbe(Error(100, 33)), ProbeVerdict::kUnsure) << "account not checked";
  EXPECT_EQ(JudgeProbe(Error(100, 33, false)), ProbeVerdict::kUnsure)
      << "the token no longer reads the account: it lost sight, the post may be there";
  EXPECT_EQ(JudgeProbe(Error(10)), ProbeVerdict::kUnsure);
  EXPECT_EQ(JudgeProbe(Error(10, 0, true)), ProbeVerdict::kUnsure);
  EXPECT_EQ(JudgeProbe(Error(200)), ProbeVerdict::kUnsure);
  EXPECT_EQ(JudgeProbe(Error(299, 0, true)), ProbeVerdict::kUnsure);
}

TEST(PlanWalkEnd, ManyDeletedAnswersInOneWalkArchiveNothingAndTellTheSeller) {
  EXPECT_TRUE(PlanWalkEnd(0, 0).archive);
  EXPECT_FALSE(PlanWalkEnd(0, 0).tell);
  EXPECT_TRUE(PlanWalkEnd(kWalkDeletionPause - 1, 0).archive);
  EXPECT_FALSE(PlanWalkEnd(kWalkDeletionPause - 1, 0).tell);
  EXPECT_FALSE(PlanWalkEnd(kWalkDeletionPause, 0).archive);
  EXPECT_TRUE(PlanWalkEnd(kWalkDeletionPause, 0).tell);
  EXPECT_TRUE(PlanWalkEnd(1, 2).archive) << "a sure deletion is archived beside unsure ones";
  EXPECT_TRUE(PlanWalkEnd(1, 2).tell);
  EXPECT_LE(kWalkDeletionPause, kMaxDeletionChecks) << "a walk can reach the threshold";
}

Product Phone(const std::string& name, double price, bool sold_out = false) {
  Product p;
  p.name = name;
  p.description = name + ", brand new sealed.";
  p.price = price;
  p.currency = "UGX";
  p.sold_out = sold_out;
  return p;
}

TEST(FollowEdit, WhatTheSellerNeverChangedFollowsTheCaption) {
  const Product before = Phone("Samsung Galaxy A15", 650000);
  const Draft ours = DraftFromProduct(before);
  const ProductFollow f =
      FollowEdit(DraftFromProduct(before), Phone("Samsung Galaxy A15", 600000), ours, true);
  ASSERT_TRUE(f.merge.merged.price);
  EXPECT_DOUBLE_EQ(*f.merge.merged.price, 600000);
  EXPECT_TRUE(f.write_fields);
  EXPECT_TRUE(f.in_stock);
  EXPECT_TRUE(f.updated);
  EXPECT_TRUE(f.merge.conflicts.empty());
}

TEST(FollowEdit, BothChangingAFieldIsAConflictAndTheSellersValueStays) {
  const Product before = Phone("Samsung Galaxy A15", 650000);
  Draft ours = DraftFromProduct(before);
  ours.price = 640000;
  const ProductFollow f =
      FollowEdit(DraftFromProduct(before), Phone("Samsung Galaxy A15", 600000), ours, true);
  ASSERT_EQ(f.merge.conflicts.size(), 1u);
  EXPECT_EQ(f.merge.conflicts[0].field, "price");
  ASSERT_TRUE(f.merge.merged.price);
  EXPECT_DOUBLE_EQ(*f.merge.merged.price, 640000);
  EXPECT_FALSE(f.write_fields);
  EXPECT_FALSE(f.updated);
}

TEST(FollowEdit, SoldOutMarksTheProductOutOfStockOnce) {
  const Product before = Phone("Samsung Galaxy A15", 650000);
  const Product sold = Phone("Samsung Galaxy A15", 650000, true);
  const Draft ours = DraftFromProduct(before);
  ProductFollow f = FollowEdit(DraftFromProduct(before), sold, ours, true);
  EXPECT_FALSE(f.write_fields);
  EXPECT_FALSE(f.in_stock);
  EXPECT_TRUE(f.updated) << "the stock changed";
  f = FollowEdit(DraftFromProduct(before), sold, ours, false);
  EXPECT_FALSE(f.updated) << "already out of stock: nothing changed";
  f = FollowEdit(DraftFromProduct(before), before, ours, false);
  EXPECT_TRUE(f.in_stock) << "the caption no longer says sold out";
  EXPECT_TRUE(f.updated);
}

TEST(FollowEdit, WithoutABaseTheSellersProductIsKept) {
  Draft ours = DraftFromProduct(Phone("Samsung Galaxy A15", 650000));
  ours.name = "Galaxy A15 (sealed)";
  const ProductFollow f =
      FollowEdit(std::nullopt, Phone("Samsung Galaxy A15 128GB", 650000), ours, true);
  EXPECT_EQ(f.merge.merged.name, "Galaxy A15 (sealed)");
  EXPECT_TRUE(f.merge.conflicts.empty());
  EXPECT_FALSE(f.write_fields);
  EXPECT_FALSE(f.updated);
}

// NextPollSeconds, moved from the server (tests/server/sync_unit_test.cc) with its tests.
TEST(WebhookPollDelaySeconds, SpacesPollsAsTheBusiestScheduleWould) {
  EXPECT_EQ(WebhookPollDelaySeconds(-1, -1, 15, 300), 0) << "never polled: at once";
  EXPECT_EQ(WebhookPollDelaySeconds(4, -1, 15, 300), 11) << "15 s after the last poll began";
  EXPECT_EQ(WebhookPollDelaySeconds(15, -1, 15, 300), 0);
  EXPECT_EQ(WebhookPollDelaySeconds(900, 20, 15, 300), 0);
  // The rate budget stretches the spacing as it does the schedule's.
  EXPECT_EQ(WebhookPollDelaySeconds(0, 60, 15, 300), 30);
  EXPECT_EQ(WebhookPollDelaySeconds(0, 80, 15, 300), 300);
  EXPECT_EQ(WebhookPollDelaySeconds(0, 95, 15, 300), std::max(kBudgetPauseSeconds, 300));
}

TEST(NextPollSeconds, ActivityPollsAtTheMinimum) {
  EXPECT_EQ(NextPollSeconds(300, true, -1, 15, 300), 15);
  EXPECT_EQ(NextPollSeconds(15, true, 10, 15, 300), 15);
}

TEST(NextPollSeconds, QuietDoublesUpToTheMaximum) {
  EXPECT_EQ(NextPollSeconds(15, false, -1, 15, 300), 30);
  EXPECT_EQ(NextPollSeconds(120, false, -1, 15, 300), 240);
  EXPECT_EQ(NextPollSeconds(240, false, -1, 15, 300), 300);
  EXPECT_EQ(NextPollSeconds(300, false, -1, 15, 300), 300);
  EXPECT_EQ(NextPollSeconds(1, false, -1, 15, 300), 15);  // never below the minimum
}

TEST(NextPollSeconds, TheRateBudgetSlowsThenPausesPolling) {
  EXPECT_EQ(NextPollSeconds(15, true, 49, 15, 300), 15);
  EXPECT_EQ(NextPollSeconds(15, true, 50, 15, 300), 30);
  EXPECT_EQ(NextPollSeconds(15, true, 75, 15, 300), 300);
  EXPECT_EQ(NextPollSeconds(15, true, 90, 15, 300), kBudgetPauseSeconds);
  EXPECT_EQ(NextPollSeconds(15, true, 95, 15, 3600), 3600);  // the pause is at least the maximum
}

TEST(ThrottledPollSeconds, MetasEstimateOrTheBudgetPauseWhicheverIsLonger) {
  EXPECT_EQ(ThrottledPollSeconds(60, 15, 300), kBudgetPauseSeconds);
  EXPECT_EQ(ThrottledPollSeconds(5000, 15, 300), 5000);
  EXPECT_EQ(ThrottledPollSeconds(0, 15, 3600), 3600);
  EXPECT_EQ(ThrottledPollSeconds(0, 1000, 300), 1000) << "never before the floor";
}

TEST(PlanPollEnd, AQuietScheduledPollBacksOffAndLeavesNoReport) {
  const PollEnd end = PlanPollEnd(PollTrigger::kScheduled, {}, {}, 60, -1, 15, 300);
  EXPECT_EQ(end.history_status, "success");
  EXPECT_FALSE(end.active);
  EXPECT_TRUE(end.schedule_next);
  EXPECT_EQ(end.next_seconds, 120);
  EXPECT_FALSE(end.report);
}

TEST(PlanPollEnd, FindingPostsBringsTheNextPollCloser) {
  PostPlan posts;
  posts.fresh = {0};
  PollTally tally;
  tally.processed = 1;
  tally.drafts = 1;
  PollEnd end = PlanPollEnd(PollTrigger::kWebhook, posts, tally, 240, -1, 15, 300);
  EXPECT_TRUE(end.active);
  EXPECT_TRUE(end.schedule_next) << "an active webhook poll brings the chain forward";
  EXPECT_EQ(end.next_seconds, 15);
  EXPECT_TRUE(end.report);

  PollTally archived;
  archived.archived = 1;
  EXPECT_TRUE(PlanPollEnd(PollTrigger::kScheduled, {}, archived, 240, -1, 15, 300).active);
}

TEST(PlanPollEnd, AQuietWebhookPollLeavesTheChainAloneButIsReported) {
  const PollEnd end = PlanPollEnd(PollTrigger::kWebhook, {}, {}, 60, -1, 15, 300);
  EXPECT_FALSE(end.schedule_next);
  EXPECT_TRUE(end.report);
}

TEST(PlanPollEnd, AFailedPostMakesAPartialSuccess) {
  PostPlan posts;
  posts.edited = {0};
  PollTally tally;
  tally.processed = 1;
  tally.failed = 1;
  const PollEnd end = PlanPollEnd(PollTrigger::kScheduled, posts, tally, 60, 80, 15, 300);
  EXPECT_EQ(end.history_status, "partial_success");
  EXPECT_EQ(end.next_seconds, 300) << "the budget overrides the activity";
  EXPECT_TRUE(end.report);
}

}  // namespace
}  // namespace vendly
