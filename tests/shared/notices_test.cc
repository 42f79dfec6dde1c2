#include "vendly/notices.h"

#include <gtest/gtest.h>

namespace vendly {
namespace {

TEST(Notices, ScanCompletedCountsWhatTheScanDid) {
  Notice n = ScanCompletedNotice({12, 40, 0, 0});
  EXPECT_EQ(n.kind, "scan_completed");
  EXPECT_EQ(n.title, "Instagram scan finished");
  EXPECT_EQ(n.body, "12 product drafts ready to review from 40 posts.");
  EXPECT_EQ(ScanCompletedNotice({3, 5, 2, 1}).body,
            "3 product drafts ready to review from 5 posts; 2 approved automatically; 1 post could "
            "not be read.");
}

TEST(Notices, ScanCompletedSaysOneInTheSingular) {
  EXPECT_EQ(ScanCompletedNotice({1, 1, 0, 0}).body, "1 product draft ready to review from 1 post.");
  EXPECT_EQ(ScanCompletedNotice({0, 2, 0, 2}).body,
            "0 product drafts ready to review from 2 posts; 2 posts could not be read.");
}

TEST(Notices, ScanFailedCarriesTheReason) {
  Notice n = ScanFailedNotice("Instagram is limiting requests");
  EXPECT_EQ(n.kind, "scan_failed");
  EXPECT_EQ(n.title, "Instagram scan stopped");
  EXPECT_EQ(n.body, "Instagram is limiting requests");
}

TEST(Notices, DraftCreatedSaysWhetherItWasPublished) {
  Notice pending = DraftCreatedNotice("Chelsea boots", false);
  Notice published = DraftCreatedNotice("Chelsea boots", true);
  EXPECT_EQ(pending.kind, "draft_created");
  EXPECT_EQ(published.kind, "draft_created");
  EXPECT_EQ(pending.title, "New product draft from Instagram");
  EXPECT_EQ(pending.body, "Chelsea boots is ready to review.");
  EXPECT_EQ(published.title, "New product published from Instagram");
  EXPECT_EQ(published.body, "Chelsea boots was published automatically from your new post.");
}

TEST(Notices, SyncConflictListsTheFields) {
  Notice n = SyncConflictNotice("Kitenge dress", {"price", "oldPrice"});
  EXPECT_EQ(n.kind, "sync_conflict");
  EXPECT_EQ(n.title, "Instagram edit needs your choice");
  EXPECT_EQ(n.body,
            "The caption of Kitenge dress changed on Instagram where you had edited it too (price, "
            "oldPrice).");
}

TEST(Notices, ArchivedExpiredAndRemovedHaveTheirOwnKinds) {
  EXPECT_EQ(ProductArchivedNotice("Tote bag").body,
            "Tote bag was archived because its Instagram post was deleted.");
  EXPECT_EQ(ProductArchivedNotice("Tote bag").kind, "product_archived");
  EXPECT_EQ(ConnectionExpiredNotice().kind, "connection_expired");
  EXPECT_EQ(ConnectionExpiredNotice().title, "Reconnect Instagram");
  EXPECT_EQ(InstagramDataRemovedNotice().kind, "instagram_data_removed");
  EXPECT_EQ(InstagramDataRemovedNotice().title, "Instagram disconnected");
}

TEST(Notices, DeletionsHeldSaysWhatWasHeldAndWhatToCheck) {
  const Notice many = DeletionsHeldNotice(6, 0);
  EXPECT_EQ(many.kind, "deletions_held");
  EXPECT_NE(many.body.find("6 posts of your catalog were deleted at once"), std::string::npos);
  EXPECT_EQ(many.body.find("would not show"), std::string::npos);
  const Notice unsure = DeletionsHeldNotice(0, 1);
  EXPECT_NE(unsure.body.find("would not show us 1 post of"), std::string::npos);
  EXPECT_EQ(unsure.body.find("deleted at once"), std::string::npos);
  EXPECT_NE(unsure.body.find("linked to your Facebook Page"), std::string::npos);
}

// Meta's 190 subcodes each need a different step from the seller; "reconnect" alone is wrong for a
// checkpoint (459), an unconfirmed user (464) or a lost Page role (492).
TEST(Notices, MediaStorageFullSaysNothingIsLostAndNothingIsToDo) {
  const Notice n = MediaStorageFullNotice();
  EXPECT_EQ(n.kind, "media_storage_full");
  EXPECT_EQ(n.title, "Product photos are waiting");
  EXPECT_NE(n.body.find("nothing is lost"), std::string::npos) << n.body;
  EXPECT_NE(n.body.find("copied automatically"), std::string::npos) << n.body;
}

TEST(Notices, TokenInvalidAdviceNamesTheStepForEachSubcode) {
  EXPECT_NE(TokenInvalidAdvice(458).find("removed from your Facebook account"), std::string::npos);
  EXPECT_NE(TokenInvalidAdvice(459).find("security check"), std::string::npos);
  EXPECT_NE(TokenInvalidAdvice(459).find("facebook.com"), std::string::npos);
  EXPECT_NE(TokenInvalidAdvice(460).find("password was changed"), std::string::npos);
  EXPECT_NE(TokenInvalidAdvice(463).find("expired"), std::string::npos);
  EXPECT_NE(TokenInvalidAdvice(464).find("not confirmed"), std::string::npos);
  EXPECT_NE(TokenInvalidAdvice(492).find("no longer have a role on the Facebook Page"),
            std::string::npos);
  EXPECT_NE(TokenInvalidAdvice(492).find("admin"), std::string::npos);
  const std::string fallback =
      "Instagram stopped accepting our access. Reconnect to keep your catalog in sync.";
  EXPECT_EQ(TokenInvalidAdvice(0), fallback);
  EXPECT_EQ(TokenInvalidAdvice(467), fallback) << "invalid token: reconnect";
  EXPECT_EQ(TokenInvalidAdvice(12345), fallback);
  const int subcodes[] = {458, 459, 460, 463, 464, 492};
  for (int a : subcodes) {
    EXPECT_NE(TokenInvalidAdvice(a), fallback) << a;
    EXPECT_NE(TokenInvalidAdvice(a).find("econnect"), std::string::npos)
        << a << " says to reconnect";
    for (int b : subcodes) {
      if (a != b) {
        EXPECT_NE(TokenInvalidAdvice(a), TokenInvalidAdvice(b)) << a << " vs " << b;
      }
    }
  }
}

TEST(Notices, ConnectionExpiredCarriesTheSubcodesAdvice) {
  for (int subcode : {0, 458, 459, 460, 463, 464, 467, 492}) {
    const Notice n = ConnectionExpiredNotice(subcode);
    EXPECT_EQ(n.kind, "connection_expired") << subcode;
    EXPECT_EQ(n.title, "Reconnect Instagram") << subcode;
    EXPECT_EQ(n.body, TokenInvalidAdvice(subcode)) << subcode;
  }
  EXPECT_EQ(ConnectionExpiredNotice().body, TokenInvalidAdvice(0));
}

// The Facebook sign-in's age is a reminder, never an expiry: none before day 50, a reminder that
// syncing goes on from then, "lapsed" from day 60 (the user token's life), still not an expiry.
TEST(Notices, LoginAgeIsAReminderFromDayFiftyNotAnExpiry) {
  constexpr long long kDay = 24 * 3600;
  EXPECT_FALSE(LoginAgeReminder(0));
  EXPECT_FALSE(LoginAgeReminder(-5 * kDay)) << "a clock that went back";
  EXPECT_FALSE(LoginAgeReminder(kLoginReminderDays * kDay - 1));
  auto soon = LoginAgeReminder(kLoginReminderDays * kDay);
  ASSERT_TRUE(soon);
  EXPECT_EQ(soon->age_days, 50);
  EXPECT_FALSE(soon->lapsed);
  EXPECT_NE(soon->message.find("50 days ago"), std::string::npos) << soon->message;
  EXPECT_NE(soon->message.find("keeps syncing"), std::string::npos) << soon->message;
  EXPECT_EQ(soon->message.find("lapsed"), std::string::npos) << soon->message;
  EXPECT_FALSE(LoginAgeReminder(kLoginTokenDays * kDay - 1)->lapsed);
  auto lapsed = LoginAgeReminder(61 * kDay + 3600);
  ASSERT_TRUE(lapsed);
  EXPECT_EQ(lapsed->age_days, 61);
  EXPECT_TRUE(lapsed->lapsed);
  EXPECT_NE(lapsed->message.find("61 days ago"), std::string::npos) << lapsed->message;
  EXPECT_NE(lapsed->message.find("lapsed"), std::string::npos) << lapsed->message;
  EXPECT_NE(lapsed->message.find("keeps syncing"), std::string::npos) << "not an expiry";
  EXPECT_NE(lapsed->message.find("Reconnect"), std::string::npos) << lapsed->message;
  EXPECT_EQ(LoginAgeReminder(400 * kDay)->age_days, 400);
}

}  // namespace
}  // namespace vendly
