// The Graph-error policy every job follows (shared/include/vendly/job_policy.h), from what the
// scan, sync and media integration tests assert: a throttled scan waits rather than hammering and
// the connection remembers the throttle; an expired token stops the job and the connection; a
// poll never comes back sooner than its own floor; outages are retried.
#include "vendly/job_policy.h"

#include <gtest/gtest.h>

#include "vendly/notices.h"

namespace vendly {
namespace {

GraphErrorDecision Decide(GraphFailure failure, int retry_after = 0, int min_s = 1,
                          int max_s = 3600) {
  return DecideGraphError({failure, retry_after}, {min_s, max_s});
}

TEST(JobPolicy, ThrottlingDefersForMetasEstimateAndThrottlesTheConnection) {
  auto d = Decide(GraphFailure::kThrottled, 120);
  EXPECT_EQ(d.action, GraphAction::kDefer);
  EXPECT_EQ(d.wait_seconds, 120);
  EXPECT_TRUE(d.throttle_connection);
  EXPECT_EQ(d.code, "throttled");
}

TEST(JobPolicy, ASpentBudgetIsHandledLikeThrottling) {
  auto d = Decide(GraphFailure::kBudgetExhausted, 30);
  EXPECT_EQ(d.action, GraphAction::kDefer);
  EXPECT_EQ(d.wait_seconds, 30);
  EXPECT_TRUE(d.throttle_connection);
}

TEST(JobPolicy, TheWaitIsAtLeastTheJobsFloorAndOneSecond) {
  EXPECT_EQ(Decide(GraphFailure::kThrottled, 0).wait_seconds, 1);
  EXPECT_EQ(Decide(GraphFailure::kThrottled, -5).wait_seconds, 1);
  EXPECT_EQ(Decide(GraphFailure::kThrottled, 10, 60).wait_seconds, 60) << "a poll's floor";
  EXPECT_EQ(Decide(GraphFailure::kThrottled, 90, 60).wait_seconds, 90);
}

TEST(JobPolicy, TheWaitIsCappedAtTheLongestDefer) {
  EXPECT_EQ(Decide(GraphFailure::kThrottled, 86400, 1, 3600).wait_seconds, 3600);
  EXPECT_EQ(Decide(GraphFailure::kThrottled, 10, 600, 300).wait_seconds, 300)
      << "the cap wins over the floor";
  EXPECT_EQ(Decide(GraphFailure::kThrottled, 10, 1, 0).wait_seconds, 1) << "never zero";
}

TEST(JobPolicy, ARejectedTokenExpiresTheConnection) {
  auto d = Decide(GraphFailure::kTokenInvalid, 120);
  EXPECT_EQ(d.action, GraphAction::kConnectionExpired);
  EXPECT_EQ(d.code, "connection_expired");
  EXPECT_FALSE(d.throttle_connection);
  EXPECT_EQ(d.wait_seconds, 0);
}

TEST(JobPolicy, AMissingPermissionEndsTheJob) {
  auto d = Decide(GraphFailure::kPermission);
  EXPECT_EQ(d.action, GraphAction::kDead);
  EXPECT_EQ(d.code, "permission_missing");
  EXPECT_FALSE(d.throttle_connection);
}

TEST(JobPolicy, EverythingElseIsRetried) {
  for (GraphFailure f :
       {GraphFailure::kTransient, GraphFailure::kBadResponse, GraphFailure::kOther}) {
    auto d = Decide(f, 50);
    EXPECT_EQ(d.action, GraphAction::kRetry);
    EXPECT_EQ(d.code, "graph_error");
    EXPECT_FALSE(d.throttle_connection);
    EXPECT_EQ(d.wait_seconds, 0);
  }
}

TEST(JobPolicy, EveryDecisionHasACodeAndASentence) {
  for (GraphFailure f :
       {GraphFailure::kThrottled, GraphFailure::kBudgetExhausted, GraphFailure::kTransient,
        GraphFailure::kTokenInvalid, GraphFailure::kPermission, GraphFailure::kBadResponse,
        GraphFailure::kOther}) {
    auto d = Decide(f, 5);
    EXPECT_FALSE(d.code.empty());
    EXPECT_FALSE(d.message.empty());
  }
  EXPECT_STREQ(GraphActionName(GraphAction::kDefer), "defer");
  EXPECT_STREQ(GraphActionName(GraphAction::kConnectionExpired), "connection_expired");
}

TEST(JobPolicy, MetasSlowDownCodesAreThrottling) {
  for (int code : {4, 17, 32, 368, 613, 80001, 80002}) EXPECT_TRUE(IsThrottlingCode(code)) << code;
  for (int code : {0, 1, 2, 10, 100, 190, 200, 299, 80000, 80003, 369})
    EXPECT_FALSE(IsThrottlingCode(code)) << code;
}

TEST(JobPolicy, ReadsRetryAfterInSeconds) {
  EXPECT_EQ(RetryAfterHeaderSeconds("120"), 120);
  EXPECT_EQ(RetryAfterHeaderSeconds("0"), 0);
  EXPECT_EQ(RetryAfterHeaderSeconds(""), -1) << "absent";
  EXPECT_EQ(RetryAfterHeaderSeconds("Wed, 21 Oct 2026 07:28:00 GMT"), -1)
      << "a date is not seconds";
  EXPECT_EQ(RetryAfterHeaderSeconds("-5"), -1);
  EXPECT_EQ(RetryAfterHeaderSeconds(" 30"), -1);
  EXPECT_EQ(RetryAfterHeaderSeconds("9999999999"), -1) << "too long to be a wait";
}

TEST(JobPolicy, TheThrottleWaitIsRetryAfterThenTheUsageEstimateThenTheDefault) {
  EXPECT_EQ(ThrottleWaitSeconds(4, 90, 5, 60), 90) << "Retry-After wins";
  EXPECT_EQ(ThrottleWaitSeconds(80001, 0, 5, 60), 300)
      << "estimated_time_to_regain_access, minutes";
  EXPECT_EQ(ThrottleWaitSeconds(80002, -1, -3, 60), 60) << "nothing from Meta: the default";
  EXPECT_EQ(ThrottleWaitSeconds(32, 0, 0, 120), 120);
}

TEST(JobPolicy, APolicyBlockWaitsAtLeastAnHourUnlessMetaSaysWhen) {
  EXPECT_EQ(ThrottleWaitSeconds(368, 0, 0, 60), kPolicyBlockSeconds);
  EXPECT_EQ(kPolicyBlockSeconds, 3600);
  EXPECT_EQ(ThrottleWaitSeconds(368, 0, 0, 7200), 7200) << "a longer default stays";
  EXPECT_EQ(ThrottleWaitSeconds(368, 30, 0, 60), 30) << "Meta's own Retry-After";
  EXPECT_EQ(ThrottleWaitSeconds(368, 0, 2, 60), 120) << "Meta's own estimate";
  EXPECT_EQ(ThrottleWaitSeconds(4, 0, 0, 60), 60) << "a rate limit is not a policy block";
}

TEST(JobPolicy, ARejectedTokensMessageIsTheSubcodesAdvice) {
  for (int subcode : {0, 458, 459, 460, 463, 464, 467, 492}) {
    const GraphErrorDecision d =
        DecideGraphError({GraphFailure::kTokenInvalid, 0, subcode}, {1, 3600});
    EXPECT_EQ(d.action, GraphAction::kConnectionExpired) << subcode;
    EXPECT_EQ(d.message, TokenInvalidAdvice(subcode)) << subcode;
  }
  EXPECT_NE(DecideGraphError({GraphFailure::kTokenInvalid, 0, 459}, {1, 3600}).message,
            DecideGraphError({GraphFailure::kTokenInvalid, 0, 0}, {1, 3600}).message);
}

}  // namespace
}  // namespace vendly
