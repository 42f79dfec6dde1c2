// The catalog's small readers: timestamps as Meta and sellers write them, and a post as the core
// reads it.
#include <gtest/gtest.h>

#include "routes/catalog.h"

namespace vendly::server {
namespace {

TEST(ParseTimestamp, MetasFormatIsoDatesAndOffsets) {
  EXPECT_EQ(ParseTimestamp("2026-11-20T08:15:30+0000"), 1795162530);
  EXPECT_EQ(ParseTimestamp("2026-11-20T08:15:30Z"), 1795162530);
  EXPECT_EQ(ParseTimestamp("2026-11-20T11:15:30+03:00"), 1795162530);
  EXPECT_EQ(ParseTimestamp("2026-11-20T05:15:30-0300"), 1795162530);
  EXPECT_EQ(ParseTimestamp("2026-11-20T08:15:30.123Z"), 1795162530);
  EXPECT_EQ(ParseTimestamp("2026-11-20"), 1795132800);
  for (const char* bad : {"", "last week", "2026-13-01", "2026-11-20T25:00:00Z", "2026-11-20T08:15",
                          "2026-11-20T08:15:30+3", "20261120"})
    EXPECT_FALSE(ParseTimestamp(bad)) << bad;
}

TEST(PostOf, ACarouselCountsItsChildrenAndAPostWithoutCaptionReadsEmpty) {
  MediaItem carousel;
  carousel.id = "1";
  carousel.media_type = "CAROUSEL_ALBUM";
  carousel.caption = "Dresses 1,500";
  carousel.children.resize(3);
  vendly::Post p = PostOf(carousel, "UGX");
  EXPECT_EQ(p.children, 3);
  EXPECT_EQ(p.store_currency, "UGX");
  EXPECT_EQ(p.caption, "Dresses 1,500");
  MediaItem bare;
  bare.media_type = "IMAGE";
  EXPECT_EQ(PostOf(bare, "KES").children, 1);
  EXPECT_EQ(PostOf(bare, "KES").caption, "");
}

}  // namespace
}  // namespace vendly::server
