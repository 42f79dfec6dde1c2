// The retry backoff of the job queue: doubling, the cap, the jitter range and the handler's floor.
#include <gtest/gtest.h>

#include "jobs/queue.h"

namespace vendly::server {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

milliseconds Backoff(int attempt, double r, milliseconds floor = milliseconds(0)) {
  return internal::RetryBackoff(attempt, seconds(2), seconds(300), r, floor);
}

TEST(JobBackoff, DoublesPerAttemptWithinHalfToAllOfTheStep) {
  EXPECT_EQ(Backoff(1, 0.0), seconds(1));
  EXPECT_EQ(Backoff(1, 1.0), seconds(2));
  EXPECT_EQ(Backoff(2, 0.0), seconds(2));
  EXPECT_EQ(Backoff(2, 1.0), seconds(4));
  EXPECT_EQ(Backoff(4, 1.0), seconds(16));
  EXPECT_EQ(Backoff(4, 0.5), seconds(12));
}

TEST(JobBackoff, StopsGrowingAtTheCapEvenForHugeAttemptCounts) {
  EXPECT_EQ(Backoff(9, 1.0), seconds(300));
  EXPECT_EQ(Backoff(9, 0.0), seconds(150));
  EXPECT_EQ(Backoff(1000000, 1.0), seconds(300));
}

TEST(JobBackoff, NeverShorterThanTheHandlersFloor) {
  EXPECT_EQ(Backoff(1, 0.0, seconds(60)), seconds(60));
  EXPECT_EQ(Backoff(4, 1.0, seconds(3)), seconds(16));
}

TEST(JobBackoff, OutOfRangeRandomIsClamped) {
  EXPECT_EQ(Backoff(1, -3.0), seconds(1));
  EXPECT_EQ(Backoff(1, 7.0), seconds(2));
}

TEST(JobOutcome, NamedConstructorsSetKindAndFields) {
  auto ok = JobOutcome::Succeeded({{"posts", 3}});
  EXPECT_EQ(ok.kind, JobOutcome::Kind::kSucceeded);
  EXPECT_EQ(ok.result["posts"], 3);
  auto retry = JobOutcome::Retry("graph 500", seconds(7));
  EXPECT_EQ(retry.kind, JobOutcome::Kind::kRetry);
  EXPECT_EQ(retry.error, "graph 500");
  EXPECT_EQ(retry.delay, seconds(7));
  EXPECT_EQ(JobOutcome::Dead("bad payload").kind, JobOutcome::Kind::kDead);
  auto defer = JobOutcome::Defer(seconds(30), "throttled");
  EXPECT_EQ(defer.kind, JobOutcome::Kind::kDefer);
  EXPECT_EQ(defer.delay, milliseconds(30000));
}

}  // namespace
}  // namespace vendly::server
