// The sign-in throttle's rule (shared/include/vendly/throttle.h): free attempts, then a doubling
// wait up to a cap; refused attempts are not counted, so the wait never grows past the cap; a
// success gives its count back; an idle counter is forgotten; the usual address skips the
// account's counter.
#include "vendly/throttle.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace vendly {
namespace {

constexpr ThrottleRule kRule{3, 2, 60, 3600};

ThrottleState Counter(int attempts, long long blocked = 0, long long idle = 1) {
  return {attempts, blocked, idle};
}

TEST(Throttle, DelayIsZeroForTheFreeAttemptsThenDoublesUpToTheCap) {
  EXPECT_EQ(ThrottleDelaySeconds(kRule, 0), 0);
  EXPECT_EQ(ThrottleDelaySeconds(kRule, 3), 0);
  EXPECT_EQ(ThrottleDelaySeconds(kRule, 4), 2);
  EXPECT_EQ(ThrottleDelaySeconds(kRule, 5), 4);
  EXPECT_EQ(ThrottleDelaySeconds(kRule, 6), 8);
  EXPECT_EQ(ThrottleDelaySeconds(kRule, 8), 32);
  EXPECT_EQ(ThrottleDelaySeconds(kRule, 9), 60);
  EXPECT_EQ(ThrottleDelaySeconds(kRule, 1000000), 60);  // no overflow
}

TEST(Throttle, AnAttemptIsCountedBeforeItIsChecked) {
  auto first = DecideAttempt(kRule, ThrottleState{});
  EXPECT_TRUE(first.allowed);
  EXPECT_EQ(first.attempts, 1);
  EXPECT_EQ(first.block_seconds, 0);
  auto fourth = DecideAttempt(kRule, Counter(3));
  EXPECT_TRUE(fourth.allowed);
  EXPECT_EQ(fourth.attempts, 4);
  EXPECT_EQ(fourth.block_seconds, 2);  // the next one waits
}

TEST(Throttle, ABlockedAttemptIsRefusedUncountedWithTheWaitLeft) {
  auto d = DecideAttempt(kRule, Counter(6, 5));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after_seconds, 5);
  EXPECT_EQ(d.attempts, 6);
  EXPECT_EQ(DecideAttempt(kRule, Counter(6, 9999)).retry_after_seconds, 60);  // never past the cap
}

TEST(Throttle, ASteadyAttackerWaitsAtMostTheCapBetweenCheckedAttempts) {
  ThrottleState state;
  int checked = 0;
  int longest = 0;
  for (int second = 0; second < 3600; ++second) {
    auto d = DecideAttempt(kRule, state);
    if (d.allowed) {
      ++checked;
      state = Counter(d.attempts, d.block_seconds, 0);
      longest = std::max(longest, d.block_seconds);
    } else {
      state.blocked_seconds -= 1;
      state.idle_seconds += 1;
    }
  }
  EXPECT_EQ(longest, 60);
  EXPECT_GE(checked, 3600 / 60);  // the account is never locked for good
  EXPECT_LE(checked, 3 + 3600 / 60 + 6);
}

TEST(Throttle, ASuccessGivesItsCountBack) {
  auto d = Forgive(kRule, Counter(4, 2));
  EXPECT_EQ(d.attempts, 3);
  EXPECT_EQ(d.block_seconds, 0);  // back within the free attempts: the block goes
  auto later = Forgive(kRule, Counter(7, 16));
  EXPECT_EQ(later.attempts, 6);
  EXPECT_GT(later.block_seconds, 0);  // still past them: the stored block stays
  EXPECT_EQ(Forgive(kRule, Counter(0)).attempts, 0);
}

TEST(Throttle, AnIdleCounterIsForgotten) {
  EXPECT_EQ(DecideAttempt(kRule, Counter(50, 0, 3599)).attempts, 51);
  auto fresh = DecideAttempt(kRule, Counter(50, 0, 3600));
  EXPECT_EQ(fresh.attempts, 1);
  EXPECT_EQ(fresh.block_seconds, 0);
}

TEST(Throttle, TheUsualAddressSkipsTheAccountsCounterOnly) {
  EXPECT_TRUE(CountersForLogin(false).account);
  EXPECT_TRUE(CountersForLogin(false).address);
  EXPECT_FALSE(CountersForLogin(true).account);
  EXPECT_TRUE(CountersForLogin(true).address);
}

TEST(Throttle, TheServersRulesHoldBackAFloodOfGuesses) {
  // 300 guesses in 10 s, one every 1/30 s: with the login rule few are checked.
  ThrottleState state;
  int checked = 0;
  double blocked_until = 0;
  for (int i = 0; i < 300; ++i) {
    const double now = i / 30.0;
    state.blocked_seconds = now < blocked_until ? 1 : 0;
    auto d = DecideAttempt(kLoginAccountRule, state);
    if (!d.allowed) continue;
    ++checked;
    state = Counter(d.attempts, 0, 0);
    blocked_until = now + d.block_seconds;
  }
  EXPECT_LE(checked, 10);
  EXPECT_GE(checked, kLoginAccountRule.free_attempts);
}

}  // namespace
}  // namespace vendly
