// The media store's pure parts: magic-byte sniffing, media names (the route's traversal guard),
// which URL of a post is an image, the copy job's payload, and content-addressed writes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/config.h"
#include "crypto/crypto.h"
#include "media/media.h"

namespace vendly::server {
namespace {

namespace fs = std::filesystem;

const std::string kPngHead("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
const std::string kSha(64, 'a');

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(MediaSniff, KnowsTheFourImageTypesByTheirMagicBytes) {
  auto jpeg = SniffImageType(std::string("\xFF\xD8\xFF\xE0\0\x10JFIF", 10));
  ASSERT_TRUE(jpeg);
  EXPECT_EQ(jpeg->ext, "jpg");
  EXPECT_EQ(jpeg->content_type, "image/jpeg");
  auto png = SniffImageType(kPngHead);
  ASSERT_TRUE(png);
  EXPECT_EQ(png->ext, "png");
  EXPECT_EQ(png->content_type, "image/png");
  auto webp = SniffImageType(std::string("RIFF\x24\0\0\0WEBPVP8 ", 16));
  ASSERT_TRUE(webp);
  EXPECT_EQ(webp->ext, "webp");
  EXPECT_EQ(webp->content_type, "image/webp");
  for (const char* gif : {"GIF87a\x01\0", "GIF89a\x01\0"}) {
    auto type = SniffImageType(gif);
    ASSERT_TRUE(type) << gif;
    EXPECT_EQ(type->ext, "gif");
    EXPECT_EQ(type->content_type, "image/gif");
  }
}

TEST(MediaSniff, RefusesEverythingElse) {
  EXPECT_FALSE(SniffImageType(""));
  EXPECT_FALSE(SniffImageType("\xFF\xD8"));                                 // JPEG cut short
  EXPECT_FALSE(SniffImageType(kPngHead.substr(0, 7)));                      // PNG cut short
  EXPECT_FALSE(SniffImageType(std::string("RIFF\x24\0\0\0WAVEfmt ", 16)));  // RIFF, not WebP
  EXPECT_FALSE(SniffImageType("GIF90a"));
  EXPECT_FALSE(SniffImageType("<!DOCTYPE html><html>"));
  EXPECT_FALSE(SniffImageType("{\"error\":\"expired\"}"));
  // Videos are not stored (a video post contributes its thumbnail).
  EXPECT_FALSE(
      SniffImageType(std::string("\0\0\0\x18"
                                 "ftypisom\0\0\x02\0",
                                 16)));
}

TEST(MediaName, AcceptsOnlyLowercaseSha256AndAKnownExtension) {
  auto png = ParseMediaName(kSha + ".png");
  ASSERT_TRUE(png);
  EXPECT_EQ(png->content_type, "image/png");
  EXPECT_EQ(ParseMediaName(kSha + ".jpg")->content_type, "image/jpeg");
  EXPECT_EQ(ParseMediaName(kSha + ".webp")->content_type, "image/webp");
  EXPECT_EQ(ParseMediaName(kSha + ".gif")->content_type, "image/gif");

  EXPECT_FALSE(ParseMediaName(""));
  EXPECT_FALSE(ParseMediaName(".."));
  EXPECT_FALSE(ParseMediaName("../" + kSha.substr(3) + ".png"));
  EXPECT_FALSE(ParseMediaName(kSha.substr(1) + ".png"));         // 63 digits
  EXPECT_FALSE(ParseMediaName(kSha + "a.png"));                  // 65 digits
  EXPECT_FALSE(ParseMediaName(std::string(64, 'A') + ".png"));   // uppercase
  EXPECT_FALSE(ParseMediaName(std::string(63, 'a') + "g.png"));  // not hex
  EXPECT_FALSE(ParseMediaName(kSha + ".PNG"));
  EXPECT_FALSE(ParseMediaName(kSha + ".mp4"));
  EXPECT_FALSE(ParseMediaName(kSha + ".png/"));
  EXPECT_FALSE(ParseMediaName(kSha + ".png.."));
  EXPECT_FALSE(ParseMediaName(kSha));
  EXPECT_FALSE(ParseMediaName(kSha + std::string(".png\0.txt", 9)));
}

MediaItem Item(const std::string& id, const std::string& type, std::optional<std::string> media_url,
               std::optional<std::string> thumbnail_url) {
  MediaItem item;
  item.id = id;
  item.media_type = type;
  item.media_url = std::move(media_url);
  item.thumbnail_url = std::move(thumbnail_url);
  return item;
}

TEST(MediaSources, APhotoItsUrlAVideoItsThumbnailACarouselEachSlide) {
  auto photo = PostImageSources(Item("1", "IMAGE", "https://cdn/1_n.jpg", std::nullopt));
  ASSERT_EQ(photo.size(), 1u);
  EXPECT_EQ(photo[0].position, 0);
  EXPECT_EQ(photo[0].url, "https://cdn/1_n.jpg");
  EXPECT_FALSE(photo[0].child_id);

  auto video = PostImageSources(Item("2", "VIDEO", "https://cdn/2.mp4", "https://cdn/2_t.jpg"));
  ASSERT_EQ(video.size(), 1u);
  EXPECT_EQ(video[0].url, "https://cdn/2_t.jpg");

  // Copyright-flagged: no media_url, the thumbnail stands in.
  auto flagged = PostImageSources(Item("3", "IMAGE", std::nullopt, "https://cdn/3_t.jpg"));
  ASSERT_EQ(flagged.size(), 1u);
  EXPECT_EQ(flagged[0].url, "https://cdn/3_t.jpg");
  EXPECT_TRUE(PostImageSources(Item("4", "VIDEO", "https://cdn/4.mp4", std::nullopt)).empty());

  MediaItem carousel = Item("5", "CAROUSEL_ALBUM", "https://cdn/first.jpg", std::nullopt);
  carousel.children = {Item("51", "IMAGE", "https://cdn/51.jpg", std::nullopt),
                       Item("52", "VIDEO", "https://cdn/52.mp4", std::nullopt),  // no image
                       Item("53", "VIDEO", "https://cdn/53.mp4", "https://cdn/53_t.jpg")};
  auto slides = PostImageSources(carousel);
  ASSERT_EQ(slides.size(), 2u);
  EXPECT_EQ(slides[0].position, 0);
  EXPECT_EQ(*slides[0].child_id, "51");
  EXPECT_EQ(slides[1].position, 2);  // a slide's place in the post, even when one is skipped
  EXPECT_EQ(*slides[1].child_id, "53");
  EXPECT_EQ(slides[1].url, "https://cdn/53_t.jpg");
  // Slides not expanded: nothing to copy rather than a guess.
  EXPECT_TRUE(
      PostImageSources(Item("6", "CAROUSEL_ALBUM", "https://cdn/6.jpg", std::nullopt)).empty());
}

TEST(MediaCopyJob, CarriesThePostsSourcesAndOneActiveJobPerPost) {
  MediaItem carousel = Item("17900", "CAROUSEL_ALBUM", std::nullopt, std::nullopt);
  carousel.children = {Item("c1", "IMAGE", "https://cdn/c1.jpg", std::nullopt),
                       Item("c2", "IMAGE", "https://cdn/c2.jpg", std::nullopt)};
  JobSpec spec = MediaCopyJob("str_1", "igc_1", carousel);
  EXPECT_EQ(spec.kind, "media_copy");
  EXPECT_EQ(*spec.store_id, "str_1");
  EXPECT_EQ(*spec.dedupe_key, "media_copy:str_1:17900");
  EXPECT_EQ(spec.payload["storeId"], "str_1");
  EXPECT_EQ(spec.payload["connectionId"], "igc_1");
  EXPECT_EQ(spec.payload["igMediaId"], "17900");
  ASSERT_EQ(spec.payload["sources"].size(), 2u);
  EXPECT_EQ(spec.payload["sources"][1],
            nlohmann::json({{"position", 1}, {"url", "https://cdn/c2.jpg"}, {"childId", "c2"}}));
  JobSpec photo = MediaCopyJob("str_1", "igc_1", Item("9", "IMAGE", "https://cdn/9.jpg", {}));
  EXPECT_TRUE(photo.payload["sources"][0]["childId"].is_null());
}

class MediaStoreBytes : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/vendly-media-unit.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    config_.media_dir = dir_ + "/media";
    config_.public_url = "http://shop.example";
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::size_t Files() const {
    std::size_t n = 0;
    for (auto it = fs::recursive_directory_iterator(config_.media_dir);
         it != fs::recursive_directory_iterator(); ++it)
      n += it->is_regular_file() ? 1 : 0;
    return n;
  }
  std::string dir_;
  Config config_;
};

TEST_F(MediaStoreBytes, WritesOnceUnderItsSha256) {
  const std::string bytes = kPngHead + "pixels";
  auto first = StoreMediaBytes(config_, bytes);
  ASSERT_TRUE(first.ok()) << first.status().message();
  const std::string sha = Sha256Hex(bytes);
  EXPECT_EQ(first->sha256, sha);
  EXPECT_EQ(first->ext, "png");
  EXPECT_EQ(first->content_type, "image/png");
  EXPECT_EQ(first->size, bytes.size());
  EXPECT_EQ(first->storage_key, sha.substr(0, 2) + "/" + sha + ".png");
  EXPECT_EQ(first->url, "http://shop.example/api/media/" + sha + ".png");
  EXPECT_EQ(ReadAll(fs::path(config_.media_dir) / first->storage_key), bytes);

  auto again = StoreMediaBytes(config_, bytes);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->storage_key, first->storage_key);
  EXPECT_EQ(Files(), 1u);  // one copy, no temporary file left behind

