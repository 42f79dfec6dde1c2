// A draft's imagesStatus (shared/include/vendly/media_status.h).
#include "vendly/media_status.h"

#include <gtest/gtest.h>

namespace vendly {
namespace {

TEST(ImagesStatus, CopyingWhileTheJobIsActiveWhateverIsStoredSoFar) {
  EXPECT_EQ(ImagesStatus({0, 0, 0, 0, true}), "copying");
  EXPECT_EQ(ImagesStatus({2, 1, 0, 0, true}), "copying");
  EXPECT_EQ(ImagesStatus({1, 0, 1, 1, true}), "copying");
}

TEST(ImagesStatus, OnceTheJobEndedItSaysWhatCameOfIt) {
  EXPECT_EQ(ImagesStatus({}), "none");
  EXPECT_EQ(ImagesStatus({3, 0, 0, 0, false}), "copied");
  EXPECT_EQ(ImagesStatus({2, 0, 1, 0, false}), "failed");
  EXPECT_EQ(ImagesStatus({2, 1, 0, 0, false}), "failed");  // the job gave up with one pending
  EXPECT_EQ(ImagesStatus({0, 0, 1, 1, false}), "refused");
  EXPECT_EQ(ImagesStatus({1, 0, 2, 1, false}), "refused");  // a refused host is named first
}

}  // namespace
}  // namespace vendly
