// The poll interval rule of sync.cc: activity brings polls closer, quiet backs them off, and the
// account's rate budget overrides both.
#include <gtest/gtest.h>

#include "jobs/poll.h"

namespace vendly::server {
namespace {

using internal::kBudgetPauseSeconds;
using internal::NextPollSeconds;

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

}  // namespace
}  // namespace vendly::server