  ASSERT_TRUE(StoreMediaBytes(config_, kPngHead + "other pixels").ok());
  EXPECT_EQ(Files(), 2u);
}

TEST_F(MediaStoreBytes, RepairsATruncatedCopy) {
  const std::string bytes = kPngHead + "a full picture";
  auto first = StoreMediaBytes(config_, bytes);
  ASSERT_TRUE(first.ok());
  const fs::path path = fs::path(config_.media_dir) / first->storage_key;
  fs::resize_file(path, 5);
  ASSERT_TRUE(StoreMediaBytes(config_, bytes).ok());
  EXPECT_EQ(ReadAll(path), bytes);
}

TEST_F(MediaStoreBytes, RefusesNonImagesAndOversizeBytes) {
  auto html = StoreMediaBytes(config_, "<html>not a picture</html>");
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.status().code(), kMediaRejected);
  config_.media_max_bytes = 32;
  auto big = StoreMediaBytes(config_, kPngHead + std::string(17, 'x'));
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), kMediaRejected);
  EXPECT_TRUE(StoreMediaBytes(config_, kPngHead + std::string(16, 'x')).ok());  // exactly 32
  EXPECT_EQ(Files(), 1u);
}

TEST_F(MediaStoreBytes, AnUnwritableDirectoryIsATransientFailure) {
  config_.media_dir = "/proc/vendly-media-cannot-exist";
  auto stored = StoreMediaBytes(config_, kPngHead);
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(stored.status().code(), kMediaUnavailable);
}

}  // namespace
}  // namespace vendly::server
