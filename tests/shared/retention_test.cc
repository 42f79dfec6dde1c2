// Housekeeping's rule (shared/include/vendly/retention.h): only finished jobs and processed webhook
// events go, and only once they ended longer ago than their retention.
#include "vendly/retention.h"

#include <gtest/gtest.h>

namespace vendly {
namespace {

constexpr long long kDay = 86400;

TEST(Retention, OnlyFinishedJobsMayGo) {
  for (const char* status : {"succeeded", "failed", "cancelled"}) {
    EXPECT_TRUE(JobIsFinished(status)) << status;
    EXPECT_TRUE(MayDeleteJob(status, 15 * kDay, 14)) << status;
  }
  for (const char* status : {"queued", "running", "", "Succeeded", "done"}) {
    EXPECT_FALSE(JobIsFinished(status)) << status;
    EXPECT_FALSE(MayDeleteJob(status, 1000 * kDay, 14)) << status;
  }
}

TEST(Retention, OnlyProcessedWebhookEventsMayGo) {
  for (const char* status : {"completed", "ignored", "failed"}) {
    EXPECT_TRUE(WebhookEventIsProcessed(status)) << status;
    EXPECT_TRUE(MayDeleteWebhookEvent(status, 31 * kDay, 30)) << status;
  }
  for (const char* status : {"pending", "processing", "", "COMPLETED"}) {
    EXPECT_FALSE(WebhookEventIsProcessed(status)) << status;
    EXPECT_FALSE(MayDeleteWebhookEvent(status, 1000 * kDay, 30)) << status;
  }
}

TEST(Retention, ARowGoesOnlyOnceItEndedLongerAgoThanItsRetention) {
  EXPECT_EQ(RetentionAgeSeconds(14), 14 * kDay);
  EXPECT_EQ(RetentionAgeSeconds(kMaxRetentionDays), 3650LL * kDay);  // no int overflow
  EXPECT_FALSE(MayDeleteJob("succeeded", 14 * kDay, 14));            // exactly the retention: kept
  EXPECT_TRUE(MayDeleteJob("succeeded", 14 * kDay + 1, 14));
  EXPECT_FALSE(MayDeleteJob("succeeded", 13 * kDay, 14));
  EXPECT_FALSE(MayDeleteWebhookEvent("completed", 30 * kDay, 30));
  EXPECT_TRUE(MayDeleteWebhookEvent("completed", 30 * kDay + 1, 30));
  // No end time (finished_at or processed_at missing): never deleted.
  EXPECT_FALSE(MayDeleteJob("failed", -1, 1));
  EXPECT_FALSE(MayDeleteWebhookEvent("ignored", -1, 2));
}

TEST(Retention, TheShortestRetentionsOutliveTheMetricsWindowAndMetasRedeliveries) {
  EXPECT_GE(RetentionAgeSeconds(kMinJobRetentionDays), kDay);           // /metrics reads 24 h
  EXPECT_GE(RetentionAgeSeconds(kMinWebhookRetentionDays), 36 * 3600);  // Meta redelivers 36 h
  EXPECT_GE(kDefaultJobRetentionDays, kMinJobRetentionDays);
  EXPECT_GE(kDefaultWebhookRetentionDays, kMinWebhookRetentionDays);
}

TEST(Retention, AnotherBatchOnlyAfterAFullOne) {
  EXPECT_TRUE(RetentionHasMore(500, 500));
  EXPECT_FALSE(RetentionHasMore(499, 500));
  EXPECT_FALSE(RetentionHasMore(0, 500));
  EXPECT_FALSE(RetentionHasMore(0, 0));
}

}  // namespace
}  // namespace vendly
